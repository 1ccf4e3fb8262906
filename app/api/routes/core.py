"""Health, documents and the analysts' read-only Cypher endpoint."""

from __future__ import annotations

from typing import Any

import anyio
from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, Field

from app.api import deps
from app.api.queries import errors
from app.settings import Settings
from graph.readonly import MAX_QUERY_CHARS
from graph.stores import GraphStore
from graph.stores.sandbox import QueryPool

router = APIRouter()


class CypherRequest(BaseModel):
    query: str = Field(..., max_length=MAX_QUERY_CHARS, description="one read-only Cypher statement "
                       "(LadybugDB's dialect on the embedded store: label(r), -[* SHORTEST 1..3]-)")
    params: dict[str, Any] = Field(default_factory=dict, description="parameters ($name), at most 64 kB as JSON")


@router.get("/health")
async def health(request: Request) -> dict[str, Any]:
    """Counts of the served graph, kept by app/api/counts.py: answered in the event loop without a store query
    (unless a Neo4j graph's counts are due, read then in a worker thread), so it stays fast under load."""
    graph_counts = request.app.state.graph_counts
    if graph_counts.stale:
        await anyio.to_thread.run_sync(graph_counts.get)
    return graph_counts.health()


@router.get("/documents")
@deps.offloaded
def documents(store: GraphStore = Depends(deps.store)) -> list[dict[str, Any]]:
    return store.named("document_list").records()


@router.get("/documents/{doc_id}/text", response_class=PlainTextResponse, responses=errors(400, 404, 422))
@deps.offloaded
def document_text(doc_id: str, store: GraphStore = Depends(deps.store)) -> str:
    text = store.document_text(doc_id)
    if text is None:
        raise HTTPException(404, detail=f"no document {doc_id!r}")
    return text


@router.post("/cypher", responses=errors(400, 403, 422, 503))
async def cypher(body: CypherRequest, request: Request, pool: QueryPool = Depends(deps.cypher_pool),
                 settings: Settings = Depends(deps.settings)) -> dict[str, Any]:
    """One read-only statement, parsed and checked (graph/readonly.py), run in a worker process with a
    memory cap and a time limit (graph/stores/sandbox.py)."""
    result = await deps.run_analyst_work(request, pool.run, body.query, body.params)
    return {"columns": result.columns, "rows": result.rows, "truncated": result.truncated,
            "row_cap": settings.cypher_max_rows}
