"""Cluster links: everything attached to an industry cluster, and what ties it to the other clusters.

A cluster is either a community of the industry co-targeting projection, or an industry with all its
SUBSECTOR_OF descendants (航空 with 航空零部件, 无人机…). Attached to it: the places that target it, the parks
that host it, its chain leaders and key firms, the quantified targets about it, and the agencies responsible
for it — through tasks that CONCERN its industries or that carry a target FOR_INDUSTRY them. Bridges are
what a cluster shares with the others: entities tied to industries on both sides, co-targeting edges that
cross the boundary, and taxonomy edges to parents outside it. The "other clusters" are the industry
communities (less the cluster's own industries), so a bridge says which community it leads to.

The places listed are those the communities' `evidence` counts (graph/analysis/evidence.py): with `plans`, a
place only described (a report's benchmark city) is not attached; otherwise it is, with its statements'
strongest `weight`, after the places that plan the industry.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph.analysis.communities import Communities
from graph.analysis.evidence import weight
from graph.analysis.load import display, edges_of

STRENGTH_ORDER = {"key": 0, "cultivate": 1, "other": 2}
ATTACHED = {"cities": ("TARGETS",), "parks": ("HOSTS",), "chain_leaders": ("LEADS_CHAIN",),
            "key_firms": ("IN_INDUSTRY",)}
UNCLUSTERED = -1  # industries outside the projection (no place targets them): a "cluster" of their own


@dataclass
class ClusterLinks:
    selection: dict[str, Any]
    industries: list[dict[str, Any]]
    attached: dict[str, list[dict[str, Any]]]
    targets: list[dict[str, Any]]
    agencies: list[dict[str, Any]]
    agencies_note: str | None
    bridge_nodes: list[dict[str, Any]]
    bridge_edges: list[dict[str, Any]]
    taxonomy_bridges: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self, limit: int | None = None) -> dict[str, Any]:
        return {"selection": self.selection, "industries": self.industries,
                **{k: v[:limit] for k, v in self.attached.items()}, "targets": self.targets[:limit],
                "agencies": self.agencies[:limit], "agencies_note": self.agencies_note,
                "bridges": {"nodes": self.bridge_nodes[:limit], "edges": self.bridge_edges[:limit],
                            "taxonomy": self.taxonomy_bridges[:limit]},
                "counts": {**{k: len(v) for k, v in self.attached.items()}, "targets": len(self.targets),
                           "agencies": len(self.agencies), "bridge_nodes": len(self.bridge_nodes),
                           "bridge_edges": len(self.bridge_edges)}}


def descendants(graph: nx.MultiDiGraph, industry: str) -> set[str]:
    """The industry and every industry below it (SUBSECTOR_OF points from the sub-industry to its parent)."""
    found, frontier = {industry}, [industry]
    while frontier:
        parent = frontier.pop()
        for child, _, _ in _sources(graph, [parent], ("SUBSECTOR_OF",)):
            if child not in found:
                found.add(child)
                frontier.append(child)
    return found


def _sources(graph: nx.MultiDiGraph, members: list[str] | set[str], types: tuple[str, ...]
             ) -> list[tuple[str, str, dict[str, Any]]]:
    """(source, member, attributes) of the edges of `types` into the members, in id order.

    Only the members' own in-edges are read, so a cluster costs its size, not the graph's."""
    wanted = set(types)
    return sorted(((s, t, d) for t in members for s, _, d in graph.in_edges(t, data=True) if d.get("type") in wanted),
                  key=lambda e: (e[0], e[1], e[2].get("doc") or ""))


def cluster_links(graph: nx.MultiDiGraph, comms: Communities, industry: str | None = None,
                  community: int | None = None, text: Callable[[set[str]], object] | None = None) -> ClusterLinks:
    """Links of the cluster rooted at `industry` (with descendants) or of industry community `community`.

    The answer cites the sentences of the edges into the cluster's industries and into the tasks of its
    agencies; on a graph loaded without text, `text` is called with those nodes first (load.add_text)."""
    if (industry is None) == (community is None):
        raise ValueError("give exactly one of industry or community")
    if industry is not None:
        if graph.nodes.get(industry, {}).get("label") != "Industry":
            raise LookupError(f"no industry {industry!r}")
        members = descendants(graph, industry)
        selection = {"industry": industry, "name": display(graph, industry), "with_descendants": len(members) - 1}
    else:
        if not 0 <= community < len(comms.communities):
            raise LookupError(f"no community {community}; there are {len(comms.communities)}")
        chosen = comms.communities[community]
        members = set(chosen.members)
        selection = {"community": community, "name": chosen.name}
    membership = comms.membership()
    # "Other clusters" are the communities less this cluster's industries: an industry-rooted cluster may
    # share a community with industries outside it, and a bridge to those is a bridge all the same.
    selection["communities_of_members"] = sorted({membership.get(i, UNCLUSTERED) for i in members})
    if text is not None:
        text(members | set(_tasks(graph, members)))
    industries = [{"id": i, "name": display(graph, i), "level": graph.nodes[i].get("level"),
                   "community": membership.get(i, UNCLUSTERED)} for i in sorted(members)]
    attached = {key: _attached(graph, members, types, comms.evidence) for key, types in ATTACHED.items()}
    agencies, note = _agencies(graph, members)
    return ClusterLinks(selection, industries, attached, _targets(graph, members), agencies, note,
                        _bridge_nodes(graph, members, membership, comms), _bridge_edges(comms, members, membership),
                        _taxonomy_bridges(graph, members, membership))


def _counted(data: dict[str, Any], evidence: str | None) -> float:
    """What a tie weighs: a TARGETS statement by `evidence`, any other tie 1.0."""
    return weight(data.get("strength"), evidence) if data.get("type") == "TARGETS" else 1.0


def _evidence(data: dict[str, Any], industry: str, graph: nx.MultiDiGraph) -> dict[str, Any]:
    return {"industry": display(graph, industry), "doc": data.get("doc"), "sentence": data.get("evidence"),
            "strength": data.get("strength")}


def _attached(graph: nx.MultiDiGraph, members: set[str], types: tuple[str, ...], evidence: str | None = None
              ) -> list[dict[str, Any]]:
    """Entities with a relationship of `types` into the cluster that `evidence` counts: one row each, with
    every evidence and the strongest tie's `weight`."""
    rows: dict[str, dict[str, Any]] = {}
    for source, target, data in _sources(graph, members, types):
        counted = _counted(data, evidence)
        if not counted:
            continue
        row = rows.get(source)
        if row is None:  # made once per entity: a place's LOCATED_IN lookup walks all its ties (thousands at ×50)
            node = graph.nodes[source]
            row = rows[source] = {"id": source, "name": display(graph, source), "label": node.get("label"),
                                  "level": node.get("level"), "kind": node.get("kind"), "industries": [],
                                  "strength": None, "weight": 0.0, "located_in": _located(graph, source),
                                  "evidence": []}
        row["weight"] = max(row["weight"], counted)
        if display(graph, target) not in row["industries"]:
            row["industries"].append(display(graph, target))
        strength = data.get("strength")
        if strength and STRENGTH_ORDER.get(strength, 3) < STRENGTH_ORDER.get(row["strength"] or "", 3):
            row["strength"] = strength
        row["evidence"].append(_evidence(data, target, graph))
    return sorted(rows.values(), key=lambda r: (STRENGTH_ORDER.get(r["strength"] or "", 3), -len(r["industries"]),
                                                r["id"]))


def _located(graph: nx.MultiDiGraph, node: str) -> list[str]:
    return sorted({display(graph, t) for _, t, d in graph.out_edges(node, data=True) if d.get("type") == "LOCATED_IN"})


def _targets(graph: nx.MultiDiGraph, members: set[str]) -> list[dict[str, Any]]:
    rows = []
    for target, industry, data in _sources(graph, members, ("FOR_INDUSTRY",)):
        node = graph.nodes[target]
        rows.append({"id": target, "metric": node.get("metric") or node.get("name"), "value": node.get("value"),
                         "unit": node.get("unit"), "year": node.get("year"), "industry": display(graph, industry),
                         "doc": data.get("doc"), "sentence": data.get("evidence")})
    return sorted(rows, key=lambda r: (r["year"] or 0, r["id"]))


def _tasks(graph: nx.MultiDiGraph, members: set[str]) -> dict[str, set[str]]:
    """Tasks that concern the cluster, directly or through a target → how they concern it."""
    tasks: dict[str, set[str]] = defaultdict(set)
    for task, _, _ in _sources(graph, members, ("CONCERNS",)):
        tasks[task].add("CONCERNS")
    for target, _, _ in _sources(graph, members, ("FOR_INDUSTRY",)):
        for holder, _, _ in _sources(graph, [target], ("HAS_TARGET",)):
            if graph.nodes[holder].get("label") == "Task":
                tasks[holder].add("HAS_TARGET→FOR_INDUSTRY")
    return tasks


def _agencies(graph: nx.MultiDiGraph, members: set[str]) -> tuple[list[dict[str, Any]], str | None]:
    """Agencies leading or supporting tasks that concern the cluster, directly or through a target."""
    tasks = _tasks(graph, members)
    rows = []
    for task in sorted(tasks):
        for agency, _, data in graph.in_edges(task, data=True):
            if data.get("type") in ("LEADS", "SUPPORTS"):
                rows.append({"id": agency, "name": display(graph, agency),
                             "role": "lead" if data["type"] == "LEADS" else "support", "task": task,
                             "task_title": graph.nodes[task].get("title") or display(graph, task),
                             "via": sorted(tasks[task]), "doc": data.get("doc"), "sentence": data.get("evidence")})
    rows.sort(key=lambda r: (r["role"] != "lead", r["id"], r["task"]))
    if rows:
        return rows, None
    concerns = sum(1 for _ in edges_of(graph, "CONCERNS"))
    for_industry = sum(1 for _ in edges_of(graph, "FOR_INDUSTRY"))
    return [], (f"none: no task CONCERNS these industries and no task carries a target FOR_INDUSTRY them "
                f"(the graph holds {concerns} CONCERNS and {for_industry} FOR_INDUSTRY edges in all)")


def _bridge_nodes(graph: nx.MultiDiGraph, members: set[str], membership: dict[str, int],
                  comms: Communities) -> list[dict[str, Any]]:
    """Entities tied to industries inside the cluster and to industries of other communities."""
    types = tuple(t for group in ATTACHED.values() for t in group)
    inside: dict[str, set[str]] = defaultdict(set)
    for source, industry, data in _sources(graph, members, types):
        if _counted(data, comms.evidence):
            inside[source].add(industry)
    outside: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    wanted = set(types)
    for source in inside:
        for _, industry, data in graph.out_edges(source, data=True):
            if data.get("type") in wanted and industry not in members and _counted(data, comms.evidence):
                outside[source][membership.get(industry, UNCLUSTERED)].add(industry)
    names = {c.index: c.name for c in comms.communities} | {UNCLUSTERED: "(not co-targeted)"}
    rows = []
    for node in sorted(set(inside) & set(outside)):
        reach = [{"community": c, "name": names[c], "industries": sorted(display(graph, i) for i in found)[:5],
                  "count": len(found)} for c, found in sorted(outside[node].items())]
        rows.append({"id": node, "name": display(graph, node), "label": graph.nodes[node].get("label"),
                     "inside": len(inside[node]), "communities_reached": len(reach), "reaches": reach})
    return sorted(rows, key=lambda r: (-r["communities_reached"], -sum(x["count"] for x in r["reaches"]), r["id"]))


def _bridge_edges(comms: Communities, members: set[str], membership: dict[str, int]) -> list[dict[str, Any]]:
    """Co-targeting edges from a cluster industry to an industry outside it, most shared places first (weighted
    as the projection's ties are: `shared`; their count: `places`)."""
    projection = comms.graph if comms.of == "industries" else nx.Graph()
    rows = []
    for industry in sorted(members & set(projection)):
        for other, data in projection[industry].items():
            if other not in members:
                rows.append({"industry": display(projection, industry), "industry_id": industry,
                             "other": display(projection, other), "other_id": other,
                             "other_community": membership.get(other, UNCLUSTERED), "shared": data["weight"],
                             "places": data.get("places"), "jaccard": data.get("jaccard")})
    return sorted(rows, key=lambda r: (-r["shared"], -(r["jaccard"] or 0), r["industry_id"], r["other_id"]))


def _taxonomy_bridges(graph: nx.MultiDiGraph, members: set[str], membership: dict[str, int]) -> list[dict[str, Any]]:
    """SUBSECTOR_OF edges with one end in the cluster and one outside (a parent sector, or a stray child)."""
    edges = {(c, p) for c, p, _ in _sources(graph, members, ("SUBSECTOR_OF",))}
    edges |= {(m, p) for m in members for _, p, d in graph.out_edges(m, data=True) if d.get("type") == "SUBSECTOR_OF"}
    rows = []
    for child, parent in sorted(edges):
        if (child in members) != (parent in members):
            rows.append({"child": display(graph, child), "child_id": child, "parent": display(graph, parent),
                         "parent_id": parent, "outside_community": membership.get(
                             parent if child in members else child, UNCLUSTERED)})
    return rows
