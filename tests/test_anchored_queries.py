"""Anchored named queries (graph/queries.py: `// anchored:` and `// labels:`) answer exactly what the general,
unanchored form answers, on the bundled graph, for many filters; and a label slot is only ever filled with one
of the schema's labels, read by parsing an id, whatever the id holds (issue 15).
"""

from __future__ import annotations

import pytest

from graph import queries
from graph.model import NODE_LABELS
from graph.stores import open_store


@pytest.fixture(scope="module")
def store(corpus_db):
    store = open_store(corpus_db, read_only=True)
    yield store
    store.close()


def _rows(store, text: str, params: dict) -> list:
    return store._execute(text, params).rows


def test_every_node_id_carries_its_label_prefix(store):
    """What anchoring on the id's label relies on: make_id writes `<label lowercased>:<key>` for every node."""
    for label in NODE_LABELS:
        wrong = _rows(store, f"MATCH (n:{label}) WHERE NOT starts_with(n.id, $prefix) RETURN n.id LIMIT 3",
                      {"prefix": label.lower() + ":"})
        assert not wrong, f"{label} ids without their prefix: {wrong}"


def test_targets_timeline_anchored_equals_general(store):
    general = queries.get("targets_timeline").text(store.dialect)
    cities = [r[0] for r in _rows(store, "MATCH (:Target)-[:FOR_REGION]->(c:City) RETURN DISTINCT c.id ORDER BY c.id", {})]
    industries = [r[0] for r in _rows(store, "MATCH (:Target)-[:FOR_INDUSTRY]->(i:Industry) RETURN DISTINCT i.id "
                                             "ORDER BY i.id", {})]
    years = [r[0] for r in _rows(store, "MATCH (g:Target) RETURN DISTINCT g.year ORDER BY g.year", {})]
    assert len(cities) >= 3 and len(industries) >= 3 and len(years) >= 2
    checked = answered = 0
    for city in ["", "city:no-such-place", *cities]:
        for industry in ["", *industries[:6]]:
            for year in [0, *years[:3]]:
                for skip, limit in ((0, 500), (1, 2)):
                    params = {"city_id": city, "industry_id": industry, "year": year, "skip": skip, "limit": limit}
                    expected = _rows(store, general, params | {"skip": 0, "limit": skip + limit})[skip:]
                    assert store.named("targets_timeline", params).rows == expected, params
                    checked += 1
                    answered += bool(expected)
    assert answered >= checked // 8  # the filters chosen do find targets, so the comparison means something


def test_targets_timeline_runs_the_anchored_query():
    general = queries.get("targets_timeline")
    assert general.prepare("ladybug", {"city_id": "city:610700", "industry_id": "x"})[0].name == "targets_of_city"
    assert general.prepare("ladybug", {"city_id": "", "industry_id": "industry:航空"})[0].name == "targets_of_industry"
    assert general.prepare("ladybug", {"city_id": "", "industry_id": "", "year": 2025})[0].name == "targets_timeline"
    for name in ("targets_of_city", "targets_of_industry"):  # run in its place: the same parameters
        assert set(queries.get(name).params) == set(general.params)


@pytest.mark.parametrize("source, target", [
    ("city:610700", "industry:增材制造"), ("industry:增材制造", "city:610700"), ("city:610700", "city:610300"),
    ("firm:中航西安飞机工业集团股份有限公司", "city:610700"), ("city:610700", "document:x"), ("nope", "city:610700"),
    ("City:610700", "industry:增材制造"), ("city:610700", "park:no-such-park"),
])
def test_shortest_paths_labelled_equals_unlabelled(store, source, target):
    query = queries.get("shortest_paths")
    unlabelled = query.text(store.dialect)
    for slot, _ in query.labels:
        unlabelled = unlabelled.replace(f":$(${slot})", "")
    params = {"source": source, "target": target}
    assert store.named("shortest_paths", params).rows == _rows(store, unlabelled, params)


@pytest.mark.parametrize("node_id, label", [
    ("city:610700", "City"), ("industry:增材制造", "Industry"), ("document:x", "Document"),
    ("City:610700", None), ("city:", None), (":city", None), ("city", None), ("", None), (None, None), (7, None),
    ("city) MATCH (n) DETACH DELETE n //:1", None), ("city:1) DETACH DELETE a //", "City"),
])
def test_label_slots_take_only_schema_labels(node_id, label):
    assert queries.label_of(node_id) == label
    _, text = queries.get("shortest_paths").prepare("ladybug", {"source": node_id, "target": "city:610700"})
    first = text.splitlines()[0]
    assert first == f"MATCH (a{':' + label if label else ''} {{id: $source}}), (b:City {{id: $target}})"


JOIN_FIRST_INDUSTRIES = """MATCH (c:City {id: $city_id})-[t:TARGETS]->(i:Industry)
WITH c, t, i, $strengths AS strengths
WHERE size(strengths) = 0 OR t.strength IN strengths
MATCH (d:Document {id: t.doc})
RETURN i.id AS industry_id, i.name AS industry, i.name_en AS industry_en, i.level AS industry_level,
       t.strength AS strength, d.id AS doc_id, d.title AS doc_title, t.evidence AS evidence, t.start AS start,
       t.`end` AS `end`
ORDER BY industry_id, doc_id, start
SKIP $skip LIMIT $limit"""


def test_every_targets_edge_has_its_document(store):
    """What industries_by_city's page-before-document relies on: no TARGETS edge's document is missing."""
    assert not _rows(store, "MATCH ()-[t:TARGETS]->() WHERE NOT EXISTS { MATCH (d:Document) WHERE d.id = t.doc } "
                            "RETURN t.doc LIMIT 3", {})


def test_industries_by_city_paged_first_equals_joined_first(store):
    cities = [r[0] for r in _rows(store, "MATCH (c:City)-[:TARGETS]->() RETURN DISTINCT c.id ORDER BY c.id", {})]
    assert len(cities) >= 3
    for city in ["city:no-such-place", *cities]:
        for strengths in ([], ["key"], ["cultivate", "other"]):
            for skip, limit in ((0, 500), (0, 3), (2, 3), (5, 1)):
                params = {"city_id": city, "strengths": strengths, "skip": skip, "limit": limit}
                expected = _rows(store, JOIN_FIRST_INDUSTRIES, params | {"skip": 0, "limit": skip + limit})[skip:]
                assert store.named("industries_by_city", params).rows == expected, params
