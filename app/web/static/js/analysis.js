// Analysis views (#/analysis), drawn from the /analysis endpoints:
// - the industry co-targeting network (GET /analysis/cotargeting: industry_pairs {a, a_name, b, b_name,
//   shared, jaccard}) coloured by Louvain community (GET /analysis/communities?of=industries:
//   communities [{index, name, size, members [{id, name}]}], modularity);
// - the place similarity heat map (city_pairs {a, b, jaccard, shared, cosine} of /analysis/cotargeting,
//   places ordered by GET /analysis/communities?of=cities);
// - the alignment table (GET /analysis/alignment: rows [{city, name, level, has_own_documents, counts
//   {shared, only_provincial, only_city}, jaccard, shared/only_provincial/only_city [{id, name}], related}]).
// Every view is drawn for one `evidence` choice (how a place's ties to industries count: weighted, the
// default, weighs plans' targets 1.0 and descriptive statements 0.2; plans leaves descriptions out; all
// counts every statement 1.0), chosen above the views and kept in the route: #/analysis?evidence=all.

import { FONT } from "./graph.js";
import { t, term } from "./i18n.js";
import { clear, el, entityHref, entityLink, getJSON, number, onLeave, tooltipLines } from "./util.js";

const NETWORK_NODES = 50; // the most targeted industries drawn (the full projection is nearly complete)
const NETWORK_PAIRS = 250; // and the strongest pairs among them
const PAIR_LIMIT = 1000; // the API's largest page: every place pair on the bundled corpus
const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf",
  "#bcbd22", "#7f7f7f", "#aec7e8", "#ffbb78"];

const EVIDENCE = ["weighted", "plans", "all"]; // the API's choices; the first is its default

// The choice in the route (#/analysis?evidence=…), else the default.
function chosenEvidence() {
  const query = location.hash.split("?")[1] || "";
  const value = new URLSearchParams(query).get("evidence");
  return EVIDENCE.includes(value) ? value : EVIDENCE[0];
}

// A select of the choices; changing it changes the route, which draws every view again.
function evidenceControl(evidence) {
  const select = el("select", { id: "analysis-evidence", name: "evidence" },
    EVIDENCE.map((value) => el("option", { value, selected: value === evidence }, t(`analysis.evidence.${value}`))));
  select.addEventListener("change", () => {
    location.hash = `#/analysis?evidence=${encodeURIComponent(select.value)}`;
  });
  return el("div", { class: "graph-tools evidence-choice" },
    el("label", { for: "analysis-evidence" }, t("analysis.evidence")), select,
    el("span", { class: "muted" }, t("analysis.evidence.hint")));
}

export function renderAnalysis(view) {
  const evidence = chosenEvidence();
  const network = el("section", { class: "panel analysis-panel", id: "cotargeting" });
  const heatmap = el("section", { class: "panel analysis-panel", id: "heatmap" });
  const alignment = el("section", { class: "panel analysis-panel", id: "alignment" });
  clear(view).append(el("h1", {}, t("analysis.title")), evidenceControl(evidence),
    el("div", { class: "analysis-grid" }, network, heatmap), alignment);
  for (const [root, titleKey] of [[network, "analysis.cotargeting"], [heatmap, "analysis.heatmap"],
    [alignment, "analysis.alignment"]]) {
    root.append(el("header", { class: "panel-head" }, el("h2", {}, t(titleKey))),
      el("p", { class: "muted loading" }, t("analysis.loading")));
  }
  const failed = (root) => (error) => {
    const loading = root.querySelector(".loading");
    if (loading) loading.remove();
    root.append(el("p", { class: "error" }, t("analysis.error", { error: error.message })));
  };
  const cot = getJSON(`/analysis/cotargeting?limit=${PAIR_LIMIT}&evidence=${evidence}`);
  Promise.all([cot, getJSON(`/analysis/communities?of=industries&evidence=${evidence}`)])
    .then(([c, comms]) => drawNetwork(network, c, comms)).catch(failed(network));
  Promise.all([cot, getJSON(`/analysis/communities?of=cities&evidence=${evidence}`)])
    .then(([c, comms]) => drawHeatmap(heatmap, c, comms)).catch(failed(heatmap));
  getJSON(`/analysis/alignment?evidence=${evidence}`).then((a) => drawAlignment(alignment, a)).catch(failed(alignment));
}

function done(root) {
  const loading = root.querySelector(".loading");
  if (loading) loading.remove();
}

function membership(comms) {
  const of = new Map();
  for (const community of comms.communities || []) {
    for (const member of community.members || []) of.set(member.id, community.index);
  }
  return of;
}

function drawNetwork(root, cot, comms) {
  done(root);
  // The most targeted industries, and the central members of every community so each one shows; the
  // strongest pairs among them.
  const community = membership(comms);
  // Node size: the industry's places, each weighed by what it states (`ties`; a place counts 1 under `all`).
  const cities = new Map((cot.most_targeted || []).map((i) => [i.id, i.ties]));
  const wanted = new Set((cot.most_targeted || []).slice(0, NETWORK_NODES).map((i) => i.id));
  for (const c of comms.communities || []) for (const m of c.central || []) wanted.add(m.id);
  const pairs = (cot.industry_pairs || []).filter((p) => wanted.has(p.a) && wanted.has(p.b)).slice(0, NETWORK_PAIRS);
  const nodes = new Map();
  for (const p of pairs) {
    nodes.set(p.a, p.a_name);
    nodes.set(p.b, p.b_name);
  }
  const maxShared = Math.max(1, ...pairs.map((p) => p.shared));
  const colour = (id) => (community.has(id) ? PALETTE[community.get(id) % PALETTE.length] : "#999");
  const size = (n) => 10 + 2.5 * (cities.get(n.id()) || 1);
  const canvas = el("div", { class: "cy analysis-cy" });
  const shown = new Set([...nodes.keys()].map((id) => community.get(id)));
  root.append(
    el("p", { class: "muted" }, t("analysis.cotargeting.hint", { n: pairs.length })),
    el("p", { class: "summary" }, t("analysis.summary", {
      cities: cot.cities, industries: cot.industries, pairs: cot.industry_pairs_total,
      modularity: number(comms.modularity, 3),
    })),
    canvas,
    el("ul", { class: "legend communities" }, (comms.communities || []).filter((c) => shown.has(c.index)).map((c) =>
      el("li", {}, el("span", { class: "swatch", style: { background: colour((c.members[0] || {}).id) } }),
        `${t("analysis.community")} ${c.index}: ${c.name} (${c.size})`))));
  const cy = cytoscape({
    container: canvas,
    elements: [
      ...[...nodes].map(([id, name]) => ({ data: { id, name, community: community.get(id) ?? -1 } })),
      ...pairs.map((p) => ({ data: { id: `${p.a}|${p.b}`, source: p.a, target: p.b, shared: p.shared, jaccard: p.jaccard } })),
    ],
    style: [
      {
        selector: "node",
        style: {
          "background-color": (n) => colour(n.id()), label: "data(name)", "font-family": FONT, "font-size": 10,
          "text-outline-color": "#fff", "text-outline-width": 2, width: (n) => size(n), height: (n) => size(n),
        },
      },
      {
        selector: "edge",
        style: { width: (e) => 0.5 + (4 * e.data("shared")) / maxShared, "line-color": "#c5ccd6", opacity: 0.7 },
      },
    ],
    layout: { name: "cose", animate: false, randomize: true, nodeRepulsion: () => 20000, idealEdgeLength: () => 90, padding: 20 },
  });
  cy.on("tap", "node", (event) => {
    location.hash = entityHref(event.target.id());
  });
  window.policykg.analysisGraph = cy;
  onLeave(() => cy.destroy());
}

function drawHeatmap(root, cot, comms) {
  done(root);
  const pairs = cot.city_pairs || [];
  const names = new Map();
  const value = new Map();
  for (const p of pairs) {
    names.set(p.a, p.a_name);
    names.set(p.b, p.b_name);
    value.set(`${p.a}|${p.b}`, p);
    value.set(`${p.b}|${p.a}`, p);
  }
  // Places by community, so similar places form blocks along the diagonal: the community whose members
  // have the most (weighted) ties first, and in one the places with the most ties first, then by name.
  const community = membership(comms);
  const weight = new Map((comms.communities || []).map((c) => [c.index, c.ties || 0]));
  const ties = new Map((comms.communities || []).flatMap((c) => (c.members || []).map((m) => [m.id, m.ties || 0])));
  const rank = (id) => (community.has(id) ? weight.get(community.get(id)) : -1);
  const order = [...names.keys()].sort((a, b) => rank(b) - rank(a)
    || (community.get(a) ?? 99) - (community.get(b) ?? 99) || (ties.get(b) || 0) - (ties.get(a) || 0)
    || names.get(a).localeCompare(names.get(b), "zh"));
  const labels = order.map((id) => names.get(id));
  const data = [];
  order.forEach((a, i) => order.forEach((b, j) => {
    const pair = value.get(`${a}|${b}`);
    data.push([j, i, a === b ? 1 : pair ? Number(pair.jaccard.toFixed(3)) : 0]);
  }));
  const canvas = el("div", { class: "heatmap" });
  root.append(el("p", { class: "muted" }, t("analysis.heatmap.hint")), canvas);
  const chart = echarts.init(canvas);
  chart.setOption({
    textStyle: { fontFamily: FONT },
    tooltip: {
      // A DOM node, not a string: ECharts inserts a string formatter's result as HTML.
      formatter: (p) => {
        const [j, i, v] = p.data;
        const pair = value.get(`${order[i]}|${order[j]}`);
        return tooltipLines(`${labels[i]} × ${labels[j]}`,
          `Jaccard ${v}${pair ? ` · ${number(pair.shared)} (${pair.industries})` : ""}`);
      },
    },
    grid: { left: 90, right: 20, top: 10, bottom: 110 },
    xAxis: { type: "category", data: labels, axisLabel: { rotate: 60, fontSize: 10, fontFamily: FONT }, splitArea: { show: true } },
    yAxis: { type: "category", data: labels, inverse: true, axisLabel: { fontSize: 10, fontFamily: FONT }, splitArea: { show: true } },
    visualMap: { min: 0, max: 1, calculable: true, orient: "horizontal", left: "center", bottom: 0, itemHeight: 120,
      inRange: { color: ["#f7fbff", "#6baed6", "#08306b"] } },
    series: [{ type: "heatmap", data, emphasis: { itemStyle: { borderColor: "#333", borderWidth: 1 } } }],
  });
  chart.on("click", (p) => {
    location.hash = entityHref(order[p.data[1]]);
  });
  const resize = () => chart.resize();
  window.addEventListener("resize", resize);
  onLeave(() => {
    window.removeEventListener("resize", resize);
    chart.dispose();
  });
}

function drawAlignment(root, alignment) {
  done(root);
  const rows = [...(alignment.rows || [])].sort((a, b) =>
    (b.jaccard ?? -1) - (a.jaccard ?? -1) || (b.counts.shared - a.counts.shared));
  const names = (list) => (list || []).map((x, k) => [k ? "、" : "", entityLink(x.id, x.name)]);
  root.append(
    el("p", { class: "muted" }, t("analysis.alignment.hint")),
    el("div", { class: "table-wrap" }, el("table", { class: "alignment" },
      el("thead", {}, el("tr", {}, ["analysis.place", "analysis.own", "analysis.shared", "analysis.only_provincial",
        "analysis.only_city", "analysis.jaccard"].map((key, k) => el("th", { scope: "col", class: k > 1 ? "num" : null }, t(key))))),
      el("tbody", {}, rows.map((row) => [
        el("tr", { "data-id": row.city },
          el("th", { scope: "row" }, entityLink(row.city, row.name), el("span", { class: "muted" }, ` ${term(row.level) || ""}`)),
          el("td", {}, row.has_own_documents ? t("analysis.yes") : t("analysis.no")),
          el("td", { class: "num" }, number(row.counts.shared)),
          el("td", { class: "num" }, number(row.counts.only_provincial)),
          el("td", { class: "num" }, number(row.counts.only_city)),
          el("td", { class: "num" }, row.jaccard === null ? "–" : number(row.jaccard))),
        el("tr", { class: "detail" }, el("td", { colspan: 6 }, el("details", {},
          el("summary", {}, `${row.name}: ${t("analysis.shared")} / ${t("analysis.only_provincial")} / ${t("analysis.only_city")}`),
          el("p", {}, el("strong", {}, t("analysis.shared"), ": "), names(row.shared)),
          el("p", {}, el("strong", {}, t("analysis.only_provincial"), ": "), names(row.only_provincial)),
          el("p", {}, el("strong", {}, t("analysis.only_city"), ": "), names(row.only_city)),
          row.related && row.related.length ? el("p", {}, el("strong", {}, t("analysis.related"), ": "),
            row.related.map((r) => `${r.provincial} ↔ ${r.city}`).join("；")) : null))),
      ])))));
}
