"""Chinese word segmentation and part-of-speech tags (jieba), cached.

Extraction asks jieba small questions many times over the same short phrases (is this list item opened
by a verb? does this park name start with a proper noun?); caching the answers keeps it off the hot path.
"""

from __future__ import annotations

from functools import lru_cache

import jieba
import jieba.posseg as posseg

jieba.setLogLevel(60)


@lru_cache(maxsize=65536)
def tags(text: str) -> tuple[tuple[str, str], ...]:
    """(word, part-of-speech flag) pairs of `text`."""
    return tuple((token.word, token.flag) for token in posseg.lcut(text))


@lru_cache(maxsize=65536)
def first_tag(text: str) -> str:
    """The part-of-speech flag of the first word ("" for empty text).

    Dictionary words only (no HMM for unknown runs): the first word of a short phrase is what decides whether
    it opens a clause, and the HMM pass over unknown words was a quarter of extraction time."""
    for token in posseg.cut(text, HMM=False):
        return token.flag
    return ""


def opening_flags(text: str) -> frozenset[str] | None:
    """Every flag `first_tag(text)` can answer, from the dictionary words `text` starts with (None when it does
    not start with a Han character, whose first word jieba finds otherwise).

    The first word is one of these, chosen by a route over the whole text: a caller that only asks whether
    the flag is one of a few is answered here when none of them is possible, without that route."""
    if not "\u4e00" <= text[:1] <= "\u9fd5":
        return None
    jieba.dt.check_initialized()
    frequencies, flags = jieba.dt.FREQ, posseg.dt.word_tag_tab
    found = {flags.get(text[0], "x")}
    for stop in range(2, len(text) + 1):
        prefix = text[:stop]
        if prefix not in frequencies:  # the dictionary holds every prefix of its words: none is longer
            break
        if frequencies[prefix]:
            found.add(flags.get(prefix, "x"))
    return frozenset(found)


@lru_cache(maxsize=65536)
def words(text: str) -> tuple[str, ...]:
    """The words of `text` as jieba segments it."""
    return tuple(jieba.cut(text))


def load() -> None:
    """Load jieba's dictionary now rather than at the first question: a process that keeps it loads it with its
    other dictionaries, before it marks them all as permanent (loaders.pipeline.gazetteers)."""
    jieba.initialize()
