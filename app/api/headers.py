"""Security headers on every response: the web client's Content-Security-Policy, nosniff and Referrer-Policy.

The client (app/web) shows names, aliases, titles and evidence sentences that come from documents anyone
could write, so it is served under a policy that runs only the scripts in /static and no inline script
(script-src 'self', no 'unsafe-inline'): were a name ever inserted as HTML, an `onerror=` or `<script>` in it
would not run. Styles are 'self' too, with no 'unsafe-inline': the client sets its few computed styles through
the CSSOM (element.style), which a policy does not govern, ECharts does the same, and the one rule Cytoscape
would inject as an inline <style> is linked from /static/cytoscape.css instead. `data:` images are only the
empty favicon in index.html. Everything else the page loads (scripts, the vendor libraries, fonts, the
JSON it fetches) is same-origin; plugins, <base> rewrites, foreign form targets and framing are refused.

The API's documentation page (/docs, app/api/routes/docs.py) runs under the same policy: it loads the
vendored Swagger UI and starts it from a script file, so no page needs an exception (FastAPI's own docs pages,
with their CDN scripts and inline script, are turned off).

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

COMMON = {
    "X-Content-Type-Options": "nosniff",  # a JSON answer or a text file is never run as script or CSS
    "Referrer-Policy": "same-origin",  # the page's hash routes name entities; no other site is told them
    "X-Frame-Options": "DENY",  # frame-ancestors 'none' for browsers that predate it
}


class SecurityHeaders:
    """Adds COMMON and the client's Content-Security-Policy to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in {**COMMON, "Content-Security-Policy": CLIENT_POLICY}.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)
