"""Run a named query for the API and say how: every answer carries the Cypher that produced it.

Also the API's input limits and its one error model. Every bound is declared on the parameter (so it is in
the OpenAPI schema and FastAPI answers 422 before a handler runs) and listed in README's "Limits": nothing
a client sends reaches the store unbounded.
"""

from __future__ import annotations

import inspect
from typing import Annotated, Any

from fastapi import Path, Query
from pydantic import BaseModel, Field, StringConstraints

from graph import queries
from graph.stores import GraphStore
from graph.subgraph import MAX_SKIP

MAX_PAGE = 500  # rows of one page
# How far a client may page. The embedded store pages by fetching offset + limit rows (LadybugStore.named), so the
# offset bounds the rows one request materialises; no list answer in a province's graph comes near it.
MAX_OFFSET = MAX_SKIP
MAX_ID = 200  # ids are `label:key`; the longest key is a park's or firm's full name (~40 characters)
MAX_TEXT = 200  # names, aliases, English names and search words
MAX_ITEMS = 20  # values of one repeated parameter (strength=…&strength=…)
MAX_ITEM = 50  # one such value (key, cultivate, district, Industry, chain_leader …)
MAX_YEAR = 2100  # app/question/reading.py reads only years 1950–2099 from a question, for the same reason

Item = Annotated[str, StringConstraints(max_length=MAX_ITEM)]


def id_path(description: str = "an entity id, e.g. city:610300") -> Any:
    """A path parameter holding an id: bounded so a 100 kB id is a 422, not a scan of every node."""
    return Path(..., min_length=1, max_length=MAX_ID, description=description)


def id_query(default: Any = ..., description: str = "an entity id, e.g. city:610300", **kwargs: Any) -> Any:
    return Query(default, max_length=MAX_ID, description=description, **kwargs)


def text_query(default: Any = ..., description: str = "", **kwargs: Any) -> Any:
    return Query(default, max_length=MAX_TEXT, description=description, **kwargs)


def items_query(description: str = "") -> Any:
    """A repeated parameter: at most MAX_ITEMS values of at most MAX_ITEM characters."""
    return Query(default=[], max_length=MAX_ITEMS, description=description)


class Page:
    """limit/offset pagination, as FastAPI query parameters (`page: Page = Depends(paging)`)."""

    def __init__(self, limit: int = Query(queries.DEFAULT_LIMIT, ge=1, le=MAX_PAGE,
                                          description=f"rows per page, at most {MAX_PAGE}"),
                 offset: int = Query(0, ge=0, le=MAX_OFFSET, description=f"rows to skip, at most {MAX_OFFSET}")):
        self.limit = limit
        self.offset = offset

    def params(self) -> dict[str, int]:
        return {"skip": self.offset, "limit": self.limit}

    def describe(self, returned: int) -> dict[str, int | None]:
        return {"limit": self.limit, "offset": self.offset, "returned": returned,
                "next_offset": self.offset + returned if returned == self.limit else None}


async def paging(**bounds: int) -> Page:
    """The Page dependency. FastAPI runs a class dependency (`Depends(Page)`) in its thread pool, a thread hand-off
    per request (app/api/deps.py, offloaded); this coroutine takes Page's own parameters and bounds (its
    signature is Page's) and builds it in the event loop."""
    return Page(**bounds)


paging.__signature__ = inspect.signature(Page).replace(return_annotation=Page)  # type: ignore[attr-defined]


def run(store: GraphStore, name: str, params: dict[str, Any], trail: list[dict]) -> list[dict[str, Any]]:
    """Rows of a named query; appends {name, query, params} to `trail` for the answer's `cypher` field.

    The trail records the page asked for, which is what the query means in either store (the embedded store
    pages without sending a SKIP: LadybugStore.named says why), under the name asked for (run again by that name,
    as an export's query=, it answers the same), with the text the store runs: that of the query anchored on the
    nodes the parameters name, where there is one (graph.queries.NamedQuery.prepare).
    """
    dialect = getattr(store, "dialect", "ladybug")
    trail.append({"name": name, "query": queries.get(name).prepare(dialect, params)[1], "params": params})
    return store.named(name, params).records()


def evidence(row: dict[str, Any]) -> dict[str, Any]:
    return {"doc_id": row.get("doc_id"), "doc_title": row.get("doc_title"), "sentence": row.get("evidence"),
            "start": row.get("start"), "end": row.get("end")}


class ErrorResponse(BaseModel):
    """Every error the API answers with: FastAPI's {"detail": …}, plus `error` from the store's handler."""

    detail: str | list[dict[str, Any]] | dict[str, Any] = Field(
        ..., description="why: a sentence, FastAPI's list of invalid parameters, or /ask's shapes and close names")
    error: str | None = Field(None, description="the store's exception class (StoreError, ReadOnlyViolation, Busy…)")


ERROR_DESCRIPTIONS = {
    400: "the store refused the query (its message), or a body that is not JSON",
    403: "a query that would write, refused by the read-only store",
    404: "the entity, relationship or named query asked for does not exist",
    405: "GET /export with cypher=: an export selected by Cypher is POST /export",
    409: "a name that denotes several entities: the candidates are listed, ask again with one's id",
    422: "a parameter is missing, of the wrong type or outside its documented limits (or, for analysts' Cypher, "
         "a query its sandbox stopped)",
    503: "every Cypher worker is busy: retry after the Retry-After header's seconds",
}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a route: the listed error codes, each with the JSON error model.

    The content is named application/json outright: FastAPI files a response model under the route's own media
    type, which for text and file routes (document text, exports) is not what their errors are.
    """
    json_body = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorResponse"}}}
    return {code: {"model": ErrorResponse, "description": ERROR_DESCRIPTIONS[code], "content": json_body}
            for code in codes}
