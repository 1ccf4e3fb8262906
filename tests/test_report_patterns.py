"""How reports and plans state who develops what, read from a text of another province written for this test.

Each test is one way of writing it that analysts meet in research reports and plans: city tiers, places an
industry is spread over, designations (把…作为…方向), counted categories, industries as a clause's subject,
a region as the main body, zones named by place and industry, lists that cover a head's parts, the
districts responsible for a task.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.pipeline import process

REPORT = Path(__file__).parent / "fixtures" / "other_province_report.txt"


@pytest.fixture(scope="module")
def edges():
    batch = process(REPORT)
    names = {node.id: node.name for node in batch.nodes.values()}
    return {(names[e.source], names[e.target]): e for e in batch.edges.values() if e.type == "TARGETS"}


@pytest.fixture(scope="module")
def targets(edges):
    return {pair: edge.props["strength"] for pair, edge in edges.items()}


def test_city_tiers_take_the_industry_the_sentence_ranks(targets):
    for city in ("上海市", "深圳市", "北京市"):
        assert targets[(city, "集成电路")] == "other"


def test_places_an_industry_is_spread_over(targets):
    for city in ("北京市", "杭州市", "深圳市"):
        assert (city, "人工智能") in targets


def test_designation_and_predicates_give_the_paragraphs_place(targets):
    assert targets[("江北新区", "集成电路")] == "key"  # 将集成电路确定为两大主导产业之一
    assert ("江北新区", "战略性新兴产业") in targets  # 战略性新兴产业实现产值900亿元
    assert ("江北新区", "新能源汽车") in targets  # …新能源汽车产业是主力


def test_counted_categories_close_lists(targets):
    assert ("天府新区", "航空航天装备") in targets  # 电子信息、航空航天、生物医药4大先进制造业集群
    assert ("天府新区", "节能环保") in targets  # …节能环保等五大战略性新兴产业增加值…


def test_a_place_written_before_a_new_area_is_not_a_subject_of_its_own(targets):
    assert ("天府新区", "集成电路") in targets  # 共同点：把集成电路、生物医药等作为…重点发展方向
    assert not any(city == "成都市" for city, _ in targets)


def test_a_region_as_main_body_leaves_the_city_its_list(targets):
    assert targets[("襄阳市", "汽车零部件")] == "other"
    assert ("武汉市", "汽车零部件") not in targets  # 以武汉为主体: 武汉 is the region, not the subject


def test_a_named_subject_carries_to_the_next_clause(targets):
    for city in ("宜昌市", "荆州市"):
        assert targets[(city, "精细化工")] == "key"


def test_parenthesised_children_before_a_class_word(targets):
    for child in ("风电", "光伏", "储能"):
        assert targets[("襄阳市", child)] == "key"
    assert targets[("襄阳市", "碳纤维")] == "cultivate"


def test_a_zone_named_by_place_and_industry(targets):
    assert targets[("十堰市", "商用车")] == "key"


def test_a_list_of_a_heads_parts_names_the_head(targets):
    assert not any(industry in ("磷矿开采", "湿法磷酸") for _, industry in targets)


def test_districts_responsible_for_an_industry_task(targets):
    for district in ("洪山区", "江夏区"):
        assert targets[(district, "光电子")] == "other"


def test_places_named_a_base_of_an_industry(targets):
    for city in ("黄石市", "鄂州市"):
        assert targets[(city, "资源综合利用")] == "other"  # 入选国家级工业资源综合利用基地


def test_a_guiding_verb_followed_by_places_gives_them_the_list(targets):
    for city in ("黄冈市", "咸宁市"):
        assert (city, "现代中药") in targets  # 引导黄冈、咸宁等市现代中药创新发展


def test_evidence_is_a_sentence_that_writes_the_place(edges):
    # 襄阳's paragraph says 做好氢能…前瞻布局 without the name; a later sentence writes it, equally strong
    assert "襄阳" in edges[("襄阳市", "氢能")].props["evidence"]
