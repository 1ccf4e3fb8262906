"""Which industries a place targets: 汉中发展哪些产业 / what industries does Hanzhong develop (strength slot); or
which of them belong to a class the question names: 陕西有哪些未来产业 / what future industries does Shaanxi cultivate."""

from __future__ import annotations

from app.question.intents.base import PAGE, Intent, Plan, Reading, asked_class
from app.question.intents.places_for_industry import DEVELOP

INDUSTRY_WORDS = {"zh": ("产业", "行业", "领域", "集群", "赛道"),
                  "en": ("industries", "industry", "sectors", "sector", "clusters", "cluster")}


FIRM_WORDS = {"zh": ("企业", "公司"), "en": ("firms", "companies", "enterprises", "firm", "company")}


def fits(r: Reading) -> bool:
    """A place, words about its industries, and no firm asked for (陕西省的重点企业 is not about industries); or a
    place and the class whose members it asks for (asked_class)."""
    if not r.of("City") or r.of("Park") or r.cue(FIRM_WORDS):
        return False
    kind = asked_class(r)
    if kind is not None:
        return all(e.id == kind.id for e in r.of("Industry"))
    return not r.of("Industry") and (r.cue(INDUSTRY_WORDS) or r.cue(DEVELOP))


def build(r: Reading) -> Plan:
    place = r.of("City")[0]
    strengths = [r.slots.strength] if r.slots.strength else []
    params = {"city_id": place.id, "strengths": strengths, "skip": 0, "limit": PAGE}
    kind = asked_class(r)
    if kind is None:
        return Plan(r.q, INTENT.name, r.language, INTENT.query, params, [place])
    return Plan(r.q, INTENT.name, r.language, INTENT.query, params, [place, kind], r.slots,
                {"class": kind.id, "class_name": kind.name})


INTENT = Intent("industries_of_place", "industries_by_city", "which industries a place targets (key, cultivate)",
                {"zh": ("汉中发展哪些产业", "宝鸡的重点产业有哪些", "西安培育哪些产业", "陕西有哪些未来产业"),
                 "en": ("what industries does Hanzhong develop", "which key industries does Baoji focus on",
                        "what industries is Xi'an cultivating", "what future industries does Shaanxi cultivate")}, fits, build)
