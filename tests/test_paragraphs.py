"""Paragraphs: PDF lines are joined back into sentences, web-page paragraphs are never merged.

A responsibility note "（责任单位：…）" belongs to the task of its own paragraph; merging it into the next
paragraph hands the agencies to the wrong task, and cutting a sentence at a PDF line break leaves
evidence that stops in mid-word. The examples are written for the test in the style of plans from
Hunan, Guangdong and Gansu.
"""

from __future__ import annotations

from loaders.normalize import normalize, page_width
from loaders.segment import segment

# A PDF page 26 characters wide (Hunan style): first lines lose their two-character indent, a paragraph's
# last line is short, a numbered heading's body runs on across lines.
PDF_PAGE = """为加快构建现代化产业体系，推动株洲市先进制造业高
质量发展，结合我市实际，制定如下实施方案。
一、主要任务
1. 做强轨道交通装备产业。以某某轨道交通有限公司为龙
头，重点发展高速动车组、城轨车辆、牵引电传动系统等
产品，打造世界级轨道交通装备产业集群。（责任单位：市
工业和信息化局、市发展改革委）
2. 培育航空动力产业。支持某某航空动力有限公司扩大中
小型航空发动机生产规模，带动配套企业向园区集聚发展。
（责任单位：市科技局）
二、保障措施
加强组织领导，建立工作专班，定期调度重点项目进展情况，
及时协调解决产业发展中的重大问题。
"""

# A web page (Guangdong style): each line is a paragraph, some of them end in a closing bracket.
WEB_PAGE = """佛山市人民政府办公室关于印发佛山市某某产业发展行动计划（2024—2026年）的通知
（佛府办〔2024〕8号）
（一）壮大智能家电产业集群。支持顺德区建设智能家电创新中心，重点发展智能厨电、健康家电、智能照明等产品，推动家电企业向智能化转型升级。（责任单位：市工业和信息化局、顺德区人民政府）
（二）培育新能源汽车产业。推动南海区引进新能源汽车整车及动力电池项目，完善充换电基础设施配套，形成整车带动零部件协同发展格局。（责任单位：市发展改革局）
——实施龙头企业培育工程。遴选一批成长性好的骨干企业给予重点支持，打造一批链主企业和专精特新企业。（责任单位：市科技局）
——实施园区提质工程。推动产业园区扩容提质，完善园区配套服务功能，提升园区承载能力和产业集聚水平。
"""

# A web page (Gansu style) whose long lines were broken by hand, and a table flattened to lines.
HAND_BROKEN = """兰州新区重点发展精细化工、新材料、装备制造等产业，加快建设西部地区重要的化工新材
料产业基地，推动绿色低碳转型。
（一）加强组织领导。建立由市政府主要领导牵头的工作专
班，统筹推进重点项目建设。
培育一批数据中心、算力中心等新型基础设施和数字服务平台
市发展改革委、市工信局
2025年底前
"""


def test_a_pdf_page_has_a_width_and_a_web_page_has_none():
    def widths(text: str) -> list[int]:
        from loaders.normalize import _width
        return [_width(line) for line in text.splitlines() if line.strip()]

    assert page_width(widths(PDF_PAGE)) == 52
    assert page_width(widths(WEB_PAGE)) is None


def test_pdf_lines_that_fill_the_page_are_joined_into_their_sentence():
    text = normalize(PDF_PAGE).text
    assert "推动株洲市先进制造业高质量发展" in text
    assert "以某某轨道交通有限公司为龙头，重点发展高速动车组" in text
    # The responsibility note stays with its own task, whose heading opened the line.
    assert "打造世界级轨道交通装备产业集群。（责任单位：市工业和信息化局、市发展改革委）\n2.培育航空动力产业" in text
    assert "扩大中小型航空发动机生产规模" in text


def test_a_short_pdf_line_ends_its_paragraph_and_headings_open_one():
    lines = normalize(PDF_PAGE).text.split("\n")
    assert "一、主要任务" in lines and "二、保障措施" in lines
    assert lines[-1] == "加强组织领导，建立工作专班，定期调度重点项目进展情况，及时协调解决产业发展中的重大问题。"
    # A note on a line of its own after a full stop stays in the task's section, before the next heading.
    assert lines[lines.index("二、保障措施") - 1] == "（责任单位：市科技局）"


def test_web_paragraphs_ending_in_a_bracket_are_not_merged():
    lines = normalize(WEB_PAGE).text.split("\n")
    assert len(lines) == 6
    assert lines[1] == "（佛府办〔2024〕8号）"
    assert lines[2].endswith("（责任单位：市工业和信息化局、顺德区人民政府）")
    assert lines[3].startswith("（二）培育新能源汽车产业")
    assert lines[4].startswith("——实施龙头企业培育工程")


def test_hand_broken_web_lines_are_joined_but_table_cells_stay_apart():
    lines = normalize(HAND_BROKEN).text.split("\n")
    assert lines[0].endswith("加快建设西部地区重要的化工新材料产业基地，推动绿色低碳转型。")
    assert lines[1] == "（一）加强组织领导。建立由市政府主要领导牵头的工作专班，统筹推进重点项目建设。"
    assert lines[-2:] == ["市发展改革委、市工信局", "2025年底前"]


def test_no_sentence_of_a_pdf_page_stops_at_a_line_break():
    doc = segment(normalize(PDF_PAGE).text)
    for sentence in doc.sentences:
        if len(sentence.text) > 12:  # headings and titles stand alone; sentences end in their stop
            assert sentence.text[-1] in "。；）", sentence.text


def test_items_numbered_with_half_width_brackets_open_paragraphs_and_sections():
    """Some web pages (Shanxi style here) type (一) with half-width brackets: the same outline item."""
    raw = ("一、重点任务\n"
           "大力发展新能源汽车产业，支持某某汽车有限公司扩大整车产能，带动零部件配套企业集聚（责任单位：市工信局）\n"
           "(一)壮大特色专用车产业。推动专用车企业向高端化发展。\n")
    text = normalize(raw).text
    assert text.split("\n")[2].startswith("(一)壮大特色专用车产业")
    doc = segment(text)
    assert [s.path for s in doc.sections] == ["一", "一.（一）"]
    assert doc.sections[1].title == "壮大特色专用车产业"


def test_circled_numbers_open_items_inside_a_pdf_paragraph():
    """Yunnan style: sub-items ①② under a numbered task, in a PDF whose lines fill the page."""
    raw = ("1. 壮大绿色铝产业。依托某某铝业有限公司，延伸铝精深加工\n"
           "产业链，重点发展高端铝合金、铝箔、汽车轻量化部件等\n"
           "①推进铝合金材料项目建设，提升再生铝利用水平，打造\n"
           "绿色铝产业集群。\n"
           "②支持某某新材料有限公司扩大铝箔产能，发展电池铝箔\n"
           "等高端产品。\n")
    text = normalize(raw).text
    lines = text.split("\n")
    assert lines[0].endswith("重点发展高端铝合金、铝箔、汽车轻量化部件等")
    assert lines[1] == "①推进铝合金材料项目建设，提升再生铝利用水平，打造绿色铝产业集群。"
    assert lines[2].startswith("②支持某某新材料有限公司")
    assert [s.path for s in segment(text).sections] == ["1", "1.①", "1.②"]


def test_web_titles_of_one_width_do_not_make_a_page():
    """Anhui style web page: item titles happen to share a width, but the paragraphs are far wider."""
    titles = ["（一）壮大新能源汽车产业集群发展", "（二）壮大新一代信息技术集群发展", "（三）壮大高端装备制造业集群发展",
              "（四）壮大新材料产业特色集群发展"]
    bodies = ["支持合肥、芜湖建设新能源汽车产业集群，重点发展整车、动力电池和电驱动系统等产品，推动上下游协同发展",
              "推动合肥建设集成电路产业基地，重点发展存储芯片、显示驱动芯片等产品",
              "支持马鞍山、安庆发展轨道交通装备、工业机器人和高端数控机床，培育一批专精特新企业，打造装备制造业高地",
              "支持铜陵、池州发展铜基新材料、电子化学品等产品"]
    raw = "\n".join(f"{title}\n{body}" for title, body in zip(titles, bodies, strict=True))
    from loaders.normalize import _width
    assert page_width([_width(line) for line in raw.split("\n")]) is None
    assert normalize(raw).text.split("\n") == [line for pair in zip(titles, bodies, strict=True) for line in pair]
