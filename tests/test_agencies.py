"""Agencies and their responsibilities: both clause frames, abbreviations, places skipped, the issuer."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.model import FactBatch, make_id
from loaders.extract import DocContext, Mention
from loaders.extract.agencies import extract_agencies, is_agency, is_responsible, parse_clause, sentence_title
from loaders.extract.document import DocumentMeta
from loaders.pipeline import process
from loaders.segment import segment

ROOT = Path(__file__).resolve().parent.parent
SHAANXI, XIAN = "city:610000", "city:610100"

XIAN_PLAN = (
    "西安市人民政府办公厅关于印发某实施方案的通知\n"
    "二、主要任务\n"
    "（一）做强装备制造产业集群。加快整机研制。到2025年，力争产业集群规模突破350亿元（市工业和信息化局牵头，"
    "市发展改革委、市住房城乡建设局配合，各县（区）、高新区落实）。\n"
    "（二）推动光伏企业改造。支持企业建设绿色工厂。〔责任单位：市工信局、市科技局等部门，阎良区（航空基地）、"
    "经开区等相关区县、开发区〕\n"
    "（三）强化水资源约束。落实用水定额要求（市水利局负责）。\n"
    "三、保障措施\n"
    "（一）强化资金支持。市工信局会同市财政局制定实施细则。\n"
)


def _context(text: str, issuer: str | None = None, jurisdiction: str = XIAN, name: str = "西安市") -> DocContext:
    span = (0, len(issuer)) if issuer else None
    meta = DocumentMeta(title=None, issuer=issuer, doc_number=None, published=None, released=None, issuer_span=span)
    place = Mention("City", 0, 0, name, jurisdiction, name, {})
    return DocContext("document:test.txt", text, segment(text), meta, SHAANXI, place)


def _facts(batch: FactBatch) -> set[tuple[str, str, str]]:
    """(edge type, agency name, task title or document) of every responsibility and issuer edge."""
    out = set()
    for edge in batch.edges.values():
        if edge.type in ("LEADS", "SUPPORTS"):
            out.add((edge.type, batch.nodes[edge.source].name, batch.nodes[edge.target].props["title"]))
        elif edge.type == "ISSUED":
            out.add((edge.type, batch.nodes[edge.source].name, edge.target))
    return out


@pytest.fixture(scope="module")
def xian() -> FactBatch:
    batch = FactBatch("document:test.txt")
    extract_agencies(_context(XIAN_PLAN, issuer="西安市人民政府办公厅"), batch)
    return batch


def test_verb_clause_gives_lead_and_support(xian: FactBatch) -> None:
    facts = _facts(xian)
    assert ("LEADS", "西安市工业和信息化局", "做强装备制造产业集群") in facts
    assert ("SUPPORTS", "西安市发展和改革委员会", "做强装备制造产业集群") in facts
    assert ("SUPPORTS", "西安市住房和城乡建设局", "做强装备制造产业集群") in facts
    assert ("LEADS", "西安市水利局", "强化水资源约束") in facts


def test_list_clause_first_unit_leads(xian: FactBatch) -> None:
    facts = _facts(xian)
    assert ("LEADS", "西安市工业和信息化局", "推动光伏企业改造") in facts
    assert ("SUPPORTS", "西安市科学技术局", "推动光伏企业改造") in facts


def test_jointly_with(xian: FactBatch) -> None:
    facts = _facts(xian)
    assert ("LEADS", "西安市工业和信息化局", "强化资金支持") in facts
    assert ("SUPPORTS", "西安市财政局", "强化资金支持") in facts


def test_abbreviation_and_full_name_are_one_node(xian: FactBatch) -> None:
    agencies = [n for n in xian.nodes.values() if n.label == "Agency" and "工业和信息化" in n.name]
    assert len(agencies) == 1
    node = agencies[0]
    assert node.id == make_id("Agency", "西安市工业和信息化局")
    assert {"市工信局", "市工业和信息化局", "工信局"} <= set(node.aliases)
    assert node.props == {"level": "city", "jurisdiction": "西安市"}


def test_named_districts_and_parks_of_a_list_support_through_their_government(xian: FactBatch) -> None:
    """GOLD_SPEC: each district or park a responsibility list names is a responsible body (its government or
    管委会); group words (各县区, 相关区县, 开发区, 有关部门) name no one and are skipped."""
    facts = _facts(xian)
    assert ("SUPPORTS", "西安市阎良区人民政府", "推动光伏企业改造") in facts
    assert ("SUPPORTS", "西安市经开区管委会", "推动光伏企业改造") in facts
    names = {n.name for n in xian.nodes.values() if n.label == "Agency"}
    assert not any(name.endswith(("县", "区", "开发区", "区县")) for name in names), names
    for item in ("各县（区）", "各县区", "相关区县", "开发区", "有关部门", "各相关部门", "市级有关部门"):
        assert not is_responsible(item), item
    for item in ("阎良区（航空基地）", "经开区", "某某经济技术开发区"):
        assert is_responsible(item) and not is_agency(item), item


def test_issuer_edge(xian: FactBatch) -> None:
    assert ("ISSUED", "西安市人民政府办公厅", "document:test.txt") in _facts(xian)
    issued = next(e for e in xian.edges.values() if e.type == "ISSUED")
    assert issued.props["evidence"] == "西安市人民政府办公厅"


def test_edges_carry_the_clause_sentence(xian: FactBatch) -> None:
    edge = next(e for e in xian.edges.values() if e.type == "SUPPORTS" and "科学技术局" in e.source)
    assert "〔责任单位：市工信局、市科技局等部门" in edge.props["evidence"]
    assert XIAN_PLAN[edge.props["start"]:edge.props["end"]] == edge.props["evidence"]


def test_province_prefix_takes_the_province() -> None:
    text = "四、保障措施\n（一）强化统计监测。建立监测体系（省发展改革委牵头，省统计局配合）。\n"
    batch = FactBatch("document:test.txt")
    extract_agencies(_context(text, jurisdiction=SHAANXI, name="陕西省"), batch)
    node = batch.nodes[make_id("Agency", "陕西省发展和改革委员会")]
    assert node.props == {"level": "province", "jurisdiction": "陕西省"}
    assert "省发展改革委" in node.aliases
    assert ("SUPPORTS", "陕西省统计局", "强化统计监测") in _facts(batch)


def test_prose_section_makes_one_task_per_clause() -> None:
    text = ("四、工作保障\n"
            "科学测算能耗强度等指标，统筹优化环境空间布局（市发展改革委牵头，市生态环境局配合）。"
            "落实“四水四定”要求，强化水资源刚性约束（市水利局负责）。\n")
    batch = FactBatch("document:test.txt")
    extract_agencies(_context(text), batch)
    facts = _facts(batch)
    assert ("LEADS", "西安市发展和改革委员会", "科学测算能耗强度等指标，统筹优化环境空间布局") in facts
    assert ("LEADS", "西安市水利局", "落实“四水四定”要求，强化水资源刚性约束") in facts


def test_clause_parsing_roles() -> None:
    assert parse_clause("中国人民银行某市分行牵头，市工业和信息化局、某监管分局按职责分工负责") == [
        ("中国人民银行某市分行", "lead"), ("市工业和信息化局", "support"), ("某监管分局", "support")]
    assert parse_clause("牵头单位：市商务局；配合单位：市财政局、各区县") == [("市商务局", "lead"), ("市财政局", "support")]
    assert sentence_title("积极承接重点产业链，完善工作机制，为决策提供参考依据（市发展改革委牵头）。") == "积极承接重点产业链，完善工作机制"


def test_hanzhong_plan_through_the_pipeline() -> None:
    """Responsibilities read off data/corpus/003 by hand (汉中: 二、重点任务, 三、主要措施 14., 四、工作保障)."""
    batch = process(ROOT / "data" / "corpus" / "003_d17b420203dd7a74.txt")
    facts = _facts(batch)
    expected = {
        ("LEADS", "汉中市工业和信息化局", "做强装备制造产业集群"),
        ("SUPPORTS", "汉中市发展和改革委员会", "做强装备制造产业集群"),
        ("LEADS", "汉中市发展和改革委员会", "加快发展综合能源产业集群"),
        ("SUPPORTS", "汉中市卫生健康委员会", "做大绿色食药产业集群"),
        ("LEADS", "中国人民银行汉中市分行", "强化生产要素保障"),
        ("SUPPORTS", "国家金融监管总局汉中监管分局", "强化生产要素保障"),
        ("LEADS", "汉中市自然资源局", "强化生产要素保障"),
        ("LEADS", "汉中市经合局", "加强重大项目招引"),
    }
    assert expected <= facts
    assert ("LEADS", "汉中市水利局", "落实“四水四定”要求，强化水资源刚性约束") in facts
    issued = [f for f in facts if f[0] == "ISSUED"]
    assert [f[1] for f in issued] == ["汉中市人民政府办公室"]
    assert ("SUPPORTS", "汉中经济技术开发区管委会", "做强装备制造产业集群") in facts
    names = {n.name for n in batch.nodes.values() if n.label == "Agency"}
    assert not any(name.endswith(("县", "区")) for name in names)
