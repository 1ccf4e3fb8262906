"""Extraction reads each document with one gazetteer scan: what a user relies on is that this changes no fact.

The plans here are written for these tests, in the style of municipal industrial plans.
"""

from __future__ import annotations

import json

import pytest

from loaders.extract.firms import firm_matcher
from loaders.extract.places import common_words
from loaders.gazetteers.industries import industry_matcher
from loaders.gazetteers.matcher import Hit
from loaders.gazetteers.parks import park_matcher
from loaders.gazetteers.places import place_matcher
from loaders.gazetteers.scan import DocumentScan, find_in, scanning
from loaders.pipeline import process

XIAN_PLAN = ("西安市先进制造业发展实施方案（2024—2026年）\n"
             "一、发展目标\n到2026年，全市先进制造业规模持续壮大。\n"
             "二、重点任务\n"
             "（一）依托西安高新技术产业开发区，重点发展集成电路、新型显示和人工智能产业。\n"
             "（二）支持咸阳、渭南加快发展新材料、节能与新能源汽车、生物医药等战略性新兴产业。\n"
             "（三）西安经济技术开发区着力打造商用车、航空装备产业集群，培育壮大氢能、储能产业。\n")
HANGZHOU_PLAN = ("杭州市数字经济发展行动计划\n"
                 "一、主要任务\n"
                 "推动余杭、萧山加快培育云计算、大数据、网络安全等产业。\n"
                 "依托杭州高新技术产业开发区，发展集成电路设计、智能传感器、工业软件。\n"
                 "全市着力发展节能与新能源\n")


def facts(batch) -> str:
    """Every node and edge of a batch with all their properties, in the order the batch holds them."""
    nodes = [[n.label, n.id, n.name, n.aliases, n.name_en, n.props] for n in batch.nodes.values()]
    edges = [[list(key), e.source_label, e.target_label, e.props] for key, e in batch.edges.items()]
    return json.dumps([batch.doc_id, nodes, edges], ensure_ascii=False, default=str)


def test_a_documents_facts_do_not_depend_on_what_was_read_before(tmp_path):
    xian, hangzhou = tmp_path / "西安方案.txt", tmp_path / "杭州计划.txt"
    xian.write_text(XIAN_PLAN, encoding="utf-8")
    hangzhou.write_text(HANGZHOU_PLAN, encoding="utf-8")
    first = process(xian)
    process(hangzhou)
    assert facts(process(xian)) == facts(first)
    # The same text at another path, read after both: the same facts but for the document's own id.
    copy = tmp_path / "copy" / "西安方案.txt"
    copy.parent.mkdir()
    copy.write_text(XIAN_PLAN, encoding="utf-8")
    batch = process(copy)
    assert facts(batch).replace(batch.doc_id, "") == facts(first).replace(first.doc_id, "")


MATCHERS = (place_matcher, park_matcher, industry_matcher, firm_matcher)


@pytest.mark.parametrize("matcher", MATCHERS, ids=lambda m: m.__name__)
def test_every_window_of_the_scan_answers_as_a_scan_of_the_window(matcher):
    text = XIAN_PLAN + HANGZHOU_PLAN
    scan = DocumentScan(text, [m() for m in MATCHERS])
    chosen = matcher()
    for skip in (frozenset(), common_words()):
        for start in range(0, len(text), 3):
            for end in range(start, min(len(text), start + 60) + 1, 2):
                expected = [Hit(start + h.start, start + h.end, h.surface, h.values)
                            for h in chosen.find(text[start:end], skip)]
                assert scan.find(chosen, start, end, skip) == expected, (start, end)


def test_a_term_that_ends_the_text_inside_a_longer_one_is_found():
    # 节能与新能源 is the beginning of 节能与新能源汽车: a scan that stops there must still see 新能源.
    assert [h.surface for h in industry_matcher().find("全市着力发展节能与新能源")][-1] == "新能源"


def test_find_in_reads_the_scan_of_that_text_only():
    text = HANGZHOU_PLAN
    other = "".join(reversed(list(text)))[::-1]  # equal to the text, but another object
    assert other == text and other is not text
    with scanning(text, [m() for m in MATCHERS]) as scan:
        inside = find_in(industry_matcher(), text, 10, 80)
        assert inside == scan.find(industry_matcher(), 10, 80)
        assert find_in(industry_matcher(), other, 10, 80) == inside  # answered by scanning the window instead
    assert find_in(industry_matcher(), text, 10, 80) == inside  # no scan in force: the window is scanned


def test_the_garbage_collector_is_as_the_caller_left_it_after_a_document(tmp_path, monkeypatch):
    """Extraction pauses the cyclic collector for one document: a caller's process must get it back as it was,
    also when extraction fails, and a caller that turned it off keeps it off."""
    import gc

    import loaders.pipeline as pipeline

    plan = tmp_path / "方案.txt"
    plan.write_text(XIAN_PLAN, encoding="utf-8")
    assert gc.isenabled()
    process(plan)
    assert gc.isenabled()

    def failing(ctx, batch):
        assert not gc.isenabled()  # paused while the document is extracted
        raise RuntimeError("an extractor failed")

    monkeypatch.setattr(pipeline, "FACT_EXTRACTORS", [*pipeline.FACT_EXTRACTORS, failing])
    with pytest.raises(RuntimeError):
        process(plan)
    assert gc.isenabled()
    monkeypatch.undo()
    gc.disable()
    try:
        process(plan)
        assert not gc.isenabled()
    finally:
        gc.enable()


PLAIN_FORMS = {
    "STRAY_SPACE": r"(?<=[{CJK}{CJK_PUNCT}]) +| +(?=[{CJK}{CJK_PUNCT}])",
    "FOOTNOTE": r"(?<=[{CJK}])(?<![第约达为至到长过破和及计有共占近超逾])[0-9]{{1,2}}(?=[、，。；])",
    "PREDICATE": r"(?:产业|行业)?(?:是主力|是主导|为主导|加快发展(?=[。；]|$)|实现(?:产值|增加值|营业收入|主营业务收入)|完成产值)",
    "LOCATED_AFTER": r"(?:重点)?(?:布局|分布|集中|集聚)(?:在|于)",
    "PEER_LIST": r"(?<=[\u4e00-\u9fffA-Za-z])等",
    "OWN_PLACE": r"(?<![安完健齐周保顾十成两双自])[我全本](?P<kind>[省市区县州旗])(?![场域块份界])",
}


@pytest.mark.parametrize("name", PLAIN_FORMS)
def test_patterns_written_to_open_with_a_character_match_as_their_plain_form(name):
    """Patterns rewritten so the regex engine can skip to their first character must find exactly what the
    plain form finds, in every window of random text made of the characters they test."""
    import random
    import re

    from loaders import normalize
    from loaders.extract import firms, industries, places, relations

    module = {"STRAY_SPACE": normalize, "FOOTNOTE": normalize, "PREDICATE": industries,
              "LOCATED_AFTER": relations, "PEER_LIST": firms, "OWN_PLACE": places}[name]
    rewritten = getattr(module, name)
    plain = re.compile(PLAIN_FORMS[name].format(CJK=normalize.CJK, CJK_PUNCT=normalize.CJK_PUNCT)
                       if module is normalize else PLAIN_FORMS[name])
    pool = list("产业行是主力导为加快发展实现值完成重点布局分集中聚在于甲第约达 　，。、；a19\n等我全本省市区安自场") + [
        "产业", "重点", "  ", "12", "123"]
    rng = random.Random(name)
    for _ in range(20000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 16)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        assert [m.span() for m in rewritten.finditer(text, start, end)] == \
            [m.span() for m in plain.finditer(text, start, end)], (name, text, start, end)
