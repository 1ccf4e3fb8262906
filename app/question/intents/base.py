"""What every intent module declares: its name, main named query, examples, whether a reading fits it, and
how it turns the reading into a plan. Kept apart so intent modules import this and never each other."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from app.question.model import PAGE, Entity, Plan, Slots
from app.question.reading import Reading

__all__ = ["PAGE", "Intent", "Plan", "Reading", "Slots", "Entity", "WHICH", "only_names"]

# Question words shared by several intents: asking for a list.
WHICH = {"zh": ("哪些", "哪个", "哪几", "哪家", "什么", "有哪", "是谁", "有谁"),
         "en": ("which", "what", "who", "list", "name", "show")}


def only_names(r: Reading, extra: str = "") -> bool:
    """Nothing but names, connectors and `extra` (a regex) in the question: names typed side by side."""
    return not re.sub(r"[\s｜,，、&/]|和|与|跟|以及|及|\band\b|\bvs\b|\bor\b" + extra, "", r.rest)


@dataclass(frozen=True)
class Intent:
    name: str
    query: str
    asks: str
    examples: dict[str, tuple[str, ...]]
    fits: Callable[[Reading], bool]
    build: Callable[[Reading], Plan]

    def help(self) -> dict:
        return {"shape": self.name, "intent": self.name, "query": self.query, "asks": self.asks,
                "examples": {k: list(v) for k, v in self.examples.items()}}
