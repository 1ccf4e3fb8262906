"""Paths that do not pass through documents, through a real server on a small graph written for the purpose:
two documents about two invented places (甲市, 乙市), two districts both called 新城区, two parks both called
高新区, a firm, an agency and two industries.

- /paths never goes through a Document: 丙动力有限公司 and 氢能 are named together by one document and
  by nothing else, so they are not connected.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from conftest import running_server

from graph.model import Edge, FactBatch, Node
from graph.stores import open_store

DOC_A, DOC_B = "document:甲市储能意见.txt", "document:甲市储能方案.txt"
TEXT_A = ("甲市重点发展新型储能产业。甲市高新技术产业开发区位于甲市。支持甲储能科技有限公司做强新型储能。"
          "甲市发展和改革委员会负责统筹推进。本意见还提到氢能和丙动力有限公司。新城区承接配套项目。")
TEXT_B = "甲市加快培育新型储能产业。甲市高新技术产业开发区坐落在甲市。"
JIA, YI, JIA_DISTRICT, YI_DISTRICT = "city:900100", "city:900200", "city:900101", "city:900201"
JIA_PARK, YI_PARK = "park:甲市高新技术产业开发区", "park:乙市高新技术产业开发区"
STORAGE, HYDROGEN = "industry:新型储能", "industry:氢能"
FIRM, OTHER_FIRM, AGENCY = "firm:甲储能科技有限公司", "firm:丙动力有限公司", "agency:甲市发展和改革委员会"


def _evidence(doc: str, text: str, sentence: str, **extra) -> dict:
    start = text.index(sentence)
    return {"doc": doc, "evidence": sentence, "start": start, "end": start + len(sentence), **extra}


def _entities(batch: FactBatch) -> None:
    batch.add_node(Node("City", JIA, "甲市", ["甲"], "Jiashi", {"level": "city"}))
    batch.add_node(Node("City", YI, "乙市", [], "Yishi", {"level": "city"}))
    batch.add_node(Node("City", JIA_DISTRICT, "新城区", [], None, {"level": "district"}))
    batch.add_node(Node("City", YI_DISTRICT, "新城区", [], None, {"level": "district"}))
    batch.add_node(Node("Park", JIA_PARK, "甲市高新技术产业开发区", ["甲市高新区", "高新区"], None, {"kind": "high_tech_zone"}))
    batch.add_node(Node("Park", YI_PARK, "乙市高新技术产业开发区", ["乙市高新区", "高新区"], None, {"kind": "high_tech_zone"}))
    batch.add_node(Node("Industry", STORAGE, "新型储能", ["储能"], "new energy storage", {}))
    batch.add_node(Node("Industry", HYDROGEN, "氢能", [], "hydrogen energy", {}))
    batch.add_node(Node("Firm", FIRM, "甲储能科技有限公司", ["甲储能"], None, {"full_name": "甲储能科技有限公司"}))
    batch.add_node(Node("Firm", OTHER_FIRM, "丙动力有限公司", ["丙动力"], None, {"full_name": "丙动力有限公司"}))
    batch.add_node(Node("Agency", AGENCY, "甲市发展和改革委员会", ["甲市发改委"], None, {"level": "city"}))


def _document(doc: str, text: str, title: str) -> Node:
    return Node("Document", doc, title, [], None, {"file": doc.removeprefix("document:"), "title": title,
                                                    "chars": len(text), "text": text})


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    a = FactBatch(DOC_A)
    a.add_node(_document(DOC_A, TEXT_A, "甲市关于加快新型储能发展的意见"))
    _entities(a)
    ev = lambda sentence, **extra: _evidence(DOC_A, TEXT_A, sentence, **extra)  # noqa: E731
    a.add_edge(Edge("TARGETS", JIA, STORAGE, "City", "Industry", ev("甲市重点发展新型储能产业。", strength="key")))
    a.add_edge(Edge("LOCATED_IN", JIA_PARK, JIA, "Park", "City", ev("甲市高新技术产业开发区位于甲市。")))
    a.add_edge(Edge("IN_INDUSTRY", FIRM, STORAGE, "Firm", "Industry", ev("支持甲储能科技有限公司做强新型储能。")))
    for entity, label, sentence in [(FIRM, "Firm", "支持甲储能科技有限公司做强新型储能。"),
                                    (HYDROGEN, "Industry", "本意见还提到氢能和丙动力有限公司。"),
                                    (OTHER_FIRM, "Firm", "本意见还提到氢能和丙动力有限公司。"),
                                    (JIA_DISTRICT, "City", "新城区承接配套项目。"),
                                    (JIA, "City", "甲市重点发展新型储能产业。")]:
        a.add_edge(Edge("MENTIONS", DOC_A, entity, "Document", label, ev(sentence, count=1)))
    b = FactBatch(DOC_B)
    b.add_node(_document(DOC_B, TEXT_B, "甲市新型储能产业实施方案"))
    _entities(b)
    ev = lambda sentence, **extra: _evidence(DOC_B, TEXT_B, sentence, **extra)  # noqa: E731
    b.add_edge(Edge("TARGETS", JIA, STORAGE, "City", "Industry", ev("甲市加快培育新型储能产业。", strength="cultivate")))
    b.add_edge(Edge("LOCATED_IN", JIA_PARK, JIA, "Park", "City", ev("甲市高新技术产业开发区坐落在甲市。")))
    unowned = FactBatch("test:gazetteer")
    _entities(unowned)
    unowned.add_edge(Edge("PART_OF", JIA_DISTRICT, JIA, "City", "City", {}))
    unowned.add_edge(Edge("PART_OF", YI_DISTRICT, YI, "City", "City", {}))
    path = tmp_path_factory.mktemp("names") / "names.lbug"
    store = open_store(path)
    try:
        store.replace_document(a)
        store.replace_document(b)
        store.upsert(unowned)
    finally:
        store.close()
    return path


@pytest.fixture(scope="module")
def server(db):
    with running_server(db) as url:
        yield url


def get(server: str, path: str, **params) -> httpx.Response:
    return httpx.get(server + path, params=params, timeout=30)


# -- paths do not pass through documents -----------------------------------------------------------------
def test_two_entities_one_document_names_are_not_connected(server):
    answer = get(server, "/paths", **{"from": OTHER_FIRM, "to": HYDROGEN, "depth": 4}).json()
    assert answer["paths"] == []  # the only route is 丙动力 ← MENTIONS ← document → MENTIONS → 氢能


def test_paths_go_around_documents_even_when_longer(server):
    # 甲储能 and the district are both named by document A (2 hops through it); the real route is 3 hops
    answer = get(server, "/paths", **{"from": FIRM, "to": JIA_DISTRICT, "depth": 4}).json()
    assert answer["paths"]
    for found in answer["paths"]:
        assert found["hops"] == 3 and [n["id"] for n in found["nodes"]] == [FIRM, STORAGE, JIA, JIA_DISTRICT]
        assert all(n["label"] != "Document" for n in found["nodes"])
        assert all(r["type"] != "MENTIONS" for r in found["relationships"])


def test_a_document_may_still_be_a_paths_own_end(server):
    answer = get(server, "/paths", **{"from": DOC_A, "to": HYDROGEN}).json()
    assert [(p["hops"], p["relationships"][0]["type"]) for p in answer["paths"]] == [(1, "MENTIONS")]
