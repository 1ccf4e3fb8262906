"""Which industries a park hosts: 西安高新区有哪些产业 / what industries does 宝鸡高新区 host; or which of them belong to
a class the question names: 西安高新区有哪些战略性新兴产业."""

from __future__ import annotations

from app.question.intents.base import Intent, Plan, Reading, asked_class
from app.question.intents.industries_of_place import INDUSTRY_WORDS
from app.question.intents.places_for_industry import DEVELOP

HOST = {"zh": ("承载", "主导", "聚集", "集聚"), "en": ("host", "hosts", "hosting", "hosted", "house", "houses", "housed", "known for",
                                                  "specialise in", "specialises in", "specialize in", "specializes in")}


def fits(r: Reading) -> bool:
    """A park and words about what it hosts; or a park and the class whose members it asks for (asked_class)."""
    if not r.of("Park"):
        return False
    kind = asked_class(r, "Park")
    if kind is not None:
        return all(e.id == kind.id for e in r.of("Industry"))
    return not r.of("Industry") and (r.cue(INDUSTRY_WORDS) or r.cue(HOST) or r.cue(DEVELOP))


def build(r: Reading) -> Plan:
    park = r.of("Park")[0]
    kind = asked_class(r, "Park")
    if kind is None:
        return Plan(r.q, INTENT.name, r.language, INTENT.query, {"id": park.id}, [park])
    return Plan(r.q, INTENT.name, r.language, INTENT.query, {"id": park.id}, [park, kind], r.slots,
                {"class": kind.id, "class_name": kind.name})


INTENT = Intent("industries_of_park", "park_profile", "which industries a park hosts",
                {"zh": ("西安高新区有哪些产业", "宝鸡高新技术产业开发区发展什么产业"),
                 "en": ("what industries does 宝鸡高新区 host", "which industries does 汉中经开区 host")}, fits, build)
