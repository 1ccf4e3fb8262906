"""Industry co-targeting: which industries are planned together, and which places plan alike.

The City–Industry bipartite graph (TARGETS, parallel edges from several documents collapsed to one tie) is
projected two ways. Onto industries: two industries are linked by the places that target both (and their
Jaccard, which discounts industries every place names). Onto places: two places are linked by how alike
their industry profiles are (Jaccard and cosine of their industry sets).

Ties are weighed by what they state (`evidence`: a plan's target 1.0, a descriptive statement 0.2 by
default, see graph/analysis/evidence.py). Read a weight as how likely the statement is a plan's target: a
tie two places (industries) share counts w_a·w_b, the expected number of industries both plan (places that
plan both) — 1 when both sides target it, 0.2 when one side only describes it, 0.04 when both do. Jaccard
is `shared` = Σ w_a·w_b over the number of ties either side has, so places alike only in what one report
lists about them are 0.04 alike, not identical, while places planning the same industries are 1. With
every statement 1.0 (`evidence="all"`) these are the plain counts and the set Jaccard and cosine; the
unweighted counts are kept beside them (`places`, `industries`).

Projections are sparse matrix products (W.T·W and W·W.T of the place × industry weights, and the same of
its 0/1 pattern for the counts), not pair loops, so they stay fast at 100,000-node scale. The place
projection can have a pair for nearly every two places (every place names 装备制造); `city_top_k` keeps each
place's k most similar places instead, which bounds the graph that communities and figures work on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
from scipy import sparse

from graph.analysis.evidence import DIGITS, Evidence, describe, parse, ties
from graph.analysis.load import display, edges_of

# Provinces and macro areas restate their members' plans; counting them as one more "city" would inflate
# every co-targeting count, so by default only places that plan for themselves are projected.
DEFAULT_LEVELS: tuple[str, ...] = ("city", "district", "county", "new_area", "new_town", "zone")
BLOCK_CELLS = 4_000_000  # cells of one dense block of the place × place product (≈32 MB of int64)


@dataclass
class Incidence:
    """The place × industry matrix of tie weights (0: no tie), rows and columns in id order."""

    cities: list[str]
    industries: list[str]
    matrix: sparse.csr_matrix
    evidence: Evidence = Evidence.all

    @property
    def indicator(self) -> sparse.csr_matrix:
        """1 where there is a tie, whatever it weighs (the weights' sparsity pattern, copied)."""
        return sparse.csr_matrix((np.ones(self.matrix.nnz, dtype=np.int64), self.matrix.indices.copy(),
                                  self.matrix.indptr.copy()), shape=self.matrix.shape)

    @property
    def city_degree(self) -> np.ndarray:
        """Industries each place has a tie to (a count)."""
        return np.asarray(self.indicator.sum(axis=1)).ravel()

    @property
    def industry_degree(self) -> np.ndarray:
        """Places tied to each industry (a count)."""
        return np.asarray(self.indicator.sum(axis=0)).ravel()

    @property
    def city_weight(self) -> np.ndarray:
        """Each place's ties, weighed by what they state."""
        return np.round(np.asarray(self.matrix.sum(axis=1)).ravel(), DIGITS)

    @property
    def industry_weight(self) -> np.ndarray:
        """Each industry's places, weighed by what they state."""
        return np.round(np.asarray(self.matrix.sum(axis=0)).ravel(), DIGITS)


@dataclass
class CoTargeting:
    """Both projections. Node attributes: `ties` (the node's ties, weighted), `cities` (industry graph) or
    `industries` (place graph), a count. Edge attributes: industry graph `weight` = shared places (weighted),
    `places` (a count), `jaccard`; place graph `weight` = Jaccard, `shared` (weighted shared industries),
    `industries` (a count), `cosine`."""

    graph: nx.MultiDiGraph
    incidence: Incidence
    industry_graph: nx.Graph
    city_graph: nx.Graph
    levels: tuple[str, ...]
    city_top_k: int | None
    evidence: Evidence = Evidence.all

    def industry_pairs(self, limit: int | None = None, industry: str | None = None) -> list[dict[str, Any]]:
        """Industry pairs, most shared places first (ties: Jaccard, then ids); only those of `industry`."""
        return _pairs(self.industry_graph, "shared", "jaccard", limit, industry)

    def city_pairs(self, limit: int | None = None, city: str | None = None) -> list[dict[str, Any]]:
        """Place pairs, most alike first (Jaccard, then shared industries, then ids)."""
        return _pairs(self.city_graph, "jaccard", "shared", limit, city)

    def similarity(self, a: str, b: str) -> dict[str, float | int]:
        """Shared industries (weighted, and a count), Jaccard and cosine of two places, computed directly (not
        cut by top-k)."""
        shared, counts, jaccard, cosine = _similarity(self.incidence, [a, b])
        return {"shared": float(shared[0, 1]), "industries": int(counts[0, 1]), "jaccard": float(jaccard[0, 1]),
                "cosine": float(cosine[0, 1])}

    def similarity_matrix(self, cities: list[str]) -> np.ndarray:
        """Jaccard similarity of these places to each other (diagonal 1), for the heat map."""
        return _similarity(self.incidence, cities)[2] if cities else np.zeros((0, 0))

    def to_dict(self, limit: int = 50) -> dict[str, Any]:
        inc = self.incidence
        weighted = dict(zip(inc.industries, inc.industry_weight.tolist(), strict=True))
        count = dict(zip(inc.industries, inc.industry_degree.tolist(), strict=True))
        industries = sorted(self.industry_graph.nodes, key=lambda n: (-weighted[n], -count[n], n))
        return {
            "evidence": describe(self.evidence),
            "levels": list(self.levels),
            "cities": len(inc.cities), "industries": len(inc.industries), "targets": int(inc.matrix.nnz),
            "industry_pairs_total": self.industry_graph.number_of_edges(),
            "city_pairs_total": self.city_graph.number_of_edges(),
            "city_top_k": self.city_top_k,
            "most_targeted": [{"id": n, "name": display(self.industry_graph, n), "ties": weighted[n],
                               "cities": count[n], "co_targeted_with": self.industry_graph.degree(n)}
                              for n in industries[:limit]],
            "industry_pairs": self.industry_pairs(limit),
            "city_pairs": self.city_pairs(limit),
        }


def incidence(graph: nx.MultiDiGraph, levels: Iterable[str] = DEFAULT_LEVELS,
              strengths: Iterable[str] | None = None, evidence: str | Evidence | None = None) -> Incidence:
    """Places (of these levels) × industries they TARGET (with one of these strengths, or any), each tie
    weighing its strongest statement under `evidence` (ties weighing nothing left out)."""
    levels, wanted = set(levels), set(strengths or ())
    chosen = parse(evidence)
    edges = ((c, i, d) for c, i, d in edges_of(graph, "TARGETS")
             if graph.nodes[c].get("level") in levels and (not wanted or d.get("strength") in wanted))
    weights = ties(graph, chosen, edges)
    cities = sorted({c for c, _ in weights})
    industries = sorted({i for _, i in weights})
    row = {c: k for k, c in enumerate(cities)}
    col = {i: k for k, i in enumerate(industries)}
    pairs = sorted(weights)
    data = np.array([weights[p] for p in pairs], dtype=np.float64)
    matrix = sparse.csr_matrix((data, ([row[c] for c, _ in pairs], [col[i] for _, i in pairs])),
                               shape=(len(cities), len(industries)))
    return Incidence(cities, industries, matrix, chosen)


def cotargeting(graph: nx.MultiDiGraph, levels: Iterable[str] = DEFAULT_LEVELS, strengths: Iterable[str] | None = None,
                min_shared: int = 1, city_top_k: int | None = None,
                evidence: str | Evidence | None = None) -> CoTargeting:
    """Both projections of the TARGETS bipartite graph, ties weighed by `evidence` (default: weighted).

    `min_shared` drops industry pairs with fewer places in common (a count, whatever their ties weigh);
    `city_top_k` keeps, for each place, only its k most similar places (None: every pair that shares an
    industry).
    """
    levels = tuple(levels)
    inc = incidence(graph, levels, strengths, evidence)
    return CoTargeting(graph, inc, _industry_projection(graph, inc, min_shared),
                       _city_projection(graph, inc, city_top_k), levels, city_top_k, inc.evidence)


def _industry_projection(graph: nx.MultiDiGraph, inc: Incidence, min_shared: int) -> nx.Graph:
    degree = inc.industry_degree
    weighted = inc.industry_weight
    counted = sparse.triu(inc.indicator.T @ inc.indicator, k=1).tocoo()
    keep = counted.data >= max(min_shared, 1)
    rows, cols, counts = counted.row[keep], counted.col[keep], counted.data[keep]
    shared = (inc.matrix.T @ inc.matrix).tocsr()
    sums = np.round(np.asarray(shared[rows, cols]).ravel(), DIGITS) if rows.size else np.zeros(0)
    order = np.lexsort((cols, rows))  # edges in id order: the insertion order Louvain's seed relies on
    jaccard = sums / (degree[rows] + degree[cols] - counts)
    projection = nx.Graph()
    for k, industry in enumerate(inc.industries):
        projection.add_node(industry, **_attrs(graph, industry), cities=int(degree[k]), ties=float(weighted[k]))
    projection.add_edges_from(
        (inc.industries[rows[k]], inc.industries[cols[k]],
         {"weight": float(sums[k]), "places": int(counts[k]), "jaccard": float(jaccard[k])})
        for k in order)
    return projection


def _similarity(inc: Incidence, cities: list[str]) -> tuple[np.ndarray, ...]:
    """Shared (weighted), shared (a count), Jaccard and cosine of every two of these places, as matrices (a
    place with itself: Jaccard and cosine 1)."""
    index = {c: i for i, c in enumerate(inc.cities)}
    picked = [index[c] for c in cities]
    indicator, weights = inc.indicator[picked], inc.matrix[picked]
    counts = (indicator @ indicator.T).toarray()
    shared = np.round((weights @ weights.T).toarray(), DIGITS)
    degree = np.diag(counts).astype(float)
    union = degree[:, None] + degree[None, :] - counts
    root = np.sqrt(degree[:, None] * degree[None, :])
    with np.errstate(divide="ignore", invalid="ignore"):
        jaccard = np.where(union > 0, shared / union, 0.0)
        cosine = np.where(root > 0, shared / root, 0.0)
    itself = np.diag(degree > 0)
    return shared, counts, np.where(itself, 1.0, jaccard), np.where(itself, 1.0, cosine)


def _city_projection(graph: nx.MultiDiGraph, inc: Incidence, top_k: int | None) -> nx.Graph:
    """Place pairs by Jaccard, computed block by block so the place × place product is never held whole."""
    indicator = inc.indicator
    matrix = inc.matrix
    degree = inc.city_degree
    weighted = inc.city_weight
    n = len(inc.cities)
    pairs: dict[tuple[int, int], tuple[float, int, float]] = {}
    block = max(1, BLOCK_CELLS // max(n, 1))
    for start in range(0, n, block):
        stop = min(start + block, n)
        counts = (indicator[start:stop] @ indicator.T).toarray()
        shared = np.round((matrix[start:stop] @ matrix.T).toarray(), DIGITS)
        union = degree[start:stop, None] + degree[None, :] - counts
        with np.errstate(divide="ignore", invalid="ignore"):
            jaccard = np.where(counts > 0, shared / union, 0.0)
        for offset in range(stop - start):
            a = start + offset
            jaccard[offset, a] = 0.0
            candidates = np.flatnonzero(jaccard[offset])
            if top_k is None:
                candidates = candidates[candidates > a]
            else:
                order = np.lexsort((candidates, -jaccard[offset, candidates]))  # best first, ties by id
                candidates = candidates[order[:top_k]]
            for b in candidates.tolist():
                pairs[(min(a, b), max(a, b))] = (float(shared[offset, b]), int(counts[offset, b]),
                                                 float(jaccard[offset, b]))
    projection = nx.Graph()
    for k, city in enumerate(inc.cities):
        projection.add_node(city, **_attrs(graph, city), industries=int(degree[k]), ties=float(weighted[k]))
    for (a, b), (shared_w, count, jac) in sorted(pairs.items()):
        cosine = shared_w / float(np.sqrt(degree[a] * degree[b]))
        projection.add_edge(inc.cities[a], inc.cities[b], weight=jac, shared=shared_w, industries=count,
                            cosine=cosine)
    return projection


def _attrs(graph: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    data = graph.nodes[node]
    return {k: data[k] for k in ("label", "name", "name_en", "level") if k in data}


def _pairs(projection: nx.Graph, primary: str, secondary: str, limit: int | None,
           node: str | None) -> list[dict[str, Any]]:
    """Edges as rows (`weight` renamed to `primary`), sorted by primary then secondary, descending, then ids."""
    edges = projection.edges(node, data=True) if node is not None else projection.edges(data=True)
    rows = []
    for a, b, data in edges:
        a, b = sorted((a, b))
        rows.append({"a": a, "a_name": display(projection, a), "b": b, "b_name": display(projection, b),
                     primary: data["weight"], **{k: v for k, v in data.items() if k != "weight"}})
    rows.sort(key=lambda r: (-r[primary], -r[secondary], r["a"], r["b"]))
    return rows[:limit] if limit is not None else rows
