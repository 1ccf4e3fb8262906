"""The web client end to end: Debian's headless Chromium, driven by Playwright for Python, against a real uvicorn
server on the bundled corpus (the `server` fixture).

Every test fails on any console error or uncaught page error (a Content-Security-Policy violation is one),
and saves a screenshot into artifacts/screenshots/ (git-ignored) for a person to look at: Chinese must render
as glyphs, not boxes.

The page's policy forbids eval, so every wait_for_function predicate is written as a function (`() => …`):
Playwright polls a bare expression by evaluating its text in the page, which the policy refuses.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import httpx
import networkx as nx
import pytest
from conftest import BrowserPage
from playwright.sync_api import expect

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is a dev extra")

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "artifacts" / "screenshots"
VENDOR = ROOT / "app" / "web" / "static" / "vendor"
AM_CITIES = {"西安市", "渭南市", "咸阳市", "汉中市"}
ASK_EN = "which cities target additive manufacturing"
ASK_ZH = "哪些城市发展增材制造"
LAPTOP = {"width": 1366, "height": 900}
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
TIMEOUT_MS = 30_000

@pytest.fixture(scope="module", autouse=True)
def client_built():
    """The front-end libraries are in place (`make web`) and the screenshot folder exists."""
    missing = [name for name in ("cytoscape.min.js", "echarts.min.js", "china.js") if not (VENDOR / name).is_file()]
    assert not missing, f"front-end libraries missing from {VENDOR}: {missing}; run `make web`"
    SHOTS.mkdir(parents=True, exist_ok=True)


class Client(BrowserPage):
    """A page of the web client, asked questions and photographed."""

    def __init__(self, page, server: str):
        super().__init__(page, server, TIMEOUT_MS)

    def ask(self, question: str) -> None:
        self.page.fill("#ask-input", question)
        self.page.press("#ask-input", "Enter")
        self.page.wait_for_selector("#answer .items .item")

    def answer_names(self) -> list[str]:
        return self.page.locator("#answer .item .item-head a.entity").all_inner_texts()

    def wait_for_graph(self) -> int:
        self.page.wait_for_function("() => window.policykg.graph && window.policykg.graph.visibleNodes().length > 0")
        self.page.wait_for_function("() => document.querySelectorAll('.export [data-format]').length === 4")
        return self.visible_nodes()

    def visible_nodes(self) -> int:
        return self.page.evaluate("window.policykg.graph.visibleNodes().length")

    def shot(self, name: str, full_page: bool = False) -> Path:
        path = SHOTS / f"web_{name}.png"
        self.page.screenshot(path=str(path), full_page=full_page)
        return path


def _client(browser, server: str, viewport: dict, **options):
    context = browser.new_context(viewport=viewport, locale="en-US", accept_downloads=True, **options)
    client = Client(context.new_page(), server)
    yield client
    context.close()
    assert not client.errors, "errors in the browser console:\n" + "\n".join(client.errors)


@pytest.fixture
def web(browser, server):
    yield from _client(browser, server, LAPTOP)


@pytest.fixture
def desktop(browser, server):
    yield from _client(browser, server, DESKTOP)


@pytest.fixture
def phone(browser, server):
    yield from _client(browser, server, PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)


def test_ask_in_english_lists_the_cities_with_evidence_and_opens_the_document(web):
    web.open()
    web.ask(ASK_EN)
    assert AM_CITIES <= set(web.answer_names())
    for city in AM_CITIES:
        item = web.page.locator("#answer .item", has=web.page.locator(f"a.entity:text-is('{city}')"))
        sentences = item.locator(".evidence .sentence")
        assert sentences.count() >= 1
        marks = set(item.locator(".evidence mark.hit").all_inner_texts())
        assert city.removesuffix("市") in marks or city in marks, (city, marks)
        assert "增材制造" in marks
    hanzhong = web.page.locator("#answer .item", has=web.page.locator("a.entity:text-is('汉中市')"))
    sentence = hanzhong.locator(".evidence .sentence").first.inner_text()
    hanzhong.locator(".evidence a.doc-link").first.click()
    excerpt = web.page.locator("#doc-dialog .excerpt")
    excerpt.wait_for()
    assert web.page.locator("#doc-dialog mark.sentence").inner_text() == sentence
    text = excerpt.inner_text()
    assert len(sentence) < len(text) <= len(sentence) + 2 * 300 + 4  # ±300 characters and the ellipses
    web.shot("ask_en_document")
    web.page.click("#doc-dialog .dialog-close")
    web.shot("ask_en", full_page=True)


def test_ask_in_chinese_with_the_chinese_interface_remembered(web):
    web.open()
    web.page.click("#lang")
    assert web.page.inner_text(".brand").strip().endswith("产业政策知识图谱")
    web.page.reload()
    web.page.wait_for_function("() => window.policykg && window.policykg.ready")
    assert web.page.evaluate("localStorage.getItem('policykg.lang')") == "zh"
    assert web.page.get_attribute("#ask-input", "placeholder").startswith("例如")
    web.ask(ASK_ZH)
    assert AM_CITIES <= set(web.answer_names())
    assert "哪些地区发展某产业" in web.page.inner_text("#answer .interpretation")
    assert web.page.locator("#answer .item .evidence mark.hit").count() >= 2 * len(AM_CITIES)
    web.wait_for_graph()
    web.shot("ask_zh", full_page=True)


def test_search_suggestions_open_a_city_page_with_its_industries(web):
    web.open()
    web.page.fill("#search", "渭南")
    suggestion = web.page.locator("#suggestions li[data-id='city:610500']")
    suggestion.wait_for()
    web.shot("search_suggestions")
    suggestion.click()
    web.page.wait_for_selector(".page-city[data-id='city:610500'] h1")
    assert web.page.inner_text(".page-city h1") == "渭南市"
    industries = web.page.locator(".page-city .industries li.industry")
    industries.first.wait_for()
    names = set(web.page.locator(".page-city .industries li.industry > a.entity").all_inner_texts())
    assert {"增材制造", "新材料"} <= names and len(names) >= 10
    assert web.page.locator(".page-city .industries .badge.strength-key").count() >= 1
    web.wait_for_graph()
    web.shot("city_page", full_page=True)


def test_a_city_page_lists_each_park_once_with_every_sentence_that_places_it(web):
    """/parks?city= answers one item per park with a list of sentences; the page shows each park once and
    those sentences (a park two documents place in the city has two)."""
    web.open("#/city/610700")
    parks = web.page.locator(".page-city li:has(> details) > a.entity[href^='#/park/']")
    parks.first.wait_for()
    names = parks.all_inner_texts()
    assert names and len(names) == len(set(names)), names
    item = web.page.locator(".page-city li", has=web.page.locator("a.entity", has_text="汉中经济技术开发区")).first
    item.locator("summary").first.click()
    assert item.locator(".evidence-list blockquote.evidence").count() >= 2
    assert "汉中经济技术开发区" in item.inner_text()


def test_clicking_a_graph_node_expands_its_neighbours(web):
    web.open()
    web.ask(ASK_EN)
    before = web.wait_for_graph()
    canvas = web.page.locator("#graph-panel .cy")
    canvas.scroll_into_view_if_needed()
    # The place node furthest from any other node, so the click lands on it and nothing else.
    target = web.page.evaluate("""() => {
        const cy = window.policykg.graph.cy;
        const nodes = window.policykg.graph.visibleNodes().filter(n => n.data('label') === 'City' && !n.hasClass('center'));
        const all = window.policykg.graph.visibleNodes();
        let best = null, room = -1;
        nodes.forEach(n => {
            const p = n.renderedPosition();
            const w = cy.width(), h = cy.height();
            if (p.x < 10 || p.y < 10 || p.x > w - 10 || p.y > h - 10) return;
            const nearest = Math.min(...all.filter(m => m.id() !== n.id()).map(m => {
                const q = m.renderedPosition(); return Math.hypot(p.x - q.x, p.y - q.y); }));
            if (nearest > room) { room = nearest; best = {id: n.id(), x: p.x, y: p.y}; }
        });
        return best;
    }""")
    assert target, "no place node in view to click"
    box = canvas.bounding_box()
    web.page.mouse.click(box["x"] + target["x"], box["y"] + target["y"])
    web.page.wait_for_function(f"() => window.policykg.graph.visibleNodes().length > {before}")
    assert web.page.evaluate(f"window.policykg.graph.cy.$id({target['id']!r}).hasClass('expanded')")
    assert web.visible_nodes() > before
    # the export offers what is drawn now, named by the node clicked last
    name = web.page.evaluate(f"window.policykg.graph.cy.$id({target['id']!r}).data('name')")
    expect(web.page.locator("#graph-panel .export-center")).to_contain_text(f"{web.visible_nodes()} nodes drawn")
    expect(web.page.locator("#graph-panel .export-center")).to_contain_text(name)
    web.page.locator("#graph-panel").screenshot(path=str(SHOTS / "web_graph_expanded.png"))


def test_the_export_button_downloads_graphml_that_networkx_reads(web, tmp_path):
    web.open()
    web.ask(ASK_EN)
    web.wait_for_graph()
    button = web.page.locator("#graph-panel .export button[data-format='graphml']")
    drawn = set(web.page.evaluate("window.policykg.graph.visibleNodes().map(n => n.id())"))
    with web.page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename.endswith(".graphml")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    graph = nx.read_graphml(path)
    assert set(graph.nodes) == drawn  # what is drawn, not the neighbourhood of a centre
    assert "industry:增材制造" in graph
    names = {data.get("name") for _, data in graph.nodes(data=True)}
    assert AM_CITIES <= names
    assert any(data.get("label") == "TARGETS" for _, _, data in graph.edges(data=True))
    formats = web.page.eval_on_selector_all("#graph-panel .export [data-format]", "bs => bs.map(b => b.dataset.format)")
    assert formats == ["graphml", "gexf", "json", "csv"]


def test_the_map_places_the_answer_cities_on_china(web):
    web.open()
    web.ask(ASK_EN)
    web.page.wait_for_selector("#map-panel .map canvas")
    option = web.page.evaluate("""() => {
        const chart = echarts.getInstanceByDom(document.querySelector('#map-panel .map'));
        const o = chart.getOption();
        return {map: o.geo[0].map, registered: !!echarts.getMap('china'),
                series: o.series.map(s => ({type: s.type, names: s.data.map(d => d.name), points: s.data.map(d => d.value)}))};
    }""")
    assert option["map"] == "china" and option["registered"]
    placed = {name for s in option["series"] for name in s["names"]}
    assert AM_CITIES <= placed
    key = next(s for s in option["series"] if "西安市" in s["names"])
    xian = key["points"][key["names"].index("西安市")]
    assert 108 < xian[0] < 110 and 33.5 < xian[1] < 35  # longitude, latitude
    web.page.locator("#map-panel").scroll_into_view_if_needed()
    web.page.locator("#map-panel").screenshot(path=str(SHOTS / "web_map.png"))


def test_phone_width_shows_the_ask_box_and_no_sideways_scrolling(phone):
    phone.open()
    box = phone.page.locator("#ask-input").bounding_box()
    assert phone.page.locator("#ask-input").is_visible()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] and box["y"] < PHONE["height"]
    assert phone.page.locator("#search").is_visible()
    phone.shot("phone_home")
    phone.ask(ASK_ZH)
    assert AM_CITIES <= set(phone.answer_names())
    phone.wait_for_graph()
    width = phone.page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page scrolls sideways: {width}px wide"
    phone.shot("phone_answer")


def test_analysis_views_draw_the_network_heat_map_and_alignment(web):
    web.open("#/analysis")
    web.page.wait_for_function("() => window.policykg.analysisGraph && window.policykg.analysisGraph.nodes().length > 5")
    web.page.wait_for_selector("#heatmap .heatmap canvas")
    web.page.wait_for_selector("#alignment table.alignment tbody tr[data-id='city:610700']")
    communities = web.page.locator("#cotargeting .legend.communities li").all_inner_texts()
    assert len(communities) >= 2
    heat = web.page.evaluate("""() => {
        const o = echarts.getInstanceByDom(document.querySelector('#heatmap .heatmap')).getOption();
        return {places: o.xAxis[0].data, cells: o.series[0].data.length};
    }""")
    assert len(heat["places"]) >= 5 and heat["cells"] == len(heat["places"]) ** 2
    row = web.page.inner_text("#alignment tr[data-id='city:610700']")
    assert "汉中市" in row
    web.shot("analysis", full_page=True)


def test_park_page_and_its_endpoint(web, server):
    park = "park:宝鸡高新技术产业开发区"
    body = httpx.get(f"{server}/parks/{quote(park)}", timeout=30).json()
    assert body["name"] == "宝鸡高新技术产业开发区" and body["cypher"][0]["name"] == "park_profile"
    located = [r for r in body["relations"] if r["relation"] == "LOCATED_IN" and r["direction"] == "out"]
    assert [r["id"] for r in located] == ["city:610300"]
    assert all(r["evidence"] and r["evidence"][0]["sentence"] for r in body["relations"])
    assert httpx.get(f"{server}/parks/{quote('park:没有这个园区')}", timeout=30).status_code == 404
    web.open("#/park/" + quote(park.removeprefix("park:")))
    web.page.wait_for_selector(".page-park h1")
    text = web.page.inner_text(".page-park")
    assert "宝鸡市" in text and "增材制造" in text
    web.wait_for_graph()
    web.shot("park_page", full_page=True)


@pytest.mark.parametrize(("route", "selector", "expected"), [
    ("#/industry/增材制造", ".page-industry", ["增材制造", "additive manufacturing", "渭南市", "汉中市"]),
    ("#/firm/中航西安飞机工业集团股份有限公司", ".page-firm", ["中航西飞", "leads the chain of", "航空"]),
    ("#/agency/汉中市工业和信息化局", ".page-agency", ["汉中市工业和信息化局", "做强装备制造产业集群"]),
    ("#/document/001_13a2e43a680eef88.txt", ".page-document", ["陕西省高水平推进产业创新集群建设加快形成新质生产力实施方案"]),
], ids=["industry", "firm", "agency", "document"])
def test_entity_pages(web, route, selector, expected):
    web.open(route)
    web.page.wait_for_selector(f"{selector} h1")
    text = web.page.inner_text(selector)
    missing = [x for x in expected if x not in text]
    assert not missing, missing
    # the export links are drawn once the page's subgraph has loaded: wait for them, then count
    expect(web.page.locator(f"{selector} .export [data-format]")).to_have_count(4)
    web.shot(f"page_{selector.removeprefix('.page-')}", full_page=True)


def test_a_path_answer_draws_the_path(web):
    web.open()
    web.ask("西飞和汉中有什么关系")
    web.wait_for_graph()
    ids = set(web.page.evaluate("window.policykg.graph.visibleNodes().map(n => n.id())"))
    assert {"firm:中航西安飞机工业集团股份有限公司", "industry:航空", "city:610700"} <= ids
    path = web.page.inner_text("#answer .item .path")
    assert "leads the chain of" in path and "LEADS_CHAIN" not in path


def test_index_and_static_files_are_served(server):
    page = httpx.get(server + "/", timeout=30)
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    scripts = re.findall(r'src="(/static/[^"]+)"', page.text)
    assert {"/static/vendor/cytoscape.min.js", "/static/vendor/echarts.min.js", "/static/vendor/china.js",
            "/static/js/app.js"} <= set(scripts)
    assert not re.search(r'(src|href)="(https?:)?//', page.text), "the page must not load anything from a CDN"
    for path in scripts:
        assert httpx.get(server + path, timeout=30).status_code == 200, path
