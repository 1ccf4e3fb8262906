"""Every named query runs on the embedded store built from the bundled corpus and answers what it says."""

from __future__ import annotations

import inspect

import pytest

from app.api.queries import Page
from graph import queries
from graph.stores import open_store

SAMPLES = {
    "industry_lookup": {"q": "additive manufacturing"},
    "cities_by_industry": {"industry_ids": ["industry:增材制造"], "strengths": [], "levels": [], "skip": 0, "limit": 50},
    "city_profile": {"id": "city:610700"},
    "city_parents": {"id": "city:610700"},
    "industry_profile": {"id": "industry:增材制造"},
    "industry_subsectors": {"id": "industry:未来产业"},
    "parks_within": {"city_id": "city:610700", "park_ids": ["park:汉中航空产业园区", "park:西咸新区"]},
    "industries_by_city": {"city_id": "city:610700", "strengths": [], "skip": 0, "limit": 50},
    "parks_by_industry": {"industry_ids": ["industry:航空"], "skip": 0, "limit": 50},
    "parks_by_city": {"city_id": "city:610700", "skip": 0, "limit": 50},
    "firms_by_industry": {"industry_ids": ["industry:航空"], "roles": [], "skip": 0, "limit": 50},
    "firms_by_city": {"city_id": "city:610000", "roles": [], "skip": 0, "limit": 50},
    "firm_profile": {"id": "firm:中航西安飞机工业集团股份有限公司"},
    "agency_lookup": {"id": "agency:汉中市工业和信息化局"},
    "agency_responsibilities": {"id": "agency:汉中市工业和信息化局"},
    "targets_timeline": {"city_id": "city:610700", "industry_id": "", "year": 2025, "skip": 0, "limit": 50},
    "targets_of_city": {"city_id": "city:610700", "industry_id": "", "year": 2025, "skip": 0, "limit": 50},
    "targets_of_industry": {"industry_id": "industry:战略性新兴产业", "city_id": "", "year": 0, "skip": 0, "limit": 50},
    "documents_mentioning": {"id": "city:610700"},
    "edge_evidence": {"source": "city:610700", "type": "TARGETS", "target": "industry:增材制造"},
    "shortest_paths": {"source": "city:610700", "target": "industry:增材制造"},
    "entity_names": {},
    "node_by_id": {"id": "city:610700"},
    "document_list": {},
    "ask_agency_for_topic": {"jurisdiction": ""},
    "park_profile": {"id": "park:宝鸡高新技术产业开发区"},
    "analysis_nodes": {"labels": ["City", "Industry"]},
    "analysis_edges": {"types": ["TARGETS"], "labels": [], "text": True, "into": []},
}


@pytest.fixture(scope="module")
def store(corpus_db):
    store = open_store(corpus_db, read_only=True)  # the API server may hold it read-only too
    yield store
    store.close()


def test_every_named_query_has_a_sample():
    assert set(queries.registry()) <= set(SAMPLES) | {"neighbourhood"}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_named_query_runs_and_answers(store, name):
    result = store.named(name, SAMPLES[name])
    assert result.rows, f"{name} returned nothing on the corpus"


def test_cities_by_industry_filters_and_pages(store):
    base = {"industry_ids": ["industry:增材制造"], "strengths": [], "levels": [], "skip": 0, "limit": 500}
    everything = store.named("cities_by_industry", base).records()
    key_only = store.named("cities_by_industry", base | {"strengths": ["key"]}).records()
    assert key_only and all(r["strength"] == "key" for r in key_only) and len(key_only) < len(everything)
    cities_only = store.named("cities_by_industry", base | {"levels": ["city"]}).records()
    assert cities_only and all(r["level"] == "city" for r in cities_only)
    first, second = (store.named("cities_by_industry", base | {"skip": s, "limit": 2}).records() for s in (0, 2))
    assert len(first) == len(second) == 2 and first != second and first + second == everything[:4]


def test_targets_timeline_is_in_year_order_for_the_place(store):
    rows = store.named("targets_timeline", {"city_id": "city:610700", "industry_id": "", "year": 0, "skip": 0,
                                            "limit": 500}).records()
    years = [r["year"] for r in rows if r["year"] is not None]
    assert years == sorted(years) and {2025, 2027} <= set(years)
    assert all(r["city_id"] == "city:610700" for r in rows)


def test_shortest_paths_connect_a_place_to_its_industry(store):
    rows = store.named("shortest_paths", {"source": "city:610700", "target": "industry:增材制造"}).records()
    assert rows[0]["hops"] == 1
    assert rows[0]["nodes"][0]["id"] == "city:610700" and rows[0]["nodes"][-1]["id"] == "industry:增材制造"


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_named_query_runs_with_only_its_required_parameters(store, name):
    """Filters and page left out take the header's defaults, and the store binds them (an empty list too)."""
    query = queries.get(name)
    given = {k: v for k, v in SAMPLES[name].items() if k in query.required}
    assert store.named(name, query.bind(given)).rows, f"{name} with defaults returned nothing on the corpus"


def test_defaults_are_the_endpoints_own_and_only_narrow_or_page():
    page = inspect.signature(Page.__init__).parameters
    assert page["limit"].default.default == queries.DEFAULT_LIMIT and page["offset"].default.default == 0
    for query in queries.registry().values():
        assert query.defaults.get("limit", queries.DEFAULT_LIMIT) == queries.DEFAULT_LIMIT, query.name
        assert query.defaults.get("skip", 0) == 0, query.name
        for subject in ("id", "source", "target", "industry_ids", "q", "ids"):
            assert subject not in query.defaults, (query.name, subject)
    with pytest.raises(queries.MissingParameters, match="industry_ids"):
        queries.get("cities_by_industry").bind({"strengths": ["key"]})


def test_parameter_declarations_parse_names_and_json_defaults():
    names, defaults = queries.parse_params('a, b = [], c = 0, d = ["x, y", "z"], e = ""')
    assert names == ("a", "b", "c", "d", "e") and defaults == {"b": [], "c": 0, "d": ["x, y", "z"], "e": ""}
    with pytest.raises(ValueError, match="not JSON"):
        queries.parse_params("a = [")
