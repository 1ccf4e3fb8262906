// Evidence sentences (with the entity highlighted) and the dialog that shows a sentence in its document:
// the document's normalised text (/documents/{id}/text, which every offset refers to), 300 characters
// either side, the sentence highlighted.

import { count, t } from "./i18n.js";
import { clear, el, enc, getJSON, getText, highlight } from "./util.js";

export const CONTEXT = 300;

// One evidence sentence: the sentence with `terms` marked, and a link to see it in its document.
export function evidenceBlock(found, terms) {
  if (!found || !found.sentence) return null;
  const title = found.doc_title || found.doc_file || (found.doc_id || "").replace(/^document:/, "");
  if (!found.doc_title && found.doc_id) titleLater(found);
  return el("blockquote", { class: "evidence" },
    el("p", { class: "sentence" }, highlight(found.sentence, terms)),
    el("footer", {},
      found.doc_id
        ? el("a", {
          href: docHref(found), class: "doc-link", "data-doc": found.doc_id,
          onclick: (event) => {
            event.preventDefault();
            openExcerpt(found, terms);
          },
        }, el("span", { class: "doc-title" }, title), " · ", t("evidence.open"))
        : null));
}

// Answers that carry only a document's id get its title from /documents (fetched once), when it has one.
function titleLater(found) {
  getJSON("/documents").then((documents) => {
    const doc = documents.find((d) => d.id === found.doc_id);
    if (!doc || !doc.title) return;
    found.doc_title = doc.title;
    for (const link of document.querySelectorAll(`a.doc-link[data-doc="${CSS.escape(found.doc_id)}"] .doc-title`)) {
      link.textContent = doc.title;
    }
  }).catch(() => {});
}

// Evidence list: the first `shown` sentences, the rest behind a <details>.
export function evidenceList(list, terms, shown = 2) {
  const items = (list || []).filter((e) => e && e.sentence);
  if (!items.length) return null;
  const first = items.slice(0, shown).map((e) => evidenceBlock(e, terms));
  const rest = items.slice(shown);
  return el("div", { class: "evidence-list" }, first,
    rest.length ? el("details", {}, el("summary", {}, count("evidence.more", rest.length)),
      rest.map((e) => evidenceBlock(e, terms))) : null);
}

function docHref(found) {
  const key = (found.doc_id || "").replace(/^document:/, "");
  const range = Number.isInteger(found.start) ? `?start=${found.start}&end=${found.end}` : "";
  return `#/document/${enc(key)}${range}`;
}

// Where the sentence is in the text, in JavaScript (UTF-16) indices. The API counts code points, which
// differ only after a character outside the BMP; the sentence itself settles any doubt.
export function locate(text, found) {
  const { sentence } = found;
  let { start, end } = found;
  if (Number.isInteger(start) && Number.isInteger(end)) {
    if (text.slice(start, end) === sentence) return [start, end];
    const points = Array.from(text);
    const before = points.slice(0, start).join("").length;
    const inner = points.slice(start, end).join("").length;
    if (text.slice(before, before + inner) === sentence) return [before, before + inner];
  }
  start = sentence ? text.indexOf(sentence) : -1;
  return start < 0 ? null : [start, start + sentence.length];
}

export function excerptNode(text, range, terms) {
  const [start, end] = range;
  const from = Math.max(0, start - CONTEXT);
  const to = Math.min(text.length, end + CONTEXT);
  return el("div", { class: "excerpt" },
    from > 0 ? "… " : "",
    text.slice(from, start),
    el("mark", { class: "sentence" }, highlight(text.slice(start, end), terms, "hit")),
    text.slice(end, to),
    to < text.length ? " …" : "");
}

export async function openExcerpt(found, terms = []) {
  const dialog = document.getElementById("doc-dialog");
  const body = dialog.querySelector(".dialog-body");
  const heading = dialog.querySelector(".dialog-title");
  const open = dialog.querySelector(".dialog-open");
  heading.textContent = found.doc_title || found.doc_file || found.doc_id;
  open.href = docHref(found);
  clear(body).append(el("p", { class: "muted" }, t("doc.loading")));
  if (!dialog.open) dialog.showModal();
  try {
    const text = await getText(`/documents/${enc(found.doc_id)}/text`);
    const range = locate(text, found);
    clear(body).append(el("p", { class: "muted" }, t("doc.context")),
      range ? excerptNode(text, range, terms) : el("p", {}, t("doc.notfound")));
  } catch (error) {
    clear(body).append(el("p", { class: "error" }, t("error", { error: error.message })));
  }
}

export function setupDialog() {
  const dialog = document.getElementById("doc-dialog");
  dialog.querySelector(".dialog-close").addEventListener("click", () => dialog.close());
  dialog.querySelector(".dialog-open").addEventListener("click", () => dialog.close());
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) dialog.close(); // a click on the backdrop
  });
}
