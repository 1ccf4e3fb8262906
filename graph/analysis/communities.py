"""Communities of industries (planned together) and of places (planning alike), by Louvain.

Louvain is randomised; with `seed=42` and a projection built in id order it returns the same partition on
every run, which is what lets a report or a test quote "community 3". Communities are numbered largest
first (ties: smallest member id) and named by their most central members: the ones with the largest
weighted degree inside the community, which are the industries (places) the rest are most tied to. The
weights are the co-targeting projection's, so they weigh ties by what they state (graph/analysis/evidence.py):
places alike only in a report's description are weakly tied, not a community of identical members.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph.analysis.cotargeting import CoTargeting
from graph.analysis.evidence import DIGITS, describe
from graph.analysis.load import display

SEED = 42
NAMED_BY = 3  # members in a community's name
OF = {"industries": ("industry_graph", "weight"), "cities": ("city_graph", "weight")}
WEIGHT_MEANS = {"industries": "places targeting both industries, each counting the product of its two statements' "
                              "weights",
                "cities": "Jaccard similarity of industry sets, each shared industry counting the product of its two "
                          "statements' weights"}


@dataclass
class Community:
    index: int
    name: str
    members: list[str]
    central: list[dict[str, Any]] = field(default_factory=list)  # the top members with their inner strength


@dataclass
class Communities:
    of: str
    graph: nx.Graph
    communities: list[Community]
    modularity: float
    evidence: str | None = None  # how the projection weighed ties (graph/analysis/evidence.py), when known

    def membership(self) -> dict[str, int]:
        """Node id → community index."""
        return {m: c.index for c in self.communities for m in c.members}

    def ties(self, node: str) -> float:
        """A member's own ties, weighted (the projection's `ties`; its degree on any other graph)."""
        return self.graph.nodes[node].get("ties", self.graph.degree(node))

    def by_ties(self, nodes: list[str] | None = None) -> list[str]:
        """These nodes (default: every member) community by community, the community whose members have the
        most weighted ties first, and within one the members with the most ties first (ties: ids). What the
        heat map's rows follow: planning places above places a report merely lists, however many of those."""
        membership = self.membership()
        weight = {c.index: sum(self.ties(m) for m in c.members) for c in self.communities}
        nodes = list(self.graph) if nodes is None else nodes
        return sorted(nodes, key=lambda n: (-weight.get(membership.get(n, -1), 0.0), membership.get(n, -1),
                                            -self.ties(n), n))

    def to_dict(self, members: int | None = None) -> dict[str, Any]:
        return {
            "of": self.of, "algorithm": f"networkx louvain_communities(seed={SEED})",
            "weight": WEIGHT_MEANS[self.of], "modularity": self.modularity,
            **({"evidence": describe(self.evidence)} if self.evidence else {}),
            "nodes": self.graph.number_of_nodes(), "edges": self.graph.number_of_edges(),
            "communities": [{"index": c.index, "name": c.name, "size": len(c.members), "central": c.central,
                             "ties": round(sum(self.ties(m) for m in c.members), DIGITS),
                             "members": [{"id": m, "name": display(self.graph, m), "ties": self.ties(m)}
                                         for m in c.members[:members]]}
                            for c in self.communities],
        }


def communities(cot: CoTargeting, of: str = "industries") -> Communities:
    """Louvain communities of one projection of the co-targeting graph (`of`: industries or cities)."""
    if of not in OF:
        raise ValueError(f"of must be one of {', '.join(OF)}, not {of!r}")
    attribute, weight = OF[of]
    found = detect(getattr(cot, attribute), of, weight)
    found.evidence = cot.evidence.value
    return found


def detect(graph: nx.Graph, of: str, weight: str = "weight") -> Communities:
    """Louvain on any weighted graph; every node ends in exactly one community (isolated ones alone)."""
    if graph.number_of_nodes() == 0:
        return Communities(of, graph, [], 0.0)
    found, modularity = _louvain(graph, weight)
    groups = sorted(found, key=lambda members: (-len(members), members[0]))
    named = []
    for index, members in enumerate(groups):
        central = _central(graph, members, weight)
        named.append(Community(index, "、".join(c["name"] for c in central), members, central))
    return Communities(of, graph, named, float(modularity))


def _louvain(graph: nx.Graph, weight: str) -> tuple[list[list[str]], float]:
    """Louvain on the graph relabelled 0..n-1 in id order: communities as sorted id lists, and modularity.

    networkx's Louvain (and its modularity) iterate sets of nodes; sets of strings iterate in an order that
    changes with every process (hash randomisation), so the seed alone gives the same partition only within
    one process. Integers hash to themselves: relabelled, the same input gives the same partition — and the
    same modularity to the last bit — everywhere.
    """
    ids = sorted(graph)
    index = {n: i for i, n in enumerate(ids)}
    relabelled = nx.Graph()
    relabelled.add_nodes_from(range(len(ids)))
    relabelled.add_edges_from(sorted((min(index[a], index[b]), max(index[a], index[b]), {weight: d.get(weight, 1)})
                                     for a, b, d in graph.edges(data=True)))
    found = nx.community.louvain_communities(relabelled, weight=weight, seed=SEED)
    modularity = nx.community.modularity(relabelled, found, weight=weight) if relabelled.number_of_edges() else 0.0
    return [sorted(ids[i] for i in community) for community in found], float(modularity)


def _central(graph: nx.Graph, members: list[str], weight: str) -> list[dict[str, Any]]:
    """The members with the largest weighted degree inside the community (ties by id)."""
    inside = set(members)
    strength = {m: sum(d.get(weight, 1) for _, n, d in graph.edges(m, data=True) if n in inside) for m in members}
    top = sorted(members, key=lambda m: (-strength[m], m))[:NAMED_BY]
    return [{"id": m, "name": display(graph, m), "strength": strength[m]} for m in top]
