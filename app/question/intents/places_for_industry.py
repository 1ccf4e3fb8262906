"""Which places target an industry: 哪些城市发展增材制造 / where is aviation developed (strength slot)."""

from __future__ import annotations

from app.question.intents.base import PAGE, Intent, Plan, Reading, asked_class, only_names

WHERE = {"zh": ("哪些城市", "哪些地方", "哪些地区", "哪些地市", "哪些市", "哪些省", "哪个城市", "哪个地方", "哪里",
                "哪儿", "在哪", "布局", "分布", "集中"),
         "en": ("which cities", "which places", "which regions", "which areas", "which provinces", "what cities",
                "what places", "what regions", "where", "located", "laid out", "based", "concentrated",
                "cities with", "places with", "regions with", "provinces with", "cities that", "places that",
                "regions that")}
# Nouns for places: an industry and one of these alone is a search for the places (光伏 城市, photonics cities).
PLACE_NOUNS = ("城市", "地区", "地方", "地市", "cities", "city", "places", "regions", "provinces")
DEVELOP = {"zh": ("发展", "培育", "打造", "聚焦", "支持", "推动", "发力", "主导", "做强", "壮大", "重点"),
           "en": ("develop", "develops", "developing", "developed", "target", "targets", "targeting", "targeted",
                  "focus", "focuses", "focusing", "promote", "promotes", "promoting", "prioritise", "prioritize",
                  "prioritising", "prioritizing", "support", "supports", "supporting", "cultivate", "cultivates",
                  "cultivating", "build", "builds", "building", "grow", "grows", "growing", "nurture", "nurturing")}


def fits(r: Reading) -> bool:
    """An industry and a question about places or about developing it; with a place named too (汉中是否发展航空
    产业, does Hanzhong develop aviation) the answer is that place's facts about the industry. A place asked for the
    members of a class (陕西有哪些未来产业) is a question about the place's industries (industries_of_place)."""
    if not r.industries() or r.of("Park") or asked_class(r):
        return False
    keywords = r.has(*PLACE_NOUNS) and only_names(r, "|的|" + "|".join(PLACE_NOUNS))  # 光伏 城市, photonics cities
    return r.cue(WHERE) or r.cue(DEVELOP) or bool(r.of("City")) or keywords  # 汉中 航空: its facts


def industries(r: Reading) -> list:
    """Every industry named (哪些地方发展新能源汽车和光伏: either), each name's nodes once."""
    seen: set[str] = set()
    return [e for e in r.of("Industry") if not (e.id in seen or seen.add(e.id))]


def build(r: Reading) -> Plan:
    industries_ = industries(r)
    strengths = [r.slots.strength] if r.slots.strength else []
    params = {"industry_ids": [e.id for e in industries_], "strengths": strengths, "levels": [], "skip": 0,
              "limit": PAGE}
    within = r.first("City")  # 陕西哪些市布局了新能源汽车: places within 陕西省
    return Plan(r.q, INTENT.name, r.language, INTENT.query, params, industries_ + ([within] if within else []),
                r.slots, {"within": within.name, "below_only": r.cue(WHERE)} if within else {})


INTENT = Intent("places_for_industry", "cities_by_industry", "which places target an industry (key, cultivate)",
                {"zh": ("哪些城市发展增材制造", "航空产业布局在哪些城市", "哪些地方重点发展3D打印"),
                 "en": ("which cities target additive manufacturing", "where is aviation developed",
                        "which places develop photonics as a key industry")}, fits, build)
