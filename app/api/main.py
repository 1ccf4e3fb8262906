"""FastAPI application. The service only reads, so it opens the store read-only: LadybugDB allows many
read-only openers of a file (never mixed with a read-write one), so a build into a database a server has
open is refused (graph/stores/lock.py). Routers are thin: parse, call graph/, shape the answer.

Analysts' free-form Cypher (/cypher, POST /export) does not run on the server's store but in the worker
processes of a `QueryPool` (graph/stores/sandbox.py), admitted through a capacity limiter of its own, so a
query that crashes, runs long or takes memory costs one worker while /health and the named queries answer.
Errors map to statuses in one place: refused 403, malformed or rejected by the store 400, stopped (time,
memory, crash) 422, every worker busy 503 with Retry-After."""

from __future__ import annotations

from contextlib import asynccontextmanager

import anyio
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from app.api import counts
from app.api.headers import SecurityHeaders
from app.api.routes import analysis, ask, core, docs, entities, export, web
from app.settings import load_settings
from graph.stores import GraphStore, QueryStopped, ReadOnlyViolation, StoreError, open_store
from graph.stores.sandbox import Busy, QueryPool

ROUTERS = [core.router, entities.router, export.router, ask.router, analysis.router, web.router, docs.router]


def create_app(store: GraphStore | None = None) -> FastAPI:
    settings = load_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        owned = store is None
        app.state.settings = settings
        app.state.store = store or open_store(settings.db_path, settings.store, read_only=True)
        app.state.graph_counts = counts.register(app.state.store)
        limits = settings.sandbox_limits()
        app.state.cypher_pool = QueryPool.open(settings.db_path, settings.store, limits, neo4j=settings.neo4j)
        app.state.cypher_limiter = anyio.CapacityLimiter(limits.workers + limits.queue)
        yield
        app.state.cypher_pool.close()
        counts.unregister(app.state.store)
        if owned:
            app.state.store.close()

    # FastAPI's own /docs and /redoc pages load their scripts from a CDN: replaced by routes/docs.py.
    app = FastAPI(title="policykg", version="0.1.0", lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="A knowledge graph of industries, regions and industrial policies.")

    @app.exception_handler(StoreError)
    async def store_error(_: Request, exc: StoreError):
        status = (403 if isinstance(exc, ReadOnlyViolation) else 503 if isinstance(exc, Busy)
                  else 422 if isinstance(exc, QueryStopped) else 400)
        headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, Busy) else None
        return JSONResponse(status_code=status, content={"error": type(exc).__name__, "detail": str(exc)},
                            headers=headers)

    app.add_middleware(SecurityHeaders)
    for router in ROUTERS:
        app.include_router(router)
    return app
