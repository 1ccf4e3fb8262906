"""Leftmost-longest multi-pattern matching (pyahocorasick) over gazetteer surface forms."""

from __future__ import annotations

from collections.abc import Iterable

import ahocorasick

FIND_CACHE = 8192  # texts whose hits are kept, per matcher


class Hit:
    """One occurrence of a surface form: text[start:end] == surface. Never changed once made (scans and caches
    share hits), compared and hashed by value.

    A plain class with slots, not a frozen dataclass: a document's scan makes tens of thousands of hits, and a
    frozen dataclass's __init__ (object.__setattr__ per field) took five times as long to make each."""

    __slots__ = ("start", "end", "surface", "values")

    def __init__(self, start: int, end: int, surface: str, values: tuple):
        self.start = start
        self.end = end
        self.surface = surface
        self.values = values  # what the surface form stands for (usually entry ids; may be ambiguous)

    def _key(self) -> tuple:
        return self.start, self.end, self.surface, self.values

    def __eq__(self, other: object) -> bool:
        return other.__class__ is self.__class__ and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Hit(start={self.start!r}, end={self.end!r}, surface={self.surface!r}, values={self.values!r})"


class SurfaceMatcher:
    """Finds every occurrence of known surface forms, keeping the longest where they overlap."""

    def __init__(self, forms: Iterable[tuple[str, object]]):
        table: dict[str, list] = {}
        for surface, value in forms:
            if surface and value not in table.setdefault(surface, []):
                table[surface].append(value)
        self.table = {surface: tuple(values) for surface, values in table.items()}  # what a combined scan is built from
        self.automaton = ahocorasick.Automaton()
        for surface, values in table.items():
            self.automaton.add_word(surface, (surface, tuple(values)))
        self.size = len(table)
        if table:
            self.automaton.make_automaton()
        self._found: dict[tuple[str, frozenset[str]], tuple[Hit, ...]] = {}

    def find_all(self, text: str) -> list[Hit]:
        """All overlapping hits."""
        if not self.size:
            return []
        return [
            Hit(end - len(surface) + 1, end + 1, surface, values)
            for end, (surface, values) in self.automaton.iter(text)
        ]

    def find(self, text: str, skip: frozenset[str] = frozenset()) -> list[Hit]:
        """Non-overlapping hits, leftmost first, longest among those starting together.

        Forms in `skip` are dropped before overlaps are settled: a common word that is also a place name
        ("大安") must not hide the place it overlaps ("做大安康…" names 安康).

        Windows of the document being extracted are answered from its one scan (`scan.find_in`); what comes
        here are phrases and names cut from it (list items, park names, agency names), which extractors ask
        about many times, so answers are kept for the last few thousand texts."""
        key = (text, skip)
        found = self._found.get(key)
        if found is None:
            if len(self._found) >= FIND_CACHE:
                self._found.clear()
            found = self._found[key] = tuple(self._find(text, skip))
        return list(found)

    def _find(self, text: str, skip: frozenset[str]) -> list[Hit]:
        # Not the automaton's iter_long: its walk drops a term that ends the text inside a longer term's
        # prefix ("…、节能与新能源" loses 新能源 to 节能与新能源汽车), so a list's last item went unread.
        return leftmost_longest(sorted(self.find_all(text), key=reading_order), skip)


def reading_order(hit: Hit) -> tuple[int, int]:
    """Leftmost first, longest first among hits that start together."""
    return hit.start, hit.start - hit.end


def leftmost_longest(hits: Iterable[Hit], skip: frozenset[str] = frozenset()) -> list[Hit]:
    """The non-overlapping hits a reader takes from `hits` (in `reading_order`), forms in `skip` left out
    before overlaps are settled. The one rule both a text's own scan and a window of a document's scan use."""
    chosen: list[Hit] = []
    cursor = -1
    for hit in hits:
        if hit.start >= cursor and hit.surface not in skip:
            chosen.append(hit)
            cursor = hit.end
    return chosen

    def __contains__(self, surface: str) -> bool:
        return self.size > 0 and surface in self.automaton

