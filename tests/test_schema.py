"""The store's DDL, graph/model.py and the named queries agree: one contract, three places."""

from __future__ import annotations

import re

from graph import queries
from graph.model import COMMON_NODE_PROPERTIES, EDGE_ENDPOINTS, EDGE_PROPERTIES, NODE_LABELS, NODE_PROPERTIES


def _ddl():
    nodes, rels = {}, {}
    for statement in queries.schema_statements("ladybug"):
        match = re.match(r"CREATE (NODE|REL) TABLE IF NOT EXISTS (\w+)\((.*)\)$", statement, re.S)
        assert match, statement
        kind, name, body = match.groups()
        (nodes if kind == "NODE" else rels)[name] = body
    return nodes, rels


def test_every_label_has_its_columns():
    nodes, _ = _ddl()
    assert set(nodes) == set(NODE_LABELS)
    for label, body in nodes.items():
        columns = {c.strip().split()[0].strip("`") for c in body.split(",")}
        assert {"id", *COMMON_NODE_PROPERTIES, *NODE_PROPERTIES[label]} == columns, label


def test_every_relationship_type_has_its_endpoints_and_provenance():
    _, rels = _ddl()
    assert set(rels) == set(EDGE_ENDPOINTS)
    for rel_type, body in rels.items():
        pairs = set(re.findall(r"FROM (\w+) TO (\w+)", body))
        assert pairs == set(EDGE_ENDPOINTS[rel_type]), rel_type
        columns = {c.strip().split()[0].strip("`") for c in body.split(",") if not c.strip().startswith("FROM")}
        assert columns == set(EDGE_PROPERTIES), rel_type


def test_named_queries_have_headers_and_parameters():
    registry = queries.registry()
    assert {"cities_by_industry", "industry_lookup", "city_profile", "industry_profile"} <= set(registry)
    for query in registry.values():
        assert query.answers, query.name
        text = query.text("ladybug")
        slots = {slot for slot, _ in query.labels}  # filled with a node label before the query runs
        used = set(re.findall(r"\$(\w+)", text)) - slots
        assert used == set(query.params), query.name
        assert all(f":$(${slot})" in text for slot in slots), query.name
