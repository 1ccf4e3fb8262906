"""The embedded store: LadybugDB (the maintained fork of Kùzu), in-process, one file on disk.

LadybugDB allows one read-write `Database` per file and one write transaction at a time, so one
`LadybugStore` owns the file, hands each thread its own `Connection`, and serialises writes with a lock.
Across processes, a read-write and a read-only `Database` on one file must never coexist either (LadybugDB
refuses a second writer but not a writer beside readers, and the mix has crashed servers), so every store
takes the advisory lock of graph/stores/lock.py before it opens the file: shared for read-only, exclusive
for read-write, refused at once with who holds it; released on close, and by the kernel on process death.

What a read-only open does to the files (LadybugDB 0.22, traced with strace): it opens the database and
any `.wal` with O_RDONLY, `stat`s the sibling files (`.wal.checkpoint`, `.shadow`,
`.checkpoint.intent.lock`, `.checkpoint.apply.lock`) without creating them, takes no lock of its own,
replays a leftover WAL (a writer killed before its checkpoint) in memory only, and writes nothing: every
file beside the database stays byte-identical. It refuses to create a missing database, and (by its
error messages; not reproduced here) a database whose checkpoint was interrupted, `.shadow` or
`.wal.checkpoint` left behind, until a read-write open has recovered it. A read-write open, even one that
only reads, checkpoints on close and rewrites the database file, which is why every command that only reads
opens read-only. The one file a read-only store touches is our own `<db>.lock`: it adds its holder line and
removes it on close, leaving it as it was.
Bulk writes use UNWIND batches that find every node by its primary key (new nodes CREATEd, present ones SET;
edges by MATCH … MATCH … CREATE after the document's old edges are deleted): MERGE, and a MATCH of two node
patterns joined by a comma, plan a scan of the table and slow down as it grows (see `_write`).
"""

from __future__ import annotations

import os
import threading
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import ladybug

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
from graph.stores import dialect
from graph.stores.base import (
    DOC_SCOPED_LABELS,
    OWNER_LABELS,
    GraphStore,
    QueryResult,
    QueryStopped,
    ReadOnlyViolation,
    StoreError,
    StoreNotEmpty,
    bulk_batches,
    check_batch,
)
from graph.stores.lock import DatabaseLock, require_database

BATCH_ROWS = 2_000
# A read-only open sizes its buffer pool to the database (`reader_pool_bytes`): LadybugDB's default is most of
# the machine's memory, and a pool costs resident memory at open in proportion to its size (measured on a
# 24 GiB machine, ×50 graph of 34 MB: 64 MiB pool +47 MiB at open, 1 GiB +49, 8 GiB +63, the default +85),
# memory a served graph a few hundred times smaller than the pool never uses.
READER_POOL_MIN = 1 << 30
READER_POOL_PER_BYTE = 8  # pool bytes per byte on disk: the whole database cached, with room for queries
# Where `_delete_document` finds a document's relationships (the write rules of base.check_batch put them there):
# types with a Document end, from the document's node (by primary key), out along these and in along those; an end
# on a Task or Target goes with its node; only the types with no such end in some pair are scanned, in one statement.
FROM_DOCUMENT = tuple(t for t, pairs in EDGE_ENDPOINTS.items() if any(s == "Document" for s, _ in pairs))
TO_DOCUMENT = tuple(t for t, pairs in EDGE_ENDPOINTS.items() if any(e == "Document" for _, e in pairs))
SCANNED_ON_DELETE = tuple(t for t, pairs in EDGE_ENDPOINTS.items()
                          if not all(s in OWNER_LABELS or e in OWNER_LABELS for s, e in pairs))
# Exports list edges in reading order: by document, then where their evidence starts in it; edges without
# provenance (taxonomy links) come last, by their ends. Two exports of one graph are byte-identical.
READING_ORDER = "e.doc IS NULL, e.doc, e.start, a.id, b.id"


LADYBUG_TYPES = {"str": "STRING", "int": "INT64", "float": "DOUBLE", "list": "STRING[]"}


def _q(name: str) -> str:
    return f"`{name}`"


def _typed(key: str, kind: str) -> str:
    """`r.key` cast to its column type: a batch whose values are all null would otherwise bind as STRING."""
    return f"CAST(r.{_q(key)} AS {LADYBUG_TYPES[kind]})"


def reader_pool_bytes(path: Path) -> int:
    """A read-only store's buffer pool: `READER_POOL_PER_BYTE` times the database's files on disk (it and its
    WAL), at least `READER_POOL_MIN`, at most what LadybugDB would take by default (80% of physical memory)."""
    on_disk = sum(p.stat().st_size for p in (path, path.with_name(path.name + ".wal")) if p.is_file())
    physical = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return min(max(READER_POOL_MIN, READER_POOL_PER_BYTE * on_disk), int(physical * 0.8))


class LadybugStore(GraphStore):
    dialect = "ladybug"

    def __init__(self, path: str | Path, read_only: bool = False, *, buffer_pool_bytes: int | None = None,
                 max_db_bytes: int | None = None, threads: int = 0):
        """Open (read-write: create) the database at `path`. Read-only refuses a missing database rather than
        leave an empty one (or its folder) behind; either mode refuses a file held in a conflicting mode.

        Without `buffer_pool_bytes`, a writer gets LadybugDB's pool (most of the memory: COPY and big loads use
        it) and a reader one sized to the database (`reader_pool_bytes`). The address-space reservation is
        LadybugDB's (8 TB); the Cypher sandbox (graph/stores/sandbox.py) passes small sizes so that a worker
        fits under an address-space limit."""
        self.path = Path(path)
        if read_only:
            require_database(self.path)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        if buffer_pool_bytes is None:
            buffer_pool_bytes = reader_pool_bytes(self.path) if read_only else 0
        self._lock = DatabaseLock.acquire(self.path, write=not read_only)
        try:
            self.db = ladybug.Database(str(self.path), read_only=read_only, buffer_pool_size=buffer_pool_bytes,
                                       max_db_size=max_db_bytes, max_num_threads=threads)
        except RuntimeError as exc:
            self._lock.release()
            raise StoreError(f"cannot open the embedded database at {self.path}: {exc}") from exc
        self._local = threading.local()
        self._write_lock = threading.Lock()
        if not read_only:
            try:
                self.create_schema()
            except BaseException:
                self.close()
                raise

    # -- connections -------------------------------------------------------------------------------------
    def _conn(self, serial: bool = False) -> ladybug.Connection:
        """This thread's connection; with `serial`, its second one, which executes on one thread (`named`)."""
        attribute = "serial_conn" if serial else "conn"
        conn = getattr(self._local, attribute, None)
        if conn is None:
            conn = ladybug.Connection(self.db)
            if serial:
                conn.set_max_threads_for_exec(1)
            setattr(self._local, attribute, conn)
        return conn

    def _execute(self, query: str, params: dict[str, Any] | None = None, *, serial: bool = False) -> QueryResult:
        try:
            result = self._conn(serial).execute(query, params or {})
        except (RuntimeError, ValueError, TypeError, OverflowError) as exc:  # the binding refuses some values
            raise StoreError(str(exc)) from exc
        if isinstance(result, list):
            result = result[-1]
        columns = result.get_column_names()
        rows = result.get_all()  # a new list of lists: copying it held every result twice for a moment
        return QueryResult(columns, rows)

    # -- schema ------------------------------------------------------------------------------------------
    def create_schema(self) -> None:
        with self._write_lock:
            for statement in queries.schema_statements("ladybug"):
                self._execute(statement)

    # -- writes ------------------------------------------------------------------------------------------
    @contextmanager
    def _transaction(self, failure: str | None = None) -> Iterator[None]:
        """One write transaction at a time: all of it commits, or none of it (`failure` rewords the error)."""
        with self._write_lock:
            self._execute("BEGIN TRANSACTION")
            try:
                yield
            except Exception as exc:
                self._rollback()
                if failure is None:
                    raise
                raise StoreError(f"{failure} failed and was rolled back: {exc}") from exc
            self._execute("COMMIT")

    def replace_document(self, batch: FactBatch) -> None:
        with self._transaction(f"loading {batch.doc_id}"):
            self._delete_document(batch.doc_id)
            self._write(batch)

    def upsert(self, batch: FactBatch) -> None:
        with self._transaction():
            self._write(batch)

    def delete_document(self, doc_id: str) -> None:
        with self._transaction():
            self._delete_document(doc_id)
            self._execute("MATCH (d:Document {id: $id}) DETACH DELETE d", {"id": doc_id})

    def _rollback(self) -> None:
        """Roll back; a failed statement may already have ended the transaction, which is as good."""
        try:
            self._conn().execute("ROLLBACK")
        except RuntimeError:
            pass

    def _delete_document(self, doc_id: str) -> None:
        """Remove what a document contributed: the relationships carrying its id as `doc`, and its Task and Target
        nodes. A document never loaded has nothing to remove, and skipping keeps a first build linear.

        LadybugDB indexes primary keys only, so `r.doc = $doc` on a relationship table reads the whole table, and
        doing it on all of them made a re-load cost more the bigger the graph. The write rules (`base.check_batch`)
        put every relationship of a document with a Document, Task or Target end on nodes of that document, so
        those are found from them: from the Document node by its primary key, along its own relationships
        (PROFILE: PRIMARY_KEY_SCAN_NODE_TABLE, then SCAN_REL_TABLE from that one node), and with its Task and
        Target nodes (DETACH DELETE; found by `n.doc` in their tables, a few per document). Only the types joining
        two shared entities (TARGETS, HOSTS, LOCATED_IN, …: SCANNED_ON_DELETE) are still read whole, in one
        statement: nothing of the document's own leads to them without walking hub nodes (a city that every
        document names), which reads as many relationships as the scan."""
        if not self._execute("MATCH (d:Document {id: $id}) RETURN count(d)", {"id": doc_id}).rows[0][0]:
            return
        params = {"doc": doc_id}
        self._execute(f"MATCH (d:Document {{id: $doc}})-[r:{'|'.join(FROM_DOCUMENT)}]->() WHERE r.doc = $doc "
                      "DELETE r", params)
        self._execute(f"MATCH ()-[r:{'|'.join(TO_DOCUMENT)}]->(d:Document {{id: $doc}}) WHERE r.doc = $doc "
                      "DELETE r", params)
        for label in DOC_SCOPED_LABELS:
            self._execute(f"MATCH (n:{label}) WHERE n.doc = $doc DETACH DELETE n", params)
        self._execute(f"MATCH ()-[r:{'|'.join(SCANNED_ON_DELETE)}]->() WHERE r.doc = $doc DELETE r", params)

    def _write(self, batch: FactBatch) -> None:
        """Write a batch's nodes and edges. Every statement finds nodes by primary key, the one index LadybugDB
        has: a node MERGE, or two node patterns joined by a comma in one MATCH, are planned as a scan of the
        whole node table and a hash join (EXPLAIN shows SCAN_NODE_TABLE), so adding a document cost more the
        more documents the store held. So the ids already present are looked up first, new nodes CREATEd and
        present ones updated with the MERGE's ON MATCH SET, and each end of an edge is MATCHed in a clause of its
        own (QUERY_PRIMARY_KEY_LOOKUP). A batch holds each id once, so the split is exactly what MERGE did."""
        check_batch(batch)
        for label, rows in _node_rows(batch).items():
            kinds = {**COMMON_NODE_PROPERTIES, **NODE_PROPERTIES[label]}
            created = ", ".join(["id: r.id", *(f"{_q(k)}: {_typed(k, kind)}" for k, kind in kinds.items())])
            for chunk in _chunks(rows):
                present = self._present(label, [r["id"] for r in chunk])
                new = [r for r in chunk if r["id"] not in present]
                if new:
                    self._execute(f"UNWIND $rows AS r CREATE (n:{label} {{{created}}})", {"rows": new})
                self._refuse_moved(label, [r for r in chunk if r["id"] in present])
                self._update_present(label, [r for r in chunk if r["id"] in present])

        assignments = ", ".join(f"{_q(k)}: {_typed(k, kind)}" for k, kind in EDGE_PROPERTIES.items())
        for (rel_type, source_label, target_label, undocumented), rows in _edge_groups(batch).items():
            match = f"UNWIND $rows AS r MATCH (a:{source_label} {{id: r.s}}) MATCH (b:{target_label} {{id: r.t}}) "
            if undocumented:  # gazetteer facts (PART_OF, SUBSECTOR_OF) are shared by every document
                # (this MERGE scans its relationship table, which the gazetteers bound, not the documents)
                query = match + f"MERGE (a)-[e:{rel_type}]->(b) ON CREATE SET " + ", ".join(
                    f"e.{_q(k)} = {_typed(k, kind)}" for k, kind in EDGE_PROPERTIES.items())
            else:
                query = match + f"CREATE (a)-[:{rel_type} {{{assignments}}}]->(b)"
            for chunk in _chunks(rows):
                self._execute(query, {"rows": chunk})

    def _present(self, label: str, ids: list[str]) -> set[str]:
        """Which of these ids a node of `label` already has (primary-key lookups)."""
        found: set[str] = set()
        for chunk in _chunks(ids):
            found.update(row[0] for row in self._execute(f"UNWIND $ids AS i MATCH (n:{label} {{id: i}}) RETURN n.id",
                                                          {"ids": chunk}).rows)
        return found

    def _refuse_moved(self, label: str, rows: list[dict]) -> None:
        """StoreError when a row would give a Task or Target node that the store holds for one document to another:
        that document's relationships on it would then be found with neither (`_delete_document` takes a
        document's Task and Target nodes by their `doc`, and their relationships with them)."""
        if label not in DOC_SCOPED_LABELS:
            return
        for chunk in _chunks([r for r in rows if r.get("doc") is not None]):
            for node_id, owner in self._execute(f"UNWIND $rows AS r MATCH (n:{label} {{id: r.id}}) "
                                                "WHERE n.doc <> r.doc RETURN n.id, n.doc", {"rows": chunk}).rows:
                raise _moved(label, node_id, owner, next(r["doc"] for r in chunk if r["id"] == node_id))

    def _update_present(self, label: str, rows: list[dict]) -> None:
        """Fold rows into nodes already present as a MERGE's ON MATCH would: every property a row has a value for
        is set (coalesce(new, old)), and its aliases are appended, each kept once in the order first seen."""
        kinds = {**COMMON_NODE_PROPERTIES, **NODE_PROPERTIES[label]}
        on_match = ", ".join(
            [f"n.{_q(k)} = coalesce({_typed(k, kind)}, n.{_q(k)})" for k, kind in kinds.items() if k != "aliases"]
            + ["n.aliases = list_distinct(list_concat(coalesce(n.aliases, []), coalesce(r.aliases, [])))"]
        )
        for chunk in _chunks(rows):
            self._execute(f"UNWIND $rows AS r MATCH (n:{label} {{id: r.id}}) SET {on_match}", {"rows": chunk})

    def _linked(self, rel_type: str, source_label: str, target_label: str, rows: list[dict]) -> set[tuple[str, str]]:
        """The (source, target) pairs of `rows` that a relationship of `rel_type` already joins."""
        found: set[tuple[str, str]] = set()
        for chunk in _chunks(rows):
            found.update((row[0], row[1]) for row in self._execute(
                f"UNWIND $rows AS r MATCH (a:{source_label} {{id: r.s}}) MATCH (b:{target_label} {{id: r.t}}) "
                f"MATCH (a)-[:{rel_type}]->(b) RETURN DISTINCT a.id, b.id", {"rows": chunk}).rows)
        return found

    # -- bulk first load ---------------------------------------------------------------------------------
    def bulk_load(self, batches: Iterable[FactBatch], doc_ids: Collection[str] | None = None) -> None:
        """Load many new documents at once with COPY FROM: all of them, or none.

        Call it for a first build, `store.bulk_load(process(p) for p in paths)` (any iterable of FactBatch, one
        per document, each doc_id once), or to add many documents to a graph, naming them up front:
        `store.bulk_load(batches, doc_ids=[...])`. The graph is the one `replace_document` leaves when called on
        the same batches in the same order (tests/test_bulk_load.py compares the full exports): nodes are
        merged here in Python as the MERGE of `_write` merges them (first sighting creates; a later sighting's
        non-null values overwrite, aliases are concatenated keeping the first of each), relationships with a
        document are all kept, and a relationship without one (PART_OF, SUBSECTOR_OF from the gazetteers) is
        kept once per (source, type, target), and not at all where one joined the same two nodes first (in
        the store or earlier in the batches), as MERGE would have found it.

        Refused with StoreNotEmpty before the first batch is read: without `doc_ids`, when the store holds any
        node; with them, when it holds any of those documents (replacing a document is `replace_document`'s
        job: its old facts must go first). The caller can then give the same batches to `replace_document`,
        one by one. A batch of a document `doc_ids` does not name is a StoreError and nothing is written.
        Into a graph, nodes already there are updated as `_write` updates them (their ids looked up by primary
        key; COPY FROM cannot merge a node that is already there) and only new nodes are copied.

        Everything is written in one transaction: node tables, then relationship tables (one COPY per
        (type, source label, target label): a relationship table with several pairs is copied pair by pair),
        from pandas DataFrames of object columns (Python str, int, float, list and None, so lists and nulls
        reach LadybugDB as they are; numpy's NaN and pandas' nullable dtypes are never used). Any failure,
        in Python or in LadybugDB, rolls all of it back: the store stays as it was. A StoreError names it.
        One commit means at most one checkpoint, so LadybugDB's checkpoint threshold does not matter here
        (it is what slows the per-document path: a checkpoint every time the WAL passes 16 MB by default).
        """
        named = None if doc_ids is None else set(doc_ids)
        self._refuse_present(named)
        nodes, edges, documents = _merge_batches(batches, named)
        if not documents:
            return
        with self._write_lock:
            self._execute("BEGIN TRANSACTION")
            try:
                self._refuse_present(named)  # another thread of this process wrote while the batches were merged
                into_graph = not self._is_empty()
                for label, by_id in nodes.items():
                    rows = list(by_id.values())
                    present = self._present(label, list(by_id)) if into_graph and rows else set()
                    self._copy(label, self._columns(label), [r for r in rows if r["id"] not in present], "")
                    self._refuse_moved(label, [r for r in rows if r["id"] in present])
                    self._update_present(label, [r for r in rows if r["id"] in present])
                for (rel_type, source_label, target_label), rows in edges.items():
                    shared = [r for r in rows if r.get("doc") is None] if into_graph else []
                    linked = self._linked(rel_type, source_label, target_label, shared) if shared else set()
                    self._copy(rel_type, ["s", "t", *self._columns(rel_type)],
                               [r for r in rows if r.get("doc") is not None or (r["s"], r["t"]) not in linked],
                               f" (from='{source_label}', to='{target_label}')")
            except StoreNotEmpty:
                self._rollback()
                raise
            except BaseException as exc:
                self._rollback()
                if not isinstance(exc, Exception):
                    raise
                raise StoreError(f"bulk loading {documents} document(s) failed and was rolled back; "
                                 f"the store is as it was: {exc}") from exc
            self._execute("COMMIT")

    def _refuse_present(self, doc_ids: set[str] | None) -> None:
        """StoreNotEmpty when a bulk load may not go in: the store holds a graph (no documents named) or one of
        the documents named."""
        if doc_ids is None:
            if not self._is_empty():
                raise StoreNotEmpty(f"{self.path} already holds a graph: bulk_load without doc_ids is for a first "
                                    "load into an empty store; load the documents with replace_document, one by one")
        elif present := sorted(self._present("Document", sorted(doc_ids))):
            raise StoreNotEmpty(f"{self.path} already holds {len(present)} of these documents ({present[0]}…): "
                                "replace them with replace_document, one by one")

    def _is_empty(self) -> bool:
        return not self._execute("MATCH (n) RETURN count(n)").rows[0][0]

    def _columns(self, table: str) -> list[str]:
        """A table's properties in the order COPY FROM reads them (a node table's primary key first)."""
        return [row[1] for row in self._execute(f"CALL table_info('{table}') RETURN *").rows]

    def _copy(self, table: str, columns: list[str], rows: list[dict], options: str) -> None:
        """COPY rows into a table from a DataFrame whose columns are in the table's order (COPY maps them by
        position; a relationship's first two are its ends' ids)."""
        if not rows:
            return
        import pandas  # only a bulk load needs it (cpca's dependency); the API and the query sandbox never do

        frame = pandas.DataFrame({column: pandas.Series([row.get(column) for row in rows], dtype=object)
                                  for column in columns})
        self._execute(f"COPY {table} FROM $frame{options}", {"frame": frame})

    # -- reads -------------------------------------------------------------------------------------------
    def named(self, name: str, params: dict[str, Any] | None = None) -> QueryResult:
        """A named query's rows. A page (`skip` and `limit`) is asked for as its first skip + limit rows, and the
        first skip dropped here: LadybugDB 0.22 crashes the whole process (SIGSEGV) on ORDER BY … SKIP n
        LIMIT m once n passes the rows by a few thousand, and reads n modulo 2^32; ORDER BY … LIMIT never
        does. Callers bound skip (graph.subgraph.MAX_SKIP), which bounds the rows fetched.

        A query whose header says `// serial: …` runs on a connection that executes on one thread: LadybugDB
        0.22 aggregating in parallel sometimes gives collect() of maps one element twice and drops another (the
        bundled graph, parks_by_city of 汉中: 30 of 1,000 runs on two threads, none of 800 on one; collect() of
        plain values was right in every run)."""
        query, bound = self.bind_named(name, params)
        serial = bool(queries.get(name).serial)
        skip = bound.get("skip")
        if not skip or not isinstance(bound.get("limit"), int):
            return self._execute(query, bound, serial=serial)
        result = self._execute(query, bound | {"skip": 0, "limit": skip + bound["limit"]}, serial=serial)
        return QueryResult(result.columns, result.rows[skip:])

    def read_only(self, query: str, params: dict[str, Any] | None = None, *, timeout_ms: int = 10_000,
                  max_rows: int = 1_000) -> QueryResult:
        statement = check_read_only(query)
        conn = self._conn()
        conn.set_query_timeout(timeout_ms)
        try:
            conn.execute("BEGIN TRANSACTION READ ONLY")
            try:
                result = conn.execute(statement, params or {})
                columns = result.get_column_names()
                rows: list[list[Any]] = []
                while result.has_next() and len(rows) <= max_rows:
                    rows.append(_plain(result.get_next()))
            finally:
                self._rollback()
        except (RuntimeError, ValueError, TypeError, OverflowError) as exc:  # the binding refuses some values
            message = str(exc)
            if "read-only transaction" in message:
                raise ReadOnlyViolation(f"read-only endpoint: {message}") from exc
            if "Interrupted" in message:
                raise QueryStopped(f"the query ran past its {timeout_ms} ms timeout and was stopped") from exc
            raise StoreError(dialect.explain(message, statement)) from exc
        finally:
            conn.set_query_timeout(0)
        truncated = len(rows) > max_rows
        return QueryResult(columns, rows[:max_rows], truncated)

    def _export_nodes(self, ids: list[str] | None) -> list[dict[str, Any]]:
        """Nodes label by label (all of them, or those with these ids); `text` stays out, it is big."""
        where = " WHERE n.id IN $ids" if ids is not None else ""
        params = {"ids": ids} if ids is not None else {}
        nodes: list[dict[str, Any]] = []
        for label in NODE_LABELS:
            keys = ["id", *COMMON_NODE_PROPERTIES, *NODE_PROPERTIES[label]]
            returned = ", ".join(f"n.{_q(k)}" for k in keys)
            for row in self._execute(f"MATCH (n:{label}){where} RETURN {returned} ORDER BY n.id", params).rows:
                values = dict(zip(keys, row, strict=True))
                properties = {k: v for k, v in values.items() if k not in ("id", "text") and v is not None}
                nodes.append({"id": values["id"], "label": label, "name": values["name"], "properties": properties})
        return nodes

    def _export_edges(self, ids: list[str] | None) -> list[dict[str, Any]]:
        """Edges type by type (all of them, or those with both ends among these ids)."""
        where = " WHERE a.id IN $ids AND b.id IN $ids" if ids is not None else ""
        params = {"ids": ids} if ids is not None else {}
        edges: list[dict[str, Any]] = []
        returned = ", ".join(f"e.{_q(k)}" for k in EDGE_PROPERTIES)
        for rel_type in EDGE_ENDPOINTS:
            result = self._execute(f"MATCH (a)-[e:{rel_type}]->(b){where} RETURN a.id, b.id, {returned} "
                                   f"ORDER BY {READING_ORDER}", params)
            for row in result.rows:
                properties = {k: v for k, v in zip(EDGE_PROPERTIES, row[2:], strict=True) if v is not None}
                edges.append({"source": row[0], "target": row[1], "type": rel_type, "properties": properties})
        return edges

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for label in NODE_LABELS:
            out[label] = self._execute(f"MATCH (n:{label}) RETURN count(n)").rows[0][0]
        for rel_type in EDGE_ENDPOINTS:
            out[rel_type] = self._execute(f"MATCH ()-[e:{rel_type}]->() RETURN count(e)").rows[0][0]
        return out

    def document_text(self, doc_id: str) -> str | None:
        rows = self._execute("MATCH (d:Document {id: $id}) RETURN d.text", {"id": doc_id}).rows
        return rows[0][0] if rows else None

    def close(self) -> None:
        """Close the connection and the database, then let go of the lock (only then may a writer come in)."""
        try:
            for attribute in ("conn", "serial_conn"):
                conn = getattr(self._local, attribute, None)
                if conn is not None:
                    conn.close()
                    setattr(self._local, attribute, None)
            self.db.close()
        finally:
            self._lock.release()


def _moved(label: str, node_id: str, owner: str, doc: str) -> StoreError:
    return StoreError(f"{label} {node_id} belongs to {owner}; a batch may not give it to {doc} "
                      "(a document's Task and Target nodes are its own)")


def _node_rows(batch: FactBatch) -> dict[str, list[dict]]:
    """A batch's nodes as the rows `_write` MERGEs, by label: name, aliases and name_en as given, the label's
    properties coerced to their column types."""
    by_label: dict[str, list[dict]] = defaultdict(list)
    for node in batch.nodes.values():
        row = {"id": node.id, "name": node.name, "aliases": list(node.aliases), "name_en": node.name_en}
        for key, kind in NODE_PROPERTIES[node.label].items():
            row[key] = coerce(node.props.get(key), kind)
        by_label[node.label].append(row)
    return by_label


def _edge_groups(batch: FactBatch) -> dict[tuple[str, str, str, bool], list[dict]]:
    """A batch's edges as the rows `_write` writes, grouped by (type, source label, target label, undocumented)
    in the order the groups first appear (the order they are written in)."""
    grouped: dict[tuple[str, str, str, bool], list[dict]] = defaultdict(list)
    for edge in batch.edges.values():
        row = {"s": edge.source, "t": edge.target}
        for key, kind in EDGE_PROPERTIES.items():
            row[key] = coerce(edge.props.get(key), kind)
        grouped[(edge.type, edge.source_label, edge.target_label, edge.props.get("doc") is None)].append(row)
    return grouped


def _merge_batches(batches: Iterable[FactBatch], doc_ids: set[str] | None = None
                   ) -> tuple[dict[str, dict[str, dict]], dict[tuple[str, str, str], list[dict]], int]:
    """The rows a sequence of `replace_document` calls on an empty store would leave, table by table, and the
    number of documents: node rows by label and id, relationship rows by (type, source label, target label).

    Nodes: the first sighting's row; a later one sets every property it has a value for (coalesce(new, old))
    and appends its aliases, each alias kept once in the order first seen (list_distinct(list_concat(old,
    new))). Relationships with a document are created every time; one without (a gazetteer fact) is created
    only where no relationship of its type joins the same two nodes yet (MERGE), in the order `_write`
    writes the groups."""
    nodes: dict[str, dict[str, dict]] = {label: {} for label in NODE_LABELS}
    edges: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    linked: set[tuple[str, str, str]] = set()
    documents = 0
    for batch in bulk_batches(batches, doc_ids):
        documents += 1
        check_batch(batch)
        for label, rows in _node_rows(batch).items():
            table = nodes[label]
            for row in rows:
                old = table.get(row["id"])
                if old is None:
                    table[row["id"]] = row
                    continue
                if label in DOC_SCOPED_LABELS and None not in (old["doc"], row["doc"]) and old["doc"] != row["doc"]:
                    raise _moved(label, row["id"], old["doc"], row["doc"])
                for key, value in row.items():
                    if key == "aliases":
                        old["aliases"] = list(dict.fromkeys([*(old["aliases"] or []), *(value or [])]))
                    elif value is not None:
                        old[key] = value
        for (rel_type, source_label, target_label, undocumented), rows in _edge_groups(batch).items():
            for row in rows:
                link = (rel_type, row["s"], row["t"])
                if undocumented and link in linked:
                    continue
                linked.add(link)
                edges[(rel_type, source_label, target_label)].append(row)
    return nodes, edges, documents


def _chunks(rows: list) -> list[list]:
    return [rows[i:i + BATCH_ROWS] for i in range(0, len(rows), BATCH_ROWS)]




def _plain(row: list[Any]) -> list[Any]:
    """Node/relationship values as plain dicts without the store's internal ids."""
    out = []
    for value in row:
        if isinstance(value, dict):
            value = {k: v for k, v in value.items() if not k.startswith("_") or k == "_LABEL"}
            if "_LABEL" in value:
                value["label"] = value.pop("_LABEL")
            value.pop("text", None)
        out.append(value)
    return out
