// DOM building, fetching and highlighting helpers shared by every view. Text from the graph (names,
// aliases, ids, titles, evidence sentences, document text) only ever reaches the page as text nodes or
// attribute values, never as HTML: no view assigns innerHTML or builds markup strings, and the page's
// Content-Security-Policy (app/api/headers.py) forbids inline script and inline style attributes.

import { t } from "./i18n.js";

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    // Styles go through the CSSOM: a style="" attribute is inline style, which the CSP refuses.
    else if (key === "style") Object.assign(node.style, value);
    else if (key.startsWith("on")) {
      // An on*="" attribute is inline script (refused by the CSP, and a hole if it ever held data).
      if (typeof value !== "function") throw new TypeError(`${key} must be a function, not an attribute`);
      node.addEventListener(key.slice(2), value);
    } else if (value === true) node.setAttribute(key, "");
    else node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

// The content of an ECharts tooltip, which ECharts would insert as HTML were it a string: one line per
// argument, each a text node, so a name like `<img onerror=…>` shows as those characters.
export function tooltipLines(...lines) {
  const box = el("div", { class: "chart-tip" });
  lines.filter((line) => line !== null && line !== undefined && line !== "").forEach((line, k) => {
    if (k) box.append(el("br"));
    box.append(String(line));
  });
  return box;
}

export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

// A failed request. Its message is in the interface's language (what went wrong, by status); the server's own
// words (English) stay in `detail` for whoever wants them.
export class HttpError extends Error {
  constructor(status, body) {
    const detail = body && body.detail;
    super(statusText(status));
    this.status = status;
    this.body = body;
    this.detail = typeof detail === "string" ? detail : (detail && detail.message) || "";
  }
}

function statusText(status) {
  const key = `http.${status}`;
  const text = t(key);
  if (text !== key) return text;
  return t(status >= 500 ? "http.server" : "http.other", { status });
}

// fetch, with a network failure (the service stopped, the connection lost) told in the interface's language.
async function request(path, options) {
  try {
    return await fetch(path, options);
  } catch (error) {
    throw Object.assign(new Error(t("http.network")), { cause: error });
  }
}

const cache = new Map();

// GET a JSON endpoint once per page load (answers do not change while the server runs: it is read-only).
export function getJSON(path) {
  if (!cache.has(path)) {
    const promise = request(path, { headers: { Accept: "application/json" } }).then(async (response) => {
      const body = await response.json().catch(() => null);
      if (!response.ok) throw new HttpError(response.status, body);
      return body;
    });
    promise.catch(() => cache.delete(path));
    cache.set(path, promise);
  }
  return cache.get(path);
}

export function getText(path) {
  const key = `text:${path}`;
  if (!cache.has(key)) {
    const promise = request(path).then(async (response) => {
      if (!response.ok) throw new HttpError(response.status, null);
      return response.text();
    });
    promise.catch(() => cache.delete(key));
    cache.set(key, promise);
  }
  return cache.get(key);
}

export async function postJSON(path, payload) {
  const response = await request(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(payload),
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new HttpError(response.status, body);
  return body;
}

export const enc = encodeURIComponent;

// Ids are `<label>:<key>` (city:610500, industry:增材制造, document:000_….txt); pages are `#/<label>/<key>`.
export function splitId(id) {
  const at = String(id).indexOf(":");
  return at < 0 ? ["", String(id)] : [id.slice(0, at), id.slice(at + 1)];
}

export function entityHref(id) {
  const [prefix, key] = splitId(id);
  return `#/${prefix}/${enc(key)}`;
}

export function entityLink(id, name, attrs = {}) {
  if (!id) return el("span", {}, name || "");
  return el("a", { href: entityHref(id), class: "entity", ...attrs }, name || id);
}

// The forms of a name worth highlighting: the name, its aliases, and the name without an administrative
// suffix (西安市 → 西安), since the sentences write places both ways.
const SUFFIXES = ["维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "省", "市", "县", "区"];

export function nameForms(...names) {
  const forms = new Set();
  for (const name of names.flat(Infinity)) {
    if (!name || typeof name !== "string") continue;
    forms.add(name);
    for (const suffix of SUFFIXES) {
      if (name.endsWith(suffix) && name.length - suffix.length >= 2) {
        forms.add(name.slice(0, -suffix.length));
        break;
      }
    }
  }
  return [...forms].filter((f) => f.length >= 2 || /[\u3400-\u9fff]/.test(f));
}

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// Text with every occurrence of the terms wrapped in <mark> (longest term first, no overlaps).
export function highlight(text, terms, markClass = "hit") {
  const wanted = [...new Set(terms.filter(Boolean))].sort((a, b) => b.length - a.length);
  const fragment = document.createDocumentFragment();
  if (!text) return fragment;
  if (!wanted.length) {
    fragment.append(text);
    return fragment;
  }
  const pattern = new RegExp(wanted.map(escapeRegExp).join("|"), "gi");
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) fragment.append(text.slice(last, match.index));
    fragment.append(el("mark", { class: markClass }, match[0]));
    last = match.index + match[0].length;
  }
  if (last < text.length) fragment.append(text.slice(last));
  return fragment;
}

// Boxes on screen as {x1, y1, x2, y2} (Cytoscape's bounding boxes, and the map's): whether two overlap, and
// whether one lies inside another (a view).
export function overlaps(a, b) {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}

export function inside(box, view) {
  return box.x1 >= view.x1 && box.x2 <= view.x2 && box.y1 >= view.y1 && box.y2 <= view.y2;
}

export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

export function number(value, digits = 2) {
  if (value === null || value === undefined) return "–";
  return Number.isInteger(value) ? String(value) : Number(value).toFixed(digits);
}

// What a view leaves behind (charts, graph instances, listeners) is released when the route changes.
const leaving = [];

export function onLeave(fn) {
  leaving.push(fn);
}

export function leave() {
  while (leaving.length) {
    try {
      leaving.pop()();
    } catch (error) {
      console.warn(error);
    }
  }
}
