"""Entity linking and intent decision without HTTP, over the bundled corpus's search index: longest match
first, Chinese and English, names, aliases, English names, pinyin and misspellings; cue words count only
outside the names; the work per question stays bounded."""

from __future__ import annotations

import time

import pytest

from app.question.linking import Linker, clean
from app.question.model import QuestionError
from app.question.understand import stop_words, understand
from graph.search import SearchIndex
from graph.stores import open_store


@pytest.fixture(scope="module")
def linker(corpus_db) -> Linker:
    store = open_store(corpus_db, read_only=True)  # the API server may hold it read-only too
    index = SearchIndex.from_store(store)
    store.close()
    return Linker(index, stop_words())


def linked(linker: Linker, q: str) -> list[tuple[str, str]]:
    return [(e.name, e.match) for e in linker.link(clean(q))]


@pytest.mark.parametrize(("q", "expected"), [
    ("西安高新区有哪些产业", [("西安高新技术产业开发区", "alias")]),  # the park, not 西安 inside it
    ("汉中航空产业园区有哪些企业", [("汉中航空产业园区", "exact")]),  # 航空 inside the park's name is the park
    ("西飞和汉中有什么关系", [("中航西安飞机工业集团股份有限公司", "alias"), ("汉中市", "alias")]),
    ("compare Xi'an and Baoji", [("西安市", "english"), ("宝鸡市", "english")]),
    ("where is additive manufacturing developed", [("增材制造", "english")]),
    ("which cities target additve manufacturing", [("增材制造", "fuzzy")]),
    ("What industries does Boaji develop", [("宝鸡市", "fuzzy")]),  # two letters swapped
    ("Hanzong's goals", [("汉中市", "fuzzy")]),
    ("what does xi an develop", [("西安市", "pinyin")]),  # a romanisation holding a question word (an)
    ("what targets does Shaanxi have", [("陕西省", "english")]),
    ("what targets does Shanxi have", [("山西省", "english")]),
])
def test_links_names_aliases_english_pinyin_and_misspellings(linker, q, expected):
    assert linked(linker, q) == expected


def test_question_words_are_never_names(linker):
    # "lead" is an English name an industry could carry; 高新区 is an alias of an agency and a park
    assert linked(linker, "which firms lead the hydrogen energy chain") == [("氢能", "english")]
    assert linked(linker, "延安有哪些开发区和高新区") == [("延安市", "alias")]


@pytest.mark.parametrize(("q", "intent"), [
    ("汉中航空产业园区", "profile"),  # 园区 inside a name asks nothing about parks
    ("航空产业园区有哪些", "parks_for_industry"),
    ("which cities target photonics", "places_for_industry"),  # target the verb
    ("what targets does Hanzhong have", "targets"),  # targets the noun
    ("what industries does Hanzhong target", "industries_of_place"),
    ("哪些城市发展增财制造", "places_for_industry"),  # one character off, nothing else linked
    ("汗中发展哪些产业", "industries_of_place"),  # a homophone of the place
])
def test_intent_from_cues_outside_the_names(linker, q, intent):
    assert understand(q, linker).intent == intent


def test_language_is_the_language_around_the_names(linker):
    assert understand("which agency leads 做强装备制造产业集群", linker).language == "en"
    assert understand("Hanzhong发展哪些产业", linker).language == "zh"


def test_nothing_linked_says_what_was_not_understood(linker):
    with pytest.raises(QuestionError) as refused:
        understand("今天天气怎么样", linker)
    assert "天气" in refused.value.message
    with pytest.raises(QuestionError) as refused:
        understand("   ", linker)
    assert refused.value.message == "the question is empty"
    with pytest.raises(QuestionError) as refused:
        understand("哪些城市发展什么产业", linker)  # only question words: say that no name was given
    assert refused.value.message.startswith("这个问题没有提到图谱中的")


def test_work_per_question_is_bounded(linker):
    long_questions = ["发展" * 250, "which " * 83, "增财制造哪些城市发展" * 50, "Xi'an and " * 50]
    for q in long_questions:
        started = time.perf_counter()
        try:
            understand(q[:500], linker)
        except QuestionError:
            pass
        assert time.perf_counter() - started < 2.0, q[:20]


@pytest.mark.parametrize(("q", "expected"), [
    ("Where are the drone parks", [("无人机", "alias")]),  # an English alias in the other number
    ("杨凌农产品加工贸易示范园的产业", [("杨凌省级农产品加工贸易示范园", "alias")]),  # without its tier
    ("What is the target for manufacturing value added in Hanzhong", [("汉中市", "english")]),  # not remanufacturing
])
def test_english_number_park_tiers_and_words_inside_other_names(linker, q, expected):
    assert linked(linker, q) == expected


@pytest.mark.parametrize(("q", "metric"), [("汉中2025年专精特新企业目标", "专精特新企业"), ("汉中有哪些目标", None),
                                           ("What is Hanzhong's GDP target for 2025", "生产总值")])
def test_metric_slot(linker, q, metric):
    plan = understand(q, linker)
    assert plan.intent == "targets" and plan.slots.metric == metric


def test_firms_of_an_industry_without_a_role(linker):
    plan = understand("汉中有哪些航空企业", linker)
    assert plan.intent == "firms_of_industry" and plan.slots.role is None and plan.params["roles"] == []


def test_one_character_off_is_the_whole_leftover_not_a_part_of_it(linker):
    # 秀服务商 is one character off an alias, inside the topic 培育优秀服务商: no industry is named there
    assert understand("哪个部门负责培育优秀服务商", linker).entities == []
