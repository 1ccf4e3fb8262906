"""Targets in the shapes other provinces write them: the counted noun after the number, thresholds inside
metrics, ranges, 分别 lists, deadlines stated after the list, indicator tables.

Every sentence here is written for these tests in the style of a province's plans (a Zhejiang city's
三年行动计划, a Fujian 工作方案, a Sichuan city's 意见, a Shandong 实施方案, a Jiangxi 行动计划); none is taken
from the corpus or the development documents.
"""

from __future__ import annotations

import pytest

from loaders.extract.targets import TargetFact, find_targets


def read(text: str, title: str | None = None) -> list[TargetFact]:
    return find_targets(text, ref_year=2023, title=title)


def one(text: str, title: str | None = None) -> TargetFact:
    facts = read(text, title)
    assert len(facts) == 1, facts
    return facts[0]


# ---------------------------------------------------------------------------------------------- the counted noun

@pytest.mark.parametrize("sentence, metric, value, unit", [
    # Zhejiang: two verbs before the number
    ("到2025年，培育打造15个在全省具有影响力的未来工厂。", "未来工厂", 15, "个"),
    # Fujian: verbs joined by 和
    ("到2025年，引进和培育3家智能网联汽车整车企业。", "智能网联汽车整车企业", 3, "家"),
    # Sichuan: a scope word before the verb
    ("到2025年，全市形成4个以上千亿级先进制造业集群。", "千亿级先进制造业集群", 4, "个"),
    # Jiangxi: 推动 puts the thing counted (and what it does) after the number
    ("到2025年，累计推动3000家中小企业上云用数。", "中小企业上云用数", 3000, "家"),
    # Shandong: a locative before the verb; a field qualifies the metric
    ("到2027年，在海洋装备领域建成20个以上中试基地。", "海洋装备领域中试基地", 20, "个"),
])
def test_the_counted_noun_after_the_number_is_the_metric(sentence, metric, value, unit):
    fact = one(sentence)
    assert (fact.metric, fact.value, fact.unit, fact.kind) == (metric, value, unit, "goal")


def test_a_clause_that_only_adds_a_value_restates_the_metric():
    facts = read("到2026年，全市软件业务收入超过300亿元，力争达到350亿元。")
    assert [(f.metric, f.value, f.comparator) for f in facts] == [
        ("软件业务收入", 300, ">"), ("软件业务收入", 350, ">=")]


# ---------------------------------------------------------------------------------------------- thresholds

@pytest.mark.parametrize("sentence, metric, value, unit", [
    ("到2025年，力争营业收入超百亿元的软件企业达到8家。", "营业收入超百亿元的软件企业", 8, "家"),
    ("到2025年，培育50亿元以上链主企业6家。", "50亿元以上链主企业", 6, "家"),
    ("到2026年，2000万元以上规上企业研发机构覆盖率达到60%。", "2000万元以上规上企业研发机构覆盖率", 60, "%"),
])
def test_a_threshold_is_part_of_the_metric_not_a_target(sentence, metric, value, unit):
    fact = one(sentence)
    assert (fact.metric, fact.value, fact.unit) == (metric, value, unit)


def test_a_threshold_before_a_list_break_counts_nothing():
    fact = one("到2027年，营业收入1亿元以上的工业企业研发活动实现全覆盖、3000万元以上工业企业研发机构覆盖率达到50%。")
    assert (fact.metric, fact.value, fact.unit) == ("3000万元以上工业企业研发机构覆盖率", 50, "%")


def test_a_count_before_a_threshold_counts_the_qualified_noun():
    fact = one("到2025年，培育20家以上年营业收入超五十亿元的数字企业。")
    assert (fact.value, fact.unit) == (20, "家")
    assert fact.metric.endswith("数字企业")


def test_two_amounts_joined_by_and_are_each_a_goal():
    facts = read("到2025年，用好2亿元省级专项资金和1.5亿元市级配套资金，支持企业技术改造。")
    assert [(f.metric, f.value, f.unit) for f in facts] == [("省级专项资金", 2, "亿元"), ("市级配套资金", 1.5, "亿元")]


# ---------------------------------------------------------------------------------------------- years

def test_the_plans_period_dates_a_task_without_a_deadline():
    fact = one("（三）培育市场主体。培育瞪羚企业60家，支持其在科创板上市。", title="某某市数字经济三年行动计划（2023—2025年）")
    assert (fact.metric, fact.value, fact.year) == ("瞪羚企业", 60, 2025)
