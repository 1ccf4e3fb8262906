"""Chain leaders or key firms of an industry, optionally in a place: 宝鸡的钛产业有哪些龙头企业 / which firms lead
the hydrogen energy chain. The role slot keeps 链主/龙头/"lead" apart from 重点企业/"key firms": a question about
chain leaders stays one, and the answer says so when it falls back to key firms."""

from __future__ import annotations

from app.question.intents.base import PAGE, WHICH, Intent, Plan, Reading, only_names
from app.question.intents.firms import CHAIN, FIRMS, KEY, LEAD_VERBS, role


def fits(r: Reading) -> bool:
    if not r.industries():
        return False
    firm_nouns = (*FIRMS["zh"], *FIRMS["en"][:8])
    return (r.cue(KEY) or r.cue(CHAIN) or (r.has(*LEAD_VERBS) and r.cue(FIRMS))
            or (r.has(*firm_nouns) and (r.cue(WHICH) or only_names(r, "|的|" + "|".join(firm_nouns)))))


def build(r: Reading) -> Plan:
    industries = r.industries()
    r.slots.role = role(r)
    params = {"industry_ids": [e.id for e in industries], "roles": [r.slots.role] if r.slots.role else [],
              "skip": 0, "limit": PAGE}
    place = r.first("City")
    return Plan(r.q, INTENT.name, r.language, INTENT.query, params, industries + ([place] if place else []),
                r.slots, {"role": r.slots.role} if r.slots.role else {})


INTENT = Intent("firms_of_industry", "firms_by_industry",
                "which firms lead an industry's chain (链主/龙头; else its key firms), optionally in a place",
                {"zh": ("航空产业链链主", "光伏的龙头企业有哪些", "宝鸡的钛产业有哪些龙头企业", "新型显示的重点企业"),
                 "en": ("who leads the aviation chain", "which firms lead the hydrogen energy chain",
                        "what are the key firms of photovoltaics")}, fits, build)
