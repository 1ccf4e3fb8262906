"""FastAPI application: health, cities by industry, entity pages, read-only Cypher.

Every answer that states a fact carries its evidence (document and sentence). The store is opened once per
process (LadybugDB allows one read-write owner per file), so run one uvicorn worker.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import JSONResponse, PlainTextResponse
from pydantic import BaseModel, Field

from app.settings import load_settings
from graph.stores import GraphStore, ReadOnlyViolation, StoreError, open_store


class CypherRequest(BaseModel):
    query: str = Field(..., description="one read-only Cypher statement")
    params: dict[str, Any] = Field(default_factory=dict)


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


def create_app(store: GraphStore | None = None) -> FastAPI:
    settings = load_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        owned = store is None
        app.state.store = store or open_store(settings.db_path, settings.store)
        yield
        if owned:
            app.state.store.close()

    app = FastAPI(title="policykg", version="0.1.0", lifespan=lifespan,
                  description="A knowledge graph of industries, regions and industrial policies.")

    @app.exception_handler(StoreError)
    async def store_error(_: Request, exc: StoreError):
        status = 403 if isinstance(exc, ReadOnlyViolation) else 400
        return JSONResponse(status_code=status, content={"error": type(exc).__name__, "detail": str(exc)})

    def graph(request: Request) -> GraphStore:
        return request.app.state.store

    @app.get("/health")
    def health(request: Request) -> dict[str, Any]:
        counts = graph(request).counts()
        return {"status": "ok", "documents": counts.get("Document", 0),
                "nodes": sum(v for k, v in counts.items() if not k.isupper()),
                "edges": sum(v for k, v in counts.items() if k.isupper())}

    @app.get("/cities", response_model=CitiesResponse)
    def cities(request: Request, industry: str = Query(..., description="Chinese name, alias or English name")):
        store = graph(request)
        matches = store.named("industry_lookup", {"q": industry.strip().lower()}).records()
        if not matches:
            raise HTTPException(404, detail=f"no industry is named {industry!r} (name, alias or English name)")
        rows = store.named("cities_by_industry", {"industry_ids": [m["id"] for m in matches]}).records()
        return CitiesResponse(query=industry, industries=matches, cities=_group_cities(rows))

    @app.get("/cities/{city_id}")
    def city(request: Request, city_id: str) -> dict[str, Any]:
        store = graph(request)
        rows = store.named("city_profile", {"id": city_id}).records()
        if not rows:
            raise HTTPException(404, detail=f"no city {city_id!r}")
        first = rows[0]
        industries = [
            {"id": r["industry_id"], "name": r["industry"], "name_en": r["industry_en"], "strength": r["strength"],
             "evidence": {"doc_id": r["doc_id"], "sentence": r["evidence"]}}
            for r in rows if r["industry_id"]
        ]
        return {k: first[k] for k in ("id", "name", "aliases", "level", "adcode", "longitude", "latitude")} | {
            "part_of": store.named("city_parents", {"id": city_id}).records(), "industries": industries}

    @app.get("/industries/{industry_id}")
    def industry_page(request: Request, industry_id: str) -> dict[str, Any]:
        store = graph(request)
        rows = store.named("industry_profile", {"id": industry_id}).records()
        if not rows:
            raise HTTPException(404, detail=f"no industry {industry_id!r}")
        cities_rows = store.named("cities_by_industry", {"industry_ids": [industry_id]}).records()
        parks = store.named("parks_by_industry", {"industry_ids": [industry_id]}).records()
        return rows[0] | {"cities": [c.model_dump() for c in _group_cities(cities_rows)], "parks": parks}

    @app.get("/documents")
    def documents(request: Request) -> list[dict[str, Any]]:
        return graph(request).named("document_list").records()

    @app.get("/documents/{doc_id}/text", response_class=PlainTextResponse)
    def document_text(request: Request, doc_id: str) -> str:
        text = graph(request).document_text(doc_id)
        if text is None:
            raise HTTPException(404, detail=f"no document {doc_id!r}")
        return text

    @app.post("/cypher")
    def cypher(request: Request, body: CypherRequest) -> dict[str, Any]:
        result = graph(request).read_only(body.query, body.params, timeout_ms=settings.cypher_timeout_ms,
                                          max_rows=settings.cypher_max_rows)
        return {"columns": result.columns, "rows": result.rows, "truncated": result.truncated,
                "row_cap": settings.cypher_max_rows}

    return app


STRENGTH_ORDER = {"key": 0, "cultivate": 1, "other": 2}


def _group_cities(rows: list[dict[str, Any]]) -> list[CityAnswer]:
    """One answer per city: its strongest strength, the industries matched, every evidence sentence."""
    cities: dict[str, CityAnswer] = {}
    for row in rows:
        answer = cities.get(row["city_id"])
        if answer is None:
            answer = cities[row["city_id"]] = CityAnswer(
                id=row["city_id"], name=row["city"], level=row["level"], adcode=row["adcode"],
                longitude=row["longitude"], latitude=row["latitude"], strength=row["strength"] or "other",
                industries=[], evidence=[])
        if STRENGTH_ORDER.get(row["strength"], 2) < STRENGTH_ORDER.get(answer.strength, 2):
            answer.strength = row["strength"]
        if row["industry"] not in answer.industries:
            answer.industries.append(row["industry"])
        answer.evidence.append(Evidence(doc_id=row["doc_id"], doc_title=row["doc_title"], doc_file=row["doc_file"],
                                        sentence=row["evidence"], start=row["start"], end=row["end"]))
    return sorted(cities.values(), key=lambda c: (STRENGTH_ORDER.get(c.strength, 2), c.id))
