"""The national industry lexicon: the classes as data, the names that denote them, and what an ingested plan
gets from them (codes, English names, SUBSECTOR_OF along the classification). Plans are written for these
tests in the style of Guizhou, Hubei and Jiangsu documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.gazetteers.lexicon import ancestors, lexicon_lookup, load_lexicon, match_key
from loaders.pipeline import process


def test_every_class_hangs_under_an_existing_broader_class():
    lexicon = load_lexicon()
    for (scheme, _), entry in lexicon.items():
        if entry.parent_code:
            assert (scheme, entry.parent_code) in lexicon, entry
    levels = {(e.scheme, e.level) for e in lexicon.values()}
    assert {("GB4754", "section"), ("GB4754", "division"), ("GB4754", "group"), ("GB4754", "class"),
            ("SEI", "domain"), ("SEI", "category"), ("DE", "division"), ("DE", "group")} <= levels
    assert sum(1 for e in lexicon.values() if e.scheme == "GB4754" and e.level == "division") == 97


def test_a_class_knows_its_chain_up_to_the_section():
    chip = lexicon_lookup("集成电路制造")
    assert chip.node_code == "GB4754:C3973"
    assert [a.code for a in ancestors(chip)] == ["C397", "C39", "C"]
    assert lexicon_lookup("智能制造").node_code == "DE:0502"
    assert [a.name for a in ancestors(lexicon_lookup("智能制造"))] == ["数字化效率提升业"]


@pytest.mark.parametrize(("written", "code"), [
    ("人工智能产业", "SEI:1.5"),      # the 产业 every SEI heading may carry
    ("汽车制造业", "GB4754:C36"),      # the 业 of a GB division
    ("汽车制造", "GB4754:C36"),
    ("生物医药", "SEI:4.1"),
])
def test_names_that_denote_a_class(written, code):
    assert lexicon_lookup(written).node_code == code


def test_near_names_stay_apart():
    assert match_key("行业大模型") != match_key("大模型")
    assert lexicon_lookup("大模型") is None and lexicon_lookup("行业大模型") is None
    assert lexicon_lookup("其他未列明制造业") is None  # residual classes denote nothing a plan develops


def _industries(tmp_path: Path, text: str):
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    batch = process(path)
    nodes = {n.name: n for n in batch.nodes.values() if n.label == "Industry"}
    links = {(batch.nodes[e.source].name, batch.nodes[e.target].name) for e in batch.edges.values()
             if e.type == "SUBSECTOR_OF"}
    return nodes, links


def test_a_guizhou_style_plan_gets_codes_and_the_classification_chain(tmp_path):
    nodes, links = _industries(tmp_path, "某某市制造业高质量发展行动方案\n\n一、重点任务\n"
                               "贵州省某某市重点发展白酒制造、酒水饮料、保健食品制造等产业。\n")
    assert nodes["白酒制造"].props["code"] == "GB4754:C1512"
    assert ("白酒制造", "酒水饮料") in links          # C1512 → C151 → C15, the nearest class the plan names
    assert nodes["酒水饮料"].name_en                 # a taxonomy row keeps its English name


def test_a_hubei_style_plan_links_a_written_phrase_to_its_broader_class(tmp_path):
    nodes, links = _industries(tmp_path, "某某市数字经济发展规划\n\n二、重点任务\n"
                               "湖北省某某市重点发展计算机整机制造、计算机制造、电子信息等产业。\n")
    assert nodes["计算机整机制造"].props["code"] == "GB4754:C3911"
    assert ("计算机整机制造", "计算机制造") in links
    assert ("计算机制造", "电子信息") in links
    assert ("计算机整机制造", "电子信息") not in links  # only the nearest broader class


def test_a_jiangsu_style_plan_keeps_unclassified_phrases_plain(tmp_path):
    nodes, _ = _industries(tmp_path, "某某市软件产业发展实施意见\n\n三、发展重点\n"
                               "江苏省某某市大力发展软件开发、智慧物流和工业软件产业。\n")
    assert nodes["软件开发"].props["code"] == "GB4754:I651"
    assert nodes["智慧物流"].props["code"] == "DE:0504"
    assert nodes["工业软件"].props.get("code") is None  # no class of any scheme: no code is made up
