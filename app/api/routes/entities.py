"""Places, industries, parks, firms, agencies, targets, documents, evidence, paths and search.

Every answer that states a fact carries its evidence (document, sentence, offsets) and the named Cypher
that produced it; lists are paginated with limit/offset. Every parameter and path segment that takes an
entity takes its id or its name, alias or English name (deps.resolve_entity: 409 when several entities bear
it, 404 with the closest names when none does). A list names each entity once: facts stated by several
documents are one item with every sentence in `evidence`.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query
from pydantic import BaseModel, Field

from app.api import deps
from app.api.deps import resolve_entity, search_index
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
    paging,
    run,
    text_query,
)
from graph.stores import GraphStore

router = APIRouter()
STRENGTH_ORDER = {"key": 0, "cultivate": 1, "other": 2}
PARK_EVIDENCE = 20  # sentences one park item carries: the bound written in cypher/queries/parks_by_*.cypher
LEVELS = {"city": ["city", "zone"], "district": ["district", "county", "new_town"], "area": ["area"],
          "province": ["province"], "new_area": ["new_area"]}


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
@deps.offloaded
def cities(industry: str = text_query(description="Chinese name, alias or English name"),
           strength: list[Item] = items_query("key, cultivate, other"),
           level: list[Item] = items_query("city, district, area, province, new_area"),
           page: Page = Depends(paging), store: GraphStore = Depends(deps.store)):
    """Which places target an industry, with strength and evidence (paginated over place–industry facts)."""
    trail: list[dict] = []
    matches = resolve_industries(store, industry, trail)
    rows = run(store, "cities_by_industry", {"industry_ids": [m["id"] for m in matches], "strengths": strength,
                                             "levels": _levels(level), **page.params()}, trail)
    return CitiesResponse(query=industry, industries=matches, cities=group_cities(rows),
                          page=page.describe(len(rows)), cypher=trail)


PLACE = "a place: its id (city:610300) or its name, alias or English name (宝鸡, Baoji)"
INDUSTRY = "an industry: its id (industry:增材制造) or its name, alias or English name (3D打印)"
ENTITY = "an entity: its id (city:610700, firm:…, document:…) or an entity's name, alias or English name"


@router.get("/cities/{city_id}", responses=errors(400, 404, 409, 422))
@deps.offloaded
def city(city_id: str = id_path(PLACE), store: GraphStore = Depends(deps.store)) -> dict[str, Any]:
    """A place, the places above it, and each industry it targets once (its strongest strength, every sentence)."""
    city_id = resolve_entity(store, city_id, "City")
    trail: list[dict] = []
    rows = run(store, "city_profile", {"id": city_id}, trail)
    if not rows:
        raise HTTPException(404, detail=f"no city {city_id!r}")
    first = rows[0]
    industries: dict[str, dict[str, Any]] = {}
    for r in rows:
        if not r["industry_id"]:
            continue
        item = industries.setdefault(r["industry_id"], {"id": r["industry_id"], "name": r["industry"],
                                                        "name_en": r["industry_en"], "strength": r["strength"],
                                                        "evidence": []})
        if STRENGTH_ORDER.get(r["strength"], 2) < STRENGTH_ORDER.get(item["strength"], 2):
            item["strength"] = r["strength"]
        if evidence(r) not in item["evidence"]:
            item["evidence"].append(evidence(r))
    return {k: first[k] for k in ("id", "name", "aliases", "level", "adcode", "longitude", "latitude")} | {
        "part_of": run(store, "city_parents", {"id": city_id}, trail), "industries": list(industries.values()),
        "cypher": trail}


@router.get("/cities/{city_id}/industries", responses=errors(400, 404, 409, 422))
@deps.offloaded
def city_industries(city_id: str = id_path(PLACE),
                    strength: list[Item] = items_query("key, cultivate, other"), page: Page = Depends(paging),
                    store: GraphStore = Depends(deps.store)) -> dict[str, Any]:
    """The industries a place targets, one item per (industry, document) with its evidence."""
    city_id = resolve_entity(store, city_id, "City")
    trail: list[dict] = []
    rows = run(store, "industries_by_city", {"city_id": city_id, "strengths": strength, **page.params()}, trail)
    items = [{"id": r["industry_id"], "name": r["industry"], "name_en": r["industry_en"], "strength": r["strength"],
              "evidence": evidence(r)} for r in rows]
    return {"city_id": city_id, "items": items, "page": page.describe(len(rows)), "cypher": trail}


@router.get("/industries/{industry_id}", responses=errors(400, 404, 409, 422))
@deps.offloaded
def industry_page(industry_id: str = id_path(INDUSTRY), store: GraphStore = Depends(deps.store)) -> dict[str, Any]:
    """An industry, the places that target it and the parks that host it (as /parks?industry= items)."""
    industry_id = resolve_entity(store, industry_id, "Industry")
    trail: list[dict] = []
    rows = run(store, "industry_profile", {"id": industry_id}, trail)
    if not rows:
        raise HTTPException(404, detail=f"no industry {industry_id!r}")
    ids = [industry_id]
    cities_rows = run(store, "cities_by_industry", {"industry_ids": ids, "strengths": [], "levels": [], "skip": 0,
                                                    "limit": 200}, trail)
    parks = run(store, "parks_by_industry", {"industry_ids": ids, "skip": 0, "limit": 200}, trail)
    return rows[0] | {"cities": [c.model_dump() for c in group_cities(cities_rows)], "parks": parks, "cypher": trail}


class ParkItem(BaseModel):
    """One park and one industry it hosts (?industry=) or the place it lies in (?city=): the query groups the
    documents stating the tie into one item, so a page never splits a park's sentences."""

    park_id: str
    park: str
    kind: str | None = None
    tier: str | None = None
    industry_id: str | None = Field(None, description="?industry= only")
    industry: str | None = Field(None, description="?industry= only")
    city_id: str | None = Field(None, description="?city= only")
    city: str | None = Field(None, description="?city= only")
    documents: int = Field(..., description="how many documents state the tie")
    evidence: list[Evidence] = Field(..., description=f"their sentences, the first {PARK_EVIDENCE} by document id "
                                                      "(all of them: GET /evidence with the park, HOSTS or "
                                                      "LOCATED_IN, and the industry or place)")


class ParksResponse(BaseModel):
    items: list[ParkItem]
    page: dict[str, Any] = Field(..., description="limit, offset, returned and next_offset, counted in items")
    cypher: list[dict[str, Any]]


@router.get("/parks", response_model=ParksResponse, response_model_exclude_unset=True,
            responses=errors(400, 404, 409, 422))
@deps.offloaded
def parks(industry: str | None = text_query(None, "Chinese name, alias or English name"),
          city: str | None = id_query(None, PLACE),
          page: Page = Depends(paging), store: GraphStore = Depends(deps.store)) -> dict[str, Any]:
    """Parks by industry (HOSTS) or by place (LOCATED_IN): one item per park and industry (or place), with the
    sentences that state the tie in `evidence`. The page counts these items: each is on one page only."""
    if bool(industry) == bool(city):
        raise HTTPException(422, detail="give exactly one of industry= or city=")
    trail: list[dict] = []
    if industry:
        ids = [m["id"] for m in resolve_industries(store, industry, trail)]
        items = run(store, "parks_by_industry", {"industry_ids": ids, **page.params()}, trail)
    else:
        items = run(store, "parks_by_city", {"city_id": resolve_entity(store, city, "City"), **page.params()}, trail)
    return {"items": items, "page": page.describe(len(items)), "cypher": trail}


@router.get("/industries/{industry_id}/firms", responses=errors(400, 404, 409, 422))
@deps.offloaded
def industry_firms(industry_id: str = id_path(INDUSTRY),
                   role: list[Item] = items_query("chain_leader, key_firm"),
                   page: Page = Depends(paging), store: GraphStore = Depends(deps.store)) -> dict[str, Any]:
    """Chain leaders (链主/龙头) and key firms of an industry."""
    industry_id = resolve_entity(store, industry_id, "Industry")
    trail: list[dict] = []
    rows = run(store, "firms_by_industry", {"industry_ids": [industry_id], "roles": role, **page.params()}, trail)
    items = [{"id": r["firm_id"], "name": r["firm"], "full_name": r["full_name"], "role": r["role"],
              "industry": r["industry"], "evidence": evidence(r)} for r in rows]
    return {"industry_id": industry_id, "items": items, "page": page.describe(len(rows)), "cypher": trail}


@router.get("/firms/{firm_id}", responses=errors(400, 404, 409, 422))
@deps.offloaded
def firm(firm_id: str = id_path("a firm: its id or its full name, short name or alias (西飞)"),
         store: GraphStore = Depends(deps.store)) -> dict[str, Any]:
    firm_id = resolve_entity(store, firm_id, "Firm")
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


@router.get("/agencies/{agency_id}", responses=errors(400, 404, 409, 422))
@deps.offloaded
def agency(agency_id: str = id_path("an agency: its id or its name or abbreviation (市工信局)"),
           store: GraphStore = Depends(deps.store)) -> dict[str, Any]:
    """An agency's responsibilities: tasks it leads or supports and the targets those tasks carry."""
    agency_id = resolve_entity(store, agency_id, "Agency")
    trail: list[dict] = []
    found = run(store, "agency_lookup", {"id": agency_id}, trail)
    if not found:
        raise HTTPException(404, detail=f"no agency {agency_id!r}")
    tasks: dict[tuple[str, str], dict[str, Any]] = {}
    for r in run(store, "agency_responsibilities", {"id": agency_id}, trail):
        task = tasks.setdefault((r["task_id"], r["role"]), {
            "task_id": r["task_id"], "task": r["task"], "section": r["section"], "role": r["role"],
            "evidence": {"doc_id": r["doc_id"], "doc_title": r["doc_title"], "doc_file": r["doc_file"],
                         "sentence": r["evidence"], "start": r["start"], "end": r["end"]}, "targets": []})
        if r["target_id"]:
            task["targets"].append({k: r[k] for k in ("target_id", "metric", "value", "unit", "comparator", "year")})
    return found[0] | {"tasks": list(tasks.values()), "cypher": trail}


@router.get("/targets", responses=errors(400, 404, 409, 422))
@deps.offloaded
def targets(city: str = id_query("", PLACE + "; empty for any"),
            industry: str = id_query("", INDUSTRY + "; empty for any"),
            year: int = Query(0, ge=0, le=MAX_YEAR, description="deadline year; 0 for any"), page: Page = Depends(paging),
            store: GraphStore = Depends(deps.store)) -> dict[str, Any]:
    """Quantified targets as a timeline, by place, industry and year."""
    city = resolve_entity(store, city, "City") if city else ""
    industry = resolve_entity(store, industry, "Industry") if industry else ""
    trail: list[dict] = []
    rows = run(store, "targets_timeline", {"city_id": city, "industry_id": industry, "year": year,
                                           **page.params()}, trail)
    items = [{k: r[k] for k in ("target_id", "metric", "value", "unit", "comparator", "year", "kind", "city_id",
                                "city", "industry_id", "industry")} | {"evidence": evidence(r)} for r in rows]
    return {"items": items, "page": page.describe(len(rows)), "cypher": trail}


@router.get("/entities/{entity_id}/documents", responses=errors(400, 404, 409, 422))
@deps.offloaded
def entity_documents(entity_id: str = id_path(ENTITY), store: GraphStore = Depends(deps.store)) -> dict[str, Any]:
    """The documents that name an entity, how often, and one sentence from each."""
    entity_id = resolve_entity(store, entity_id)
    trail: list[dict] = []
    rows = run(store, "documents_mentioning", {"id": entity_id}, trail)
    items = [{k: r[k] for k in ("doc_id", "title", "file", "published", "level", "count")} | {"evidence": evidence(r)}
             for r in rows]
    return {"entity_id": entity_id, "items": items, "cypher": trail}


@router.get("/evidence", responses=errors(400, 404, 409, 422))
@deps.offloaded
def edge_evidence(source: str = id_query(description="the source: " + ENTITY.removeprefix("an entity: ")),
                  type: str = Query(..., max_length=MAX_TEXT, description="a relationship type, e.g. TARGETS"),
                  target: str = id_query(description="the target: " + ENTITY.removeprefix("an entity: ")),
                  store: GraphStore = Depends(deps.store)) -> dict[str, Any]:
    """Every document and sentence behind one relationship (source, type, target)."""
    source, target = resolve_entity(store, source), resolve_entity(store, target)
    trail: list[dict] = []
    rows = run(store, "edge_evidence", {"source": source, "type": type.upper(), "target": target}, trail)
    if not rows:
        raise HTTPException(404, detail=f"no {type} relationship from {source!r} to {target!r}")
    return {"source": source, "type": type.upper(), "target": target,
            "items": [{"strength": r["strength"]} | evidence(r) for r in rows], "cypher": trail}


@router.get("/paths", responses=errors(400, 404, 409, 422))
@deps.offloaded
def paths(source: str = id_query(alias="from", description=ENTITY),
          target: str = id_query(alias="to", description=ENTITY),
          depth: int = Query(3, ge=1, le=4), store: GraphStore = Depends(deps.store)) -> dict[str, Any]:
    """How two entities are connected: the shortest paths between them, up to `depth` hops, never through a
    Document (a document naming both is not a connection)."""
    source, target = resolve_entity(store, source), resolve_entity(store, target)
    trail: list[dict] = []
    rows = [r for r in run(store, "shortest_paths", {"source": source, "target": target}, trail)
            if r["hops"] <= depth]
    return {"from": source, "to": target, "depth": depth,
            "paths": [{"hops": r["hops"], "nodes": [_node(n) for n in r["nodes"]],
                       "relationships": [_relationship(x) for x in r["relationships"]]} for r in rows],
            "cypher": trail}


@router.get("/search", responses=errors(400, 422))
@deps.offloaded
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
