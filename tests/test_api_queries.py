"""The REST endpoints through a real uvicorn server: evidence, Cypher, pagination, search and paths."""

from __future__ import annotations

import httpx
import pytest


def get(server: str, path: str, **params):
    response = httpx.get(server + path, params=params, timeout=30)
    return response.status_code, response.json()


def test_cities_answer_carries_cypher_and_pages(server):
    status, first = get(server, "/cities", industry="增材制造", limit=2)
    assert status == 200 and first["cypher"][0]["name"] == "industry_lookup"
    assert "MATCH" in first["cypher"][-1]["query"] and first["page"]["next_offset"] == 2
    _, second = get(server, "/cities", industry="增材制造", limit=2, offset=2)
    assert first["cities"] != second["cities"]


def test_strength_and_level_filters(server):
    _, key = get(server, "/cities", industry="additive manufacturing", strength="key")
    assert key["cities"] and all(c["strength"] == "key" for c in key["cities"])
    _, districts = get(server, "/cities", industry="高端装备", level="area")
    assert districts["cities"] and all(c["level"] == "area" for c in districts["cities"])
    status, _ = get(server, "/cities", industry="增材制造", level="galaxy")
    assert status == 422


def test_misspelled_english_still_finds_the_industry(server):
    status, answer = get(server, "/cities", industry="additve manufacturing")
    assert status == 200 and answer["industries"][0]["name"] == "增材制造"
    _, found = get(server, "/search", q="photovoltiacs")
    assert found["items"][0]["name"] == "光伏" and found["items"][0]["match"] == "fuzzy"
    _, prefix = get(server, "/search", q="增材", label="Industry")
    assert prefix["items"][0]["name"] == "增材制造"


def test_industries_of_a_city(server):
    _, answer = get(server, "/cities/city:610700/industries", strength="key")
    names = {i["name"] for i in answer["items"]}
    assert {"高端装备制造", "电子信息"} & names and all(i["evidence"]["sentence"] for i in answer["items"])


def test_parks_by_city_and_by_industry(server):
    _, by_city = get(server, "/parks", city="city:610700")
    assert any("汉中经济技术开发区" == p["park"] for p in by_city["items"])
    _, by_industry = get(server, "/parks", industry="航空")
    assert by_industry["items"] and all(e["sentence"] for p in by_industry["items"] for e in p["evidence"])
    assert get(server, "/parks")[0] == 422


@pytest.mark.parametrize("city", ["city:610700", "city:610300", "city:610100"])
def test_no_list_of_a_place_or_its_parks_repeats_an_id(server, city):
    """汉中经济技术开发区 is placed in 汉中 by two documents: one item with both sentences."""
    _, parks = get(server, "/parks", city=city, limit=500)
    ids = [p["park_id"] for p in parks["items"]]
    assert ids and len(ids) == len(set(ids))
    _, profile = get(server, f"/cities/{city}")
    for key in ("industries", "part_of"):
        ids = [x["id"] for x in profile[key]]
        assert ids and len(ids) == len(set(ids)), key
    assert all(i["evidence"] and all(e["sentence"] for e in i["evidence"]) for i in profile["industries"])


def test_a_park_two_documents_place_is_one_item_with_both_sentences(server):
    _, parks = get(server, "/parks", city="city:610700", limit=500)
    park = next(p for p in parks["items"] if p["park"] == "汉中经济技术开发区")
    assert len({e["doc_id"] for e in park["evidence"]}) == 2


@pytest.mark.parametrize("city", ["汉中", "汉中市", "Hanzhong", "city:610700"])
def test_parks_of_a_place_given_by_name_alias_or_english_name(server, city):
    _, by_city = get(server, "/parks", city=city)
    assert any("汉中经济技术开发区" == p["park"] for p in by_city["items"])


def test_parks_of_an_unknown_place_is_a_404_with_close_names(server):
    status, body = get(server, "/parks", city="汉中市区")
    assert status == 404 and "汉中市区" in body["detail"]["message"]
    assert any(c["name"] == "汉中市" for c in body["detail"]["candidates"])


def test_chain_leaders_and_firm_profile(server):
    _, firms = get(server, "/industries/industry:航空/firms", role="chain_leader")
    names = {f["name"] for f in firms["items"]}
    assert "中航西安飞机工业集团股份有限公司" in names
    _, profile = get(server, "/firms/firm:中航西安飞机工业集团股份有限公司")
    assert "西飞" in profile["aliases"] and profile["relations"] and profile["documents"]


def test_agency_responsibilities(server):
    _, agency = get(server, "/agencies/agency:汉中市工业和信息化局")
    roles = {t["role"] for t in agency["tasks"]}
    assert roles == {"lead", "support"} or "lead" in roles
    assert any(t["targets"] for t in agency["tasks"])


def test_targets_timeline(server):
    _, answer = get(server, "/targets", city="city:610700", year=2025)
    assert answer["items"] and all(t["year"] == 2025 and t["city_id"] == "city:610700" for t in answer["items"])
    assert any(t["unit"] == "%" for t in answer["items"])


def test_documents_evidence_and_paths(server):
    _, documents = get(server, "/entities/city:610700/documents")
    assert {"document:003_d17b420203dd7a74.txt", "document:000_50705bad865ec84b.txt"} <= {
        d["doc_id"] for d in documents["items"]}
    _, evidence = get(server, "/evidence", source="city:610700", type="TARGETS", target="industry:增材制造")
    assert "增材制造" in evidence["items"][0]["sentence"]
    assert get(server, "/evidence", source="city:610700", type="TARGETS", target="industry:nowhere")[0] == 404
    _, paths = get(server, "/paths", **{"from": "firm:中航西安飞机工业集团股份有限公司", "to": "city:610700", "depth": 3})
    assert paths["paths"] and all(p["hops"] <= 3 for p in paths["paths"])
    assert paths["paths"][0]["nodes"][0]["id"] == "firm:中航西安飞机工业集团股份有限公司"
