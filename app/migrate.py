"""Copy a graph from one store into another: the embedded graph a laptop built, into production Neo4j.

The graph travels as the batches a build would have produced: one per document (its documented edges and
every node they touch, the document's text included), loaded with `replace_document`, then the facts no
document owns (gazetteer PART_OF/SUBSECTOR_OF, nodes without edges) with `upsert`. So the target applies
its own write rules (MERGE on id, one relationship per source, type, target and document), a migration
interrupted half-way is finished by running it again, and a re-run never duplicates anything.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from graph.model import COMMON_NODE_PROPERTIES, Edge, FactBatch, Node
from graph.stores import GraphStore

UNOWNED = "migration:unowned"  # the batch of facts that belong to no document


@dataclass
class MigrationReport:
    documents: int = 0
    nodes: int = 0
    edges: int = 0
    source_counts: dict[str, int] = field(default_factory=dict)
    target_counts: dict[str, int] = field(default_factory=dict)

    @property
    def differences(self) -> dict[str, tuple[int, int]]:
        """Label or type -> (source, target) where the two stores disagree after the copy."""
        keys = set(self.source_counts) | set(self.target_counts)
        return {k: (self.source_counts.get(k, 0), self.target_counts.get(k, 0)) for k in sorted(keys)
                if self.source_counts.get(k, 0) != self.target_counts.get(k, 0)}


def batches_from_export(data: dict[str, list[dict[str, Any]]], texts: dict[str, str | None] | None = None
                        ) -> list[FactBatch]:
    """SCHEMA.md's export structure as self-contained batches: one per document, then the unowned facts.

    `texts` (Document id -> normalised text) restores what exports leave out, so evidence offsets still
    point into the right text in the target store.
    """
    texts = texts or {}
    nodes = {n["id"]: _node(n, texts.get(n["id"])) for n in data["nodes"]}
    by_doc: dict[str | None, list[Edge]] = defaultdict(list)
    for e in data["edges"]:
        source, target = nodes.get(e["source"]), nodes.get(e["target"])
        if source is None or target is None:
            raise ValueError(f"{e['type']} edge {e['source']} -> {e['target']} points at a node the export lacks")
        edge = Edge(e["type"], source.id, target.id, source.label, target.label, dict(e["properties"]))
        by_doc[e["properties"].get("doc")].append(edge)

    batches: list[FactBatch] = []
    placed: set[str] = set()
    documents = [n for n in nodes.values() if n.label == "Document"]
    for document in documents:
        batch = FactBatch(doc_id=document.id)
        batch.add_node(_copy(document))
        for edge in by_doc.pop(document.id, []):
            batch.add_node(_copy(nodes[edge.source]))
            batch.add_node(_copy(nodes[edge.target]))
            batch.add_edge(edge)
        placed.update(batch.nodes)
        batches.append(batch)
    rest = FactBatch(doc_id=UNOWNED)
    for edges in by_doc.values():  # no document, or a document the export does not hold
        for edge in edges:
            rest.add_node(_copy(nodes[edge.source]))
            rest.add_node(_copy(nodes[edge.target]))
            rest.add_edge(edge)
    for node_id, node in nodes.items():
        if node_id not in placed and node_id not in rest.nodes:
            rest.add_node(_copy(node))
    if rest.nodes:
        batches.append(rest)
    return batches


def migrate(source: GraphStore, target: GraphStore,
            progress: Callable[[FactBatch], None] | None = None) -> MigrationReport:
    """Copy everything `source` holds into `target`; the report carries both sides' counts afterwards."""
    data = source.export()
    texts = {n["id"]: source.document_text(n["id"]) for n in data["nodes"] if n["label"] == "Document"}
    report = MigrationReport(nodes=len(data["nodes"]), edges=len(data["edges"]))
    for batch in batches_from_export(data, texts):
        if batch.doc_id == UNOWNED:
            target.upsert(batch)
        else:
            target.replace_document(batch)
            report.documents += 1
        if progress:
            progress(batch)
    report.source_counts = source.counts()
    report.target_counts = target.counts()
    return report


def _node(exported: dict[str, Any], text: str | None) -> Node:
    props = {k: v for k, v in exported["properties"].items() if k not in COMMON_NODE_PROPERTIES}
    if text is not None:
        props["text"] = text
    properties = exported["properties"]
    return Node(label=exported["label"], id=exported["id"], name=exported["name"],
                aliases=list(properties.get("aliases") or []), name_en=properties.get("name_en"), props=props)


def _copy(node: Node) -> Node:
    """A fresh Node per batch: FactBatch.add_node merges into what it holds, which must not leak across batches."""
    return Node(node.label, node.id, node.name, list(node.aliases), node.name_en, dict(node.props))
