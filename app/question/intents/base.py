"""What every intent module declares: its name, main named query, examples, whether a reading fits it, and
how it turns the reading into a plan. Kept apart so intent modules import this and never each other."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from app.question.model import PAGE, Entity, Plan, Slots
from app.question.reading import Reading

__all__ = ["PAGE", "Intent", "Plan", "Reading", "Slots", "Entity", "WHICH", "only_names", "asked_class"]

# Question words shared by several intents: asking for a list.
WHICH = {"zh": ("哪些", "哪个", "哪几", "哪家", "什么", "有哪", "是谁", "有谁"),
         "en": ("which", "what", "who", "list", "name", "show")}


# Industry classes that plans name as such (…等战略性新兴产业, 布局未来产业, 先进制造业): a question may ask for a
# class's members rather than for the class itself.
CLASS_NAME = re.compile(r"^(?:战略性新兴|新兴|未来|先导|主导|支柱|优势|特色|传统)产业$|^(?:先进制造|现代服务)业$")
# The question word right before the class asks for its members: 有哪些未来产业, 培育哪些新兴产业, which emerging
# industries…; so does a question that ends on 的 + the class (西安培育的新兴产业) or asks after it (…新兴产业有哪些).
ASKS_BEFORE = re.compile(r"(?:哪些|哪几个|哪几类|哪几|哪类|什么)(?:重点|主要|新兴|主导)?$|\b(?:which|what)(?:\s+(?:key|main))?$", re.I)
# "strategic emerging industries of Hanzhong": the class opens the question and the place it is asked of follows.
OF_SUBJECT = re.compile(r"^(?:of|in|for)\b", re.I)
ASKS_AFTER = re.compile(r"^(?:都|主要)?(?:有哪些|有什么|是什么|是哪些|包括哪些|包括什么|包含哪些)[？?]?$")


def asked_class(r: Reading, subject: str = "City") -> Entity | None:
    """The industry class whose members a question about a place (or a park: `subject` "Park") asks for:
    陕西有哪些未来产业, 西安培育的新兴产业, 汉中的战略性新兴产业有哪些, what future industries does Shaanxi cultivate,
    西安高新区有哪些战略性新兴产业. 哪些城市发展未来产业 asks for places, and 未来产业 stays the industry asked about."""
    if not r.of(subject):
        return None
    for entity in r.of("Industry"):
        if entity.start < 0 or not CLASS_NAME.match(entity.name):
            continue
        before, after = r.text[:entity.start].rstrip(), r.text[entity.start + len(entity.surface):].strip()
        noun_phrase = (before.endswith("的") and not after.strip("？?")) or (not before and OF_SUBJECT.match(after))
        if ASKS_BEFORE.search(before) or ASKS_AFTER.match(after) or noun_phrase:
            return entity
    return None


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
