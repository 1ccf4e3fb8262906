"""Bytes → text for .txt, .pdf, .docx and .html, with clear errors for input we cannot read.

Chinese government text arrives as UTF-8, GB18030/GBK (older sites and Windows exports), PDF (text layer),
Word or web pages. Every failure becomes a `ReadError` that names the file and the reason, so a bad file
is reported and skipped instead of half-loaded.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

SUPPORTED_SUFFIXES: tuple[str, ...] = (".txt", ".pdf", ".docx", ".html", ".htm")
DEFAULT_MAX_BYTES = int(os.environ.get("POLICYKG_MAX_BYTES", str(25 * 1024 * 1024)))


class ReadError(Exception):
    """A document that cannot be turned into text; the message says which file and why."""


@dataclass(frozen=True)
class RawDocument:
    path: Path
    text: str
    encoding: str
    data: bytes


def read_document(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> RawDocument:
    """Read one document into text, choosing the reader by suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ReadError(f"{path.name}: unsupported file type {suffix or '(none)'}; expected one of {SUPPORTED_SUFFIXES}")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReadError(f"{path.name}: cannot open ({exc.strerror})") from exc
    if size == 0:
        raise ReadError(f"{path.name}: the file is empty")
    if size > max_bytes:
        raise ReadError(
            f"{path.name}: {size / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB limit per document "
            "(set POLICYKG_MAX_BYTES to raise it)"
        )
    data = path.read_bytes()
    reader = {".txt": _read_txt, ".pdf": _read_pdf, ".docx": _read_docx, ".html": _read_html, ".htm": _read_html}
    text, encoding = reader[suffix](path, data)
    if not text.strip():
        raise ReadError(f"{path.name}: no text could be extracted (a scanned PDF or an empty document?)")
    return RawDocument(path=path, text=text, encoding=encoding, data=data)


def decode_bytes(data: bytes, name: str = "input") -> tuple[str, str]:
    """Decode text bytes: UTF-8 first (it is strict, so a pass is reliable), else charset-normalizer's guess."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise ReadError(f"{name}: not text in any encoding we recognise (binary file?)")
    encoding = best.encoding
    # GBK is a subset of GB18030; decoding with the superset loses nothing and never fails on rare characters.
    if encoding.lower().replace("-", "").replace("_", "") in {"gbk", "gb2312", "cp936", "hz"}:
        encoding = "gb18030"
    return data.decode(encoding, errors="strict"), encoding


def _read_txt(path: Path, data: bytes) -> tuple[str, str]:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError(f"{path.name}: looks like a binary file, not text")
    return decode_bytes(data, path.name)


def _read_pdf(path: Path, data: bytes) -> tuple[str, str]:
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise ReadError(f"{path.name}: not a PDF file (no %PDF header)")
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [page.extract_text() or "" for page in pdf.pages]
    except (PDFSyntaxError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ReadError(f"{path.name}: corrupt or unreadable PDF ({type(exc).__name__}: {exc})") from exc
    except Exception as exc:  # pdfminer raises many private error types on damaged files
        raise ReadError(f"{path.name}: corrupt or unreadable PDF ({type(exc).__name__}: {exc})") from exc
    return "\n".join(pages), "pdf"


def _read_docx(path: Path, data: bytes) -> tuple[str, str]:
    import zipfile

    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReadError(f"{path.name}: corrupt or unreadable .docx ({exc})") from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(lines), "docx"


def _read_html(path: Path, data: bytes) -> tuple[str, str]:
    from selectolax.lexbor import LexborHTMLParser

    text, encoding = decode_bytes(data, path.name)
    tree = LexborHTMLParser(text)
    for node in tree.css("script, style, noscript, template"):
        node.decompose()
    body = tree.body or tree.root
    if body is None:
        raise ReadError(f"{path.name}: no HTML body")
    title = tree.css_first("title")
    content = body.text(separator="\n", strip=True)
    if title is not None and title.text(strip=True) and title.text(strip=True) not in content[:500]:
        content = title.text(strip=True) + "\n" + content
    return content, encoding
