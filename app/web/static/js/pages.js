// Entity pages (#/city/610500, #/industry/增材制造, #/park/…, #/firm/…, #/agency/…, #/document/<file>):
// what the graph says about one entity, every fact with its sentence, its subgraph and export links.

import { evidenceBlock, evidenceList, excerptNode, locate } from "./evidence.js";
import { exportLinks, GraphView } from "./graph.js";
import { count, relation, t, term } from "./i18n.js";
import { hasPlaces, renderMap } from "./map.js";
import { clear, el, enc, entityLink, getJSON, getText, nameForms, number, onLeave } from "./util.js";

const PAGES = { city: cityPage, industry: industryPage, park: parkPage, firm: firmPage, agency: agencyPage,
  document: documentPage };
const STRENGTH_ORDER = { key: 0, cultivate: 1, other: 2 };

export async function renderEntity(view, prefix, key, params) {
  const id = `${prefix}:${key}`;
  clear(view).append(el("p", { class: "muted" }, t("page.loading")));
  const page = PAGES[prefix] || genericPage;
  try {
    const parts = await page(id, params);
    clear(view).append(el("article", { class: `entity-page page-${prefix}`, "data-id": id }, parts.main),
    );
    if (parts.after) parts.after();
  } catch (error) {
    clear(view).append(el("p", { class: "error" },
      error.status === 404 ? t("page.notfound", { id }) : t("error", { error: error.message })));
  }
}

// Page skeleton: title, facts table, sections; a visuals column with map and graph.
function layout({ id, label, title, subtitle, facts = [], sections = [], places = null, graph = true, extra = null }) {
  const mapRoot = el("section", { class: "panel map-panel" });
  const graphRoot = el("section", { class: "panel graph-panel", id: "graph-panel" });
  const main = [
    el("header", { class: "page-head" },
      el("span", { class: `label-tag label-${label}` }, t(`label.${label}`)),
      el("h1", {}, title),
      subtitle ? el("p", { class: "muted" }, subtitle) : null,
      facts.length ? el("dl", { class: "facts" }, facts.filter(([, v]) => v !== null && v !== undefined && v !== "" &&
        !(Array.isArray(v) && !v.length)).map(([k, v]) => [el("dt", {}, t(k)), el("dd", {}, v)])) : null),
    el("div", { class: "answer-grid" },
      el("div", { class: "results" }, sections.filter(Boolean)),
      el("div", { class: "visuals" }, places && hasPlaces(places) ? mapRoot : null, graph ? graphRoot : null, extra)),
  ];
  const after = () => {
    if (places && hasPlaces(places)) renderMap(mapRoot, places);
    if (graph) {
      const view = new GraphView(graphRoot);
      onLeave(() => view.destroy());
      window.policykg.graph = view;
      view.load([id]).catch((error) => graphRoot.append(el("p", { class: "error" }, t("error", { error: error.message }))));
    }
  };
  return { main, after };
}

function section(titleKey, count, ...children) {
  return el("section", { class: "page-section" },
    el("h2", {}, t(titleKey), count === null ? "" : ` (${count})`), children);
}

function listOrNone(items, render) {
  return items.length ? el("ul", { class: "facts-list" }, items.map(render)) : el("p", { class: "muted" }, t("page.none"));
}

function badge(kind, value) {
  return value ? el("span", { class: `badge ${kind}-${value}` }, t(`${kind}.${value}`)) : null;
}

function documentsSection(items, terms) {
  return section("page.documents", items.length, listOrNone(items, (d) => el("li", {},
    entityLink(d.doc_id, d.title || d.file || d.doc_id), " ",
    el("span", { class: "muted" }, [d.published, term(d.level), d.count ? count("page.mentions", d.count) : null]
      .filter(Boolean).join(" · ")),
    typeof d.evidence === "object" && d.evidence ? evidenceBlock({ ...d.evidence, doc_title: d.title }, terms)
      : d.evidence ? evidenceBlock({ doc_id: d.doc_id, doc_title: d.title, sentence: d.evidence, start: d.start,
        end: d.end }, terms) : null)));
}

function aliases(list) {
  return list && list.length ? list.join("、") : null;
}

async function cityPage(id) {
  const [city, industries, parks, targets, documents] = await Promise.all([
    getJSON(`/cities/${enc(id)}`),
    getJSON(`/cities/${enc(id)}/industries?limit=500`),
    getJSON(`/parks?city=${enc(id)}&limit=500`),
    getJSON(`/targets?city=${enc(id)}&limit=500`),
    getJSON(`/entities/${enc(id)}/documents`),
  ]);
  const terms = nameForms(city.name, city.aliases || []);
  const grouped = new Map();
  for (const item of industries.items) {
    const entry = grouped.get(item.id) || { ...item, evidence: [] };
    if (STRENGTH_ORDER[item.strength] < STRENGTH_ORDER[entry.strength]) entry.strength = item.strength;
    entry.evidence.push(item.evidence);
    grouped.set(item.id, entry);
  }
  const rows = [...grouped.values()].sort((a, b) =>
    (STRENGTH_ORDER[a.strength] ?? 2) - (STRENGTH_ORDER[b.strength] ?? 2) || a.name.localeCompare(b.name, "zh"));
  const parkRows = groupBy(parks.items, "park_id");
  return layout({
    id, label: "City", title: city.name,
    facts: [["page.aliases", aliases(city.aliases)], ["page.level", term(city.level)], ["page.adcode", city.adcode],
      ["page.part_of", (city.part_of || []).map((p, k) => [k ? "、" : "", entityLink(p.id, p.name)])]],
    places: [{ ...city, strength: "key" }],
    sections: [
      section("page.industries", rows.length, el("ul", { class: "facts-list industries" }, rows.map((row) =>
        el("li", { class: "industry", "data-id": row.id }, entityLink(row.id, row.name), " ", badge("strength", row.strength),
          row.name_en ? el("span", { class: "muted" }, ` ${row.name_en}`) : null,
          el("details", {}, el("summary", {}, t("evidence")), evidenceList(row.evidence, [...terms, row.name], 3)))))),
      section("page.parks", parkRows.length, listOrNone(parkRows, (rowsOf) => el("li", {},
        entityLink(rowsOf[0].park_id, rowsOf[0].park),
        el("details", {}, el("summary", {}, t("evidence")), evidenceList(rowsOf.flatMap((r) => r.evidence),
          [...terms, rowsOf[0].park]))))),
      targets.items.length ? targetsSection(targets.items, terms) : null,
      documentsSection(documents.items, terms),
    ],
  });
}

function groupBy(items, key) {
  const groups = new Map();
  for (const item of items) {
    if (!groups.has(item[key])) groups.set(item[key], []);
    groups.get(item[key]).push(item);
  }
  return [...groups.values()];
}

function targetsSection(items, terms) {
  return section("page.targets", items.length, el("ul", { class: "facts-list" }, items.map((x) => el("li", {},
    el("strong", {}, x.metric), ` ${x.comparator || ""} ${number(x.value)}${x.unit || ""}`,
    x.year ? el("span", { class: "badge year" }, x.year) : null,
    x.industry_id ? [" · ", entityLink(x.industry_id, x.industry)] : null,
    el("details", {}, el("summary", {}, t("evidence")), evidenceList([x.evidence], [...terms, x.metric]))))));
}

async function industryPage(id) {
  const [industry, firms, documents] = await Promise.all([
    getJSON(`/industries/${enc(id)}`),
    getJSON(`/industries/${enc(id)}/firms?limit=500`),
    getJSON(`/entities/${enc(id)}/documents`),
  ]);
  const terms = nameForms(industry.name, industry.aliases || [], industry.name_en);
  const parks = groupBy(industry.parks || [], "park_id");
  const firmRows = groupBy(firms.items, "id");
  return layout({
    id, label: "Industry", title: industry.name, subtitle: industry.name_en,
    facts: [["page.aliases", aliases(industry.aliases)], ["page.level", term(industry.level)],
      ["page.parents", (industry.parent_ids || []).map((p, k) => [k ? "、" : "", entityLink(p, industry.parents[k])])]],
    places: industry.cities,
    sections: [
      section("page.cities", industry.cities.length, listOrNone(industry.cities, (c) => el("li", { "data-id": c.id },
        entityLink(c.id, c.name), " ", badge("strength", c.strength),
        el("details", {}, el("summary", {}, t("evidence")), evidenceList(c.evidence, [...terms, ...nameForms(c.name)], 3))))),
      section("page.parks", parks.length, listOrNone(parks, (rows) => el("li", {}, entityLink(rows[0].park_id, rows[0].park),
        el("details", {}, el("summary", {}, t("evidence")), evidenceList(rows.flatMap((r) => r.evidence),
          [...terms, rows[0].park]))))),
      section("page.firms", firmRows.length, listOrNone(firmRows, (rows) => el("li", {},
        entityLink(rows[0].id, rows[0].name), " ", badge("role", rows[0].role),
        el("details", {}, el("summary", {}, t("evidence")), evidenceList(rows.map((r) => r.evidence),
          [...terms, ...nameForms(rows[0].name)]))))),
      documentsSection(documents.items, terms),
    ],
  });
}

const PARK_SECTIONS = [
  ["page.located_in", (r) => r.relation === "LOCATED_IN" && r.direction === "out"],
  ["page.hosts", (r) => r.relation === "HOSTS"],
  ["page.part_of_park", (r) => r.relation === "PART_OF" && r.direction === "out"],
  ["page.contains", (r) => r.relation === "PART_OF" && r.direction === "in"],
  ["page.firms_in", (r) => r.relation === "LOCATED_IN" && r.direction === "in"],
];

async function parkPage(id) {
  const park = await getJSON(`/parks/${enc(id)}`);
  const terms = nameForms(park.name, park.aliases || []);
  const used = new Set();
  const sections = PARK_SECTIONS.map(([key, test]) => {
    const rows = park.relations.filter(test);
    rows.forEach((r) => used.add(r));
    return rows.length ? relationSection(key, rows, terms) : null;
  });
  const rest = park.relations.filter((r) => !used.has(r));
  if (rest.length) sections.push(relationSection("page.other_ties", rest, terms, true));
  return layout({
    id, label: "Park", title: park.name,
    facts: [["page.aliases", aliases(park.aliases)], ["page.kind", term(park.kind)], ["page.tier", term(park.tier)]],
    sections: [...sections, documentsSection(park.documents, terms)],
  });
}

function relationSection(key, rows, terms, withType = false) {
  return section(key, rows.length, el("ul", { class: "facts-list" }, rows.map((r) => el("li", { "data-id": r.id },
    withType ? el("span", { class: "relation" }, relationWords(r), " ") : null, entityLink(r.id, r.name), " ",
    el("span", { class: "muted" }, t(`label.${r.label}`)),
    el("details", {}, el("summary", {}, t("evidence")), evidenceList(r.evidence, [...terms, ...nameForms(r.name)], 3))))));
}

// A relationship in words, with the side the entity stands on: "hosts →" from it, "← hosts" towards it.
function relationWords(r) {
  const words = relation(r.relation);
  return r.direction === "in" ? `← ${words}` : `${words} →`;
}

async function firmPage(id) {
  const firm = await getJSON(`/firms/${enc(id)}`);
  const terms = nameForms(firm.name, firm.full_name, firm.short_name, firm.aliases || []);
  return layout({
    id, label: "Firm", title: firm.name,
    facts: [["page.full_name", firm.full_name], ["page.aliases", aliases(firm.aliases)]],
    sections: [
      section("page.relations", firm.relations.length, listOrNone(firm.relations, (r) => el("li", {},
        el("span", { class: "relation" }, relationWords(r)), " ", entityLink(r.id, r.name), " ", el("span", { class: "muted" }, t(`label.${r.label}`)),
        evidenceList([r.evidence], [...terms, r.name])))),
      documentsSection(firm.documents, terms),
    ],
  });
}

async function agencyPage(id) {
  const [agency, documents] = await Promise.all([getJSON(`/agencies/${enc(id)}`), getJSON(`/entities/${enc(id)}/documents`)]);
  const terms = nameForms(agency.name, agency.aliases || []);
  return layout({
    id, label: "Agency", title: agency.name,
    facts: [["page.aliases", aliases(agency.aliases)], ["page.level", term(agency.level)], ["page.jurisdiction", agency.jurisdiction]],
    sections: [
      section("page.tasks", agency.tasks.length, listOrNone(agency.tasks, (task) => el("li", {},
        badge("role", task.role), " ", el("strong", {}, task.task), " ", el("span", { class: "muted" }, task.section || ""),
        task.targets.length ? el("ul", {}, task.targets.map((x) => el("li", {},
          `${x.metric} ${x.comparator || ""} ${number(x.value)}${x.unit || ""}`, x.year ? ` (${x.year})` : ""))) : null,
        evidenceList([task.evidence], [...terms, task.task])))),
      documentsSection(documents.items, terms),
    ],
  });
}

async function documentPage(id, params) {
  const [documents, text] = await Promise.all([getJSON("/documents"), getText(`/documents/${enc(id)}/text`)]);
  const doc = documents.find((d) => d.id === id) || { id };
  const start = Number.parseInt(params.get("start"), 10);
  const end = Number.parseInt(params.get("end"), 10);
  const range = Number.isInteger(start) && Number.isInteger(end) ? locate(text, { start, end, sentence: text.slice(start, end) }) : null;
  const body = el("div", { class: "document-text" });
  if (range) {
    body.append(text.slice(0, range[0]), el("mark", { class: "sentence", id: "focus" }, text.slice(range[0], range[1])),
      text.slice(range[1]));
  } else {
    body.append(text);
  }
  const view = layout({
    id, label: "Document", title: doc.title || doc.file || t("page.untitled"),
    facts: [["page.issuer", doc.issuer], ["page.published", doc.published], ["page.level", term(doc.level)],
      ["page.jurisdiction", doc.jurisdiction], ["page.chars", doc.chars]],
    sections: [
      range ? section("doc.context", null, excerptNode(text, range, [])) : null,
      section("page.text", null, body),
    ],
    graph: false, // a document names hundreds of entities: its neighbourhood is exported, not drawn
    extra: el("section", { class: "panel" }, exportLinks(id, doc.title || doc.file)),
  });
  const after = view.after;
  view.after = () => {
    after();
    const focus = document.getElementById("focus");
    if (focus) body.scrollTop = Math.max(0, focus.offsetTop - body.clientHeight / 3);
  };
  return view;
}

async function genericPage(id) {
  const documents = await getJSON(`/entities/${enc(id)}/documents`);
  const first = documents.items[0];
  const label = id.split(":")[0];
  const title = id.slice(label.length + 1);
  const terms = nameForms(title);
  return layout({
    id, label: label.charAt(0).toUpperCase() + label.slice(1), title,
    sections: [first ? null : el("p", { class: "muted" }, t("page.none")), documentsSection(documents.items, terms)],
  });
}

export async function renderDocuments(view) {
  const documents = await getJSON("/documents");
  clear(view).append(el("section", { class: "page-section" }, el("h1", {}, t("page.all_documents")),
    el("ul", { class: "facts-list" }, documents.map((d) => el("li", {}, entityLink(d.id, d.title || d.file), " ",
      el("span", { class: "muted" }, [d.issuer, d.published, term(d.level), d.jurisdiction].filter(Boolean).join(" · ")))))));
}
