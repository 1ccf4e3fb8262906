"""One document → one FactBatch: read, normalise, segment, extract, resolve.

Everything here is pure (no store): a document that fails anywhere raises before anything is written,
which is what lets the store replace a document's facts in one transaction or not at all.
"""

from __future__ import annotations

import gc
import hashlib
import json
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from graph.model import Edge, FactBatch, Node, make_id
from loaders.extract import DocContext, Mention
from loaders.extract.agencies import extract_agencies
from loaders.extract.agency_tables import extract_table_agencies
from loaders.extract.concerns import extract_concerns
from loaders.extract.document import extract_metadata
from loaders.extract.firms import extract_firms, firm_matcher
from loaders.extract.orgs import extract_orgs
from loaders.extract.places import find_places, guess_province
from loaders.extract.relations import extract_relations
from loaders.extract.targets import extract_targets
from loaders.gazetteers.industries import industry_matcher
from loaders.gazetteers.matcher import SurfaceMatcher
from loaders.gazetteers.parks import park_matcher
from loaders.gazetteers.places import load_places, place_matcher, province_of
from loaders.gazetteers.scan import DocumentScan, scanning
from loaders.normalize import normalize
from loaders.read import SUPPORTED_SUFFIXES, read_document
from loaders.resolve import add_mention, add_place, link_lexicon_hierarchy
from loaders.segment import segment
from loaders.words import load as load_words

MANIFEST = "manifest.json"
# Fact families beyond places, parks and industries: each adds its nodes and edges to the batch.
# Signature: (DocContext, FactBatch) -> None.
FACT_EXTRACTORS: list = [extract_agencies, extract_table_agencies, extract_concerns, extract_targets, extract_firms, extract_orgs]
LEVEL_BY_PLACE = {"province": "province", "city": "city", "district": "district", "county": "district",
                  "new_area": "new_area", "new_town": "new_area", "zone": "city", "area": "province"}


@dataclass
class DocumentContext:
    province: str | None
    jurisdiction: Mention | None


class SourcePath(type(Path())):  # the concrete Path class of this platform, which can be subclassed
    """A file found by `discover`, carrying the key its document id is made from.

    `key` is the file's path relative to the folder it was found under (a file given directly: its name),
    so the id survives the list of files being handed on (the CLI discovers, then builds) and pickling.
    Paths derived from it (`.parent`, `/`) have no key, so they are named by their file name.
    """

    key: str | None = None

    def __reduce__(self):
        return source_path, (str(self), self.key)


def source_path(path: Path | str, key: str | None) -> SourcePath:
    found = SourcePath(path)
    found.key = key
    return found


def discover(paths: list[Path]) -> list[Path]:
    """Files to load from files and folders (recursively), in a stable order, each keyed for `document_id`."""
    found: list[Path] = []
    for path in paths:
        if isinstance(path, SourcePath) and path.key:
            found.append(path)
            continue
        path = Path(path)
        if path.is_dir():
            found.extend(source_path(p, p.relative_to(path).as_posix()) for p in sorted(path.rglob("*"))
                         if p.suffix.lower() in SUPPORTED_SUFFIXES and p.is_file())
        else:
            found.append(source_path(path, path.name))
    return found


def manifest_for(path: Path) -> dict:
    """What the text does not say about itself (source, level), from a manifest.json beside the file."""
    manifest = path.parent / MANIFEST
    if not manifest.is_file():
        return {}
    return json.loads(manifest.read_text(encoding="utf-8")).get("documents", {}).get(path.name, {})


def document_id(path: Path) -> str:
    """A document's id: its path relative to the folder it was found under, or its name if given directly.

    A document is its content at a path. The path part tells two 通知.docx in different folders apart and
    makes re-building the same path replace that document's facts; it is relative, never absolute, so the
    same checkout on any machine (and the bundled corpus, whose files sit at the top of their folder, as
    before) gets the same ids. The content part is the `sha256` property: the builder loads the same bytes
    found at two paths once and reports the second. Two files that get the same key from different
    arguments (`build a/ b/` with a/x.txt and b/x.txt) are refused by the builder, not merged: give their
    common folder instead.
    """
    return make_id("Document", getattr(path, "key", None) or Path(path).name)


def process(path: Path) -> FactBatch:
    """Extract every fact of one document (named by `document_id`: give it what `discover` found)."""
    doc_id = document_id(path)
    path = Path(path)
    raw = read_document(path)
    text = normalize(raw.text).text
    # One pass of every gazetteer over the text; the extractors' questions about its windows read the hits.
    with scanning(text, gazetteers()), _collector_paused():
        return _facts(doc_id, path, raw.data, text)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while one document is extracted, back as it was after.

    Extraction makes hundreds of thousands of small containers (hits, mentions, lists, tuples) that
    reference counting frees; the collector, run every 700 of them, found nothing to free and took 6-9% of
    extraction time. What cycles a document does make (its sections point at their parents) are collected
    once the collector is back on: at most one document's worth at a time. Of threads extracting side by
    side, the one that found it on turns it back on, so it is never left off."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@lru_cache(maxsize=1)
def gazetteers() -> tuple[SurfaceMatcher, ...]:
    """The matchers a document is scanned with, loaded once per process with their combined automaton and
    jieba's dictionary; then every object alive is frozen out of the cyclic collector (gc.freeze).

    These dictionaries live as long as the process, and each full collection walked all their containers
    again: about 5% of extraction time, spent proving that nothing in them is garbage."""
    matchers = (place_matcher(), park_matcher(), industry_matcher(), firm_matcher())
    DocumentScan("", matchers)  # builds the combined automaton the document scans share
    load_words()
    gc.freeze()
    return matchers


def _facts(doc_id: str, path: Path, data: bytes, text: str) -> FactBatch:
    doc = segment(text)
    meta = extract_metadata(text)
    context = _context(text, meta)
    extraction = extract_relations(doc, context.province, context.jurisdiction)

    batch = FactBatch(doc_id)
    extra = manifest_for(path)
    jurisdiction_node = add_place(batch, context.jurisdiction.key) if context.jurisdiction else None
    level = extra.get("level") or (
        LEVEL_BY_PLACE.get(jurisdiction_node.props.get("level")) if jurisdiction_node else None)
    batch.add_node(Node("Document", doc_id, meta.title or path.stem, [], None, {
        "file": path.name, "title": meta.title, "issuer": meta.issuer, "doc_number": meta.doc_number,
        "published": meta.published, "released": meta.released, "level": level,
        "sha256": hashlib.sha256(data).hexdigest(), "chars": len(text), "source": extra.get("source"),
        "jurisdiction": jurisdiction_node.name if jurisdiction_node else None, "text": text,
    }))
    if jurisdiction_node is not None:
        evidence_start, evidence_end = meta.issuer_span or (0, 0)
        batch.add_edge(Edge("APPLIES_TO", doc_id, jurisdiction_node.id, "Document", "City",
                            _provenance(doc_id, text, evidence_start, evidence_end)))

    mentioned = Counter()
    for mention in extraction.places + extraction.parks + extraction.industries:
        node = add_mention(batch, mention)
        mentioned[(node.id, node.label)] += 1
        sentence = DocContext.sentence_span(doc, mention.start)
        edge = Edge("MENTIONS", doc_id, node.id, "Document", node.label, {**_provenance(doc_id, text, *sentence),
                                                                         "count": 1})
        batch.add_edge(edge)
    # An edge keeps the first of its equally strong sightings: let a sentence that writes the place say why.
    for relation in sorted(extraction.relations, key=lambda r: not r.source.inside(r.sentence.start, r.sentence.end)):
        source = add_mention(batch, relation.source)
        target = add_mention(batch, relation.target)
        props = _provenance(doc_id, text, relation.sentence.start, relation.sentence.end)
        if relation.type == "TARGETS":
            props["strength"] = relation.strength or "other"
        batch.add_edge(Edge(relation.type, source.id, target.id, source.label, target.label, props))
    context_for_extractors = DocContext(doc_id, text, doc, meta, context.province, context.jurisdiction)
    for extractor in FACT_EXTRACTORS:
        extractor(context_for_extractors, batch)
    link_lexicon_hierarchy(batch)
    return batch


def _provenance(doc_id: str, text: str, start: int, end: int) -> dict:
    return {"doc": doc_id, "evidence": text[start:end], "start": start, "end": end}


SELF_REFERENCE = {"新区": ("new_area",), "市": ("city",), "省": ("province",), "区": ("district", "new_area"),
                  "县": ("county",)}


def _most_specific(found: list[Mention]) -> Mention:
    """The last place of the chain that opens an issuer or title: 北京市大兴区人民政府 is 大兴区's."""
    chain = found[0]
    for mention in found[1:]:
        if mention.start != chain.end:
            break
        chain = mention
    return chain


def _context(text: str, meta) -> DocumentContext:
    """The document's jurisdiction: the place its issuer or title names; for an issuer that names itself only
    by kind ("新区…调研组", "市…局"), the most-mentioned place of that kind in the document's province;
    else the place of the province it names most."""
    province = guess_province(text)
    places = load_places()
    for source in (meta.issuer, meta.title):
        if source:
            found = find_places(source, province)
            if found:
                jurisdiction = _most_specific(found)
                return DocumentContext(province_of(places[jurisdiction.key]) or province, jurisdiction)
    mentions = [m for m in find_places(text, province) if province_of(places[m.key]) == province]
    levels = next((lv for word, lv in SELF_REFERENCE.items() if meta.issuer and meta.issuer.startswith(word)), None)
    if levels:
        mentions = [m for m in mentions if m.props.get("level") in levels] or mentions
    counts = Counter(m.key for m in mentions if m.props.get("level") != "province")
    if counts:
        entry = places[counts.most_common(1)[0][0]]
        return DocumentContext(province, Mention("City", 0, 0, entry.name, entry.id, entry.name,
                                                 {"level": entry.props.get("level")}))
    if province:
        entry = places[province]
        return DocumentContext(province, Mention("City", 0, 0, entry.name, entry.id, entry.name,
                                                 {"level": "province"}))
    return DocumentContext(province, None)
