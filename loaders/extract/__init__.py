"""Extraction: one module per fact family; each takes segmented text and returns mentions."""

from __future__ import annotations

from dataclasses import dataclass, field


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
