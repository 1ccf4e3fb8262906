"""Which industries a place targets: 汉中发展哪些产业 / what industries does Hanzhong develop (strength slot)."""

from __future__ import annotations

from app.question.intents.base import PAGE, Intent, Plan, Reading
from app.question.intents.places_for_industry import DEVELOP

INDUSTRY_WORDS = {"zh": ("产业", "行业", "领域", "集群", "赛道"),
                  "en": ("industries", "industry", "sectors", "sector", "clusters", "cluster")}


FIRM_WORDS = {"zh": ("企业", "公司"), "en": ("firms", "companies", "enterprises", "firm", "company")}


def fits(r: Reading) -> bool:
    """A place, words about its industries, and no firm asked for (陕西省的重点企业 is not about industries)."""
    return (bool(r.of("City")) and not r.of("Industry", "Park") and not r.cue(FIRM_WORDS)
            and (r.cue(INDUSTRY_WORDS) or r.cue(DEVELOP)))


def build(r: Reading) -> Plan:
    place = r.of("City")[0]
    strengths = [r.slots.strength] if r.slots.strength else []
    params = {"city_id": place.id, "strengths": strengths, "skip": 0, "limit": PAGE}
    return Plan(r.q, INTENT.name, r.language, INTENT.query, params, [place])


INTENT = Intent("industries_of_place", "industries_by_city", "which industries a place targets (key, cultivate)",
                {"zh": ("汉中发展哪些产业", "宝鸡的重点产业有哪些", "西安培育哪些产业"),
                 "en": ("what industries does Hanzhong develop", "which key industries does Baoji focus on",
                        "what industries is Xi'an cultivating")}, fits, build)
