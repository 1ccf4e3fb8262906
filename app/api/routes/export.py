"""Exports for researchers: the graph or a subgraph as one downloadable file in the format asked for.

The selection (centre and depth, a named query, a read-only Cypher query, or everything) and the format
writers live in graph/; this router parses the request, picks, renders and names the file.

A selection by free-form Cypher is POST only (`POST /export`, the query in a JSON body): a GET runs when
anyone follows a link, and a link on any web page must not be able to make the service run a query its
reader never saw. `GET /export?cypher=` answers 405 and says so. The Cypher runs like /cypher's: checked by
the guard and run in the sandbox's worker processes (ReadOnlyViolation 403, Busy 503 through the app's
handlers). `POST /export` with `nodes` (a client's drawn graph: at most MAX_NODES ids) exports the subgraph
those nodes induce; the ids are one bound list parameter of the store's subgraph read, never Cypher text.
"""

from __future__ import annotations

import re
from functools import partial
from typing import Annotated, Any
from urllib.parse import quote

import anyio
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field, StringConstraints, model_validator

from app.api import deps
from app.api.queries import MAX_ID, errors
from app.settings import Settings
from graph.export import EXTENSIONS, FORMAT_ALIASES, FORMATS, MEDIA_TYPES, canonical_format, export_selection, render
from graph.readonly import MAX_QUERY_CHARS
from graph.stores import GraphStore
from graph.stores.sandbox import QueryPool
from graph.subgraph import (
    MAX_DEPTH,
    MAX_NODES,
    IncompleteSelection,
    Selection,
    SelectionError,
    UnknownSelection,
    parse_params,
)

router = APIRouter()
# The CLI's names, aliases included (neo4j-admin = csv): graph/export.py resolves them for both.
FORMAT_NAMES = (*FORMATS, *FORMAT_ALIASES)
FORMAT_PATTERN = f"^({'|'.join(FORMAT_NAMES)})$"
FORMAT_HELP = "json, graphml, gexf, csv or neo4j-admin (the same zip of neo4j-admin import files) or cypher"


@router.get("/export", response_class=Response,
            responses={200: {"content": {m: {} for m in MEDIA_TYPES.values()},
                             "description": "the export file (csv: a zip of neo4j-admin import files)"},
                       **errors(400, 404, 405, 409, 422)})
@deps.offloaded
def export(format: str = Query("json", pattern=FORMAT_PATTERN, description=FORMAT_HELP),
           center: str | None = Query(None, max_length=MAX_ID,
                                      description="a node id, or an entity's name, alias or English name (409 when "
                                                  "several bear it): export it and its neighbourhood"),
           depth: int = Query(1, ge=0, le=MAX_DEPTH, description="hops around the centre"),
           query: str | None = Query(None, description="a named query: export the nodes its rows mention (its "
                                     "filters and page default to the endpoints' own: all, the first 50 rows)"),
           params: str | None = Query(None, description="parameters of the named or Cypher query, as JSON"),
           cypher: str | None = Query(None, description="not accepted here (405): an export selected by "
                                      "Cypher is POST /export, so that no link can run a query"),
           store: GraphStore = Depends(deps.store), settings: Settings = Depends(deps.settings)) -> Response:
    """The subgraph chosen by at most one of center or query (none: the whole graph), as a file. A Cypher
    selection is POST /export."""
    if cypher is not None:
        raise HTTPException(405, detail="an export selected by Cypher is POST /export with a JSON body "
                                        "{format, cypher, params}: a link must not run a query",
                            headers={"Allow": "POST"})
    if center and not query:  # both: the selection's own refusal (400) says why
        center = deps.resolve_entity(store, center)
    try:
        selection = Selection(center=center, depth=depth, query=query, params=parse_params(params))
    except SelectionError as exc:
        raise HTTPException(400, detail=str(exc)) from exc
    return _export(store, selection, format, settings)


NodeId = Annotated[str, StringConstraints(min_length=1, max_length=MAX_ID)]


class PostedExport(BaseModel):
    format: str = Field("json", pattern=FORMAT_PATTERN, description=FORMAT_HELP)
    cypher: str | None = Field(None, max_length=MAX_QUERY_CHARS,
                               description="a read-only Cypher query: export the nodes its rows mention")
    params: dict[str, Any] = Field(default_factory=dict, description="the Cypher query's parameters")
    nodes: list[NodeId] | None = Field(None, min_length=1, max_length=MAX_NODES,
                                       description=f"node ids (at most {MAX_NODES}): export exactly these nodes and "
                                                   "every relationship among them")

    @model_validator(mode="after")
    def one_selection(self) -> PostedExport:
        if (self.cypher is None) == (self.nodes is None):
            raise ValueError("give exactly one of cypher (a read-only query) or nodes (a list of node ids)")
        return self


@router.post("/export", response_class=Response,
             responses={200: {"content": {m: {} for m in MEDIA_TYPES.values()},
                              "description": "the export file (csv: a zip of neo4j-admin import files)"},
                        **errors(400, 403, 404, 422, 503)})
async def export_posted(body: PostedExport, request: Request, store: GraphStore = Depends(deps.store),
                        pool: QueryPool = Depends(deps.cypher_pool),
                        settings: Settings = Depends(deps.settings)) -> Response:
    """The nodes a read-only Cypher query's rows mention, or the nodes listed (unknown ids: 404), and every
    relationship among them, as a file."""
    try:
        selection = Selection(cypher=body.cypher, params=body.params, nodes=tuple(body.nodes or ()))
    except SelectionError as exc:
        raise HTTPException(400, detail=str(exc)) from exc
    if body.nodes is not None:  # a parameterised read of the store, not an analyst's query: no sandbox
        return await anyio.to_thread.run_sync(partial(_export, store, selection, body.format, settings))
    return await deps.run_analyst_work(request, _export, store, selection, body.format, settings, pool.run)


def _export(store: GraphStore, selection: Selection, format: str, settings: Settings,
            run_cypher=None) -> Response:
    try:
        selected = export_selection(store, selection, format, timeout_ms=settings.cypher_timeout_ms,
                                    run_cypher=run_cypher)
    except UnknownSelection as exc:
        raise HTTPException(404, detail=str(exc)) from exc
    except IncompleteSelection as exc:  # a named query's own subject missing (its filters and page have defaults)
        raise HTTPException(422, detail=str(exc)) from exc
    except SelectionError as exc:
        raise HTTPException(400, detail=str(exc)) from exc
    format = canonical_format(format)
    body = render(selected.graph, format)
    headers = {"Content-Disposition": content_disposition(f"{file_stem(selection)}.{EXTENSIONS[format]}"),
               "X-Policykg-Nodes": str(len(selected.graph["nodes"])),
               "X-Policykg-Edges": str(len(selected.graph["edges"]))}
    if selected.truncated:
        headers["X-Policykg-Truncated"] = "true"
    return Response(body, media_type=MEDIA_TYPES[format], headers=headers)


def file_stem(selection: Selection) -> str:
    """policykg-graph, policykg-city_610700-depth1, policykg-<query name>, policykg-cypher, policykg-nodes."""
    if selection.kind == "center":
        return f"policykg-{selection.center}-depth{selection.depth}"
    if selection.kind == "query":
        return f"policykg-{selection.query}"
    return "policykg-" + ("graph" if selection.kind == "all" else selection.kind)


def content_disposition(filename: str) -> str:
    """An ASCII fallback name plus the UTF-8 one (RFC 6266), since ids may be Chinese (industry:增材制造)."""
    ascii_name = re.sub(r"_+", "_", re.sub(r"[^A-Za-z0-9._-]", "_", filename))
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"
