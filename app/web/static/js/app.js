// The policykg web client: hash routes, the search box with suggestions, the language toggle.
//   #/ and #/ask?q=…        ask a question
//   #/<label>/<key>         an entity page (city, industry, park, firm, agency, document, org…)
//   #/documents             every document
//   #/analysis              co-targeting network, place similarity heat map, alignment table

import { renderAnalysis } from "./analysis.js";
import { renderAsk } from "./ask.js";
import { setupDialog } from "./evidence.js";
import { applyStatic, lang, setLang, t } from "./i18n.js";
import { renderDocuments, renderEntity } from "./pages.js";
import { clear, debounce, el, enc, entityHref, getJSON, leave } from "./util.js";

// What the end-to-end tests (and a curious user's console) can reach: the current graph view, and so on.
window.policykg = { ready: false };

function parseHash() {
  const raw = location.hash.replace(/^#/, "") || "/";
  const [path, query = ""] = raw.split("?");
  const parts = path.split("/").filter(Boolean).map((p) => decodeURIComponent(p));
  return { parts, params: new URLSearchParams(query) };
}

async function route() {
  leave();
  window.policykg.graph = null;
  const view = document.getElementById("view");
  const { parts, params } = parseHash();
  const [head, ...rest] = parts;
  for (const link of document.querySelectorAll(".nav a")) {
    const target = link.getAttribute("href").replace(/^#\/?/, "");
    link.classList.toggle("active", target === (head === "ask" ? "" : head || ""));
  }
  window.scrollTo(0, 0);
  if (!head || head === "ask") renderAsk(view, params, lang());
  else if (head === "analysis") renderAnalysis(view);
  else if (head === "documents") await renderDocuments(view);
  else if (rest.length) await renderEntity(view, head, rest.join("/"), params);
  else clear(view).append(el("p", { class: "error" }, t("page.notfound", { id: head })));
}

function setupSearch() {
  const input = document.getElementById("search");
  const list = document.getElementById("suggestions");
  let items = [];
  let active = -1;
  let latest = "";
  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    active = -1;
  };
  const go = (item) => {
    close();
    input.value = "";
    input.blur();
    location.hash = entityHref(item.id);
  };
  const paint = () => {
    clear(list);
    if (!items.length) {
      list.append(el("li", { class: "muted none" }, t("search.none")));
    }
    items.forEach((item, k) => {
      list.append(el("li", {
        role: "option", id: `suggestion-${k}`, class: k === active ? "active" : "", "aria-selected": k === active ? "true" : "false",
        "data-id": item.id,
        onmousedown: (event) => {
          event.preventDefault(); // keep the focus until the click lands
          go(item);
        },
      }, el("span", { class: `label-tag label-${item.label}` }, t(`label.${item.label}`)), " ",
      el("span", { class: "name" }, item.name),
      item.name_en ? el("span", { class: "muted" }, ` ${item.name_en}`) : null));
    });
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    input.setAttribute("aria-activedescendant", active >= 0 ? `suggestion-${active}` : "");
  };
  const suggest = debounce(async () => {
    const q = input.value.trim();
    latest = q;
    if (!q) {
      close();
      return;
    }
    try {
      const body = await getJSON(`/search?q=${enc(q)}&limit=8`);
      if (latest !== q) return;
      items = body.items || [];
      active = items.length ? 0 : -1;
      paint();
    } catch {
      close();
    }
  }, 150);
  input.addEventListener("input", suggest);
  input.addEventListener("keydown", (event) => {
    if (list.hidden || !items.length) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      active = (active + step + items.length) % items.length;
      paint();
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (active >= 0) go(items[active]);
    } else if (event.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 100));
  document.getElementById("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    if (items.length) go(items[Math.max(active, 0)]);
  });
}

function setupLanguage() {
  const button = document.getElementById("lang");
  button.addEventListener("click", () => {
    setLang(lang() === "zh" ? "en" : "zh");
    route();
  });
}

function start() {
  applyStatic();
  setupDialog();
  setupSearch();
  setupLanguage();
  window.addEventListener("hashchange", () => route().catch(showError));
  route().catch(showError).finally(() => {
    window.policykg.ready = true;
  });
}

function showError(error) {
  const view = document.getElementById("view");
  view.append(el("p", { class: "error" }, t("error", { error: error.message })));
}

start();
