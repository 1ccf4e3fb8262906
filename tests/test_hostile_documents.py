"""Hostile documents are refused quickly with their reason (or read correctly), a build of a folder holding
them loads the good ones, and a document's identity is its path and content, not its file name.

The documents are made by bench/documents.py (defined once, for the bench and here), at sizes that keep
the tests fast, with the limits lowered through the environment where the real-size file would be slow.
"""

from __future__ import annotations

import importlib.util
import signal
import threading
import time
import zipfile
from pathlib import Path

import pytest

from app.build import DocumentTimeout, build, time_budget
from graph.stores import open_store
from loaders import pipeline
from loaders.pipeline import discover, document_id, process
from loaders.read import Limits, ReadError, html_depth, read_document

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("bench_documents", ROOT / "bench" / "documents.py")
hostile = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(hostile)

MIB = 1024 * 1024
TEXT = ("陕西省人民政府办公厅关于印发制造业高质量发展规划的通知\n"
        "渭南重点发展增材制造、新材料产业。宝鸡市支持钛及钛合金产业发展。\n")


def refused(path: Path, match: str, seconds: float = 2.0, **limits) -> str:
    """Read `path`, expecting a ReadError matching `match` within `seconds`; its message."""
    started = time.monotonic()
    with pytest.raises(ReadError, match=match) as caught:
        read_document(path, limits=Limits(**limits) if limits else None)
    assert time.monotonic() - started < seconds
    assert path.name in str(caught.value)
    return str(caught.value)


# DOCX


def test_the_real_size_docx_bomb_is_refused_from_its_headers(tmp_path):
    bomb = hostile.docx_bomb(tmp_path / "bomb.docx")  # word/document.xml unpacks to 1.15 GB
    assert bomb.stat().st_size < 8 * MIB
    message = refused(bomb, "would unpack to 1096.7 MiB", seconds=0.5)
    assert "word/document.xml" in message and "POLICYKG_DOCX_MAX_UNPACKED" in message


def test_a_small_bomb_is_a_real_document_the_unpacked_limit_refuses(tmp_path, monkeypatch):
    bomb = hostile.docx_bomb(tmp_path / "small.docx", 3 * MIB)
    assert hostile.SENTENCE in read_document(bomb).text
    monkeypatch.setenv("POLICYKG_DOCX_MAX_UNPACKED", str(2 * MIB))
    refused(bomb, "over the 2.0 MiB limit")


def test_an_absurd_compression_ratio_is_refused(tmp_path, monkeypatch):
    bomb = hostile.docx_bomb(tmp_path / "packed.docx", 3 * MIB)
    entry = zipfile.ZipFile(bomb).getinfo("word/document.xml")
    ratio = entry.file_size / entry.compress_size
    monkeypatch.setenv("POLICYKG_DOCX_MAX_RATIO", str(ratio / 2))
    refused(bomb, r"word/document.xml in the .docx packs \d+:1")
    monkeypatch.setenv("POLICYKG_DOCX_MAX_RATIO", str(ratio * 2))
    assert read_document(bomb).text


def test_too_many_entries_are_refused(tmp_path):
    path = tmp_path / "many.docx"
    path.write_bytes(hostile.minimal_docx(["一、总体要求"]))
    with zipfile.ZipFile(path, "a") as archive:
        for i in range(40):
            archive.writestr(f"word/media/image{i}.png", b"x")
    refused(path, "holds 5\\d files, over the limit of 30", docx_max_entries=30)
    assert "总体要求" in read_document(path).text


def test_a_header_that_understates_its_entry_is_refused(tmp_path):
    lying = hostile.docx_bomb(tmp_path / "lying.docx", 50 * MIB, declared=1024)
    refused(lying, "word/document.xml in the .docx does not match its zip header", seconds=0.5)


# HTML


def test_ten_megabytes_of_nested_divs_are_refused_in_well_under_a_second(tmp_path):
    page = hostile.nested_html(tmp_path / "nested.html")
    refused(page, "nest more than 512 deep", seconds=1.0)


@pytest.mark.parametrize("opening", ["<div>", "<div/>", "<ul><li>", "<blockquote>", "<table><tr><td>", "<span>",
                                     "<p><div>", "<svg><style><div>"])
def test_deep_nesting_of_any_kind_is_refused(tmp_path, opening):
    page = tmp_path / "deep.html"
    page.write_text("<html><body>" + opening * 600 + "正文", encoding="utf-8")
    refused(page, "nest more than 512 deep")


def test_a_government_page_reads(tmp_path):
    page = hostile.government_page(tmp_path / "page.html")
    html = page.read_text(encoding="utf-8")
    assert 30 <= html_depth(html, 512) <= 80
    text = read_document(page).text
    assert hostile.SENTENCE in text and "栏目29" in text and "var tpl" not in text


@pytest.mark.parametrize("html,depth", [
    ("<body>" + "<p>段落" * 5000, 2),  # unclosed paragraphs close each other
    ("<ul>" + "<li>条目" * 5000 + "</ul>", 2),
    ("<div><font>文字</div>" * 5000, 2),  # a forgotten </font> is closed with its div
    ("<table>" + "<tr><td>a<td>b" * 3000 + "</table>", 3),
    ("<ul><li>一<ul><li>二<ul><li>三</ul></ul></ul>", 6),  # nested lists do nest
    ("<script>var s = '" + "<div>" * 5000 + "';</script><p>x", 1),
    ("<!--" + "<div>" * 5000 + "--><p>x", 1),
    ("<!--><div><div>", 2),  # a comment that ends where it begins hides nothing
    ("<svg><style>" + "<g>" * 10 + "</style></svg>", 12),  # <style> in SVG is an element, not raw text
])
def test_html_depth_follows_the_tree_builder(html, depth):
    assert html_depth(html, 512) == depth


def test_collapsing_a_long_page_takes_off_at_most_its_innermost_levels(tmp_path, monkeypatch):
    import loaders.read as read_module

    pages = [hostile.government_page(tmp_path / "page.html").read_text(encoding="utf-8"),
             ("<body>" + "<div><p>正文<span>一</span>-<br><img src=a-b.png>" * 50 + "</div>" * 50) * 3,
             "<ul>" + "<li>条目<a href=x>链接</a>" * 300 + "</ul>" + "<div>" * 40 + "<p>x",
             "<table><tr><td>" * 30 + "<td>a</td>" * 500]
    expected = [html_depth(page, 512) for page in pages]
    monkeypatch.setattr(read_module, "TAGS_BEFORE_COLLAPSING", 10)
    collapsed = [html_depth(page, 512) for page in pages]
    # each pass of TEXT_ELEMENT may take off one innermost level, and nothing else changes
    assert all(depth - 3 <= shallower <= depth for depth, shallower in zip(expected, collapsed, strict=True))
    assert html_depth("<div>" * 600 + "<p>x</p>" * 100, 512) == 513


def test_html_over_the_character_limit_is_refused(tmp_path, monkeypatch):
    page = hostile.flat_html(tmp_path / "flat.html", 3_000_000)
    started = time.monotonic()
    assert hostile.SENTENCE in read_document(page).text
    assert time.monotonic() - started < 3.0
    monkeypatch.setenv("POLICYKG_HTML_MAX_CHARS", "1000000")
    refused(page, "characters of HTML is over the limit of 1,000,000")


# Text and PDF


@pytest.mark.parametrize("byteorder", ["le", "be"])
def test_utf16_without_a_bom_is_read_as_text(tmp_path, byteorder):
    corpus_document = min((ROOT / "data" / "corpus").glob("*.txt"), key=lambda p: p.stat().st_size)
    text = corpus_document.read_text(encoding="utf-8")
    raw = read_document(hostile.utf16_text(tmp_path / "a.txt", text, byteorder))
    assert raw.text == text and raw.encoding == f"utf-16-{byteorder}"


@pytest.mark.parametrize("text", ["中华人民共和国工业和信息化部" * 20, "Plain ASCII policy notes.\n" * 20])
@pytest.mark.parametrize("byteorder", ["le", "be"])
def test_utf16_of_one_script_only_is_read_too(tmp_path, text, byteorder):
    assert read_document(hostile.utf16_text(tmp_path / "a.txt", text, byteorder)).text == text


def test_text_over_the_character_limit_is_refused_in_any_format(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICYKG_MAX_CHARS", "10000")
    long_text = hostile.utf16_text(tmp_path / "long.txt", TEXT * 200, "le")
    refused(long_text, "characters of text is over the limit of 10,000 per document")
    refused(hostile.government_page(tmp_path / "long.html", [TEXT] * 200), "POLICYKG_MAX_CHARS")


def test_binary_with_nuls_is_still_binary(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(bytes(range(256)) * 64)
    refused(path, "binary")


def test_an_encrypted_pdf_says_so(tmp_path):
    locked = hostile.pdf(tmp_path / "locked.pdf", user_password="secret")
    refused(locked, "encrypted")


def test_a_pdf_with_only_an_owner_password_is_read(tmp_path):
    owner_only = hostile.pdf(tmp_path / "owner-only.pdf", owner_password="owner")
    assert b"/Encrypt" in owner_only.read_bytes()
    assert hostile.SENTENCE in read_document(owner_only).text


# The time budget


def test_time_budget_interrupts_python_work_and_restores_a_running_timer():
    rang = []
    previous = signal.signal(signal.SIGALRM, lambda *_: rang.append(1))
    signal.setitimer(signal.ITIMER_REAL, 30)
    try:
        started = time.monotonic()
        with pytest.raises(DocumentTimeout, match="x.txt: reading and extracting took over 0.2 s"):
            with time_budget(0.2, "x.txt"):
                while True:
                    sum(range(1000))
        assert time.monotonic() - started < 2
        remaining, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 20 < remaining <= 30 and not rang
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_outside_the_main_thread_a_late_document_fails_when_it_returns():
    outcome = []

    def late() -> None:
        try:
            with time_budget(0.05, "late.txt"):
                time.sleep(0.2)
        except DocumentTimeout as exc:
            outcome.append(str(exc))

    worker = threading.Thread(target=late)
    worker.start()
    worker.join()
    assert outcome and "late.txt" in outcome[0]


def test_a_document_over_its_budget_fails_and_the_others_load(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(TEXT, encoding="utf-8")
    (folder / "slow.txt").write_text(TEXT + "（慢）", encoding="utf-8")
    process(folder / "good.txt")  # the gazetteers load once per process; not part of any document's budget

    def slow_on_marker(context, batch) -> None:
        while "（慢）" in context.text:
            sum(range(1000))

    monkeypatch.setattr(pipeline, "FACT_EXTRACTORS", [*pipeline.FACT_EXTRACTORS, slow_on_marker])
    store = open_store(tmp_path / "x.lbug")
    try:
        started = time.monotonic()
        report = build(store, [folder], doc_seconds=1)
        assert time.monotonic() - started < 10
        assert [Path(p).name for p in report.loaded] == ["good.txt"]
        assert "slow.txt: reading and extracting took over 1 s" in report.failed[str(folder / "slow.txt")]
        assert store.counts()["Document"] == 1
    finally:
        store.close()


# A build over hostile documents


def test_a_build_loads_the_good_document_and_reports_each_hostile_one(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(TEXT, encoding="utf-8")
    hostile.docx_bomb(folder / "bomb.docx", 3 * MIB)
    hostile.docx_bomb(folder / "lying.docx", 3 * MIB, declared=1024)
    hostile.nested_html(folder / "nested.html", 100_000)
    hostile.flat_html(folder / "flat.html", 1_500_000)
    hostile.pdf(folder / "locked.pdf", user_password="secret")
    hostile.utf16_text(folder / "utf16.txt", TEXT.replace("渭南", "咸阳"), "le")
    monkeypatch.setenv("POLICYKG_DOCX_MAX_UNPACKED", str(2 * MIB))
    monkeypatch.setenv("POLICYKG_HTML_MAX_CHARS", "300000")
    store = open_store(tmp_path / "x.lbug")
    try:
        report = build(store, [folder])
        assert sorted(Path(p).name for p in report.loaded) == ["good.txt", "utf16.txt"]
        reasons = {Path(p).name: reason for p, reason in report.failed.items()}
        assert "over the 2.0 MiB limit" in reasons["bomb.docx"]
        assert "does not match its zip header" in reasons["lying.docx"]
        assert "nest more than 512 deep" in reasons["nested.html"]
        assert "characters of HTML is over the limit" in reasons["flat.html"]
        assert "encrypted" in reasons["locked.pdf"]
        assert store.counts()["Document"] == 2
    finally:
        store.close()


# Document identity


def documents(store) -> dict[str, dict]:
    return {n["id"]: n["properties"] for n in store.export()["nodes"] if n["label"] == "Document"}


def test_same_name_in_two_folders_is_two_documents_and_a_rebuild_replaces_each(tmp_path):
    root = tmp_path / "policies"
    for folder, city in (("2023", "渭南"), ("2024", "宝鸡")):
        (root / folder).mkdir(parents=True)
        (root / folder / "通知.txt").write_text(TEXT.replace("渭南", city), encoding="utf-8")
    store = open_store(tmp_path / "x.lbug")
    try:
        report = build(store, [root])
        assert len(report.loaded) == 2 and not report.failed and not report.skipped
        first = documents(store)
        assert set(first) == {"document:2023/通知.txt", "document:2024/通知.txt"}
        assert {p["file"] for p in first.values()} == {"通知.txt"}
        assert first["document:2023/通知.txt"]["sha256"] != first["document:2024/通知.txt"]["sha256"]

        (root / "2023" / "通知.txt").write_text(TEXT.replace("渭南", "汉中"), encoding="utf-8")
        build(store, [root])
        second = documents(store)
        assert set(second) == set(first)
        assert second["document:2023/通知.txt"]["sha256"] != first["document:2023/通知.txt"]["sha256"]
        assert second["document:2024/通知.txt"]["sha256"] == first["document:2024/通知.txt"]["sha256"]
        evidence = [e["properties"]["evidence"] for e in store.export()["edges"]
                    if e["properties"].get("doc") == "document:2023/通知.txt"]
        assert evidence and not any("渭南" in sentence for sentence in evidence)
    finally:
        store.close()


def test_the_same_content_at_two_paths_is_loaded_once_and_reported(tmp_path):
    root = tmp_path / "in"
    (root / "copies").mkdir(parents=True)
    (root / "a.txt").write_text(TEXT, encoding="utf-8")
    (root / "copies" / "b.txt").write_text(TEXT, encoding="utf-8")
    store = open_store(tmp_path / "x.lbug")
    try:
        report = build(store, [root])
        assert report.loaded == [str(root / "a.txt")] and not report.failed
        assert report.skipped == {str(root / "copies" / "b.txt"): f"b.txt: same content as {root / 'a.txt'}; loaded once"}
        assert set(documents(store)) == {"document:a.txt"}
    finally:
        store.close()


def test_ids_are_relative_to_the_folder_given_and_survive_discover_then_build(tmp_path):
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "top.txt").write_text(TEXT, encoding="utf-8")
    (root / "sub" / "deep.txt").write_text(TEXT + "另一份。", encoding="utf-8")
    found = discover([root])
    assert [document_id(p) for p in found] == ["document:sub/deep.txt", "document:top.txt"]
    assert discover(found) == found and [document_id(p) for p in discover(found)] == [document_id(p) for p in found]
    assert document_id(root / "sub" / "deep.txt") == "document:deep.txt"  # a file given directly: its name
    assert discover([root / "top.txt"])[0].key == "top.txt"


def test_two_arguments_giving_the_same_id_are_refused_not_merged(tmp_path):
    for folder, city in (("a", "渭南"), ("b", "宝鸡")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_text(TEXT.replace("渭南", city), encoding="utf-8")
    store = open_store(tmp_path / "x.lbug")
    try:
        report = build(store, [tmp_path / "a", tmp_path / "b"])
        assert report.loaded == [str(tmp_path / "a" / "x.txt")]
        assert "has the same id document:x.txt" in report.failed[str(tmp_path / "b" / "x.txt")]
        assert set(documents(store)) == {"document:x.txt"}
    finally:
        store.close()
