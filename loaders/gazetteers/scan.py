"""One scan of a document with every gazetteer at once; its windows answered from the sorted hits.

Extractors ask the place, park, industry and firm matchers about the document's sentences, clauses and
lists thousands of times, and scanning each window again read the text about eight times over. Within
`scanning(text, matchers)` (the pipeline opens it around one document), `find_in(matcher, text, start, end)`
answers a window of that very text from one Aho-Corasick pass of a combined automaton: every hit the
window holds, settled leftmost-longest by the same rule a scan of the window itself uses, so the answer is
the same. Any other text (a phrase, a name) is scanned as before.

The scan in force is a context variable keyed by the text object itself: it never answers for another
document, it ends with the document, and threads processing documents side by side each see their own.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

import ahocorasick

from loaders.gazetteers.matcher import Hit, SurfaceMatcher, leftmost_longest


class DocumentScan:
    """Every hit of each matcher in one text, in reading order, with their starts for bisection."""

    def __init__(self, text: str, matchers: Sequence[SurfaceMatcher]):
        self.text = text
        # (start, start - end, hit): sorted as tuples of ints, reading order without a key function per hit
        # (a matcher's hits differ in their span, so the hit itself is never compared).
        found: dict[SurfaceMatcher, list[tuple[int, int, Hit]]] = {matcher: [] for matcher in matchers}
        automaton = _combined(tuple(matchers))
        if len(automaton):
            for end, (surface, owners) in automaton.iter(text):
                start = end - len(surface) + 1
                for matcher, values in owners:
                    found[matcher].append((start, start - end - 1, Hit(start, end + 1, surface, values)))
        self.hits: dict[SurfaceMatcher, list[Hit]] = {}
        self.starts: dict[SurfaceMatcher, list[int]] = {}
        for matcher, entries in found.items():
            entries.sort()
            self.hits[matcher] = [entry[2] for entry in entries]
            self.starts[matcher] = [entry[0] for entry in entries]

    def find(self, matcher: SurfaceMatcher, start: int, end: int, skip: frozenset[str] = frozenset()) -> list[Hit]:
        """`matcher`'s leftmost-longest hits inside text[start:end], with offsets into the text."""
        starts = self.starts[matcher]
        first = bisect.bisect_left(starts, start)
        last = bisect.bisect_left(starts, end, first)
        if first == last:  # most windows asked about hold no hit of the matcher asked
            return []
        return leftmost_longest([hit for hit in self.hits[matcher][first:last] if hit.end <= end], skip)


@lru_cache(maxsize=1)
def _combined(matchers: tuple[SurfaceMatcher, ...]) -> ahocorasick.Automaton:
    """One automaton over every matcher's forms; a form's value names each matcher that has it, with its values."""
    owners: dict[str, list[tuple[SurfaceMatcher, tuple]]] = {}
    for matcher in matchers:
        for surface, values in matcher.table.items():
            owners.setdefault(surface, []).append((matcher, values))
    automaton = ahocorasick.Automaton()
    for surface, owned in owners.items():
        automaton.add_word(surface, (surface, tuple(owned)))
    if owners:
        automaton.make_automaton()
    return automaton


_SCAN: ContextVar[DocumentScan | None] = ContextVar("document_scan", default=None)


@contextmanager
def scanning(text: str, matchers: Sequence[SurfaceMatcher]) -> Iterator[DocumentScan]:
    """Scan `text` once with every matcher; `find_in` answers its windows from the scan until the block ends."""
    scan = DocumentScan(text, matchers)
    token = _SCAN.set(scan)
    try:
        yield scan
    finally:
        _SCAN.reset(token)


def find_in(matcher: SurfaceMatcher, text: str, start: int = 0, end: int | None = None,
            skip: frozenset[str] = frozenset()) -> list[Hit]:
    """`matcher`'s leftmost-longest hits inside text[start:end], with offsets into `text`: from the document's
    scan when `text` is the document being scanned, else from a scan of the window."""
    stop = len(text) if end is None else end
    scan = _SCAN.get()
    if scan is not None and scan.text is text and matcher in scan.hits and 0 <= start <= stop:
        return scan.find(matcher, start, min(stop, len(text)), skip)
    if start == 0 and stop >= len(text):
        return matcher.find(text, skip)
    return [Hit(start + hit.start, start + hit.end, hit.surface, hit.values)
            for hit in matcher.find(text[start:stop], skip)]
