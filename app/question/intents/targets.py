"""Quantified targets of a place, province or industry, optionally for a year and a metric: 汉中市到2025年的目标 /
what are Shaanxi's 2025 targets for output value."""

from __future__ import annotations

import re

from app.question.intents.base import PAGE, WHICH, Intent, Plan, Reading, only_names
from app.question.intents.parks import PARK_WORDS

TARGET_ZH = ("目标", "指标", "多少", "达到", "力争", "突破")
# "target" is also a verb (which cities target X): as a noun it follows a question word, a year or a
# possessive, or precedes of/for/does.
TARGET_EN = re.compile(r"\b(?:goals?|objectives?|how many|how much|achieve|aim|aims|aiming|reach|commit|commits|committed|commitments?|pledges?|pledged)\b|\b(?:what|which|the|its|their|quantified|main|key|\d{4}|'s|s')"
                       r"\s+targets?\b|\btargets?\s+(?:of|for|does|do|did|has|have|set|by|in|are|is)\b"
                       r"|\b(?:value|output|revenue|investment|growth|gdp|capacity|production)\s+targets?\b|\btargets\s*$")


# A count of parks (汉中有多少个园区, how many parks are in Baoji) asks for the parks, not for a target.
COUNTED_PARKS = re.compile(r"(?:多少|几)[个家座处]?(?:" + "|".join(PARK_WORDS["zh"]) + r")"
                           r"|\bhow many (?:industrial |development )?(?:" + "|".join(PARK_WORDS["en"]) + r")\b")


# Metrics only a target measures: asked for with a question word (what output value is set for…), they ask for one.
TARGET_METRICS = ("产值", "营业收入", "增加值", "投资", "生产总值")


def fits(r: Reading) -> bool:
    if COUNTED_PARKS.search(r.rest):
        return False
    if r.slots.metric in TARGET_METRICS and r.cue(WHICH) and r.of("City", "Industry"):
        return True
    named = r.of("City", "Industry") or r.slots.year
    side_by_side = bool(r.slots.year and r.of("City")) and only_names(r, r"|\d{4}年?")  # Hanzhong 2025
    return bool(named) and (r.has(*TARGET_ZH) or TARGET_EN.search(r.rest) is not None or side_by_side)


def build(r: Reading) -> Plan:
    place, industry = r.first("City"), r.first("Industry")
    r.slots.role = None
    params = {"city_id": place.id if place else "", "industry_id": industry.id if industry else "",
              "year": r.slots.year or 0, "skip": 0, "limit": PAGE}
    entities = [e for e in (place, industry) if e]
    if not r.slots.metric:
        r.slots.metric = metric_words(r.rest)
    return Plan(r.q, INTENT.name, r.language, INTENT.query, params, entities, r.slots,
                {"year": r.slots.year})


def metric_words(rest: str) -> str | None:
    """The measured thing a Chinese question names before 达到/多少 (规上工业企业要达到多少家 → 规上工业企业)."""
    match = (re.search(r"｜\s*的?([\u3400-\u9fff]{2,12}?)(?:到|至|在)\s*\d{4}\s*年", rest)  # 汉中规上工业企业到2027年…
             or re.search(r"(?:年|｜)\s*的?([\u3400-\u9fff]{2,12}?)(?:要|将|需)?(?:达到|发展到|突破|超过|多少|目标|指标)",
                          rest))
    if not match or re.search(r"哪|什么|有|的|年", match.group(1)):
        return None
    return match.group(1)


INTENT = Intent("targets", "targets_timeline",
                "the quantified targets of a place or an industry, optionally for a year and a metric",
                {"zh": ("汉中有哪些目标", "汉中市到2025年的目标", "陕西省2025年的产值目标"),
                 "en": ("what targets does Hanzhong have for 2025", "what are Shaanxi's 2025 targets",
                        "what are the output value targets of Xi'an")}, fits, build)
