"""The web client under attack from its own data, in Debian's headless Chromium against real uvicorn servers.

Names, aliases, titles and evidence sentences come from documents anyone could write. Two defences keep
them from running as script, and each is tested on its own:
- escaping: the client builds its DOM from text nodes (and gives ECharts tooltips DOM nodes, since ECharts
  inserts a string tooltip as HTML). The hostile-graph tests run once with the page's Content-Security-
  Policy bypassed, where escaping is all that stands between a name and `window.__pwned`;
- the policy (app/api/headers.py): no inline script, no inline style. The same tests run again under it,
  and the main views of the corpus graph must use the client without a single violation report (an
  escaping slip would show up there as a blocked inline handler too).

The hostile graph is a few places, industries, a park and one document whose every name carries markup
that would set `window.__pwned`, insert an element or hide the page if it were ever parsed as HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from conftest import BrowserPage, running_server
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from app.api.headers import CLIENT_POLICY
from graph.model import Edge, FactBatch, Node
from graph.stores import open_store

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is a dev extra")

TIMEOUT_MS = 30_000

IMG = '<img src=x onerror="window.__pwned=1">'
SCRIPT = "<script>window.__pwned=2</script>"
SVG = '"><svg onload=window.__pwned=3>'
IFRAME = '<iframe srcdoc="<script>parent.__pwned=4</script>"></iframe>'
STYLE = "<style>body{display:none}</style>"

CITY_A = f"{IMG}西安市"
CITY_B = f"{SCRIPT}汉中市"
CITY_C = f"{SVG}宝鸡市"
ALIAS = f"{SVG}别名"
IND_1_ID = "industry:<img src=x onerror=window.__pwned=5>"  # a hostile id too: it lands in hrefs and data-id
IND_1 = f"{IFRAME}航空"
IND_1_EN = f"{IMG} aviation"
IND_2 = f"{STYLE}新材料"
PARK = f"{IMG}高新区"
DOC = "document:hostile.txt"
TITLE = f"{SCRIPT}关于{IMG}的通知"
ISSUER = f"{IMG}办公厅"
SENTENCES = [f"支持{CITY_A}发展{IND_1}和{IND_2}。", f"推动{CITY_B}壮大{IND_1}。", f"鼓励{CITY_C}培育{IND_2}和{IND_1}。",
             f"{PARK}位于{CITY_A}，重点发展{IND_1}。"]
TEXT = TITLE + "\n" + "".join(SENTENCES)
CITIES = {"city:610100": (CITY_A, 108.94, 34.34), "city:610700": (CITY_B, 107.02, 33.07),
          "city:610300": (CITY_C, 107.24, 34.36)}

# Records every violation report the page gets, before any of the page's own scripts run.
WATCH_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(
  `${e.effectiveDirective} refused ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber}) ${e.sample}`));
"""
# Elements a parsed payload would have created; the client itself makes none of them.
INJECTED = "img, iframe, svg, style, script:not([src])"


def _evidence(sentence: str, **extra) -> dict:
    start = TEXT.index(sentence)
    return {"doc": DOC, "evidence": sentence, "start": start, "end": start + len(sentence), **extra}


def hostile_batch() -> FactBatch:
    batch = FactBatch(DOC)
    batch.add_node(Node("Document", DOC, TITLE, [], None, {
        "file": "hostile.txt", "title": TITLE, "issuer": ISSUER, "level": "province", "jurisdiction": "陕西省",
        "published": "2024-01-01", "chars": len(TEXT), "text": TEXT}))
    for city, (name, longitude, latitude) in CITIES.items():
        batch.add_node(Node("City", city, name, [ALIAS], None, {
            "level": "city", "adcode": city.removeprefix("city:"), "longitude": longitude, "latitude": latitude}))
    batch.add_node(Node("Industry", IND_1_ID, IND_1, [], IND_1_EN, {"level": "pillar"}))
    batch.add_node(Node("Industry", "industry:新材料", IND_2, ["新材料"], None, {"level": "pillar"}))
    batch.add_node(Node("Park", "park:hostile", PARK, [], None, {"kind": "high_tech_zone"}))
    for city, industry, k, strength in [("city:610100", IND_1_ID, 0, "key"), ("city:610100", "industry:新材料", 0, "cultivate"),
                                        ("city:610700", IND_1_ID, 1, "key"), ("city:610300", "industry:新材料", 2, "key"),
                                        ("city:610300", IND_1_ID, 2, "other")]:
        batch.add_edge(Edge("TARGETS", city, industry, "City", "Industry", _evidence(SENTENCES[k], strength=strength)))
    batch.add_edge(Edge("LOCATED_IN", "park:hostile", "city:610100", "Park", "City", _evidence(SENTENCES[3])))
    batch.add_edge(Edge("HOSTS", "park:hostile", IND_1_ID, "Park", "Industry", _evidence(SENTENCES[3])))
    for node in [n for n in batch.nodes.values() if n.label != "Document"]:
        sentence = next(s for s in SENTENCES if node.name in s)
        batch.add_edge(Edge("MENTIONS", DOC, node.id, "Document", node.label, _evidence(sentence, count=1)))
    return batch


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("hostile") / "hostile.lbug"
    store = open_store(db)
    store.replace_document(hostile_batch())
    store.close()
    with running_server(db) as url:
        yield url


class Watched(BrowserPage):
    """A page that also keeps every Content-Security-Policy violation report."""

    def __init__(self, page, server: str):
        page.add_init_script(WATCH_VIOLATIONS)
        super().__init__(page, server, TIMEOUT_MS)

    def go(self, route: str) -> None:
        """Follow a hash route inside the loaded page, as a click on a link would."""
        self.page.evaluate("(hash) => { location.hash = hash; }", route)

    def violations(self) -> list[str]:
        return self.page.evaluate("() => window.__csp || []")

    def assert_clean(self) -> None:
        """Nothing ran, nothing was parsed into elements, the page is visible, nothing was refused or failed."""
        assert self.page.evaluate("() => window.__pwned") is None, "a hostile name ran as script"
        assert not self.violations(), "Content-Security-Policy violations:\n" + "\n".join(self.violations())
        assert not self.errors, "errors in the browser console:\n" + "\n".join(self.errors)
        injected = self.page.eval_on_selector_all(INJECTED, "nodes => nodes.map(n => n.outerHTML.slice(0, 120))")
        assert not injected, f"elements the client never creates (a name parsed as HTML?): {injected}"
        expect(self.page.locator("body")).to_be_visible()

    def hover_chart_item(self, chart: str, series_index: int, point: list) -> None:
        """Move the mouse onto a chart's data item (value `point` of the series, in that series' coordinates)."""
        xy = self.page.evaluate("""([selector, seriesIndex, point]) => {
            const dom = document.querySelector(selector);
            const [x, y] = echarts.getInstanceByDom(dom).convertToPixel({ seriesIndex }, point);
            const box = dom.getBoundingClientRect();
            return { x: box.left + x, y: box.top + y };
        }""", [chart, series_index, point])
        self.page.mouse.move(xy["x"] - 20, xy["y"] - 20)
        self.page.mouse.move(xy["x"], xy["y"], steps=4)

    def hover_map_place(self, chart: str, name: str) -> None:
        found = self.page.evaluate("""([selector, name]) => {
            const option = echarts.getInstanceByDom(document.querySelector(selector)).getOption();
            for (const [s, series] of option.series.entries()) {
                const item = series.data.find((d) => d.name === name);
                if (item) return { series: s, value: item.value };
            }
            return null;
        }""", [chart, name])
        assert found, f"{name!r} is not on the map"
        self.hover_chart_item(chart, found["series"], found["value"][:2])

    def tooltip(self, chart: str):
        """ECharts' tooltip box: the element it appends to the chart's own after its canvas layer."""
        return self.page.locator(f"{chart} > div").last

    def click_graph_node(self, node_id: str) -> None:
        """Click where the node is drawn. The layout may still be settling when the position is read, so a click
        that opened no details is aimed again at where the node is now (at most three times)."""
        canvas = self.page.locator("#graph-panel .cy")
        canvas.scroll_into_view_if_needed()
        for _ in range(3):
            position = self.page.evaluate(
                "(id) => window.policykg.graph.cy.$id(id).renderedPosition()", node_id)
            box = canvas.bounding_box()
            self.page.mouse.click(box["x"] + position["x"], box["y"] + position["y"])
            try:
                self.page.wait_for_selector("#graph-panel .graph-details strong", timeout=2000)
                return
            except PlaywrightTimeout:
                continue


def _watched(browser, server: str, bypass_csp: bool = False) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN", bypass_csp=bypass_csp)
    watched = Watched(context.new_page(), server)
    yield watched
    context.close()


@pytest.fixture(params=[False, True], ids=["with-csp", "escaping-alone"])
def hostile(request, browser, hostile_server):
    """A page on the hostile graph: once under the policy, once with it bypassed so escaping is tested alone."""
    yield from _watched(browser, hostile_server, bypass_csp=request.param)


@pytest.fixture
def corpus(browser, server):
    yield from _watched(browser, server)


def _policy(header: str) -> dict[str, list[str]]:
    directives = [d.split() for d in header.split(";") if d.strip()]
    return {d[0]: d[1:] for d in directives}


# -- (c) the headers --------------------------------------------------------------------------------------------

def test_the_page_and_its_static_files_carry_the_client_policy(server):
    for path in ["/", "/docs", "/static/js/app.js", "/static/app.css", "/static/cytoscape.css", "/static/vendor/echarts.min.js",
                 "/health", "/documents"]:
        response = httpx.get(server + path, timeout=30)
        assert response.status_code == 200, path
        assert response.headers["content-security-policy"] == CLIENT_POLICY, path
        assert response.headers["x-content-type-options"] == "nosniff", path
        assert response.headers["referrer-policy"] == "same-origin", path
    policy = _policy(CLIENT_POLICY)
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert not any("unsafe" in source or source.startswith("http") for sources in policy.values() for source in sources)


def test_the_docs_page_works_offline_under_the_client_policy(corpus):
    """/docs draws the API's operations from the vendored Swagger UI with every other host unreachable, and
    needs no exception to the client's policy (FastAPI's own page loaded Swagger UI from a CDN: blank offline)."""
    page, foreign = corpus.page, []

    def refuse(route) -> None:
        foreign.append(route.request.url)
        route.abort()

    page.route(lambda url: not url.startswith(corpus.server), refuse)
    response = page.goto(corpus.server + "/docs")
    assert response.status == 200 and response.headers["content-security-policy"] == CLIENT_POLICY
    page.wait_for_selector(".opblock-summary-path")
    paths = page.eval_on_selector_all(".opblock-summary-path", "nodes => nodes.map(n => n.dataset.path)")
    assert {"/cities", "/ask", "/cypher", "/export"} <= set(paths), paths
    shots = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=shots / "docs.png")  # for a person to look at: styled, not a bare list
    assert not foreign, f"the docs page reached for other hosts: {foreign}"
    assert not corpus.violations(), "Content-Security-Policy violations:\n" + "\n".join(corpus.violations())
    assert not corpus.errors, "errors in the browser console:\n" + "\n".join(corpus.errors)
    for gone in ["/redoc", "/docs/oauth2-redirect"]:  # FastAPI's CDN pages are off, not left behind
        assert httpx.get(corpus.server + gone, timeout=30).status_code == 404, gone


def test_the_page_itself_has_no_inline_script_handler_or_style(server):
    """What the client's policy would refuse in index.html: it must all live in /static files."""
    page = re.sub(r"<!--.*?-->", "", httpx.get(server + "/", timeout=30).text, flags=re.DOTALL)
    scripts = re.findall(r"<script\b[^>]*>", page)
    assert scripts and all(re.search(r'\bsrc="/static/', tag) for tag in scripts), scripts
    assert not re.search(r"<[^>]*\son[a-z]+\s*=", page, re.IGNORECASE), "an on*= handler attribute"
    assert not re.search(r"<style\b|\sstyle\s*=", page, re.IGNORECASE), "inline style"


# -- (a) no violation while the client is used -----------------------------------------------------------------

def test_the_main_views_run_without_a_policy_violation(corpus):
    corpus.open()
    corpus.page.fill("#ask-input", "which cities target additive manufacturing")
    corpus.page.press("#ask-input", "Enter")
    corpus.page.wait_for_selector("#answer .items .item")
    corpus.page.wait_for_function("() => window.policykg.graph && window.policykg.graph.visibleNodes().length > 0")
    corpus.page.locator("#map-panel").scroll_into_view_if_needed()
    corpus.hover_map_place("#map-panel .map", "汉中市")
    expect(corpus.tooltip("#map-panel .map")).to_contain_text("汉中市")
    corpus.page.locator("#answer .evidence a.doc-link").first.click()
    corpus.page.wait_for_selector("#doc-dialog .excerpt mark.sentence")
    corpus.page.click("#doc-dialog .dialog-close")
    corpus.page.fill("#search", "渭南")
    corpus.page.locator("#suggestions li[data-id='city:610500']").click()
    corpus.page.wait_for_selector(".page-city[data-id='city:610500'] h1")
    corpus.page.wait_for_function("() => window.policykg.graph && window.policykg.graph.visibleNodes().length > 0")
    corpus.page.locator(".graph-tools button").click()
    corpus.page.locator(".graph-tools .doc-toggle").check()
    corpus.go("#/analysis")
    corpus.page.wait_for_function("() => window.policykg.analysisGraph && window.policykg.analysisGraph.nodes().length > 5")
    corpus.page.wait_for_selector("#heatmap .heatmap canvas")
    corpus.page.locator("#heatmap").scroll_into_view_if_needed()
    corpus.hover_chart_item("#heatmap .heatmap", 0, [1, 0])
    expect(corpus.tooltip("#heatmap .heatmap")).to_contain_text("Jaccard")
    corpus.go("#/document/001_13a2e43a680eef88.txt?start=0&end=20")
    corpus.page.wait_for_selector(".page-document #focus")
    corpus.go("#/documents")
    corpus.page.wait_for_selector(".facts-list a.entity")
    corpus.page.click("#lang")  # re-draws the view in the other language
    corpus.page.wait_for_selector(".facts-list a.entity")
    corpus.assert_clean()


def test_a_violation_would_be_caught(corpus):
    """The watcher hears the browser refuse something: the test above cannot pass for want of listening."""
    corpus.open()
    corpus.page.evaluate("""() => {
        const span = document.createElement("span");
        span.setAttribute("style", "color: red");  // an inline style attribute: refused by style-src 'self'
        document.body.append(span);
    }""")
    corpus.page.wait_for_function("() => window.__csp.length > 0")
    assert any("style-src" in v for v in corpus.violations())
    corpus.errors.clear()  # Chromium logs the refusal as a console error as well


# -- (b) hostile names stay text --------------------------------------------------------------------------------

def test_search_and_a_place_page_show_hostile_names_as_text(hostile):
    hostile.open()
    hostile.page.fill("#search", "onerror")
    names = hostile.page.locator("#suggestions li .name")
    expect(names.first).to_be_visible()
    assert {CITY_A, PARK} <= set(names.all_inner_texts())
    hostile.page.locator("#suggestions li[data-id='city:610100']").click()
    page = hostile.page.locator(".page-city")
    expect(page.locator("h1")).to_have_text(CITY_A)
    expect(page.locator(".facts")).to_contain_text(ALIAS)
    industries = page.locator(".industries li.industry > a.entity")
    expect(industries).to_have_count(2)
    assert set(industries.all_inner_texts()) == {IND_1, IND_2}
    hostile.page.wait_for_function("() => window.policykg.graph && window.policykg.graph.visibleNodes().length > 0")
    # evidence: the sentence as written, the place and the industry marked inside it
    first = page.locator(".industries li.industry").first
    first.locator("summary").click()
    sentence = first.locator(".evidence .sentence").first
    expect(sentence).to_have_text(SENTENCES[0])
    marks = set(first.locator(".evidence mark.hit").all_inner_texts())
    assert CITY_A in marks and (IND_1 in marks or IND_2 in marks), marks
    # and the sentence in its document
    first.locator(".evidence a.doc-link").first.click()
    dialog = hostile.page.locator("#doc-dialog")
    expect(dialog.locator(".excerpt mark.sentence")).to_have_text(SENTENCES[0])
    expect(dialog.locator(".dialog-title")).to_have_text(TITLE)
    expect(dialog.locator(".excerpt")).to_contain_text(TITLE)
    hostile.assert_clean()


def test_an_industry_page_its_map_tooltip_and_graph_show_hostile_names_as_text(hostile):
    hostile.open("#/industry/" + quote(IND_1_ID.removeprefix("industry:"), safe=""))
    page = hostile.page.locator(".page-industry")
    expect(page.locator("h1")).to_have_text(IND_1)
    expect(page.locator(".page-head")).to_contain_text(IND_1_EN)
    assert {CITY_A, CITY_B, CITY_C} <= set(page.locator(".page-section li > a.entity").all_inner_texts())
    expect(page.locator(".page-section a.entity", has_text=PARK)).to_have_count(1)
    # the map's tooltip: ECharts would insert a string formatter's result as HTML
    hostile.page.wait_for_selector(".map-panel .map canvas")
    hostile.hover_map_place(".map-panel .map", CITY_B)
    tip = hostile.tooltip(".map-panel .map")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text(CITY_B)
    # the graph: a node's details name it
    hostile.page.wait_for_function("() => window.policykg.graph && window.policykg.graph.visibleNodes().length > 3")
    hostile.click_graph_node("city:610300")
    expect(hostile.page.locator("#graph-panel .graph-details strong")).to_have_text(CITY_C)
    expect(hostile.page.locator("#graph-panel .export-center")).to_contain_text(CITY_C)
    hostile.assert_clean()


def test_the_analysis_views_show_hostile_names_as_text(hostile):
    hostile.open("#/analysis")
    hostile.page.wait_for_function("() => window.policykg.analysisGraph && window.policykg.analysisGraph.nodes().length === 2")
    expect(hostile.page.locator("#cotargeting .legend.communities li").first).to_contain_text(IND_1)
    # the heat map is drawn after the network: wait for its chart, not just its section
    hostile.page.wait_for_function(
        "() => { const el = document.querySelector('#heatmap .heatmap'); return el && echarts.getInstanceByDom(el); }")
    labels = hostile.page.evaluate(
        "() => echarts.getInstanceByDom(document.querySelector('#heatmap .heatmap')).getOption().xAxis[0].data")
    assert set(labels) == {CITY_A, CITY_B, CITY_C}
    hostile.page.locator("#heatmap").scroll_into_view_if_needed()
    hostile.hover_chart_item("#heatmap .heatmap", 0, [0, 1])
    tip = hostile.tooltip("#heatmap .heatmap")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text(f"{labels[1]} × {labels[0]}")
    row = hostile.page.locator("#alignment tr[data-id='city:610100']")
    expect(row.locator("th a.entity")).to_have_text(CITY_A)
    hostile.assert_clean()


def test_a_document_and_an_answer_show_hostile_text_as_text(hostile):
    start = TEXT.index(SENTENCES[1])
    hostile.open(f"#/document/hostile.txt?start={start}&end={start + len(SENTENCES[1])}")
    page = hostile.page.locator(".page-document")
    expect(page.locator("h1")).to_have_text(TITLE)
    expect(page.locator(".facts")).to_contain_text(ISSUER)
    expect(page.locator("#focus")).to_have_text(SENTENCES[1])
    expect(page.locator(".document-text")).to_contain_text(TEXT)
    hostile.go("#/documents")
    expect(hostile.page.locator(".facts-list a.entity")).to_have_text(TITLE)
    hostile.go("#/ask?q=" + quote("哪些城市发展新材料"))
    hostile.page.wait_for_selector("#answer .items .item")
    expect(hostile.page.locator("#answer .interpretation a.entity")).to_have_text(IND_2)
    assert set(hostile.page.locator("#answer .item .item-head a.entity").all_inner_texts()) == {CITY_A, CITY_C}
    # 宝鸡's point: the label of 宝鸡, drawn to the right of it, covers 西安's point on this map
    hostile.hover_map_place("#map-panel .map", CITY_C)
    expect(hostile.tooltip("#map-panel .map")).to_contain_text(CITY_C)
    hostile.assert_clean()
