"""Industry co-targeting: which industries are planned together, and which places plan alike.

The City–Industry bipartite graph (TARGETS, parallel edges from several documents collapsed to one tie) is
projected two ways. Onto industries: two industries are linked by the number of places that target both
(and its Jaccard, which discounts industries every place names). Onto places: two places are linked by how
alike their industry profiles are (Jaccard and cosine of their industry sets).

Projections are sparse matrix products (B.T·B and B·B.T of the place × industry incidence), not pair loops,
so they stay fast at 100,000-node scale. The place projection can have a pair for nearly every two places
(every place names 装备制造); `city_top_k` keeps each place's k most similar places instead, which bounds
the graph that communities and figures work on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
from scipy import sparse

from graph.analysis.load import display, edges_of

# Provinces and macro areas restate their members' plans; counting them as one more "city" would inflate
# every co-targeting count, so by default only places that plan for themselves are projected.
DEFAULT_LEVELS: tuple[str, ...] = ("city", "district", "county", "new_area", "new_town", "zone")
BLOCK_CELLS = 4_000_000  # cells of one dense block of the place × place product (≈32 MB of int64)


@dataclass
class Incidence:
    """The place × industry 0/1 matrix, rows and columns in id order."""

    cities: list[str]
    industries: list[str]
    matrix: sparse.csr_matrix

    @property
    def city_degree(self) -> np.ndarray:
        return np.asarray(self.matrix.sum(axis=1)).ravel()

    @property
    def industry_degree(self) -> np.ndarray:
        return np.asarray(self.matrix.sum(axis=0)).ravel()


@dataclass
class CoTargeting:
    """Both projections. Edge attributes: industry graph `weight` = shared places, `jaccard`; place graph
    `weight` = Jaccard, `shared`, `cosine`."""

    graph: nx.MultiDiGraph
    incidence: Incidence
    industry_graph: nx.Graph
    city_graph: nx.Graph
    levels: tuple[str, ...]
    city_top_k: int | None

    def industry_pairs(self, limit: int | None = None, industry: str | None = None) -> list[dict[str, Any]]:
        """Industry pairs, most shared places first (ties: Jaccard, then ids); only those of `industry`."""
        return _pairs(self.industry_graph, "shared", "jaccard", limit, industry)

    def city_pairs(self, limit: int | None = None, city: str | None = None) -> list[dict[str, Any]]:
        """Place pairs, most alike first (Jaccard, then shared industries, then ids)."""
        return _pairs(self.city_graph, "jaccard", "shared", limit, city)

    def similarity(self, a: str, b: str) -> dict[str, float | int]:
        """Shared industries, Jaccard and cosine of two places, computed directly (not cut by top-k)."""
        index = {c: i for i, c in enumerate(self.incidence.cities)}
        rows = self.incidence.matrix[[index[a], index[b]]]
        shared = int(rows[0].multiply(rows[1]).sum())
        da, db = (int(x) for x in np.asarray(rows.sum(axis=1)).ravel())
        union = da + db - shared
        return {"shared": shared, "jaccard": shared / union if union else 0.0,
                "cosine": shared / float(np.sqrt(da * db)) if da and db else 0.0}

    def similarity_matrix(self, cities: list[str]) -> np.ndarray:
        """Jaccard similarity of these places to each other (diagonal 1), for the heat map."""
        index = {c: i for i, c in enumerate(self.incidence.cities)}
        rows = self.incidence.matrix[[index[c] for c in cities]]
        shared = (rows @ rows.T).toarray().astype(float)
        degree = np.diag(shared)
        union = degree[:, None] + degree[None, :] - shared
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(union > 0, shared / union, 0.0)

    def to_dict(self, limit: int = 50) -> dict[str, Any]:
        inc = self.incidence
        degree = dict(zip(inc.industries, inc.industry_degree.tolist(), strict=True))
        industries = sorted(self.industry_graph.nodes, key=lambda n: (-degree[n], n))
        return {
            "levels": list(self.levels),
            "cities": len(inc.cities), "industries": len(inc.industries), "targets": int(inc.matrix.nnz),
            "industry_pairs_total": self.industry_graph.number_of_edges(),
            "city_pairs_total": self.city_graph.number_of_edges(),
            "city_top_k": self.city_top_k,
            "most_targeted": [{"id": n, "name": display(self.industry_graph, n), "cities": degree[n],
                               "co_targeted_with": self.industry_graph.degree(n)} for n in industries[:limit]],
            "industry_pairs": self.industry_pairs(limit),
            "city_pairs": self.city_pairs(limit),
        }


def incidence(graph: nx.MultiDiGraph, levels: Iterable[str] = DEFAULT_LEVELS,
              strengths: Iterable[str] | None = None) -> Incidence:
    """Places (of these levels) × industries they TARGET (with one of these strengths, or any)."""
    levels, wanted = set(levels), set(strengths or ())
    ties: set[tuple[str, str]] = set()
    for city, industry, data in edges_of(graph, "TARGETS"):
        if graph.nodes[city].get("level") in levels and (not wanted or data.get("strength") in wanted):
            ties.add((city, industry))
    cities = sorted({c for c, _ in ties})
    industries = sorted({i for _, i in ties})
    row = {c: k for k, c in enumerate(cities)}
    col = {i: k for k, i in enumerate(industries)}
    pairs = sorted(ties)
    data = np.ones(len(pairs), dtype=np.int64)
    matrix = sparse.csr_matrix((data, ([row[c] for c, _ in pairs], [col[i] for _, i in pairs])),
                               shape=(len(cities), len(industries)))
    return Incidence(cities, industries, matrix)


def cotargeting(graph: nx.MultiDiGraph, levels: Iterable[str] = DEFAULT_LEVELS, strengths: Iterable[str] | None = None,
                min_shared: int = 1, city_top_k: int | None = None) -> CoTargeting:
    """Both projections of the TARGETS bipartite graph.

    `min_shared` drops industry pairs with fewer places in common; `city_top_k` keeps, for each place, only
    its k most similar places (None: every pair that shares an industry).
    """
    levels = tuple(levels)
    inc = incidence(graph, levels, strengths)
    return CoTargeting(graph, inc, _industry_projection(graph, inc, min_shared),
                       _city_projection(graph, inc, city_top_k), levels, city_top_k)


def _industry_projection(graph: nx.MultiDiGraph, inc: Incidence, min_shared: int) -> nx.Graph:
    degree = inc.industry_degree
    shared = sparse.triu(inc.matrix.T @ inc.matrix, k=1).tocoo()
    keep = shared.data >= max(min_shared, 1)
    rows, cols, counts = shared.row[keep], shared.col[keep], shared.data[keep]
    order = np.lexsort((cols, rows))  # edges in id order: the insertion order Louvain's seed relies on
    jaccard = counts / (degree[rows] + degree[cols] - counts)
    projection = nx.Graph()
    for k, industry in enumerate(inc.industries):
        projection.add_node(industry, **_attrs(graph, industry), cities=int(degree[k]))
    projection.add_edges_from(
        (inc.industries[rows[k]], inc.industries[cols[k]], {"weight": int(counts[k]), "jaccard": float(jaccard[k])})
        for k in order)
    return projection


def _city_projection(graph: nx.MultiDiGraph, inc: Incidence, top_k: int | None) -> nx.Graph:
    """Place pairs by Jaccard, computed block by block so the place × place product is never held whole."""
    matrix = inc.matrix
    degree = inc.city_degree
    n = len(inc.cities)
    pairs: dict[tuple[int, int], tuple[int, float]] = {}
    block = max(1, BLOCK_CELLS // max(n, 1))
    for start in range(0, n, block):
        stop = min(start + block, n)
        shared = (matrix[start:stop] @ matrix.T).toarray()
        union = degree[start:stop, None] + degree[None, :] - shared
        with np.errstate(divide="ignore", invalid="ignore"):
            jaccard = np.where(shared > 0, shared / union, 0.0)
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
                pairs[(min(a, b), max(a, b))] = (int(shared[offset, b]), float(jaccard[offset, b]))
    projection = nx.Graph()
    for k, city in enumerate(inc.cities):
        projection.add_node(city, **_attrs(graph, city), industries=int(degree[k]))
    for (a, b), (count, jac) in sorted(pairs.items()):
        cosine = count / float(np.sqrt(degree[a] * degree[b]))
        projection.add_edge(inc.cities[a], inc.cities[b], weight=jac, shared=count, cosine=cosine)
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
