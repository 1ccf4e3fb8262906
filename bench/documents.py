"""Hostile documents: the worst input of each kind the readers face, and what loading each one costs.

Builds, in a temporary folder, a .docx zip bomb (word/document.xml unpacking to 1.15 GB), a .docx whose
zip header understates its entry, 10 MB of nested <div>, 24 MB of flat HTML, UTF-16 text without a BOM
(one document's worth and a big one), the longest text the limits let through, an encrypted PDF and one
with only an owner password, next to a document of the bundled corpus. Each is read and extracted
(`loaders.pipeline.process` under the build's per-document time budget) in its own process, capped at
6 GB of address space, and the table gives the outcome (loaded, or refused and why), the document's own
time, the process's wall time and its peak RSS (from wait4).

The builders are also what tests/test_hostile_documents.py generates its files with, at sizes the tests
pick: the hostile documents are defined once.

usage: python bench/documents.py [--doc-seconds 120] [--keep DIR]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "corpus"
MIB = 1024 * 1024
SENTENCE = "渭南重点发展增材制造、新材料产业，支持高新区建设先进制造业基地。"
ADDRESS_SPACE_CAP = 6 * 1024**3


def minimal_docx(paragraphs: list[str]) -> bytes:
    """A real Word document (made by python-docx) holding these paragraphs."""
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_bomb(path: Path, unpacked: int = 1_150_000_000, declared: int | None = None) -> Path:
    """A valid .docx whose word/document.xml unpacks to about `unpacked` bytes of real paragraphs.

    The XML is one compressed 1 MiB run of paragraphs repeated: raw deflate blocks ended by a full flush
    hold no reference to what came before, so the same bytes can be written N times, and building a
    1.15 GB bomb costs a CRC pass instead of compressing a gigabyte. `declared` writes a different
    uncompressed size into the zip headers (a header that lies).
    """
    template = zipfile.ZipFile(io.BytesIO(minimal_docx(["一、总体要求"])))
    xml = template.read("word/document.xml").decode("utf-8")
    body_at = xml.index("<w:body>") + len("<w:body>")
    head, tail = xml[:body_at].encode("utf-8"), xml[body_at:].encode("utf-8")
    paragraph = f"<w:p><w:r><w:t>{SENTENCE}</w:t></w:r></w:p>".encode()
    run = paragraph * (MIB // len(paragraph))
    repeats = max(1, (unpacked - len(head) - len(tail)) // len(run))

    def deflated(data: bytes, final: bool) -> bytes:
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        return compressor.compress(data) + compressor.flush(zlib.Z_FINISH if final else zlib.Z_FULL_FLUSH)

    packed_run = deflated(run, False)
    crc = zlib.crc32(head)
    for _ in range(repeats):
        crc = zlib.crc32(run, crc)
    crc = zlib.crc32(tail, crc)
    size = len(head) + len(run) * repeats + len(tail)
    stream = [deflated(head, False), *([packed_run] * repeats), deflated(tail, True)]

    entries = []
    for info in template.infolist():
        if info.filename == "word/document.xml":
            entries.append((info.filename, zipfile.ZIP_DEFLATED, crc, stream, size if declared is None else declared))
        else:
            data = template.read(info)
            packed = deflated(data, True)
            entries.append((info.filename, zipfile.ZIP_DEFLATED, zlib.crc32(data), [packed], len(data)))
    _write_zip(path, entries)
    return path


def _write_zip(path: Path, entries: list[tuple[str, int, int, list[bytes], int]]) -> None:
    """A zip written by hand from already-compressed data (zipfile only writes what it compresses itself)."""
    central = []
    with path.open("wb") as out:
        for name, method, crc, chunks, size in entries:
            offset = out.tell()
            packed = sum(len(chunk) for chunk in chunks)
            encoded = name.encode("utf-8")
            out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc, packed, size,
                                  len(encoded), 0) + encoded)
            for chunk in chunks:
                out.write(chunk)
            central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x21, crc, packed,
                                       size, len(encoded), 0, 0, 0, 0, 0, offset) + encoded)
        start = out.tell()
        directory = b"".join(central)
        out.write(directory)
        out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), len(directory), start, 0))


def nested_html(path: Path, size: int = 10 * 1000 * 1000, tag: str = "div") -> Path:
    """`size` bytes of <tag> nested inside each other (the page that hung lexbor for minutes)."""
    opening = f"<{tag}>"
    path.write_text("<html><body>" + opening * (size // len(opening)) + SENTENCE, encoding="utf-8")
    return path


def flat_html(path: Path, size: int = 24 * 1000 * 1000) -> Path:
    """`size` bytes of one-line paragraphs, side by side: big, but shallow."""
    paragraph = f"<p>{SENTENCE}</p>\n"
    count = size // len(paragraph.encode("utf-8"))
    path.write_text("<html><head><title>通知</title></head><body>" + paragraph * count + "</body></html>",
                    encoding="utf-8")
    return path


def government_page(path: Path, paragraphs: list[str] | None = None) -> Path:
    """A page shaped like a provincial government's article page: navigation lists, layout tables nested
    in divs, unclosed <p> and <li>, a script whose strings hold tags, comments, about 40 elements deep."""
    paragraphs = paragraphs or [SENTENCE] * 200
    nav = "<ul class=nav>" + "".join(f"<li><a href='/col{i}/index.html'>栏目{i}</a>" for i in range(30)) + "</ul>"
    frame_open = "".join(f"<div class='wrap l{i}'>" for i in range(20))
    frame_close = "</div>" * 20
    table_open = "<table><tbody><tr><td><table><tr><td><div class=article><div class=content>"
    table_close = "</div></div></td></tr></table></td></tr></tbody></table>"
    body = "".join(f"<p style='text-indent:2em'><span><font size=3>{p}</font></span>" for p in paragraphs)
    script = "<script>var tpl = '<div><div><div>' + '</span>'; if (a < b) { document.write('<p>'); }</script>"
    page = ("<!DOCTYPE html><html><head><meta charset=utf-8><title>关于印发制造业发展规划的通知</title>"
            f"<style>div > p {{ margin: 0 }}</style>{script}</head><body><!-- header <div><div> -->"
            f"{frame_open}<div class=header>{nav}</div><br><img src=a.png>{table_open}{body}{table_close}"
            f"<ul>{''.join(f'<li>附件{i}' for i in range(10))}</ul>{frame_close}</body></html>")
    path.write_text(page, encoding="utf-8")
    return path


def utf16_text(path: Path, text: str, byteorder: str = "le") -> Path:
    """`text` in UTF-16 without a byte order mark, as Windows "Unicode" exports often are."""
    path.write_bytes(text.encode(f"utf-16-{byteorder}"))
    return path


def pdf(path: Path, text: str = SENTENCE, user_password: str | None = None, owner_password: str | None = None) -> Path:
    """A one-page PDF with a Chinese text layer, encrypted when a password is given (an empty user password
    with an owner password: anyone may open it, only the owner may change it)."""
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    encrypt = None
    if user_password is not None or owner_password is not None:
        encrypt = StandardEncryption(user_password or "", ownerPassword=owner_password or "owner", strength=128)
    page = canvas.Canvas(str(path), encrypt=encrypt)
    page.setFont("STSong-Light", 12)
    page.drawString(72, 720, text)
    page.showPage()
    page.save()
    return path


def _text_file(path: Path, text: str, chars: int) -> Path:
    path.write_text((text * (chars // len(text) + 1))[:chars], encoding="utf-8")
    return path


def corpus_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt")))


def build_all(folder: Path) -> list[tuple[str, Path]]:
    """Every hostile document of the table, written into `folder`, with a line saying what it is."""
    smallest = min(CORPUS.glob("*.txt"), key=lambda p: p.stat().st_size)
    corpus_copy = folder / smallest.name
    shutil.copyfile(smallest, corpus_copy)
    (folder / "lying").mkdir(exist_ok=True)
    big_text = corpus_text()
    return [
        ("corpus document (UTF-8, for comparison)", corpus_copy),
        ("the same text as a government page, ~40 deep",
         government_page(folder / "page.html", smallest.read_text(encoding="utf-8").splitlines())),
        (".docx bomb: document.xml unpacks to 1.15 GB", docx_bomb(folder / "bomb.docx")),
        (".docx whose header says 1 KB for 50 MB", docx_bomb(folder / "lying" / "bomb.docx", 50 * MIB, declared=1024)),
        ("10 MB of nested <div>", nested_html(folder / "nested.html")),
        ("24 MB of flat HTML", flat_html(folder / "flat.html")),
        ("UTF-16-LE, no BOM, one document", utf16_text(folder / "utf16.txt", smallest.read_text(encoding="utf-8"))),
        ("UTF-16-BE, no BOM, 24 MB (the corpus repeated)",
         utf16_text(folder / "utf16-big.txt", big_text * (12_000_000 // len(big_text)), "be")),
        ("UTF-8 text just under 2M characters (the limit)", _text_file(folder / "largest.txt", big_text, 1_990_000)),
        ("PDF with a user password", pdf(folder / "locked.pdf", user_password="secret")),
        ("PDF with only an owner password", pdf(folder / "owner-only.pdf", owner_password="owner")),
    ]


def run_one(path: Path, doc_seconds: float) -> dict:
    """In the child: read and extract one document under the build's time budget."""
    sys.path.insert(0, str(ROOT))
    from app.build import time_budget
    from loaders.pipeline import process
    from loaders.read import ReadError

    process(CORPUS / "003_d17b420203dd7a74.txt")  # load the gazetteers first: they are not the document's cost
    started = time.monotonic()
    try:
        with time_budget(doc_seconds, path.name):
            batch = process(path)
    except ReadError as exc:
        result = {"outcome": "refused", "reason": str(exc)}
    except MemoryError:
        result = {"outcome": "failed", "reason": "MemoryError (over the bench's 6 GB address-space cap)"}
    else:
        result = {"outcome": "loaded", "reason": f"{len(batch.nodes)} nodes, {len(batch.edges)} edges"}
    return {**result, "seconds": time.monotonic() - started}


def measure(path: Path, doc_seconds: float) -> tuple[dict, float, float]:
    """(result, wall seconds, peak RSS in MB) of run_one in a fresh process (wall: with start-up and
    the gazetteers; the result's `seconds`: the document's read and extraction alone)."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_CAP, ADDRESS_SPACE_CAP))

    started = time.monotonic()
    child = subprocess.Popen([sys.executable, __file__, "--one", str(path), "--doc-seconds", str(doc_seconds)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=cap)
    out, err = child.stdout.read(), child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.monotonic() - started
    try:
        result = json.loads(out.decode("utf-8").strip().splitlines()[-1])
    except (ValueError, IndexError):
        result = {"outcome": "crashed", "seconds": elapsed,
                  "reason": f"exit {child.returncode}: {err.decode(errors='replace')[-300:]}"}
    return result, elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--doc-seconds", type=float, default=120.0, help="the per-document budget (POLICYKG_DOC_SECONDS)")
    parser.add_argument("--keep", type=Path, help="build the documents here and keep them")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.doc_seconds), ensure_ascii=False))
        return
    folder = args.keep or Path(tempfile.mkdtemp(prefix="policykg-hostile-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        documents = build_all(folder)
        print(f"per-document budget {args.doc_seconds:g} s; each document in a fresh process that loads the "
              "gazetteers first (a corpus document's extraction); 'doc s' is the document's read+extract alone\n")
        print(f"{'document':48} {'size':>9} {'outcome':8} {'doc s':>6} {'wall s':>7} {'peak MB':>8}  reason")
        for label, path in documents:
            result, elapsed, peak = measure(path, args.doc_seconds)
            size = path.stat().st_size / 1e6
            print(f"{label:48} {size:7.2f}MB {result['outcome']:8} {result['seconds']:6.2f} {elapsed:7.2f} "
                  f"{peak:8.0f}  {result['reason']}", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
