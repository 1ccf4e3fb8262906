"""Centrality of industries, firms, parks and places: who is most tied, who brokers, who matters by association.

Scores are computed on the entity graph: every node but documents, joined by the structural relationships
(load.STRUCTURAL_TYPES), undirected and with parallel edges collapsed — a tie is a tie however many
documents state it. Documents and MENTIONS are left out because a document names everything it is about and
would become the centre of everything.

A place's tie to an industry weighs what it states (graph/analysis/evidence.py; default: a plan's target
1.0, a descriptive statement 0.2, the strongest statement of the pair kept); every other tie weighs 1.0.
Degree is the weighted degree over n − 1, PageRank follows the weights, and betweenness takes a tie's
length as 1 / weight, so a path through a report's description is five steps long. With every statement
1.0 (`evidence="all"`) these are the unweighted scores.

Betweenness is exact up to `EXACT_LIMIT` nodes; above that it is estimated from k sampled sources (networkx's
`k`, seed 42 over the id-ordered nodes: the same k sources, so the same scores, on every run), because exact
betweenness is one shortest-path search per node — O(n·m): 7.4 s in networkx's Python for the bundled graph's
1,312 entities and 3,038 ties (weighted), hours at 100,000 nodes. The scores are networkx's, computed by
igraph in C (graph/analysis/betweenness.py: 0.02 s for the bundled graph's estimate, 0.25 s exact). k follows the graph's
size (`sample_size`): a budget of `SOURCE_TIES` tie relaxations, k ≈ SOURCE_TIES / ties, kept between
`K_MIN` and `K_MAX` (and never above n) — so the time stays near a fixed budget as the graph grows, and the
estimate is coarser on a larger graph. On the bundled graph that is k = 256 of 1,322 sources (a quarter of
the exact time); against exact betweenness the top 20 of each ranking keep a Spearman rank correlation of
about 0.9 for industries, firms and places and 8–10 of the top 10 (parks, whose scores are small and close,
keep less: `python bench/analysis.py` prints the figures per label). Half that budget (k = 130) kept only 7
of the top 10 places once the graph had grown by a few dozen ties. The result says which one was done.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graph.analysis.betweenness import betweenness
from graph.analysis.evidence import MEANS, Evidence, describe, parse, weight
from graph.analysis.load import STRUCTURAL_TYPES, display

LABELS: tuple[str, ...] = ("Industry", "Firm", "Park", "City")
METRICS: tuple[str, ...] = ("degree", "betweenness", "pagerank")
SEED = 42
EXACT_LIMIT = 500  # entities up to which betweenness is exact (a few tenths of a second)
SOURCE_TIES = 800_000  # sampled sources × ties: the work a sampled betweenness is given
K_MIN, K_MAX = 32, 256  # sampled sources: fewer estimates nothing, more costs what exact would on small graphs
# What ties count for each label: said in the ranking's sentence so a reader knows what "connected" means.
TIES = {
    "Industry": "places that target it, parks that host it, firms and organisations in it, targets about it, "
                "and its parent and sub-industries",
    "Firm": "industries it leads or works in and the places and parks it is located in",
    "Park": "industries it hosts, the place it is in, and the firms located in it",
    "City": "industries it targets, parks, firms and organisations located in it, targets set for it, and the "
            "places it belongs to or contains",
}
PLURAL = {"Industry": "industries", "Firm": "firms", "Park": "parks", "City": "places"}


@dataclass
class Centrality:
    graph: nx.Graph
    scores: dict[str, dict[str, float]]  # metric -> node -> score
    betweenness_k: int | None  # None: exact
    evidence: Evidence = Evidence.all

    def ranking(self, label: str, metric: str, top: int | None = 20) -> list[dict[str, Any]]:
        """Nodes of `label` by `metric`, highest first, ties by id."""
        nodes = [n for n, d in self.graph.nodes(data=True) if d.get("label") == label]
        score = self.scores[metric]
        ordered = sorted(nodes, key=lambda n: (-score[n], n))[:top]
        return [{"rank": r, "id": n, "name": display(self.graph, n), "score": score[n],
                 "neighbours": self.graph.degree(n)} for r, n in enumerate(ordered, start=1)]

    def meaning(self, label: str, metric: str) -> str:
        """One sentence: what this ranking says about these nodes."""
        plural = PLURAL.get(label, label)
        if metric == "degree":
            return (f"{plural.capitalize()} ranked by degree: the share of all entities each is tied to directly "
                    f"({TIES.get(label, 'any structural relationship')}; {MEANS[self.evidence]}) — the most "
                    f"widely connected {plural}.")
        if metric == "betweenness":
            how = "exactly" if self.betweenness_k is None else f"estimated from {self.betweenness_k} sampled sources"
            return (f"{plural.capitalize()} ranked by betweenness ({how}): how often each lies on the shortest path "
                    f"between two other entities — brokers that join parts of the graph that would otherwise be "
                    f"far apart.")
        return (f"{plural.capitalize()} ranked by PageRank: importance by association — high when tied to "
                f"entities that are themselves well tied, not merely to many.")

    def to_dict(self, labels: Iterable[str] = LABELS, top: int | None = 20) -> dict[str, Any]:
        return {
            "evidence": describe(self.evidence),
            "graph": {"nodes": self.graph.number_of_nodes(), "edges": self.graph.number_of_edges(),
                      "relationships": list(STRUCTURAL_TYPES)},
            "betweenness": "exact" if self.betweenness_k is None else f"sampled, k={self.betweenness_k}, seed={SEED}",
            "rankings": {label: {metric: {"meaning": self.meaning(label, metric),
                                          "items": self.ranking(label, metric, top)} for metric in METRICS}
                         for label in labels},
        }


def entity_graph(graph: nx.MultiDiGraph, evidence: str | Evidence | None = None) -> nx.Graph:
    """Undirected simple graph of entities over structural relationships, nodes and edges in id order; edge
    `weight` is the strongest tie between the two (TARGETS weighed by `evidence`, the rest 1.0), `distance`
    its inverse. A pair whose ties all weigh nothing (descriptions, with `plans`) is not joined."""
    entities = nx.Graph()
    for node, data in sorted(graph.nodes(data=True)):
        if data.get("label") != "Document":
            entities.add_node(node, **{k: data[k] for k in ("label", "name", "name_en", "level") if k in data})
    wanted = set(STRUCTURAL_TYPES)
    ties: dict[tuple[str, str], float] = {}
    for s, t, d in graph.edges(data=True):
        if d.get("type") in wanted and s in entities and t in entities and s != t:
            w = weight(d.get("strength"), evidence) if d["type"] == "TARGETS" else 1.0
            pair = (s, t) if s < t else (t, s)
            ties[pair] = max(w, ties.get(pair, 0.0))
    entities.add_edges_from((a, b, {"weight": w, "distance": 1.0 / w}) for (a, b), w in sorted(ties.items()) if w > 0)
    return entities


def sample_size(nodes: int, ties: int, exact_limit: int = EXACT_LIMIT) -> int | None:
    """The number of sources betweenness samples on a graph of this size, None for exact (see the module)."""
    if nodes <= exact_limit:
        return None
    return min(nodes, max(K_MIN, min(K_MAX, SOURCE_TIES // max(ties, 1))))


def centrality(graph: nx.MultiDiGraph, exact_limit: int = EXACT_LIMIT, sample_k: int | None = None,
               evidence: str | Evidence | None = None) -> Centrality:
    """Degree, betweenness (exact up to `exact_limit` entities, else sampled from `sample_k` sources, by default
    `sample_size`'s choice) and PageRank of every entity, ties weighed by `evidence` (default: weighted)."""
    chosen = parse(evidence)
    entities = entity_graph(graph, chosen)
    n = entities.number_of_nodes()
    k = sample_size(n, entities.number_of_edges(), exact_limit)
    if k is not None and sample_k is not None:
        k = min(sample_k, n)
    # Every tie 1.0: breadth-first betweenness (what Dijkstra would give, faster).
    uniform = all(w == 1.0 for *_, w in entities.edges(data="weight"))
    strength = dict(entities.degree(weight="weight"))
    scores = {
        # as nx.degree_centrality computes it (d · 1/(n−1)), so `all` gives its scores to the last bit
        "degree": {v: s * (1.0 / (n - 1)) for v, s in strength.items()} if n > 1 else dict.fromkeys(entities, 0.0),
        "betweenness": betweenness(entities, k=k, seed=SEED if k else None, weight=None if uniform else "distance"),
        "pagerank": nx.pagerank(entities, weight="weight") if n else {},
    }
    return Centrality(entities, scores, k, chosen)
