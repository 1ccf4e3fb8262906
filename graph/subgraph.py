"""Which part of the graph an export holds: a centre's neighbourhood, a query's answer, chosen nodes, or everything.

Researchers rarely want the whole graph in Gephi; they want "汉中 and what touches it" or "the rows of this
query, drawn". Every selection ends the same way: a set of node ids, handed to `GraphStore.subgraph`, which
returns those nodes and the edges among them (the induced subgraph) in SCHEMA.md's export structure.
For a query the ids are every node id its rows mention, anywhere in a row (a column, a list, a node value),
so any query that returns ids — named or an analyst's read-only Cypher — can be exported unchanged. A client
that already holds the nodes it wants (the web client's drawn graph) names them: at most MAX_NODES ids, bound
as one list parameter, never spliced into a statement.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from graph import queries
from graph.model import NODE_LABELS
from graph.params import params_problem
from graph.stores import GraphStore, QueryResult

MAX_DEPTH = 3  # depth 3 from a place already reaches most of a province's graph through its documents
# A selecting query may return many rows (one per fact); the ids they name are what matter, so the cap is
# far above the interactive Cypher endpoint's, while still bounding what one request can pull into memory.
SELECTION_MAX_ROWS = 100_000
# Rows a paginated named query may skip. The embedded store fetches skip + limit rows to page (LadybugStore.named),
# so this bounds them.
MAX_SKIP = 10_000
# Query parameters as JSON text: a few ids and filters need a few hundred characters.
MAX_PARAMS_CHARS = 20_000
# Node ids one selection may name: a drawn graph a person can still read has a few hundred nodes.
MAX_NODES = 2_000
MAX_NODE_ID = 200  # as the API's ids: `label:key`, the longest key a park's or firm's full name
ID_PREFIXES = tuple(f"{label.lower()}:" for label in NODE_LABELS)  # graph.model.make_id's shape

Graph = dict[str, list[dict[str, Any]]]
# Runs an analyst's read-only Cypher: the store's own read_only, or the sandbox's worker processes
# (graph/stores/sandbox.py) where the query comes from outside.
CypherRunner = Callable[..., QueryResult]


class SelectionError(ValueError):
    """A selection that cannot be served as asked (conflicting choices, depth out of range)."""


class UnknownSelection(SelectionError):
    """The selection names something the graph does not hold (a centre id, a named query)."""


class IncompleteSelection(SelectionError):
    """A named query without a parameter it has no default for (`missing` names them)."""

    def __init__(self, message: str, missing: list[str]):
        super().__init__(message)
        self.missing = missing


KINDS = ("center", "query", "cypher", "nodes")  # what a selection may be chosen by, one at a time


@dataclass(frozen=True)
class Selection:
    """One of: `center` (+ `depth`), `query` (a named query, + `params`), `cypher` (+ `params`), `nodes` (ids:
    the subgraph they induce), or nothing."""

    center: str | None = None
    depth: int = 1
    query: str | None = None
    cypher: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    nodes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        chosen = [k for k in KINDS if getattr(self, k)]
        if len(chosen) > 1:
            raise SelectionError(f"choose one of center, query, cypher or nodes, not {' and '.join(chosen)}")
        object.__setattr__(self, "nodes", check_nodes(self.nodes))
        if not 0 <= self.depth <= MAX_DEPTH:
            raise SelectionError(f"depth must be between 0 and {MAX_DEPTH}, not {self.depth}")
        check_params(self.params)
        if self.query:
            check_page(self.params, max_limit=SELECTION_MAX_ROWS)

    @property
    def kind(self) -> str:
        """center, query, cypher or all: what the file name and the summary say was exported."""
        return next((k for k in KINDS if getattr(self, k)), "all")


@dataclass
class Selected:
    """The chosen subgraph and whether the selecting query's rows were cut at the row cap."""

    graph: Graph
    truncated: bool = False


def parse_params(text: str | None) -> dict[str, Any]:
    """Query parameters given as JSON text (CLI option, URL parameter); anything but an object is refused.

    Bounded before parsing: deeply nested JSON makes json.loads recurse until Python gives up.
    """
    if not text:
        return {}
    if len(text) > MAX_PARAMS_CHARS:
        raise SelectionError(f"params is {len(text)} characters long; at most {MAX_PARAMS_CHARS}")
    try:
        value = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise SelectionError(f"params is not JSON: {exc}") from exc
    if not isinstance(value, dict):
        raise SelectionError("params must be a JSON object")
    return check_params(value)


def check_params(params: dict[str, Any]) -> dict[str, Any]:
    """Parameters a store can bind (graph/params.py), or a SelectionError saying which is not."""
    problem = params_problem(params)
    if problem:
        raise SelectionError(problem)
    return params


def check_nodes(nodes: Any) -> tuple[str, ...]:
    """Node ids as a tuple without repeats, or a SelectionError: strings of 1..MAX_NODE_ID characters, at most
    MAX_NODES of them."""
    if isinstance(nodes, str) or not isinstance(nodes, list | tuple):
        raise SelectionError("nodes must be a list of node ids")
    if len(nodes) > MAX_NODES:
        raise SelectionError(f"{len(nodes)} node ids; at most {MAX_NODES}")
    bad = next((n for n in nodes if not isinstance(n, str) or not 0 < len(n) <= MAX_NODE_ID), None)
    if bad is not None:
        raise SelectionError(f"a node id is a string of 1 to {MAX_NODE_ID} characters, not {str(bad)[:40]!r}")
    return tuple(dict.fromkeys(nodes))


def check_page(params: dict[str, Any], *, max_limit: int) -> None:
    """`skip` and `limit`, where given, are integers in 0..MAX_SKIP and 0..max_limit."""
    for key, low, high in (("skip", 0, MAX_SKIP), ("limit", 0, max_limit)):
        value = params.get(key)
        if key in params and (not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high):
            raise SelectionError(f"{key} must be an integer from {low} to {high}, not {value!r}")


def select(store: GraphStore, selection: Selection, *, timeout_ms: int = 10_000,
           max_rows: int = SELECTION_MAX_ROWS, run_cypher: CypherRunner | None = None) -> Selected:
    """The subgraph a selection denotes; a writing Cypher query raises ReadOnlyViolation (from the store)."""
    if selection.center:
        return Selected(store.subgraph(neighbourhood_ids(store, selection.center, selection.depth)))
    if selection.nodes:
        graph = store.subgraph(selection.nodes)
        missing = sorted(set(selection.nodes) - {n["id"] for n in graph["nodes"]})
        if missing:
            shown = ", ".join(repr(m) for m in missing[:10]) + (f" and {len(missing) - 10} more" if len(missing) > 10
                                                               else "")
            raise UnknownSelection(f"no node has the id {shown}")
        return Selected(graph)
    if selection.query:
        try:
            params = queries.get(selection.query).bind(selection.params)  # filters and page: their defaults
        except KeyError as exc:
            raise UnknownSelection(str(exc.args[0])) from exc
        except queries.MissingParameters as exc:
            raise IncompleteSelection(str(exc), exc.missing) from exc
        rows = store.named(selection.query, params).rows
        return Selected(store.subgraph(mentioned_ids(rows)))
    if selection.cypher:
        run = run_cypher or store.read_only
        result = run(selection.cypher, selection.params, timeout_ms=timeout_ms, max_rows=max_rows)
        return Selected(store.subgraph(mentioned_ids(result.rows)), result.truncated)
    return Selected(store.export())


def neighbourhood_ids(store: GraphStore, center: str, depth: int) -> set[str]:
    """The centre and every node within `depth` hops, either direction, widened one hop per query.

    Hop by hop (not one variable-length pattern) because a path pattern's bounds cannot be parameters and
    a breadth-first frontier never revisits a node, however many paths lead to it.
    """
    if not store.subgraph([center])["nodes"]:
        raise UnknownSelection(f"no node has the id {center!r}")
    seen = {center}
    frontier = {center}
    for _ in range(depth):
        if not frontier:
            break
        rows = store.named("neighbourhood", {"ids": sorted(frontier)}).rows
        frontier = {row[0] for row in rows} - seen
        seen |= frontier
    return seen


def mentioned_ids(rows: Iterable[Any]) -> set[str]:
    """Every string in the rows shaped like a node id (`label:key`); the store drops those that are not nodes."""
    return {value for value in _strings(rows) if value.startswith(ID_PREFIXES)}


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple | set):
        for item in value:
            yield from _strings(item)
