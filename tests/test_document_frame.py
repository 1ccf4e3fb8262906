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
