"""Places, industries, parks, firms, agencies, targets, documents, evidence, paths and search.

Every answer that states a fact carries its evidence (document, sentence, offsets) and the named Cypher
that produced it; lists are paginated with limit/offset.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query
from pydantic import BaseModel

from app.api import deps
from app.api.queries import (
    MAX_TEXT,
    MAX_YEAR,
    Item,
    Page,
    errors,
    evidence,
    id_path,
    id_query,
    items_query,
    run,
    text_query,
)
from graph.search import SearchIndex
from graph.stores import GraphStore

router = APIRouter()
STRENGTH_ORDER = {"key": 0, "cultivate": 1, "other": 2}
LEVELS = {"city": ["city", "zone"], "district": ["district", "county", "new_town"], "area": ["area"],
          "province": ["province"], "new_area": ["new_area"]}
_indexes: dict[int, SearchIndex] = {}


class Evidence(BaseModel):
    doc_id: str
    doc_title: str | None = None
    doc_file: str | None = None
    sentence: str
    start: int | None = None
    end: int | None = None


class CityAnswer(BaseModel):
    id: str
    name: str
    level: str | None
    adcode: str | None
    longitude: float | None
    latitude: float | None
    strength: str
    industries: list[str]
    evidence: list[Evidence]


class CitiesResponse(BaseModel):
    query: str
    industries: list[dict[str, Any]]
    cities: list[CityAnswer]
    page: dict[str, Any]
    cypher: list[dict[str, Any]]


def search_index(store: GraphStore) -> SearchIndex:
    if id(store) not in _indexes:
        _indexes[id(store)] = SearchIndex.from_store(store)
    return _indexes[id(store)]


def resolve_industries(store: GraphStore, q: str, trail: list[dict]) -> list[dict[str, Any]]:
    """Industries a user's words denote: exact name/alias/English name, else the best fuzzy search hit."""
    matches = run(store, "industry_lookup", {"q": q.strip().lower()}, trail)
    if not matches:
        hits = search_index(store).search(q, labels=("Industry",), limit=1)
        matches = [{"id": h.id, "name": h.name, "name_en": h.name_en, "match": h.match} for h in hits]
    if not matches:
        raise HTTPException(404, detail=f"no industry is named {q!r} (name, alias or English name)")
    return matches


def _levels(level: list[str] | None) -> list[str]:
    unknown = [x for x in level or [] if x not in LEVELS]
    if unknown:
        raise HTTPException(422, detail=f"unknown level {unknown}; use {sorted(LEVELS)}")
    return [v for x in level or [] for v in LEVELS[x]]


@router.get("/cities", response_model=CitiesResponse, responses=errors(400, 404, 422))
def cities(industry: str = text_query(description="Chinese name, alias or English name"),
           strength: list[Item] = items_query("key, cultivate, other"),
           level: list[Item] = items_query("city, district, area, province, new_area"),
           page: Page = Depends(), store: GraphStore = Depends(deps.store)):
    """Which places target an industry, with strength and evidence (paginated over place–industry facts)."""
    trail: list[dict] = []
    matches = resolve_industries(store, industry, trail)
    rows = run(store, "cities_by_industry", {"industry_ids": [m["id"] for m in matches], "strengths": strength,
                                             "levels": _levels(level), **page.params()}, trail)
    return CitiesResponse(query=industry, industries=matches, cities=group_cities(rows),
                          page=page.describe(len(rows)), cypher=trail)


@router.get("/cities/{city_id}", responses=errors(400, 404, 422))
def city(city_id: str = id_path("a place id, e.g. city:610300"), store: GraphStore = Depends(deps.store)) -> dict[str, Any]:
    trail: list[dict] = []
    rows = run(store, "city_profile", {"id": city_id}, trail)
    if not rows:
        raise HTTPException(404, detail=f"no city {city_id!r}")
    first = rows[0]
    industries = [
        {"id": r["industry_id"], "name": r["industry"], "name_en": r["industry_en"], "strength": r["strength"],
         "evidence": {"doc_id": r["doc_id"], "sentence": r["evidence"]}}
        for r in rows if r["industry_id"]
    ]
    return {k: first[k] for k in ("id", "name", "aliases", "level", "adcode", "longitude", "latitude")} | {
        "part_of": run(store, "city_parents", {"id": city_id}, trail), "industries": industries, "cypher": trail}


@router.get("/cities/{city_id}/industries", responses=errors(400, 422))
def city_industries(city_id: str = id_path("a place id, e.g. city:610300"),
                    strength: list[Item] = items_query("key, cultivate, other"), page: Page = Depends(),
                    store: GraphStore = Depends(deps.store)) -> dict[str, Any]:
    """The industries a place targets, each with its evidence."""
    trail: list[dict] = []
    rows = run(store, "industries_by_city", {"city_id": city_id, "strengths": strength, **page.params()}, trail)
    items = [{"id": r["industry_id"], "name": r["industry"], "name_en": r["industry_en"], "strength": r["strength"],
              "evidence": evidence(r)} for r in rows]
    return {"city_id": city_id, "items": items, "page": page.describe(len(rows)), "cypher": trail}


@router.get("/industries/{industry_id}", responses=errors(400, 404, 422))
def industry_page(industry_id: str = id_path("an industry id, e.g. industry:增材制造"), store: GraphStore = Depends(deps.store)) -> dict[str, Any]:
    trail: list[dict] = []
    rows = run(store, "industry_profile", {"id": industry_id}, trail)
    if not rows:
        raise HTTPException(404, detail=f"no industry {industry_id!r}")
    ids = [industry_id]
    cities_rows = run(store, "cities_by_industry", {"industry_ids": ids, "strengths": [], "levels": [], "skip": 0,
                                                    "limit": 200}, trail)
    parks = run(store, "parks_by_industry", {"industry_ids": ids, "skip": 0, "limit": 200}, trail)
    return rows[0] | {"cities": [c.model_dump() for c in group_cities(cities_rows)], "parks": parks, "cypher": trail}


def resolve_place(store: GraphStore, value: str) -> str:
    """A place given by id (city:610800) or by name, alias or English name (榆林, 榆林市, Yulin), resolved as /search
    does: one exact match is the place; several are a 409 listing them; none is a 404 with the closest names."""
    if value.startswith("city:"):
        return value
    hits = search_index(store).search(value, labels=("City",), limit=10)
    exact = [h for h in hits if h.match == "exact"]
    if len(exact) == 1:
        return exact[0].id
    candidates = [{"id": h.id, "name": h.name, "name_en": h.name_en} for h in (exact or hits)[:5]]
    if exact:
        raise HTTPException(409, detail={"message": f"{value!r} names several places", "candidates": candidates})
    raise HTTPException(404, detail={"message": f"no place is named {value!r}", "candidates": candidates})


@router.get("/parks", responses=errors(400, 404, 409, 422))
def parks(industry: str | None = text_query(None, "Chinese name, alias or English name"),
          city: str | None = id_query(None, "a place: its id (city:610800) or its name, alias or English name "
                                            "(榆林, Yulin)"),
          page: Page = Depends(), store: GraphStore = Depends(deps.store)) -> dict[str, Any]:
    """Parks by industry (HOSTS) or by place (LOCATED_IN), with evidence."""
    if bool(industry) == bool(city):
        raise HTTPException(422, detail="give exactly one of industry= or city=")
    trail: list[dict] = []
    if industry:
        ids = [m["id"] for m in resolve_industries(store, industry, trail)]
        rows = run(store, "parks_by_industry", {"industry_ids": ids, **page.params()}, trail)
    else:
        rows = run(store, "parks_by_city", {"city_id": resolve_place(store, city), **page.params()}, trail)
    items = [{k: r.get(k) for k in ("park_id", "park", "kind", "tier", "industry_id", "industry", "city_id", "city")
              if k in r} | {"evidence": evidence(r)} for r in rows]
    return {"items": items, "page": page.describe(len(rows)), "cypher": trail}


@router.get("/industries/{industry_id}/firms", responses=errors(400, 422))
def industry_firms(industry_id: str = id_path("an industry id, e.g. industry:航空"),
                   role: list[Item] = items_query("chain_leader, key_firm"),
                   page: Page = Depends(), store: GraphStore = Depends(deps.store)) -> dict[str, Any]:
    """Chain leaders (链主/龙头) and key firms of an industry."""
    trail: list[dict] = []
    rows = run(store, "firms_by_industry", {"industry_ids": [industry_id], "roles": role, **page.params()}, trail)
    items = [{"id": r["firm_id"], "name": r["firm"], "full_name": r["full_name"], "role": r["role"],
              "industry": r["industry"], "evidence": evidence(r)} for r in rows]
    return {"industry_id": industry_id, "items": items, "page": page.describe(len(rows)), "cypher": trail}


@router.get("/firms/{firm_id}", responses=errors(400, 404, 422))
def firm(firm_id: str = id_path("a firm id"), store: GraphStore = Depends(deps.store)) -> dict[str, Any]:
    trail: list[dict] = []
    rows = run(store, "firm_profile", {"id": firm_id}, trail)
    if not rows:
        raise HTTPException(404, detail=f"no firm {firm_id!r}")
    first = rows[0]
    relations = [{"relation": r["relation"], "id": r["target_id"], "name": r["target"], "label": r["target_label"],
                  "evidence": {"doc_id": r["doc_id"], "sentence": r["evidence"]}} for r in rows if r["relation"]]
    return {k: first[k] for k in ("id", "name", "full_name", "short_name", "aliases")} | {
        "relations": relations, "documents": run(store, "documents_mentioning", {"id": firm_id}, trail),
        "cypher": trail}


@router.get("/agencies/{agency_id}", responses=errors(400, 404, 422))
def agency(agency_id: str = id_path("an agency id"), store: GraphStore = Depends(deps.store)) -> dict[str, Any]:
    """An agency's responsibilities: tasks it leads or supports and the targets those tasks carry."""
    trail: list[dict] = []
    found = run(store, "agency_lookup", {"id": agency_id}, trail)
    if not found:
        raise HTTPException(404, detail=f"no agency {agency_id!r}")
    tasks: dict[tuple[str, str], dict[str, Any]] = {}
    for r in run(store, "agency_responsibilities", {"id": agency_id}, trail):
        task = tasks.setdefault((r["task_id"], r["role"]), {
            "task_id": r["task_id"], "task": r["task"], "section": r["section"], "role": r["role"],
            "evidence": {"doc_id": r["doc_id"], "sentence": r["evidence"]}, "targets": []})
        if r["target_id"]:
            task["targets"].append({k: r[k] for k in ("target_id", "metric", "value", "unit", "comparator", "year")})
    return found[0] | {"tasks": list(tasks.values()), "cypher": trail}


@router.get("/targets", responses=errors(400, 422))
def targets(city: str = id_query("", "place id"), industry: str = id_query("", "industry id"),
            year: int = Query(0, ge=0, le=MAX_YEAR, description="deadline year; 0 for any"), page: Page = Depends(),
            store: GraphStore = Depends(deps.store)) -> dict[str, Any]:
    """Quantified targets as a timeline, by place, industry and year."""
    trail: list[dict] = []
    rows = run(store, "targets_timeline", {"city_id": city, "industry_id": industry, "year": year,
                                           **page.params()}, trail)
    items = [{k: r[k] for k in ("target_id", "metric", "value", "unit", "comparator", "year", "kind", "city_id",
                                "city", "industry_id", "industry")} | {"evidence": evidence(r)} for r in rows]
    return {"items": items, "page": page.describe(len(rows)), "cypher": trail}


@router.get("/entities/{entity_id}/documents", responses=errors(400, 422))
def entity_documents(entity_id: str = id_path(), store: GraphStore = Depends(deps.store)) -> dict[str, Any]:
    """The documents that name an entity, how often, and one sentence from each."""
    trail: list[dict] = []
    rows = run(store, "documents_mentioning", {"id": entity_id}, trail)
    items = [{k: r[k] for k in ("doc_id", "title", "file", "published", "level", "count")} | {"evidence": evidence(r)}
             for r in rows]
    return {"entity_id": entity_id, "items": items, "cypher": trail}


@router.get("/evidence", responses=errors(400, 404, 422))
def edge_evidence(source: str = id_query(description="the source node's id"),
                  type: str = Query(..., max_length=MAX_TEXT, description="a relationship type, e.g. TARGETS"),
                  target: str = id_query(description="the target node's id"), store: GraphStore = Depends(deps.store)) -> dict[str, Any]:
    """Every document and sentence behind one relationship (source id, type, target id)."""
    trail: list[dict] = []
    rows = run(store, "edge_evidence", {"source": source, "type": type.upper(), "target": target}, trail)
    if not rows:
        raise HTTPException(404, detail=f"no {type} relationship from {source!r} to {target!r}")
    return {"source": source, "type": type.upper(), "target": target,
            "items": [{"strength": r["strength"]} | evidence(r) for r in rows], "cypher": trail}


@router.get("/paths", responses=errors(400, 422))
def paths(source: str = id_query(alias="from", description="an entity id"),
          target: str = id_query(alias="to", description="an entity id"),
          depth: int = Query(3, ge=1, le=4), store: GraphStore = Depends(deps.store)) -> dict[str, Any]:
    """How two entities are connected: the shortest paths between them, up to `depth` hops."""
    trail: list[dict] = []
    rows = [r for r in run(store, "shortest_paths", {"source": source, "target": target}, trail)
            if r["hops"] <= depth]
    return {"from": source, "to": target, "depth": depth,
            "paths": [{"hops": r["hops"], "nodes": [_node(n) for n in r["nodes"]],
                       "relationships": [_relationship(x) for x in r["relationships"]]} for r in rows],
            "cypher": trail}


@router.get("/search", responses=errors(400, 422))
def search(q: str = text_query(min_length=1, description="a name, alias or English name, possibly misspelled"),
           label: list[Item] = items_query("City, Park, Industry, Firm, Org, Agency"),
           limit: int = Query(10, ge=1, le=100), store: GraphStore = Depends(deps.store)) -> dict[str, Any]:
    """Names, aliases and English names: exact, prefix, substring, and fuzzy for misspellings."""
    hits = search_index(store).search(q, labels=tuple(label), limit=limit)
    return {"q": q, "items": [h.__dict__ for h in hits]}


def _node(value: dict[str, Any]) -> dict[str, Any]:
    return {"id": value.get("id"), "label": value.get("_LABEL") or value.get("label"), "name": value.get("name")}


def _relationship(value: dict[str, Any]) -> dict[str, Any]:
    return {"type": value.get("_LABEL") or value.get("type"), "doc": value.get("doc"),
            "evidence": value.get("evidence")}


def group_cities(rows: list[dict[str, Any]]) -> list[CityAnswer]:
    """One answer per city: its strongest strength, the industries matched, every evidence sentence."""
    answers: dict[str, CityAnswer] = {}
    for row in rows:
        answer = answers.get(row["city_id"])
        if answer is None:
            answer = answers[row["city_id"]] = CityAnswer(
                id=row["city_id"], name=row["city"], level=row["level"], adcode=row["adcode"],
                longitude=row["longitude"], latitude=row["latitude"], strength=row["strength"] or "other",
                industries=[], evidence=[])
        if STRENGTH_ORDER.get(row["strength"], 2) < STRENGTH_ORDER.get(answer.strength, 2):
            answer.strength = row["strength"]
        if row["industry"] not in answer.industries:
            answer.industries.append(row["industry"])
        answer.evidence.append(Evidence(doc_id=row["doc_id"], doc_title=row["doc_title"], doc_file=row["doc_file"],
                                        sentence=row["evidence"], start=row["start"], end=row["end"]))
    return sorted(answers.values(), key=lambda c: (STRENGTH_ORDER.get(c.strength, 2), c.id))
