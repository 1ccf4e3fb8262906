"""The Neo4j store's own logic, against a recording stand-in for the driver (no Neo4j runs here).

What a fake can prove, and the contract suite (tests/test_store_contract.py, with NEO4J_URI) cannot prove
without a server: that a document's deletion and all its batches go through ONE execute_write, that
batches respect POLICYKG_NEO4J_BATCH, that EXPLAIN's query type is consulted before anything runs, that
analysts' queries run in READ sessions with a server-side timeout and a row cap, that the server's errors
become StoreError/ReadOnlyViolation with its message, and that driver graph values come out plain.
Whether Neo4j accepts the Cypher is tools/lint-cypher.mjs's job (tests/test_cypher_lint.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import neo4j
import pytest
from neo4j._codec.hydration.bolt.v1.hydration_handler import _GraphHydrator
from neo4j.exceptions import Neo4jError
from neo4j.graph import Path as Neo4jPath
from typer.testing import CliRunner

import graph.stores.neo4j as neo4j_store
from app.settings import BUNDLED_CORPUS, load_settings
from graph import queries
from graph.model import EDGE_ENDPOINTS, Node
from graph.stores import Neo4jConfig, ReadOnlyViolation, StoreError, open_store
from loaders.pipeline import process

DOC = BUNDLED_CORPUS / "003_d17b420203dd7a74.txt"
Handler = Callable[[str, dict[str, Any]], tuple[list[str], list[list[Any]], str]]


def _server_error(code: str, message: str) -> Neo4jError:
    return Neo4jError._hydrate_neo4j(code=code, message=message)


class FakeResult:
    def __init__(self, keys: list[str], rows: list[list[Any]], query_type: str):
        self._keys, self._rows, self.query_type = keys, rows, query_type
        self.consumed_after = None

    def keys(self) -> list[str]:
        return self._keys

    def __iter__(self):
        for i, row in enumerate(self._rows):
            self.consumed_after = i + 1
            yield neo4j.Record(zip(self._keys, row, strict=True))

    def consume(self):
        return self


class FakeTx:
    def __init__(self, driver: FakeDriver):
        self.driver = driver

    def run(self, query: Any, params: dict[str, Any] | None = None) -> FakeResult:
        return self.driver.answer(query, params or {}, self)


class FakeSession:
    def __init__(self, driver: FakeDriver, access_mode: str, database: str | None):
        self.driver, self.access_mode, self.database = driver, access_mode, database

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def run(self, query: Any, params: dict[str, Any] | None = None) -> FakeResult:
        return self.driver.answer(query, params or {}, self)

    def execute_write(self, work):
        return self._transaction("write", work)

    def execute_read(self, work):
        return self._transaction("read", work)

    def _transaction(self, kind: str, work):
        tx = FakeTx(self.driver)
        self.driver.transactions.append((kind, tx))
        try:
            return work(tx)
        except Exception:
            self.driver.rolled_back.append(tx)
            raise


class FakeDriver:
    """Records every statement with where it ran (session or transaction) and answers through `handler`."""

    def __init__(self, handler: Handler | None = None):
        self.handler = handler or (lambda q, p: ([], [], "r"))
        self.calls: list[tuple[Any, dict[str, Any], Any]] = []
        self.sessions: list[FakeSession] = []
        self.transactions: list[tuple[str, FakeTx]] = []
        self.rolled_back: list[FakeTx] = []
        self.closed = False

    def verify_connectivity(self) -> None:
        pass

    def session(self, database=None, default_access_mode=neo4j.WRITE_ACCESS):
        session = FakeSession(self, default_access_mode, database)
        self.sessions.append(session)
        return session

    def answer(self, query: Any, params: dict[str, Any], where: Any) -> FakeResult:
        self.calls.append((query, params, where))
        text = query.text if isinstance(query, neo4j.Query) else query
        keys, rows, query_type = self.handler(text, params)
        return FakeResult(keys, rows, query_type)

    def close(self) -> None:
        self.closed = True

    def texts(self) -> list[str]:
        return [q.text if isinstance(q, neo4j.Query) else q for q, _, _ in self.calls]


@pytest.fixture()
def fake(monkeypatch) -> Callable[..., tuple[Any, FakeDriver]]:
    def make(handler: Handler | None = None, read_only: bool = False, batch_size: int = 1000):
        driver = FakeDriver(handler)
        seen: dict[str, Any] = {}

        def connect(uri, auth=None, **config):
            seen.update(uri=uri, auth=auth)
            return driver

        monkeypatch.setattr(neo4j.GraphDatabase, "driver", connect)
        config = Neo4jConfig(uri="bolt://example.invalid:7687", user="neo4j", password="secret",
                             database="kg", batch_size=batch_size)
        store = open_store("ignored.lbug", "neo4j", read_only=read_only, neo4j=config)
        assert seen == {"uri": "bolt://example.invalid:7687", "auth": ("neo4j", "secret")}
        return store, driver

    return make


def test_opening_creates_the_schema_unless_read_only(fake):
    _, driver = fake()
    assert driver.texts() == queries.schema_statements("neo4j")
    assert all(s.access_mode == neo4j.WRITE_ACCESS and s.database == "kg" for s in driver.sessions)
    _, reader = fake(read_only=True)
    assert reader.calls == []


def test_replace_document_deletes_and_writes_in_one_transaction_in_batches(fake):
    store, driver = fake(batch_size=3)
    driver.calls.clear()
    batch = process(DOC)
    store.replace_document(batch)
    assert [kind for kind, _ in driver.transactions] == ["write"]
    tx = driver.transactions[0][1]
    assert all(where is tx for _, _, where in driver.calls)  # nothing ran outside that transaction
    texts = driver.texts()
    deletions = len(EDGE_ENDPOINTS) + len(neo4j_store.DOC_SCOPED_LABELS)
    assert all("DELETE" in t and "$doc" in t for t in texts[:deletions])
    assert all(params == {"doc": batch.doc_id} for _, params, _ in driver.calls[:deletions])
    writes = driver.calls[deletions:]
    assert writes and all(t.startswith("UNWIND $rows AS r") for t in texts[deletions:])
    assert all(1 <= len(params["rows"]) <= 3 for _, params, _ in writes)
    node_ids = {row["id"] for _, params, _ in writes for row in params["rows"] if "id" in row}
    assert node_ids == set(batch.nodes)
    edge_rows = [row for _, params, _ in writes for row in params["rows"] if "s" in row]
    assert len(edge_rows) == len(batch.edges)
    assert all(row["doc"] == batch.doc_id for row in edge_rows if row["doc"] is not None)


def test_a_failure_mid_batch_rolls_the_whole_document_back(fake):
    store, driver = fake()
    batch = process(DOC)
    document = batch.nodes[batch.doc_id]
    batch.nodes[batch.doc_id] = Node("Document", document.id, document.name, [], None, {"chars": "not a number"})
    with pytest.raises(StoreError, match="rolled back"):
        store.replace_document(batch)
    tx = driver.transactions[-1][1]
    assert driver.rolled_back == [tx]
    assert any("DELETE" in q for q, _, where in driver.calls if where is tx)  # the deletion was part of it


def test_server_errors_during_a_load_are_store_errors_with_the_servers_message(fake):
    def handler(text, params):
        if text.startswith("UNWIND"):
            raise _server_error("Neo.ClientError.Schema.ConstraintValidationFailed", "Node already exists")
        return [], [], "w"

    store, _ = fake(handler)
    with pytest.raises(StoreError, match="Node already exists"):
        store.replace_document(process(DOC))


def test_a_read_only_store_refuses_writes(fake):
    store, _ = fake(read_only=True)
    with pytest.raises(ReadOnlyViolation):
        store.replace_document(process(DOC))


def test_read_only_explains_first_and_refuses_what_neo4j_plans_as_a_write(fake, monkeypatch):
    def handler(text, params):
        return ([], [], "rw") if text.startswith("EXPLAIN") else (["n"], [[1]], "rw")

    store, driver = fake(handler)
    # Past the lexical check (as a query it does not foresee would be), EXPLAIN's type still refuses it.
    monkeypatch.setattr(neo4j_store, "check_read_only", lambda q: q)
    driver.calls.clear()
    with pytest.raises(ReadOnlyViolation, match="'rw'"):
        store.read_only("CALL some.writingProcedure()")
    assert driver.texts() == ["EXPLAIN CALL some.writingProcedure()"]


def test_read_only_runs_in_a_read_session_with_a_timeout_and_a_row_cap(fake):
    def handler(text, params):
        return (["id"], [[i] for i in range(10)], "r")

    store, driver = fake(handler)
    driver.calls.clear()
    driver.sessions.clear()
    result = store.read_only("MATCH (c:City) RETURN c.id AS id", {"x": 1}, timeout_ms=2500, max_rows=4)
    assert result.columns == ["id"] and result.rows == [[0], [1], [2], [3]] and result.truncated
    explain, run = driver.calls
    # the store runs the statement the guard rebuilt from the tokens it checked (names quoted, comments dropped)
    assert explain[0] == "EXPLAIN MATCH (c:`City`) RETURN c.`id` AS id"
    assert isinstance(run[0], neo4j.Query) and run[0].timeout == 2.5 and run[1] == {"x": 1}
    assert [s.access_mode for s in driver.sessions] == [neo4j.READ_ACCESS]


def test_lexically_refused_queries_never_reach_the_server(fake):
    store, driver = fake()
    driver.calls.clear()
    for query in ("MATCH (n) DETACH DELETE n", "MATCH (n) RETURN n; MATCH (m) RETURN m"):
        with pytest.raises(ReadOnlyViolation):
            store.read_only(query)
    assert driver.calls == []


@pytest.mark.parametrize(("code", "raised", "message"), [
    ("Neo.ClientError.Statement.SyntaxError", StoreError, "Invalid input"),
    ("Neo.ClientError.Statement.AccessMode", ReadOnlyViolation, "read-only endpoint"),
    ("Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration", StoreError, "1 ms timeout"),
])
def test_server_errors_map_to_store_errors(fake, code, raised, message):
    def handler(text, params):
        if text.startswith("EXPLAIN") and "SyntaxError" not in code:
            return [], [], "r"
        raise _server_error(code, "Invalid input 'RETURN'" if "Syntax" in code else "refused by the server")

    store, _ = fake(handler, read_only=True)  # the API's store: opened read-only, no schema statements
    with pytest.raises(raised, match=message) as caught:
        store.read_only("MATCH (n:City) RETURN n", timeout_ms=1)
    assert raised is ReadOnlyViolation or not isinstance(caught.value, ReadOnlyViolation)


def test_graph_values_come_back_as_plain_dicts_without_the_document_text(fake):
    hydrator = _GraphHydrator()
    city = hydrator.hydrate_node(1, ["City"], {"id": "city:610700", "name": "汉中市"}, "e1")
    document = hydrator.hydrate_node(2, ["Document"], {"id": "document:x", "name": "d", "text": "很长"}, "e2")
    applies = hydrator.hydrate_relationship(3, 2, 1, "APPLIES_TO", {"doc": "document:x"}, "r3", "e2", "e1")
    path = Neo4jPath(document, applies)

    def handler(text, params):
        return ["hops", "nodes", "relationships", "p"], [[1, [document, city], [applies], path]], "r"

    store, _ = fake(handler)
    row = store.named("shortest_paths", {"source": "document:x", "target": "city:610700"}).records()[0]
    assert row["nodes"] == [{"id": "document:x", "label": "Document", "name": "d"},
                            {"id": "city:610700", "label": "City", "name": "汉中市"}]
    assert row["relationships"] == [{"type": "APPLIES_TO", "source": "document:x", "target": "city:610700",
                                     "doc": "document:x"}]
    assert row["p"]["nodes"][1]["label"] == "City"


def test_named_queries_run_their_neo4j_text(fake):
    store, driver = fake()
    driver.calls.clear()
    store.named("edge_evidence", {"source": "a", "type": "TARGETS", "target": "b", "unused": 1})
    (text, params, _), = driver.calls
    assert text == queries.get("edge_evidence").text("neo4j") and "type(r)" in text
    assert params == {"source": "a", "type": "TARGETS", "target": "b"}
    with pytest.raises(StoreError, match="needs parameters"):
        store.named("edge_evidence", {"source": "a"})


def test_an_unreachable_server_is_a_store_error(monkeypatch):
    def connect(uri, auth=None, **config):
        raise neo4j.exceptions.ServiceUnavailable("Couldn't connect to example.invalid:7687")

    monkeypatch.setattr(neo4j.GraphDatabase, "driver", connect)
    with pytest.raises(StoreError, match="cannot reach Neo4j at bolt://example.invalid:7687"):
        open_store("", "neo4j", neo4j=Neo4jConfig(uri="bolt://example.invalid:7687"))


def test_settings_read_the_neo4j_environment_and_hide_the_password():
    settings = load_settings(environ={"POLICYKG_STORE": "neo4j", "NEO4J_URI": "neo4j://db:7687",
                                      "NEO4J_USER": "kg", "NEO4J_PASSWORD": "s3cret", "NEO4J_DATABASE": "policy",
                                      "POLICYKG_NEO4J_BATCH": "250"})
    assert settings.store == "neo4j"
    assert settings.neo4j == Neo4jConfig("neo4j://db:7687", "kg", "s3cret", "policy", 250)
    assert "s3cret" not in repr(settings)
    assert load_settings(environ={}).neo4j == Neo4jConfig()
    with pytest.raises(StoreError, match="unknown store"):
        open_store("x", "mongo")


def test_export_format_neo4j_admin_is_the_csv_layout(tmp_path: Path):
    from app.cli import cli

    runner = CliRunner()
    db = tmp_path / "kg.lbug"
    assert runner.invoke(cli, ["build", str(DOC), "--db", str(db)]).exit_code == 0
    out = tmp_path / "import"
    result = runner.invoke(cli, ["export", "--format", "neo4j-admin", "--out", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert (out / "import.sh").read_text().count("neo4j-admin database import full") == 1
    assert (out / "nodes_City.csv").read_text(encoding="utf-8").startswith("id:ID,:LABEL,name:string")
    assert any(out.glob("rels_TARGETS.csv"))


def test_migrate_refuses_other_targets_and_a_missing_database(tmp_path: Path):
    from app.cli import cli

    runner = CliRunner()
    assert runner.invoke(cli, ["migrate", "--to", "mysql", "--db", str(tmp_path / "x.lbug")]).exit_code == 2
    missing = runner.invoke(cli, ["migrate", "--to", "neo4j", "--db", str(tmp_path / "none.lbug")])
    assert missing.exit_code == 2 and "no embedded graph" in missing.output
