"""Security headers on every response: the web client's Content-Security-Policy, nosniff and Referrer-Policy.

The client (app/web) shows names, aliases, titles and evidence sentences that come from documents anyone
could write, so it is served under a policy that runs only the scripts in /static and no inline script
(script-src 'self', no 'unsafe-inline'): were a name ever inserted as HTML, an `onerror=` or `<script>` in it
would not run. Styles are 'self' too, with no 'unsafe-inline': the client sets its few computed styles through
the CSSOM (element.style), which a policy does not govern, ECharts does the same, and the one rule Cytoscape
would inject as an inline <style> is linked from /static/cytoscape.css instead. `data:` images are only the
empty favicon in index.html. Everything else the page loads (scripts, the vendor libraries, fonts, the
JSON it fetches) is same-origin; plugins, <base> rewrites, foreign form targets and framing are refused.

FastAPI's /docs, /docs/oauth2-redirect and /redoc pages are the exception, and get their own policy rather
than none: they are built by FastAPI with an inline script (or style) and load Swagger UI / ReDoc from
cdn.jsdelivr.net (ReDoc also Google Fonts and a blob: worker), so the client's policy would leave them blank.
Their policy allows exactly those hosts and inline script on those three paths only; they show the API's
own schema, not graph data as HTML, and they still refuse plugins, framing and <base>. The client's policy
never carries these allowances. The paths are read from the application (docs_url, redoc_url,
swagger_ui_oauth2_redirect_url), so moving or disabling them moves the exception with them.

A pure ASGI middleware: it only adds headers to `http.response.start`, so streamed and file responses pass
through untouched, and a header a route set itself is kept.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send


def _policy(directives: dict[str, str]) -> str:
    return "; ".join(f"{name} {value}" for name, value in directives.items())


CLIENT_POLICY = _policy({
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
})

DOCS_CDN = "https://cdn.jsdelivr.net"
DOCS_POLICY = _policy({
    "default-src": "'self'",
    "script-src": f"'self' 'unsafe-inline' {DOCS_CDN}",
    "style-src": f"'self' 'unsafe-inline' {DOCS_CDN} https://fonts.googleapis.com",
    "img-src": f"'self' data: {DOCS_CDN} https://fastapi.tiangolo.com",
    "font-src": "'self' https://fonts.gstatic.com",
    "connect-src": "'self'",
    "worker-src": "'self' blob:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
})

COMMON = {
    "X-Content-Type-Options": "nosniff",  # a JSON answer or a text file is never run as script or CSS
    "Referrer-Policy": "same-origin",  # the page's hash routes name entities; no other site is told them
    "X-Frame-Options": "DENY",  # frame-ancestors 'none' for browsers that predate it
}


def docs_paths(app: object) -> frozenset[str]:
    """The paths of FastAPI's interactive documentation pages on `app` (none if it has no such settings)."""
    names = ("docs_url", "redoc_url", "swagger_ui_oauth2_redirect_url")
    return frozenset(path for path in (getattr(app, name, None) for name in names) if path)


class SecurityHeaders:
    """Adds COMMON and the Content-Security-Policy (DOCS_POLICY on the docs pages, CLIENT_POLICY elsewhere)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        # Starlette puts the application into the scope before its middleware runs.
        docs = scope["path"] in docs_paths(scope.get("app"))
        policy = DOCS_POLICY if docs else CLIENT_POLICY

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in {**COMMON, "Content-Security-Policy": policy}.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)
