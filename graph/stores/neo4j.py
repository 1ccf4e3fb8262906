"""The production store: Neo4j 5 through the official `neo4j` driver (py2neo is end-of-life).

Neo4j needs no tables, so `cypher/schema/neo4j.cypher` declares what the store relies on instead: a
uniqueness constraint on `id` per label (every MERGE looks a node up by it) and `doc` indexes (a document's
facts are deleted by `doc`, type by type, before its new batch is written).

Writes are batched `UNWIND $rows AS r MERGE … SET` statements of at most `batch_size` rows
(POLICYKG_NEO4J_BATCH), so a document is a handful of round trips, not one per fact; `replace_document`
runs the deletion and all of its batches in one `session.execute_write`, so a failure anywhere leaves the
document's old facts in place. Relationships MERGE on (source, type, target, doc): SCHEMA.md's one
relationship per document, which makes a repeated `upsert` (a re-run migration) idempotent too.

Reads return plain Python values (Node, Relationship and Path objects become dicts; the Document's big
`text` stays out), so nothing above `graph/stores` ever sees a driver type. Analysts' Cypher is checked
three times before it runs: the lexical check of graph/readonly.py, then `EXPLAIN`'s query type (only 'r'
passes), then a READ session with a server-side timeout, so the server itself refuses any write.

The Cypher this module generates is listed by `generated_statements()`, which `tools/lint-cypher.mjs` lints
with Neo4j's own parser and semantic analysis: no Neo4j runs on the development machines.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator
from typing import Any

import neo4j
from neo4j import exceptions as neo4j_errors
from neo4j.graph import Node as Neo4jNode
from neo4j.graph import Path as Neo4jPath
from neo4j.graph import Relationship as Neo4jRelationship

from graph import queries
from graph.model import (
    COMMON_NODE_PROPERTIES,
    EDGE_ENDPOINTS,
    EDGE_PROPERTIES,
    NODE_LABELS,
    NODE_PROPERTIES,
    FactBatch,
    coerce,
)
from graph.readonly import check_read_only
from graph.stores import Neo4jConfig
from graph.stores.base import (
    DOC_SCOPED_LABELS,
    GraphStore,
    QueryResult,
    QueryStopped,
    ReadOnlyViolation,
    StoreError,
    check_batch,
)

EXCLUDED_VALUE_KEYS = frozenset({"text"})  # the Document's full text: big, served by document_text
# Server error codes that mean "this would have written" (a READ session refused it).
WRITE_REFUSED_CODES = ("Neo.ClientError.Statement.AccessMode", "Neo.ClientError.Security.Forbidden")
TIMEOUT_CODES = ("Neo.ClientError.Transaction.TransactionTimedOut",
                 "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration")


def _q(name: str) -> str:
    return f"`{name}`"


# -- the generated Cypher ----------------------------------------------------------------------------------
def node_upsert_statement(label: str) -> str:
    """MERGE a label's nodes on id: a new node gets every property, a known one keeps what the batch lacks.

    `aliases` is the union of the stored and the new aliases, in first-seen order, as the embedded store keeps it.
    """
    keys = [k for k in [*COMMON_NODE_PROPERTIES, *NODE_PROPERTIES[label]] if k != "aliases"]
    on_create = ", ".join([f"n.{_q(k)} = r.{_q(k)}" for k in keys] + ["n.aliases = coalesce(r.aliases, [])"])
    on_match = ", ".join(
        [f"n.{_q(k)} = coalesce(r.{_q(k)}, n.{_q(k)})" for k in keys]
        + ["n.aliases = reduce(acc = coalesce(n.aliases, []), a IN coalesce(r.aliases, []) | "
           "CASE WHEN a IN acc THEN acc ELSE acc + a END)"]
    )
    return f"UNWIND $rows AS r MERGE (n:{_q(label)} {{id: r.id}}) ON CREATE SET {on_create} ON MATCH SET {on_match}"


def edge_upsert_statement(rel_type: str, source_label: str, target_label: str, documented: bool) -> str:
    """MERGE relationships between existing nodes: per document when they carry one, else once per pair.

    Facts without a document (gazetteer PART_OF, SUBSECTOR_OF) are shared by every document: the first
    sighting's properties stay, as in the embedded store.
    """
    match = (f"UNWIND $rows AS r MATCH (a:{_q(source_label)}) WHERE a.id = r.s "
             f"MATCH (b:{_q(target_label)}) WHERE b.id = r.t ")
    if documented:
        rest = ", ".join(f"e.{_q(k)} = r.{_q(k)}" for k in EDGE_PROPERTIES if k != "doc")
        return match + f"MERGE (a)-[e:{_q(rel_type)} {{doc: r.doc}}]->(b) SET {rest}"
    assignments = ", ".join(f"e.{_q(k)} = r.{_q(k)}" for k in EDGE_PROPERTIES)
    return match + f"MERGE (a)-[e:{_q(rel_type)}]->(b) ON CREATE SET {assignments}"


def delete_edges_statement(rel_type: str) -> str:
    return f"MATCH ()-[e:{_q(rel_type)}]->() WHERE e.doc = $doc DELETE e"


def delete_nodes_statement(label: str) -> str:
    return f"MATCH (n:{_q(label)}) WHERE n.doc = $doc DETACH DELETE n"


def export_nodes_statement(label: str, selected: bool) -> str:
    keys = ["id", *COMMON_NODE_PROPERTIES, *(k for k in NODE_PROPERTIES[label] if k not in EXCLUDED_VALUE_KEYS)]
    where = " WHERE n.id IN $ids" if selected else ""
    returned = ", ".join(f"n.{_q(k)} AS {_q(k)}" for k in keys)
    return f"MATCH (n:{_q(label)}){where} RETURN {returned} ORDER BY n.id"


def export_edges_statement(rel_type: str, source_label: str, target_label: str, selected: bool) -> str:
    """One (type, endpoint labels) pair: the labels let Neo4j seek nodes by index instead of scanning all."""
    where = " WHERE a.id IN $ids AND b.id IN $ids" if selected else ""
    returned = ", ".join(f"e.{_q(k)} AS {_q(k)}" for k in EDGE_PROPERTIES)
    return (f"MATCH (a:{_q(source_label)})-[e:{_q(rel_type)}]->(b:{_q(target_label)}){where} "
            f"RETURN a.id AS source, b.id AS target, {returned}")


def count_nodes_statement(label: str) -> str:
    return f"MATCH (n:{_q(label)}) RETURN count(n) AS n"


def count_edges_statement(rel_type: str) -> str:
    return f"MATCH ()-[e:{_q(rel_type)}]->() RETURN count(e) AS n"


DOCUMENT_TEXT = "MATCH (d:Document {id: $id}) RETURN d.text AS text"


def generated_statements() -> list[tuple[str, str, tuple[str, ...]]]:
    """Every statement this store builds, as (name, text, parameters): what tools/lint-cypher.mjs lints."""
    out: list[tuple[str, str, tuple[str, ...]]] = []
    for label in NODE_LABELS:
        out.append((f"upsert {label}", node_upsert_statement(label), ("rows",)))
        out.append((f"export {label}", export_nodes_statement(label, False), ()))
        out.append((f"subgraph {label}", export_nodes_statement(label, True), ("ids",)))
        out.append((f"count {label}", count_nodes_statement(label), ()))
    for label in DOC_SCOPED_LABELS:
        out.append((f"delete {label}", delete_nodes_statement(label), ("doc",)))
    for rel_type, pairs in EDGE_ENDPOINTS.items():
        out.append((f"delete {rel_type}", delete_edges_statement(rel_type), ("doc",)))
        out.append((f"count {rel_type}", count_edges_statement(rel_type), ()))
        for source_label, target_label in pairs:
            pair = f"{rel_type} {source_label}->{target_label}"
            out.append((f"upsert {pair}", edge_upsert_statement(rel_type, source_label, target_label, True), ("rows",)))
            out.append((f"upsert undocumented {pair}",
                        edge_upsert_statement(rel_type, source_label, target_label, False), ("rows",)))
            out.append((f"export {pair}", export_edges_statement(rel_type, source_label, target_label, False), ()))
            out.append((f"subgraph {pair}", export_edges_statement(rel_type, source_label, target_label, True),
                        ("ids",)))
    out.append(("document text", DOCUMENT_TEXT, ("id",)))
    return out


# -- the store ---------------------------------------------------------------------------------------------
class Neo4jStore(GraphStore):
    dialect = "neo4j"

    def __init__(self, config: Neo4jConfig, read_only: bool = False):
        self.config = config
        self.read_only_store = read_only
        self.batch_size = max(1, int(config.batch_size))
        auth = (config.user, config.password) if config.password else None
        driver = None
        try:
            driver = neo4j.GraphDatabase.driver(config.uri, auth=auth)
            driver.verify_connectivity()  # fail at start (wrong URI, password) rather than at the first request
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, ValueError, OSError) as exc:
            if driver is not None:
                driver.close()
            raise StoreError(f"cannot reach Neo4j at {config.uri}: {_message(exc)}") from exc
        self.driver = driver
        if not read_only:
            self.create_schema()

    # -- sessions ----------------------------------------------------------------------------------------
    def _session(self, write: bool = False) -> neo4j.Session:
        """A session per operation: the driver is thread-safe, its sessions are not (the API serves threads)."""
        mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
        return self.driver.session(database=self.config.database or None, default_access_mode=mode)

    def _read(self, query: str, params: dict[str, Any] | None = None) -> QueryResult:
        """A read in a READ session, retried by the driver on transient errors (leader switch, deadlock)."""
        def work(tx: neo4j.ManagedTransaction) -> QueryResult:
            result = tx.run(query, params or {})
            columns = list(result.keys())
            return QueryResult(columns, [[_plain(v) for v in record.values()] for record in result])

        try:
            with self._session() as session:
                return session.execute_read(work)
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as exc:
            raise StoreError(_message(exc)) from exc

    def _write(self, work: Callable[[neo4j.ManagedTransaction], None]) -> None:
        if self.read_only_store:
            raise ReadOnlyViolation("this Neo4j store was opened read-only (the API server only reads)")
        with self._session(write=True) as session:
            session.execute_write(work)

    # -- schema ------------------------------------------------------------------------------------------
    def create_schema(self) -> None:
        """One auto-commit statement each: Neo4j refuses schema changes mixed with other work in a transaction."""
        try:
            with self._session(write=True) as session:
                for statement in queries.schema_statements("neo4j"):
                    session.run(statement).consume()
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as exc:
            raise StoreError(f"creating the Neo4j schema failed: {_message(exc)}") from exc

    # -- writes ------------------------------------------------------------------------------------------
    def replace_document(self, batch: FactBatch) -> None:
        def work(tx: neo4j.ManagedTransaction) -> None:
            self._delete_document(tx, batch.doc_id)
            self._write_batch(tx, batch)  # rows are built after the deletion: a bad value fails mid-transaction

        try:
            self._write(work)
        except ReadOnlyViolation:
            raise
        except Exception as exc:
            raise StoreError(f"loading {batch.doc_id} failed and was rolled back: {_message(exc)}") from exc

    def bulk_load(self, batches: Iterable[FactBatch], doc_ids: Collection[str] | None = None) -> None:
        """The per-document path (GraphStore's default): each batch replaced in its own transaction, batched
        `UNWIND … MERGE` within it, on an empty database or not; a failure leaves the documents before it loaded.
        Neo4j's bulk path is offline: `policykg export --format neo4j-admin` and `neo4j-admin database import
        full` into a stopped database (README, Bulk import), which no driver call can do."""
        super().bulk_load(batches, doc_ids)

    def upsert(self, batch: FactBatch) -> None:
        try:
            self._write(lambda tx: self._write_batch(tx, batch))
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as exc:
            raise StoreError(_message(exc)) from exc

    def delete_document(self, doc_id: str) -> None:
        """A document and everything it contributed (the embedded store offers the same)."""
        def work(tx: neo4j.ManagedTransaction) -> None:
            self._delete_document(tx, doc_id)
            tx.run("MATCH (d:Document {id: $id}) DETACH DELETE d", {"id": doc_id}).consume()

        try:
            self._write(work)
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as exc:
            raise StoreError(_message(exc)) from exc

    def _delete_document(self, tx: neo4j.ManagedTransaction, doc_id: str) -> None:
        for rel_type in EDGE_ENDPOINTS:  # type by type: each deletion is a `doc` index seek
            tx.run(delete_edges_statement(rel_type), {"doc": doc_id}).consume()
        for label in DOC_SCOPED_LABELS:
            tx.run(delete_nodes_statement(label), {"doc": doc_id}).consume()

    def _write_batch(self, tx: neo4j.ManagedTransaction, batch: FactBatch) -> None:
        check_batch(batch)
        by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for node in batch.nodes.values():
            row = {"id": node.id, "name": node.name, "aliases": list(node.aliases), "name_en": node.name_en}
            for key, kind in NODE_PROPERTIES[node.label].items():
                row[key] = coerce(node.props.get(key), kind)
            by_label[node.label].append(row)
        for label, rows in by_label.items():
            statement = node_upsert_statement(label)
            for chunk in self._chunks(rows):
                tx.run(statement, {"rows": chunk}).consume()

        grouped: dict[tuple[str, str, str, bool], list[dict[str, Any]]] = defaultdict(list)
        for edge in batch.edges.values():
            row = {"s": edge.source, "t": edge.target}
            for key, kind in EDGE_PROPERTIES.items():
                row[key] = coerce(edge.props.get(key), kind)
            grouped[(edge.type, edge.source_label, edge.target_label, row["doc"] is not None)].append(row)
        for (rel_type, source_label, target_label, documented), rows in grouped.items():
            statement = edge_upsert_statement(rel_type, source_label, target_label, documented)
            for chunk in self._chunks(rows):
                tx.run(statement, {"rows": chunk}).consume()

    def _chunks(self, rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
        for i in range(0, len(rows), self.batch_size):
            yield rows[i:i + self.batch_size]

    # -- reads -------------------------------------------------------------------------------------------
    def named(self, name: str, params: dict[str, Any] | None = None) -> QueryResult:
        return self._read(*self.bind_named(name, params))

    def read_only(self, query: str, params: dict[str, Any] | None = None, *, timeout_ms: int = 10_000,
                  max_rows: int = 1_000) -> QueryResult:
        statement = check_read_only(query)
        params = params or {}
        try:
            with self._session() as session:
                summary = session.run(f"EXPLAIN {statement}", params).consume()
                if summary.query_type != "r":
                    raise ReadOnlyViolation(f"read-only endpoint: Neo4j plans this query as type "
                                            f"{summary.query_type!r} (it may write); only reading queries run")
                result = session.run(neo4j.Query(statement, timeout=max(timeout_ms, 1) / 1000), params)
                columns = list(result.keys())
                rows: list[list[Any]] = []
                for record in result:
                    rows.append([_plain(v) for v in record.values()])
                    if len(rows) > max_rows:  # one row past the cap says "truncated"
                        break
                result.consume()  # discard what the row cap cut off
        except ReadOnlyViolation:
            raise
        except neo4j_errors.Neo4jError as exc:
            code = exc.code or ""
            if code in WRITE_REFUSED_CODES or isinstance(exc, neo4j_errors.ForbiddenOnReadOnlyDatabase):
                raise ReadOnlyViolation(f"read-only endpoint: {_message(exc)}") from exc
            if code in TIMEOUT_CODES or "TimedOut" in code:
                raise QueryStopped(f"the query ran past its {timeout_ms} ms timeout and was stopped") from exc
            raise StoreError(_message(exc)) from exc
        except neo4j_errors.DriverError as exc:
            raise StoreError(_message(exc)) from exc
        truncated = len(rows) > max_rows
        return QueryResult(columns, rows[:max_rows], truncated)

    def _export_nodes(self, ids: list[str] | None) -> list[dict[str, Any]]:
        params = {"ids": ids} if ids is not None else {}
        nodes: list[dict[str, Any]] = []
        for label in NODE_LABELS:
            for values in self._read(export_nodes_statement(label, ids is not None), params).records():
                properties = {k: v for k, v in values.items() if k != "id" and v is not None}
                nodes.append({"id": values["id"], "label": label, "name": values["name"], "properties": properties})
        return nodes

    def _export_edges(self, ids: list[str] | None) -> list[dict[str, Any]]:
        """Type by type, in the embedded store's reading order (document, evidence start, source, target)."""
        params = {"ids": ids} if ids is not None else {}
        edges: list[dict[str, Any]] = []
        for rel_type, pairs in EDGE_ENDPOINTS.items():
            rows: list[dict[str, Any]] = []
            for source_label, target_label in pairs:
                statement = export_edges_statement(rel_type, source_label, target_label, ids is not None)
                rows.extend(self._read(statement, params).records())
            rows.sort(key=lambda r: (r["doc"] is None, r["doc"] or "", r["start"] if r["start"] is not None else -1,
                                     r["source"], r["target"]))
            for row in rows:
                properties = {k: row[k] for k in EDGE_PROPERTIES if row[k] is not None}
                edges.append({"source": row["source"], "target": row["target"], "type": rel_type,
                              "properties": properties})
        return edges

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for label in NODE_LABELS:
            out[label] = self._read(count_nodes_statement(label)).rows[0][0]
        for rel_type in EDGE_ENDPOINTS:
            out[rel_type] = self._read(count_edges_statement(rel_type)).rows[0][0]
        return out

    def document_text(self, doc_id: str) -> str | None:
        rows = self._read(DOCUMENT_TEXT, {"id": doc_id}).rows
        return rows[0][0] if rows else None

    def close(self) -> None:
        self.driver.close()


# -- values --------------------------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """A driver value as plain Python: graph objects become dicts, temporal and spatial values strings."""
    if isinstance(value, Neo4jNode):
        props = {k: _plain(v) for k, v in value.items() if k not in EXCLUDED_VALUE_KEYS}
        label = next((lb for lb in NODE_LABELS if lb in value.labels), next(iter(sorted(value.labels)), None))
        return {"id": props.pop("id", None), "label": label, **props}
    if isinstance(value, Neo4jRelationship):
        out: dict[str, Any] = {"type": value.type}
        for key, node in (("source", value.start_node), ("target", value.end_node)):
            if node is not None and node.get("id") is not None:
                out[key] = node.get("id")
        out.update({k: _plain(v) for k, v in value.items()})
        return out
    if isinstance(value, Neo4jPath):
        return {"nodes": [_plain(n) for n in value.nodes], "relationships": [_plain(r) for r in value.relationships]}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):  # neo4j.time Date, DateTime, Duration …
        return value.iso_format()
    if hasattr(value, "srid"):  # neo4j.spatial points
        return list(value)
    return value


def _message(exc: BaseException) -> str:
    """The server's own message (Neo4jError.message), else the exception's text."""
    message = getattr(exc, "message", None)
    return str(message) if message else str(exc)
