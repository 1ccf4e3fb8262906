"""A question read once: its language, the entities linked, the words left between them, and the slots.

Intents decide from this reading, never from the raw question: a cue word counts only where no entity was
linked (so 园区 inside 汉中航空产业园区 is a name, not a question about parks), English cues only as whole
words, and slots (strength, role, year, metric) are read from the same leftover words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.question.linking import ZH_CHAR
from app.question.model import Entity, Slots

MARK = "｜"  # stands where an entity was linked, so cues cannot run across a name
YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
STRENGTH_CUES = {
    "key": {"zh": ("重点", "主导", "支柱", "核心产业", "优势产业", "首位", "着力", "大力", "做大做强"),
            "en": ("key", "main", "pillar", "priority", "priorities", "prioritise", "prioritises", "prioritising",
                   "prioritize", "prioritizes", "prioritizing", "core", "flagship", "leading industries")},
    "cultivate": {"zh": ("培育", "新兴", "未来产业", "潜力"),
                  "en": ("cultivate", "cultivates", "cultivating", "cultivated", "nurture", "nurtures", "nurturing",
                         "emerging", "incubate", "incubating", "future industries")},
}
# The words a target's metric is written with, and the English words for them.
METRICS = {"产值": ("output value", "output"), "营业收入": ("operating revenue", "revenue", "revenues", "income"),
           "增加值": ("added value", "value added", "value-added"), "投资": ("investment", "investments"),
           "产能": ("capacity",), "产量": ("production", "yield"), "规模": ("scale", "size"),
           "比重": ("share", "proportion"), "增速": ("growth rate", "growth"), "生产总值": ("gdp",)}
METRIC_ZH_ALIASES = {"营收": "营业收入", "收入": "营业收入", "占比": "比重"}


@dataclass
class Reading:
    """The parsed question: what intents look at."""

    q: str  # as asked
    text: str  # cleaned
    language: str
    entities: list[Entity]
    rest: str  # the cleaned, lower-cased text with every linked span replaced by MARK
    slots: Slots = field(default_factory=Slots)

    def has(self, *cues: str) -> bool:
        """Whether any cue occurs among the words left over (Chinese anywhere, English as whole words)."""
        return any(_found(self.rest, cue) for cue in cues)

    def cue(self, cues: dict[str, tuple[str, ...]]) -> bool:
        """A cue in either language: people mix them (which agency leads 做强装备制造产业集群)."""
        return self.has(*cues.get("zh", ()), *cues.get("en", ()))

    def of(self, *labels: str) -> list[Entity]:
        return [e for e in self.entities if e.label in labels]

    def first(self, label: str) -> Entity | None:
        found = self.of(label)
        return found[0] if found else None

    def industries(self) -> list[Entity]:
        """The industries named first: every node of the first industry name (a name may be shared)."""
        found = self.of("Industry")
        return [e for e in found if e.start == found[0].start] if found else []


def _found(text: str, cue: str) -> bool:
    if ZH_CHAR.search(cue):
        return cue in text
    return re.search(rf"(?<![a-z0-9]){re.escape(cue)}(?![a-z0-9])", text) is not None


def language(text: str) -> str:
    """Chinese when the question has Chinese characters outside the names it links, or is mostly Chinese."""
    han = len(ZH_CHAR.findall(text))
    latin = len(re.findall(r"[A-Za-z]", text))
    return "zh" if han and han * 2 >= latin else "en"


def frame_language(bare: str) -> str | None:
    """The language of the words around the names: English when they open with a letter ("which agency leads
    做强…"), Chinese when they hold Chinese characters, else undecided."""
    opening = re.sub(r"^[\W\d_]+", "", bare)
    if re.match(r"[a-z]", opening):
        return "en"
    return "zh" if ZH_CHAR.search(bare) else None


def read(q: str, text: str, entities: list[Entity]) -> Reading:
    """The reading of a cleaned question whose entities are linked."""
    lowered = text.lower()
    rest = list(lowered)
    for entity in entities:
        if entity.start >= 0:
            rest[entity.start:entity.start + len(entity.surface)] = [MARK] * len(entity.surface)
    rest_text = re.sub(f"{MARK}+", f" {MARK} ", "".join(rest))
    bare = re.sub(f"{MARK}+", "", "".join(rest))
    lang = frame_language(bare) or language(text)
    reading = Reading(q, text, lang, entities, rest_text)
    reading.slots = slots(reading)
    return reading


def slots(reading: Reading) -> Slots:
    strength = next((s for s, cues in STRENGTH_CUES.items() if reading.cue(cues)), None)
    year = YEAR.search(reading.rest)
    return Slots(strength=strength, year=int(year.group(1)) if year else None, metric=_metric(reading))


def _metric(reading: Reading) -> str | None:
    for zh, en in METRICS.items():
        if reading.has(zh, *en):
            return zh
    for alias, zh in METRIC_ZH_ALIASES.items():
        if reading.has(alias):
            return zh
    return None
