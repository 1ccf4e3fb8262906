"""The embedded store: idempotent loads, atomic replacement, read-only Cypher, export."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from app.build import build
from app.settings import BUNDLED_CORPUS
from graph.model import Edge, FactBatch, Node
from graph.stores import ReadOnlyViolation, StoreError, open_store
from loaders.pipeline import process


@pytest.fixture()
def store(tmp_path: Path):
    store = open_store(tmp_path / "g.lbug")
    yield store
    store.close()


def test_loading_the_corpus_twice_leaves_identical_counts(store, tmp_path):
    build(store, [BUNDLED_CORPUS])
    first = store.counts()
    report = build(store, [BUNDLED_CORPUS])
    assert not report.failed
    assert store.counts() == first
    assert first["Document"] == 5 and first["TARGETS"] > 50


def test_a_failed_load_leaves_the_graph_as_it_was(store):
    build(store, [BUNDLED_CORPUS / "003_d17b420203dd7a74.txt"])
    before = store.counts()
    batch = process(BUNDLED_CORPUS / "003_d17b420203dd7a74.txt")
    # A value of the wrong type makes the write fail after the document's old facts were deleted.
    document = batch.nodes[batch.doc_id]
    batch.nodes[batch.doc_id] = Node("Document", document.id, document.name, [], None, {"chars": "not a number"})
    with pytest.raises(StoreError, match="rolled back"):
        store.replace_document(batch)
    assert store.counts() == before


def test_edges_to_unknown_nodes_are_refused(store):
    batch = FactBatch("document:x")
    batch.add_edge(Edge("TARGETS", "city:610700", "industry:nowhere", "City", "Industry", {"doc": "document:x"}))
    with pytest.raises(StoreError, match="missing"):
        store.replace_document(batch)


def test_bad_files_are_reported_and_the_rest_load(store, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(BUNDLED_CORPUS / "003_d17b420203dd7a74.txt", folder)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 broken")
    report = build(store, [folder])
    assert len(report.loaded) == 1
    assert set(Path(p).name for p in report.failed) == {"empty.txt", "broken.pdf"}
    assert store.counts()["Document"] == 1


@pytest.mark.parametrize("query", [
    "CREATE (n:City {id: 'x'})",
    "MATCH (n:City) SET n.name = 'x'",
    "MATCH (n) DETACH DELETE n",
    "MATCH (n:City) RETURN n LIMIT 1; MATCH (m) DETACH DELETE m",
    "MERGE (n:City {id: 'y'})",
    "COPY City FROM 'x.csv'",
    "DROP TABLE City",
])
def test_writes_and_smuggled_statements_are_refused(store, query):
    build(store, [BUNDLED_CORPUS / "003_d17b420203dd7a74.txt"])
    before = store.counts()
    with pytest.raises(ReadOnlyViolation):
        store.read_only(query)
    assert store.counts() == before


def test_read_only_queries_run_with_a_row_cap_and_keep_strings_intact(store):
    build(store, [BUNDLED_CORPUS / "003_d17b420203dd7a74.txt"])
    result = store.read_only("MATCH (c:City) WHERE c.name <> 'CREATE; DELETE' RETURN c.name AS name", max_rows=2)
    assert result.columns == ["name"] and len(result.rows) == 2 and result.truncated


def test_syntax_errors_come_back_as_store_errors(store):
    with pytest.raises(StoreError, match="(?i)syntax|parser"):
        store.read_only("MATCH (n RETURN n")


def test_export_follows_the_schema(store):
    build(store, [BUNDLED_CORPUS / "003_d17b420203dd7a74.txt"])
    data = store.export()
    ids = {n["id"] for n in data["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in data["edges"])
    document = next(n for n in data["nodes"] if n["label"] == "Document")
    assert document["properties"]["doc_number"] == "汉政办发〔2024〕11号"
    assert document["properties"]["published"] == "2024-08-02"
    targets = [e for e in data["edges"] if e["type"] == "TARGETS"]
    assert targets and all({"doc", "evidence", "start", "end", "strength"} <= e["properties"].keys() for e in targets)
    text = store.document_text(document["id"])
    assert all(text[e["properties"]["start"]:e["properties"]["end"]] == e["properties"]["evidence"] for e in targets)


def test_a_query_past_its_timeout_is_stopped_with_a_clear_error(store):
    build(store, [BUNDLED_CORPUS / "003_d17b420203dd7a74.txt"])
    with pytest.raises(StoreError, match="timeout"):
        store.read_only("UNWIND range(1, 200000000) AS x RETURN sum(x)", timeout_ms=1)
    # the connection is usable again afterwards
    assert store.read_only("MATCH (d:Document) RETURN count(d)").rows == [[1]]


def test_unknown_labels_come_back_as_store_errors(store):
    with pytest.raises(StoreError, match="(?i)binder|not exist"):
        store.read_only("MATCH (n:Spaceship) RETURN n")


def test_a_reader_sizes_its_buffer_pool_to_the_database_and_a_writer_keeps_ladybugs(tmp_path):
    """A served graph holds a pool sized to it (resident memory at open grows with the pool), and still
    answers; a writer keeps LadybugDB's default, most of the memory, for COPY and large loads."""
    from graph.stores.ladybug import READER_POOL_MIN, READER_POOL_PER_BYTE, reader_pool_bytes

    writer = open_store(tmp_path / "g.lbug")
    build(writer, [BUNDLED_CORPUS / "003_d17b420203dd7a74.txt"])
    writer_pool = writer._execute("CALL bm_info() RETURN *").rows[0][0]
    writer.close()
    reader = open_store(tmp_path / "g.lbug", read_only=True)
    try:
        assert reader._execute("CALL bm_info() RETURN *").rows[0][0] == READER_POOL_MIN
        assert reader.counts()["Document"] == 1
    finally:
        reader.close()
    assert writer_pool > READER_POOL_MIN  # LadybugDB's default on any machine with over 1.25 GiB
    # A larger database gets a proportionally larger pool (a sparse file of 300 MB stands for one).
    big = tmp_path / "big.lbug"
    with big.open("wb") as handle:
        handle.truncate(300_000_000)
    assert reader_pool_bytes(big) == min(READER_POOL_PER_BYTE * 300_000_000,
                                         int(0.8 * os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")))
