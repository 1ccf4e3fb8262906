"""FastAPI application. The service only reads, so it opens the store read-only: LadybugDB allows many
read-only openers of a file (never mixed with a read-write one), so a build must not run against a
database a server has open. Routers are thin: parse, call graph/, shape the answer."""

from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from app.api.headers import SecurityHeaders
from app.api.routes import analysis, ask, core, entities, export, web
from app.settings import load_settings
from graph.stores import GraphStore, ReadOnlyViolation, StoreError, open_store

ROUTERS = [core.router, entities.router, export.router, ask.router, analysis.router, web.router]


def create_app(store: GraphStore | None = None) -> FastAPI:
    settings = load_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        owned = store is None
        app.state.settings = settings
        app.state.store = store or open_store(settings.db_path, settings.store, read_only=True)
        yield
        if owned:
            app.state.store.close()

    app = FastAPI(title="policykg", version="0.1.0", lifespan=lifespan,
                  description="A knowledge graph of industries, regions and industrial policies.")

    @app.exception_handler(StoreError)
    async def store_error(_: Request, exc: StoreError):
        status = 403 if isinstance(exc, ReadOnlyViolation) else 400
        return JSONResponse(status_code=status, content={"error": type(exc).__name__, "detail": str(exc)})

    app.add_middleware(SecurityHeaders)
    for router in ROUTERS:
        app.include_router(router)
    return app
