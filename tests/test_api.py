"""The API through a real uvicorn server on the corpus graph."""

from __future__ import annotations

import httpx
import pytest

EXPECTED = {"西安", "渭南", "咸阳", "汉中"}


@pytest.mark.parametrize("industry", ["additive manufacturing", "增材制造", "3D打印"])
def test_cities_by_industry_lists_the_additive_manufacturing_cities_with_evidence(server, industry):
    answer = httpx.get(f"{server}/cities", params={"industry": industry}, timeout=30).json()
    names = {c["name"].removesuffix("市") for c in answer["cities"]}
    assert EXPECTED <= names
    texts: dict[str, str] = {}
    for city in answer["cities"]:
        assert city["strength"] in ("key", "cultivate", "other") and city["evidence"]
        for evidence in city["evidence"]:
            doc = evidence["doc_id"]
            if doc not in texts:
                texts[doc] = httpx.get(f"{server}/documents/{doc}/text", timeout=30).text
            assert evidence["sentence"] in texts[doc]
            assert texts[doc][evidence["start"]:evidence["end"]] == evidence["sentence"]


def test_unknown_industry_is_a_404(server):
    response = httpx.get(f"{server}/cities", params={"industry": "no such industry"}, timeout=30)
    assert response.status_code == 404 and "no industry" in response.json()["detail"]


def test_city_and_industry_pages(server):
    city = httpx.get(f"{server}/cities/city:610500", timeout=30).json()
    assert city["name"] == "渭南市" and city["adcode"] == "610500"
    assert any(i["name"] == "增材制造" for i in city["industries"])
    assert any(p["name"] == "陕西省" for p in city["part_of"])
    industry = httpx.get(f"{server}/industries/industry:增材制造", timeout=30).json()
    assert industry["name_en"] and industry["cities"]
    assert httpx.get(f"{server}/cities/city:nowhere", timeout=30).status_code == 404


def test_read_only_cypher_endpoint(server):
    ok = httpx.post(f"{server}/cypher", json={"query": "MATCH (c:City {id: $id}) RETURN c.name AS name",
                                               "params": {"id": "city:610700"}}, timeout=30)
    assert ok.status_code == 200 and ok.json()["rows"] == [["汉中市"]]
    for query in ["MATCH (n) DETACH DELETE n", "MATCH (n) RETURN n; MATCH (m) DETACH DELETE m",
                  "CREATE (c:City {id: 'evil'})"]:
        refused = httpx.post(f"{server}/cypher", json={"query": query}, timeout=30)
        assert refused.status_code == 403, query
        assert "read-only" in refused.json()["detail"] or "one statement" in refused.json()["detail"]
    broken = httpx.post(f"{server}/cypher", json={"query": "MATCH (n RETURN n"}, timeout=30)
    assert broken.status_code == 400 and broken.json()["detail"]
    assert httpx.get(f"{server}/health", timeout=30).json()["documents"] == 5


def test_openapi_docs_are_served(server):
    spec = httpx.get(f"{server}/openapi.json", timeout=30).json()
    assert {"/cities", "/cypher", "/health"} <= set(spec["paths"])
