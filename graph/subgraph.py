"""Which part of the graph an export holds: a centre's neighbourhood, a query's answer, or everything.

Researchers rarely want the whole graph in Gephi; they want "汉中 and what touches it" or "the rows of this
query, drawn". Every selection ends the same way: a set of node ids, handed to `GraphStore.subgraph`, which
returns those nodes and the edges among them (the induced subgraph) in SCHEMA.md's export structure.
For a query the ids are every node id its rows mention, anywhere in a row (a column, a list, a node value),
so any query that returns ids — named or an analyst's read-only Cypher — can be exported unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from graph import queries
from graph.model import NODE_LABELS
from graph.stores import GraphStore

MAX_DEPTH = 3  # depth 3 from a place already reaches most of a province's graph through its documents
# A selecting query may return many rows (one per fact); the ids they name are what matter, so the cap is
# far above the interactive Cypher endpoint's, while still bounding what one request can pull into memory.
SELECTION_MAX_ROWS = 100_000
ID_PREFIXES = tuple(f"{label.lower()}:" for label in NODE_LABELS)  # graph.model.make_id's shape

Graph = dict[str, list[dict[str, Any]]]


class SelectionError(ValueError):
    """A selection that cannot be served as asked (conflicting choices, depth out of range)."""


class UnknownSelection(SelectionError):
    """The selection names something the graph does not hold (a centre id, a named query)."""


@dataclass(frozen=True)
class Selection:
    """One of: `center` (+ `depth`), `query` (a named query, + `params`), `cypher` (+ `params`), or nothing."""

    center: str | None = None
    depth: int = 1
    query: str | None = None
    cypher: str | None = None
    params: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        chosen = [k for k in ("center", "query", "cypher") if getattr(self, k)]
        if len(chosen) > 1:
            raise SelectionError(f"choose one of center, query or cypher, not {' and '.join(chosen)}")
        if not 0 <= self.depth <= MAX_DEPTH:
            raise SelectionError(f"depth must be between 0 and {MAX_DEPTH}, not {self.depth}")

    @property
    def kind(self) -> str:
        """center, query, cypher or all: what the file name and the summary say was exported."""
        return next((k for k in ("center", "query", "cypher") if getattr(self, k)), "all")


@dataclass
class Selected:
    """The chosen subgraph and whether the selecting query's rows were cut at the row cap."""

    graph: Graph
    truncated: bool = False


def parse_params(text: str | None) -> dict[str, Any]:
    """Query parameters given as JSON text (CLI option, URL parameter); anything but an object is refused."""
    if not text:
        return {}
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SelectionError(f"params is not JSON: {exc}") from exc
    if not isinstance(value, dict):
        raise SelectionError("params must be a JSON object")
    return value


def select(store: GraphStore, selection: Selection, *, timeout_ms: int = 10_000,
           max_rows: int = SELECTION_MAX_ROWS) -> Selected:
    """The subgraph a selection denotes; a writing Cypher query raises ReadOnlyViolation (from the store)."""
    if selection.center:
        return Selected(store.subgraph(neighbourhood_ids(store, selection.center, selection.depth)))
    if selection.query:
        try:
            queries.get(selection.query)
        except KeyError as exc:
            raise UnknownSelection(str(exc.args[0])) from exc
        rows = store.named(selection.query, selection.params).rows
        return Selected(store.subgraph(mentioned_ids(rows)))
    if selection.cypher:
        result = store.read_only(selection.cypher, selection.params, timeout_ms=timeout_ms, max_rows=max_rows)
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
