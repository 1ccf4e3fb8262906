"""Cities by industry and the entity pages; every fact with its evidence (document, sentence)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query
from pydantic import BaseModel

from app.api import deps
from graph.stores import GraphStore

router = APIRouter()
STRENGTH_ORDER = {"key": 0, "cultivate": 1, "other": 2}


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


@router.get("/cities", response_model=CitiesResponse)
def cities(industry: str = Query(..., description="Chinese name, alias or English name"),
           store: GraphStore = Depends(deps.store)):
    matches = store.named("industry_lookup", {"q": industry.strip().lower()}).records()
    if not matches:
        raise HTTPException(404, detail=f"no industry is named {industry!r} (name, alias or English name)")
    rows = store.named("cities_by_industry", {"industry_ids": [m["id"] for m in matches]}).records()
    return CitiesResponse(query=industry, industries=matches, cities=group_cities(rows))


@router.get("/cities/{city_id}")
def city(city_id: str, store: GraphStore = Depends(deps.store)) -> dict[str, Any]:
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


@router.get("/industries/{industry_id}")
def industry_page(industry_id: str, store: GraphStore = Depends(deps.store)) -> dict[str, Any]:
    rows = store.named("industry_profile", {"id": industry_id}).records()
    if not rows:
        raise HTTPException(404, detail=f"no industry {industry_id!r}")
    cities_rows = store.named("cities_by_industry", {"industry_ids": [industry_id]}).records()
    parks = store.named("parks_by_industry", {"industry_ids": [industry_id]}).records()
    return rows[0] | {"cities": [c.model_dump() for c in group_cities(cities_rows)], "parks": parks}


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
