"""Run a named query for the API and say how: every answer carries the Cypher that produced it."""

from __future__ import annotations

from typing import Any

from fastapi import Query

from graph import queries
from graph.stores import GraphStore

MAX_PAGE = 500


class Page:
    """limit/offset pagination, as FastAPI query parameters."""

    def __init__(self, limit: int = Query(50, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0)):
        self.limit = limit
        self.offset = offset

    def params(self) -> dict[str, int]:
        return {"skip": self.offset, "limit": self.limit}

    def describe(self, returned: int) -> dict[str, int | None]:
        return {"limit": self.limit, "offset": self.offset, "returned": returned,
                "next_offset": self.offset + returned if returned == self.limit else None}


def run(store: GraphStore, name: str, params: dict[str, Any], trail: list[dict]) -> list[dict[str, Any]]:
    """Rows of a named query; appends {name, query, params} to `trail` for the answer's `cypher` field."""
    dialect = getattr(store, "dialect", "ladybug")
    trail.append({"name": name, "query": queries.get(name).text(dialect), "params": params})
    return store.named(name, params).records()


def evidence(row: dict[str, Any]) -> dict[str, Any]:
    return {"doc_id": row.get("doc_id"), "doc_title": row.get("doc_title"), "sentence": row.get("evidence"),
            "start": row.get("start"), "end": row.get("end")}
