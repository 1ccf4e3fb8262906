// The ask view (#/ or #/ask?q=…): a question in Chinese or English to POST /ask, the answer as a list of
// facts each with its evidence sentences (the entity marked), the answer's subgraph and, for places, a map.

import { evidenceList } from "./evidence.js";
import { GraphView } from "./graph.js";
import { t, term } from "./i18n.js";
import { hasPlaces, renderMap } from "./map.js";
import { clear, el, entityHref, entityLink, HttpError, nameForms, onLeave, postJSON } from "./util.js";

const EXAMPLES = {
  zh: ["哪些城市发展增材制造", "航空产业链链主", "汉中有哪些目标", "西飞和汉中有什么关系", "哪些园区发展增材制造"],
  en: ["which cities target additive manufacturing", "who leads the aviation chain",
    "what targets does Hanzhong have for 2025", "how is 西飞 connected to Hanzhong", "which parks host aviation"],
};

export function askHref(q) {
  return `#/ask?q=${encodeURIComponent(q)}`;
}

export function renderAsk(view, params, lang) {
  const q = params.get("q") || "";
  const input = el("input", {
    id: "ask-input", name: "q", type: "text", value: q, autocomplete: "off", enterkeyhint: "search",
    placeholder: t("ask.placeholder"), "aria-label": t("ask.title"),
  });
  const form = el("form", { id: "ask-form", class: "ask-form", role: "search" },
    input, el("button", { type: "submit", class: "primary" }, t("ask.submit")));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const value = input.value.trim();
    if (!value) return;
    if (location.hash === askHref(value)) window.dispatchEvent(new HashChangeEvent("hashchange"));
    else location.hash = askHref(value);
  });
  const examples = el("p", { class: "examples" }, el("span", { class: "muted" }, t("ask.examples")), " ",
    EXAMPLES[lang].map((example) => el("a", { href: askHref(example), class: "chip" }, example)));
  const answer = el("section", { id: "answer", "aria-live": "polite" });
  clear(view).append(
    el("section", { class: "ask" }, el("h1", {}, t("ask.title")), form, examples),
    answer);
  if (!q) {
    input.focus();
    return;
  }
  ask(answer, q);
}

async function ask(root, q) {
  root.append(el("p", { class: "muted loading" }, t("ask.loading")));
  let body;
  try {
    body = await postJSON("/ask", { q });
  } catch (error) {
    clear(root).append(refusal(error));
    return;
  }
  showAnswer(root, body);
}

function refusal(error) {
  if (!(error instanceof HttpError) || error.status !== 422 || !error.body || !error.body.detail) {
    return el("p", { class: "error" }, t("error", { error: error.message }));
  }
  const detail = error.body.detail;
  return el("div", { class: "refusal" },
    el("h2", {}, t("ask.error")),
    el("p", {}, detail.message || ""),
    detail.suggestions && detail.suggestions.length
      ? el("p", {}, t("ask.suggestions"), " ", detail.suggestions.map((s) =>
        el("a", { href: entityHref(s.id), class: "chip" }, s.name, " · ", t(`label.${s.label}`))))
      : null,
    el("p", {}, t("ask.shapes")),
    el("ul", { class: "shapes" }, (detail.shapes || []).map((shape) => el("li", {},
      el("strong", {}, t(`shape.${shape.shape}`)), ": ",
      [...(shape.examples.zh || []), ...(shape.examples.en || [])].slice(0, 3).map((x) =>
        el("a", { href: askHref(x), class: "chip" }, x))))));
}

function showAnswer(root, body) {
  const interpretation = body.interpretation || {};
  const entities = interpretation.entities || [];
  const items = body.items || [];
  const baseTerms = nameForms(entities.map((e) => [e.name, e.surface]));
  const list = el("ol", { class: "items" }, items.map((item) => renderItem(item, interpretation.shape, baseTerms)));
  const graphRoot = el("section", { class: "panel graph-panel", id: "graph-panel" });
  const mapRoot = el("section", { class: "panel map-panel", id: "map-panel" });
  clear(root).append(
    el("div", { class: "interpretation" },
      el("span", { class: "muted" }, t("ask.understood"), ": "),
      el("strong", {}, t(`shape.${interpretation.shape}`)),
      entities.length ? [" · ", entities.map((e, k) => [k ? "、" : "", entityLink(e.id, e.name)])] : null,
      interpretation.fallback ? el("p", { class: "note" }, t("ask.fallback"), ": ", interpretation.fallback.reason) : null),
    el("div", { class: "answer-grid" },
      el("section", { class: "results" },
        el("h2", {}, t("ask.answer"), ` (${items.length})`),
        items.length ? list : el("p", { class: "muted" }, t("ask.none")),
        cypherBlock(body.cypher)),
      el("div", { class: "visuals" }, mapRoot, graphRoot)));
  if (hasPlaces(items)) renderMap(mapRoot, items);
  else mapRoot.remove();
  const centers = answerCenters(interpretation, items);
  if (centers.length) {
    const graph = new GraphView(graphRoot);
    onLeave(() => graph.destroy());
    window.policykg.graph = graph;
    const shown = interpretation.shape === "shortest_paths" && items.length
      ? Promise.resolve(graph.seed(items.flatMap((p) => p.nodes), items.flatMap((p) => p.relationships), centers))
      : graph.load(centers);
    shown.catch((error) => graphRoot.append(el("p", { class: "error" }, t("error", { error: error.message }))));
  } else {
    graphRoot.remove();
  }
}

// The answer's subgraph: around the entities the question named (for a task: the task and its lead
// agencies); else around the first answers.
function answerCenters(interpretation, items) {
  if (interpretation.shape === "agency_for_topic" && items.length) {
    return [items[0].task_id, ...(items[0].lead || []).map((a) => a.id)];
  }
  const named = (interpretation.entities || []).map((e) => e.id);
  if (named.length) return named;
  const ids = [];
  for (const item of items.slice(0, 3)) {
    if (item.lead && item.lead.length) ids.push(item.lead[0].id);
    else if (item.id) ids.push(item.id);
  }
  return ids;
}

function cypherBlock(trail) {
  if (!trail || !trail.length) return null;
  return el("details", { class: "cypher" }, el("summary", {}, t("ask.cypher")),
    trail.map((c) => el("div", {}, el("code", {}, c.name), el("pre", {}, c.query), el("pre", { class: "params" },
      JSON.stringify(c.params)))));
}

function badge(kind, value) {
  return value ? el("span", { class: `badge ${kind}-${value}` }, t(`${kind}.${value}`)) : null;
}

function renderItem(item, shape, baseTerms) {
  let head;
  let terms = baseTerms;
  switch (shape) {
    case "cities_by_industry":
    case "industries_by_city":
      terms = [...nameForms(item.name), ...baseTerms, ...(item.industries || [])];
      head = [entityLink(item.id, item.name), " ", badge("strength", item.strength),
        item.name_en ? el("span", { class: "muted" }, ` ${item.name_en}`) : null];
      break;
    case "parks_by_industry":
      terms = [...nameForms(item.name), ...baseTerms];
      head = [entityLink(item.id, item.name), item.kind ? el("span", { class: "muted" }, ` ${term(item.kind)}`) : null];
      break;
    case "firms_by_industry":
      terms = [...nameForms(item.name, item.full_name), ...baseTerms];
      head = [entityLink(item.id, item.name), " ", badge("role", item.role)];
      break;
    case "targets_timeline":
      terms = [item.metric, ...baseTerms];
      head = [el("strong", {}, item.metric), ` ${item.comparator || ""} ${item.value ?? ""}${item.unit || ""}`,
        item.year ? el("span", { class: "badge year" }, item.year) : null,
        item.industry_id ? [" · ", entityLink(item.industry_id, item.industry)] : null];
      break;
    case "agency_for_topic":
      terms = [item.task, ...(item.lead || []).map((a) => a.name), ...baseTerms];
      head = [el("strong", {}, item.task), " ", el("span", { class: "muted" }, item.section || ""),
        el("div", { class: "roles" },
          badge("role", "lead"), " ", (item.lead || []).map((a, k) => [k ? "、" : "", entityLink(a.id, a.name)]),
          item.support && item.support.length
            ? [" ", badge("role", "support"), " ", item.support.map((a, k) => [k ? "、" : "", entityLink(a.id, a.name)])]
            : null)];
      break;
    case "shortest_paths":
      terms = [...nameForms((item.nodes || []).map((n) => n.name)), ...baseTerms];
      head = el("span", { class: "path" }, (item.nodes || []).map((node, k) => [
        k ? el("span", { class: "rel" }, ` ${arrow(item.relationships[k - 1], node)} `) : null,
        entityLink(node.id, node.name)]));
      break;
    default:
      head = item.id ? entityLink(item.id, item.name || item.id) : el("strong", {}, item.name || item.text || "");
  }
  return el("li", { class: "item", "data-id": item.id || item.target_id || item.task_id || "" },
    el("div", { class: "item-head" }, head),
    evidenceList(item.evidence, terms));
}

function arrow(relationship, node) {
  if (!relationship) return "—";
  const forward = relationship.target === null || relationship.target === node.id;
  return forward ? `—${relationship.type}→` : `←${relationship.type}—`;
}
