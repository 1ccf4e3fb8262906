"""`POST /ask`: a question in Chinese or English, answered from the graph with its evidence and its Cypher.

app/question/ links the entities and picks the intent; this router runs its answer, adds the interpretation
in words and two or three alternative questions, and answers 422 (what was not understood, close names,
the intents understood) only when nothing in the question links to the graph.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, Field

from app.api import deps
from app.api.queries import errors
from app.api.routes.entities import search_index
from app.question import ANSWERS
from app.question import text as words
from app.question.linking import Linker
from app.question.model import Plan, QuestionError
from app.question.understand import profile_instead, shapes_help, stop_words, understand
from graph.stores import GraphStore

router = APIRouter()
_linkers: dict[int, Linker] = {}
MAX_QUESTION = 500  # characters: bounds linking and fuzzy work per question; real questions are a few dozen


class AskRequest(BaseModel):
    q: str = Field(..., max_length=MAX_QUESTION, description="a question, e.g. 哪些城市发展增材制造 or "
                                                    "'who leads the aviation chain'")


def linker(store: GraphStore) -> Linker:
    """One linker per store, over the same search index the /search endpoint uses (built once)."""
    index = search_index(store)
    if id(index) not in _linkers:
        documents = store.named("document_list").records()  # titles named in 《》 link to their document
        _linkers[id(index)] = Linker(index, stop_words(), documents)
    return _linkers[id(index)]


@router.post("/ask", responses=errors(400, 422))
@deps.offloaded
def ask(body: AskRequest, store: GraphStore = Depends(deps.store)) -> dict[str, Any]:
    """Answer a question; an entity with no clear intent gets its profile, nothing linked a 422."""
    trail: list[dict] = []
    try:
        plan = understand(body.q, linker(store))
        try:
            answer = ANSWERS[plan.intent](store, plan, trail)
        except QuestionError as exc:
            if not plan.entities or plan.intent == "profile":
                raise
            plan = profile_instead(plan, exc)  # never a dead end when an entity links
            answer = ANSWERS[plan.intent](store, plan, trail)
    except QuestionError as exc:
        raise HTTPException(422, detail={"message": exc.message, "shapes": shapes_help(),
                                         "suggestions": exc.suggestions, "alternatives": exc.alternatives}) from None
    first = plan.entities[0] if plan.entities else None
    alternatives = words.alternatives(first, plan.language, skip=plan.intent) if first else []
    return {"q": body.q, "interpretation": interpretation(plan), **answer, "cypher": trail,
            "evidence": all_evidence(answer["items"]), "alternatives": alternatives}


# The plan's notes, said after the reading in words (interpretation.text) rather than as fields of their own.
NOTES = ("note", "strengths", "class_members", "place_filter", "metric_filter")


def interpretation(plan: Plan) -> dict[str, Any]:
    text = words.interpretation(plan)
    notes = [plan.extra[k] for k in NOTES if plan.extra.get(k)]
    if plan.extra.get("fallback"):
        notes.append(plan.extra["fallback"]["reason"])
    sep = "；" if plan.language == "zh" else "; "
    extra = {k: v for k, v in plan.extra.items() if k not in NOTES}
    return {"intent": plan.intent, "shape": plan.intent, "language": plan.language, "query": plan.query,
            "params": plan.params, "entities": [e.as_dict() for e in plan.entities], "slots": plan.slots.as_dict(),
            "text": sep.join([text, *notes]), **extra}


def all_evidence(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every sentence behind the answer, once: the reader's list of sources."""
    seen: dict[tuple[Any, Any], dict[str, Any]] = {}
    for item in items:
        for found in item.get("evidence", []):
            seen.setdefault((found.get("doc_id"), found.get("sentence")), found)
    return list(seen.values())
