"""Analysis results as rich tables, for `policykg analyze` (kept here so the CLI stays a thin dispatcher)."""

from __future__ import annotations

from rich.table import Table

from graph.analysis.alignment import Alignment
from graph.analysis.centrality import LABELS, METRICS, Centrality
from graph.analysis.cluster import ClusterLinks
from graph.analysis.communities import Communities
from graph.analysis.cotargeting import CoTargeting
from graph.analysis.evidence import MEANS, Evidence


def _num(value: float) -> str:
    """A weighted count: 3 for 3.0, 3.4 for 3.4 (with every statement 1.0 the counts stay whole)."""
    return f"{value:g}" if float(value).is_integer() else f"{value:.2f}".rstrip("0")


def _weighed(evidence: Evidence | str | None) -> str:
    return f"; evidence: {evidence} — {MEANS[Evidence(evidence)]}" if evidence else ""


def _names(items: list[dict], limit: int = 8) -> str:
    shown = "、".join(i["name"] for i in items[:limit])
    return shown + (f" …(+{len(items) - limit})" if len(items) > limit else "")


def cotargeting_tables(result: CoTargeting, top: int) -> list[Table]:
    industries = Table("industry A", "industry B", "shared places (weighted)", "places", "Jaccard",
                       title=f"Industries targeted by the same places (top {top} of {result.industry_graph.number_of_edges()})"
                             f"{_weighed(result.evidence)}")
    for r in result.industry_pairs(top):
        industries.add_row(r["a_name"], r["b_name"], _num(r["shared"]), str(r["places"]), f"{r['jaccard']:.3f}")
    cities = Table("place A", "place B", "Jaccard", "cosine", "shared industries (weighted)", "industries",
                   title=f"Places with alike industry profiles (top {top} of {result.city_graph.number_of_edges()})")
    for r in result.city_pairs(top):
        cities.add_row(r["a_name"], r["b_name"], f"{r['jaccard']:.3f}", f"{r['cosine']:.3f}", _num(r["shared"]),
                       str(r["industries"]))
    return [industries, cities]


def communities_tables(result: Communities, top: int) -> list[Table]:
    table = Table("#", "named by its most central members", "size", "members",
                  title=f"Louvain communities of {result.of} (seed 42), modularity {result.modularity:.3f}"
                        f"{_weighed(result.evidence)}")
    for c in result.communities[:top]:
        table.add_row(str(c.index), c.name, str(len(c.members)),
                      _names([{"name": result.graph.nodes[m].get("name", m)} for m in c.members]))
    return [table]


def centrality_tables(result: Centrality, top: int, labels: list[str] | None = None) -> list[Table]:
    out = []
    for label in labels or LABELS:
        for metric in METRICS:
            table = Table("rank", "name", "score", "neighbours", title=result.meaning(label, metric),
                          title_justify="left")
            for r in result.ranking(label, metric, top):
                table.add_row(str(r["rank"]), r["name"], f"{r['score']:.4f}", str(r["neighbours"]))
            out.append(table)
    return out


def cluster_tables(result: ClusterLinks, top: int) -> list[Table]:
    title = result.selection.get("name")
    table = Table("attached", "count", "first of them", title=f"Cluster links of {title}", title_justify="left")
    table.add_row("industries", str(len(result.industries)), _names(result.industries))
    for key, rows in result.attached.items():
        table.add_row(key.replace("_", " "), str(len(rows)), _names(rows))
    table.add_row("targets", str(len(result.targets)), _names([{"name": t["metric"]} for t in result.targets]))
    table.add_row("agencies", str(len(result.agencies)),
                  _names(result.agencies) if result.agencies else (result.agencies_note or ""))
    bridges = Table("bridge", "label", "inside", "other communities reached",
                    title="Bridges: entities tied to this cluster and to others", title_justify="left")
    for b in result.bridge_nodes[:top]:
        bridges.add_row(b["name"], b["label"], str(b["inside"]),
                        "; ".join(f"{r['community']} {r['name']} ({r['count']})" for r in b["reaches"]))
    edges = Table("cluster industry", "other industry", "other community", "shared places (weighted)",
                  title="Bridging co-targeting edges", title_justify="left")
    for e in result.bridge_edges[:top]:
        edges.add_row(e["industry"], e["other"], str(e["other_community"]), _num(e["shared"]))
    return [table, bridges, edges]


def alignment_tables(result: Alignment, top: int) -> list[Table]:
    table = Table("place", "own docs", "shared", "only provincial", "only own", "Jaccard", "shared industries",
                  title=f"Provincial assignments vs the place's own plans{_weighed(result.evidence)}",
                  title_justify="left")
    for row in result.rows:
        named = [{"name": result.graph.nodes[i].get("name", i)} for i in row.shared]
        table.add_row(row.name, str(len(row.own_docs)) if row.has_own_documents else "none (flagged)",
                      _num(row.counts["shared"]), _num(row.counts["only_provincial"]), _num(row.counts["only_city"]),
                      "—" if row.jaccard is None else f"{row.jaccard:.3f}", _names(named, top))
    return [table]
