// The interactive graph (Cytoscape.js) of an answer's or an entity's subgraph: /export?format=json around
// each centre at depth 1, parallel relationships (one per document) drawn as one edge carrying every
// sentence. Click a node to add its neighbours; the export buttons download the subgraph around the
// current centre. Document nodes (which name everything) are hidden unless asked for.

import { evidenceList } from "./evidence.js";
import { t } from "./i18n.js";
import { clear, el, enc, entityHref, getJSON } from "./util.js";

export const COLOURS = {
  City: "#1f77b4", Industry: "#ff7f0e", Park: "#2ca02c", Firm: "#d62728", Org: "#9467bd",
  Agency: "#8c564b", Task: "#e377c2", Target: "#7f7f7f", Document: "#bcbd22",
};
export const FONT = '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';
const FORMATS = [["graphml", "GraphML"], ["gexf", "GEXF"], ["json", "JSON"], ["csv", "CSV"]];
const MAX_LABEL = 10;

function shortName(name) {
  const text = String(name || "");
  return text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text;
}

export function exportHref(format, center) {
  return `/export?format=${format}&center=${enc(center)}&depth=1`;
}

// Download links for the subgraph around `center` (depth 1) in each export format.
export function exportLinks(center, name) {
  return el("div", { class: "export" },
    el("span", { class: "export-title" }, t("export.title"), ": "),
    FORMATS.map(([format, label]) => el("a", {
      class: "button small", href: exportHref(format, center), download: "", "data-format": format,
    }, label)),
    el("span", { class: "muted export-center" }, t("export.center", { name: name || center })));
}

export class GraphView {
  // `root` is an empty element; the view builds its toolbar, canvas, legend, details and export links.
  constructor(root) {
    this.root = root;
    this.centers = [];
    this.center = null;
    this.expanded = new Set();
    this.showDocuments = false;
    this.names = new Map();
    this.build();
  }

  build() {
    this.status = el("span", { class: "muted graph-status" });
    this.docToggle = el("input", { type: "checkbox", class: "doc-toggle" });
    this.docToggle.addEventListener("change", () => {
      this.showDocuments = this.docToggle.checked;
      this.applyVisibility();
      this.layout();
    });
    this.canvas = el("div", { class: "cy", role: "img", "aria-label": t("graph.title") });
    this.legend = el("ul", { class: "legend" });
    this.details = el("div", { class: "graph-details muted" }, t("graph.select"));
    this.exportBox = el("div", { class: "export-box" });
    clear(this.root).append(
      el("header", { class: "panel-head" },
        el("h3", {}, t("graph.title")),
        el("span", { class: "muted hint" }, t("graph.hint"))),
      el("div", { class: "graph-tools" },
        el("label", {}, this.docToggle, " ", t("graph.documents")),
        el("button", { type: "button", class: "small", onclick: () => this.cy && this.cy.fit(undefined, 20) },
          t("graph.fit")),
        this.status),
      this.canvas, this.legend, this.details, this.exportBox);
    this.cy = cytoscape({
      container: this.canvas,
      elements: [],
      minZoom: 0.1,
      maxZoom: 4,
      style: [
        {
          selector: "node",
          style: {
            "background-color": (n) => COLOURS[n.data("label")] || "#999",
            label: (n) => shortName(n.data("name")),
            "font-family": FONT,
            "font-size": 10,
            color: "#222",
            "text-valign": "bottom",
            "text-margin-y": 3,
            "text-outline-color": "#fff",
            "text-outline-width": 2,
            width: 18,
            height: 18,
          },
        },
        { selector: "node.center", style: { width: 30, height: 30, "border-width": 3, "border-color": "#111" } },
        { selector: "node.expanded", style: { "border-width": 2, "border-color": "#555" } },
        { selector: "node:selected", style: { "border-width": 4, "border-color": "#0a58ca" } },
        { selector: "node.hidden, edge.hidden", style: { display: "none" } },
        {
          selector: "edge",
          style: {
            width: (e) => Math.min(1 + e.data("count"), 5),
            "line-color": "#b8c0cc",
            "target-arrow-color": "#b8c0cc",
            "target-arrow-shape": "triangle",
            "arrow-scale": 0.7,
            "curve-style": "bezier",
            "font-family": FONT,
            "font-size": 8,
          },
        },
        {
          selector: "edge:selected",
          style: { "line-color": "#0a58ca", "target-arrow-color": "#0a58ca", label: "data(type)" },
        },
      ],
    });
    this.cy.on("tap", "node", (event) => this.onNode(event.target));
    this.cy.on("tap", "edge", (event) => this.onEdge(event.target));
  }

  async load(centers) {
    this.centers = [...new Set(centers.filter(Boolean))];
    this.center = this.centers[0] || null;
    this.cy.elements().remove();
    this.expanded.clear();
    await Promise.all(this.centers.map((c) => this.addNeighbourhood(c)));
    for (const c of this.centers) {
      this.cy.$id(c).addClass("center");
      this.expanded.add(c);
    }
    this.applyVisibility();
    this.layout(true);
    this.renderExport();
  }

  // Start from given nodes and relationships (a path answer) instead of neighbourhoods; clicks expand as usual.
  seed(nodes, relationships, centers) {
    this.centers = [...new Set(centers.filter(Boolean))];
    this.center = this.centers[0] || null;
    this.cy.elements().remove();
    this.expanded.clear();
    for (const node of nodes) {
      this.names.set(node.id, node.name);
      if (this.cy.$id(node.id).empty()) {
        this.cy.add({ group: "nodes", data: { id: node.id, name: node.name || node.id, label: node.label } });
      }
    }
    for (const rel of relationships) {
      const key = `${rel.source}|${rel.type}|${rel.target}`;
      if (this.cy.$id(key).nonempty() || this.cy.$id(rel.source).empty() || this.cy.$id(rel.target).empty()) continue;
      const evidence = rel.evidence || [];
      this.cy.add({ group: "edges", data: { id: key, source: rel.source, target: rel.target, type: rel.type, evidence,
        count: evidence.length } });
    }
    for (const c of this.centers) this.cy.$id(c).addClass("center");
    this.applyVisibility();
    this.layout(true);
    this.renderExport();
  }

  async addNeighbourhood(id) {
    const data = await getJSON(exportHref("json", id));
    const added = [];
    for (const node of data.nodes || []) {
      this.names.set(node.id, node.name);
      if (this.cy.$id(node.id).nonempty()) continue;
      added.push({ group: "nodes", data: { id: node.id, name: node.name || node.id, label: node.label } });
    }
    const addedNodes = this.cy.add(added);
    const edges = new Map();
    for (const edge of data.edges || []) {
      const key = `${edge.source}|${edge.type}|${edge.target}`;
      const props = edge.properties || {};
      if (!edges.has(key)) edges.set(key, { source: edge.source, target: edge.target, type: edge.type, evidence: [] });
      if (props.evidence) {
        edges.get(key).evidence.push({
          doc_id: props.doc, sentence: props.evidence, start: props.start, end: props.end,
          doc_title: this.names.get(props.doc),
        });
      }
    }
    const newEdges = [];
    for (const [key, edge] of edges) {
      if (this.cy.$id(key).nonempty()) continue;
      if (this.cy.$id(edge.source).empty() || this.cy.$id(edge.target).empty()) continue;
      newEdges.push({ group: "edges", data: { id: key, ...edge, count: edge.evidence.length } });
    }
    this.cy.add(newEdges);
    return addedNodes;
  }

  applyVisibility() {
    this.cy.batch(() => {
      this.cy.nodes().forEach((n) => {
        const hide = !this.showDocuments && n.data("label") === "Document" && !n.hasClass("center");
        n.toggleClass("hidden", hide);
      });
      this.cy.edges().forEach((e) => {
        e.toggleClass("hidden", e.source().hasClass("hidden") || e.target().hasClass("hidden"));
      });
    });
    this.renderLegend();
  }

  visibleNodes() {
    return this.cy.nodes().not(".hidden");
  }

  layout(randomize = false) {
    const visible = this.cy.elements().not(".hidden");
    const layout = visible.layout({
      name: "cose", animate: false, randomize, nodeRepulsion: () => 9000, idealEdgeLength: () => 70,
      componentSpacing: 60, padding: 20, fit: true,
    });
    layout.run();
    if (this.cy.zoom() > 1.6) { // a handful of nodes: do not blow them up to fill the canvas
      this.cy.zoom(1.6);
      this.cy.center(visible);
    }
    this.status.textContent = t("graph.nodes", { n: this.visibleNodes().length, e: visible.edges().length });
  }

  renderLegend() {
    const present = new Set(this.visibleNodes().map((n) => n.data("label")));
    clear(this.legend).append(...Object.keys(COLOURS).filter((l) => present.has(l)).map((label) =>
      el("li", {}, el("span", { class: "swatch", style: { background: COLOURS[label] } }), t(`label.${label}`))));
  }

  renderExport() {
    clear(this.exportBox);
    if (this.center) this.exportBox.append(exportLinks(this.center, this.names.get(this.center)));
  }

  async onNode(node) {
    const id = node.id();
    this.center = id;
    this.renderExport();
    this.showNode(node);
    if (this.expanded.has(id)) return;
    this.expanded.add(id);
    this.status.textContent = t("graph.expanding");
    try {
      const position = node.position();
      const before = this.visibleNodes().length;
      const added = await this.addNeighbourhood(id);
      added.forEach((n, k) => {
        const angle = (2 * Math.PI * k) / Math.max(added.length, 1);
        n.position({ x: position.x + 60 * Math.cos(angle), y: position.y + 60 * Math.sin(angle) });
      });
      node.addClass("expanded");
      this.applyVisibility();
      this.layout();
      const grown = this.visibleNodes().length - before;
      this.status.textContent += ` · ${t("graph.expanded", { name: node.data("name"), n: grown })}`;
    } catch (error) {
      this.expanded.delete(id);
      this.status.textContent = t("error", { error: error.message });
    }
  }

  showNode(node) {
    const data = node.data();
    clear(this.details).classList.remove("muted");
    this.details.append(
      el("p", {},
        el("span", { class: "swatch", style: { background: COLOURS[data.label] || "#999" } }),
        el("strong", {}, data.name), " · ", t(`label.${data.label}`), " · ",
        el("a", { href: entityHref(data.id) }, t("graph.open"))));
  }

  onEdge(edge) {
    const data = edge.data();
    const names = [this.names.get(data.source) || data.source, this.names.get(data.target) || data.target];
    clear(this.details).classList.remove("muted");
    this.details.append(
      el("p", {}, el("a", { href: entityHref(data.source) }, names[0]), ` —${data.type}→ `,
        el("a", { href: entityHref(data.target) }, names[1])),
      evidenceList(data.evidence, names, 1));
  }

  destroy() {
    if (this.cy) this.cy.destroy();
    this.cy = null;
  }
}
