"""The question's data: linked entities, slots and the plan an intent builds; kept apart so that linking,
intents and answers can all import it without importing each other."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PAGE = 500  # answers are whole lists: the largest page the API allows


class QuestionError(Exception):
    """A question that cannot be answered as asked: the message (in the question's language) says why;
    suggestions are close names in the graph, alternatives questions the user may ask instead."""

    def __init__(self, message: str, suggestions: list[dict[str, Any]] | None = None,
                 alternatives: list[dict[str, Any]] | None = None):
        super().__init__(message)
        self.message = message
        self.suggestions = suggestions or []
        self.alternatives = alternatives or []


@dataclass
class Entity:
    """One name in the question and the graph node it links to, with how (exact, alias, english, pinyin…)."""

    surface: str
    id: str
    name: str
    label: str
    match: str
    name_en: str | None = None
    start: int = -1  # where the surface lies in the cleaned question (-1: not a span, e.g. a fallback)

    def as_dict(self) -> dict[str, str]:
        return {"surface": self.surface, "id": self.id, "name": self.name, "label": self.label, "match": self.match}


@dataclass
class Slots:
    """What the question says beyond its entities: how strongly, which firm role, which year, which metric."""

    strength: str | None = None  # key | cultivate
    role: str | None = None  # chain_leader | key_firm
    year: int | None = None
    metric: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"strength": self.strength, "role": self.role, "year": self.year, "metric": self.metric}


@dataclass
class Plan:
    """What a question was understood as: its intent, entities, slots and the main named query with params."""

    q: str
    intent: str
    language: str
    query: str
    params: dict[str, Any]
    entities: list[Entity] = field(default_factory=list)
    slots: Slots = field(default_factory=Slots)
    extra: dict[str, Any] = field(default_factory=dict)

    def of(self, label: str) -> list[Entity]:
        return [e for e in self.entities if e.label == label]
