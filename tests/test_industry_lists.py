"""Industry lists read by the shape of policy language, on sentences written for these tests in the style of
plans from several provinces (Hunan, Guangdong, Henan, Anhui, Sichuan)."""

from __future__ import annotations

import pytest

from loaders.extract.industries import find_industry_lists
from loaders.pipeline import process


def industries(sentence: str) -> list[str]:
    return [item.name for found in find_industry_lists(sentence, 0, len(sentence)) for item in found.items]


def surfaces(sentence: str) -> list[str]:
    """The industries as written (a taxonomy term's canonical name may differ: 北斗导航 is 北斗应用)."""
    return [item.surface for found in find_industry_lists(sentence, 0, len(sentence)) for item in found.items]


def _targets(tmp_path, name: str, body: str) -> set[tuple[str, str]]:
    plan = tmp_path / name
    plan.write_text(body, encoding="utf-8")
    batch = process(plan)
    return {(batch.nodes[e.source].name, batch.nodes[e.target].name) for e in batch.edges.values()
            if e.type == "TARGETS"}


@pytest.mark.parametrize(("sentence", "expected"), [
    # a list closed by a class of products is a list of them, whatever its items end in (Hunan-style)
    ("积极发展密码认证、数据脱敏、安全审计等网络安全产品和服务。", {"密码认证", "数据脱敏", "安全审计", "网络安全"}),
    # research verbs introduce products too (Guangdong-style)
    ("研发钠离子电芯、固态电解质、储能变流器等新型储能产品。", {"钠离子电芯", "固态电解质", "储能变流器"}),
    # open heads: modules, whole machines, bearings (Henan-style)
    ("重点发展北斗导航模组、国产化整机、精密轴承。", {"北斗导航模组", "国产化整机", "精密轴承"}),
    # chemicals are named by their product head, acids too (Hubei-style)
    ("重点发展电子级硫酸、工业级磷酸盐、磷系阻燃剂。", {"电子级硫酸", "工业级磷酸盐", "磷系阻燃剂"}),
    # household appliances are named by their product head (Guangdong-style)
    ("大力发展厨房电器、智能照明和商用空调。", {"厨房电器", "智能照明", "商用空调"}),
    ("重点发展笔记本电脑、智能手表、蓝牙耳机。", {"笔记本电脑"}),
    # a numeral opens a product's name when a product head word ends it (Jiangxi-style)
    ("重点发展钴酸锂、三元正极材料、多元复合材料等电池材料。", {"三元正极材料", "多元复合材料"}),
    # "A和B产品": both are products, each its own item; 各类 is no part of a name
    ("研发各类荧光检测试剂和核酸检测试剂产品。", {"荧光检测试剂", "核酸检测试剂产品"}),
])
def test_lists_closed_by_a_class_or_open_heads(sentence, expected):
    assert expected <= set(industries(sentence))


@pytest.mark.parametrize(("sentence", "expected"), [
    # business formats are named by what is done (直播, 共享, 定制): a class of them closes a list of industries
    ("鼓励发展直播电商、社区团购、无人配送等新业态新模式。", {"直播电商", "社区团购", "无人配送"}),
    ("大力培育工业设计服务、共享制造、全生命周期管理等服务型制造新模式。",
     {"工业设计服务", "共享制造", "全生命周期管理", "服务型制造"}),
    ("积极发展供应链金融、消费金融等金融新业态。", {"供应链金融", "消费金融"}),
    # quoted names written side by side are items of the list (Guizhou-style)
    ("有序发展“云展会”“云旅游”等新业态新模式。", {"云展会", "云旅游"}),
])
def test_lists_closed_by_a_class_of_business_formats(sentence, expected):
    assert expected <= set(surfaces(sentence))


@pytest.mark.parametrize(("sentence", "not_an_industry"), [
    # the real economy is what the digital industries merge with, not a sector of its own (Hubei-style)
    ("推动物联网、区块链和实体经济深度融合。", "实体经济"),
    ("推动数字经济与实体经济深度融合，为县域经济注入新动力。", "实体经济"),
    ("推动数字经济与实体经济深度融合，为县域经济注入新动力。", "注入新动力"),
    # a quote left inside an item is a damaged phrase, not a name
    ('大力推动"文旅+"消费。', '文旅+"消费'),
    # a direction of development is no sector (石化 and 日化 are)
    ("探索形成全省盐化工产业高端化、多元化、绿色化发展新路径。", "多元化"),
])
def test_the_economy_as_a_whole_is_no_industry(sentence, not_an_industry):
    assert not_an_industry not in surfaces(sentence)
    assert not_an_industry not in industries(sentence)


@pytest.mark.parametrize("sentence", [
    "积极开发低糖、高钙、便携的休闲食品。",          # qualities of the noun after 的
    "为小微企业提供检验检测、融资担保、知识产权等服务。",  # support offered to firms
    "重点突破高精度定位、低功耗传输等关键技术。",        # technologies, not sectors
    "推动5G在远程医疗、智慧港口等领域融合应用。",        # application scenes
    "推动教育、托育、家政、体育等社会服务数字化。",        # public services (Guangxi-style)
    "积极开发科技保险、专利保险等金融产品。",              # financial products for firms
    "探索构建涵盖资产评估、流转交易、担保等业务的综合服务体系。",  # parts of a service system
    "推动建设天然气管网综合管理平台。",                    # a platform is no industry
])
def test_lists_that_are_not_industries(sentence):
    assert industries(sentence) == []


def test_responsibility_notes_give_no_industries(tmp_path):
    plan = tmp_path / "湖南省数字经济行动方案.txt"
    plan.write_text(
        "湖南省数字经济发展行动方案（2024—2026年）\n"
        "（一）壮大软件产业。重点发展工业软件、嵌入式软件。（责任单位：省发展改革委、省金融监管局、省商务厅）\n",
        encoding="utf-8")
    batch = process(plan)
    names = {node.name for node in batch.nodes.values() if node.label == "Industry"}
    targeted = {batch.nodes[e.target].name for e in batch.edges.values() if e.type == "TARGETS"}
    assert {"工业软件", "嵌入式软件"} <= targeted
    assert not {"改革委", "现代金融", "金融"} & (names | targeted)


@pytest.mark.parametrize(("heading", "expected"), [
    ("（二）实施智能传感器“强基”工程。", ["智能传感器"]),       # Guangdong-style programme heading
    ("——北斗导航产业培育工程。", ["北斗导航"]),                # Sichuan-style bullet
    ("4.工业软件与信息安全。", ["工业软件", "信息安全"]),         # Henan-style numbered item naming its industries
    ("（一）优化软件产业发展布局。", ["软件"]),                  # the verb that opens it is no part of the name
])
def test_headings_name_the_industries_of_their_section(heading, expected):
    assert surfaces(heading) == expected


@pytest.mark.parametrize("heading", [
    "（三）保障措施。", "5.强化要素支撑。", "（一）总体要求。",
    # a measures section's headings name support, whatever industry word is inside (Hubei-, Yunnan-style)
    "（四）加大财税金融支持。", "3.强化网络安全保障。", "（二）加强大数据基础支撑",
])
def test_headings_without_industries(heading):
    assert industries(heading) == []


@pytest.mark.parametrize(("sentence", "expected"), [
    # no verb of development at all: the class after 等 says what the items are (Anhui-style)
    ("聚碳酸酯、聚苯硫醚、聚酰亚胺等特种工程塑料品种市场空间广阔。", {"聚碳酸酯", "聚苯硫醚", "聚酰亚胺"}),
    ("积极引入智慧家庭、高清视听、移动互联网等新一代信息技术产业。", {"智慧家庭", "高清视听", "移动互联网"}),
])
def test_lists_read_backwards_from_their_class(sentence, expected):
    assert expected <= set(surfaces(sentence))


@pytest.mark.parametrize("sentence", [
    "推动长沙、株洲、湘潭等地布局建设储能产业园。",   # places before 等地, then a clause
    "支持三一、中联、山河等企业智能化改造。",          # firms before 等企业
])
def test_who_and_where_before_deng_are_not_industries(sentence):
    assert not {"长沙", "株洲", "湘潭", "三一", "中联", "山河"} & set(surfaces(sentence))


def test_a_list_of_known_industries_needs_no_verb():
    assert {"工业软件", "嵌入式软件"} <= set(surfaces("加强工业软件、嵌入式软件研发。"))


def test_a_descriptive_clause_names_no_goal():
    assert surfaces("已建成的示范基地涉及电子信息、装备制造、有色金属。") == []


def test_a_place_does_not_carry_into_a_sentence_about_firms(tmp_path):
    targets = _targets(tmp_path, "湖南省先进制造业发展规划.txt",
                       "湖南省先进制造业发展规划（2024—2026年）\n一、重点任务\n"
                       "株洲依托现有基础，重点发展轨道交通装备。支持企业发展工业软件、嵌入式软件。\n")
    assert ("湖南省", "工业软件") in targets
    assert ("株洲市", "工业软件") not in targets


@pytest.mark.parametrize(("sentence", "expected"), [
    ("鼓励发展在线新消费。", ["在线新消费"]),          # 在线 opens a name, not a clause
    ("（三）发展共享经济。", ["共享经济"]),            # a verb-tagged first word inside a name with an industry head
    ("支持北斗导航终端研发生产。", ["北斗导航终端"]),   # 支持 X 研发生产: X is what is developed
])
def test_single_industries_after_a_verb(sentence, expected):
    assert surfaces(sentence) == expected


def test_support_for_actors_names_no_industry():
    assert surfaces("支持企业上云用云。") == []


def test_our_province_is_the_jurisdiction(tmp_path):
    targets = _targets(tmp_path, "湖南省制造业规划.txt",
                       "湖南省制造业高质量发展规划（2024—2026年）\n一、重点任务\n长沙重点发展工程机械，全省加快培育储能电池。\n")
    assert {industry for place, industry in targets if place == "长沙市"} == {"工程机械"}
    assert any(place == "湖南省" for place, _ in targets)  # 储能电池, whatever the taxonomy calls it


def test_an_item_that_opens_with_a_place_is_that_places(tmp_path):
    targets = _targets(tmp_path, "嘉兴市数字经济方案.txt",
                       "嘉兴市数字经济发展三年行动计划（2024—2026年）\n一、重点任务\n"
                       "重点支持海宁光伏组件产业、桐乡化纤新材料产业、平湖数字装备产业等特色产业集群。\n")
    assert any(place == "海宁市" and "光伏" in industry for place, industry in targets)
    assert ("平湖市", "数字装备") in targets
    assert not any(place == "嘉兴市" and "光伏" in industry for place, industry in targets)


def test_a_place_inside_a_cited_title_is_no_subject(tmp_path):
    targets = _targets(tmp_path, "温州市新兴产业计划.txt",
                       "温州市新兴产业培育行动计划（2024—2026年）\n一、总体要求\n"
                       "根据《浙江省培育发展战略性新兴产业行动计划》，重点发展生命健康、智能装备等新兴产业。\n")
    assert ("温州市", "生命健康") in targets
    assert not any(place == "浙江省" for place, _ in targets)


def test_core_digital_economy_industries_are_their_own_industry():
    """国家统计局's 2021 classification defines 数字经济核心产业 (its divisions 01-04): a class under the digital
    economy, not the digital economy itself."""
    found = find_industry_lists("做大做强数字经济核心产业。", 0, 12)
    assert [(m.name, m.key) for f in found for m in f.items] == [("数字经济核心产业", "industry:数字经济核心产业")]


@pytest.mark.parametrize(("sentence", "expected"), [
    # upgrading what a place already has is an industry fact of its own class (GOLD_SPEC: 传统产业…改造提升)
    ("推动传统产业转型升级。", ["传统产业"]),
    # a list closed by the class gives its items and the class (Henan-style)
    ("聚焦食品、纺织、建材等传统产业，打造一批县域特色产业集群。", ["食品", "纺织", "建材", "传统产业"]),
])
def test_traditional_industries_are_a_class(sentence, expected):
    assert [name for name in industries(sentence) if name in expected] == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # the development written as a noun after the list closes it, whatever verb opened the clause (Hubei-style)
    ("加快智能传感器、储能电池和充电设备的研发生产。", ["智能传感器", "储能电池", "充电设备"]),
    ("实现车规级芯片、车载操作系统研发和产业化。", ["车规级芯片", "车载操作系统"]),
])
def test_lists_closed_by_their_development(sentence, expected):
    assert [name for name in surfaces(sentence) if name in expected] == expected


def test_items_that_qualify_a_noun_are_not_developed():
    """"适用于高温、高湿等环境的传感器的研发": high temperature is a condition, not an industry."""
    assert "高湿" not in surfaces("加快适用于高温、高湿等环境的工业传感器的研发生产。")


@pytest.mark.parametrize(("sentence", "expected"), [
    # steps written after a first item of head + step are that head's (Sichuan-, Zhejiang-style)
    ("积极发展遥感数据采集、处理、分析等服务。", ["遥感数据处理", "遥感数据分析"]),
    ("积极发展功率芯片设计、封装和测试。", ["功率芯片设计", "功率芯片封装", "功率芯片测试"]),
])
def test_steps_share_the_head_of_the_first_item(sentence, expected):
    assert [name for name in industries(sentence) if name in expected] == expected


def test_sectors_after_a_first_item_keep_their_own_names():
    """"汽车制造、电子、纺织": 电子 and 纺织 are sectors of their own, not 汽车电子 and 汽车纺织."""
    found = industries("推动汽车制造、电子、纺织等行业数字化改造。")
    assert "电子" in found and not {"汽车电子", "汽车纺织"} & set(found)
