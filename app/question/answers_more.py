"""The answers that are not lists of one entity: paths between two entities, agencies ranked against a topic,
and an entity's profile."""

from __future__ import annotations

import re
from typing import Any

from app.api.queries import evidence, run
from app.question import text as words
from app.question.answers import Answer, Trail, group, places, rank
from app.question.model import PAGE, Plan, QuestionError
from graph.search import normalise
from graph.stores import GraphStore

RELEVANCE = 0.5  # a task answers a topic if half the topic's character bigrams are in its title


# -- paths -----------------------------------------------------------------------------------------------------
def paths(store: GraphStore, plan: Plan, trail: Trail) -> Answer:
    """Shortest paths, those through stated facts before those through a document that merely names both;
    paths over the same nodes by the same relationships in different documents are one answer."""
    found: dict[str, dict[str, Any]] = {}
    for row in run(store, plan.query, plan.params, trail):
        path = _path(row)
        kept = found.setdefault(path["text"], path)
        if kept is not path:
            for mine, theirs in zip(kept["relationships"], path["relationships"], strict=True):
                mine["evidence"] += [e for e in theirs["evidence"] if e not in mine["evidence"]]
            kept["evidence"] = [e for r in kept["relationships"] for e in r["evidence"]]
    items = sorted(found.values(), key=lambda p: (p["hops"], sum(r["type"] == "MENTIONS" for r in p["relationships"])))
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


# -- agencies --------------------------------------------------------------------------------------------------
def agency(store: GraphStore, plan: Plan, trail: Trail) -> Answer:
    """Tasks ranked by bigram overlap with the topic, each with its lead and supporting agencies."""
    rows = run(store, plan.query, plan.params, trail)
    tasks = rank_tasks(plan.extra["topic_terms"], rows)
    if not tasks:
        raise QuestionError(words.no_task(plan.language, plan.extra["topic"]), _closest_tasks(plan, rows))
    return {"items": tasks, "answer": [a["name"] for a in tasks[0]["lead"]]}


def bigrams(text: str) -> set[str]:
    """Character bigrams of the Chinese and alphanumeric text: a word-segmentation-free overlap measure."""
    chars = re.sub(r"[^\w]|_", "", normalise(text))
    return {chars[i: i + 2] for i in range(len(chars) - 1)}


def rank_tasks(terms: list[str], rows: list[dict[str, Any]], limit: int = 5) -> list[dict[str, Any]]:
    """Tasks whose title (or, discounted, whose sentence) holds half the topic's bigrams, best first: a topic
    sharing only a common word such as 推动 does not pick an arbitrary task."""
    wanted = set().union(*(bigrams(t) for t in terms)) if terms else set()
    if not wanted:
        return []
    scored = []
    for task in _group_tasks(rows):
        title = len(wanted & bigrams(task["task"] or ""))
        sentence = len(wanted & set().union(*(bigrams(e["sentence"] or "") for e in task["evidence"])))
        relevance = max(title, 0.8 * sentence) / len(wanted)
        if relevance >= RELEVANCE:
            scored.append((relevance, title, task | {"relevance": round(relevance, 3)}))
    scored.sort(key=lambda s: (-s[0], -s[1], s[2]["task_id"]))
    return [task for _, _, task in scored[:limit]]


def _group_tasks(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    tasks: dict[str, dict[str, Any]] = {}
    for row in rows:
        task = tasks.setdefault(row["task_id"], {
            "task_id": row["task_id"], "task": row["task"], "section": row["section"], "doc_id": row["doc_id"],
            "doc_title": row["doc_title"], "lead": [], "support": [], "evidence": []})
        agency_ = {"id": row["agency_id"], "name": row["agency"], "jurisdiction": row["jurisdiction"]}
        if agency_ not in task[row["role"]]:
            task[row["role"]].append(agency_)
        sentence = {"doc_id": row["doc_id"], "doc_title": row["doc_title"], "sentence": row["evidence"],
                    "start": row["start"], "end": row["end"]}
        if sentence not in task["evidence"]:
            task["evidence"].append(sentence)
    return list(tasks.values())


def _closest_tasks(plan: Plan, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    wanted = set().union(*(bigrams(t) for t in plan.extra["topic_terms"]))
    titles = {r["task_id"]: r["task"] for r in rows}
    ranked = sorted(titles.items(), key=lambda t: (-len(wanted & bigrams(t[1] or "")), t[0]))
    return [{"id": i, "name": t, "label": "Task", "match": "bigram"} for i, t in ranked[:5]
            if wanted & bigrams(t or "")]


# -- profiles --------------------------------------------------------------------------------------------------
def profile(store: GraphStore, plan: Plan, trail: Trail) -> Answer:
    """The entity's own profile query; its ties, each with the sentence behind it, are the items."""
    entity = plan.entities[0]
    rows = run(store, plan.query, plan.params, trail)
    if entity.label == "Document":
        items = [{"id": r["id"], "name": r["title"], "relation": "DOCUMENT", "evidence": []} | r
                 for r in rows if r["id"] == entity.id]
    elif entity.label == "City":
        items = rank(group([r for r in rows if r["industry_id"]], "industry_id", lambda r: {
            "id": r["industry_id"], "name": r["industry"], "name_en": r["industry_en"],
            "strength": r["strength"] or "other", "relation": "TARGETS"}, industries=False))
    elif entity.label == "Industry":
        params = {"industry_ids": [entity.id], "strengths": [], "levels": [], "skip": 0, "limit": PAGE}
        return places(store, Plan(plan.q, plan.intent, plan.language, "cities_by_industry", params), trail) | {
            "profile": rows[0] if rows else {}}
    elif entity.label in ("Park", "Firm"):
        other = "other_id" if entity.label == "Park" else "target_id"
        items = [{"id": r[other], "name": r["other" if entity.label == "Park" else "target"],
                  "label": r["other_label" if entity.label == "Park" else "target_label"], "relation": r["relation"],
                  "evidence": [evidence(r)]} for r in rows if r.get("relation")]
    elif entity.label == "Agency":
        tasks = run(store, "agency_responsibilities", {"id": entity.id}, trail)
        items = [{"id": r["task_id"], "name": r["task"], "relation": r["role"], "evidence": [evidence(r)]}
                 for r in tasks]
    else:
        items = [{"id": r["doc_id"], "name": r["title"], "relation": "MENTIONS", "evidence": [evidence(r)]}
                 for r in rows]
    return {"items": items, "answer": [i["name"] for i in items], "profile": {"id": entity.id, "name": entity.name,
                                                                           "label": entity.label}}
