"""What every router needs from the running app: the store and the settings, opened once per process."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TypeVar

import anyio
from fastapi import Request

from app.settings import Settings
from graph.stores import GraphStore
from graph.stores.sandbox import Busy, QueryPool

T = TypeVar("T")


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
