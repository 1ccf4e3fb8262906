"""Responsibility shapes of plans from several provinces, on texts written for the purpose: task tables
flattened to one cell per line, place governments in lists, units together 负责, offices set in a body,
run-in headings after list marks and on the numbered heading's own line, rosters."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.model import FactBatch
from loaders.extract.agencies import parse_clause
from loaders.extract.tables import flattened_tables
from loaders.pipeline import process


def _build(tmp_path: Path, name: str, text: str) -> FactBatch:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return process(path)


def _facts(batch: FactBatch) -> set[tuple[str, str, str]]:
    return {(e.type, batch.nodes[e.source].name, batch.nodes[e.target].props["title"])
            for e in batch.edges.values() if e.type in ("LEADS", "SUPPORTS")}


HUNAN_TABLE = """长沙市人民政府办公厅关于印发长沙市储能产业发展行动方案的通知
一、主要任务
（一）壮大储能材料产业。支持企业扩大正极材料产能。
附件
长沙市储能产业发展重点任务分工表
序号
重点任务
具体内容
牵头单位
配合单位
完成时限
一、产业培育
1
壮大先进储能材料产业
支持企业扩大正极材料和电解液产能，建设一批中试平台。
市工信局
市发改委、市科技局，某某能源集团有限公司
2025年
2
建设智能网联汽车测试基地
建成城市级智能网联汽车测试道路。
市交通运输局、市公安局
岳麓区、望城区人民政府
持续推进
"""


def test_task_table_rows_give_leads_and_supports(tmp_path: Path) -> None:
    facts = _facts(_build(tmp_path, "hunan.txt", HUNAN_TABLE))
    assert ("LEADS", "长沙市工业和信息化局", "壮大先进储能材料产业") in facts
    assert ("SUPPORTS", "长沙市发展和改革委员会", "壮大先进储能材料产业") in facts
    assert ("LEADS", "长沙市交通运输局", "建设智能网联汽车测试基地") in facts
    assert ("LEADS", "长沙市公安局", "建设智能网联汽车测试基地") in facts
    # a government word closing a list of places is each place's
    assert ("SUPPORTS", "岳麓区人民政府", "建设智能网联汽车测试基地") in facts
    assert ("SUPPORTS", "望城区人民政府", "建设智能网联汽车测试基地") in facts
    # the firm in the 配合 cell is no agency, the contents and deadline cells are no task
    assert not any("集团" in agency for _, agency, _ in facts)
    assert {title for _, _, title in facts} <= {"壮大先进储能材料产业", "建设智能网联汽车测试基地"}


def test_a_table_without_a_responsibility_column_gives_nothing() -> None:
    text = "全市主要指标\n序号\n指标\n基数\n（2023年）\n目标值\n工业总产值（亿元）\n1200\n市工信局\n"
    tables = flattened_tables(text)
    assert [t.columns for t in tables] == [["指标", "基数（2023年）", "目标值"]]


def test_a_row_title_is_not_a_header_cell() -> None:
    """A short first row ("发展数字农业") names no column: the header stops before it."""
    text = "序号\n工作任务\n责任单位\n发展数字农业\n省农业农村厅\n"
    assert flattened_tables(text)[0].columns == ["工作任务", "责任单位"]


GUANGDONG = """佛山市人民政府关于印发佛山市某某产业集群行动计划的通知
二、重点任务
（一）培育跨境电商产业。建设一批跨境电商产业园（责任单位：市商务局、佛山海关、人行佛山市中心支行，南海区、顺德区、三水区政府）。
（二）强化组织领导。充分发挥市科技委员会牵头抓总作用。成立由市长任组长的佛山市某某产业集群建设领导小组，负责统筹推进全市工作。领导小组办公室设在市工业和信息化局，负责日常工作。
领导小组成员名单
组长：某某同志
领导小组办公室设在市工业和信息化局，某某同志兼任办公室主任。
"""


def test_place_governments_and_offices(tmp_path: Path) -> None:
    facts = _facts(_build(tmp_path, "guangdong.txt", GUANGDONG))
    assert ("LEADS", "佛山市商务局", "培育跨境电商产业") in facts
    for district in ("南海区", "顺德区", "三水区"):  # 政府 closing the list is each district's
        assert ("SUPPORTS", district + "人民政府", "培育跨境电商产业") in facts, facts
    assert ("SUPPORTS", "佛山海关", "培育跨境电商产业") in facts
    assert ("SUPPORTS", "人行佛山市中心支行", "培育跨境电商产业") in facts  # a central-bank branch keeps its name
    assert ("LEADS", "佛山市工业和信息化局", "强化组织领导") in facts
    assert any(kind == "LEADS" and agency.endswith("产业集群建设领导小组") and title == "强化组织领导"
               for kind, agency, title in facts), facts
    assert ("LEADS", "佛山市科技委员会", "强化组织领导") in facts  # not "发挥市科技委员会"
    # the roster after the plan names people: it assigns nothing more
    assert len([f for f in facts if f[1] == "佛山市工业和信息化局"]) == 1


def test_units_together_responsible_first_leads() -> None:
    assert parse_clause("省发展改革委、省科技厅、省教育厅按职责分工负责") == [
        ("省发展改革委", "lead"), ("省科技厅", "support"), ("省教育厅", "support")]
    assert parse_clause("省商务厅负责") == [("省商务厅", "lead")]
    # a unit joined to a group by 及 is a unit of its own
    assert parse_clause("责任单位：市经信局、市通信办及各通信运营商") == [("市经信局", "lead"), ("市通信办", "support")]
    # a group listed first takes the lead's place: the units named after it support
    assert parse_clause("责任单位：省直有关部门，各市人民政府，某某新区管委会") == [("某某新区管委会", "support")]
    # a group word never becomes a unit, a named district does
    assert parse_clause("责任单位：市科技局，各县（市、区）人民政府，江宁区") == [
        ("市科技局", "lead"), ("江宁区", "support")]


GANSU = """兰州市人民政府办公室关于印发兰州市数字经济发展行动方案的通知
二、重点任务
（一）培育信息消费新业态。丰富信息消费产品供给。推广智能家居和可穿戴设备（责任单位：市工信局、市商务局）。
提升网络安全保障能力。落实网络安全等级保护制度﹝责任单位：市委网信办、市公安局﹞。
推动教育、医疗、养老等生活性服务业向高品质转变。发展互联网医疗（责任单位：市卫健委、市民政局）。
（二）壮大数字企业。
——实施领军企业培育行动。遴选一批数字经济领军企业（责任单位：市工信局、市财政局）。
——实施中小企业上云行动。推动企业上云用数（责任单位：市大数据局、市通信管理办）。
"""


@pytest.fixture(scope="module")
def gansu(tmp_path_factory: pytest.TempPathFactory) -> set[tuple[str, str, str]]:
    return _facts(_build(tmp_path_factory.mktemp("gansu"), "gansu.txt", GANSU))


def test_run_in_on_the_numbered_heading_line(gansu: set[tuple[str, str, str]]) -> None:
    """A numbered item whose paragraphs open with run-in headings: its own body's opening one is the first."""
    assert ("LEADS", "兰州市工业和信息化局", "丰富信息消费产品供给") in gansu
    assert ("LEADS", "兰州市公安局", "提升网络安全保障能力") not in gansu
    assert ("SUPPORTS", "兰州市公安局", "提升网络安全保障能力") in gansu
    assert any(title.startswith("推动教育、医疗、养老") and agency == "兰州市卫生健康委员会"
               for _, agency, title in gansu), gansu


def test_run_in_after_a_list_mark(gansu: set[tuple[str, str, str]]) -> None:
    assert ("LEADS", "兰州市工业和信息化局", "实施领军企业培育行动") in gansu
    assert ("SUPPORTS", "兰州市财政局", "实施领军企业培育行动") in gansu
    assert ("LEADS", "兰州市大数据管理局", "实施中小企业上云行动") in gansu
    assert not any(title.startswith("——") for _, _, title in gansu)


HENAN_DOCX = ("郑州市人民政府办公厅关于印发郑州市某某产业行动方案的通知\n"
              "附件\n"
              "序号\t领域\t重点任务\t牵头单位\t配合单位\t完成时限\n"
              "1\t产业培育\t壮大超硬材料产业\t市工信局\t\t2025年\n"
              "2\t平台建设\t建设某某创新中心\t市科技局\t市财政局、某某大学\t2024年\n")


def test_tab_separated_table_rows(tmp_path: Path) -> None:
    """A .docx table keeps a row per line, cells joined by tabs; the task is the 任务 column, not the category."""
    facts = _build(tmp_path, "henan.txt", HENAN_DOCX)
    facts = _facts(facts)
    assert ("LEADS", "郑州市工业和信息化局", "壮大超硬材料产业") in facts
    assert ("LEADS", "郑州市科学技术局", "建设某某创新中心") in facts
    assert ("SUPPORTS", "郑州市财政局", "建设某某创新中心") in facts
    assert not any("大学" in agency or title in ("产业培育", "平台建设") for _, agency, title in facts)


def test_a_listing_first_sentence_is_no_run_in_heading(tmp_path: Path) -> None:
    """"推进甲、乙等产业集聚发展。" opening the item's body is its first sentence: the task is the item."""
    text = ("南京市人民政府关于印发南京市某某产业行动计划的通知\n"
            "二、重点任务\n"
            "（三）壮大数字产业\n"
            "推进集成电路、新型显示等产业集聚发展。建设一批特色产业园（市工信局牵头，市科技局配合）。\n")
    facts = _facts(_build(tmp_path, "jiangsu.txt", text))
    assert ("LEADS", "南京市工业和信息化局", "壮大数字产业") in facts
    assert ("SUPPORTS", "南京市科学技术局", "壮大数字产业") in facts


def test_a_marked_lead_in_a_table_responsibility_cell(tmp_path: Path) -> None:
    text = ("成都市人民政府办公厅关于印发成都市某某产业行动方案的通知\n"
            "序号\n工作任务\n责任单位\n完成时间\n"
            "1\n壮大航空装备产业\n市经信局、市发改委（牵头）、市科技局及各区（市）县政府\n2025年\n")
    facts = _facts(_build(tmp_path, "sichuan.txt", text))
    assert ("LEADS", "成都市发展和改革委员会", "壮大航空装备产业") in facts
    assert ("SUPPORTS", "成都市经济和信息化局", "壮大航空装备产业") in facts
    assert ("SUPPORTS", "成都市科学技术局", "壮大航空装备产业") in facts


CHAPTERED_PLAN = """某市电子信息产业发展规划（2025—2029年）
第三章 重点任务
一、壮大集成电路产业。重点发展芯片设计、封装测试。（牵头单位：市工业和信息化局）
二、培育新型显示产业。加快柔性显示面板研发。
第四章 保障措施
一、加强组织领导。市科技局负责统筹推进规划实施。
"""


def test_a_plan_numbers_its_items_afresh_in_each_chapter(tmp_path):
    """"第四章 …一、加强组织领导": the chapter's own first item, not the first item of 第三章."""
    from loaders.segment import segment

    paths = [(s.path, s.title) for s in segment(CHAPTERED_PLAN).sections]
    assert ("第三章.一", "壮大集成电路产业") in paths and ("第四章.一", "加强组织领导") in paths
    facts = _facts(_build(tmp_path, "某市电子信息产业发展规划.txt", CHAPTERED_PLAN))
    assert facts == {("LEADS", "市工业和信息化局", "壮大集成电路产业"), ("LEADS", "市科学技术局", "加强组织领导")}


ARTICLES = """某市促进生物医药产业发展若干政策
第一条 为加快生物医药产业集聚发展，制定本政策。
第二条 支持创新药研发。对进入临床试验的创新药给予最高1000万元补助。（责任单位：市科技局、市财政局）
第三条 本政策由市发展改革委负责解释，自发布之日起施行。
"""


def test_articles_are_items_and_who_interprets_leads_no_task(tmp_path):
    """"第二条 …", "第三条 本政策由…负责解释": articles are the items of measures; interpreting the policy is no task."""
    from loaders.segment import segment

    assert [(s.path, s.title) for s in segment(ARTICLES).sections][:2] == [("第一条", "为加快生物医药产业集聚发展，制定本政策"),
                                                                         ("第二条", "支持创新药研发")]
    facts = _facts(_build(tmp_path, "某市促进生物医药产业发展若干政策.txt", ARTICLES))
    assert facts == {("LEADS", "市科学技术局", "支持创新药研发"), ("SUPPORTS", "市财政局", "支持创新药研发")}


def test_a_joint_issue_gives_each_office(tmp_path):
    """"中共某市委办公室 某市人民政府办公室" over a plan: two offices issued it, each named as written."""
    batch = _build(tmp_path, "德阳市装备制造产业链工作方案.txt",
                   "德阳市装备制造产业链链长制工作方案\n中共德阳市委办公室 德阳市人民政府办公室\n2023年5月\n"
                   "一、重点任务\n支持东方电气集团做大做强。\n")
    issued = {batch.nodes[e.source].name for e in batch.edges.values() if e.type == "ISSUED"}
    assert issued == {"中共德阳市委办公室", "德阳市人民政府办公室"}
