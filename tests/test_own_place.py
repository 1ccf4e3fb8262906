"""我省/全市/本区…: a document names its own jurisdiction by the kind of division it is.

Sentences written for the test in the style of plans from Hubei (a province), Zhejiang (a city), Beijing
(a district) and Sichuan (a county).
"""

from __future__ import annotations

import pytest

from loaders.extract.places import find_places, guess_province, own_places


def jurisdiction_of(text: str, name: str):
    """The place mention the pipeline would take as the document's jurisdiction."""
    return next(m for m in find_places(text, guess_province(text)) if m.name == name)


HUBEI = jurisdiction_of("湖北省人民政府办公厅", "湖北省")
NINGBO = jurisdiction_of("宁波市人民政府办公厅", "宁波市")
HAIDIAN = jurisdiction_of("北京市海淀区人民政府", "海淀区")
PUJIANG = jurisdiction_of("四川省成都市蒲江县人民政府", "蒲江县")


@pytest.mark.parametrize(("jurisdiction", "sentence", "words"), [
    (HUBEI, "全省重点发展光电子信息、新能源与智能网联汽车产业，支持我省企业做大做强。", ["全省", "我省"]),
    (NINGBO, "本市加快培育智能成套装备产业，全市规模以上工业增加值年均增长8%。", ["本市", "全市"]),
    (HAIDIAN, "全区着力发展人工智能、集成电路设计产业，我区力争建成创新高地。", ["全区", "我区"]),
    (PUJIANG, "全县重点发展绿色食品和电子信息产业，本县企业加快转型。", ["全县", "本县"]),
])
def test_own_words_name_the_jurisdiction(jurisdiction, sentence, words):
    found = own_places(sentence, jurisdiction, 0, len(sentence))
    assert [m.props["own"] for m in found] == words
    assert all(m.key == jurisdiction.key and m.label == "City" for m in found)
    # The node keeps its own names: the mention's surface is the jurisdiction's, not 全省.
    assert all(m.surface == jurisdiction.surface for m in found)
    assert [sentence[m.start:m.end] for m in found] == words


@pytest.mark.parametrize(("jurisdiction", "sentence"), [
    (HUBEI, "全市重点发展汽车零部件产业。"),  # a city of the province, not the province
    (NINGBO, "力争进入全省前列。"),  # the province the city is in
    (NINGBO, "健全市场化运营机制，完善安全区域管理，推动自我市场拓展。"),  # words inside other words
    (HAIDIAN, "推动本区域产业协同，探索全区块链应用。"),
])
def test_other_divisions_and_words_inside_words_are_not_the_jurisdiction(jurisdiction, sentence):
    assert own_places(sentence, jurisdiction, 0, len(sentence)) == []


def test_find_places_with_own_keeps_reading_order_and_named_places():
    sentence = "支持武汉、襄阳建设汽车产业集群，全省加快发展光电子信息产业。"
    found = find_places(sentence, "湖北省", own=HUBEI)
    assert [sentence[m.start:m.end] for m in found] == ["武汉", "襄阳", "全省"]
    assert found[-1].key == HUBEI.key
    # Without `own`, the words are no place at all (what every caller that does not ask gets).
    assert [sentence[m.start:m.end] for m in find_places(sentence, "湖北省")] == ["武汉", "襄阳"]
