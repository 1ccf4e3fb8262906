"""The API's documentation page: `/docs`, Swagger UI over `/openapi.json`, served from the vendor folder.

FastAPI's own page loads Swagger UI from a CDN with an inline script, so it is blank offline and needed a
looser Content-Security-Policy than the client's. This page (app/web/docs.html) loads the vendored Swagger
UI (`make web`, from the npm lock file) and starts it from /static/js/docs.js, so it works without network
and under the client's policy, with no exception. ReDoc is not offered: one documentation page is enough
and ReDoc's bundle would bring a React tree of npm packages along.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

PAGE = Path(__file__).resolve().parents[2] / "web" / "docs.html"
DOCS_URL = "/docs"

router = APIRouter()


@router.get(DOCS_URL, include_in_schema=False)
def docs() -> FileResponse:
    return FileResponse(PAGE, media_type="text/html; charset=utf-8", headers={"Cache-Control": "no-cache"})
