"""Inputs past every documented limit are refused or answered empty, and the server process survives each.

The requests that used to kill the server are here: a page past the end of a list (LadybugDB segfaults on
ORDER BY … SKIP n when n passes the rows by a few thousand) and offsets near 2^31 and 2^32 (the store reads
SKIP modulo 2^32, so 2^32 came back as the first page). Every case is followed by GET /health, so a case that
crashes the process fails itself rather than the tests after it.

Requests go through http.client: httpx refuses URLs over 64 kB on the client side, and the point of the long
strings is what the server does with them.
"""

from __future__ import annotations

import http.client
import json
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

import pytest

from app.api.queries import MAX_ID, MAX_OFFSET, MAX_PAGE, MAX_TEXT
from app.api.routes.ask import MAX_QUESTION
from graph.subgraph import MAX_PARAMS_CHARS, MAX_SKIP

# 60 k characters: hundreds of times every parameter's limit, and under the ~64 kB request line past which the
# HTTP parser (httptools) refuses a request itself, before the app (tested on its own below). A Chinese character
# percent-encodes to 9 bytes, so Chinese strings here are 6 k characters.
HUGE = "x" * 60_000
CHINESE = "增" * 6_000
IND = "增材制造"
PLACE = "city:610300"  # 宝鸡: 53 place–industry facts in the corpus, so offsets run past the end quickly


def request(server: str, method: str, path: str, params: dict[str, Any] | None = None,
            body: Any = None) -> tuple[int, Any]:
    """Status and decoded JSON body (None when the body is not JSON) of one request."""
    url = urlsplit(server)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
    target = quote(path, safe="/:") + ("?" + urlencode(params or {}, doseq=True) if params else "")
    payload = json.dumps(body).encode() if body is not None else None
    connection.request(method, target, body=payload, headers={"Content-Type": "application/json"} if payload else {})
    response = connection.getresponse()
    raw = response.read()
    connection.close()
    try:
        return response.status, json.loads(raw)
    except ValueError:
        return response.status, None


def _id(path: str, params: dict[str, Any]) -> str:
    """A readable test id: the path (long ones cut) and each parameter with its value's length or value."""
    shown = {k: (f"<{len(str(v))} chars>" if len(str(v)) > 30 else v) for k, v in params.items()}
    return (path if len(path) <= 40 else f"{path[:20]}…<{len(path)} chars>") + (f"?{shown}" if shown else "")


def alive(server: str) -> None:
    status, body = request(server, "GET", "/health")
    assert status == 200 and body["status"] == "ok", "the server died"


PAST_THE_END = [
    ("/cities", {"industry": IND}, "cities"),
    (f"/cities/{PLACE}/industries", {}, "items"),
    ("/parks", {"industry": IND}, "items"),
    ("/parks", {"city": PLACE}, "items"),
    ("/industries/industry:航空/firms", {}, "items"),
    ("/targets", {}, "items"),
]


@pytest.mark.parametrize(("path", "params", "key"), PAST_THE_END, ids=[_id(p, q) for p, q, _ in PAST_THE_END])
@pytest.mark.parametrize("offset", [200, 5_000, MAX_OFFSET])
def test_a_page_past_the_end_is_empty(server: str, path: str, params: dict[str, str], key: str, offset: int):
    """The deepest allowed page of every list: the store crashed on these from a few thousand past the end."""
    status, body = request(server, "GET", path, params | {"offset": offset, "limit": MAX_PAGE})
    assert status == 200, body
    assert body[key] == [] and body["page"] == {"limit": MAX_PAGE, "offset": offset, "returned": 0,
                                                "next_offset": None}
    alive(server)


def test_pages_are_the_same_rows_as_one_long_list(server: str):
    """Paging by slicing keeps SKIP's meaning: consecutive pages concatenate to the whole list."""
    path = f"/cities/{PLACE}/industries"
    _, whole = request(server, "GET", path, {"limit": MAX_PAGE})
    pages = [request(server, "GET", path, {"limit": 10, "offset": offset})[1] for offset in range(0, 60, 10)]
    assert len(whole["items"]) > 40
    assert [item for page in pages for item in page["items"]] == whole["items"]
    assert [page["page"]["next_offset"] for page in pages[:4]] == [10, 20, 30, 40]


REFUSED = [
    # the requests and their variants: past the maximum offset, 2^31 - 1, 2^32, negative, huge limits
    ("/cities", {"industry": IND, "offset": 12_000}),
    ("/cities", {"industry": IND, "offset": MAX_OFFSET + 1}),
    (f"/cities/{PLACE}/industries", {"offset": 2**31 - 1}),
    (f"/cities/{PLACE}/industries", {"offset": 2**31}),
    (f"/cities/{PLACE}/industries", {"offset": 2**32}),
    (f"/cities/{PLACE}/industries", {"offset": 2**64}),
    (f"/cities/{PLACE}/industries", {"offset": -1}),
    ("/targets", {"limit": MAX_PAGE + 1}),
    ("/targets", {"limit": 2**32}),
    ("/targets", {"limit": 0}),
    ("/targets", {"year": 2**70}),
    ("/parks", {"industry": IND, "limit": 10**12}),
    ("/industries/industry:航空/firms", {"offset": 2**63}),
    # 60 k character strings in every kind of place
    ("/cities", {"industry": HUGE}),
    ("/cities", {"industry": CHINESE}),
    ("/search", {"q": CHINESE}),
    ("/cities", {"industry": IND, "strength": HUGE}),
    ("/cities", {"industry": IND, "level": ["city"] * 100}),
    ("/search", {"q": HUGE}),
    ("/search", {"q": "a" * (MAX_TEXT + 1)}),
    ("/parks", {"city": HUGE}),
    ("/targets", {"city": HUGE}),
    ("/evidence", {"source": HUGE, "type": "TARGETS", "target": "industry:航空"}),
    ("/paths", {"from": HUGE, "to": "industry:航空"}),
    (f"/cities/{HUGE}", {}),
    (f"/industries/{'x' * (MAX_ID + 1)}", {}),
    (f"/entities/{HUGE}/documents", {}),
    ("/analysis/cluster", {"industry": HUGE}),
    ("/analysis/cotargeting", {"industry": HUGE}),
    # depths and sizes of the analyses
    ("/paths", {"from": PLACE, "to": "industry:航空", "depth": 99}),
    ("/paths", {"from": PLACE, "to": "industry:航空", "depth": 0}),
    ("/export", {"center": PLACE, "depth": 99}),
    ("/analysis/communities", {"members": 2**63}),
    ("/analysis/centrality", {"top": 10**9}),
    ("/analysis/cluster", {"community": 2**40}),
    ("/analysis/cotargeting/figure.png", {"top": 10**6}),
]


@pytest.mark.parametrize(("path", "params"), REFUSED, ids=[_id(p, q) for p, q in REFUSED])
def test_out_of_bounds_is_422(server: str, path: str, params: dict[str, Any]):
    status, body = request(server, "GET", path, params)
    assert status == 422, body
    assert body["detail"]
    alive(server)


@pytest.mark.parametrize("params", [{"q": "x" * 100_000}, {"q": "x" * 300_000}, {"q": "增" * 30_000}],
                         ids=["100 kB", "300 kB", "30 k Chinese characters, 270 kB encoded"])
def test_a_request_line_past_the_parsers_limit_is_a_400_and_the_server_answers_after(server: str, params):
    """Past ~64 kB the HTTP parser refuses the request line itself: a 400 saying so, never a dropped connection
    (h11, the parser before, reset the connection at 300 kB and answered nothing)."""
    url = urlsplit(server)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    connection.request("GET", "/search?" + urlencode(params))
    response = connection.getresponse()
    assert (response.status, response.read()) == (400, b"Invalid HTTP request received.")
    connection.close()
    alive(server)


def test_a_100k_question_is_422(server: str):
    status, body = request(server, "POST", "/ask", body={"q": "增" * 100_000})
    assert status == 422 and body["detail"][0]["type"] == "string_too_long"
    assert request(server, "POST", "/ask", body={"q": "哪" * (MAX_QUESTION + 1)})[0] == 422
    alive(server)


def test_a_deeply_nested_body_is_400(server: str):
    """JSON nested past Python's recursion limit is a body that cannot be parsed, not a crash."""
    url = urlsplit(server)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    connection.request("POST", "/ask", body=b'{"q": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
                       headers={"Content-Type": "application/json"})
    assert connection.getresponse().status == 400
    connection.close()
    alive(server)


TARGETS = {"city_id": "", "industry_id": "", "year": 0}
EXPORT_PARAMS = [
    (json.dumps(TARGETS | {"skip": 2**32, "limit": 5}), "skip must be an integer"),
    (json.dumps(TARGETS | {"skip": -1, "limit": 5}), "skip must be an integer"),
    (json.dumps(TARGETS | {"skip": 0, "limit": 2**40}), "limit must be an integer"),
    (json.dumps(TARGETS | {"skip": 0, "limit": 5, "year": 2**70}), "64-bit"),
    (json.dumps({"industry_ids": [1, "industry:航空"], "roles": [], "skip": 0, "limit": 5}), "one kind of value"),
    (json.dumps(TARGETS | {"skip": 0, "limit": 5, "x": "x" * MAX_PARAMS_CHARS}), "characters long"),
    ('{"x": ' + "[" * 5000 + "]" * 5000 + "}", "not JSON"),
    (json.dumps(TARGETS | {"skip": 0, "limit": 5, "x": [[[[[[1]]]]]]}), "nested deeper"),
]


@pytest.mark.parametrize(("params", "says"), EXPORT_PARAMS, ids=[s for _, s in EXPORT_PARAMS])
def test_export_refuses_unbindable_params(server: str, params: str, says: str):
    """A named query's parameters in an export URL: refused with 400 and the reason, never a 500."""
    status, body = request(server, "GET", "/export", {"query": "targets_timeline", "params": params})
    assert status == 400 and says in body["detail"], body
    alive(server)


def test_export_of_a_page_past_the_end_is_empty(server: str):
    """An export selected by a named query's deepest page: no rows, so no nodes (and no crash)."""
    params = json.dumps(TARGETS | {"skip": MAX_SKIP, "limit": 500})
    status, body = request(server, "GET", "/export", {"query": "targets_timeline", "params": params})
    assert status == 200 and body["nodes"] == [] and body["edges"] == []
    alive(server)
