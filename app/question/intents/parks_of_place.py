"""Which parks lie in a place: 宝鸡有哪些园区 / which parks are in Baoji."""

from __future__ import annotations

from app.question.intents.base import PAGE, Intent, Plan, Reading
from app.question.intents.parks import PARK_WORDS


def fits(r: Reading) -> bool:
    return bool(r.of("City")) and not r.of("Industry", "Park") and r.cue(PARK_WORDS)


def build(r: Reading) -> Plan:
    place = r.of("City")[0]
    params = {"city_id": place.id, "skip": 0, "limit": PAGE}
    return Plan(r.q, INTENT.name, r.language, INTENT.query, params, [place])


INTENT = Intent("parks_of_place", "parks_by_city", "which parks lie in a place",
                {"zh": ("宝鸡有哪些园区", "汉中的开发区有哪些"), "en": ("which parks are in Baoji", "list the parks of Xi'an")},
                fits, build)
