"""An entity alone, or a question whose intent is unclear but which names one: that entity's profile (its
label's profile query), offered with the likeliest questions about it (app/question/text.py)."""

from __future__ import annotations

from app.question.intents.base import Intent, Plan, Reading

QUERIES = {"City": "city_profile", "Park": "park_profile", "Industry": "industry_profile", "Firm": "firm_profile",
           "Agency": "agency_lookup", "Org": "documents_mentioning", "Document": "document_list"}


def fits(r: Reading) -> bool:
    return bool(r.entities)


def build(r: Reading) -> Plan:
    entity = r.entities[0]
    params = {} if entity.label == "Document" else {"id": entity.id}  # document_list takes no parameter
    return Plan(r.q, INTENT.name, r.language, QUERIES[entity.label], params, [entity])


INTENT = Intent("profile", "city_profile", "an entity's profile (place, park, industry, firm, agency)",
                {"zh": ("汉中", "西飞", "航空"), "en": ("Hanzhong", "tell me about aviation")}, fits, build)
