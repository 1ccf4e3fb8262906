// The interactive graph (Cytoscape.js) of an answer's or an entity's subgraph: /export?format=json around
// each centre at depth 1, parallel relationships (one per document) drawn as one edge carrying every
// sentence. Click a node to add its neighbours; the export buttons download exactly what is drawn (POST
// /export with the drawn node ids). Document nodes (which name everything) are hidden unless asked for, and
// around each centre only the neighbours with most ties are drawn, MAX_PER_KIND of each kind, unless the
// reader asks for all. Layout and labels: graph-layout.js.

import { evidenceList } from "./evidence.js";
import { followZoom, layoutOptions, placeLabels, sizeLabels } from "./graph-layout.js";
import { count, relation, t } from "./i18n.js";
import { clear, el, enc, entityHref, getJSON, HttpError } from "./util.js";

export const COLOURS = {
  City: "#1f77b4", Industry: "#ff7f0e", Park: "#2ca02c", Firm: "#d62728", Org: "#9467bd",
  Agency: "#8c564b", Task: "#e377c2", Target: "#7f7f7f", Document: "#bcbd22",
};
export const FONT = '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';
const FORMATS = [["graphml", "GraphML"], ["gexf", "GEXF"], ["json", "JSON"], ["csv", "CSV"]];
const MAX_LABEL = 12;
const CENTER_ROOM = 40; // padding a centre gets while the layout runs
const MAX_PER_KIND = 10; // neighbours of one kind (industries, targets, …) drawn around a centre

function shortName(name) {
  const text = String(name || "");
  return text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text;
}

export function exportHref(format, center) {
  return `/export?format=${format}&center=${enc(center)}&depth=1`;
}

// Download links for the subgraph around `center` (depth 1) in each export format (a page that draws no graph).
export function exportLinks(center, name) {
  return el("div", { class: "export" },
    el("span", { class: "export-title" }, t("export.title"), ": "),
    FORMATS.map(([format, label]) => el("a", {
      class: "button small", href: exportHref(format, center), download: "", "data-format": format,
    }, label)),
    el("span", { class: "muted export-center" }, t("export.center", { name: name || center })));
}

// Download `blob` as a file named `name`.
function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = el("a", { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// The file name the server gives in Content-Disposition, else policykg-nodes.<format>.
function fileName(response, format) {
  const header = response.headers.get("Content-Disposition") || "";
  const utf8 = header.match(/filename\*=UTF-8''([^;]+)/i);
  if (utf8) return decodeURIComponent(utf8[1]);
  const plain = header.match(/filename="([^"]+)"/i);
  return plain ? plain[1] : `policykg-nodes.${format}`;
}

// The subgraph induced by `ids` in `format`, from POST /export, saved as a file.
export async function exportNodes(ids, format) {
  const response = await fetch("/export", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ format, nodes: ids }),
  }).catch((error) => {
    throw Object.assign(new Error(t("http.network")), { cause: error });
  });
  if (!response.ok) throw new HttpError(response.status, await response.json().catch(() => null));
  save(await response.blob(), fileName(response, format));
}

export class GraphView {
  // `root` is an empty element; the view builds its toolbar, canvas, legend, details and export links.
  constructor(root) {
    this.root = root;
    this.centers = [];
    this.center = null;
    this.expanded = new Set();
    this.showDocuments = false;
    this.showAll = false;
    this.names = new Map();
    this.build();
  }

  build() {
    this.status = el("span", { class: "muted graph-status" });
    this.allToggle = el("button", { type: "button", class: "small all-toggle", hidden: true, onclick: () => {
      this.showAll = !this.showAll;
      this.applyVisibility();
      this.layout();
    } });
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
      el("div", { class: "graph-cap" }, this.allToggle),
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
            "font-size": 11,
            color: "#222",
            "text-valign": "bottom",
            "text-margin-y": 3,
            "text-wrap": "wrap",
            "text-overflow-wrap": "anywhere",
            "text-max-width": 84,
            "text-outline-color": "#fff",
            "text-outline-width": 2,
            width: 18,
            height: 18,
          },
        },
        { selector: "node.quiet", style: { label: "" } },
        {
          selector: "node.hover, node:selected",
          style: { label: (n) => n.data("name"), "z-index": 20, "text-background-color": "#fff",
            "text-background-opacity": 0.9, "text-background-padding": 2 },
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
          style: { "line-color": "#0a58ca", "target-arrow-color": "#0a58ca", label: (e) => relation(e.data("type")),
            "font-size": 11, "text-outline-color": "#fff", "text-outline-width": 2, "z-index": 20 },
        },
      ],
    });
    this.cy.on("tap", "node", (event) => this.onNode(event.target));
    this.cy.on("tap", "edge", (event) => this.onEdge(event.target));
    this.priority = (a, b) => this.rank(b) - this.rank(a);
    followZoom(this.cy, this.priority);
  }

  // Which label to keep when two collide: centres, then opened nodes, then the node with most ties drawn.
  rank(node) {
    if (node.hasClass("center")) return 1e6;
    if (node.selected()) return 1e5;
    if (node.hasClass("expanded")) return 1e4;
    return node.connectedEdges().filter((e) => e.visible()).length;
  }

  // The ids of the nodes drawn.
  drawnIds() {
    return this.visibleNodes().map((n) => n.id());
  }

  async load(centers) {
    this.centers = [...new Set(centers.filter(Boolean))];
    this.center = this.centers[0] || null;
    this.cy.elements().remove();
    this.expanded.clear();
    await Promise.all(this.centers.map((c) => this.addNeighbourhood(c)));
    if (this.gone()) return; // the reader left while the neighbourhoods were fetched
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
    if (this.gone()) return [];
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

  // Around each centre and opened node, its neighbours of each kind with most evidence, MAX_PER_KIND of them.
  chosenNodes() {
    const chosen = new Set();
    const anchors = this.cy.nodes().filter((n) => n.hasClass("center") || this.expanded.has(n.id()));
    anchors.forEach((anchor) => {
      chosen.add(anchor.id());
      const byKind = new Map();
      anchor.connectedEdges().forEach((edge) => {
        const other = edge.source().same(anchor) ? edge.target() : edge.source();
        const kind = other.data("label");
        if (!byKind.has(kind)) byKind.set(kind, new Map());
        const weights = byKind.get(kind);
        weights.set(other.id(), (weights.get(other.id()) || 0) + 1 + (edge.data("count") || 0));
      });
      for (const weights of byKind.values()) {
        [...weights].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, MAX_PER_KIND)
          .forEach(([id]) => chosen.add(id));
      }
    });
    return chosen;
  }

  applyVisibility() {
    const chosen = this.chosenNodes();
    let capped = 0;
    this.cy.batch(() => {
      this.cy.nodes().forEach((n) => {
        const doc = !this.showDocuments && n.data("label") === "Document" && !n.hasClass("center");
        const left = !doc && !chosen.has(n.id());
        if (left) capped += 1;
        n.toggleClass("hidden", doc || (left && !this.showAll));
      });
      this.cy.edges().forEach((e) => {
        e.toggleClass("hidden", e.source().hasClass("hidden") || e.target().hasClass("hidden"));
      });
    });
    this.capped = capped;
    this.allToggle.hidden = capped === 0;
    this.allToggle.textContent = this.showAll ? t("graph.main") : t("graph.all");
    this.renderLegend();
  }

  visibleNodes() {
    return this.cy.nodes().not(".hidden");
  }

  layout(randomize = false) {
    const visible = this.cy.elements().not(".hidden");
    const centers = visible.nodes(".center");
    centers.style("padding", CENTER_ROOM); // the layout keeps the centre's surroundings free for its label
    visible.layout(layoutOptions(visible, randomize)).run();
    centers.removeStyle("padding");
    if (this.cy.zoom() > 1.6) { // a handful of nodes: do not blow them up to fill the canvas
      this.cy.zoom(1.6);
      this.cy.center(visible);
    }
    sizeLabels(this.cy);
    placeLabels(this.cy, this.priority);
    const drawn = this.visibleNodes().length;
    this.status.textContent = t("graph.count", { nodes: count("graph.nodes", drawn),
      edges: count("graph.edges", visible.edges().length) })
      + (this.capped && !this.showAll ? t("graph.shown", { n: drawn + this.capped }) : "");
    this.renderExport();
  }

  renderLegend() {
    const present = new Set(this.visibleNodes().map((n) => n.data("label")));
    clear(this.legend).append(...Object.keys(COLOURS).filter((l) => present.has(l)).map((label) =>
      el("li", {}, el("span", { class: "swatch", style: { background: COLOURS[label] } }), t(`label.${label}`))));
  }

  // Buttons that download exactly the nodes drawn (and every relationship among them) in each format.
  renderExport() {
    clear(this.exportBox);
    const drawn = this.visibleNodes().length;
    if (!drawn) return;
    const status = el("span", { class: "export-status" });
    const name = this.names.get(this.center) || this.center;
    this.exportBox.append(el("div", { class: "export" },
      el("span", { class: "export-title" }, t("export.title"), ": "),
      FORMATS.map(([format, label]) => el("button", {
        type: "button", class: "small", "data-format": format,
        onclick: () => {
          status.textContent = "";
          exportNodes(this.drawnIds(), format).catch((error) => {
            status.textContent = t("error", { error: error.message });
            status.className = "export-status error";
          });
        },
      }, label)),
      el("span", { class: "muted export-center" }, count("export.drawn", drawn), name ? ` · ${name}` : ""),
      status));
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
      if (this.gone()) return;
      added.forEach((n, k) => {
        const angle = (2 * Math.PI * k) / Math.max(added.length, 1);
        n.position({ x: position.x + 60 * Math.cos(angle), y: position.y + 60 * Math.sin(angle) });
      });
      node.addClass("expanded");
      this.applyVisibility();
      this.layout();
      const grown = this.visibleNodes().length - before;
      this.status.textContent += ` · ${t("graph.expanded", { name: node.data("name"), added: count("graph.added", grown) })}`;
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
      el("p", {}, el("a", { href: entityHref(data.source) }, names[0]), ` —${relation(data.type)}→ `,
        el("a", { href: entityHref(data.target) }, names[1])),
      evidenceList(data.evidence, names, 1));
  }

  gone() {
    return !this.cy || this.cy.destroyed();
  }

  destroy() {
    if (this.cy) this.cy.destroy();
    this.cy = null;
  }
}
