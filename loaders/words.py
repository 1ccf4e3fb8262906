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


@lru_cache(maxsize=65536)
def words(text: str) -> tuple[str, ...]:
    """The words of `text` as jieba segments it."""
    return tuple(jieba.cut(text))


def load() -> None:
    """Load jieba's dictionary now rather than at the first question: a process that keeps it loads it with its
    other dictionaries, before it marks them all as permanent (loaders.pipeline.gazetteers)."""
    jieba.initialize()
