"""Targets: quantified goals and subsidies read from synthetic policy sentences, and one real document.

The synthetic sentences are written for these tests (not taken from the corpus), one per form the
extractor must read: deadline years, numerals, units, comparators, several values per clause, subsidies,
and the numbers that are not goals.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.model import FactBatch
from loaders.extract import DocContext
from loaders.extract.places import guess_province
from loaders.extract.target_quantities import parse_number
from loaders.extract.targets import TargetFact, extract_targets, find_targets
from loaders.pipeline import process
from loaders.segment import segment

ROOT = Path(__file__).resolve().parent.parent
HANZHONG = ROOT / "data" / "corpus" / "003_d17b420203dd7a74.txt"


def read(text: str, ref_year: int | None = 2023) -> list[TargetFact]:
    return find_targets(text, ref_year=ref_year)


def only(text: str, ref_year: int | None = 2023) -> TargetFact:
    facts = read(text, ref_year)
    assert len(facts) == 1, facts
    return facts[0]


def summary(fact: TargetFact) -> tuple:
    return fact.metric, fact.value, fact.unit, fact.comparator, fact.year, fact.kind


# ---------------------------------------------------------------------------------------------- years

def test_deadline_year_governs_following_clauses_and_sentences():
    facts = read("到2026年，全区光伏组件产能达到20吉瓦，储能电池出货量突破30万套。新型储能企业达到40家。"
                 "到2028年，新型储能企业达到60家。")
    assert [(f.metric, f.value, f.unit, f.year) for f in facts] == [
        ("光伏组件产能", 20, "吉瓦", 2026), ("储能电池出货量", 300000, "套", 2026), ("新型储能企业", 40, "家", 2026),
        ("新型储能企业", 60, "家", 2028)]


@pytest.mark.parametrize("opening, year", [
    ("到2026年底，", 2026), ("至2027年，", 2027), ("2026年底前，", 2026), ("力争到2028年，", 2028),
    ("到二〇三〇年，", 2030), ("“十五五”时期，", 2030),
])
def test_year_phrases(opening, year):
    fact = only(f"{opening}县域冷链物流中心达到12个。")
    assert (fact.metric, fact.value, fact.unit, fact.year) == ("县域冷链物流中心", 12, "个", year)


def test_a_goal_without_a_year_is_due_at_the_plans_horizon():
    """The deadline does not run into the next section; the task is due when the plan ends (its title's period)."""
    text = "一、目标\n到2024年，数字车间达到80个。\n二、任务\n（一）推进改造。开展诊断服务，建设数字车间15个。"
    facts = find_targets(text, ref_year=2023, title="某某市智能制造三年行动计划（2023—2025年）")
    assert [(f.value, f.year) for f in facts] == [(80, 2024), (15, 2025)]
    assert [(f.value, f.year) for f in read(text)] == [(80, 2024), (15, 2024)]  # no title: its usual deadline


def test_a_section_states_its_deadline_after_its_list():
    text = ("一、目标\n到2030年，数字车间达到80个。\n二、任务\n（一）发展电商。培育2—3家电商龙头企业，"
            "打造30家电商示范基地。到2026年底，网络零售额达到900亿元。")
    assert [(f.value, f.year) for f in read(text)] == [(80, 2030), (2, 2026), (30, 2026), (900, 2026)]


def test_a_subsidy_has_no_deadline():
    facts = read("到2026年，示范工厂达到12个。\n二、政策\n对新认定的省级示范工厂，给予一次性奖励50万元。")
    assert [(f.kind, f.value, f.year) for f in facts] == [("goal", 12, 2026), ("subsidy", 50, None)]


# ---------------------------------------------------------------------------------------------- numbers and units

@pytest.mark.parametrize("raw, value", [("三十", 30), ("百", 100), ("1.2万", 12000), ("一百二十", 120), ("45", 45)])
def test_parse_number(raw, value):
    assert parse_number(raw) == value


@pytest.mark.parametrize("phrase, value, unit", [
    ("营业收入达到350亿元", 350, "亿元"), ("营业收入达到2.2万亿元", 2.2, "万亿元"), ("示范工厂达到三十个", 30, "个"),
    ("上云企业达到1.2万家", 12000, "家"), ("入库企业达到100户", 100, "户"), ("人均产值达到41万元/人", 41, "万元/人"),
    ("综合能耗下降到0.4吨标准煤/万元", 0.4, "吨标准煤/万元"), ("关键工序数控化率达到70%", 70, "%"),
])
def test_values_and_units(phrase, value, unit):
    fact = only(f"到2026年，{phrase}。")
    assert (fact.value, fact.unit) == (value, unit)


# ---------------------------------------------------------------------------------------------- comparators

@pytest.mark.parametrize("phrase, comparator", [
    ("冷链仓储容量达到80万吨", ">="), ("冷链仓储容量达80万吨", ">="), ("冷链仓储容量不低于80万吨", ">="),
    ("冷链仓储容量80万吨以上", ">="), ("冷链仓储容量超过80万吨", ">"), ("冷链仓储容量突破80万吨", ">"),
    ("冷链仓储容量不超过80万吨", "<="), ("冷链仓储容量控制在80万吨以内", "<="), ("冷链仓储容量降低到80万吨", "<="),
    ("冷链仓储容量80万吨左右", "~"), ("冷链仓储容量约80万吨", "~"), ("冷链仓储容量年均增长8%", "delta"),
    ("冷链仓储容量增长8%", "delta"), ("冷链仓储容量占比提高3个百分点", "delta"), ("冷链仓储容量80万吨", "="),
])
def test_comparators(phrase, comparator):
    fact = only(f"到2026年，{phrase}。")
    assert fact.comparator == comparator
    assert fact.metric.startswith("冷链仓储容量")


def test_aim_word_sets_a_goal_without_year():
    fact = only("力争全区电商交易额达到600亿元。")
    assert summary(fact) == ("电商交易额", 600, "亿元", ">=", None, "goal")


def test_rate_wins_over_approximation():
    fact = only("到2026年，新能源装备产业产值年均增长9%左右。")
    assert (fact.metric, fact.comparator) == ("新能源装备产业产值", "delta")


# ---------------------------------------------------------------------------------------------- metrics

def test_respectively_gives_one_target_per_metric():
    facts = read("到2026年，全区工业设备上云率、中小企业数字化普及率分别达到65%、55%。")
    assert [(f.metric, f.value, f.comparator) for f in facts] == [
        ("工业设备上云率", 65, ">="), ("中小企业数字化普及率", 55, ">=")]


def test_metric_is_the_minimal_noun_phrase():
    facts = read("到2026年，全县农产品加工业产值占农业总产值比重达到2.8%，"
                 "粮油、果蔬、茶叶等重点链条规上加工企业达到90家。")
    assert [f.metric for f in facts] == ["农产品加工业产值占农业总产值比重", "重点链条规上加工企业"]


def test_creation_verb_before_number_puts_the_metric_after_it():
    facts = read("围绕新兴领域，重点建设8个中试验证平台和20个企业牵头的联合实验室，着力打造12家以上县域特色产业集群。")
    assert [(f.metric, f.value, f.comparator) for f in facts] == [
        ("中试验证平台", 8, "="), ("联合实验室", 20, "="), ("县域特色产业集群", 12, ">=")]


def test_count_range_is_a_lower_bound():
    facts = read("到2026年，培育2-4个有全国影响力的区域公用品牌，创建省级技术创新中心3至5家。")
    assert [(f.metric, f.value, f.comparator) for f in facts] == [
        ("区域公用品牌", 2, ">="), ("省级技术创新中心", 3, ">=")]


def test_threshold_of_what_is_formed():
    fact = only("努力形成一批营收超过30亿元的特色专业园区。")
    assert (fact.metric, fact.value, fact.comparator) == ("特色专业园区营收", 30, ">")


def test_rate_clause_takes_its_subject_from_the_clause_before():
    fact = only("到2026年，茶产业综合产值保持平稳增长，年均增速达到6%。")
    assert fact.metric.startswith("茶产业综合产值") and fact.comparator == "delta"


# ---------------------------------------------------------------------------------------------- subsidies

def test_subsidy_ratio_and_cap():
    facts = read("（三）支持智能工厂建设。对新认定的省级智能工厂，按照智能化投入的15%给予奖励，最高不超过300万元。")
    assert [summary(f) for f in facts] == [
        ("新认定的省级智能工厂奖励比例", 15, "%", "=", None, "subsidy"),
        ("新认定的省级智能工厂奖励", 300, "万元", "<=", None, "subsidy"),
    ]


def test_subsidy_amount_after_the_verb():
    fact = only("对首次入选国家级绿色工厂名单的企业，给予80万元一次性奖励。")
    assert summary(fact) == ("首次入选国家级绿色工厂名单的企业一次性奖励", 80, "万元", "=", None, "subsidy")


def test_subsidy_highest_amount_is_an_upper_bound():
    fact = only("对完成兼并重组的企业，给予最高60万元补助。")
    assert (fact.value, fact.unit, fact.comparator, fact.kind) == (60, "万元", "<=", "subsidy")


def test_subsidy_condition_is_not_an_amount():
    fact = only("对年营业收入首次超过20亿元的企业，给予50万元奖励。")
    assert (fact.value, fact.unit) == (50, "万元")


def test_subsidy_beneficiary_from_the_section_title():
    facts = read("（五）支持企业数字化改造。鼓励企业上云用数，按照软件投入的20%给予补贴，最高不超过50万元。")
    assert [f.metric for f in facts] == ["企业数字化改造补贴比例", "企业数字化改造补贴"]


def test_matching_ratio():
    facts = read("对获得国家专项资金支持的项目，按照1∶0.5的比例给予配套奖励，最高不超过500万元。")
    assert [(f.value, f.unit, f.comparator) for f in facts] == [(0.5, "比例", "="), (500, "万元", "<=")]


# ---------------------------------------------------------------------------------------------- not goals

@pytest.mark.parametrize("text", [
    "2021年，全市实现工业产值约520亿元，增长9.6%。",
    "截至2022年底，全省累计建成数字车间120个。",
    "“十三五”期间，全县规上工业增加值年均增长7.5%。",
    "一、发展基础\n全市拥有规上工业企业860家，建成省级园区6个。",
    "重点发展5大主导产业，推进18条重点产业链建设。",
    "本方案自2024年5月1日起施行。",
    "市政办发〔2024〕12号",
    "1.建设1个公共服务平台。",
    "已建成国家级孵化器12家，先后引进重点项目40个。",
])
def test_numbers_that_are_not_goals(text):
    assert read(text) == []


def test_a_year_up_to_the_document_is_history_and_a_later_one_a_goal():
    assert read("2023年，光伏组件产能达到15吉瓦，储能企业达到20家。", ref_year=2023) == []
    assert [f.year for f in read("2025年，储能企业达到30家。", ref_year=2023)] == [2025]


# ---------------------------------------------------------------------------------------------- graph

def test_region_is_the_place_a_clause_opens_with_and_industry_the_one_measured():
    text = "到2026年，宝鸡市新材料产业产值达到900亿元，全市数字研发设计工具普及率达到85%。"
    batch = FactBatch("document:synthetic")
    extract_targets(DocContext("document:synthetic", text, segment(text), None, guess_province(text), None), batch)
    edges = {(batch.nodes[e.source].props["metric"], e.type): batch.nodes[e.target].name
             for e in batch.edges.values() if e.type in ("FOR_REGION", "FOR_INDUSTRY")}
    assert edges[("新材料产业产值", "FOR_REGION")] == "宝鸡市"
    assert edges[("新材料产业产值", "FOR_INDUSTRY")] == "新材料"
    assert ("数字研发设计工具普及率", "FOR_INDUSTRY") not in edges  # a practice, not an industry


# ---------------------------------------------------------------------------------------------- through the pipeline

def targets_of(batch) -> dict[tuple, dict]:
    return {(n.props["metric"], n.props["value"], n.props["unit"], n.props["year"]): n.props
            for n in batch.nodes.values() if n.label == "Target"}


def test_pipeline_reads_hanzhong_targets():
    batch = process(HANZHONG)
    targets = targets_of(batch)
    assert targets[("装备制造产业集群规模", 350.0, "亿元", 2025)]["comparator"] == ">"
    assert targets[("制造业增加值占地区生产总值比重", 30.0, "%", 2027)]["comparator"] == ">"
    assert targets[("规上工业企业", 800.0, "家", 2025)]["comparator"] == ">"
    assert targets[("省级制造业创新中心", 1.0, "家", 2025)]["comparator"] == ">="
    assert targets[("每年签约省外工业项目总投资", 100.0, "亿元", None)]["comparator"] == ">="
    assert all(props["kind"] == "goal" and props["doc"] == batch.doc_id for props in targets.values())


def test_pipeline_edges_carry_provenance_and_point_to_region_and_industry():
    batch = process(HANZHONG)
    node = next(n for n in batch.nodes.values() if n.label == "Target" and n.props["metric"] == "装备制造产业集群规模")
    edges = {e.type: e for e in batch.edges.values() if node.id in (e.source, e.target)}
    assert {"HAS_TARGET", "MENTIONS", "FOR_REGION", "FOR_INDUSTRY"} <= set(edges)
    assert batch.nodes[edges["FOR_REGION"].target].name == "汉中市"
    assert batch.nodes[edges["FOR_INDUSTRY"].target].name == "装备制造"
    mention = edges["MENTIONS"].props
    assert mention["count"] == 1 and "突破350亿元" in mention["evidence"]
    text = batch.nodes[batch.doc_id].props["text"]
    assert text[mention["start"]:mention["end"]] == mention["evidence"]


def test_pipeline_target_ids_are_stable():
    first = {n.id for n in process(HANZHONG).nodes.values() if n.label == "Target"}
    second = {n.id for n in process(HANZHONG).nodes.values() if n.label == "Target"}
    assert first == second and len(first) >= 25
