"""The map is readable, in Debian's headless Chromium (the fixtures of tests/test_web.py) on the bundled corpus
(issue 14): the labels ECharts draws do not overlap each other or another place's dot (their rectangles read from
the chart's own label elements), also after zooming in, no two dots share a position, and a province is not drawn as a dot on its capital: its region is shaded and it is
named under the map with the macro areas (关中, 陕南), which no region of the map outlines.

Screenshots: artifacts/screenshots/web_map_<width>.png.
"""

from __future__ import annotations

from urllib.parse import quote

import httpx
import pytest
import test_web
from test_web import SHOTS

client_built = test_web.client_built
desktop = test_web.desktop
phone = test_web.phone

# Every label drawn (not hidden by the layout), its rectangle on the canvas; every dot's position in pixels.
DRAWN = """() => {
  const chart = echarts.getInstanceByDom(document.querySelector('.map-panel .map'));
  const labels = [], dots = [];
  chart.getModel().eachSeries((series) => {
    const data = series.getData();
    data.each((i) => {
      const name = data.getName(i);
      dots.push({name, at: chart.convertToPixel('geo', data.getValues(['lng', 'lat'], i) || series.option.data[i].value)});
      const symbol = data.getItemGraphicEl(i);
      const label = symbol && (symbol.getTextContent() || (symbol.childAt && symbol.childAt(0) && symbol.childAt(0).getTextContent()));
      if (!label || label.ignore || label.invisible || !label.style.text) return;
      const r = label.getBoundingRect().clone();
      r.applyTransform(label.getComputedTransform());
      labels.push({name, x: r.x, y: r.y, w: r.width, h: r.height});
    });
  });
  const o = chart.getOption();
  return {labels, dots, regions: (o.geo[0].regions || []).filter(r => r.itemStyle && r.itemStyle.areaColor).map(r => r.name)};
}"""

# Zoom the map by a factor about a point in pixels, as the mouse wheel does (ECharts' geoRoam action).
ROAM = """([zoom, x, y]) => echarts.getInstanceByDom(document.querySelector('.map-panel .map'))
  .dispatchAction({type: 'geoRoam', componentType: 'geo', geoIndex: 0, zoom, originX: x, originY: y})"""


def overlapping(labels: list[dict]) -> list[tuple[str, str]]:
    pairs = []
    for k, a in enumerate(labels):
        for b in labels[k + 1:]:
            if a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]:
                pairs.append((a["name"], b["name"]))
    return pairs


def covering(labels: list[dict], dots: list[dict], radius: float = 5.0) -> list[tuple[str, str]]:
    """(label, dot) pairs where a label's rectangle covers another place's dot (a square of `radius` around its
    centre: the smallest symbol's)."""
    pairs = []
    for label in labels:
        for dot in dots:
            x, y = dot["at"]
            if dot["name"] != label["name"] and label["x"] < x + radius and x - radius < label["x"] + label["w"] \
                    and label["y"] < y + radius and y - radius < label["y"] + label["h"]:
                pairs.append((label["name"], dot["name"]))
    return pairs


def widest_industry(server: str) -> dict:
    """An industry whose places include a province and a macro area, read from the API (the most places)."""
    industry = httpx.get(f"{server}/industries/{quote('industry:新材料')}", timeout=30).json()
    levels = {c["level"] for c in industry["cities"]}
    assert {"province", "area", "city"} <= levels, levels
    return industry


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_map_labels_do_not_overlap_and_a_province_is_not_a_dot(request, server, width):
    client = request.getfixturevalue(width)
    industry = widest_industry(server)
    client.open("#/industry/" + quote(industry["name"]))
    client.page.wait_for_selector(".map-panel .map canvas")
    client.page.wait_for_function("() => echarts.getInstanceByDom(document.querySelector('.map-panel .map'))")
    client.page.wait_for_timeout(500)  # the label layout runs after the first frame
    drawn = client.page.evaluate(DRAWN)
    names = {d["name"] for d in drawn["dots"]}
    wide = {c["name"] for c in industry["cities"] if c["level"] in ("province", "area")}
    points = {c["name"] for c in industry["cities"] if c["level"] not in ("province", "area") and c.get("longitude")}
    assert names == points, (names ^ points)
    assert not names & wide
    provinces = [c["name"] for c in industry["cities"] if c["level"] == "province"]
    assert {p.removesuffix("省") for p in provinces} <= set(drawn["regions"])
    listed = client.page.locator(".map-panel .map-wide a.entity").all_inner_texts()
    assert set(listed) == wide
    # no two dots at one position, no two labels over each other, and labels are drawn
    at = [tuple(round(v, 1) for v in d["at"]) for d in drawn["dots"]]
    assert len(set(at)) == len(at), sorted(at)
    assert len(drawn["labels"]) >= 5, drawn["labels"]
    assert not overlapping(drawn["labels"]), overlapping(drawn["labels"])
    assert not covering(drawn["labels"], drawn["dots"]), covering(drawn["labels"], drawn["dots"])
    # Zoomed in on the densest cluster, the labels are placed again: more of its places are
    # named, and still no label covers another label or dot.
    def near(d: dict, e: dict) -> bool:
        return abs(d["at"][0] - e["at"][0]) + abs(d["at"][1] - e["at"][1]) < 40

    densest = max(drawn["dots"], key=lambda d: sum(near(d, e) for e in drawn["dots"]))
    cluster = {e["name"] for e in drawn["dots"] if near(densest, e)}
    client.page.evaluate(ROAM, [3, *densest["at"]])
    client.page.wait_for_timeout(500)
    zoomed = client.page.evaluate(DRAWN)
    named = {label["name"] for label in drawn["labels"]} & cluster
    named_zoomed = {label["name"] for label in zoomed["labels"]} & cluster
    assert len(named_zoomed) > len(named), (named_zoomed, named, cluster)
    assert not overlapping(zoomed["labels"]), overlapping(zoomed["labels"])
    assert not covering(zoomed["labels"], zoomed["dots"]), covering(zoomed["labels"], zoomed["dots"])
    client.page.evaluate(ROAM, [1 / 3, *densest["at"]])
    client.page.mouse.move(0, 0)  # no tooltip in the screenshot
    client.page.wait_for_timeout(300)
    client.page.locator(".map-panel").scroll_into_view_if_needed()
    client.page.locator(".map-panel").screenshot(path=str(SHOTS / f"web_map_{width}.png"))


def test_a_province_page_shades_its_region_instead_of_a_dot(desktop):
    desktop.open("#/city/610000")
    desktop.page.wait_for_selector(".map-panel .map canvas")
    drawn = desktop.page.evaluate(DRAWN)
    assert drawn["dots"] == [] and drawn["regions"] == ["陕西"]
    assert desktop.page.locator(".map-panel .map-wide a.entity").all_inner_texts() == ["陕西省"]
