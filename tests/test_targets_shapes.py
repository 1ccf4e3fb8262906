"""Targets in the shapes other provinces write them: the counted noun after the number, thresholds inside
metrics, ranges, 分别 lists, deadlines stated after the list, indicator tables.

Every sentence here is written for these tests in the style of a province's plans (a Zhejiang city's
三年行动计划, a Fujian 工作方案, a Sichuan city's 意见, a Shandong 实施方案, a Jiangxi 行动计划); none is taken
from the corpus or the development documents.
"""

from __future__ import annotations

import pytest

from graph.model import FactBatch
from loaders.extract import DocContext
from loaders.extract.targets import TargetFact, extract_targets, find_targets
from loaders.segment import segment


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
    # Guangdong: the firms are counted, not their arrival
    ("到2025年，吸引5家软件总部企业在本市落户。", "软件总部企业", 5, "家"),
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


# ---------------------------------------------------------------------------------------------- indicator tables

def test_a_table_written_one_cell_per_line_gives_one_goal_per_row():
    """A Hunan-style 主要指标 table as a web page gives it: the header's target column names the year."""
    text = ("一、发展目标\n到2026年，产业发展取得明显成效。\n某某市先进制造业主要指标\n序号\n指标\n2026年目标\n"
            "规上工业增加值\n900亿元\n培育20亿元以上骨干企业\n12家\n工业投资年均增速\n10%\n二、重点任务\n"
            "（一）壮大链主企业。实施链主培育行动。")
    facts = read(text)
    assert [(f.metric, f.value, f.unit, f.year) for f in facts] == [
        ("规上工业增加值", 900, "亿元", 2026), ("20亿元以上骨干企业", 12, "家", 2026), ("工业投资年均增速", 10, "%", 2026)]


def test_a_tab_separated_table_reads_the_target_column_not_the_base():
    """A Guangdong-style table from a Word file: base and target columns, units in a column or in the metric."""
    text = ("某某区数字经济主要指标\n序号\t指标\t单位\t基数（2022年）\t目标值（2025年）\n"
            "1\t数字经济核心产业增加值\t亿元\t210\t400\n2\t上云企业数（家）\t\t1500\t5000\n3\t数字化车间\t个\t8\t30\n"
            "二、主要任务")
    facts = read(text)
    assert [(f.metric, f.value, f.unit, f.year) for f in facts] == [
        ("数字经济核心产业增加值", 400, "亿元", 2025), ("上云企业数", 5000, "家", 2025), ("数字化车间", 30, "个", 2025)]


def test_a_row_that_lost_a_value_is_not_read():
    """Cell per line with a base and a target column: a row with one number left cannot say which it is."""
    text = ("主要指标\n序号\n指标\n基数\n（2022年）\n目标值\n（2025年）\n工业机器人密度（台/万人）\n"
            "重点企业数控化率（%）\n58.5\n两化融合贯标企业（家）\n12家\n40家\n二、重点任务")
    facts = read(text)
    assert [(f.metric, f.value, f.unit, f.year) for f in facts] == [("两化融合贯标企业", 40, "家", 2025)]


def test_a_table_without_a_target_column_gives_nothing():
    text = "任务清单\n序号\n工作任务\n牵头单位\n完成时间\n建设算力中心\n市发展改革委\n2025年\n"
    assert read(text) == []


# ---------------------------------------------------------------------------------------------- restatements

def test_a_goal_restated_in_a_task_counts_once():
    """An Anhui-style plan states the goal, then the task repeats it with a fuller metric."""
    text = ("一、主要目标\n到2025年，5G信号覆盖率超过98%。\n二、重点任务\n（一）建设网络。到2025年，实现城区5G信号覆盖率超过98%。")
    facts = read(text)
    assert [(f.value, f.unit) for f in facts] == [(98, "%")]


def test_two_goals_with_the_same_value_and_different_subjects_stay_two():
    facts = read("到2025年，新材料产业产值年均增长8%，装备制造产业产值年均增长8%。")
    assert [(f.metric, f.value) for f in facts] == [("新材料产业产值", 8), ("装备制造产业产值", 8)]


def test_a_short_metric_inside_a_longer_one_may_be_another_goal():
    facts = read("到2025年，培育100家服务型制造示范企业。打造20家电商基地和100家示范企业。")
    assert [(f.metric, f.value) for f in facts] == [("服务型制造示范企业", 100), ("电商基地", 20), ("示范企业", 100)]


# ---------------------------------------------------------------------------------------------- ranges and units

@pytest.mark.parametrize("sentence, value, value_max, unit", [
    ("到2025年，引进2—3家智能终端整机企业。", 2, 3, "家"),      # Guangdong: em dash
    ("到2025年，力争新培育1－2个省级特色小镇。", 1, 2, "个"),     # Zhejiang: full-width minus
    ("到2025年，培育3-5家链主企业。", 3, 5, "家"),               # Hubei: hyphen
])
def test_a_range_gives_value_and_value_max(sentence, value, value_max, unit):
    fact = one(sentence)
    assert (fact.value, fact.value_max, fact.unit, fact.comparator) == (value, value_max, unit, ">=")


@pytest.mark.parametrize("sentence, value, unit", [
    ("到2025年，全省互联网省际出口带宽达到60Tbps。", 60, "Tbps"),
    ("到2025年，城域网出口带宽达到9000吉比特每秒。", 9000, "吉比特每秒"),
    ("到2025年，城市家庭宽带接入能力达到1000M。", 1000, "M"),
    ("到2025年，通信光缆总长度达到150万公里。", 150, "万公里"),
    ("到2025年，工业互联网标识注册量达到2亿以上。", 2, "亿"),
    ("到2025年，数据中心标准机架达到12万架。", 120000, "架"),
])
def test_network_and_scale_units(sentence, value, unit):
    fact = one(sentence)
    assert (fact.value, fact.unit) == (value, unit)


def test_a_technology_name_is_not_a_bandwidth():
    assert read("到2025年，建成5G基站3000个。") and all(f.unit != "G" for f in read("到2025年，建成5G基站3000个。"))


# ---------------------------------------------------------------------------------------------- what makes a goal

def test_a_level_to_reach_is_a_goal_without_a_deadline():
    """A Shandong-style task: no year in the item, the comparator says it is a level to reach."""
    text = "二、重点任务\n（一）强化企业主体地位。企业牵头的重大科技项目比例达到70%以上，其中产学研联合项目比重不低于50%。"
    facts = read(text)
    assert [(f.metric, f.value, f.comparator) for f in facts] == [
        ("企业牵头的重大科技项目比例", 70, ">="), ("产学研联合项目比重", 50, ">=")]


def test_an_action_verb_before_the_number_makes_a_goal():
    """A Zhejiang-style task without a year: what is pushed or put online is counted after the number."""
    fact = one("二、主要任务\n（二）优化掌上办事。迭代开发上线15个以上移动办事应用。")
    assert (fact.metric, fact.value, fact.unit) == ("移动办事应用", 15, "个")


def test_the_year_after_zai_is_a_deadline_not_a_metric():
    fact = one("着力发展新能源汽车产业，力争在2026年实现产值800亿元以上。")
    assert (fact.value, fact.year) == (800, 2026)
    assert "在" not in fact.metric and "2026" not in fact.metric


def test_levels_reached_in_the_past_are_not_goals():
    text = ("一、发展基础\n全市规上工业企业达到1200家，数字化改造覆盖率达到45%。\n二、重点任务\n"
            "（一）推进改造。全市已有80家企业达到智能工厂标准。")
    assert read(text) == []


def test_a_sentence_about_recent_years_reports_the_past():
    """A Hubei-style research report: what was done lately is not a goal, even with a creation verb."""
    assert read("二、产业发展\n近年来，全省培育国家级绿色工厂60家，两地入选资源综合利用基地。") == []


def test_statistics_reported_against_last_year_are_not_levels_to_reach():
    text = "二、运行分析\n（一）电子信息产业。产值达到520亿元，同比增长12%。"
    assert read(text) == []


# ---------------------------------------------------------------------------------------------- 分别 and subsidies

@pytest.mark.parametrize("sentence, expected", [
    ("到2025年，电子信息、装备制造产业产值分别达到300亿元、150亿元。",
     [("电子信息产业产值", 300, "亿元"), ("装备制造产业产值", 150, "亿元")]),
    ("到2025年，新能源汽车和智能网联汽车产量分别突破20万辆、5万辆。",
     [("新能源汽车产量", 20, "万辆"), ("智能网联汽车产量", 5, "万辆")]),
    ("到2025年，关键工序数控化率、设备联网率分别达到75%和55%。",
     [("关键工序数控化率", 75, "%"), ("设备联网率", 55, "%")]),
])
def test_respectively_pairs_values_with_their_subjects(sentence, expected):
    assert [(f.metric, f.value, f.unit) for f in read(sentence)] == expected


@pytest.mark.parametrize("sentence, value, comparator", [
    # Jiangsu: a cap after a rate
    ("三、支持政策\n（一）支持技术改造。对设备投资超过1000万元的技改项目，按设备投资额的10%给予补助，单个项目最高500万元。",
     500, "<="),
    # Henan: a one-off reward
    ("（二）鼓励企业上规。对首次纳入规上统计的工业企业，给予一次性奖励20万元。", 20, "="),
    # Sichuan: a cap written as 最高不超过
    ("（四）人才支持。对引进的高层次人才团队，给予最高不超过1000万元资助。", 1000, "<="),
])
def test_subsidies_and_caps(sentence, value, comparator):
    facts = [f for f in read(sentence) if f.unit == "万元"]
    assert [(f.value, f.comparator, f.kind, f.year) for f in facts] == [(value, comparator, "subsidy", None)]


def test_the_condition_of_a_subsidy_is_not_a_goal():
    text = "三、保障措施\n对年度数字化改造投入超过500万元的项目，按投入额的15%给予补助，最高不超过300万元。"
    assert [(f.kind, f.value, f.unit) for f in read(text)] == [("subsidy", 15, "%"), ("subsidy", 300, "万元")]


def test_a_yearly_task_has_no_deadline():
    fact = one("二、重点任务\n（一）开展诊断。每年遴选100家企业开展免费诊断。", title="某某市行动计划（2024—2026年）")
    assert (fact.value, fact.year) == (100, None)


def test_a_task_that_counts_its_object_is_a_goal_and_its_sentence_goes_on():
    """A Hubei-style task item: the verb opens the clause, the number closes it; the next clause adds a sum."""
    text = "二、主要任务\n（二）完善产业链。围绕12条重点产业链，实施重点项目200个，总投资超过1500亿元。"
    facts = read(text, title="某某省生物医药产业发展行动方案（2023—2025年）")
    assert [(f.metric, f.value, f.unit, f.year) for f in facts] == [
        ("实施重点项目", 200, "个", 2025), ("总投资", 1500, "亿元", 2025)]


def test_numbers_inside_a_list_of_products_or_of_the_plans_parts_are_not_goals():
    text = "二、主要任务\n（三）壮大装备。大力发展高端医疗影像设备、30排以上螺旋CT等产品。实施三大工程、全力推进12项重点工作。"
    assert read(text) == []


@pytest.mark.parametrize("sentence, expected", [
    ("到2025年，城镇宽带具备千兆接入能力。", [("城镇宽带接入能力", 1000, "Mbps")]),
    ("到2025年，实现城乡家庭接入超千兆、企业商用万兆的网络能力。",
     [("城乡家庭网络能力", 1000, "Mbps"), ("企业商用网络能力", 10000, "Mbps")]),
    ("到2025年，建成双千兆城市，千兆宽带用户达到50万户。", [("千兆宽带用户", 500000, "户")]),
])
def test_bandwidth_written_as_a_word(sentence, expected):
    assert [(f.metric, f.value, f.unit) for f in read(sentence)] == expected


def test_a_range_keeps_its_upper_bound_on_the_node():
    """Through extract_targets: the Target node carries value_max and names the range as written."""
    text = "某某县电商发展行动方案（2024—2026年）\n一、目标\n到2026年，培育3—5家县域电商龙头企业。"
    batch = FactBatch("doc")
    meta = type("Meta", (), {"title": "某某县电商发展行动方案（2024—2026年）", "published": "2024-03-01"})()
    extract_targets(DocContext("doc", text, segment(text), meta, None, None), batch)
    [node] = [n for n in batch.nodes.values() if n.label == "Target"]
    assert (node.props["value"], node.props["value_max"], node.props["year"]) == (3, 5, 2026)
    assert node.name == "县域电商龙头企业3—5家"


def test_the_goals_sections_deadline_covers_its_numbered_items():
    """A Yunnan-style goals section: the year opens the section, the numbered items below it inherit it."""
    text = ("某某州数字经济发展规划\n二、发展目标\n到2030年，全州数字经济发展水平显著提升，具体目标如下：\n"
            "1.产业规模。数字经济核心产业营业收入达到600亿元。\n2.创新能力。培育省级专精特新企业80家。\n"
            "三、重点任务\n（一）建设算力设施。到2027年，建成数据中心标准机架2万架。\n"
            "（二）发展软件。到2027年，软件业务收入达到90亿元。")
    facts = read(text)  # the plan names 2027 most often: without the section's own year, items 1 and 2 would take it
    assert [(f.value, f.year) for f in facts] == [(600, 2030), (80, 2030), (20000, 2027), (90, 2027)]


@pytest.mark.parametrize("sentence, metric, value, unit, comparator", [
    # Hebei: a baseline before the level to reach
    ("到2025年，规上工业企业研发机构覆盖率由35%提高到50%。", "规上工业企业研发机构覆盖率", 50, "%", ">="),
    # Anhui: a baseline year and value
    ("到2025年，全市高新技术企业从2020年的120家增加至300家。", "高新技术企业", 300, "家", ">="),
    # Henan: a goal word inside the clause is not part of the metric
    ("到2025年，新能源汽车产量力争突破50万辆。", "新能源汽车产量", 50, "万辆", ">"),
    # Guangdong: 万亿 written without a digit
    ("到2025年，全省电子信息产业规模突破万亿元。", "电子信息产业规模", 10000, "亿元", ">"),
])
def test_baselines_goal_words_and_written_scales(sentence, metric, value, unit, comparator):
    fact = one(sentence)
    assert (fact.metric, fact.value, fact.unit, fact.comparator) == (metric, value, unit, comparator)


def test_tiered_rewards_pair_each_amount_with_its_tier():
    """A Fujian-style tiered reward: 分别 pairs the amounts with the levels listed before them."""
    text = "三、政策措施\n（二）支持智能制造。对获评国家级、省级、市级智能工厂的企业，分别给予100万元、50万元、20万元奖励。"
    facts = read(text)
    assert [(f.metric, f.value, f.kind) for f in facts] == [
        ("获评国家级智能工厂的企业奖励", 100, "subsidy"), ("省级智能工厂的企业奖励", 50, "subsidy"),
        ("市级智能工厂的企业奖励", 20, "subsidy")]


def test_a_cap_written_with_de_is_the_amount_not_a_condition():
    text = "三、政策措施\n（一）支持技术改造。对符合条件的技改项目，给予不超过项目设备投资额10%、最高500万元的补助。"
    assert [(f.metric, f.value, f.unit, f.comparator) for f in read(text)] == [
        ("符合条件的技改项目补助比例", 10, "%", "<="), ("符合条件的技改项目补助", 500, "万元", "<=")]


def test_the_present_state_is_not_a_goal():
    """A Guangxi-style plan opens on its significance and today's figures before its goals."""
    text = ("一、重要意义\n全市数字经济规模达到800亿元。\n二、重点任务\n（一）壮大产业。目前，全市规上软件企业达到120家。"
            "到2026年，数字经济规模达到1200亿元。")
    assert [(f.metric, f.value, f.year) for f in read(text)] == [("数字经济规模", 1200, 2026)]


def test_a_table_with_year_columns_takes_the_later_year_and_knows_a_rate():
    """A Shaanxi-style 十四五 table: 单位 column, base and target years as headers, 属性 column."""
    text = ("表1 制造业发展主要指标\n指标\t单位\t2020年\t2025年\t属性\n规上工业增加值年均增速\t%\t—\t7\t预期性\n"
            "高新技术企业数量\t家\t1200\t2500\t预期性\n二、主要任务")
    facts = read(text)
    assert [(f.metric, f.value, f.unit, f.comparator, f.year) for f in facts] == [
        ("规上工业增加值年均增速", 7, "%", "delta", 2025), ("高新技术企业数量", 2500, "家", "=", 2025)]


@pytest.mark.parametrize("sentence, metric, value, unit", [
    ("二、任务\n（一）技改。每年组织实施100项重点技术改造项目。", "重点技术改造项目", 100, "项"),
    ("到2025年，举办20场以上产业对接活动。", "产业对接活动", 20, "场"),
    ("到2025年，开展数字技能培训50万人次。", "开展数字技能培训", 50, "万人次"),
])
def test_events_and_organised_work_are_counted(sentence, metric, value, unit):
    fact = one(sentence)
    assert (fact.metric, fact.value, fact.unit) == (metric, value, unit)


@pytest.mark.parametrize("sentence", [
    "依托全市35个工业园区，推进数字化改造。",        # a frame
    "围绕全市12条产业链，实施强链补链工程。",        # a frame
    "全市现有规上企业1200家，其中制造业企业800家。",  # what is held, and its part
])
def test_numbers_that_count_what_already_exists_are_not_goals(sentence):
    facts = read("到2025年，软件业务收入达到100亿元。" + sentence)
    assert [(f.metric, f.value) for f in facts] == [("软件业务收入", 100)]


def test_a_metric_may_say_held_or_rest_on_something():
    facts = read("到2027年，有效发明专利拥有量达到3万件，其中依托企业建设的实验室比重不低于60%。")
    assert [(f.metric, f.value) for f in facts] == [("有效发明专利拥有量", 30000), ("依托企业建设的实验室比重", 60)]


def test_a_multiple_of_a_base_year_does_not_end_the_deadline():
    """"是2020年的2倍" compares; the goals after it in the sentence and the next sentence keep 2025."""
    facts = read("到2025年，产值达到1000亿元，是2020年的2倍，企业达到100家。软件收入达到50亿元。")
    assert [(f.metric, f.value, f.year) for f in facts] == [("产值", 1000, 2025), ("企业", 100, 2025),
                                                           ("软件收入", 50, 2025)]


def test_this_years_goal_in_a_work_plan_and_this_years_figures_in_a_report():
    """A Chongqing-style 年度工作要点 names its own year as the deadline; a half-year report does not."""
    plan = read("二、重点工作\n2023年，力争全市新增规上工业企业100家。")
    assert [(f.value, f.year) for f in plan] == [(100, 2023)]
    assert read("二、运行情况\n（一）工业。2023年上半年，全市新增规上工业企业50家。") == []


def test_a_level_the_plan_will_reach_is_a_goal_without_a_deadline():
    """A Beijing-style district task: 实现/具备 open the clause, no year is written in the item."""
    facts = read("二、重点任务\n（一）升级网络。实现城乡家庭接入超千兆、企业商用万兆的网络能力。")
    assert [(f.metric, f.value, f.unit) for f in facts] == [
        ("城乡家庭网络能力", 1000, "Mbps"), ("企业商用网络能力", 10000, "Mbps")]


def test_respectively_over_a_list_of_places(tmp_path):
    """"甲、乙、丙…分别达到…": one measure, each value for its own place (a Hunan-style goal)."""
    from loaders.pipeline import process

    plan = tmp_path / "湖南省软件产业方案.txt"
    plan.write_text("湖南省软件产业发展行动方案（2024—2026年）\n一、发展目标\n"
                    "到2026年，长沙、株洲、湘潭软件业收入分别达到300亿元、150亿元、80亿元。\n", encoding="utf-8")
    batch = process(plan)
    regions = {(batch.nodes[e.source].props["metric"], batch.nodes[e.source].props["value"], batch.nodes[e.target].name)
               for e in batch.edges.values() if e.type == "FOR_REGION"}
    assert regions == {("软件业收入", 300.0, "长沙市"), ("软件业收入", 150.0, "株洲市"), ("软件业收入", 80.0, "湘潭市")}


@pytest.mark.parametrize(("sentence", "metric", "value", "unit"), [
    # agricultural plans count land and livestock (a Guizhou county's 实施方案)
    ("到2025年，全县茶园面积稳定在30万亩。", "茶园面积", 30.0, "万亩"),
    ("到2025年，高标准农田建成5万公顷。", "高标准农田建成", 5.0, "万公顷"),
    ("到2025年，生猪年出栏达到80万头。", "生猪年出栏", 80.0, "万头"),
])
def test_land_and_livestock_are_counted(sentence, metric, value, unit):
    fact = one(sentence)
    assert (fact.value, fact.unit, fact.year) == (value, unit, 2025) and metric in fact.metric
