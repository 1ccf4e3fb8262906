// The ask view (#/ or #/ask?q=…): a question in Chinese or English to POST /ask, the answer as a list of
// facts each with its evidence sentences (the entity marked), the answer's subgraph and, for places, a map.

import { evidenceList } from "./evidence.js";
import { GraphView } from "./graph.js";
import { count, lang, relation, t, term } from "./i18n.js";
import { hasPlaces, renderMap } from "./map.js";
import { append, clear, el, entityHref, entityLink, HttpError, nameForms, onLeave, postJSON } from "./util.js";

const EXAMPLES = {
  zh: ["哪些城市发展增材制造", "航空产业链链主", "汉中有哪些目标", "西飞和汉中有什么关系", "哪些园区发展增材制造",
    "对比西安和宝鸡"],
  en: ["which cities target additive manufacturing", "who leads the aviation chain",
    "what targets does Hanzhong have for 2025", "how is 西飞 connected to Hanzhong", "which parks host aviation",
    "compare Xi'an and Baoji"],
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
    clear(root).append(refusal(error, q));
    return;
  }
  showAnswer(root, body);
}

// Intent names before issue 13's /ask (the "shape" field of an older server) and the names that replaced them:
// the client speaks the new names and understands both.
const INTENT_OF_SHAPE = {
  cities_by_industry: "places_for_industry", industries_by_city: "industries_of_place",
  parks_by_industry: "parks_for_industry", firms_by_industry: "firms_of_industry",
  targets_timeline: "targets", shortest_paths: "connection",
};

export function intentOf(interpretation) {
  const name = (interpretation && (interpretation.intent || interpretation.shape)) || "";
  return INTENT_OF_SHAPE[name] || name;
}

const ZH = /[\u3400-\u9fff]/;
const QUOTED = /['"‘“「『]([^'"’”」』]+)['"’”」』]/g;

// The language a text is written in: Chinese if any Chinese character stands outside quotes (an English
// message may quote a Chinese name), else English.
export function languageOf(text) {
  return ZH.test(String(text || "").replace(QUOTED, "")) ? "zh" : "en";
}

function quotedNames(text) {
  return [...String(text || "").matchAll(QUOTED)].map((m) => m[1]);
}

// The slots of an interpretation: the new server's `slots`, else what an older one put beside its params.
function slotsOf(interpretation) {
  const params = interpretation.params || {};
  const slots = { ...(interpretation.slots || {}) };
  if (!slots.role && interpretation.role) slots.role = interpretation.role;
  if (!slots.strength && Array.isArray(params.strengths) && params.strengths.length === 1) {
    slots.strength = params.strengths[0];
  }
  if (!slots.year && (interpretation.year || params.year)) slots.year = interpretation.year || params.year;
  return slots;
}

// The interpretation in words: the server's own text when it sends one, else built here from the intent,
// the linked entities and the slots, in the interface's language.
export function interpretationText(interpretation) {
  if (interpretation.text) return interpretation.text;
  const entities = interpretation.entities || [];
  const names = entities.map((e) => e.name || e.surface).filter(Boolean);
  const sep = lang() === "zh" ? "、" : ", ";
  const topic = interpretation.topic || (interpretation.params || {}).topic || "";
  const vars = { e: names.join(sep) || topic || "…", a: names[0] || "…", b: names[1] || "…", topic: topic || names.join(sep) };
  const intent = intentOf(interpretation);
  const key = `interp.${intent}`;
  let text = t(key, vars);
  if (text === key) text = names.join(sep);
  const slots = slotsOf(interpretation);
  const parts = [];
  if (slots.strength) parts.push(t("slot.strength", { value: t(`strength.${slots.strength}`) }));
  if (slots.role) parts.push(t("slot.role", { value: t(`role.${slots.role}`) }));
  if (slots.year) parts.push(t("slot.year", { value: slots.year }));
  if (slots.metric) parts.push(t("slot.metric", { value: slots.metric }));
  return parts.length ? t("slot.list", { text, slots: parts.join(sep) }) : text;
}

function matchTag(match) {
  if (!match) return null;
  const key = `match.${match}`;
  const text = t(key);
  return el("span", { class: `match match-${match}`, title: t("ask.match") }, text === key ? match : text);
}

function linkedEntities(entities) {
  if (!entities.length) return null;
  return el("ul", { class: "linked" }, entities.map((e) => el("li", { class: "linked-entity", "data-id": e.id || "" },
    e.surface && e.surface !== e.name ? [el("q", {}, e.surface), " → "] : null,
    entityLink(e.id, e.name || e.surface), " ",
    e.label ? el("span", { class: `label-tag label-${e.label}` }, t(`label.${e.label}`)) : null, " ",
    matchTag(e.match))));
}

// A named query and its parameters as a reader scans them: paging and empty filters left out.
function queryCall(call) {
  const shown = Object.entries(call.params || {}).filter(([name, value]) =>
    !["skip", "limit"].includes(name) && value !== "" && value !== null
    && !(Array.isArray(value) && !value.length));
  return el("li", { class: "query" }, el("code", {}, call.name), el("span", { class: "params" }, "(",
    shown.map(([name, value], k) => [k ? ", " : "", `${name}: `,
      Array.isArray(value) ? value.join(" | ") : String(value)]), ")"));
}

function queriesRun(trail) {
  if (!trail || !trail.length) return null;
  return el("div", { class: "queries" }, el("span", { class: "muted" }, t("ask.queries"), " "),
    el("ul", { class: "query-list" }, trail.map(queryCall)));
}

// A list of names a reader can take in at a glance: the first ten and how many more (the items list them all).
function someNames(names, shown = 10) {
  if (!names.length) return t("page.none");
  const sep = lang() === "zh" ? "、" : ", ";
  const head = names.slice(0, shown).join(sep);
  return names.length > shown ? `${head}${sep}${t("ask.more", { n: names.length - shown })}` : head;
}

// Questions the server offers instead: chips that ask them.
function alternativesBlock(alternatives) {
  const usable = (alternatives || []).filter((a) => a && a.q);
  if (!usable.length) return null;
  return el("div", { class: "alternatives" }, el("span", { class: "muted" }, t("ask.alternatives"), " "),
    usable.map((a) => el("a", {
      href: askHref(a.q), class: "chip alternative", title: a.text || null, "data-q": a.q,
      "data-intent": a.intent || null,
    }, a.q)));
}

function interpretationBlock(interpretation, body) {
  const entities = interpretation.entities || [];
  const intent = intentOf(interpretation);
  const label = intent ? t(`shape.${intent}`) : null;
  return el("div", { class: "interpretation", "data-intent": intent || null },
    el("p", { class: "interp-line" },
      el("span", { class: "muted" }, t("ask.understood"), t("ask.colon")),
      label && label !== `shape.${intent}` ? el("span", { class: "badge intent" }, label) : null, " ",
      el("strong", { class: "interp-text", lang: interpretation.text ? interpretation.language || null : null },
        interpretationText(interpretation))),
    linkedEntities(entities),
    queriesRun(body.cypher),
    notes(interpretation, body));
}

// What the server says about the answer beside it: a fallback from chain leaders to key firms, how many
// answers are plans' targets and how many descriptive statements, a place or metric it could not narrow by.
function notes(interpretation, body) {
  const lines = [];
  if (interpretation.fallback) lines.push(interpretation.fallback.reason || "");
  for (const key of ["strengths", "place_filter", "metric_filter", "note"]) {
    if (typeof interpretation[key] === "string" && interpretation[key]) lines.push(interpretation[key]);
  }
  const summary = body.comparison;
  if (summary && Array.isArray(summary.shared)) {
    lines.push(t("ask.compare.shared", { names: someNames(summary.shared) }));
    for (const [place, names] of Object.entries(summary.distinct || {})) {
      lines.push(t("ask.compare.only", { place, names: someNames(names || []) }));
    }
  }
  return lines.filter(Boolean).map((line) => el("p", { class: "note" }, t("ask.fallback"), t("ask.colon"), line));
}

// The refusal in the interface's language: the server's message when it is written in it, else the
// interface's own words for what the message says (known English messages of an older server translated,
// the name it quotes kept), the original one click away.
function refusalMessage(detail) {
  const message = detail.message || "";
  if (message && languageOf(message) === lang()) return el("p", { class: "refusal-message" }, message);
  const name = quotedNames(message)[0] || "";
  let text;
  let m;
  if ((m = message.match(/^no (\w+) in the graph is named/i))) {
    const kind = t(`kind.${m[1]}`);
    text = t("refusal.no_name", { name, kind: kind === `kind.${m[1]}` ? t("kind.entity") : kind });
  } else if (/^nothing in the graph is named/i.test(message)) text = t("refusal.nothing_named", { name });
  else if (/^no task of an agency matches/i.test(message)) text = t("refusal.no_task", { name });
  else if (/fits none of the shapes/i.test(message)) text = t("refusal.no_shape");
  else if (/may name any of several places/i.test(message)) text = t("refusal.ambiguous", { name });
  else if ((m = message.match(/^(\d+) is not a year/i))) text = t("refusal.year", { year: m[1] });
  else if (/name two entities/i.test(message)) text = t("refusal.pair");
  else if (/task titles are Chinese/i.test(message)) text = t("refusal.task");
  else if (/question is empty/i.test(message)) text = t("refusal.empty");
  else text = name ? t("refusal.unknown_name", { name }) : t("refusal.generic");
  return [el("p", { class: "refusal-message" }, text),
    message ? el("details", { class: "original" }, el("summary", {}, t("ask.original")),
      el("p", { lang: languageOf(message) === "zh" ? "zh-CN" : "en" }, message)) : null];
}

// The question with the name it got wrong replaced by a close name: the surface the server names, else a
// name the message quotes, else the stretch of the question most like the close name.
export function substitute(q, suggestion, message) {
  const name = suggestion.name;
  if (!name) return null;
  const surfaces = [suggestion.surface, ...quotedNames(message)].filter((s) => s && q.includes(s) && s !== name);
  const surface = surfaces[0] || nearestStretch(q, name);
  if (!surface) return null;
  const asked = q.replace(surface, name);
  return asked === q || asked.trim() === name ? null : asked;
}

function nearestStretch(q, name) {
  if (!ZH.test(name)) return null;
  let best = null;
  let bestScore = 0.6;
  for (let size = Math.max(2, name.length - 1); size <= name.length + 1; size += 1) {
    for (let at = 0; at + size <= q.length; at += 1) {
      const stretch = q.slice(at, at + size);
      const pool = [...name];
      let shared = 0;
      for (const ch of stretch) {
        const k = pool.indexOf(ch);
        if (k >= 0) {
          shared += 1;
          pool.splice(k, 1);
        }
      }
      const score = shared / Math.max(size, name.length);
      if (score > bestScore && stretch !== name) {
        best = stretch;
        bestScore = score;
      }
    }
  }
  return best;
}

function suggestionChip(s, q, message) {
  const asked = substitute(q, s, message);
  const label = s.label ? [" · ", t(`label.${s.label}`)] : null;
  const open = el("a", { href: entityHref(s.id), class: "open-entity", title: t("graph.open"),
    "aria-label": `${t("graph.open")}: ${s.name}` }, "↗");
  if (!asked) {
    return el("span", { class: "suggestion", "data-id": s.id },
      el("a", { href: entityHref(s.id), class: "chip entity-chip" }, s.name, label));
  }
  return el("span", { class: "suggestion", "data-id": s.id },
    el("a", { href: askHref(asked), class: "chip retry", "data-q": asked, title: asked }, s.name, label), open);
}

function refusal(error, q) {
  if (!(error instanceof HttpError) || error.status !== 422 || !error.body || !error.body.detail) {
    return el("p", { class: "error" }, t("error", { error: error.message }));
  }
  const detail = typeof error.body.detail === "string" ? { message: error.body.detail } : error.body.detail;
  const suggestions = (detail.suggestions || []).filter((s) => s && s.id && s.name);
  const here = lang();
  return el("div", { class: "refusal" },
    el("h2", {}, t("ask.error")),
    refusalMessage(detail),
    suggestions.length
      ? el("p", { class: "suggestions" }, el("span", { class: "muted" }, t("ask.suggestions"), " "),
        suggestions.map((s) => suggestionChip(s, q, detail.message)))
      : null,
    alternativesBlock(detail.alternatives),
    (detail.shapes || []).length ? [
      el("p", {}, t("ask.shapes")),
      el("ul", { class: "shapes" }, detail.shapes.map((shape) => {
        const intent = intentOf(shape);
        const examples = shape.examples || {};
        const other = here === "zh" ? "en" : "zh";
        return el("li", {},
          el("strong", {}, t(`shape.${intent}`)), t("ask.colon"),
          [...(examples[here] || []), ...(examples[other] || [])].slice(0, 3).map((x) =>
            el("a", { href: askHref(x), class: "chip" }, x)));
      }))] : null);
}

function showAnswer(root, body) {
  const interpretation = body.interpretation || {};
  const entities = interpretation.entities || [];
  const intent = intentOf(interpretation);
  const items = body.items || [];
  const baseTerms = nameForms(entities.map((e) => [e.name, e.surface]));
  const list = el("ol", { class: "items" }, items.map((item) => renderItem(item, intent, baseTerms)));
  const graphRoot = el("section", { class: "panel graph-panel", id: "graph-panel" });
  const mapRoot = el("section", { class: "panel map-panel", id: "map-panel" });
  append(clear(root), [
    interpretationBlock(interpretation, body),
    alternativesBlock(body.alternatives),
    el("div", { class: "answer-grid" },
      el("section", { class: "results" },
        el("h2", {}, t("ask.answer"), ` (${items.length})`),
        items.length ? list : el("p", { class: "muted" }, t("ask.none")),
        cypherBlock(body.cypher)),
      el("div", { class: "visuals" }, mapRoot, graphRoot))]);
  if (hasPlaces(items)) renderMap(mapRoot, items);
  else mapRoot.remove();
  const centers = answerCenters(intent, interpretation, items);
  if (centers.length) {
    const graph = new GraphView(graphRoot);
    onLeave(() => graph.destroy());
    window.policykg.graph = graph;
    const shown = intent === "connection" && items.length && items[0].nodes
      ? Promise.resolve(graph.seed(items.flatMap((p) => p.nodes), items.flatMap((p) => p.relationships), centers))
      : graph.load(centers);
    shown.catch((error) => graphRoot.append(el("p", { class: "error" }, t("error", { error: error.message }))));
  } else {
    graphRoot.remove();
  }
}

// The answer's subgraph: around the entities the question named (for a task: the task and its lead
// agencies); else around the first answers.
function answerCenters(intent, interpretation, items) {
  if (intent === "agency_for_topic" && items.length && items[0].task_id) {
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

// A place (or industry) that only a descriptive statement names, not a plan's key or cultivate target.
function descriptive(item) {
  return item.descriptive ? el("span", { class: "badge descriptive", title: t("ask.descriptive.title") },
    t("ask.descriptive")) : null;
}

function badge(kind, value) {
  return value ? el("span", { class: `badge ${kind}-${value}` }, t(`${kind}.${value}`)) : null;
}

function renderItem(item, intent, baseTerms) {
  let head;
  let terms = baseTerms;
  switch (intent) {
    case "places_for_industry":
    case "industries_of_place":
    case "industries_of_park":
      terms = [...nameForms(item.name), ...baseTerms, ...(item.industries || [])];
      head = [entityLink(item.id, item.name), " ", badge("strength", item.strength), descriptive(item),
        item.name_en ? el("span", { class: "muted" }, ` ${item.name_en}`) : null];
      break;
    case "comparison":
      terms = [...nameForms(item.name), ...baseTerms, ...Object.keys(item.places || {})];
      head = [entityLink(item.id, item.name),
        item.name_en ? el("span", { class: "muted" }, ` ${item.name_en}`) : null, " ",
        item.shared ? el("span", { class: "badge shared" }, t("ask.shared")) : null, descriptive(item),
        el("div", { class: "roles" }, Object.entries(item.places || {}).map(([place, strength], k) =>
          [k ? " · " : "", place, " ", badge("strength", strength)]))];
      break;
    case "parks_for_industry":
    case "parks_of_place":
      terms = [...nameForms(item.name), ...baseTerms];
      head = [entityLink(item.id, item.name), item.kind ? el("span", { class: "muted" }, ` ${term(item.kind)}`) : null];
      break;
    case "firms_of_industry":
    case "firms_of_place":
      terms = [...nameForms(item.name, item.full_name), ...baseTerms];
      head = [entityLink(item.id, item.name), " ", badge("role", item.role)];
      break;
    case "targets":
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
    case "connection":
      terms = [...nameForms((item.nodes || []).map((n) => n.name)), ...baseTerms];
      head = el("span", { class: "path" }, (item.nodes || []).map((node, k) => [
        k ? el("span", { class: "rel" }, ` ${arrow(item.relationships[k - 1], node)} `) : null,
        entityLink(node.id, node.name)]));
      break;
    default:
      terms = [...nameForms(item.name), ...baseTerms];
      head = [item.id ? entityLink(item.id, item.name || item.title || item.id)
        : el("strong", {}, item.name || item.title || item.text || item.metric || ""),
      item.label ? [" ", el("span", { class: `label-tag label-${item.label}` }, t(`label.${item.label}`))] : null,
      " ", badge("strength", item.strength), descriptive(item),
      item.count ? el("span", { class: "muted" }, ` ${count("page.mentions", item.count)}`) : null];
  }
  return el("li", { class: "item", "data-id": item.id || item.target_id || item.task_id || "" },
    el("div", { class: "item-head" }, head),
    evidenceList(item.evidence, terms));
}

function arrow(relationship, node) {
  if (!relationship) return "—";
  const forward = relationship.target === null || relationship.target === node.id;
  return forward ? `—${relation(relationship.type)}→` : `←${relation(relationship.type)}—`;
}
