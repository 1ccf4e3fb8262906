"""The normaliser repairs PDF damage and keeps a faithful map back to the original text."""

from __future__ import annotations

from loaders.normalize import normalize
from loaders.segment import segment


def test_stray_spaces_inside_words_are_removed():
    assert normalize("产业创新集 群建设").text == "产业创新集群建设"


def test_lines_broken_mid_sentence_are_joined_and_blank_lines_dropped():
    width_line = "为加快构建具有陕西特色的现代化产业体系，围绕我省优"
    raw = f"{width_line}\n\n势领域高水平培育壮大产业创新集群。\n\n{width_line}\n\n势领域。\n\n一、指导思想\n\n坚持。"
    text = normalize(raw).text
    assert "围绕我省优势领域" in text
    assert "\n一、指导思想\n坚持。" in text


def test_page_numbers_and_footnote_markers_are_removed():
    raw = "加快发展先进制造业1、培育若干世界级先进制造业集群。\n- 3 -\n下一段。"
    text = normalize(raw).text
    assert "先进制造业、培育" in text
    assert "- 3 -" not in text


def test_quantities_keep_their_numbers():
    assert "达到32%" in normalize("比重达到 32％。").text


def test_fullwidth_letters_and_digits_become_halfwidth():
    assert normalize("２０２５年ＡＩ产业").text == "2025年AI产业"


def test_origin_map_points_back_to_the_original():
    raw = "产业创新集 群\n\n建设。"
    result = normalize(raw)
    start = result.text.index("群")
    assert raw[result.origin[start]] == "群"


def test_sections_keep_the_outline():
    text = "一、总体要求\n（一）发展目标\n到2025年达到。\n二、重点任务\n1．做强装备制造。推动发展。"
    doc = segment(text)
    assert [s.path for s in doc.sections] == ["一", "一.（一）", "二", "二.1"]
    last = doc.sentences[-1]
    assert last.text == "推动发展。" and last.section.path == "二.1"
    assert all(text[s.start:s.end] == s.text for s in doc.sentences)
