"""Alignment: do a place's own plans target what the provincial plans assign to it?

For every place (a city, new area, zone… — not provinces or macro areas, which are not assigned to), two
industry sets are compared: those provincial documents (Document.level == 'province') assign to it by a
TARGETS edge, and those its own documents (Document.jurisdiction == its name, or APPLIES_TO it) target for
it. Reported: shared, only-provincial, only-city, and Jaccard. A place without its own documents is listed
with its provincial assignments, the flag `has_own_documents` false, and no Jaccard (nothing to compare).

Ties weigh what they state (graph/analysis/evidence.py; default: a plan's target 1.0, a descriptive
statement 0.2, a tie keeping its strongest statement on each side). Counts are weighted: an industry only one
side names counts its weight there, a shared one the product of both sides' weights (as in co-targeting:
the chance both plan it), and Jaccard is the shared weight over the number of industries either side names
— a provincial plan's target that the place only describes is 0.2 aligned, not fully. Every industry listed carries its `weight`. With `plans`,
descriptive statements are left out; with `all` (every statement 1.0) these are the plain counts and Jaccard.

Industries are compared by id: 航空 assigned and 航空零部件 planned do not match. `related` lists such
pairs (one a SUBSECTOR_OF descendant of the other), so a low Jaccard can be told apart from a real gap.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graph.analysis.evidence import DIGITS, Evidence, describe, parse, ties, weight
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
    weights: dict[str, float]  # industry -> its weight in the row (shared: the product of both sides')
    counts: dict[str, float]  # shared, only_provincial, only_city: weighted counts

    def to_dict(self, graph: nx.MultiDiGraph) -> dict[str, Any]:
        def named(ids: list[str]) -> list[dict[str, Any]]:
            return [{"id": i, "name": display(graph, i), "weight": self.weights[i]} for i in ids]

        return {"city": self.city, "name": self.name, "level": self.level,
                "has_own_documents": self.has_own_documents, "provincial_docs": self.provincial_docs,
                "own_docs": self.own_docs, "counts": self.counts,
                "industries": {"shared": len(self.shared), "only_provincial": len(self.only_provincial),
                               "only_city": len(self.only_city)},
                "jaccard": self.jaccard, "shared": named(self.shared), "only_provincial": named(self.only_provincial),
                "only_city": named(self.only_city), "related": self.related}


@dataclass
class Alignment:
    graph: nx.MultiDiGraph
    rows: list[AlignmentRow]
    evidence: Evidence = Evidence.all

    def row(self, city: str) -> AlignmentRow:
        """The row of a place, by id or name."""
        for row in self.rows:
            if city in (row.city, row.name):
                return row
        raise LookupError(f"no alignment row for {city!r}")

    def to_dict(self) -> dict[str, Any]:
        return {"evidence": describe(self.evidence), "provincial": "Document.level == 'province'",
                "own": "Document.jurisdiction == the place's name, or the document APPLIES_TO the place",
                "rows": [r.to_dict(self.graph) for r in self.rows]}


def alignment(graph: nx.MultiDiGraph, evidence: str | Evidence | None = None) -> Alignment:
    """One row per place that provincial documents assign industries to or that has documents of its own,
    ties weighed by `evidence` (default: weighted)."""
    chosen = parse(evidence)
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
    assigned: dict[str, dict[str, float]] = defaultdict(dict)  # place -> industry -> weight
    planned: dict[str, dict[str, float]] = defaultdict(dict)
    assigned_by: dict[str, set[str]] = defaultdict(set)
    provincial_edges = [(c, i, d) for c, i, d in edges_of(graph, "TARGETS") if d.get("doc") in provincial]
    own_edges = [(c, i, d) for c, i, d in edges_of(graph, "TARGETS")
                 if d.get("doc") not in provincial and d.get("doc") in own_docs.get(c, ())]
    for (city, industry), w in ties(graph, chosen, provincial_edges).items():
        assigned[city][industry] = w
    for city, _, data in provincial_edges:
        if weight(data.get("strength"), chosen) > 0:
            assigned_by[city].add(data["doc"])
    for (city, industry), w in ties(graph, chosen, own_edges).items():
        planned[city][industry] = w
    places = sorted(c for c in set(assigned) | set(own_docs) if graph.nodes[c].get("level") not in NOT_ASSIGNED)
    taxonomy = nx.DiGraph((s, t) for s, t, _ in edges_of(graph, "SUBSECTOR_OF"))
    return Alignment(graph, [_row(graph, c, assigned[c], planned[c], sorted(assigned_by[c]), sorted(own_docs[c]),
                                  taxonomy) for c in places], chosen)


def _row(graph: nx.MultiDiGraph, city: str, assigned: dict[str, float], planned: dict[str, float],
         provincial_docs: list[str], own_docs: list[str], taxonomy: nx.DiGraph) -> AlignmentRow:
    union = set(assigned) | set(planned)
    has_own = bool(own_docs)
    shared = sorted(set(assigned) & set(planned))
    only_provincial = sorted(set(assigned) - set(planned))
    only_city = sorted(set(planned) - set(assigned))
    weights = {i: round(assigned[i] * planned[i], DIGITS) for i in shared} | {i: assigned[i] for i in only_provincial} | {
        i: planned[i] for i in only_city}
    counts = {key: round(sum(weights[i] for i in ids), DIGITS)
              for key, ids in (("shared", shared), ("only_provincial", only_provincial), ("only_city", only_city))}
    return AlignmentRow(
        city=city, name=display(graph, city), level=graph.nodes[city].get("level"), has_own_documents=has_own,
        provincial_docs=provincial_docs, own_docs=own_docs, shared=shared,
        only_provincial=only_provincial, only_city=only_city,
        jaccard=(counts["shared"] / len(union) if union else 0.0) if has_own else None,
        related=_related(graph, only_provincial, only_city, taxonomy), weights=weights, counts=counts)


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
