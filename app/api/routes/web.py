"""The web client: `/` serves app/web/index.html, `/static` the page's scripts, styles and the vendor libraries
(built by `make web` from the npm lock file), and `GET /parks/{id}` the one profile the entity pages needed
that the other routers did not have.

The page itself is plain HTML, CSS and ES modules; everything it shows comes from the JSON endpoints.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from app.api import deps
from app.api.queries import errors, evidence, id_path, run
from graph.stores import GraphStore

WEB = Path(__file__).resolve().parents[2] / "web"
NO_CACHE = {"Cache-Control": "no-cache"}  # the page changes with the code; the browser revalidates it

router = APIRouter()
router.mount("/static", StaticFiles(directory=WEB / "static"), name="static")


@router.get("/", include_in_schema=False)
def index() -> FileResponse:
    return FileResponse(WEB / "index.html", media_type="text/html; charset=utf-8", headers=NO_CACHE)


@router.get("/parks/{park_id}", responses=errors(400, 404, 409, 422))
@deps.offloaded
def park(park_id: str = id_path("a park: its id (park:宝鸡高新技术产业开发区) or its name, alias or English name"),
         store: GraphStore = Depends(deps.store)) -> dict[str, Any]:
    """One park: its names, kind and tier; the place it lies in, the industries it hosts, the parks above and
    below it and the firms located in it, each with every sentence that states the tie; the documents naming it."""
    park_id = deps.resolve_entity(store, park_id, "Park")
    trail: list[dict] = []
    rows = run(store, "park_profile", {"id": park_id}, trail)
    if not rows:
        raise HTTPException(404, detail=f"no park {park_id!r}")
    first = rows[0]
    relations: dict[tuple[str, str, str], dict[str, Any]] = {}
    for row in sorted((r for r in rows if r["relation"]), key=lambda r: (r["relation"], r["direction"],
                                                                          r["other_id"], r["doc_id"] or "")):
        key = (row["relation"], row["direction"], row["other_id"])
        relation = relations.setdefault(key, {
            "relation": row["relation"], "direction": row["direction"], "id": row["other_id"],
            "name": row["other"], "label": row["other_label"], "strength": row["strength"], "evidence": []})
        if row["evidence"] and evidence(row) not in relation["evidence"]:
            relation["evidence"].append(evidence(row))
    return {k: first[k] for k in ("id", "name", "aliases", "kind", "tier")} | {
        "relations": list(relations.values()),
        "documents": run(store, "documents_mentioning", {"id": park_id}, trail), "cypher": trail}
