"""Readers: each supported format generated here and read back; bad input gets a clear ReadError."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from loaders.read import ReadError, read_document

SENTENCE = "渭南重点发展增材制造、新材料产业。"


def test_utf8_text(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    assert read_document(path).text == SENTENCE


def test_gbk_text_is_detected(tmp_path: Path):
    path = tmp_path / "gbk.txt"
    text = "陕西省人民政府办公厅关于印发制造业高质量发展规划的通知\n" + SENTENCE * 5
    path.write_bytes(text.encode("gbk"))
    raw = read_document(path)
    assert raw.text == text
    assert raw.encoding == "gb18030"


def test_docx(tmp_path: Path):
    path = tmp_path / "a.docx"
    document = docx.Document()
    document.add_paragraph("一、总体要求")
    document.add_paragraph(SENTENCE)
    document.save(path)
    assert SENTENCE in read_document(path).text


def test_html_skips_scripts(tmp_path: Path):
    path = tmp_path / "a.html"
    path.write_text(f"<html><head><title>通知</title><script>var x='增材';</script></head>"
                    f"<body><p>{SENTENCE}</p></body></html>", encoding="utf-8")
    text = read_document(path).text
    assert SENTENCE in text and "var x" not in text


def test_pdf_text_layer(tmp_path: Path):
    # Adobe's CJK CID font ships with every PDF reader, so the fixture needs no font file on this machine.
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "a.pdf"
    page = canvas.Canvas(str(path))
    page.setFont("STSong-Light", 12)
    page.drawString(72, 720, SENTENCE)
    page.showPage()
    page.save()
    assert SENTENCE in read_document(path).text


@pytest.mark.parametrize("name,data,message", [
    ("empty.txt", b"", "empty"),
    ("broken.pdf", b"%PDF-1.7\n garbage without objects", "corrupt"),
    ("fake.pdf", b"hello", "not a PDF"),
    ("broken.docx", b"PK\x03\x04 not really a zip", "corrupt"),
    ("binary.txt", b"\x00\x01\x02\x03" * 100, "binary"),
    ("image.png", b"\x89PNG", "unsupported"),
])
def test_bad_input_gets_a_clear_error(tmp_path: Path, name: str, data: bytes, message: str):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ReadError, match=message):
        read_document(path)


def test_oversized_file_is_refused_before_reading(tmp_path: Path):
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(ReadError, match="over the"):
        read_document(path, max_bytes=25 * 1024 * 1024)
