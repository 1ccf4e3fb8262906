"""Which parks host an industry, optionally in a place: 哪些园区发展航空 / 汉中哪些园区发展航空 / which parks host aviation."""

from __future__ import annotations

from app.question.intents.base import PAGE, Intent, Plan, Reading
from app.question.intents.parks import PARK_WORDS
from app.question.intents.places_for_industry import industries as named_industries


def fits(r: Reading) -> bool:
    return bool(r.industries()) and not r.of("Park") and r.cue(PARK_WORDS)


def build(r: Reading) -> Plan:
    industries = named_industries(r)
    params = {"industry_ids": [e.id for e in industries], "skip": 0, "limit": PAGE}
    within = r.first("City")  # 汉中哪些园区发展航空: the parks in 汉中 (answers.parks keeps those)
    return Plan(r.q, INTENT.name, r.language, INTENT.query, params, industries + ([within] if within else []),
                r.slots, {"within": within.name} if within else {})


INTENT = Intent("parks_for_industry", "parks_by_industry", "which parks host an industry",
                {"zh": ("哪些园区发展增材制造", "航空产业园区有哪些"), "en": ("which parks host aviation",
                                                             "which industrial parks develop photonics")},
                fits, build)
