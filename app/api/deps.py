"""What every router needs from the running app: the store and the settings, opened once per process; the
search index over the served graph's names, and the one resolver of every parameter that takes an entity."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial, wraps
from typing import ParamSpec, TypeVar

import anyio
from fastapi import HTTPException, Request

from app.settings import Settings
from graph.search import SearchIndex
from graph.stores import GraphStore
from graph.stores.sandbox import Busy, QueryPool
from graph.subgraph import ID_PREFIXES

T = TypeVar("T")
P = ParamSpec("P")
NOUNS = {"City": "place", "Park": "park", "Industry": "industry", "Firm": "firm", "Org": "organisation",
         "Agency": "agency"}
_indexes: dict[int, SearchIndex] = {}


# The dependencies below are `async def` though they only read app.state: FastAPI runs a plain `def` dependency
# in the thread pool, a hand-off to a worker thread and back per dependency per request, which at one client
# was a measurable part of a named query's answer on a busy 2-core machine (bench/api.py; issue 15).
async def store(request: Request) -> GraphStore:
    return request.app.state.store


async def settings(request: Request) -> Settings:
    return request.app.state.settings


async def cypher_pool(request: Request) -> QueryPool:
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


def offloaded(handler: Callable[P, T]) -> Callable[P, Awaitable[T]]:
    """A route whose work blocks (a store query), served as `async def` that runs the handler in the default
    thread pool: one hand-off per request. FastAPI runs a plain `def` route in that pool as well, but then hands
    its return value to the pool a second time to validate it (and each plain `def` dependency a third, fourth…);
    each hand-off is a thread wake-up, which on a busy 2-core machine cost as much as a small query (bench/api.py,
    issue 15). FastAPI reads the handler's own signature and annotations through `wraps`."""

    @wraps(handler)
    async def serve(*args: P.args, **kwargs: P.kwargs) -> T:
        return await anyio.to_thread.run_sync(partial(handler, *args, **kwargs))

    return serve


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
