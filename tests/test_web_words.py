"""What the web client says, in Debian's headless Chromium (the fixtures of tests/test_web.py) on the bundled
corpus (issue 14): relationships in words of the interface's language, never their raw names (TARGETS,
IN_INDUSTRY, …); counts in the plural form they take (1 mention, 2 mentions; 提及 1 次); an agency's tasks
cite their document by its title; and every error the client shows is written in the interface's language.

Screenshots: artifacts/screenshots/web_words_<view>_<lang>.png.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import httpx
import pytest
import test_web
from playwright.sync_api import expect
from test_web_graph import RAW

client_built = test_web.client_built
desktop = test_web.desktop
phone = test_web.phone

ZH = re.compile(r"[\u3400-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
FIRM = "firm:中航西安飞机工业集团股份有限公司"
AGENCY = "agency:汉中市工业和信息化局"
FAILED = "the server responded with a status of"  # Chromium logs every failed fetch; these are on purpose


def chinese(client) -> None:
    client.page.click("#lang")
    client.page.wait_for_function("() => document.documentElement.lang === 'zh-CN'")


def page_url(entity_id: str) -> str:
    label, key = entity_id.split(":", 1)
    return f"#/{label}/{quote(key)}"


def expected_failures(client) -> None:
    """Leave out of the console check the errors this test caused on purpose (failed and aborted fetches)."""
    client.errors[:] = [e for e in client.errors if FAILED not in e and "net::ERR_FAILED" not in e]


# -- relationships in words ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pages_and_answers_name_relationships_in_words(desktop, lang):
    desktop.open(page_url(FIRM))
    if lang == "zh":
        chinese(desktop)
    desktop.page.wait_for_selector(".page-firm .relation")
    relations = desktop.page.locator(".page-firm .relation").all_inner_texts()
    assert relations and all(not RAW.search(r) for r in relations), relations
    assert ("是链主／龙头企业 →" if lang == "zh" else "leads the chain of →") in relations
    desktop.wait_for_graph()
    assert not RAW.search(desktop.page.inner_text("#view"))
    desktop.shot(f"words_firm_{lang}", full_page=True)
    # a path answer writes each step in words
    desktop.page.goto(f"{desktop.server}/#/ask?q={quote('西飞和汉中有什么关系')}")
    desktop.page.wait_for_selector("#answer .item .path")
    path = desktop.page.inner_text("#answer .item .path")
    assert not RAW.search(path), path
    assert ("是链主／龙头企业" if lang == "zh" else "leads the chain of") in path
    assert not RAW.search(desktop.page.inner_text("#answer"))
    desktop.shot(f"words_path_{lang}", full_page=True)


def test_a_parks_ties_are_named_in_words(desktop, server):
    park = "park:宝鸡高新技术产业开发区"
    desktop.open(page_url(park))
    desktop.page.wait_for_selector(".page-park h1")
    desktop.wait_for_graph()
    assert not RAW.search(desktop.page.inner_text("#view"))


# -- plurals -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_mentions_are_counted_in_the_right_plural_form(desktop, server, lang):
    place = "city:610700"
    counts = {d["doc_id"]: d["count"] for d in httpx.get(f"{server}/entities/{place}/documents", timeout=30).json()["items"]}
    assert 1 in counts.values() and any(n > 1 for n in counts.values()), counts  # both forms on one page
    desktop.open(page_url(place))
    if lang == "zh":
        chinese(desktop)
    desktop.page.wait_for_selector(".page-city h1")
    section = desktop.page.locator(".page-section", has=desktop.page.locator("h2", has_text="提及它的文件" if lang == "zh"
                                                                               else "Documents naming it"))
    for doc_id, n in counts.items():
        item = section.locator("li", has=desktop.page.locator(f"a.entity[href='#/document/{quote(doc_id.split(':', 1)[1])}']"))
        text = item.locator(":scope > .muted").inner_text()
        if lang == "zh":
            assert f"提及 {n} 次" in text, text
        else:
            wanted = "1 mention" if n == 1 else f"{n} mentions"
            assert re.search(rf"(^|· ){wanted}$", text), text
    forms = desktop.page.evaluate("""async () => {
        const i18n = await import('/static/js/i18n.js');
        return [0, 1, 2, 21].map(n => [i18n.count('page.mentions', n), i18n.count('evidence.more', n),
                                         i18n.count('graph.nodes', n)]); }""")
    if lang == "zh":
        assert forms[1] == ["提及 1 次", "另有 1 条依据", "1 个节点"]
    else:
        assert forms == [["0 mentions", "0 more sentences", "0 nodes"], ["1 mention", "1 more sentence", "1 node"],
                         ["2 mentions", "2 more sentences", "2 nodes"], ["21 mentions", "21 more sentences", "21 nodes"]]
    desktop.shot(f"words_mentions_{lang}", full_page=True)


# -- the agency page cites titles ----------------------------------------------------------------------------------


def test_the_agency_api_and_page_cite_the_document_title(desktop, server):
    titles = {d["id"]: d["title"] for d in httpx.get(f"{server}/documents", timeout=30).json()}
    agency = httpx.get(f"{server}/agencies/{quote(AGENCY)}", timeout=30).json()
    cited = [task["evidence"] for task in agency["tasks"]]
    assert cited and all(e["doc_title"] == titles[e["doc_id"]] and e["doc_title"] for e in cited), cited
    assert all(isinstance(e["start"], int) and e["end"] > e["start"] for e in cited)
    # the page must not need /documents to name them: it answers nothing here
    desktop.page.route(re.compile(r"^[^?#]*//[^/]+/documents$"), lambda route: route.fulfill(status=200, content_type="application/json", body="[]"))
    desktop.open(page_url(AGENCY))
    desktop.page.wait_for_selector(".page-agency .evidence .doc-title")
    shown = set(desktop.page.locator(".page-agency .page-section .evidence .doc-title").all_inner_texts())
    assert shown == {e["doc_title"] for e in cited}, shown
    assert not any(name.endswith(".txt") for name in shown)
    desktop.shot("words_agency", full_page=True)


# -- errors in the interface's language -----------------------------------------------------------------------------


def _fails(client, pattern: str, how: str) -> None:
    def handle(route):
        if how == "abort":
            route.abort()
        else:
            route.fulfill(status=int(how), content_type="application/json",
                          body='{"detail": "something English went wrong on the server"}')
    client.page.route(pattern, handle)


def _speaks(text: str, lang: str) -> None:
    if lang == "zh":
        assert ZH.search(text) and not LATIN_WORD.search(text), text
    else:
        assert not ZH.search(text) and "something English" not in text, text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_errors_are_told_in_the_interface_language(desktop, lang):
    if lang == "zh":
        desktop.open()
        chinese(desktop)
    # an entity page whose answer fails
    _fails(desktop, "**/cities/city%3A610100", "500")
    desktop.open(page_url("city:610100"))
    error = desktop.page.locator("#view .error")
    expect(error).to_be_visible()
    _speaks(error.inner_text(), lang)
    # the graph's neighbourhood cannot be fetched (the service is gone)
    _fails(desktop, "**/export?format=json*", "abort")
    desktop.open(page_url("city:610700"))
    graph_error = desktop.page.locator("#graph-panel .error")
    expect(graph_error).to_be_visible()
    _speaks(graph_error.inner_text(), lang)
    desktop.page.unroute("**/export?format=json*")
    # the export is refused (busy)
    desktop.open(page_url("city:610500"))
    desktop.wait_for_graph()
    _fails(desktop, "**/export", "503")
    desktop.page.click("#graph-panel .export button[data-format='json']")
    status = desktop.page.locator("#graph-panel .export-status.error")
    expect(status).to_be_visible()
    _speaks(status.inner_text(), lang)
    # the analysis endpoint fails
    _fails(desktop, "**/analysis/alignment*", "500")
    desktop.open("#/analysis")
    analysis_error = desktop.page.locator("#alignment .error")
    expect(analysis_error).to_be_visible()
    _speaks(analysis_error.inner_text(), lang)
    desktop.shot(f"words_errors_{lang}", full_page=True)
    expected_failures(desktop)


def test_the_same_views_on_a_phone(phone):
    """The firm page, a path answer and the agency page at 390 px: words, titles, nothing sideways."""
    for name, route, ready in [("firm", page_url(FIRM), ".page-firm .relation"),
                               ("path", f"#/ask?q={quote('西飞和汉中有什么关系')}", "#answer .item .path"),
                               ("agency", page_url(AGENCY), ".page-agency .evidence .doc-title")]:
        phone.open(route)
        phone.page.wait_for_selector(ready)
        phone.wait_for_graph()
        assert not RAW.search(phone.page.inner_text("#view")), name
        assert phone.page.evaluate("document.documentElement.scrollWidth <= innerWidth"), name
        phone.shot(f"words_{name}_phone")
    assert not any(t.endswith(".txt") for t in phone.page.locator(".page-agency .evidence .doc-title").all_inner_texts())
