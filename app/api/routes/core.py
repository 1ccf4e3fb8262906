"""Health, documents and the analysts' read-only Cypher endpoint."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, Field

from app.api import deps
from app.settings import Settings
from graph.stores import GraphStore

router = APIRouter()


class CypherRequest(BaseModel):
    query: str = Field(..., description="one read-only Cypher statement")
    params: dict[str, Any] = Field(default_factory=dict)


@router.get("/health")
def health(store: GraphStore = Depends(deps.store)) -> dict[str, Any]:
    counts = store.counts()
    return {"status": "ok", "documents": counts.get("Document", 0),
            "nodes": sum(v for k, v in counts.items() if not k.isupper()),
            "edges": sum(v for k, v in counts.items() if k.isupper())}


@router.get("/documents")
def documents(store: GraphStore = Depends(deps.store)) -> list[dict[str, Any]]:
    return store.named("document_list").records()


@router.get("/documents/{doc_id}/text", response_class=PlainTextResponse)
def document_text(doc_id: str, store: GraphStore = Depends(deps.store)) -> str:
    text = store.document_text(doc_id)
    if text is None:
        raise HTTPException(404, detail=f"no document {doc_id!r}")
    return text


@router.post("/cypher")
def cypher(body: CypherRequest, store: GraphStore = Depends(deps.store),
           settings: Settings = Depends(deps.settings)) -> dict[str, Any]:
    result = store.read_only(body.query, body.params, timeout_ms=settings.cypher_timeout_ms,
                             max_rows=settings.cypher_max_rows)
    return {"columns": result.columns, "rows": result.rows, "truncated": result.truncated,
            "row_cap": settings.cypher_max_rows}
