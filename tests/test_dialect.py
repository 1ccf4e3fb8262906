"""Analysts write Neo4j's Cypher; the embedded store speaks LadybugDB's. When the store rejects a Neo4j-only
construct, its error names the embedded form, and every form it names runs on the embedded store."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from app.cli import cli
from graph.model import Edge, FactBatch, Node
from graph.stores import StoreError, open_store
from graph.stores.dialect import equivalents

DOC = "document:dialect.txt"
TEXT = "关于推动新型储能产业发展的实施意见\n支持甲市发展新型储能产业，鼓励乙市培育氢能产业。"
runner = CliRunner()


def _evidence(sentence: str, **extra) -> dict:
    start = TEXT.index(sentence)
    return {"doc": DOC, "evidence": sentence, "start": start, "end": start + len(sentence), **extra}


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    """Two places, two industries, one document: written for the test in the style of an implementation plan."""
    batch = FactBatch(DOC)
    batch.add_node(Node("Document", DOC, "关于推动新型储能产业发展的实施意见", [], None,
                        {"file": "dialect.txt", "title": "关于推动新型储能产业发展的实施意见", "chars": len(TEXT),
                         "text": TEXT}))
    batch.add_node(Node("City", "city:甲市", "甲市", [], None, {"level": "city"}))
    batch.add_node(Node("City", "city:乙市", "乙市", [], None, {"level": "city"}))
    batch.add_node(Node("Industry", "industry:新型储能", "新型储能", [], None, {}))
    batch.add_node(Node("Industry", "industry:氢能", "氢能", [], None, {}))
    sentence_a, sentence_b = "支持甲市发展新型储能产业", "鼓励乙市培育氢能产业"
    batch.add_edge(Edge("TARGETS", "city:甲市", "industry:新型储能", "City", "Industry",
                        _evidence(sentence_a, strength="key")))
    batch.add_edge(Edge("TARGETS", "city:乙市", "industry:氢能", "City", "Industry",
                        _evidence(sentence_b, strength="cultivate")))
    batch.add_edge(Edge("MENTIONS", DOC, "city:甲市", "Document", "City", _evidence(sentence_a, count=1)))
    path = tmp_path_factory.mktemp("dialect") / "dialect.lbug"
    store = open_store(path)
    store.replace_document(batch)
    store.close()
    return path


@pytest.fixture(scope="module")
def store(db):
    opened = open_store(db, read_only=True)
    yield opened
    opened.close()


def test_each_neo4j_only_construct_is_named_once_in_query_order():
    lines = equivalents("MATCH p = shortestPath((a:City)-[*]-(b:Industry)) "
                        "WHERE exists((a)-[:TARGETS]->()) RETURN type(last(relationships(p))), TYPE(r), "
                        "toInteger('3')")
    assert [line.split("(")[0] for line in lines] == ["shortestPath", "exists", "type", "toInteger"]
    assert "* SHORTEST" in lines[0] and "EXISTS {" in lines[1] and "label(r)" in lines[2]
    assert "CAST(x AS INT64)" in lines[3]


def test_words_in_strings_comments_and_property_names_are_not_constructs():
    assert equivalents("MATCH (n) WHERE n.name = 'type(r)' RETURN n.type // shortestPath(x)") == []
    assert equivalents("RETURN label(r), CAST('3' AS INT64)") == []
    assert equivalents("MATCH (n:City) WHERE n.name = 'x' RETURN {a: 1}") == []  # labels and map keys
    assert equivalents("MATCH (n RETURN n") == []  # no tokens to read: the store's error stands alone


@pytest.mark.parametrize("neo4j, embedded, expected", [
    ("MATCH ()-[r:TARGETS]->() RETURN DISTINCT type(r) AS t",
     "MATCH ()-[r:TARGETS]->() RETURN DISTINCT label(r) AS t", [{"t": "TARGETS"}]),
    ("RETURN toInteger('3') AS n", "RETURN CAST('3' AS INT64) AS n", [{"n": 3}]),
    ("RETURN toFloat('2.5') AS n", "RETURN CAST('2.5' AS DOUBLE) AS n", [{"n": 2.5}]),
    ("MATCH ()-[r:TARGETS]->(i:Industry {name: '氢能'}) RETURN startNode(r).name AS c",
     "MATCH (a)-[r:TARGETS]->(i:Industry {name: '氢能'}) RETURN a.name AS c", [{"c": "乙市"}]),
    ("MATCH (c:City) WHERE exists((c)-[:TARGETS]->(:Industry {name: '新型储能'})) RETURN c.name AS c",
     "MATCH (c:City) WHERE EXISTS { MATCH (c)-[:TARGETS]->(:Industry {name: '新型储能'}) } RETURN c.name AS c",
     [{"c": "甲市"}]),
    ("MATCH (n) WHERE n:City AND n.name = '乙市' RETURN n.name AS c",
     "MATCH (n) WHERE label(n) = 'City' AND n.name = '乙市' RETURN n.name AS c", [{"c": "乙市"}]),
    ("MATCH p = shortestPath((a:City {name: '甲市'})-[*]-(b:City {name: '乙市'})) RETURN length(p) AS n",
     "MATCH p = (a:City {name: '甲市'})-[* SHORTEST 1..6]-(b:Industry {name: '新型储能'}) RETURN length(p) AS n",
     [{"n": 1}]),
])
def test_the_named_embedded_form_runs_where_the_neo4j_form_is_rejected(store, neo4j, embedded, expected):
    with pytest.raises(StoreError) as rejected:
        store.read_only(neo4j)
    message = str(rejected.value)
    assert "LadybugDB's Cypher" in message and "is Neo4j's; here:" in message
    assert store.read_only(embedded).records() == expected


def test_the_cli_prints_the_hint_and_never_eats_brackets(db):
    answer = runner.invoke(cli, ["query", "MATCH ()-[t:TARGETS]->() RETURN type(t)", "--db", str(db)])
    assert answer.exit_code == 2 and "label(r)" in answer.output

    # The parser quotes the statement in its error: the relationship pattern must survive, brackets and all.
    parsed = runner.invoke(cli, ["query", "MATCH p = shortestPath((a)-[t:TARGETS]-(b)) RETURN p", "--db", str(db)])
    assert parsed.exit_code == 2
    assert "-[t:`TARGETS`]-" in parsed.output and "* SHORTEST" in parsed.output

    shown = runner.invoke(cli, ["query", "RETURN '[bold]储能[/bold] [TARGETS]' AS `[v]`", "--db", str(db)])
    assert shown.exit_code == 0, shown.output
    assert "[bold]储能[/bold] [TARGETS]" in shown.output and "[v]" in shown.output

    as_json = runner.invoke(cli, ["query", "RETURN '[x]' AS v", "--db", str(db), "--json"])
    assert json.loads(as_json.stdout) == [{"v": "[x]"}]


def test_the_api_answers_400_with_the_embedded_form(server):
    answer = httpx.post(f"{server}/cypher", json={"query": "MATCH ()-[r:TARGETS]->() RETURN type(r) LIMIT 1"},
                        timeout=60)
    assert answer.status_code == 400
    assert "label(r)" in answer.json()["detail"]
