"""The document frame (title, issuer, jurisdiction) and park names with open heads, read from texts written
for these tests in the style of plans from several provinces (not copied from any document)."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.extract.document import extract_metadata
from loaders.pipeline import process


@pytest.mark.parametrize(("head", "title", "issuer"), [
    ("湘潭市人民政府关于加快发展智能装备产业的实施意见\n\n（潭政发〔2023〕6号）\n\n各县市区人民政府：\n",
     "湘潭市人民政府关于加快发展智能装备产业的实施意见", "湘潭市人民政府"),
    ("江苏省新材料产业链高质量发展行动方案（2024—2026年）\n为加快新材料产业发展，制定本方案。\n",
     "江苏省新材料产业链高质量发展行动方案（2024—2026年）", None),
    ("北京市海淀区人民政府办公室关于印发《海淀区智能制造发展三年行动计划（2023-2025年）》的通知\n",
     "海淀区智能制造发展三年行动计划（2023-2025年）", "北京市海淀区人民政府办公室"),
])
def test_titles_in_their_usual_frames(head, title, issuer):
    meta = extract_metadata(head)
    assert meta.title == title
    assert meta.issuer == issuer


def test_the_jurisdiction_is_the_most_specific_place_of_the_issuer(tmp_path: Path):
    """A district office writes its city first (北京市海淀区…): the plan is the district's, not the city's."""
    path = tmp_path / "plan.txt"
    path.write_text("北京市海淀区人民政府办公室关于印发《海淀区智能制造发展三年行动计划（2023-2025年）》的通知\n"
                    "各街道办事处：\n现印发给你们，请认真贯彻执行。\n"
                    "海淀区智能制造发展三年行动计划（2023-2025年）\n一、重点任务\n重点发展工业软件、智能传感器产业。\n",
                    encoding="utf-8")
    batch = process(path)
    document = next(n for n in batch.nodes.values() if n.label == "Document")
    assert document.props["jurisdiction"] == "海淀区"


@pytest.mark.parametrize(("sentence", "parks"), [
    ("支持长沙软件园和株洲软件产业孵化园发展工业软件。", ["长沙软件园", "株洲软件产业孵化园"]),
    ("建设南昌跨境电商综合试验区，打造赣州数字经济先行区。", ["南昌跨境电商综合试验区", "赣州数字经济先行区"]),
    ("推进合肥量子信息创新园建设。", ["合肥量子信息创新园"]),
    ("打造一批特色小镇。", []),  # unnamed: not a park
])
def test_parks_with_the_open_heads_of_other_provinces_plans(sentence, parks):
    from loaders.extract.parks import find_parks

    assert [m.name for m in find_parks(sentence, 0, len(sentence))] == parks


def test_a_park_hosts_the_industry_it_is_named_for(tmp_path: Path):
    """…氢能示范区 hosts 氢能, a 软件产业孵化园 hosts software: the name says what the park is for."""
    path = tmp_path / "plan.txt"
    path.write_text("株洲市加快发展新兴产业实施方案\n一、重点任务\n高标准建设株洲氢能示范区和株洲软件产业孵化园。\n",
                    encoding="utf-8")
    batch = process(path)
    hosts = {(batch.nodes[e.source].name, batch.nodes[e.target].name) for e in batch.edges.values() if e.type == "HOSTS"}
    assert {("株洲氢能示范区", "氢能"), ("株洲软件产业孵化园", "软件和信息服务")} <= hosts, hosts  # 软件 is its alias


@pytest.mark.parametrize(("head", "number"), [
    # Hunan: the number bracketed on its own line under the title; a cited plan's number comes later.
    ("湘潭市人民政府办公室关于印发湘潭市智能装备产业发展行动计划的通知\n（潭政办发〔2023〕6号）\n各县市区人民政府：\n"
     "根据《湖南省制造业发展规划》（湘政发〔2021〕3号），现印发给你们。\n", "潭政办发〔2023〕6号"),
    # Guangxi: square brackets, as some offices type them.
    ("广西壮族自治区人民政府办公厅关于印发某某产业发展三年行动计划的通知\n（桂政办发[2022]15号）\n", "桂政办发[2022]15号"),
    # Hebei web page: a labelled header field.
    ("发文字号：冀政字〔2024〕9号\n河北省人民政府关于加快发展新材料产业的意见\n", "冀政字〔2024〕9号"),
    # Only a citation in the head: no number of its own.
    ("某某产业发展行动方案\n为落实《某省数字经济促进条例》（某政发〔2020〕8号），制定本方案。\n", None),
])
def test_the_own_document_number_not_a_cited_one(head, number):
    assert extract_metadata(head).doc_number == number


def test_an_opinion_signed_at_its_end_is_dated_by_its_signature():
    text = ("株洲市人民政府关于加快推进数字经济发展的意见\n（株政发〔2023〕2号）\n各县市区人民政府：\n"
            "一、总体要求\n到2025年底前，数字经济核心产业增加值达到300亿元。\n" + "二、重点任务\n推进产业数字化。\n" * 40
            + "株洲市人民政府\n2023年3月8日\n")
    meta = extract_metadata(text)
    assert meta.published == "2023-03-08"
    assert meta.title == "株洲市人民政府关于加快推进数字经济发展的意见"


def test_a_notice_issuing_two_plans_is_titled_by_the_notice():
    head = ("温州市人民政府办公室关于印发温州市数字经济发展三年行动计划（2023-2025年）和温州市智能装备产业培育方案的通知\n"
            "（温政办发〔2023〕12号）\n"
            "《温州市数字经济发展三年行动计划（2023-2025年）》《温州市智能装备产业培育方案》已经市政府同意，现印发给你们。\n")
    meta = extract_metadata(head)
    assert meta.title == ("温州市人民政府办公室关于印发温州市数字经济发展三年行动计划（2023-2025年）"
                          "和温州市智能装备产业培育方案的通知")
    assert meta.doc_number == "温政办发〔2023〕12号"


def test_a_signature_in_chinese_numerals_and_a_tabbed_number_field():
    """Older notices sign 二〇一九年十二月三十日; web header tables put the 文号 after a tab (Shanxi style)."""
    text = ("发文字号\t晋政办发〔2019〕88号\n山西省人民政府办公厅关于加快发展某某产业的实施意见\n各市人民政府：\n"
            + "一、重点任务\n推进产业集聚发展。\n" * 40 + "山西省人民政府办公厅\n二〇一九年十二月三十日\n")
    meta = extract_metadata(text)
    assert meta.doc_number == "晋政办发〔2019〕88号"
    assert meta.published == "2019-12-30"


def test_a_plans_period_on_the_line_below_its_title_belongs_to_the_title():
    """Yunnan style PDF cover: the period is set on its own line under the title."""
    meta = extract_metadata("云南省绿色铝产业发展行动计划\n（2024—2026年）\n为加快发展绿色铝产业，制定本计划。\n")
    assert meta.title == "云南省绿色铝产业发展行动计划（2024—2026年）"


def test_a_number_printed_after_its_issuer_on_one_line():
    """Jiangsu style red-header PDF: "<issuer>文件  <number>" on one line (the normaliser drops the space)."""
    from loaders.normalize import normalize

    text = normalize("南通市人民政府办公室文件  通政办发〔2024〕21号\n南通市人民政府办公室关于印发某某产业发展方案的通知\n").text
    assert extract_metadata(text).doc_number == "通政办发〔2024〕21号"
