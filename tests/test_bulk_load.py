"""The bulk load (GraphStore.bulk_load): COPY FROM into an empty embedded store, or of named new documents into
a graph, leaves the graph the per-document path leaves, refuses a store that holds a graph (or one of the
documents named), and on any failure leaves the store as it was."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from app.settings import BUNDLED_CORPUS
from graph.model import Edge, FactBatch, Node
from graph.stores import StoreError, open_store
from graph.stores.base import StoreNotEmpty
from graph.stores.ladybug import LadybugStore
from loaders.pipeline import discover, process


@pytest.fixture(scope="module")
def corpus_batches() -> list[FactBatch]:
    return [process(path) for path in discover([BUNDLED_CORPUS])]


def fresh(batches: list[FactBatch]) -> list[FactBatch]:
    """Batches are mutable and a store reads them: each load gets its own copies."""
    copies = []
    for batch in batches:
        copy = FactBatch(batch.doc_id)
        for node in batch.nodes.values():
            copy.nodes[node.id] = Node(node.label, node.id, node.name, list(node.aliases), node.name_en, dict(node.props))
        for key, edge in batch.edges.items():
            copy.edges[key] = Edge(edge.type, edge.source, edge.target, edge.source_label, edge.target_label,
                                   dict(edge.props))
        copies.append(copy)
    return copies


def per_document(path: Path, batches: list[FactBatch]) -> LadybugStore:
    store = open_store(path)
    for batch in fresh(batches):
        store.replace_document(batch)
    return store


def everything(store, batches: list[FactBatch]) -> tuple[dict, dict, dict]:
    """The full export (every node and edge with all properties), each document's text, the counts."""
    return store.export(), {b.doc_id: store.document_text(b.doc_id) for b in batches}, store.counts()


def test_the_corpus_bulk_loaded_equals_the_corpus_loaded_document_by_document(tmp_path, corpus_batches):
    sightings = Counter(node_id for batch in corpus_batches for node_id in batch.nodes)
    assert sum(1 for n in sightings.values() if n > 1) > 50  # the corpus merges nodes across documents
    assert any(e.props.get("doc") is None for b in corpus_batches for e in b.edges.values())  # and gazetteer edges

    expected = per_document(tmp_path / "per_document.lbug", corpus_batches)
    bulk = open_store(tmp_path / "bulk.lbug")
    bulk.bulk_load(fresh(corpus_batches))
    want, got = everything(expected, corpus_batches), everything(bulk, corpus_batches)
    assert got[0]["nodes"] == want[0]["nodes"]
    assert got[0]["edges"] == want[0]["edges"]
    assert got[1] == want[1] and all(got[1].values())
    assert got[2] == want[2] and got[2]["Document"] == len(corpus_batches)
    expected.close()
    bulk.close()

    reopened = open_store(tmp_path / "bulk.lbug", read_only=True)  # committed to disk, not only in memory
    assert everything(reopened, corpus_batches) == want
    reopened.close()


def node(label: str, key: str, name: str, aliases=(), name_en=None, **props) -> Node:
    return Node(label, f"{label.lower()}:{key}", name, list(aliases), name_en, props)


def written_batches() -> list[FactBatch]:
    """Three documents written to exercise every merge rule of the per-document path."""
    batches = []
    for n, doc in enumerate(["a", "b", "c"]):
        batch = FactBatch(f"doc:{doc}")
        batch.add_node(Node("Document", f"doc:{doc}", f"文件{doc}", [], None,
                            {"title": f"标题{doc}", "chars": 100 + n, "text": f"正文{doc}"}))
        batches.append(batch)
    a, b, c = batches
    # A city seen three times: a later non-null value wins, a missing one keeps the old, aliases accumulate.
    a.add_node(node("City", "610300", "宝鸡", ["宝鸡市"], None, level="city", adcode="610300", longitude=107.1))
    b.add_node(node("City", "610300", "宝鸡", ["陈仓", "宝鸡市"], "Baoji", level="prefecture", latitude=34.3))
    c.add_node(node("City", "610300", "宝鸡", ["宝鸡市", "西岐"], None, longitude=107.2))
    for batch in batches:
        batch.add_node(node("City", "610000", "陕西", ["陕西省"], "Shaanxi", level="province"))
        batch.add_node(node("Industry", "钛材料", "钛材料", ["钛"], level="segment"))
        batch.add_node(node("Industry", "新材料", "新材料", [], "new materials", level="sector"))
    # A gazetteer edge repeated in every document is one edge; its first sighting's properties stay.
    for batch in batches:
        batch.add_edge(Edge("PART_OF", "city:610300", "city:610000", "City", "City", {"count": len(batch.doc_id)}))
    # A document's edge on a pair comes first, so the gazetteer edge on that pair later is MERGEd into it.
    a.add_edge(Edge("SUBSECTOR_OF", "industry:钛材料", "industry:新材料", "Industry", "Industry",
                    {"doc": "doc:a", "evidence": "钛材料是新材料。", "start": 3, "end": 11}))
    b.add_edge(Edge("SUBSECTOR_OF", "industry:钛材料", "industry:新材料", "Industry", "Industry", {}))
    for n, batch in enumerate(batches):
        batch.add_edge(Edge("TARGETS", "city:610300", "industry:钛材料", "City", "Industry",
                            {"doc": batch.doc_id, "evidence": "宝鸡发展钛材料。", "start": n, "end": n + 8,
                             "strength": ["key", "cultivate", "other"][n]}))
        batch.add_edge(Edge("MENTIONS", batch.doc_id, "city:610300", "Document", "City", {"doc": batch.doc_id, "count": n + 1}))
        batch.add_edge(Edge("APPLIES_TO", batch.doc_id, "city:610000", "Document", "City", {"doc": batch.doc_id}))
    # Document-scoped nodes with list-free, float and int properties, and text with quotes, commas, newlines.
    task = Node("Task", "task:a:1", "任务", [], None, {"title": '"引号", 逗号\n换行\\', "section": "二.（一）", "doc": "doc:a"})
    target = Node("Target", "target:a:1", "目标", [], None,
                  {"metric": "产值", "value": 1000.5, "unit": "亿元", "comparator": ">=", "year": 2025, "doc": "doc:a"})
    a.add_node(task)
    a.add_node(target)
    a.add_edge(Edge("HAS_TARGET", "task:a:1", "target:a:1", "Task", "Target", {"doc": "doc:a", "start": 0, "end": 5}))
    a.add_edge(Edge("HAS_TARGET", "doc:a", "target:a:1", "Document", "Target", {"doc": "doc:a", "start": 0, "end": 5}))
    a.add_edge(Edge("FOR_REGION", "target:a:1", "city:610300", "Target", "City", {"doc": "doc:a", "start": 0, "end": 5}))
    return batches


def test_every_merge_rule_of_the_per_document_path_is_followed(tmp_path):
    batches = written_batches()
    expected = per_document(tmp_path / "per_document.lbug", batches)
    bulk = open_store(tmp_path / "bulk.lbug")
    bulk.bulk_load(fresh(batches))
    want, got = everything(expected, batches), everything(bulk, batches)
    assert got == want
    baoji = next(n for n in got[0]["nodes"] if n["id"] == "city:610300")
    assert baoji["properties"] == {"name": "宝鸡", "aliases": ["宝鸡市", "陈仓", "西岐"], "name_en": "Baoji",
                                   "level": "prefecture", "adcode": "610300", "longitude": 107.2, "latitude": 34.3}
    part_of = [e for e in got[0]["edges"] if e["type"] == "PART_OF"]
    assert [e["properties"] for e in part_of] == [{"count": 5}]
    assert [e["properties"].get("doc") for e in got[0]["edges"] if e["type"] == "SUBSECTOR_OF"] == ["doc:a"]
    assert len([e for e in got[0]["edges"] if e["type"] == "TARGETS"]) == 3
    expected.close()
    bulk.close()


@pytest.mark.parametrize("split", [1, 2])
def test_new_documents_bulk_loaded_into_a_graph_equal_them_loaded_one_by_one(tmp_path, split):
    """Every merge rule again, now across what the store holds and what the bulk load adds: a node present
    is updated (later values win, aliases appended), and a gazetteer edge is not copied where the store
    already joins its two nodes: PART_OF, repeated in every document, and SUBSECTOR_OF, whose documented twin
    the first document loaded."""
    batches = written_batches()
    expected = per_document(tmp_path / "per_document.lbug", batches)
    store = per_document(tmp_path / "bulk.lbug", batches[:split])
    store.bulk_load(fresh(batches[split:]), doc_ids=[b.doc_id for b in batches[split:]])
    assert everything(store, batches) == everything(expected, batches)
    expected.close()
    store.close()


def test_the_corpus_added_in_bulk_to_a_graph_of_its_first_document_equals_the_serial_load(tmp_path, corpus_batches):
    expected = per_document(tmp_path / "per_document.lbug", corpus_batches)
    store = per_document(tmp_path / "bulk.lbug", corpus_batches[:1])
    store.bulk_load(fresh(corpus_batches[1:]), doc_ids=[b.doc_id for b in corpus_batches[1:]])
    want, got = everything(expected, corpus_batches), everything(store, corpus_batches)
    assert got[0]["nodes"] == want[0]["nodes"]
    assert got[0]["edges"] == want[0]["edges"]
    assert got[1:] == want[1:]
    expected.close()
    store.close()


def test_a_bulk_load_naming_a_document_the_store_holds_is_refused_before_a_batch_is_read(tmp_path, corpus_batches):
    store = per_document(tmp_path / "g.lbug", corpus_batches[:1])
    before = everything(store, corpus_batches)
    read: list[str] = []
    with pytest.raises(StoreNotEmpty, match="replace_document") as refused:
        store.bulk_load(consumed(fresh(corpus_batches), read), doc_ids=[b.doc_id for b in corpus_batches])
    assert corpus_batches[0].doc_id in str(refused.value)
    assert read == []
    unnamed = fresh(corpus_batches[1:])
    with pytest.raises(StoreError, match="not one of the documents"):
        store.bulk_load(unnamed, doc_ids=[b.doc_id for b in corpus_batches[1:-1]])
    assert everything(store, corpus_batches) == before
    store.close()


def consumed(batches: list[FactBatch], log: list[str]):
    for batch in batches:
        log.append(batch.doc_id)
        yield batch


def test_a_store_that_holds_a_graph_is_refused_before_a_batch_is_read(tmp_path, corpus_batches):
    store = per_document(tmp_path / "g.lbug", corpus_batches[:1])
    before = everything(store, corpus_batches)
    read: list[str] = []
    with pytest.raises(StoreNotEmpty, match="replace_document"):
        store.bulk_load(consumed(fresh(corpus_batches[1:]), read))
    assert read == []  # the caller can still hand the same batches to replace_document
    assert everything(store, corpus_batches) == before
    store.close()


def failing_copy(monkeypatch, fail_on: str) -> None:
    """Make LadybugDB itself fail the COPY of one table, after every table before it was copied: one of its
    rows points at a node that does not exist."""
    original = LadybugStore._copy

    def copy(self, table, columns, rows, options):
        if table == fail_on:
            rows = [*rows, {**rows[-1], "t": "city:000000"}]
        return original(self, table, columns, rows, options)

    monkeypatch.setattr(LadybugStore, "_copy", copy)


def test_a_failure_inside_the_store_leaves_an_empty_store_empty(tmp_path, corpus_batches, monkeypatch):
    store = open_store(tmp_path / "g.lbug")
    empty = everything(store, corpus_batches)
    failing_copy(monkeypatch, "APPLIES_TO")  # node tables and the relationship tables before it are copied
    with pytest.raises(StoreError, match="rolled back") as refused:
        store.bulk_load(fresh(corpus_batches))
    assert "city:000000" in str(refused.value)
    assert everything(store, corpus_batches) == empty
    assert all(n == 0 for n in store.counts().values())
    monkeypatch.undo()
    store.bulk_load(fresh(corpus_batches))  # and a bulk load can run again
    assert store.counts()["Document"] == len(corpus_batches)
    store.close()


def test_a_failure_while_the_batches_are_read_writes_nothing(tmp_path, corpus_batches):
    store = open_store(tmp_path / "g.lbug")

    def batches():
        yield from fresh(corpus_batches[:2])
        raise RuntimeError("extraction failed")

    with pytest.raises(RuntimeError, match="extraction failed"):
        store.bulk_load(batches())
    assert all(n == 0 for n in store.counts().values())
    store.close()


def test_bad_batches_are_refused_and_nothing_is_written(tmp_path, corpus_batches):
    store = open_store(tmp_path / "g.lbug")
    twice = fresh(corpus_batches[:2]) + fresh(corpus_batches[:1])
    with pytest.raises(StoreError, match="given twice"):
        store.bulk_load(twice)
    dangling = fresh(corpus_batches[:2])
    dangling[1].edges[("x", "TARGETS", "y", "d")] = Edge("TARGETS", "city:nowhere", "industry:x", "City", "Industry",
                                                         {"doc": dangling[1].doc_id})
    with pytest.raises(StoreError, match="missing from the batch"):
        store.bulk_load(dangling)
    assert all(n == 0 for n in store.counts().values())
    store.bulk_load([])  # nothing to load is nothing done
    assert all(n == 0 for n in store.counts().values())
    store.close()
