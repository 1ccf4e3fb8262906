"""POST /ask for the firms of a place with no industry named (陕西有哪些链主企业 / which companies are in Xi'an).

Such questions used to fall through to the place's profile, which lists no firm. Expected firms are never
written out here: each is derived from the same store by simpler queries than firms_by_city's, and the
ties (LOCATED_IN, PART_OF, parks, APPLIES_TO) are followed in Python, so the two cannot share a mistake.
"""

from __future__ import annotations

import httpx
import pytest

from graph.stores import open_store

SHAANXI, XIAN, BAOJI, HANZHONG = "city:610000", "city:610100", "city:610300", "city:610700"


def ask(server: str, q: str) -> dict:
    response = httpx.post(server + "/ask", json={"q": q}, timeout=60)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture(scope="module")
def graph(corpus_db) -> dict[str, list[tuple]]:
    """The ties a firm of a place is found by, read with one plain query each (the API server holds the
    database read-only too)."""
    store = open_store(corpus_db, read_only=True)
    reads = {
        "part_of": "MATCH (a:City)-[:PART_OF]->(b:City) RETURN a.id, b.id",
        "in_city": "MATCH (f:Firm)-[:LOCATED_IN]->(c:City) RETURN f.id, c.id",
        "in_park": "MATCH (f:Firm)-[:LOCATED_IN]->(p:Park)-[:LOCATED_IN]->(c:City) RETURN f.id, c.id",
        "located": "MATCH (f:Firm)-[:LOCATED_IN]->(x) RETURN f.id, x.id",
        "leads": "MATCH (f:Firm)-[r:LEADS_CHAIN]->(:Industry) RETURN f.id, r.doc",
        "key": "MATCH (f:Firm)-[r:IN_INDUSTRY]->(:Industry) RETURN f.id, r.doc",
        "applies": "MATCH (d:Document)-[:APPLIES_TO]->(c:City) RETURN d.id, c.id",
    }
    try:
        return {name: [tuple(row) for row in store.read_only(query).rows] for name, query in reads.items()}
    finally:
        store.close()


def below(graph: dict[str, list[tuple]], place: str, levels: int = 3) -> set[str]:
    """The place and the places PART_OF it, up to `levels` levels down."""
    found, frontier = {place}, {place}
    for _ in range(levels):
        frontier = {a for a, b in graph["part_of"] if b in frontier} - found
        found |= frontier
    return found


def firms_of(graph: dict[str, list[tuple]], place: str, role: str) -> set[str]:
    """Firms of `role` (leads: LEADS_CHAIN, key: IN_INDUSTRY) located in the place, below it or in a park
    there, or, located nowhere, named by a document that applies to it."""
    places = below(graph, place)
    located = {f for f, c in graph["in_city"] + graph["in_park"] if c in places}
    anywhere = {f for f, _ in graph["located"]}
    docs = {d for d, c in graph["applies"] if c in places}
    return {f for f, doc in graph[role] if f in located or (f not in anywhere and doc in docs)}


@pytest.mark.parametrize(("q", "language", "place", "role"), [
    ("陕西有哪些链主企业", "zh", SHAANXI, "chain_leader"),
    ("西安有哪些龙头企业", "zh", XIAN, "chain_leader"),
    ("宝鸡的链主企业有哪些", "zh", BAOJI, "chain_leader"),
    ("汉中有哪些企业", "zh", HANZHONG, None),
    ("陕西省的重点企业有哪些", "zh", SHAANXI, "key_firm"),
    ("List the chain leader firms in Shaanxi", "en", SHAANXI, "chain_leader"),
    ("Which companies are in Xi'an?", "en", XIAN, None),
    ("what are the key firms of Hanzhong", "en", HANZHONG, "key_firm"),
])
def test_a_place_and_firms_without_an_industry_ask_for_the_places_firms(server, q, language, place, role):
    body = ask(server, q)
    interpretation = body["interpretation"]
    assert (interpretation["intent"], interpretation["language"]) == ("firms_of_place", language)
    assert [e["id"] for e in interpretation["entities"]] == [place]
    assert interpretation["slots"]["role"] == role
    assert [c["name"] for c in body["cypher"]][0] == "firms_by_city"


def test_chain_leaders_of_a_province_are_those_the_graph_ties_to_it(server, graph):
    body = ask(server, "陕西有哪些链主企业")
    assert "fallback" not in body["interpretation"]
    assert body["items"] and all(f["role"] == "chain_leader" and f["evidence"] for f in body["items"])
    assert {f["id"] for f in body["items"]} == firms_of(graph, SHAANXI, "leads")


@pytest.mark.parametrize("q", ["西安有哪些龙头企业", "Which companies are in Xi'an?"])
def test_a_citys_firms_are_those_the_graph_ties_to_it(server, graph, q):
    body = ask(server, q)
    role = body["interpretation"]["slots"]["role"]
    expected = firms_of(graph, XIAN, "leads") | (set() if role else firms_of(graph, XIAN, "key"))
    assert expected and {f["id"] for f in body["items"]} == expected


def test_firms_located_in_a_district_or_a_park_are_found_from_above(server, graph):
    # A firm located in a district of a new area (two PART_OF levels below the province) and one located in a
    # park of a city: neither names the province or the city, and both are its firms.
    in_district = {f for f, c in graph["in_city"] if c in below(graph, SHAANXI) - below(graph, SHAANXI, 1)}
    in_district &= {f for f, _ in graph["leads"] + graph["key"]}
    assert in_district
    shaanxi = {f["id"]: f for f in ask(server, "陕西有哪些企业")["items"]}
    assert in_district <= set(shaanxi) and all(shaanxi[f]["via"] == "located_in" for f in in_district)
    in_park = {f for f, c in graph["in_park"] if c in below(graph, HANZHONG)} & {f for f, _ in graph["leads"] + graph["key"]}
    in_park -= {f for f, c in graph["in_city"] if c in below(graph, HANZHONG)}
    assert in_park
    hanzhong = {f["id"]: f for f in ask(server, "汉中有哪些企业")["items"]}
    assert in_park <= set(hanzhong) and all(hanzhong[f]["via"] == "park" for f in in_park)


def test_no_chain_leader_in_a_place_falls_back_to_key_firms_and_says_so(server, graph):
    assert not firms_of(graph, BAOJI, "leads")
    body = ask(server, "宝鸡的链主企业有哪些")
    assert body["interpretation"]["fallback"]["to"] == "key_firm" and "宝鸡" in body["interpretation"]["fallback"]["reason"]
    assert [c["params"]["roles"] for c in body["cypher"]] == [["chain_leader"], ["key_firm"]]
    assert {f["id"] for f in body["items"]} == firms_of(graph, BAOJI, "key")


@pytest.mark.parametrize(("q", "language"), [("宝鸡的钛产业有哪些龙头企业", "zh"), ("chain leaders of aviation in Xi'an", "en")])
def test_a_place_question_naming_an_industry_stays_firms_of_industry(server, q, language):
    interpretation = ask(server, q)["interpretation"]
    assert (interpretation["intent"], interpretation["language"]) == ("firms_of_industry", language)
    assert {e["label"] for e in interpretation["entities"]} == {"Industry", "City"}
