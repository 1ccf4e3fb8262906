"""Plans → answers: run the named queries (every run recorded in the trail the response returns as `cypher`)
and group their rows into items, each with the document sentences behind it.

Places' and industries' items carry the TARGETS strength and `descriptive` (strength other: a statement such
as a market statistic, not a plan's target), ordered key, cultivate, other; the interpretation says how many
of each. Paths, profiles and agency tasks live in answers_more.py to keep each module small.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from app.api.queries import evidence, run
from app.api.routes.entities import STRENGTH_ORDER, group_cities
from app.question import text as words
from app.question.intents.base import CLASS_NAME
from app.question.model import PAGE, Entity, Plan
from graph.stores import GraphStore

Answer = dict[str, Any]
Trail = list[dict]


def rank(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Key, then cultivate, then descriptive statements; each item says whether it is descriptive."""
    for item in items:
        item["strength"] = item.get("strength") or "other"
        item["descriptive"] = item["strength"] == "other"
    return sorted(items, key=lambda i: STRENGTH_ORDER.get(i["strength"], 2))


def note_strengths(plan: Plan, items: list[dict[str, Any]]) -> None:
    described = sum(i["descriptive"] for i in items)
    plan.extra["strengths"] = words.descriptive_note(plan.language, len(items) - described, described)


def group(rows: list[dict[str, Any]], key: str, head: Callable[[dict[str, Any]], dict[str, Any]],
          industries: bool = True) -> list[dict[str, Any]]:
    """One item per entity, with the industries it matched and every sentence; the strongest strength wins."""
    items: dict[str, dict[str, Any]] = {}
    for row in rows:
        item = items.setdefault(row[key], head(row) | ({"industries": []} if industries else {}) | {"evidence": []})
        if industries and row.get("industry") and row["industry"] not in item["industries"]:
            item["industries"].append(row["industry"])
        if "strength" in item and STRENGTH_ORDER.get(row.get("strength"), 2) < STRENGTH_ORDER.get(item["strength"], 2):
            item["strength"] = row["strength"]
        if evidence(row) not in item["evidence"]:
            item["evidence"].append(evidence(row))
    return list(items.values())


def places(store: GraphStore, plan: Plan, trail: Trail) -> Answer:
    items = rank([c.model_dump() for c in group_cities(run(store, plan.query, plan.params, trail))])
    within = plan.of("City")
    if within:
        parents: dict[str, list[str]] = {}
        items = [i for i in items if within[0].id in _above(store, i["id"], trail, parents)]
        below = [i for i in items if i["id"] != within[0].id]
        if plan.extra.pop("below_only", False) and below:
            items = below  # 陕西哪些市…: the places in 陕西, not the province itself
    note_strengths(plan, items)
    return {"items": items, "answer": [c["name"] for c in items]}


def _above(store: GraphStore, city_id: str, trail: Trail, parents: dict[str, list[str]], depth: int = 3) -> set[str]:
    """The place and the places it is part of (district → city → province), at most `depth` levels up; each
    place's parents are asked once per answer (`parents` remembers them)."""
    found, frontier = {city_id}, [city_id]
    for _ in range(depth):
        for c in frontier:
            if c not in parents:
                parents[c] = [p["id"] for p in run(store, "city_parents", {"id": c}, trail)]
        frontier = [p for c in frontier for p in parents[c] if p not in found]
        found.update(frontier)
        if not frontier:
            break
    return found


def industries(store: GraphStore, plan: Plan, trail: Trail) -> Answer:
    rows = run(store, plan.query, plan.params, trail)
    if plan.extra.get("class"):
        rows = _members(store, plan, rows, trail)
    items = rank(_industry_items(rows))
    note_strengths(plan, items)
    return {"items": items, "answer": [i["name"] for i in items]}


def _members(store: GraphStore, plan: Plan, rows: list[dict[str, Any]], trail: Trail) -> list[dict[str, Any]]:
    """The place's (or park's) rows for industries of the class the question asks for (陕西有哪些未来产业): those the
    taxonomy files under it, and those a sentence lists before it (…、…等未来产业) when the place targets (the park
    hosts) the class in that sentence. No class is a member of another. None found: a note says so."""
    kind = plan.extra["class"]
    filed = {r["id"] for r in run(store, "industry_subsectors", {"id": kind}, trail)}
    sentences: dict[tuple[Any, Any], list[dict[str, Any]]] = {}
    for row in rows:
        sentences.setdefault((row["doc_id"], row["start"]), []).append(row)
    listed = {id(row) for group in sentences.values() for row in _listed_before(group, kind)}
    members = [r for r in rows if not CLASS_NAME.match(r["industry"] or "")
               and (r["industry_id"] in filed or id(r) in listed)]
    plan.extra["class_members"] = words.class_members(plan.language, plan.extra["class_name"], bool(members))
    return members


CLAUSE_BREAK = re.compile(r"[，。；：！？,;:!?]")  # a list and the class closing it lie in one clause
# 等 closes a list, before the class it belongs to (…等未来产业, …等一批战略性新兴产业, …等重点新兴产业).
CLOSED_BY = re.compile(r"等(?:[一二三四五六七八九十几]+[个大类批项]|一批|若干|重点|新一代)?$")


def _listed_before(group: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    """The rows of one sentence whose industry the sentence lists before the class `kind`, the class closing that
    list (…、…等未来产业) with no other class between ("布局A、B等战略性新兴产业，发展C、D等未来产业": C and D are
    未来产业's). The graph keeps the sentence of each fact, not where in it the item stood, so the item's name is
    looked for in the sentence; a name the sentence does not spell (an alias was read) counts when the sentence names
    no other class. The class must close the item's own clause ("发展A、B等专业化服务，培育先进制造业…试点" gives
    先进制造业 nothing) and be written after 等: in "发展纺织和新兴产业" it is one more item, not their class."""
    classes = {r["industry_id"]: r["industry"] for r in group if CLASS_NAME.match(r["industry"] or "")}
    sentence = group[0].get("evidence") or ""
    if kind not in classes or not any(CLOSED_BY.search(sentence[:m.start()])
                                      for m in re.finditer(re.escape(classes[kind]), sentence)):
        return []
    found = []
    for row in group:
        at = sentence.find(row["industry"] or "\0")
        if at < 0:
            if len(classes) == 1:
                found.append(row)
            continue
        end = at + len(row["industry"])
        after = [(sentence.find(name, end), cid) for cid, name in classes.items()]
        nearest = min(((pos, cid) for pos, cid in after if pos >= 0), default=None)
        if (nearest is not None and nearest[1] == kind and not CLAUSE_BREAK.search(sentence, end, nearest[0])
                and CLOSED_BY.search(sentence[:nearest[0]])):
            found.append(row)
    return found


def _industry_items(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return group(rows, "industry_id", lambda r: {
        "id": r["industry_id"], "name": r["industry"], "name_en": r.get("industry_en"),
        "level": r.get("industry_level"), "strength": r.get("strength") or "other"}, industries=False)


def parks(store: GraphStore, plan: Plan, trail: Trail) -> Answer:
    """One item per park: its rows (one per industry or place it matched, each with its sentences) merged."""
    industries = plan.intent == "parks_for_industry"
    items: dict[str, dict[str, Any]] = {}
    for row in run(store, plan.query, plan.params, trail):
        item = items.setdefault(row["park_id"], {"id": row["park_id"], "name": row["park"], "kind": row["kind"],
                                                 "tier": row["tier"]} | ({"industries": []} if industries else {})
                                | {"evidence": []})
        if industries and row["industry"] not in item["industries"]:
            item["industries"].append(row["industry"])
        item["evidence"] += [e for e in row["evidence"] if e not in item["evidence"]]
    within = plan.of("City") if industries else []
    if within and items:
        kept = _parks_in(store, items, within[0], trail)
        if not kept:
            plan.extra["place_filter"] = words.parks_outside(plan.language, within[0].name)
        items = {k: v for k, v in items.items() if k in kept}
    return {"items": list(items.values()), "answer": [p["name"] for p in items.values()]}


def short_name(place: Entity) -> str:
    """A place as sentences and park names write it: 汉中 for 汉中市 (陕西 for 陕西省)."""
    return place.name.rstrip("市省区县")


def _parks_in(store: GraphStore, items: dict[str, dict[str, Any]], place: Entity, trail: Trail) -> set[str]:
    """The parks that lie in the place: LOCATED_IN it or a place below it (a district of the city), or, for a park
    no document locates, named after it (汉中航空产业园 is 汉中's). One query for all of them (parks_within)."""
    short = short_name(place)
    rows = run(store, "parks_within", {"city_id": place.id, "park_ids": list(items)}, trail)
    return {r["park_id"] for r in rows if r["within"] or (not r["located"] and short in r["park"])}


def park_industries(store: GraphStore, plan: Plan, trail: Trail) -> Answer:
    rows = [r for r in run(store, plan.query, plan.params, trail)
            if r["direction"] == "out" and r["relation"] == "HOSTS"]
    if plan.extra.get("class"):
        rows = _members(store, plan, [r | {"industry_id": r["other_id"], "industry": r["other"]} for r in rows], trail)
    items = rank(group(rows, "other_id", lambda r: {"id": r["other_id"], "name": r["other"],
                                                     "strength": r.get("strength") or "other"}, industries=False))
    return {"items": items, "answer": [i["name"] for i in items]}


def firms(store: GraphStore, plan: Plan, trail: Trail) -> Answer:
    """Chain leaders (链主/龙头); where none is recorded, the industry's key firms, and the interpretation says so.
    A place narrows the firms to those whose sentence or document names it."""
    rows = _leaders_or_key_firms(store, plan, trail, words.fallback_reason(
        plan.language, "、".join(e.name for e in plan.of("Industry"))))
    place = next(iter(plan.of("City")), None)
    if place:
        short = short_name(place)
        local = [r for r in rows if short in (r.get("evidence") or "") + (r.get("doc_title") or "")]
        plan.extra["place"] = place.name
        if local or not rows:
            rows = local
        else:
            plan.extra["place_filter"] = words.place_unmatched(plan.language, place.name)
    items = group(rows, "firm_id", lambda r: {
        "id": r["firm_id"], "name": r["firm"], "full_name": r["full_name"], "role": r["role"]})
    return {"items": items, "answer": [f["name"] for f in items]}


def place_firms(store: GraphStore, plan: Plan, trail: Trail) -> Answer:
    """The firms of a place and the places and parks below it (firms_by_city ties them, so no sentence is
    filtered by the place's name here); chain leaders first asked for fall back to key firms, as in `firms`.
    Each item says how the firm is tied to the place (`via`: located_in, park or document)."""
    place = plan.of("City")[0]
    rows = _leaders_or_key_firms(store, plan, trail, words.place_fallback_reason(plan.language, place.name))
    items = group(rows, "firm_id", lambda r: {
        "id": r["firm_id"], "name": r["firm"], "full_name": r["full_name"], "role": r["role"], "via": r["via"]})
    return {"items": items, "answer": [f["name"] for f in items]}


def _leaders_or_key_firms(store: GraphStore, plan: Plan, trail: Trail, reason: str) -> list[dict[str, Any]]:
    """The plan's rows; a question about chain leaders that finds none is asked again for key firms, and the
    interpretation says so (`reason`): an empty answer would read as "this has no notable firm"."""
    rows = run(store, plan.query, plan.params, trail)
    if not rows and plan.params["roles"] == ["chain_leader"]:
        plan.params = plan.params | {"roles": ["key_firm"]}
        plan.extra["role"] = "key_firm"
        plan.extra["fallback"] = {"from": "chain_leader", "to": "key_firm", "reason": reason}
        rows = run(store, plan.query, plan.params, trail)
    return rows


def targets(store: GraphStore, plan: Plan, trail: Trail) -> Answer:
    keys = ("target_id", "metric", "value", "unit", "comparator", "year", "kind", "city_id", "city", "industry_id",
            "industry")
    items = [{k: r[k] for k in keys} | {"evidence": [evidence(r)]} for r in run(store, plan.query, plan.params, trail)]
    metric = plan.slots.metric
    if metric:
        chosen = [t for t in items if metric in (t["metric"] or "")]
        if chosen:
            items = chosen
        else:
            plan.extra["metric_filter"] = words.metric_unmatched(plan.language, metric)
    return {"items": items, "answer": [_target_text(t) for t in items]}


def _target_text(target: dict[str, Any]) -> str:
    value = f"{target['value']:g}" if isinstance(target["value"], float) else str(target["value"])
    when = f" ({target['year']})" if target["year"] else ""
    return f"{target['metric']} {target['comparator'] or ''} {value}{target['unit'] or ''}{when}".replace("  ", " ")


def comparison(store: GraphStore, plan: Plan, trail: Trail) -> Answer:
    """Industries both places target, then each one's own, every item with the places' strengths and sentences."""
    first, second = plan.entities[:2]
    found: dict[str, dict[str, Any]] = {}
    for place in (first, second):
        rows = run(store, plan.query, plan.params | {"city_id": place.id}, trail)
        for item in _industry_items(rows):
            kept = found.setdefault(item["id"], {k: item[k] for k in ("id", "name", "name_en")}
                                    | {"places": {}, "evidence": []})
            kept["places"][place.name] = item["strength"]
            kept["evidence"] += [e for e in item["evidence"] if e not in kept["evidence"]]
    items = []
    for item in found.values():
        item["shared"] = len(item["places"]) == 2
        item["strength"] = min(item["places"].values(), key=lambda s: STRENGTH_ORDER.get(s, 2))
        items.append(item)
    items = rank(items)
    on = plan.extra.get("on") or []
    if on:
        items = [i for i in items if i["id"] in on]  # only the industries asked about (none: nothing states it)
    items.sort(key=lambda i: not i["shared"])
    summary = {"shared": [i["name"] for i in items if i["shared"]],
               "distinct": {p.name: [i["name"] for i in items if list(i["places"]) == [p.name]]
                            for p in (first, second)}}
    return {"items": items, "answer": [i["name"] for i in items], "comparison": summary}


def documents(store: GraphStore, plan: Plan, trail: Trail) -> Answer:
    rows = run(store, plan.query, plan.params, trail)
    if plan.query == "document_list":  # every document (有哪些政策文件): its metadata, no sentence to cite
        plan.extra["documents"] = len(rows)
        items = [{"id": r["id"], "name": r["title"] or r["file"]} | {k: r[k] for k in (
            "file", "title", "issuer", "doc_number", "published", "level", "jurisdiction")} for r in rows[:PAGE]]
        return {"items": items, "answer": [d["name"] for d in items]}
    items = [{"id": r["doc_id"], "name": r["title"]} | {k: r[k] for k in ("doc_id", "title", "file", "published",
                                                                       "level", "count")}
             | {"evidence": [evidence(r) | {"doc_title": r["title"]}]} for r in rows]
    return {"items": items, "answer": [d["title"] for d in items]}
