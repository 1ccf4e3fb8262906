"""Exports for researchers: subgraph selection, and every format read back by the tool it is meant for."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import httpx
import ladybug
import networkx as nx
import pytest
from typer.testing import CliRunner

from app.build import build
from app.cli import cli
from app.settings import BUNDLED_CORPUS
from graph import queries
from graph.export import export_selection, import_csv, join_list, render, script_statements, write
from graph.stores import GraphStore, ReadOnlyViolation, open_store
from graph.subgraph import MAX_NODES, IncompleteSelection, Selection, SelectionError, UnknownSelection, select

HANZHONG = "city:610700"
DOCUMENT = BUNDLED_CORPUS / "003_d17b420203dd7a74.txt"  # 汉中's plan: 汉中 is its jurisdiction
runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    """One document's graph in its own embedded database (closed, so the CLI can open it too)."""
    path = tmp_path_factory.mktemp("export") / "kg.lbug"
    store = open_store(path)
    report = build(store, [DOCUMENT])
    store.close()
    assert report.loaded and not report.failed
    return path


@pytest.fixture
def store(db):
    store = open_store(db)
    yield store
    store.close()


@pytest.fixture
def hanzhong(store) -> dict[str, list[dict[str, Any]]]:
    """汉中 and its neighbours: a subgraph with every label's kind of property (lists, ints, floats)."""
    return select(store, Selection(center=HANZHONG, depth=1)).graph


def canonical(graph: dict[str, list[dict[str, Any]]]) -> tuple[list[str], list[str]]:
    """Nodes and edges as sorted JSON: order-free equality of two exports."""
    def dump(items):
        return sorted(json.dumps(x, ensure_ascii=False, sort_keys=True) for x in items)
    return dump(graph["nodes"]), dump(graph["edges"])


def ego_ids(graph: dict[str, list[dict[str, Any]]], center: str, depth: int) -> set[str]:
    """The reference answer for center+depth, computed by NetworkX on the whole graph's JSON."""
    undirected = nx.Graph()
    undirected.add_nodes_from(n["id"] for n in graph["nodes"])
    undirected.add_edges_from((e["source"], e["target"]) for e in graph["edges"])
    return set(nx.ego_graph(undirected, center, radius=depth))


def induced_edges(graph: dict[str, list[dict[str, Any]]], ids: set[str]) -> list[dict[str, Any]]:
    return [e for e in graph["edges"] if e["source"] in ids and e["target"] in ids]


# -- selection -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("depth", [0, 1, 2])
def test_center_and_depth_select_the_centre_its_neighbours_and_the_edges_among_them(store, depth):
    whole = store.export()
    expected = ego_ids(whole, HANZHONG, depth)
    chosen = select(store, Selection(center=HANZHONG, depth=depth)).graph
    assert {n["id"] for n in chosen["nodes"]} == expected
    assert canonical(chosen)[1] == canonical({"nodes": [], "edges": induced_edges(whole, expected)})[1]
    if depth:
        assert len(expected) > 1 and len(expected) < len(whole["nodes"])  # a real neighbourhood, not everything


def test_no_selection_is_the_whole_graph_without_document_text(store):
    whole = select(store, Selection()).graph
    assert canonical(whole) == canonical(store.export())
    document = next(n for n in whole["nodes"] if n["label"] == "Document")
    assert "text" not in document["properties"] and document["properties"]["doc_number"] == "汉政办发〔2024〕11号"


def test_a_named_query_selects_every_node_its_rows_mention(store):
    rows = store.named("city_parents", {"id": HANZHONG}).records()
    parents = {r["id"] for r in rows}
    assert "city:610000" in parents
    chosen = select(store, Selection(query="city_parents", params={"id": HANZHONG})).graph
    assert {n["id"] for n in chosen["nodes"]} == parents
    assert canonical(chosen)[1] == canonical({"nodes": [], "edges": induced_edges(store.export(), parents)})[1]


def test_a_read_only_cypher_query_selects_ids_from_columns_and_node_values(store):
    targets = store.read_only("MATCH (c:City {id: $id})-[:TARGETS]->(i:Industry) RETURN c.id AS city, i.id AS i",
                              {"id": HANZHONG}).rows
    expected = {HANZHONG} | {row[1] for row in targets}
    assert len(expected) > 2
    chosen = select(store, Selection(cypher="MATCH (c:City {id: $id})-[:TARGETS]->(i:Industry) RETURN c.id, i.id",
                                     params={"id": HANZHONG})).graph
    assert {n["id"] for n in chosen["nodes"]} == expected
    kinds = {e["type"] for e in chosen["edges"]}
    assert "TARGETS" in kinds and kinds <= {"TARGETS", "SUBSECTOR_OF"}  # only edges among the chosen nodes
    as_node = select(store, Selection(cypher="MATCH (c:City {id: $id}) RETURN c", params={"id": HANZHONG})).graph
    assert [n["name"] for n in as_node["nodes"]] == ["汉中市"]


@pytest.mark.parametrize("query", ["MATCH (n) DETACH DELETE n", "CREATE (c:City {id: 'city:evil'})",
                                   "MATCH (n) RETURN n.id; MATCH (m) DETACH DELETE m"])
def test_a_writing_cypher_selection_is_refused_and_writes_nothing(store, query):
    before = store.counts()
    with pytest.raises(ReadOnlyViolation):
        select(store, Selection(cypher=query))
    assert store.counts() == before


def test_listed_nodes_select_exactly_those_nodes_and_every_edge_among_them(store):
    whole = store.export()
    targeted = [e["target"] for e in whole["edges"] if e["source"] == HANZHONG and e["type"] == "TARGETS"]
    document = next(n["id"] for n in whole["nodes"] if n["label"] == "Document")
    ids = {HANZHONG, document, *targeted[:3]}
    chosen = select(store, Selection(nodes=(*sorted(ids), HANZHONG))).graph  # a repeated id counts once
    assert {n["id"] for n in chosen["nodes"]} == ids
    expected = induced_edges(whole, ids)
    assert {e["type"] for e in expected} >= {"TARGETS", "MENTIONS"}  # relationships of several kinds among them
    assert canonical(chosen)[1] == canonical({"nodes": [], "edges": expected})[1]


def test_listed_nodes_are_bounded_and_must_exist(store):
    with pytest.raises(UnknownSelection, match="city:nowhere"):
        select(store, Selection(nodes=(HANZHONG, "city:nowhere")))
    with pytest.raises(SelectionError, match=f"at most {MAX_NODES}"):
        Selection(nodes=tuple(f"city:{i}" for i in range(MAX_NODES + 1)))
    with pytest.raises(SelectionError, match="one of"):
        Selection(nodes=(HANZHONG,), center=HANZHONG)
    with pytest.raises(SelectionError, match="string"):
        Selection(nodes=(HANZHONG, "x" * 201))
    hostile = "city:610700'}) DETACH DELETE n //"
    before = store.counts()
    with pytest.raises(UnknownSelection):  # an id is data: it names no node, and runs nothing
        select(store, Selection(nodes=(hostile,)))
    assert store.counts() == before


def test_bad_selections_are_refused(store):
    with pytest.raises(SelectionError, match="one of"):
        Selection(center=HANZHONG, cypher="MATCH (n) RETURN n.id")
    with pytest.raises(SelectionError, match="depth"):
        Selection(center=HANZHONG, depth=4)
    with pytest.raises(UnknownSelection):
        select(store, Selection(center="city:nowhere"))
    with pytest.raises(UnknownSelection):
        select(store, Selection(query="no_such_query"))
    with pytest.raises(IncompleteSelection, match="needs parameter: id") as missing:
        select(store, Selection(query="city_parents"))
    assert missing.value.missing == ["id"]


def test_a_named_query_given_only_its_subject_pages_and_filters_as_the_endpoints_do(store):
    """Filters and page come from the query's header: all strengths and levels, the first 50 rows."""
    targeted = sorted({e["target"] for e in store.export()["edges"] if e["source"] == HANZHONG
                       and e["type"] == "TARGETS"})
    subject = {"industry_ids": targeted}
    chosen = select(store, Selection(query="cities_by_industry", params=subject)).graph
    explicit = select(store, Selection(query="cities_by_industry", params=subject | {
        "strengths": [], "levels": [], "skip": 0, "limit": 50})).graph
    assert canonical(chosen) == canonical(explicit) and HANZHONG in {n["id"] for n in chosen["nodes"]}
    total = len(store.named("cities_by_industry", queries.get("cities_by_industry").bind(
        subject | {"limit": 100_000})).rows)
    assert total > 50  # so the default page (50 rows) is a real cut
    assert len(store.named("cities_by_industry", queries.get("cities_by_industry").bind(subject)).rows) == 50
    key_only = select(store, Selection(query="cities_by_industry", params=subject | {"strengths": ["nothing"]})).graph
    assert key_only["nodes"] == []  # a given filter still filters
    with pytest.raises(IncompleteSelection, match="industry_ids"):
        select(store, Selection(query="cities_by_industry", params={"strengths": ["key"]}))


# -- graphml and gexf ------------------------------------------------------------------------------------
def expected_node_attributes(node: dict[str, Any]) -> dict[str, Any]:
    """The documented convention, spelled out independently of the writer."""
    out = {"labels": node["label"], "name": node["name"], "label": node["name"]}
    for key, value in node["properties"].items():
        out[key] = "|".join(value) if isinstance(value, list) else value
    return out


def expected_edge_attributes(edge: dict[str, Any]) -> dict[str, Any]:
    renamed = {"start": "evidence_start", "end": "evidence_end"}
    return {"label": edge["type"], **{renamed.get(k, k): v for k, v in edge["properties"].items()}}


@pytest.mark.parametrize("fmt, reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graphml_and_gexf_load_in_networkx_with_the_same_nodes_edges_and_properties(hanzhong, tmp_path, fmt, reader):
    path = write(hanzhong, fmt, tmp_path / f"hanzhong.{fmt}")
    graph = reader(path)
    assert graph.is_directed()
    assert graph.number_of_nodes() == len(hanzhong["nodes"]) and graph.number_of_edges() == len(hanzhong["edges"])
    for node in hanzhong["nodes"]:
        attributes = graph.nodes[node["id"]]
        for key, value in expected_node_attributes(node).items():
            assert attributes.get(key) == value, (node["id"], key)
    assert graph.nodes[HANZHONG]["aliases"] == "汉中" and graph.nodes[HANZHONG]["labels"] == "City"
    assert any("|" in str(a.get("aliases", "")) for _, a in graph.nodes(data=True))  # a list of several aliases

    def edge_key(source, target, attributes):
        return json.dumps([source, target, {k: v for k, v in attributes.items() if k not in ("id",)}],
                          ensure_ascii=False, sort_keys=True)
    read = sorted(edge_key(u, v, a) for u, v, a in graph.edges(data=True))
    written = sorted(edge_key(e["source"], e["target"], expected_edge_attributes(e)) for e in hanzhong["edges"])
    assert read == written
    targets = [a for u, _, a in graph.edges(data=True) if u == HANZHONG and a["label"] == "TARGETS"]
    assert targets and all(a["evidence"] and a["doc"].startswith("document:") for a in targets)
    assert all(isinstance(a["evidence_start"], int) for a in targets)


def test_a_list_item_holding_the_delimiter_keeps_the_items_apart():
    assert join_list(["a|b", "c"], "|").split("|") == ["a｜b", "c"]
    assert join_list(["x;y", "z"], ";").split(";") == ["x；y", "z"]


# -- csv (neo4j-admin import) ----------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["hanzhong.zip", "hanzhong"])
def test_csv_uses_the_neo4j_admin_layout_and_imports_into_an_empty_store(hanzhong, tmp_path, name):
    out = write(hanzhong, "csv", tmp_path / name)
    files = ({n: zipfile.ZipFile(out).read(n).decode() for n in zipfile.ZipFile(out).namelist()} if out.suffix
             else {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()})
    city = list(csv.reader(io.StringIO(files["nodes_City.csv"])))
    assert city[0][:4] == ["id:ID", ":LABEL", "name:string", "aliases:string[]"] and "longitude:double" in city[0]
    document = next(csv.reader(io.StringIO(files["nodes_Document.csv"])))
    assert "chars:long" in document and not any(h.startswith("text") for h in document)
    targets = list(csv.reader(io.StringIO(files["rels_TARGETS.csv"])))
    assert targets[0][:3] == [":START_ID", ":END_ID", ":TYPE"] and "end:long" in targets[0]
    assert all(row[2] == "TARGETS" for row in targets[1:])
    several = [row for row in csv.reader(io.StringIO(files["nodes_Industry.csv"])) if ";" in row[3]]
    assert several  # aliases:string[] with neo4j-admin's array delimiter
    assert "--array-delimiter=';'" in files["import.sh"] and "--nodes=nodes_City.csv" in files["import.sh"]

    empty = open_store(tmp_path / "from_csv.lbug")
    try:
        batch = import_csv(empty, out)
        loaded = empty.export()
        counts = empty.counts()
    finally:
        empty.close()
    assert len(batch.nodes) == len(hanzhong["nodes"]) and sum(v for k, v in counts.items() if k.isupper()) == len(
        hanzhong["edges"])
    assert canonical(loaded) == canonical(hanzhong)


# -- cypher script ---------------------------------------------------------------------------------------
def run_script(store: GraphStore, script: str) -> None:
    """Statement by statement, as a user pastes them into the LadybugDB shell."""
    connection = ladybug.Connection(store.db)
    for statement in script_statements(script):
        connection.execute(statement)
    connection.close()


def test_the_cypher_script_recreates_the_subgraph_in_an_empty_store(hanzhong, tmp_path):
    script = render(hanzhong, "cypher").decode("utf-8")
    assert "`end`" in script and "+=" not in script
    empty = open_store(tmp_path / "from_cypher.lbug")
    try:
        assert sum(empty.counts().values()) == 0
        run_script(empty, script)
        run_script(empty, script)  # MERGE on ids and documents: running it twice duplicates nothing
        recreated = empty.export()
    finally:
        empty.close()
    assert canonical(recreated) == canonical(hanzhong)


def test_the_cypher_export_carries_document_text_so_evidence_offsets_still_point_into_it(db, tmp_path):
    """Export with the CLI, re-import into a fresh store, read each evidence sentence back by its offsets."""
    out = tmp_path / "graph.cypher"
    done = runner.invoke(cli, ["export", "--format", "cypher", "--out", str(out), "--db", str(db)])
    assert done.exit_code == 0, done.output
    source = open_store(db, read_only=True)
    try:
        document = next(n["id"] for n in source.export()["nodes"] if n["label"] == "Document")
        original = source.document_text(document)
    finally:
        source.close()
    assert original and len(original) > 1000
    fresh = open_store(tmp_path / "reimported.lbug")
    try:
        run_script(fresh, out.read_text(encoding="utf-8"))
        text = fresh.document_text(document)
        edges = [e for e in fresh.export()["edges"] if e["properties"].get("doc") == document
                 and e["properties"].get("evidence") and e["properties"].get("start") is not None]
    finally:
        fresh.close()
    assert text == original
    assert len(edges) > 50 and {e["type"] for e in edges} >= {"TARGETS", "MENTIONS"}
    for edge in edges:
        props = edge["properties"]
        assert text[props["start"]:props["end"]] == props["evidence"], edge


def test_only_the_cypher_script_carries_document_text(hanzhong, store):
    for fmt in ("json", "graphml", "gexf"):
        body = render(hanzhong, fmt).decode("utf-8")
        assert "`text`" not in body and '"text"' not in body and 'attr.name="text"' not in body
    selected = export_selection(store, Selection(center=HANZHONG), "cypher").graph
    documents = [n for n in selected["nodes"] if n["label"] == "Document"]
    assert documents and all(n["properties"]["text"] == store.document_text(n["id"]) for n in documents)
    assert all("text" not in n["properties"] for n in export_selection(store, Selection(center=HANZHONG),
                                                                          "json").graph["nodes"])


AWKWARD = {
    "nodes": [
        {"id": "city:x", "label": "City", "name": "O'Brien\\镇", "properties": {
            "name": "O'Brien\\镇", "aliases": ["a|b", "c;d", "line\nbreak", "sep\u2028x"], "level": "city",
            "longitude": 1e20, "latitude": 1e-05}},
        {"id": "industry:y", "label": "Industry", "name": "y", "properties": {"name": "y", "aliases": []}},
        {"id": "target:z", "label": "Target", "name": "z", "properties": {
            "name": "z", "aliases": [], "value": 30.0, "year": 2025, "comparator": ">="}},
    ],
    "edges": [
        {"source": "city:x", "target": "industry:y", "type": "TARGETS", "properties": {
            "doc": "document:d", "evidence": "say \"hi\"; it's `end`\r\n\tok", "start": 0, "end": 12,
            "strength": "key"}},
        {"source": "city:x", "target": "industry:y", "type": "TARGETS", "properties": {
            "doc": "document:e", "evidence": "second document", "start": 3, "end": 4}},
        {"source": "target:z", "target": "city:x", "type": "FOR_REGION", "properties": {}},
    ],
}


def test_the_cypher_script_survives_quotes_line_breaks_keywords_and_big_numbers_on_a_bare_database(tmp_path):
    """A database without policykg's schema: the script's own schema lines must make it loadable."""
    path = tmp_path / "bare.lbug"
    database = ladybug.Database(str(path))
    connection = ladybug.Connection(database)
    for statement in script_statements(render(AWKWARD, "cypher").decode("utf-8")):
        connection.execute(statement)
    connection.close()
    database.close()
    store = open_store(path)
    try:
        recreated = store.export()
    finally:
        store.close()
    assert canonical(recreated) == canonical(AWKWARD)


def test_csv_survives_quotes_and_line_breaks(tmp_path):
    store = open_store(tmp_path / "awkward.lbug")
    try:
        import_csv(store, write(AWKWARD, "csv", tmp_path / "awkward.zip"))
        recreated = store.export()
    finally:
        store.close()
    city = next(n for n in recreated["nodes"] if n["id"] == "city:x")
    assert city["properties"]["aliases"] == ["a|b", "c；d", "line\nbreak", "sep\u2028x"]  # ';' is the delimiter
    assert canonical(recreated)[1] == canonical(AWKWARD)[1]


# -- command line and HTTP -------------------------------------------------------------------------------
def test_cli_exports_a_neighbourhood_and_refuses_a_writing_query(db, tmp_path):
    out = tmp_path / "hanzhong.graphml"
    done = runner.invoke(cli, ["export", "--format", "graphml", "--out", str(out), "--center", HANZHONG,
                               "--depth", "1", "--db", str(db)])
    assert done.exit_code == 0, done.output
    graph = nx.read_graphml(out)
    store = open_store(db)
    try:
        expected = ego_ids(store.export(), HANZHONG, 1)
    finally:
        store.close()
    assert set(graph.nodes) == expected and f"{len(expected)} nodes" in done.output

    named = runner.invoke(cli, ["export", "--format", "json", "--out", str(tmp_path / "p.json"), "--query",
                                "city_parents", "--params", json.dumps({"id": HANZHONG}), "--db", str(db)])
    assert named.exit_code == 0, named.output
    assert "city:610000" in {n["id"] for n in json.loads((tmp_path / "p.json").read_text())["nodes"]}

    refused = runner.invoke(cli, ["export", "--format", "json", "--out", str(tmp_path / "x.json"), "--cypher",
                                  "MATCH (n) DETACH DELETE n", "--db", str(db)])
    assert refused.exit_code == 2 and "refused" in refused.output and not (tmp_path / "x.json").exists()
    both = runner.invoke(cli, ["export", "--out", str(tmp_path / "y.json"), "--center", HANZHONG, "--query",
                               "document_list", "--db", str(db)])
    assert both.exit_code == 2


def test_http_export_downloads_a_graphml_neighbourhood_that_networkx_parses(server):
    response = httpx.get(f"{server}/export", params={"format": "graphml", "center": HANZHONG, "depth": 1},
                         timeout=60)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/graphml+xml")
    assert 'filename="policykg-city_610700-depth1.graphml"' in response.headers["content-disposition"]
    graph = nx.read_graphml(io.BytesIO(response.content))
    assert graph.nodes[HANZHONG]["name"] == "汉中市"
    assert graph.number_of_nodes() == int(response.headers["x-policykg-nodes"]) > 10
    undirected = graph.to_undirected(as_view=True)
    assert all(n == HANZHONG or undirected.has_edge(n, HANZHONG) for n in graph.nodes)  # depth 1: neighbours only
    assert any(a["label"] == "TARGETS" and a.get("evidence") for _, _, a in graph.edges(data=True))


def test_http_export_formats_and_refusals(server):
    csv_zip = httpx.get(f"{server}/export", params={"format": "csv", "center": HANZHONG}, timeout=60)
    assert csv_zip.status_code == 200 and csv_zip.headers["content-type"] == "application/zip"
    assert "nodes_City.csv" in zipfile.ZipFile(io.BytesIO(csv_zip.content)).namelist()
    named = httpx.get(f"{server}/export", params={"query": "city_parents", "params": json.dumps({"id": HANZHONG})},
                      timeout=60)
    assert named.status_code == 200 and "city:610000" in {n["id"] for n in named.json()["nodes"]}
    by_link = httpx.get(f"{server}/export", params={"cypher": "MATCH (n) RETURN n.id"}, timeout=60)
    assert by_link.status_code == 405 and by_link.headers["allow"] == "POST" and "POST" in by_link.json()["detail"]
    by_cypher = httpx.post(f"{server}/export", json={"format": "graphml", "cypher": "MATCH (c:City {id: $id}) "
                           "RETURN c.id", "params": {"id": HANZHONG}}, timeout=60)
    assert by_cypher.status_code == 200 and HANZHONG in by_cypher.text
    writing = httpx.post(f"{server}/export", json={"cypher": "MATCH (n) DETACH DELETE n"}, timeout=60)
    assert writing.status_code == 403 and "read-only" in writing.json()["detail"]
    assert httpx.get(f"{server}/export", params={"center": "city:nowhere"}, timeout=60).status_code == 404
    assert httpx.get(f"{server}/export", params={"center": HANZHONG, "query": "city_parents"},
                     timeout=60).status_code == 400
    assert httpx.get(f"{server}/export", params={"format": "pdf"}, timeout=60).status_code == 422
    assert httpx.get(f"{server}/health", timeout=30).json()["documents"] == 5  # nothing was deleted


def _exported_ids(fmt: str, body: bytes) -> set[str]:
    """The node ids of an export file, read by the tool each format is meant for."""
    if fmt == "json":
        return {n["id"] for n in json.loads(body)["nodes"]}
    if fmt in ("graphml", "gexf"):
        return set((nx.read_graphml if fmt == "graphml" else nx.read_gexf)(io.BytesIO(body)).nodes)
    if fmt in ("csv", "neo4j-admin"):
        archive = zipfile.ZipFile(io.BytesIO(body))
        return {row[0] for name in archive.namelist() if name.startswith("nodes_")
                for row in list(csv.reader(io.StringIO(archive.read(name).decode())))[1:]}
    return set(re.findall(r"^MERGE \(n:`\w+` \{id: '([^']+)'\}\)", body.decode(), re.MULTILINE))


@pytest.mark.parametrize("fmt", ["json", "graphml", "gexf", "csv", "neo4j-admin", "cypher"])
def test_http_export_of_listed_nodes_in_every_format(server, fmt):
    whole = httpx.get(f"{server}/export", params={"center": HANZHONG, "depth": 1}, timeout=60).json()
    ids = {HANZHONG} | {e["target"] for e in whole["edges"] if e["source"] == HANZHONG and e["type"] == "TARGETS"}
    response = httpx.post(f"{server}/export", json={"format": fmt, "nodes": sorted(ids)}, timeout=60)
    assert response.status_code == 200, response.text
    assert _exported_ids(fmt, response.content) == ids
    assert int(response.headers["x-policykg-nodes"]) == len(ids)
    assert int(response.headers["x-policykg-edges"]) == len(induced_edges(whole, ids)) > 0
    assert "policykg-nodes." in response.headers["content-disposition"]


def test_http_export_of_listed_nodes_refusals(server):
    def post(body):
        return httpx.post(f"{server}/export", json=body, timeout=60)
    assert post({"nodes": [HANZHONG, "city:nowhere"]}).status_code == 404
    assert "city:nowhere" in post({"nodes": ["city:nowhere"]}).json()["detail"]
    assert post({"nodes": [f"city:{i}" for i in range(MAX_NODES + 1)]}).status_code == 422
    assert post({"nodes": []}).status_code == 422
    assert post({"nodes": ["x" * 201]}).status_code == 422
    assert post({"nodes": [HANZHONG], "cypher": "MATCH (n) RETURN n.id"}).status_code == 422
    assert post({"format": "json"}).status_code == 422
    hostile = post({"nodes": ["city:610700' OR 1=1 //", "x'}) DETACH DELETE n //"]})
    assert hostile.status_code == 404
    assert httpx.get(f"{server}/health", timeout=30).json()["documents"] == 5


def unzip(body: bytes | Path) -> dict[str, bytes]:
    archive = zipfile.ZipFile(io.BytesIO(body) if isinstance(body, bytes) else body)
    return {name: archive.read(name) for name in archive.namelist()}


def test_http_export_offers_neo4j_admin_as_the_cli_does(server, corpus_db, tmp_path):
    """format=neo4j-admin is the CLI's name for the neo4j-admin import layout: the same zip as csv, named .zip."""
    params = {"center": HANZHONG, "depth": 1}
    admin = httpx.get(f"{server}/export", params={**params, "format": "neo4j-admin"}, timeout=60)
    assert admin.status_code == 200, admin.text
    assert admin.headers["content-type"] == "application/zip"
    assert 'filename="policykg-city_610700-depth1.zip"' in admin.headers["content-disposition"]
    plain = httpx.get(f"{server}/export", params={**params, "format": "csv"}, timeout=60)
    files = unzip(admin.content)
    assert files == unzip(plain.content) and "import.sh" in files and "nodes_City.csv" in files
    assert b"neo4j-admin database import full" in files["import.sh"]
    posted = httpx.post(f"{server}/export", json={"format": "neo4j-admin", "nodes": [HANZHONG]}, timeout=60)
    assert posted.status_code == 200 and posted.headers["content-type"] == "application/zip"
    out = tmp_path / "admin.zip"  # the CLI, asked for the same format and graph, writes the same files
    done = runner.invoke(cli, ["export", "--format", "neo4j-admin", "--out", str(out), "--center", HANZHONG,
                               "--db", str(corpus_db)])
    assert done.exit_code == 0, done.output
    assert unzip(out) == files


def test_http_export_of_a_named_query_needs_only_its_subject(server):
    subject = {"industry_ids": ["industry:增材制造"]}
    short = httpx.get(f"{server}/export", params={"query": "cities_by_industry", "params": json.dumps(subject)},
                      timeout=60)
    assert short.status_code == 200, short.text
    explicit = httpx.get(f"{server}/export", params={"query": "cities_by_industry", "params": json.dumps(
        subject | {"strengths": [], "levels": [], "skip": 0, "limit": 50})}, timeout=60)
    ids = {n["id"] for n in short.json()["nodes"]}
    assert ids == {n["id"] for n in explicit.json()["nodes"]} and HANZHONG in ids
    missing = httpx.get(f"{server}/export", params={"query": "cities_by_industry", "params": '{"levels": []}'},
                        timeout=60)
    assert missing.status_code == 422 and "industry_ids" in missing.json()["detail"]
    for name in ("strengths", "levels", "skip", "limit"):
        assert name not in missing.json()["detail"]
    timeline = httpx.get(f"{server}/export", params={"query": "targets_timeline"}, timeout=60)
    assert timeline.status_code == 200 and timeline.json()["nodes"]  # every parameter of it has a default
