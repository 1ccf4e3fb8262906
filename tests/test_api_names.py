"""Entities named by name, lists without repeats, and paths that do not pass through documents, through a real
server on a small graph written for the purpose: two documents about two invented places (甲市, 乙市), two
districts both called 新城区, two parks both called 高新区, a firm, an agency and two industries.

- Every parameter and path segment that takes an entity takes a name, alias or English name: 200 for one
  entity, 409 listing the candidates when several bear the name, 404 with the closest names when none does.
- A fact stated by both documents (甲市 targets 新型储能; the park lies in 甲市) is one item, not two.
- /paths never goes through a Document: 丙动力有限公司 and 氢能 are named together by one document and
  by nothing else, so they are not connected.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from conftest import running_server

from graph.model import Edge, FactBatch, Node
from graph.stores import open_store

DOC_A, DOC_B = "document:甲市储能意见.txt", "document:甲市储能方案.txt"
TEXT_A = ("甲市重点发展新型储能产业。甲市高新技术产业开发区位于甲市。支持甲储能科技有限公司做强新型储能。"
          "甲市发展和改革委员会负责统筹推进。本意见还提到氢能和丙动力有限公司。新城区承接配套项目。")
TEXT_B = "甲市加快培育新型储能产业。甲市高新技术产业开发区坐落在甲市。新城区隶属甲市。"
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
    b.add_edge(Edge("PART_OF", JIA_DISTRICT, JIA, "City", "City", ev("新城区隶属甲市。")))  # the gazetteer's too
    unowned = FactBatch("test:gazetteer")
    _entities(unowned)
    unowned.add_edge(Edge("PART_OF", JIA_DISTRICT, JIA, "City", "City", {}))
    unowned.add_edge(Edge("PART_OF", YI_DISTRICT, YI, "City", "City", {}))
    path = tmp_path_factory.mktemp("names") / "names.lbug"
    store = open_store(path)
    try:
        store.upsert(unowned)  # first: a tie without a document merges on its ends alone
        store.replace_document(a)
        store.replace_document(b)
    finally:
        store.close()
    return path


@pytest.fixture(scope="module")
def server(db):
    with running_server(db) as url:
        yield url


def get(server: str, path: str, **params) -> httpx.Response:
    return httpx.get(server + path, params=params, timeout=30)


def path_of(segment: str) -> str:
    return quote(segment, safe="")


# -- names where ids are taken ---------------------------------------------------------------------------
NAMED = [  # (path, params, names, what the answer says the entity is)
    ("/cities/{}", {}, ["甲市", "甲", "Jiashi", "jiashi", JIA], lambda b: b["id"] == JIA),
    ("/cities/{}/industries", {}, ["甲市", "Jiashi"], lambda b: b["city_id"] == JIA and b["items"]),
    ("/industries/{}", {}, ["新型储能", "储能", "new energy storage", STORAGE], lambda b: b["id"] == STORAGE),
    ("/industries/{}/firms", {}, ["储能", "New Energy Storage"], lambda b: b["industry_id"] == STORAGE
     and b["items"][0]["id"] == FIRM),
    ("/parks/{}", {}, ["甲市高新区", "甲市高新技术产业开发区", JIA_PARK], lambda b: b["id"] == JIA_PARK),
    ("/firms/{}", {}, ["甲储能", "甲储能科技有限公司", FIRM], lambda b: b["id"] == FIRM),
    ("/agencies/{}", {}, ["甲市发改委", "甲市发展和改革委员会", AGENCY], lambda b: b["id"] == AGENCY),
    ("/entities/{}/documents", {}, ["甲储能", FIRM], lambda b: b["entity_id"] == FIRM and b["items"]),
]


@pytest.mark.parametrize("path, params, names, check", NAMED, ids=[n[0] for n in NAMED])
def test_path_segments_take_a_name_alias_or_english_name(server, path, params, names, check):
    for name in names:
        response = get(server, path.format(path_of(name)), **params)
        assert response.status_code == 200, (name, response.text)
        assert check(response.json()), name


def test_query_parameters_take_names(server):
    parks = get(server, "/parks", city="Jiashi").json()
    assert [p["park_id"] for p in parks["items"]] == [JIA_PARK]
    targets = get(server, "/targets", city="甲市", industry="储能")
    assert targets.status_code == 200, targets.text
    assert targets.json()["cypher"][0]["params"]["city_id"] == JIA
    assert targets.json()["cypher"][0]["params"]["industry_id"] == STORAGE
    evidence = get(server, "/evidence", source="甲", type="TARGETS", target="new energy storage").json()
    assert {e["doc_id"] for e in evidence["items"]} == {DOC_A, DOC_B}
    paths = get(server, "/paths", **{"from": "甲储能", "to": "Jiashi"}).json()
    assert paths["from"] == FIRM and paths["to"] == JIA and paths["paths"]
    export = httpx.get(f"{server}/export", params={"center": "甲储能", "depth": 0}, timeout=30)
    assert export.status_code == 200 and [n["id"] for n in export.json()["nodes"]] == [FIRM]


AMBIGUOUS = [  # a name two entities bear: 409, both listed
    ("/cities/{}", {}, "新城区", {JIA_DISTRICT, YI_DISTRICT}),
    ("/cities/{}/industries", {}, "新城区", {JIA_DISTRICT, YI_DISTRICT}),
    ("/parks/{}", {}, "高新区", {JIA_PARK, YI_PARK}),
    ("/parks", {"city": "新城区"}, None, {JIA_DISTRICT, YI_DISTRICT}),
    ("/targets", {"city": "新城区"}, None, {JIA_DISTRICT, YI_DISTRICT}),
    ("/paths", {"from": "高新区", "to": JIA}, None, {JIA_PARK, YI_PARK}),
    ("/paths", {"from": JIA, "to": "新城区"}, None, {JIA_DISTRICT, YI_DISTRICT}),
    ("/entities/{}/documents", {}, "高新区", {JIA_PARK, YI_PARK}),
    ("/evidence", {"source": "新城区", "type": "PART_OF", "target": JIA}, None, {JIA_DISTRICT, YI_DISTRICT}),
    ("/export", {"center": "高新区"}, None, {JIA_PARK, YI_PARK}),
]


@pytest.mark.parametrize("path, params, name, expected", AMBIGUOUS)
def test_a_name_several_entities_bear_is_a_409_listing_them(server, path, params, name, expected):
    response = get(server, path.format(path_of(name)) if name else path, **params)
    assert response.status_code == 409, response.text
    detail = response.json()["detail"]
    assert {c["id"] for c in detail["candidates"]} == expected
    assert all(c["name"] and c["label"] for c in detail["candidates"]) and "id" in detail["message"]


UNKNOWN = [  # a name nothing bears: 404 with the closest names
    ("/cities/{}", {}, "甲市区", JIA),
    ("/industries/{}", {}, "新型储能产业链", STORAGE),
    ("/industries/{}/firms", {}, "new energy storag", STORAGE),
    ("/parks/{}", {}, "甲市高新", JIA_PARK),
    ("/firms/{}", {}, "甲储能科技", FIRM),
    ("/agencies/{}", {}, "甲市发改", AGENCY),
    ("/parks", {"city": "Jiash"}, None, JIA),
    ("/targets", {"industry": "储能产业"}, None, STORAGE),
    ("/paths", {"from": "甲储能科技", "to": JIA}, None, FIRM),
    ("/export", {"center": "丙动力公司"}, None, OTHER_FIRM),
]


@pytest.mark.parametrize("path, params, name, close", UNKNOWN)
def test_a_name_nothing_bears_is_a_404_with_the_closest_names(server, path, params, name, close):
    response = get(server, path.format(path_of(name)) if name else path, **params)
    assert response.status_code == 404, response.text
    detail = response.json()["detail"]
    assert close in [c["id"] for c in detail["candidates"]]
    assert (name or next(v for v in params.values() if v != JIA)) in detail["message"]


def test_an_unknown_id_is_still_a_plain_404(server):
    assert get(server, "/cities/city:999999").status_code == 404
    assert get(server, "/firms/firm:没有这家公司").status_code == 404


# -- lists without repeats -------------------------------------------------------------------------------
def test_no_list_of_a_place_or_its_parks_repeats_an_id(server):
    city = get(server, f"/cities/{JIA}").json()
    ids = [i["id"] for i in city["industries"]]
    assert ids == [STORAGE]  # stated by both documents: one item
    storage = city["industries"][0]
    assert storage["strength"] == "key" and {e["doc_id"] for e in storage["evidence"]} == {DOC_A, DOC_B}
    for item in storage["evidence"]:  # each sentence read back from its document by its offsets
        text = get(server, f"/documents/{path_of(item['doc_id'])}/text").text
        assert item["doc_title"] and text[item["start"]:item["end"]] == item["sentence"]
    parents = [p["id"] for p in get(server, f"/cities/{JIA_DISTRICT}").json()["part_of"]]
    assert parents == [JIA]
    parks = get(server, "/parks", city=JIA).json()
    assert [p["park_id"] for p in parks["items"]] == [JIA_PARK]
    sentences = {e["sentence"] for e in parks["items"][0]["evidence"]}
    assert sentences == {"甲市高新技术产业开发区位于甲市。", "甲市高新技术产业开发区坐落在甲市。"}
    for item in parks["items"][0]["evidence"]:
        text = get(server, f"/documents/{path_of(item['doc_id'])}/text").text
        assert text[item["start"]:item["end"]] == item["sentence"]


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
