"""Parks with open heads in other provinces' plans: names a place, a list, a quote or a designation makes,
and the kinds of parks (quantified, plural, goals) that stay descriptions. Examples written for the purpose in
the style of Hunan, Sichuan, Zhejiang, Jiangsu and Guangdong plans."""

from __future__ import annotations

from loaders.extract.parks import find_parks


def _names(text: str, scope: str | None = None) -> set[str]:
    return {m.name for m in find_parks(text, 0, len(text), scope)}


def _surfaces(text: str, scope: str | None = None) -> set[str]:
    return {m.surface for m in find_parks(text, 0, len(text), scope)}


def test_places_listed_before_one_park_each_get_one():
    names = _names("支持株洲、湘潭、衡阳等地布局建设区块链产业园，培育壮大区块链产业。")
    assert {"株洲区块链产业园", "湘潭区块链产业园", "衡阳区块链产业园"} <= names
    assert "区块链产业园" not in names


def test_places_written_right_before_a_zone_each_get_one():
    names = _names("提升长沙、岳阳跨境电子商务综合试验区建设水平。")
    assert {"长沙跨境电子商务综合试验区", "岳阳跨境电子商务综合试验区"} <= names


def test_a_place_that_builds_a_zone_names_it():
    names = _names("推动绵阳创建科技金融创新试验区。")
    assert names == {"绵阳科技金融创新试验区"}


def test_a_quoted_brand_names_a_park_but_a_count_of_parts_does_not():
    assert _surfaces("积极推进“星火计划”产业园建设。") == {"“星火计划”产业园"}
    assert _names("通过3年努力，打造“一区两基地”。") == set()


def test_a_bracketed_place_belongs_to_the_name():
    assert _names("加快建设中国（绵阳）跨境电子商务综合试验区。") == {"中国（绵阳）跨境电子商务综合试验区"}


def test_a_designated_pilot_zone_is_a_park_but_a_status_is_not():
    assert _names("积极争创国家人工智能创新应用先导区。") == {"国家人工智能创新应用先导区"}
    assert _names("某市是全国重要的装备制造基地、国家两化融合试验区。") == set()


def test_a_local_plan_owns_the_park_it_names_for_an_industry():
    text = "建设打造智能网联汽车产业园，依托航空航天产业基地建设，发展卫星导航产业。"
    assert {"智能网联汽车产业园", "航空航天产业基地"} <= _names(text, "江宁区")
    assert "航空航天产业基地" not in _names(text)  # a provincial plan's base of an industry is a kind


def test_goals_quantities_and_every_place_are_not_parks():
    assert _names("到2025年，建成国内一流的智能终端产业基地。", "温江区") == set()
    assert _names("加快形成一批大数据园区、数字经济集聚区。", "温江区") == set()
    assert _names("鼓励各地高水平规划建设新型显示产业园。", "温江区") == set()
    assert _names("发展互联网医疗，打造全国数字健康城市示范样板。", "温江区") == set()


def test_items_of_a_list_of_parks_are_parks_whatever_their_head():
    names = _names("引导宁波软件园、温州科技城、绍兴芯谷等重点园区提升服务能力。")
    assert {"宁波软件园", "温州科技城", "绍兴芯谷"} <= names


def test_a_zone_of_a_kind_in_a_list_of_kinds_is_no_park():
    assert _names("加强新一代信息技术在各类开发区、高新区、特色小镇、小微园区中的应用。", "柯城区") == set()


def test_the_bracketed_abbreviation_of_a_zone_is_its_other_name():
    names = _names("各县（市、区）人民政府，佛山经开区（高新区）管委会。", "佛山")
    assert len(names) == 1


def test_a_bare_zone_type_of_a_local_plan_is_the_local_zone():
    names = _names("在综合保税区发展保税维修等服务业态。", "双流区")
    assert names == {"双流区综合保税区"}


def test_two_zones_joined_after_a_place_are_cut_at_the_joiner():
    names = _names("着力打造湘南先进制造业大走廊和国防科技工业产业带。")
    assert not any("和" in name for name in names)


def test_the_whole_provinces_base_is_a_role_and_a_title_line_opens_no_name():
    assert _names("在全省先进制造业基地建设中占有一席之地。", "柯城区") == set()
    title = "某省人民政府关于印发国家人工智能创新应用先导区建设方案的通知"
    assert _names(title) == {"国家人工智能创新应用先导区"}


def test_a_long_name_opened_by_a_place_is_read_whole():
    assert _names("加快建设深圳金砖国家新工业革命伙伴关系创新基地。") == {"深圳金砖国家新工业革命伙伴关系创新基地"}


def test_a_zone_word_left_after_a_park_name_is_no_park():
    """"高标准建设某城科技城新区": 新区 after the park's name is part of how it is written, not a park called 新区."""
    from loaders.extract.parks import find_parks

    text = "高标准建设德阳科技城新区、德阳经开区装备产业园。"
    assert "新区" not in {park.name for park in find_parks(text, 0, len(text), "德阳")}


def test_a_verb_of_building_is_no_part_of_a_park_name():
    """"推动某市某区建设全国算力保障基地": where the gazetteer lacks the district, the verb still ends the subject;
    the name is never "某市某区建设…基地"."""
    from loaders.extract.parks import find_parks

    text = "推动贵阳贵安建设全国算力保障基地，重点发展数据中心。"
    assert not any("建设" in park.name for park in find_parks(text, 0, len(text), None))
