"""The GraphStore contract, one suite for every store: the embedded store always, Neo4j when NEO4J_URI is set.

Each store is compared with a reference: the embedded store loaded with the same document. So on a
machine with a Neo4j (`NEO4J_URI=bolt://localhost:7687 NEO4J_USER=neo4j NEO4J_PASSWORD=… make test`),
the same tests prove that both stores answer the named queries with the same rows and export the same
graph; without one, the Neo4j half is skipped with the reason and the embedded half still runs.

The Neo4j tests empty the database they are pointed at, so they only run on an empty database (a
throwaway container), unless POLICYKG_NEO4J_TEST_WIPE=1 says that deleting its contents is fine.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from app.build import build
from app.migrate import migrate
from app.settings import BUNDLED_CORPUS
from graph import queries
from graph.model import EDGE_ENDPOINTS, NODE_LABELS, Node
from graph.stores import GraphStore, Neo4jConfig, ReadOnlyViolation, StoreError, open_store
from loaders.pipeline import process

DOC = BUNDLED_CORPUS / "003_d17b420203dd7a74.txt"
NEO4J_URI = os.environ.get("NEO4J_URI")
NEO4J_SKIP = "NEO4J_URI is not set: the Neo4j half of the store contract needs a running Neo4j " \
             "(NEO4J_URI=bolt://localhost:7687 NEO4J_USER=neo4j NEO4J_PASSWORD=… make test)"
STORES = ["ladybug", pytest.param("neo4j", marks=pytest.mark.skipif(not NEO4J_URI, reason=NEO4J_SKIP))]
PARITY_QUERIES = ("cities_by_industry", "industries_by_city", "edge_evidence")


# -- stores ------------------------------------------------------------------------------------------------
def _wipe_neo4j(store: GraphStore) -> None:
    """Empty the test database (only ever called on one the tests may empty; see _open_neo4j)."""
    with store.driver.session(database=store.config.database or None) as session:  # type: ignore[attr-defined]
        session.run("MATCH (n) DETACH DELETE n").consume()


def _open_neo4j() -> GraphStore:
    store = open_store("", "neo4j", neo4j=Neo4jConfig.from_env())
    held = sum(store.counts().values())
    if held and os.environ.get("POLICYKG_NEO4J_TEST_WIPE") != "1":
        store.close()
        pytest.skip(f"the Neo4j database at {NEO4J_URI} holds {held} nodes and relationships; the contract tests "
                    "empty it, so they run only on an empty database or with POLICYKG_NEO4J_TEST_WIPE=1")
    _wipe_neo4j(store)
    return store


@pytest.fixture(params=STORES)
def store(request, tmp_path: Path) -> Iterator[GraphStore]:
    """An empty store of each kind."""
    if request.param == "ladybug":
        opened = open_store(tmp_path / "contract.lbug")
        yield opened
        opened.close()
    else:
        opened = _open_neo4j()
        yield opened
        _wipe_neo4j(opened)
        opened.close()


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> dict[str, Any]:
    """What the embedded store holds and answers after loading DOC: the rows every store must give."""
    path = tmp_path_factory.mktemp("reference") / "reference.lbug"
    store = open_store(path)
    try:
        report = build(store, [DOC])
        assert not report.failed, report.failed
        data = store.export()
        params = _parity_params(data)
        rows = {name: store.named(name, params[name]) for name in PARITY_QUERIES}
        texts = {n["id"]: store.document_text(n["id"]) for n in data["nodes"] if n["label"] == "Document"}
        return {"counts": store.counts(), "export": data, "params": params, "rows": rows, "texts": texts,
                "path": path}
    finally:
        store.close()


def _parity_params(data: dict[str, list[dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    """Parameters that hit real facts of DOC: the place and industry of its first TARGETS relationship."""
    targets = [e for e in data["edges"] if e["type"] == "TARGETS"]
    assert targets, "the reference document must state TARGETS facts"
    first = targets[0]
    industries = sorted({e["target"] for e in targets})[:5]
    return {
        "cities_by_industry": {"industry_ids": industries, "strengths": [], "levels": [], "skip": 0, "limit": 500},
        "industries_by_city": {"city_id": first["source"], "strengths": [], "skip": 0, "limit": 500},
        "edge_evidence": {"source": first["source"], "type": "TARGETS", "target": first["target"]},
    }


def _canonical(data: dict[str, list[dict[str, Any]]]) -> dict[str, list[str]]:
    """An export as sorted JSON lines: stores may order ties differently, the content must be equal."""
    return {k: sorted(json.dumps(x, ensure_ascii=False, sort_keys=True) for x in v) for k, v in data.items()}


# -- the contract ------------------------------------------------------------------------------------------
def test_loading_a_document_twice_leaves_the_same_counts(store, reference):
    assert not build(store, [DOC]).failed
    first = store.counts()
    assert not build(store, [DOC]).failed
    assert store.counts() == first
    assert first == reference["counts"]
    assert first["Document"] == 1 and first["TARGETS"] > 0


def test_a_failing_batch_leaves_the_counts_unchanged(store):
    assert not build(store, [DOC]).failed
    before = store.counts()
    batch = process(DOC)
    # A value of the wrong type fails the write after the document's old facts were deleted in the same
    # transaction: only a rollback brings them back.
    document = batch.nodes[batch.doc_id]
    batch.nodes[batch.doc_id] = Node("Document", document.id, document.name, [], None, {"chars": "not a number"})
    with pytest.raises(StoreError, match="rolled back"):
        store.replace_document(batch)
    assert store.counts() == before
    # so does an edge to a node the batch lacks
    batch = process(DOC)
    edge = next(e for e in batch.edges.values() if e.type == "TARGETS")
    del batch.nodes[edge.target]
    with pytest.raises(StoreError, match="missing"):
        store.replace_document(batch)
    assert store.counts() == before


@pytest.mark.parametrize("name", PARITY_QUERIES)
def test_named_queries_answer_as_the_embedded_store_does(store, reference, name):
    assert not build(store, [DOC]).failed
    result = store.named(name, reference["params"][name])
    expected = reference["rows"][name]
    assert result.columns == expected.columns
    assert result.rows == expected.rows
    assert result.rows, f"{name} found nothing: the parameters should hit DOC's facts"


@pytest.mark.parametrize("query", [
    "CREATE (n:City {id: 'x'})",
    "MATCH (n:City) SET n.name = 'x'",
    "MATCH (n) DETACH DELETE n",
    "MERGE (n:City {id: 'y'})",
    "MATCH (n:City) REMOVE n.name",
    "MATCH (n:City) RETURN n LIMIT 1; MATCH (m) DETACH DELETE m",
    "MATCH (n:City) RETURN n LIMIT 1; MATCH (m:City) RETURN m",
])
def test_read_only_refuses_writes_and_second_statements(store, query):
    assert not build(store, [DOC]).failed
    before = store.counts()
    with pytest.raises(ReadOnlyViolation):
        store.read_only(query)
    assert store.counts() == before


def test_read_only_reads_with_a_row_cap(store):
    assert not build(store, [DOC]).failed
    result = store.read_only("MATCH (c:City) WHERE c.name <> 'CREATE; DELETE' RETURN c.id AS id ORDER BY id",
                             max_rows=2)
    assert result.columns == ["id"] and len(result.rows) == 2 and result.truncated
    assert store.read_only("MATCH (d:Document) RETURN count(d) AS n").rows == [[1]]


def test_a_syntax_error_is_a_store_error(store):
    with pytest.raises(StoreError) as caught:
        store.read_only("MATCH (n RETURN n")
    assert not isinstance(caught.value, ReadOnlyViolation)
    assert str(caught.value)


def test_the_export_follows_the_schema(store, reference):
    assert not build(store, [DOC]).failed
    data = store.export()
    assert set(data) == {"nodes", "edges"}
    json.dumps(data, ensure_ascii=False)  # plain values only
    labels = {}
    for node in data["nodes"]:
        assert set(node) == {"id", "label", "name", "properties"}
        assert node["label"] in NODE_LABELS and node["name"]
        assert "text" not in node["properties"]
        labels[node["id"]] = node["label"]
    assert len(labels) == len(data["nodes"])  # ids are unique
    for edge in data["edges"]:
        assert set(edge) == {"source", "target", "type", "properties"}
        assert (labels[edge["source"]], labels[edge["target"]]) in EDGE_ENDPOINTS[edge["type"]]
        if "doc" in edge["properties"]:
            assert {"evidence", "start", "end"} <= edge["properties"].keys()
    document = next(n for n in data["nodes"] if n["label"] == "Document")
    text = store.document_text(document["id"])
    assert text == reference["texts"][document["id"]]
    for edge in data["edges"]:
        props = edge["properties"]
        if props.get("doc") == document["id"] and edge["type"] != "MENTIONS":
            assert text[props["start"]:props["end"]] == props["evidence"]
    assert _canonical(data) == _canonical(reference["export"])
    chosen = sorted(labels)[:20]
    assert _canonical(store.subgraph(chosen)) == _canonical(_induced(reference["export"], set(chosen)))


def test_a_bulk_first_load_leaves_what_the_per_document_path_leaves(store, reference):
    """GraphStore.bulk_load into an empty store (COPY FROM on the embedded store, the per-document path on
    Neo4j) holds the reference graph: every node and edge with its properties, the counts, the text."""
    store.bulk_load(iter([process(DOC)]))
    assert store.counts() == reference["counts"]
    assert _canonical(store.export()) == _canonical(reference["export"])
    assert all(store.document_text(i) == t for i, t in reference["texts"].items())


def test_migrating_the_embedded_graph_copies_everything(store, reference):
    source = open_store(reference["path"], read_only=True)
    try:
        report = migrate(source, store)
        again = migrate(source, store)  # a second run changes nothing
    finally:
        source.close()
    assert report.documents == 1 and not report.differences
    assert again.target_counts == report.target_counts == reference["counts"]
    assert _canonical(store.export()) == _canonical(reference["export"])
    assert all(store.document_text(i) == t for i, t in reference["texts"].items())


@pytest.mark.skipif(not NEO4J_URI, reason=NEO4J_SKIP)
def test_the_migrate_command_copies_into_neo4j(reference):
    from app.cli import cli

    target = _open_neo4j()
    try:
        result = CliRunner().invoke(cli, ["migrate", "--to", "neo4j", "--db", str(reference["path"])])
        assert result.exit_code == 0, result.output
        assert "copied 1 document" in result.output
        assert target.counts() == reference["counts"]
    finally:
        _wipe_neo4j(target)
        target.close()


def test_the_neo4j_schema_covers_every_label_and_relationship_type():
    statements = queries.schema_statements("neo4j")
    unique = set(re.findall(r"FOR \(n:(\w+)\) REQUIRE n\.id IS UNIQUE", "\n".join(statements)))
    named = set(re.findall(r"FOR \(n:(\w+)\) ON \(n\.name\)", "\n".join(statements)))
    rel_docs = set(re.findall(r"FOR \(\)-\[r:(\w+)\]-\(\) ON \(r\.doc\)", "\n".join(statements)))
    assert unique == set(NODE_LABELS) and named == set(NODE_LABELS)
    assert rel_docs == set(EDGE_ENDPOINTS)
    assert all("IF NOT EXISTS" in s for s in statements)  # create_schema runs at every start


def _induced(data: dict[str, list[dict[str, Any]]], ids: set[str]) -> dict[str, list[dict[str, Any]]]:
    return {"nodes": [n for n in data["nodes"] if n["id"] in ids],
            "edges": [e for e in data["edges"] if e["source"] in ids and e["target"] in ids]}
