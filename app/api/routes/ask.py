"""`POST /ask`: a question in Chinese or English, answered from the graph with its evidence and its Cypher.

app/ask.py turns the question into a plan (shape, resolved entities, named query, parameters); this router runs
the named query, groups the rows into answer items, each with the document sentences behind it, and refuses
with 422 (the shapes understood, close names) whatever it cannot answer without guessing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, Field

from app.api import deps
from app.api.queries import errors, evidence, run
from app.api.routes.entities import STRENGTH_ORDER, group_cities, search_index
from app.ask import AskError, Plan, Resolver, bigrams, parse, rank_tasks
from graph.stores import GraphStore

router = APIRouter()
_resolvers: dict[int, Resolver] = {}
Answer = dict[str, Any]


MAX_QUESTION = 500  # characters: the longest question of a known shape is a few dozen


class AskRequest(BaseModel):
    q: str = Field(..., max_length=MAX_QUESTION, description="a question, e.g. 哪些城市发展增材制造 or "
                                                    "'who leads the aviation chain'")


def resolver(store: GraphStore) -> Resolver:
    """One resolver per store, over the same search index the /search endpoint uses (built once)."""
    index = search_index(store)
    if id(index) not in _resolvers:
        _resolvers[id(index)] = Resolver(index)
    return _resolvers[id(index)]


@router.post("/ask", responses=errors(400, 422))
def ask(body: AskRequest, store: GraphStore = Depends(deps.store)) -> dict[str, Any]:
    """Answer a question of a known shape; 422 with the shapes and close names when it cannot."""
    words = resolver(store)
    trail: list[dict] = []
    try:
        plan = parse(body.q, words)
        answer = ANSWERS[plan.shape](store, plan, trail)
    except AskError as exc:
        raise HTTPException(422, detail=exc.detail()) from None
    return {"q": body.q, "interpretation": plan.interpretation(), **answer, "cypher": trail,
            "evidence": _all_evidence(answer["items"])}


def _all_evidence(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every sentence behind the answer, once: the reader's list of sources."""
    seen: dict[tuple[Any, Any], dict[str, Any]] = {}
    for item in items:
        for found in item.get("evidence", []):
            seen.setdefault((found.get("doc_id"), found.get("sentence")), found)
    return list(seen.values())


def _cities(store: GraphStore, plan: Plan, trail: list[dict]) -> Answer:
    items = [c.model_dump() for c in group_cities(run(store, plan.query, plan.params, trail))]
    return {"items": items, "answer": [c["name"] for c in items]}


def _parks(store: GraphStore, plan: Plan, trail: list[dict]) -> Answer:
    items = _group(run(store, plan.query, plan.params, trail), "park_id", lambda r: {
        "id": r["park_id"], "name": r["park"], "kind": r["kind"], "tier": r["tier"]})
    return {"items": items, "answer": [p["name"] for p in items]}


def _firms(store: GraphStore, plan: Plan, trail: list[dict]) -> Answer:
    """Chain leaders (链主/龙头); where none is recorded, the industry's key firms, and the interpretation says so."""
    rows = run(store, plan.query, plan.params, trail)
    if not rows and plan.params["roles"] == ["chain_leader"]:
        plan.params = plan.params | {"roles": ["key_firm"]}
        plan.extra["role"] = "key_firm"
        plan.extra["fallback"] = {"from": "chain_leader", "to": "key_firm", "reason": (
            "no chain leader (链主/龙头) is recorded for " + "、".join(e.name for e in plan.entities)
            + "; these are its key firms (IN_INDUSTRY)")}
        rows = run(store, plan.query, plan.params, trail)
    items = _group(rows, "firm_id", lambda r: {
        "id": r["firm_id"], "name": r["firm"], "full_name": r["full_name"], "role": r["role"]})
    return {"items": items, "answer": [f["name"] for f in items]}


def _targets(store: GraphStore, plan: Plan, trail: list[dict]) -> Answer:
    keys = ("target_id", "metric", "value", "unit", "comparator", "year", "kind", "city_id", "city", "industry_id",
            "industry")
    items = [{k: r[k] for k in keys} | {"evidence": [evidence(r)]} for r in run(store, plan.query, plan.params, trail)]
    return {"items": items, "answer": [_target_text(t) for t in items]}


def _target_text(target: dict[str, Any]) -> str:
    value = f"{target['value']:g}" if isinstance(target["value"], float) else str(target["value"])
    when = f" ({target['year']})" if target["year"] else ""
    return f"{target['metric']} {target['comparator'] or ''} {value}{target['unit'] or ''}{when}".replace("  ", " ")


def _industries(store: GraphStore, plan: Plan, trail: list[dict]) -> Answer:
    items = _group(run(store, plan.query, plan.params, trail), "industry_id", lambda r: {
        "id": r["industry_id"], "name": r["industry"], "name_en": r["industry_en"], "level": r["industry_level"],
        "strength": r["strength"] or "other"})
    return {"items": items, "answer": [i["name"] for i in items]}


def _agency(store: GraphStore, plan: Plan, trail: list[dict]) -> Answer:
    """Tasks ranked by bigram overlap with the topic, each with its lead and supporting agencies."""
    rows = run(store, plan.query, plan.params, trail)
    tasks = rank_tasks(plan.extra["topic_terms"], rows)
    if not tasks:
        raise AskError(f"no task of an agency matches {plan.extra['topic']!r}", _closest_tasks(plan, rows))
    leads = [a["name"] for a in tasks[0]["lead"]]
    return {"items": tasks, "answer": leads}


def _closest_tasks(plan: Plan, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    wanted = set().union(*(bigrams(t) for t in plan.extra["topic_terms"]))
    titles = {r["task_id"]: r["task"] for r in rows}
    ranked = sorted(titles.items(), key=lambda t: (-len(wanted & bigrams(t[1] or "")), t[0]))
    return [{"id": i, "name": t, "label": "Task", "match": "bigram"} for i, t in ranked[:5]
            if wanted & bigrams(t or "")]


def _paths(store: GraphStore, plan: Plan, trail: list[dict]) -> Answer:
    """Shortest paths, those through stated facts before those through a document that merely names both.

    Paths that pass the same nodes by the same relationships, stated in different documents, are one answer
    with every document's sentence.
    """
    paths: dict[str, dict[str, Any]] = {}
    for row in run(store, plan.query, plan.params, trail):
        path = _path(row)
        kept = paths.setdefault(path["text"], path)
        if kept is not path:
            _merge(kept, path)
    items = sorted(paths.values(), key=lambda p: (p["hops"], sum(r["type"] == "MENTIONS"
                                                                  for r in p["relationships"])))
    return {"items": items, "answer": [p["text"] for p in items]}


def _path(row: dict[str, Any]) -> dict[str, Any]:
    nodes = [{"id": n.get("id"), "label": n.get("_LABEL") or n.get("label"), "name": n.get("name")}
             for n in row["nodes"]]
    internal = {_internal(n.get("_ID")): node["id"] for n, node in zip(row["nodes"], nodes, strict=True)}
    relationships = [{"type": r.get("_LABEL") or r.get("type"), "source": internal.get(_internal(r.get("_SRC"))),
                      "target": internal.get(_internal(r.get("_DST"))),
                      "evidence": [{"doc_id": r.get("doc"), "doc_title": None, "sentence": r.get("evidence"),
                                    "start": r.get("start"), "end": r.get("end")}] if r.get("evidence") else []}
                     for r in row["relationships"]]
    return {"hops": row["hops"], "nodes": nodes, "relationships": relationships,
            "evidence": [e for r in relationships for e in r["evidence"]], "text": _path_text(nodes, relationships)}


def _merge(kept: dict[str, Any], other: dict[str, Any]) -> None:
    for mine, theirs in zip(kept["relationships"], other["relationships"], strict=True):
        mine["evidence"] += [e for e in theirs["evidence"] if e not in mine["evidence"]]
    kept["evidence"] = [e for r in kept["relationships"] for e in r["evidence"]]


def _internal(value: Any) -> Any:
    return tuple(sorted(value.items())) if isinstance(value, dict) else value


def _path_text(nodes: list[dict[str, Any]], relationships: list[dict[str, Any]]) -> str:
    """西飞 -LEADS_CHAIN-> 航空 <-TARGETS- 汉中市: each arrow the way the relationship points."""
    text = nodes[0]["name"] or nodes[0]["id"]
    for node, rel in zip(nodes[1:], relationships, strict=True):
        forward = rel["target"] in (None, node["id"])
        text += f" -{rel['type']}-> " if forward else f" <-{rel['type']}- "
        text += node["name"] or node["id"]
    return text


def _group(rows: list[dict[str, Any]], key: str, head: Callable[[dict[str, Any]], dict[str, Any]]) -> list[dict]:
    """One item per entity, with the industries it matched and every sentence; the strongest strength wins."""
    items: dict[str, dict[str, Any]] = {}
    for row in rows:
        item = items.setdefault(row[key], head(row) | {"industries": [], "evidence": []})
        if row.get("industry") and key != "industry_id" and row["industry"] not in item["industries"]:
            item["industries"].append(row["industry"])
        if "strength" in item and STRENGTH_ORDER.get(row["strength"], 2) < STRENGTH_ORDER.get(item["strength"], 2):
            item["strength"] = row["strength"]
        if evidence(row) not in item["evidence"]:
            item["evidence"].append(evidence(row))
    for item in items.values():
        if key == "industry_id":
            item.pop("industries")
    return list(items.values())


ANSWERS: dict[str, Callable[[GraphStore, Plan, list[dict]], Answer]] = {
    "cities_by_industry": _cities,
    "parks_by_industry": _parks,
    "firms_by_industry": _firms,
    "targets_timeline": _targets,
    "industries_by_city": _industries,
    "agency_for_topic": _agency,
    "shortest_paths": _paths,
}
