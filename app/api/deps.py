"""What every router needs from the running app: the store and the settings, opened once per process; the
search index over the served graph's names, and the one resolver of every parameter that takes an entity."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TypeVar

import anyio
from fastapi import HTTPException, Request

from app.settings import Settings
from graph.search import SearchIndex
from graph.stores import GraphStore
from graph.stores.sandbox import Busy, QueryPool
from graph.subgraph import ID_PREFIXES

T = TypeVar("T")
NOUNS = {"City": "place", "Park": "park", "Industry": "industry", "Firm": "firm", "Org": "organisation",
         "Agency": "agency"}
_indexes: dict[int, SearchIndex] = {}


def store(request: Request) -> GraphStore:
    return request.app.state.store


def settings(request: Request) -> Settings:
    return request.app.state.settings


def cypher_pool(request: Request) -> QueryPool:
    return request.app.state.cypher_pool


async def run_analyst_work(request: Request, work: Callable[..., T], *args, **kwargs) -> T:
    """Run work that waits on the Cypher sandbox in a thread of the sandbox's own limiter, never the default
    pool that serves /health and the named queries; when the limiter is full, answer Busy (503) at once."""
    limiter: anyio.CapacityLimiter = request.app.state.cypher_limiter
    if limiter.available_tokens < 1:
        pool = request.app.state.cypher_pool.spec.limits
        raise Busy(f"{pool.workers} analyst queries are running and {pool.queue} are waiting; try again shortly",
                   max(1, round(pool.timeout_ms / 1000)))
    return await anyio.to_thread.run_sync(partial(work, *args, **kwargs), limiter=limiter)


def search_index(store: GraphStore) -> SearchIndex:
    """The served graph's names, read once (the embedded graph cannot change while it is served)."""
    if id(store) not in _indexes:
        _indexes[id(store)] = SearchIndex.from_store(store)
    return _indexes[id(store)]


def resolve_entity(store: GraphStore, value: str, *labels: str) -> str:
    """The id of the entity a parameter names: an id (`city:610700`, any `label:` prefix) as given, else the one
    entity of these labels (none: any) whose name, alias or English name it is, found as /search finds it
    (汉中, 汉中市, Hanzhong). Several such entities: 409 listing them; none: 404 with the closest names."""
    if value.startswith(ID_PREFIXES):
        return value
    found = search_index(store).resolve(value, labels)
    if found.id:
        return found.id
    noun = NOUNS.get(labels[0], "entity") if len(labels) == 1 else "entity"
    candidates = [{"id": h.id, "label": h.label, "name": h.name, "name_en": h.name_en} for h in found.candidates]
    if found.ambiguous:
        raise HTTPException(409, detail={"message": f"{value!r} names several {_plural(noun)}; ask again with one's id",
                                         "candidates": candidates})
    raise HTTPException(404, detail={"message": f"no {noun} is named {value!r} (id, name, alias or English name)",
                                     "candidates": candidates})


def _plural(noun: str) -> str:
    return noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
