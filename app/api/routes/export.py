"""Exports for researchers: the graph or a subgraph as one downloadable file in the format asked for.

The selection (centre and depth, a named query, a read-only Cypher query, or everything) and the format
writers live in graph/; this router parses the URL, picks, renders and names the file. A writing Cypher
query is refused by the store (ReadOnlyViolation -> 403 through the app's handler).
"""

from __future__ import annotations

import re
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import Response

from app.api import deps
from app.settings import Settings
from graph.export import EXTENSIONS, FORMATS, MEDIA_TYPES, render
from graph.stores import GraphStore
from graph.subgraph import MAX_DEPTH, Selection, SelectionError, UnknownSelection, parse_params, select

router = APIRouter()
FORMAT_PATTERN = f"^({'|'.join(FORMATS)})$"


@router.get("/export", response_class=Response,
            responses={200: {"content": {m: {} for m in MEDIA_TYPES.values()},
                             "description": "the export file (csv: a zip of neo4j-admin import files)"}})
def export(format: str = Query("json", pattern=FORMAT_PATTERN,
                               description="json, graphml, gexf, csv (a zip) or cypher"),
           center: str | None = Query(None, description="a node id: export it and its neighbourhood"),
           depth: int = Query(1, ge=0, le=MAX_DEPTH, description="hops around the centre"),
           query: str | None = Query(None, description="a named query: export the nodes its rows mention"),
           params: str | None = Query(None, description="parameters of the named or Cypher query, as JSON"),
           cypher: str | None = Query(None, description="a read-only Cypher query: export the nodes it mentions"),
           store: GraphStore = Depends(deps.store), settings: Settings = Depends(deps.settings)) -> Response:
    """The subgraph chosen by at most one of center, query or cypher (none: the whole graph), as a file."""
    try:
        selection = Selection(center=center, depth=depth, query=query, cypher=cypher, params=parse_params(params))
        selected = select(store, selection, timeout_ms=settings.cypher_timeout_ms)
    except UnknownSelection as exc:
        raise HTTPException(404, detail=str(exc)) from exc
    except SelectionError as exc:
        raise HTTPException(400, detail=str(exc)) from exc
    body = render(selected.graph, format)
    headers = {"Content-Disposition": content_disposition(f"{file_stem(selection)}.{EXTENSIONS[format]}"),
               "X-Policykg-Nodes": str(len(selected.graph["nodes"])),
               "X-Policykg-Edges": str(len(selected.graph["edges"]))}
    if selected.truncated:
        headers["X-Policykg-Truncated"] = "true"
    return Response(body, media_type=MEDIA_TYPES[format], headers=headers)


def file_stem(selection: Selection) -> str:
    """policykg-graph, policykg-city_610700-depth1, policykg-<query name>, policykg-cypher."""
    if selection.kind == "center":
        return f"policykg-{selection.center}-depth{selection.depth}"
    if selection.kind == "query":
        return f"policykg-{selection.query}"
    return "policykg-" + ("graph" if selection.kind == "all" else "cypher")


def content_disposition(filename: str) -> str:
    """An ASCII fallback name plus the UTF-8 one (RFC 6266), since ids may be Chinese (industry:增材制造)."""
    ascii_name = re.sub(r"_+", "_", re.sub(r"[^A-Za-z0-9._-]", "_", filename))
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"
