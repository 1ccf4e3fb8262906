"""Which places target an industry: 哪些城市发展增材制造 / where is aviation developed (strength slot)."""

from __future__ import annotations

from app.question.intents.base import PAGE, Intent, Plan, Reading

WHERE = {"zh": ("哪些城市", "哪些地方", "哪些地区", "哪些地市", "哪些市", "哪些省", "哪个城市", "哪个地方", "哪里",
                "哪儿", "在哪", "布局", "分布", "集中"),
         "en": ("which cities", "which places", "which regions", "which areas", "which provinces", "what cities",
                "what places", "what regions", "where", "located", "laid out", "based", "concentrated")}
DEVELOP = {"zh": ("发展", "培育", "打造", "聚焦", "支持", "推动", "发力", "主导", "做强", "壮大", "重点"),
           "en": ("develop", "develops", "developing", "developed", "target", "targets", "targeting", "targeted",
                  "focus", "focuses", "focusing", "promote", "promotes", "promoting", "prioritise", "prioritize",
                  "prioritising", "prioritizing", "support", "supports", "supporting", "cultivate", "cultivates",
                  "cultivating", "build", "builds", "building", "grow", "grows", "growing", "nurture", "nurturing")}


def fits(r: Reading) -> bool:
    """An industry and a question about places; or an industry being developed and no place named."""
    return bool(r.industries()) and (r.cue(WHERE) or (not r.of("City", "Park") and r.cue(DEVELOP)))


def build(r: Reading) -> Plan:
    industries = r.industries()
    strengths = [r.slots.strength] if r.slots.strength else []
    params = {"industry_ids": [e.id for e in industries], "strengths": strengths, "levels": [], "skip": 0,
              "limit": PAGE}
    within = r.first("City")  # 陕西哪些市布局了新能源汽车: places within 陕西省
    return Plan(r.q, INTENT.name, r.language, INTENT.query, params, industries + ([within] if within else []),
                r.slots, {"within": within.name} if within else {})


INTENT = Intent("places_for_industry", "cities_by_industry", "which places target an industry (key, cultivate)",
                {"zh": ("哪些城市发展增材制造", "航空产业布局在哪些城市", "哪些地方重点发展3D打印"),
                 "en": ("which cities target additive manufacturing", "where is aviation developed",
                        "which places develop photonics as a key industry")}, fits, build)
