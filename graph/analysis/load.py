"""The one loader every analysis uses: store data → a NetworkX MultiDiGraph.

Analyses never query the store themselves; they take the graph this module builds (or, in the benchmark, a
synthetic graph with the same attributes), so one analysis can be tested, timed and reused without a
database, and the API/CLI pay for loading once per request however many analyses they run.

The graph is faithful to the store: one node per node (key: its id) and one edge per relationship, keyed
`TYPE|doc` because SCHEMA.md allows one relationship per (source, type, target, document). Analyses decide
how to collapse parallel edges (a City may TARGET an Industry in three documents).

Evidence sentences (and their offsets) are loaded only when asked (`text=True`): the analyses count ties, and
the sentences were most of the loaded graph's memory (on the bundled graph ×50, most of a served process's
gigabyte after the analyses). What cites sentences — cluster links — asks for the text of the edges into the
few nodes it shows (`add_text`), after loading the graph without.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import networkx as nx

from graph import queries
from graph.stores import GraphStore, QueryResult

NODE_QUERY = "analysis_nodes"
EDGE_QUERY = "analysis_edges"
# The attributes the loader sets (and the benchmark's synthetic graph imitates); None values are dropped.
NODE_ATTRS: tuple[str, ...] = ("label", "name", "name_en", "level", "jurisdiction", "kind", "tier", "title",
                               "metric", "value", "unit", "year", "doc")
EDGE_ATTRS: tuple[str, ...] = ("type", "strength", "doc", "evidence", "start", "end", "count")
TEXT_ATTRS: tuple[str, ...] = ("evidence", "start", "end")  # loaded with text=True or by add_text
# Relationships that say what an entity *is* tied to; MENTIONS/ISSUED/APPLIES_TO tie documents to everything
# they name, which would make every document a hub and every entity two hops from every other.
STRUCTURAL_TYPES: tuple[str, ...] = ("TARGETS", "HOSTS", "LOCATED_IN", "PART_OF", "SUBSECTOR_OF", "LEADS_CHAIN",
                                     "IN_INDUSTRY", "LEADS", "SUPPORTS", "HAS_TARGET", "FOR_REGION", "FOR_INDUSTRY",
                                     "CONCERNS")
# What the analyses read: the structural ties, and APPLIES_TO (whose place a document's targets are, for
# alignment). MENTIONS and ISSUED are most of a graph's relationships and no analysis reads them, so the API
# and CLI load only these (on the corpus ×50, 131k of 206k relationships).
ANALYSED_TYPES: tuple[str, ...] = (*STRUCTURAL_TYPES, "APPLIES_TO")


def load_graph(store: GraphStore, labels: Iterable[str] | None = None, types: Iterable[str] | None = None,
               trail: list[dict[str, Any]] | None = None, text: bool = False) -> nx.MultiDiGraph:
    """The store's graph (or only nodes of `labels` and relationships of `types`) as a MultiDiGraph; edges
    carry their evidence sentence and offsets only with `text` (see `add_text` for the few an answer cites).

    `trail` receives {name, query, params} per named query run, for an API answer's `cypher` field. Nodes
    are added in id order and edges in (source, type, target, document) order, sorted here: every analysis
    sees the same insertion order on every run, what makes seeded algorithms (Louvain, sampled betweenness)
    reproducible whichever store answered and however it ordered its rows (analysis_edges has no ORDER BY:
    sorting 200,000 rows in the store cost it ~65 MiB more at ×50 than sorting them here). An earlier note here
    said LadybugDB 0.22 returned the ordered rows out of order; that was not reproduced (the old ORDER BY query
    on the corpus ×50, three runs: 226,837 rows, none out of order).
    """
    label_list = sorted(set(labels or ()))
    type_list = sorted(set(types or ()))
    nodes = _result(store, NODE_QUERY, {"labels": label_list}, trail)
    edges = _result(store, EDGE_QUERY, {"types": type_list, "labels": label_list, "text": text, "into": []}, trail)
    return add_edges(build_graph(_consumed(_sorted(nodes, "id")), []),
                     _consumed(_sorted(edges, "source", "type", "target", "doc")))


def add_text(store: GraphStore, graph: nx.MultiDiGraph, nodes: Iterable[str], types: Iterable[str] | None = None,
             trail: list[dict[str, Any]] | None = None) -> nx.MultiDiGraph:
    """Set the evidence sentence and offsets on every edge of `types` (all: None) into `nodes`, read from the
    store (one analysis_edges query, for the nodes whose edges do not carry them yet; `trail` gets it for all
    of `nodes`); edges the graph does not hold are left out. Returns the graph."""
    asked = sorted({n for n in nodes if n in graph})
    params = {"types": sorted(set(types or ())), "labels": [], "text": True}
    if trail is not None:  # the query that gives these sentences, whether they are read now or were before
        trail.append({"name": EDGE_QUERY, "query": queries.get(EDGE_QUERY).text(getattr(store, "dialect", "ladybug")),
                      "params": params | {"into": asked}})
    wanted = [n for n in asked if any(TEXT_ATTRS[0] not in d for *_, d in graph.in_edges(n, data=True))]
    if not wanted:
        return graph
    for row in store.named(EDGE_QUERY, params | {"into": wanted}).records():
        key = f"{row['type']}|{row.get('doc') or ''}"
        if graph.has_edge(row["source"], row["target"], key):
            graph.edges[row["source"], row["target"], key].update(
                {k: row[k] for k in TEXT_ATTRS if row.get(k) is not None})
    return graph


def build_graph(node_rows: Iterable[dict[str, Any]], edge_rows: Iterable[dict[str, Any]]) -> nx.MultiDiGraph:
    """Rows of the two named queries (or any rows with the same keys) → the analyses' graph."""
    graph = nx.MultiDiGraph()
    for row in node_rows:
        graph.add_node(row["id"], **{k: row.get(k) for k in NODE_ATTRS if row.get(k) is not None})
    return add_edges(graph, edge_rows)


def add_edges(graph: nx.MultiDiGraph, edge_rows: Iterable[dict[str, Any]]) -> nx.MultiDiGraph:
    """Add edge rows to a graph of their nodes (an edge to a node it lacks, filtered out by label, is skipped).

    Every string an edge keeps is one shared object: its ends are the graph's own node ids, and its type,
    strength, document and key the first equal string seen. The store hands each row new strings, and a
    document's id repeated on every edge it gave (in the attributes and the key) was most of the graph's
    memory (on the corpus ×50, 206,267 edges from 250 documents)."""
    shared: dict[Any, Any] = {node: node for node in graph}
    for row in edge_rows:
        source, target = shared.get(row["source"]), shared.get(row["target"])
        if source is None or target is None:
            continue
        attrs = {k: shared.setdefault(v, v) if isinstance(v, str) else v
                 for k in EDGE_ATTRS if (v := row.get(k)) is not None}
        key = f"{attrs['type']}|{attrs.get('doc') or ''}"
        graph.add_edge(source, target, key=shared.setdefault(key, key), **attrs)
    return graph


def from_export(export: dict[str, list[dict[str, Any]]]) -> nx.MultiDiGraph:
    """The same graph from SCHEMA.md's JSON export structure (a file from `policykg export`)."""
    nodes = [{"id": n["id"], "label": n["label"], "name": n["name"], **n.get("properties", {})}
             for n in sorted(export["nodes"], key=lambda n: n["id"])]
    edges = [{"source": e["source"], "target": e["target"], "type": e["type"], **e.get("properties", {})}
             for e in sorted(export["edges"], key=lambda e: (e["source"], e["type"], e["target"],
                                                              e.get("properties", {}).get("doc") or ""))]
    return build_graph(nodes, edges)


def edges_of(graph: nx.MultiDiGraph, *types: str) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(source, target, attributes) of every edge of these types, in the graph's (sorted) order."""
    wanted = set(types)
    for source, target, data in graph.edges(data=True):
        if data.get("type") in wanted:
            yield source, target, data


def nodes_of(graph: nx.MultiDiGraph, *labels: str) -> list[str]:
    """Ids of the nodes of these labels, sorted."""
    wanted = set(labels)
    return sorted(n for n, data in graph.nodes(data=True) if data.get("label") in wanted)


def display(graph: nx.Graph, node: str) -> str:
    """A node's name for a table or a figure (its id when it has none)."""
    return graph.nodes[node].get("name") or node


def _result(store: GraphStore, name: str, params: dict[str, Any], trail: list[dict[str, Any]] | None
            ) -> QueryResult:
    if trail is not None:
        trail.append({"name": name, "query": queries.get(name).text(getattr(store, "dialect", "ladybug")),
                      "params": params})
    return store.named(name, params)


def _sorted(result: QueryResult, *columns: str) -> QueryResult:
    """The result with its rows sorted in place by these columns (a null as the empty string)."""
    at = [result.columns.index(column) for column in columns]
    result.rows.sort(key=lambda row: tuple(row[i] or "" for i in at))
    return result


def _consumed(result: QueryResult) -> Iterator[dict[str, Any]]:
    """A result's rows as records, each row let go of once read: the rows and the graph they become are never
    held whole at once (the edge rows were the loader's peak memory)."""
    rows, result.rows = result.rows, []
    columns = result.columns
    for index, row in enumerate(rows):
        rows[index] = None
        yield dict(zip(columns, row, strict=True))
