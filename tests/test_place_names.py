"""English names of places: pinyin by the rules place names are written in, the kind words of divisions, and
the search a user types in English. Plans are written for these tests in the style of Shaanxi, Hunan and
Sichuan documents."""

from __future__ import annotations

import pytest

from app.build import build
from graph.search import SearchIndex
from graph.stores import open_store
from loaders.gazetteers.place_names import english_name
from loaders.gazetteers.places import load_places


@pytest.mark.parametrize(("name", "level", "english"), [
    ("宝鸡市", "city", "Baoji"),
    ("西安市", "city", "Xi'an"),                     # the apostrophe where syllables would run together
    ("延安市", "city", "Yan'an"),
    ("陕西省", "province", "Shaanxi"),               # the conventional spelling, not Shanxi
    ("内蒙古自治区", "province", "Inner Mongolia"),
    ("西咸新区", "new_area", "Xixian New Area"),
    ("沣东新城", "new_town", "Fengdong New City"),
    ("碑林区", "district", "Beilin District"),
    ("城区", "district", "Chengqu District"),         # one character is no name by itself
    ("沛县", "county", "Pei County"),
    ("韩城市", "county", "Hancheng"),                 # a county-level city is named like a city
    ("长治市", "city", "Changzhi"),                   # 长 is chang in place names
    ("湘西土家族苗族自治州", "city", "Xiangxi Autonomous Prefecture"),
    ("长白朝鲜族自治县", "county", "Changbai Autonomous County"),
])
def test_english_names_of_divisions(name, level, english):
    assert english_name(name, level) == english


def test_a_zone_without_a_known_english_name_gets_none_rather_than_a_guess():
    assert english_name("某某综合改革试验区", "zone") is None


def test_every_division_of_the_gazetteer_has_an_english_name():
    places = load_places()
    named = [e for e in places.values() if e.props.get("adcode")]
    assert all(e.name_en for e in named)
    by_name = {e.name: e for e in places.values()}
    assert by_name["宝鸡市"].name_en == "Baoji" and by_name["西咸新区"].name_en == "Xixian New Area"


PLANS = {
    "shaanxi.txt": "宝鸡市人民政府关于加快先进制造业发展的意见\n\n一、发展重点\n宝鸡市重点发展钛及钛合金、数控机床产业。\n",
    "hunan.txt": "株洲市人民政府办公室关于印发行动计划的通知\n\n一、主要任务\n株洲市大力发展轨道交通装备和航空动力产业。\n",
    "sichuan.txt": "宜宾市人民政府关于推进新能源产业发展的实施意见\n\n一、重点任务\n宜宾市加快发展动力电池和晶硅光伏产业。\n",
}


def test_a_city_is_found_by_its_english_name_in_the_search_index(tmp_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    for file, text in PLANS.items():
        (folder / file).write_text(text, encoding="utf-8")
    store = open_store(tmp_path / "g.lbug")
    try:
        report = build(store, [folder])
        assert not report.failed, report.failed
        index = SearchIndex.from_store(store)
        for query, name in (("Baoji", "宝鸡市"), ("zhuzhou", "株洲市"), ("Yibin", "宜宾市")):
            hits = index.search(query, labels=("City",), limit=3)
            assert hits and hits[0].name == name and hits[0].match == "exact", (query, hits)
    finally:
        store.close()


def test_autonomous_prefectures_are_found_by_their_place_name():
    """黔东南苗族侗族自治州 is written 黔东南 (not 黔东, a shorter reading that took 南 for a people), 西双版纳 and
    巴音郭楞 keep their four characters; a list of them reads whole."""
    from loaders.extract.places import find_places

    text = "支持黔东南、黔南、西双版纳、巴音郭楞发展特色产业。"
    found = {place.name: text[place.start:place.end] for place in find_places(text, None, 0, len(text))}
    assert found == {"黔东南苗族侗族自治州": "黔东南", "黔南布依族苗族自治州": "黔南",
                     "西双版纳傣族自治州": "西双版纳", "巴音郭楞蒙古自治州": "巴音郭楞"}


def test_a_plan_writes_an_autonomous_prefecture_with_州():
    """"支持红河州、文山州发展…": 红河州 is the prefecture, and the list of them reads whole."""
    from loaders.extract.places import find_places

    text = "支持红河州、文山州发展特色生物产业。"
    assert [(place.name, text[place.start:place.end]) for place in find_places(text, None, 0, len(text))] == [
        ("红河哈尼族彝族自治州", "红河州"), ("文山壮族苗族自治州", "文山州")]
