"""Extraction is not fitted to Shaanxi: a plan from another province (written for this test) is read right."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.pipeline import process

PLAN = Path(__file__).parent / "fixtures" / "other_province_plan.txt"


@pytest.fixture(scope="module")
def facts():
    batch = process(PLAN)
    names = {node.id: node.name for node in batch.nodes.values()}
    edges = {(names[e.source], e.type, names[e.target]): e for e in batch.edges.values()}
    return batch, edges


def test_document_metadata_and_jurisdiction(facts):
    batch, _ = facts
    document = batch.nodes[batch.doc_id]
    assert document.props["doc_number"] == "苏府〔2021〕88号"
    assert document.props["published"] == "2021-09-28"
    assert document.props["jurisdiction"] == "苏州市"
    assert document.props["title"] == "苏州市“十四五”先进制造业发展规划"


def test_places_get_their_own_industries(facts):
    _, edges = facts
    assert edges[("昆山市", "TARGETS", "新型显示")].props["strength"] == "key"
    assert edges[("张家港市", "TARGETS", "新材料")].props["strength"] == "cultivate"
    assert ("吴江区", "TARGETS", "纺织服装") in edges
    assert ("苏州市", "TARGETS", "创新药") in edges
    # a later sentence of the paragraph names no place: it is not 昆山's
    assert ("昆山市", "TARGETS", "光通信") not in edges


def test_parks_agencies_firms_and_targets(facts):
    batch, edges = facts
    assert ("吴江经济技术开发区", "HOSTS", "纺织服装") in edges
    assert ("吴江经济技术开发区", "LOCATED_IN", "吴江区") in edges
    assert ("苏州市工业和信息化局", "LEADS", "做强生物医药产业集群") in edges
    assert ("苏州市发展和改革委员会", "SUPPORTS", "做强生物医药产业集群") in edges
    assert any(source == "亨通集团" and kind == "LEADS_CHAIN" for source, kind, _ in edges)
    targets = [n for n in batch.nodes.values() if n.label == "Target"]
    assert any(t.props["value"] == 55 and t.props["unit"] == "%" and t.props["year"] == 2025 for t in targets)
