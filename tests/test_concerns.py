"""Task → Industry CONCERNS: from the heading, else from what the first sentence develops; in the store and
its export with provenance. Texts written for the purpose in the style of Hubei, Anhui and Sichuan plans."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from app.build import build
from graph.model import FactBatch
from graph.stores import open_store
from loaders.pipeline import process

HUBEI = """武汉市人民政府办公厅关于印发武汉市新兴产业发展行动方案的通知
二、重点任务
（一）做强光电子信息产业集群。支持企业扩大光纤光缆产能，建设一批研发平台（市经信局牵头，市发改委配合）。
（二）实施优质企业培育行动。重点发展集成电路、新型显示等产业，培育一批专精特新企业。推动企业运用大数据、云计算、人工智能、物联网、区块链等技术改造生产线，在智慧医疗、智慧交通等领域开展应用（市经信局负责）。
（三）加强组织领导。建立工作专班，统筹推进数字经济发展，定期调度软件、电子商务、数字内容等领域重点项目（市发改委负责）。
"""

ANHUI_TABLE = """合肥市人民政府关于印发合肥市某某产业行动计划的通知
附件
重点任务分工表
序号
工作任务
主要内容
责任单位
1
壮大新能源汽车产业
引进一批整车及零部件项目。
市发改委、市经信局
2
提升政务服务效能
推行一网通办。
市数据资源局
"""


def _concerns(batch: FactBatch) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for edge in batch.edges.values():
        if edge.type == "CONCERNS":
            out[batch.nodes[edge.source].props["title"]].add(batch.nodes[edge.target].name)
    return out


@pytest.fixture(scope="module")
def hubei(tmp_path_factory: pytest.TempPathFactory) -> FactBatch:
    path = tmp_path_factory.mktemp("hubei") / "hubei.txt"
    path.write_text(HUBEI, encoding="utf-8")
    return process(path)


def test_heading_names_the_industry(hubei: FactBatch) -> None:
    concerns = _concerns(hubei)
    assert any("光电子" in name for name in concerns["做强光电子信息产业集群"]), concerns
    # the body's products and platforms are not what the task is about when the heading names an industry
    assert not any("光纤" in name for name in concerns["做强光电子信息产业集群"])


def test_first_sentence_when_the_heading_names_none(hubei: FactBatch) -> None:
    """What the first sentence develops; not the technologies or application scenes of the sentences after."""
    concerns = _concerns(hubei)["实施优质企业培育行动"]
    assert {"集成电路", "新型显示"} <= concerns, concerns
    assert not concerns & {"大数据", "云计算", "人工智能", "物联网", "区块链", "智慧医疗"}, concerns


def test_a_task_that_develops_nothing_concerns_nothing(hubei: FactBatch) -> None:
    """加强组织领导 names sectors in a later sentence of scheduling work: no CONCERNS."""
    assert not _concerns(hubei).get("加强组织领导")


def test_edges_carry_provenance(hubei: FactBatch) -> None:
    edges = [e for e in hubei.edges.values() if e.type == "CONCERNS"]
    assert edges
    for edge in edges:
        props = edge.props
        assert props["doc"] == hubei.doc_id
        assert HUBEI[props["start"]:props["end"]] == props["evidence"]


def test_concerns_in_the_store_and_export(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "hubei.txt").write_text(HUBEI, encoding="utf-8")
    (folder / "anhui.txt").write_text(ANHUI_TABLE, encoding="utf-8")
    store = open_store(tmp_path / "g.lbug")
    try:
        report = build(store, [folder])
        assert not report.failed
        rows = store.read_only(
            "MATCH (t:Task)-[r:CONCERNS]->(i:Industry) RETURN t.title AS task, i.name AS industry, r.doc AS doc, "
            "r.evidence AS evidence").records()
        pairs = {(row["task"], row["industry"]) for row in rows}
        assert ("实施优质企业培育行动", "集成电路") in pairs
        assert ("壮大新能源汽车产业", "新能源汽车") in pairs  # a task-table row is a task too
        assert not any(task == "提升政务服务效能" for task, _ in pairs)
        assert all(row["doc"] and row["evidence"] for row in rows)
        exported = store.export()
        types = {edge["type"] for edge in exported["edges"]}
        assert "CONCERNS" in types
    finally:
        store.close()
