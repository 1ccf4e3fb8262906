"""Extraction: one module per fact family; each takes segmented text and returns mentions."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from loaders.segment import Segmented


@dataclass
class Mention:
    """A span of the normalised text that names an entity.

    `key` is the canonical id when a gazetteer resolved it, else the canonical name the resolver turns
    into an id. `props` carries what the extractor learned (kind, level, the place a park is in, …).
    """

    label: str
    start: int
    end: int
    surface: str
    key: str
    name: str
    props: dict = field(default_factory=dict)

    def inside(self, start: int, end: int) -> bool:
        return start <= self.start and self.end <= end


@dataclass
class DocContext:
    """What every fact-family extractor may read about the document being processed."""

    doc_id: str
    text: str
    doc: Segmented
    meta: Any  # loaders.extract.document.DocumentMeta
    province: str | None
    jurisdiction: Mention | None

    def provenance(self, start: int, end: int) -> dict:
        """SCHEMA.md's edge provenance for the span text[start:end]."""
        return {"doc": self.doc_id, "evidence": self.text[start:end], "start": start, "end": end}

    def sentence_at(self, position: int) -> tuple[int, int]:
        """The span of the sentence holding `position`."""
        return self.sentence_span(self.doc, position)

    @staticmethod
    def sentence_span(doc: Segmented, position: int) -> tuple[int, int]:
        """Binary search over the sentence starts (sentences are sorted and do not overlap)."""
        starts = doc.sentence_starts
        index = bisect.bisect_right(starts, position) - 1
        if index >= 0:
            sentence = doc.sentences[index]
            if sentence.start <= position < sentence.end:
                return sentence.start, sentence.end
        return position, position
