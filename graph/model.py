"""SCHEMA.md in code: the only shape facts take between the loaders and a store.

Loaders produce a `FactBatch` per document; stores persist it; exports read it back. Keeping the labels,
relationship endpoints and property names here (and nowhere else) is what lets the embedded store, Neo4j
and the exports agree on one contract.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

NODE_LABELS: tuple[str, ...] = ("Document", "City", "Park", "Industry", "Firm", "Org", "Agency", "Task", "Target")

# Node properties beyond id/name/aliases/name_en, with their types ("str", "int", "float", "list").
NODE_PROPERTIES: dict[str, dict[str, str]] = {
    "Document": {
        "file": "str", "title": "str", "issuer": "str", "doc_number": "str", "published": "str", "level": "str",
        "sha256": "str", "chars": "int", "source": "str", "jurisdiction": "str", "text": "str", "released": "str",
    },
    "City": {"level": "str", "adcode": "str", "longitude": "float", "latitude": "float", "province": "str"},
    "Park": {"kind": "str", "tier": "str"},
    "Industry": {"level": "str", "code": "str"},
    "Firm": {"full_name": "str", "short_name": "str"},
    "Org": {"kind": "str"},
    "Agency": {"level": "str", "jurisdiction": "str"},
    "Task": {"title": "str", "section": "str", "doc": "str"},
    "Target": {
        "metric": "str", "value": "float", "unit": "str", "comparator": "str", "year": "int", "kind": "str",
        "doc": "str", "value_max": "float",
    },
}
COMMON_NODE_PROPERTIES: dict[str, str] = {"name": "str", "aliases": "list", "name_en": "str"}

# Relationship type -> allowed (from label, to label) pairs.
EDGE_ENDPOINTS: dict[str, tuple[tuple[str, str], ...]] = {
    "MENTIONS": tuple(("Document", label) for label in NODE_LABELS if label != "Document"),
    "ISSUED": (("Agency", "Document"),),
    "APPLIES_TO": (("Document", "City"),),
    "PART_OF": (("City", "City"), ("Park", "Park")),
    "TARGETS": (("City", "Industry"),),
    "LOCATED_IN": (("Park", "City"), ("Firm", "City"), ("Firm", "Park"), ("Org", "City")),
    "HOSTS": (("Park", "Industry"),),
    "SUBSECTOR_OF": (("Industry", "Industry"),),
    "LEADS_CHAIN": (("Firm", "Industry"),),
    "IN_INDUSTRY": (("Firm", "Industry"), ("Org", "Industry")),
    "LEADS": (("Agency", "Task"),),
    "SUPPORTS": (("Agency", "Task"),),
    "HAS_TARGET": (("Task", "Target"), ("Document", "Target")),
    "FOR_REGION": (("Target", "City"),),
    "FOR_INDUSTRY": (("Target", "Industry"),),
    "CONCERNS": (("Task", "Industry"),),
}
# Provenance every extracted relationship carries, plus the type-specific extras.
EDGE_PROPERTIES: dict[str, str] = {
    "doc": "str", "evidence": "str", "start": "int", "end": "int", "strength": "str", "count": "int",
}
STRENGTHS: tuple[str, ...] = ("key", "cultivate", "other")


def coerce(value: Any, kind: str) -> Any:
    """A property value as the type NODE_PROPERTIES/EDGE_PROPERTIES give it, so every store holds the same types
    (empty strings become absent values)."""
    if value is None or value == "":
        return None
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    if kind == "list":
        return list(value)
    return str(value)


def make_id(label: str, key: str) -> str:
    """A stable node id from its label and canonical key, so re-loading a document never duplicates a node.

    Readable keys (names, adcodes) stay readable; very long keys are hashed to keep ids short.
    """
    key = key.strip()
    if len(key) > 48:
        key = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
    return f"{label.lower()}:{key}"


@dataclass
class Node:
    """One entity. `props` holds the label-specific properties of NODE_PROPERTIES."""

    label: str
    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    name_en: str | None = None
    props: dict[str, Any] = field(default_factory=dict)

    def merge(self, other: Node) -> None:
        """Fold another sighting of the same entity into this one (aliases union, missing props filled)."""
        for alias in [other.name, *other.aliases]:
            if alias and alias != self.name and alias not in self.aliases:
                self.aliases.append(alias)
        self.name_en = self.name_en or other.name_en
        for key, value in other.props.items():
            if self.props.get(key) in (None, "") and value not in (None, ""):
                self.props[key] = value


@dataclass
class Edge:
    """One relationship with its provenance: the document, the evidence sentence and its offsets."""

    type: str
    source: str
    target: str
    source_label: str
    target_label: str
    props: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str, str, str | None]:
        """SCHEMA.md: one relationship per (source, type, target, document)."""
        return (self.source, self.type, self.target, self.props.get("doc"))


@dataclass
class FactBatch:
    """Everything one document contributes: its nodes and edges, deduplicated by id and edge key."""

    doc_id: str
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: dict[tuple, Edge] = field(default_factory=dict)

    def add_node(self, node: Node) -> Node:
        existing = self.nodes.get(node.id)
        if existing is None:
            self.nodes[node.id] = node
            return node
        existing.merge(node)
        return existing

    def add_edge(self, edge: Edge) -> Edge:
        """Keep the first sighting of an edge; a MENTIONS edge counts its sightings instead."""
        allowed = EDGE_ENDPOINTS.get(edge.type)
        if allowed is None or (edge.source_label, edge.target_label) not in allowed:
            raise ValueError(f"{edge.type} cannot join {edge.source_label} to {edge.target_label} (SCHEMA.md)")
        existing = self.edges.get(edge.key)
        if existing is None:
            self.edges[edge.key] = edge
            return edge
        if edge.type == "MENTIONS":
            existing.props["count"] = existing.props.get("count", 1) + edge.props.get("count", 1)
        elif edge.type == "TARGETS" and _stronger(edge.props.get("strength"), existing.props.get("strength")):
            existing.props.update(edge.props)
        return existing


def _stronger(a: str | None, b: str | None) -> bool:
    order = {s: i for i, s in enumerate(STRENGTHS)}
    return order.get(a or "other", 2) < order.get(b or "other", 2)
