"""Which industries a park hosts: 西安高新区有哪些产业 / what industries does 宝鸡高新区 host."""

from __future__ import annotations

from app.question.intents.base import Intent, Plan, Reading
from app.question.intents.industries_of_place import INDUSTRY_WORDS
from app.question.intents.places_for_industry import DEVELOP

HOST = {"zh": ("承载", "主导", "聚集", "集聚"), "en": ("host", "hosts", "hosting", "house", "houses")}


def fits(r: Reading) -> bool:
    return bool(r.of("Park")) and not r.of("Industry") and (r.cue(INDUSTRY_WORDS) or r.cue(HOST)
                                                            or r.cue(DEVELOP))


def build(r: Reading) -> Plan:
    park = r.of("Park")[0]
    return Plan(r.q, INTENT.name, r.language, INTENT.query, {"id": park.id}, [park])


INTENT = Intent("industries_of_park", "park_profile", "which industries a park hosts",
                {"zh": ("西安高新区有哪些产业", "宝鸡高新技术产业开发区发展什么产业"),
                 "en": ("what industries does 宝鸡高新区 host", "which industries does 汉中经开区 host")}, fits, build)
