"""Alignment: do a place's own plans target what the provincial plans assign to it?

For every place (a city, new area, zone… — not provinces or macro areas, which are not assigned to), two
industry sets are compared: those provincial documents (Document.level == 'province') assign to it by a
TARGETS edge, and those its own documents (Document.jurisdiction == its name, or APPLIES_TO it) target for
it. Reported: shared, only-provincial, only-city, and Jaccard. A place without its own documents is listed
with its provincial assignments, the flag `has_own_documents` false, and no Jaccard (nothing to compare).

Industries are compared by id: 航空 assigned and 航空零部件 planned do not match. `related` lists such
pairs (one a SUBSECTOR_OF descendant of the other), so a low Jaccard can be told apart from a real gap.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graph.analysis.load import display, edges_of

NOT_ASSIGNED = ("province", "area")


@dataclass
class AlignmentRow:
    city: str
    name: str
    level: str | None
    has_own_documents: bool
    provincial_docs: list[str]
    own_docs: list[str]
    shared: list[str]
    only_provincial: list[str]
    only_city: list[str]
    jaccard: float | None
    related: list[dict[str, str]]

    def to_dict(self, graph: nx.MultiDiGraph) -> dict[str, Any]:
        def named(ids: list[str]) -> list[dict[str, str]]:
            return [{"id": i, "name": display(graph, i)} for i in ids]

        return {"city": self.city, "name": self.name, "level": self.level,
                "has_own_documents": self.has_own_documents, "provincial_docs": self.provincial_docs,
                "own_docs": self.own_docs, "counts": {"shared": len(self.shared),
                                                      "only_provincial": len(self.only_provincial),
                                                      "only_city": len(self.only_city)},
                "jaccard": self.jaccard, "shared": named(self.shared), "only_provincial": named(self.only_provincial),
                "only_city": named(self.only_city), "related": self.related}


@dataclass
class Alignment:
    graph: nx.MultiDiGraph
    rows: list[AlignmentRow]

    def row(self, city: str) -> AlignmentRow:
        """The row of a place, by id or name."""
        for row in self.rows:
            if city in (row.city, row.name):
                return row
        raise LookupError(f"no alignment row for {city!r}")

    def to_dict(self) -> dict[str, Any]:
        return {"provincial": "Document.level == 'province'",
                "own": "Document.jurisdiction == the place's name, or the document APPLIES_TO the place",
                "rows": [r.to_dict(self.graph) for r in self.rows]}


def alignment(graph: nx.MultiDiGraph) -> Alignment:
    """One row per place that provincial documents assign industries to or that has documents of its own."""
    documents = {n: d for n, d in graph.nodes(data=True) if d.get("label") == "Document"}
    provincial = {d for d, data in documents.items() if data.get("level") == "province"}
    own_docs: dict[str, set[str]] = defaultdict(set)
    by_name: dict[str, list[str]] = defaultdict(list)
    for node, data in graph.nodes(data=True):
        if data.get("label") == "City":
            by_name[data.get("name")].append(node)
    for doc, data in documents.items():
        if doc not in provincial:
            for city in by_name.get(data.get("jurisdiction"), []):
                own_docs[city].add(doc)
    for doc, city, _ in edges_of(graph, "APPLIES_TO"):
        if doc not in provincial:
            own_docs[city].add(doc)
    assigned: dict[str, set[str]] = defaultdict(set)
    planned: dict[str, set[str]] = defaultdict(set)
    assigned_by: dict[str, set[str]] = defaultdict(set)
    for city, industry, data in edges_of(graph, "TARGETS"):
        doc = data.get("doc")
        if doc in provincial:
            assigned[city].add(industry)
            assigned_by[city].add(doc)
        elif doc in own_docs.get(city, ()):
            planned[city].add(industry)
    places = sorted(c for c in set(assigned) | set(own_docs) if graph.nodes[c].get("level") not in NOT_ASSIGNED)
    taxonomy = nx.DiGraph((s, t) for s, t, _ in edges_of(graph, "SUBSECTOR_OF"))
    return Alignment(graph, [_row(graph, c, assigned[c], planned[c], sorted(assigned_by[c]), sorted(own_docs[c]),
                                  taxonomy) for c in places])


def _row(graph: nx.MultiDiGraph, city: str, assigned: set[str], planned: set[str], provincial_docs: list[str],
         own_docs: list[str], taxonomy: nx.DiGraph) -> AlignmentRow:
    union = assigned | planned
    has_own = bool(own_docs)
    only_provincial = sorted(assigned - planned)
    only_city = sorted(planned - assigned)
    return AlignmentRow(
        city=city, name=display(graph, city), level=graph.nodes[city].get("level"), has_own_documents=has_own,
        provincial_docs=provincial_docs, own_docs=own_docs, shared=sorted(assigned & planned),
        only_provincial=only_provincial, only_city=only_city,
        jaccard=(len(assigned & planned) / len(union) if union else 0.0) if has_own else None,
        related=_related(graph, only_provincial, only_city, taxonomy))


def _related(graph: nx.MultiDiGraph, provincial: list[str], city: list[str], taxonomy: nx.DiGraph
             ) -> list[dict[str, str]]:
    """Pairs (provincial-only, city-only) where one is a sub-industry of the other."""
    def above(industry: str) -> set[str]:
        return nx.descendants(taxonomy, industry) if industry in taxonomy else set()

    parents = {i: above(i) for i in [*provincial, *city]}
    rows = []
    for p in provincial:
        for c in city:
            if p in parents[c]:
                rows.append({"provincial": display(graph, p), "city": display(graph, c), "relation": "city's is a sub-industry"})
            elif c in parents[p]:
                rows.append({"provincial": display(graph, p), "city": display(graph, c), "relation": "city's is broader"})
    return rows
