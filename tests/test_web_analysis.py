"""The analysis view's evidence control, in Debian's headless Chromium (the fixtures of tests/test_web.py).

By default the views weigh plans' targets above descriptive statements; switching the control to "every
statement equally" draws the heat map again from the `evidence=all` answers, where the benchmark cities a
research report lists are identical to each other (Jaccard 1). Screenshots of both go to artifacts/screenshots/.
"""

from __future__ import annotations

import httpx
import pytest
import test_web
from test_web import SHOTS

# The fixtures of the other web tests, not copies: the client libraries in place, a laptop-sized page.
client_built = test_web.client_built
web = test_web.web

HEAT = """() => {
    const el = document.querySelector('#heatmap .heatmap');
    const chart = el && echarts.getInstanceByDom(el);
    if (!chart) return null;
    const o = chart.getOption();
    return {places: o.yAxis[0].data, cells: o.series[0].data};
}"""


def heat_map(web) -> dict:
    web.page.wait_for_function(f"() => ({HEAT})() !== null")
    return web.page.evaluate(HEAT)


def listed_once(server: str) -> tuple[set[str], float]:
    """Names of the places known from one descriptive statement only (a report's list of benchmark cities):
    one tie under `all`, and that tie weighing the descriptive weight by default; and that weight. Read from
    the API."""
    def ties(evidence: str) -> tuple[dict[str, float], float]:
        answer = httpx.get(f"{server}/analysis/communities", params={"of": "cities", "evidence": evidence},
                           timeout=120).json()
        return ({m["name"]: m["ties"] for c in answer["communities"] for m in c["members"]},
                answer["evidence"]["weights"]["descriptive"])

    (weighted, descriptive), (counted, _) = ties("weighted"), ties("all")
    return {name for name, n in counted.items() if n == 1 and weighted.get(name) == pytest.approx(descriptive)}, descriptive


def cells(heat: dict) -> dict[tuple[str, str], float]:
    """(row place, column place) → the drawn value, off the diagonal."""
    names = heat["places"]
    return {(names[i], names[j]): v for j, i, v in heat["cells"] if i != j}


def identical_cells(heat: dict) -> int:
    """Cells off the diagonal with Jaccard 1: pairs of places drawn as identical."""
    return sum(1 for j, i, v in heat["cells"] if i != j and v == 1)


def test_the_evidence_control_redraws_the_heat_map(web, server):
    web.open("#/analysis")
    control = web.page.locator("#analysis-evidence")
    assert control.input_value() == "weighted"
    assert web.page.locator("#analysis-evidence option").all_inner_texts() == [
        "plans' targets first (descriptive statements weigh 0.2)", "plans' targets only", "every statement equally"]
    before = heat_map(web)
    listed, descriptive = listed_once(server)
    assert len(listed) >= 10, listed
    assert not set(before["places"][:10]) & listed, before["places"][:10]  # the top rows: planning places
    assert identical_cells(before) == 0
    web.page.wait_for_selector("#alignment table.alignment tbody tr")
    web.shot("analysis_evidence_weighted", full_page=True)

    control.select_option("all")
    web.page.wait_for_function("() => location.hash === '#/analysis?evidence=all'")
    web.page.wait_for_function(f"() => {{ const h = ({HEAT})(); return h && h.cells.some(c => c[0] !== c[1] && c[2] === 1); }}")
    after = heat_map(web)
    assert web.page.locator("#analysis-evidence").input_value() == "all"
    # the old behaviour: places listed for the same industry drawn identical (1), by default 0.2 · 0.2 alike
    old, new = cells(after), cells(before)
    pairs = [(a, b) for a in listed for b in listed if a != b and (a, b) in old]
    assert pairs and all(old[p] in (0, 1) for p in pairs)
    assert all(new.get(p, 0) == (pytest.approx(descriptive ** 2, abs=1e-3) if old[p] == 1 else 0) for p in pairs)
    assert identical_cells(after) >= 10 * 9
    web.page.wait_for_selector("#alignment table.alignment tbody tr")
    web.shot("analysis_evidence_all", full_page=True)

    web.page.locator("#analysis-evidence").select_option("plans")
    web.page.wait_for_function("() => location.hash === '#/analysis?evidence=plans'")
    web.page.wait_for_function(f"() => {{ const h = ({HEAT})(); return h && !h.places.includes({sorted(listed)[0]!r}); }}")
    assert not set(heat_map(web)["places"]) & listed  # descriptions left out: the listed places are gone


def test_the_control_speaks_chinese(web):
    web.open("#/analysis?evidence=plans")
    web.page.click("#lang")
    web.page.wait_for_function("() => document.documentElement.lang === 'zh-CN'")
    web.page.reload()
    web.page.wait_for_function("() => window.policykg && window.policykg.ready")
    assert web.page.locator("#analysis-evidence").input_value() == "plans"
    assert web.page.locator(".evidence-choice label").inner_text() == "计数依据"
    assert "仅规划目标" in web.page.locator("#analysis-evidence option").all_inner_texts()
    heat_map(web)
    web.page.locator(".evidence-choice").screenshot(path=str(SHOTS / "web_analysis_evidence_zh.png"))
