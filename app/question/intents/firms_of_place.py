"""The firms of a place, with no industry named: 陕西有哪些链主企业 / which companies are in Xi'an. Chain leaders
(链长制's 链主) are a region's question as much as an industry's, and before this intent such a question fell
through to the place's profile, which lists no firm. A question that names an industry stays firms_of_industry
(tried first); the place covers the districts, cities and parks below it (firms_by_city)."""

from __future__ import annotations

from app.question.intents.base import PAGE, Intent, Plan, Reading
from app.question.intents.firms import CHAIN, FIRMS, KEY, role

# What asks for firms here: a firm noun or a chain leader (a noun). Not the lead verbs, nor 引领/牵引 (西安引领
# 哪些产业 asks for industries), nor "who"/"chain" (who is in charge in Hanzhong asks for no firm).
FIRM_NOUNS = FIRMS["zh"] + ("firms", "firm", "companies", "company", "enterprises", "enterprise", "businesses")
CHAIN_NOUNS = ("链主", "龙头", "领军", "头部企业") + CHAIN["en"]


def fits(r: Reading) -> bool:
    """A place, no industry, and firms asked for (企业/公司/链主/重点企业; firms/companies/chain leaders)."""
    return (bool(r.of("City")) and not r.of("Industry")
            and (r.cue(KEY) or r.has(*FIRM_NOUNS) or r.has(*CHAIN_NOUNS)))


def build(r: Reading) -> Plan:
    place = r.of("City")[0]
    r.slots.role = role(r)
    params = {"city_id": place.id, "roles": [r.slots.role] if r.slots.role else [], "skip": 0, "limit": PAGE}
    return Plan(r.q, INTENT.name, r.language, INTENT.query, params, [place], r.slots,
                {"role": r.slots.role} if r.slots.role else {})


INTENT = Intent("firms_of_place", "firms_by_city",
                "which firms of a place (and the districts and parks below it) lead a chain (链主/龙头; else its "
                "key firms), or are its firms",
                {"zh": ("陕西有哪些链主企业", "汉中的重点企业有哪些", "西安有哪些企业"),
                 "en": ("which chain leaders are in Shaanxi", "what are the key firms of Hanzhong",
                        "which companies are in Xi'an")}, fits, build)
