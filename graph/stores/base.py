"""The GraphStore interface: everything the rest of the project may ask of a store.

Nothing outside `graph/` knows which store is in use; the API, CLI and analyses speak only this.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from graph.model import FactBatch, coerce

DOC_SCOPED_LABELS = ("Task", "Target")  # nodes that belong to one document and go with it
OWNER_LABELS = ("Document", *DOC_SCOPED_LABELS)  # the nodes a document's relationships may touch of its own


class StoreError(Exception):
    """A query the store rejected (syntax, unknown label, timeout); the message is the store's own."""


class QueryStopped(StoreError):
    """An analyst's query that was stopped: past its time, past its memory, or it crashed its worker."""


class StoreNotEmpty(StoreError):
    """A bulk load asked of a store that already holds a graph (or one of the documents it was to add): load
    those documents one by one instead."""


class ReadOnlyViolation(StoreError):
    """A query that would write, or that smuggles a second statement, sent where only reads are allowed."""


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool = False

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


class GraphStore(ABC):
    """A graph database holding the SCHEMA.md graph."""

    dialect: str = "ladybug"

    def bind_named(self, name: str, params: dict[str, Any] | None) -> tuple[str, dict[str, Any]]:
        """A named query's text in this store's dialect and the parameters it declares, or a StoreError. The text
        is that of the query anchored on the nodes the parameters name, where the query has one
        (graph.queries.NamedQuery.prepare)."""
        from graph import queries

        query = queries.get(name)
        missing = [p for p in query.params if p not in (params or {})]
        if missing:
            raise StoreError(f"named query {name} needs parameters: {', '.join(missing)}")
        query, text = query.prepare(self.dialect, params)
        return text, {k: v for k, v in (params or {}).items() if k in query.params}

    @abstractmethod
    def create_schema(self) -> None:
        """Create labels, relationship types and indexes from `cypher/schema/` (idempotent)."""

    @abstractmethod
    def replace_document(self, batch: FactBatch) -> None:
        """Replace everything one document contributed with `batch`, atomically: all of it or none."""

    def bulk_load(self, batches: Iterable[FactBatch], doc_ids: Collection[str] | None = None) -> None:
        """Many documents loaded at once: a first build into an empty store, or, with `doc_ids` naming them up
        front, new documents added to a graph.

        The graph it leaves is the one `replace_document` would leave, called on each batch in order: the same
        nodes (properties and aliases merged the same way), the same relationships, the same ids. Every batch
        must be a different document (a repeated doc_id is a StoreError).

        This default is that per-document path: each document atomic on its own, on an empty store or not,
        present documents replaced (so it refuses nothing). The embedded store overrides it with COPY FROM
        (graph/stores/ladybug.py): before it reads a single batch it refuses with StoreNotEmpty a store that
        holds anything (no `doc_ids`) or any of the documents named (so the caller can still hand the same
        iterable to `replace_document`, one batch at a time), and it loads all the batches or none. Either way a
        batch of a document `doc_ids` does not name is a StoreError.
        """
        for batch in bulk_batches(batches, doc_ids):
            self.replace_document(batch)

    @abstractmethod
    def upsert(self, batch: FactBatch) -> None:
        """Batch upsert of nodes (by id) and edges (one per source, type, target, document)."""

    @abstractmethod
    def named(self, name: str, params: dict[str, Any] | None = None) -> QueryResult:
        """Run a named query from `cypher/queries/`."""

    @abstractmethod
    def read_only(self, query: str, params: dict[str, Any] | None = None, *, timeout_ms: int = 10_000,
                  max_rows: int = 1_000) -> QueryResult:
        """Run an analyst's query that must not write: refused with ReadOnlyViolation if it would."""

    def export(self) -> dict[str, list[dict[str, Any]]]:
        """The whole graph as SCHEMA.md's JSON export structure."""
        return {"nodes": self._export_nodes(None), "edges": self._export_edges(None)}

    def subgraph(self, node_ids: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
        """The export structure restricted to these nodes and the edges among them (unknown ids are skipped).

        Researchers' exports pick a neighbourhood or a query's answer; the store filters, so a small
        selection never reads the whole graph.
        """
        ids = sorted(set(node_ids))
        if not ids:  # an empty list parameter has no element type to bind
            return {"nodes": [], "edges": []}
        return {"nodes": self._export_nodes(ids), "edges": self._export_edges(ids)}

    @abstractmethod
    def _export_nodes(self, ids: list[str] | None) -> list[dict[str, Any]]:
        """Export-structure nodes: all of them (ids None) or those with these ids; no Document `text`."""

    @abstractmethod
    def _export_edges(self, ids: list[str] | None) -> list[dict[str, Any]]:
        """Export-structure edges: all of them (ids None) or those with both ends among these ids."""

    @abstractmethod
    def document_text(self, doc_id: str) -> str | None:
        """The normalised text of a document: what every evidence offset refers to."""

    @abstractmethod
    def counts(self) -> dict[str, int]:
        """Nodes per label and edges per type."""

    @abstractmethod
    def close(self) -> None:
        """Release the database."""


def bulk_batches(batches: Iterable[FactBatch], doc_ids: Collection[str] | None = None) -> Iterator[FactBatch]:
    """The batches of one bulk load, each checked as it is read: a document given twice, or one `doc_ids` does
    not name, is a StoreError (every store's bulk_load reads its batches through this)."""
    seen: set[str] = set()
    for batch in batches:
        if batch.doc_id in seen:
            raise StoreError(f"{batch.doc_id} is given twice in one bulk load")
        if doc_ids is not None and batch.doc_id not in doc_ids:
            raise StoreError(f"{batch.doc_id} is not one of the documents this bulk load was given (doc_ids)")
        seen.add(batch.doc_id)
        yield batch


def check_batch(batch: FactBatch) -> None:
    """What every store refuses before it writes a batch, naming the first offender, with nothing written:
    - an edge to a node the batch lacks;
    - a relationship carrying a document's id as `doc` that touches another document's node, or a Task or
      Target node whose `doc` is not that document. Re-loading deletes a document's relationships from its
      own nodes (the embedded store finds them there, graph/stores/ladybug.py `_delete_document`); one of
      document X on document Y's node would be found by neither's re-load and outlive both."""
    dangling = [e for e in batch.edges.values() if e.source not in batch.nodes or e.target not in batch.nodes]
    if dangling:
        raise StoreError(f"{len(dangling)} edge(s) point at nodes missing from the batch, e.g. {dangling[0].key}")
    for edge in batch.edges.values():
        doc = coerce(edge.props.get("doc"), "str")
        if doc is None:
            continue
        for end, label in ((edge.source, edge.source_label), (edge.target, edge.target_label)):
            if label not in OWNER_LABELS:
                continue
            owner = end if label == "Document" else coerce(batch.nodes[end].props.get("doc"), "str")
            if owner != doc:
                raise StoreError(f"{edge.type} {edge.source} -> {edge.target} carries doc {doc}, but its {label} end "
                                 f"{end} belongs to {owner or 'no document'}: a document's relationships may touch "
                                 "only its own Document, Task and Target nodes")
