"""Bytes → text for .txt, .pdf, .docx and .html, with clear errors for input we cannot read or must not try.

Chinese government text arrives as UTF-8, GB18030/GBK (older sites and Windows exports), UTF-16 (Windows
"Unicode" exports, often without a BOM), PDF (text layer), Word or web pages. Every failure becomes a
`ReadError` that names the file and the reason, so a bad file is reported and skipped instead of half-loaded.

Documents come from anywhere, so each reader is bounded before the library that does the real work sees the
input: a parser in C cannot be interrupted by a time budget (a signal waits for it to return), so what it is
given has to be small and shallow enough to finish quickly. The limits, each overridable by an environment
variable read when a document is read:

  POLICYKG_MAX_BYTES          25 MiB   size of the file on disk
  POLICYKG_MAX_CHARS          2000000  characters of text a document yields, in any format (a five-year plan
                                       is ~200 thousand; extraction holds ~200 bytes per character and runs
                                       at ~40 thousand characters a second: the limit takes ~50 s and
                                       ~500 MB, and more would only burn the time budget and gigabytes)
  POLICYKG_DOCX_MAX_ENTRIES   1000     files inside a .docx (Word writes ~20; a few hundred with images)
  POLICYKG_DOCX_MAX_UNPACKED  100 MiB  sum of the sizes the .docx's entries unpack to (python-docx holds
                                       every part in memory and lxml parses the XML ones)
  POLICYKG_DOCX_MAX_RATIO     500      unpacked/packed size of one entry over 1 MiB (Word's XML packs
                                       10–160x; a zip bomb approaches deflate's ceiling of ~1000x)
  POLICYKG_HTML_MAX_CHARS     16000000 characters of decoded HTML (a government page is ~100 thousand;
                                       lexbor parses flat HTML at ~100 MB/s, the depth pass is slower)
  POLICYKG_HTML_MAX_DEPTH     512      element nesting (pages nest 30–60 deep; browsers cap the DOM at 512;
                                       lexbor's time grows with size × depth, so 10 MB of nested <div>
                                       takes hours while 10 MB at depth 512 parses in about a second)

Zip headers can lie about sizes; Python's zipfile never yields more than an entry's declared size (it
truncates, then fails the CRC check), so once the declared sizes are bounded the memory is too, and the
XML parts are read through once, in chunks, so a header that understates its entry is reported as such
before python-docx opens the file.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

SUPPORTED_SUFFIXES: tuple[str, ...] = (".txt", ".pdf", ".docx", ".html", ".htm")
MIB = 1024 * 1024


class ReadError(Exception):
    """A document that cannot be turned into text; the message says which file and why."""


@dataclass(frozen=True)
class Limits:
    """How much of each kind of input the readers accept (see the module docstring for the reasons)."""

    max_bytes: int = 25 * MIB
    max_chars: int = 2_000_000
    docx_max_entries: int = 1000
    docx_max_unpacked: int = 100 * MIB
    docx_max_ratio: float = 500.0
    html_max_chars: int = 16_000_000
    html_max_depth: int = 512

    @classmethod
    def from_env(cls) -> Limits:
        """The defaults, overridden by whichever POLICYKG_* variables are set now."""
        values = {}
        for field_name, variable, kind in (
            ("max_bytes", "POLICYKG_MAX_BYTES", int), ("max_chars", "POLICYKG_MAX_CHARS", int),
            ("docx_max_entries", "POLICYKG_DOCX_MAX_ENTRIES", int),
            ("docx_max_unpacked", "POLICYKG_DOCX_MAX_UNPACKED", int), ("docx_max_ratio", "POLICYKG_DOCX_MAX_RATIO", float),
            ("html_max_chars", "POLICYKG_HTML_MAX_CHARS", int), ("html_max_depth", "POLICYKG_HTML_MAX_DEPTH", int),
        ):
            raw = os.environ.get(variable)
            if raw is None or not raw.strip():
                continue
            try:
                values[field_name] = kind(raw)
            except ValueError as exc:
                raise ValueError(f"{variable}={raw!r} is not a number") from exc
        return cls(**values)


@dataclass(frozen=True)
class RawDocument:
    path: Path
    text: str
    encoding: str
    data: bytes


def read_document(path: Path, max_bytes: int | None = None, limits: Limits | None = None) -> RawDocument:
    """Read one document into text, choosing the reader by suffix; `limits` default to the environment's."""
    path = Path(path)
    limits = limits or Limits.from_env()
    max_bytes = limits.max_bytes if max_bytes is None else max_bytes
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
    if suffix == ".txt":
        text, encoding = decode_bytes(data, path.name)
    elif suffix == ".pdf":
        text, encoding = _read_pdf(path, data)
    elif suffix == ".docx":
        text, encoding = _read_docx(path, data, limits)
    else:
        text, encoding = _read_html(path, data, limits)
    if not text.strip():
        raise ReadError(f"{path.name}: no text could be extracted (a scanned PDF or an empty document?)")
    if len(text) > limits.max_chars:
        raise ReadError(f"{path.name}: {len(text):,} characters of text is over the limit of {limits.max_chars:,} "
                        "per document (set POLICYKG_MAX_CHARS to raise it)")
    return RawDocument(path=path, text=text, encoding=encoding, data=data)


def decode_bytes(data: bytes, name: str = "input") -> tuple[str, str]:
    """Decode text bytes: a UTF-16 BOM or UTF-16's byte pattern, else UTF-8 (strict, so a pass is reliable),
    else charset-normalizer's guess. NUL bytes that are not UTF-16 mean a binary file."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode_strict(data, "utf-16", name), "utf-16"
    has_nul = b"\x00" in data[:4096]
    if not has_nul:
        try:
            return data.decode("utf-8-sig"), "utf-8"
        except UnicodeDecodeError:
            pass
    utf16 = utf16_encoding(data)
    if utf16 is not None:
        return _decode_strict(data, utf16, name), utf16
    if has_nul:
        raise ReadError(f"{name}: looks like a binary file, not text (NUL bytes that are not UTF-16)")
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise ReadError(f"{name}: not text in any encoding we recognise (binary file?)")
    encoding = best.encoding
    # GBK is a subset of GB18030; decoding with the superset loses nothing and never fails on rare characters.
    if encoding.lower().replace("-", "").replace("_", "") in {"gbk", "gb2312", "cp936", "hz"}:
        encoding = "gb18030"
    return data.decode(encoding, errors="strict"), encoding


def _decode_strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ReadError(f"{name}: looks like {encoding} but byte {exc.start} is not valid {encoding}") from exc


def _plausible(char: str) -> bool:
    """A character Chinese policy text is made of: CJK ideographs and punctuation, full-width forms,
    general punctuation and printable ASCII with the usual whitespace."""
    code = ord(char)
    return (0x4E00 <= code <= 0x9FFF or 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF
            or 0x2000 <= code <= 0x206F or 0x20 <= code <= 0x7E or char in "\n\r\t")


def utf16_encoding(data: bytes, sample: int = 65536) -> str | None:
    """'utf-16-le' or 'utf-16-be' when BOM-less bytes read as UTF-16 text, else None.

    UTF-16 cannot be recognised by validity (almost any even byte string decodes), so both byte orders are
    decoded and the share of characters policy text is made of decides: the right order gives ~100%; the
    swapped order of Chinese text gives about a third (its low bytes scatter over the whole BMP), and GBK or
    binary data read as UTF-16 gives well under 90% either way. Text that is all ASCII is told apart by where
    its NUL bytes fall (odd offsets for little-endian), since its swapped order lands in the CJK block too.
    """
    head = data[: sample - sample % 2]
    if len(head) < 4:
        return None
    scores = {}
    for encoding in ("utf-16-le", "utf-16-be"):
        text = head.decode(encoding, errors="replace")
        scores[encoding] = sum(map(_plausible, text)) / len(text)
    best = max(scores, key=scores.__getitem__)
    other = "utf-16-be" if best == "utf-16-le" else "utf-16-le"
    if scores[best] < 0.9:
        return None
    if scores[best] - scores[other] >= 0.2:
        return best
    odd_nuls, even_nuls = head[1::2].count(0), head[0::2].count(0)
    if odd_nuls > 10 * even_nuls and odd_nuls * 4 >= len(head) // 2:
        return "utf-16-le"
    if even_nuls > 10 * odd_nuls and even_nuls * 4 >= len(head) // 2:
        return "utf-16-be"
    return None


def _read_pdf(path: Path, data: bytes) -> tuple[str, str]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError
    from pdfminer.pdfparser import PDFSyntaxError

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise ReadError(f"{path.name}: not a PDF file (no %PDF header)")
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [page.extract_text() or "" for page in pdf.pages]
    except (PDFSyntaxError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ReadError(f"{path.name}: corrupt or unreadable PDF ({type(exc).__name__}: {exc})") from exc
    except Exception as exc:  # pdfminer raises many private error types on damaged files
        # pdfplumber wraps pdfminer's errors; an encrypted file (a PDF with an empty user password opens
        # without one and never gets here) is worth saying so rather than "corrupt".
        if _caused_by(exc, PDFEncryptionError):
            raise ReadError(f"{path.name}: the PDF is encrypted (password-protected); "
                            "save an unprotected copy to load it") from exc
        raise ReadError(f"{path.name}: corrupt or unreadable PDF ({type(exc).__name__}: {exc})") from exc
    text = "\n".join(pages)
    unmapped = sum(len(glyph) for glyph in UNMAPPED_GLYPH.findall(text))
    if unmapped > 0.2 * len(text):
        return _read_pdf_with_pdfium(path, data), "pdf"
    return text, "pdf"


# pdfminer writes a glyph it cannot map to Unicode as "(cid:1234)": it happens when a CID font's system
# info is unreadable, e.g. left encrypted in an owner-password-only PDF, which pdfium reads correctly.
UNMAPPED_GLYPH = re.compile(r"\(cid:\d+\)")


def _read_pdf_with_pdfium(path: Path, data: bytes) -> str:
    """The text layer as pdfium reads it (it ships with pdfplumber, which renders with it)."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ReadError(f"{path.name}: the PDF's text cannot be mapped to characters ({exc})") from exc
    try:
        pages = [document[index].get_textpage().get_text_range() for index in range(len(document))]
    finally:
        document.close()
    return "\n".join(pages).replace("\r\n", "\n")


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    """Whether `exc` is, wraps (as an argument) or was raised from an exception of `kind`."""
    seen: set[int] = set()
    pending: list[object] = [exc]
    while pending:
        current = pending.pop()
        if not isinstance(current, BaseException) or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, kind):
            return True
        pending.extend([current.__cause__, current.__context__, *current.args])
    return False


def _read_docx(path: Path, data: bytes, limits: Limits) -> tuple[str, str]:
    import docx

    check_docx_archive(path.name, data, limits)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx lets zipfile, lxml and its own package errors through
        raise ReadError(f"{path.name}: corrupt or unreadable .docx ({type(exc).__name__}: {exc})") from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(lines), "docx"


RATIO_FLOOR = MIB  # below this an entry is harmless however well it packs


def check_docx_archive(name: str, data: bytes, limits: Limits) -> None:
    """Refuse a .docx whose zip would unpack to too much, before python-docx unpacks all of it."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise ReadError(f"{name}: corrupt or unreadable .docx ({exc})") from exc
    with archive:
        entries = archive.infolist()
        if len(entries) > limits.docx_max_entries:
            raise ReadError(f"{name}: the .docx holds {len(entries)} files, over the limit of "
                            f"{limits.docx_max_entries} (set POLICYKG_DOCX_MAX_ENTRIES to raise it)")
        unpacked = sum(entry.file_size for entry in entries)
        if unpacked > limits.docx_max_unpacked:
            largest = max(entries, key=lambda entry: entry.file_size)
            raise ReadError(f"{name}: the .docx would unpack to {unpacked / MIB:.1f} MiB ({largest.filename}: "
                            f"{largest.file_size / MIB:.1f} MiB), over the {limits.docx_max_unpacked / MIB:.1f} MiB "
                            "limit (set POLICYKG_DOCX_MAX_UNPACKED to raise it)")
        for entry in entries:
            ratio = entry.file_size / max(entry.compress_size, 1)
            if entry.file_size > RATIO_FLOOR and ratio > limits.docx_max_ratio:
                raise ReadError(f"{name}: {entry.filename} in the .docx packs {ratio:.0f}:1, over the "
                                f"{limits.docx_max_ratio:.0f}:1 limit of a real document (a zip bomb?; set "
                                "POLICYKG_DOCX_MAX_RATIO to raise it)")
        for entry in entries:
            if entry.filename.endswith((".xml", ".rels")):
                _read_through(name, archive, entry)


def _read_through(name: str, archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> None:
    """Decompress one entry in 1 MiB chunks and count what comes out: zipfile stops at the declared size, so
    a header that understates its entry fails the CRC here, with a message saying so."""
    produced = 0
    try:
        with archive.open(entry) as stream:
            while chunk := stream.read(MIB):
                produced += len(chunk)
    except zipfile.BadZipFile as exc:
        raise ReadError(f"{name}: {entry.filename} in the .docx does not match its zip header ({exc}); "
                        "a tampered or damaged file") from exc
    except (RuntimeError, NotImplementedError, OSError, EOFError, ValueError) as exc:  # encrypted, unknown codec
        raise ReadError(f"{name}: cannot unpack {entry.filename} in the .docx ({exc})") from exc
    if produced != entry.file_size:
        raise ReadError(f"{name}: {entry.filename} in the .docx unpacks to {produced} bytes, not the "
                        f"{entry.file_size} its zip header says; a tampered or damaged file")


def _read_html(path: Path, data: bytes, limits: Limits) -> tuple[str, str]:
    from selectolax.lexbor import LexborHTMLParser

    text, encoding = decode_bytes(data, path.name)
    if len(text) > limits.html_max_chars:
        raise ReadError(f"{path.name}: {len(text):,} characters of HTML is over the limit of "
                        f"{limits.html_max_chars:,} (set POLICYKG_HTML_MAX_CHARS to raise it)")
    depth = html_depth(text, limits.html_max_depth)
    if depth > limits.html_max_depth:
        raise ReadError(f"{path.name}: HTML elements nest more than {limits.html_max_depth} deep (a real page "
                        "nests 30–60; set POLICYKG_HTML_MAX_DEPTH to raise it)")
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


# What an HTML tree builder does with start and end tags, reduced to what moves the depth.
VOID_ELEMENTS = frozenset(
    "area base basefont bgsound br col embed frame hr image img input isindex keygen link meta param source "
    "track wbr".split())
# Their content is text up to the matching end tag (outside <svg>/<math>, where they are ordinary elements).
RAW_TEXT_ELEMENTS = frozenset("script style textarea title xmp iframe noembed noframes".split())
# An open <p> is closed by these start tags unless an element of its scope was opened after it.
CLOSES_P = frozenset(
    "address article aside blockquote center details dialog dir div dl fieldset figcaption figure footer header "
    "hgroup main menu nav ol p section summary ul h1 h2 h3 h4 h5 h6 pre listing form li dd dt plaintext table "
    "hr xmp".split())
P_SCOPE = "applet button caption html marquee object table td template th svg math".split()
# Groups of elements a rule asks "which of these was opened last?" about; an element is in its own group too.
GROUPS: dict[str, tuple[str, ...]] = {
    "p-scope": tuple(P_SCOPE),
    "list-scope": ("ul", "ol", "menu", *P_SCOPE),
    "dl-scope": ("dl", *P_SCOPE),
    "select-scope": ("select", "datalist"),
    "foreign": ("svg", "math"),
    "dt|dd": ("dt", "dd"),
    "td|th": ("td", "th"),
    "table-section": ("thead", "tbody", "tfoot"),
    "optgroup|option": ("optgroup", "option"),
}
GROUPS_OF: dict[str, tuple[str, ...]] = {}
for _group, _members in GROUPS.items():
    for _member in _members:
        GROUPS_OF[_member] = (*GROUPS_OF.get(_member, (_member,)), _group)
# Start tag → (the group whose latest open element it closes, unless one of the scope group opened after it).
SIBLING_CLOSERS: dict[str, tuple[str, str]] = {
    "li": ("li", "list-scope"), "dt": ("dt|dd", "dl-scope"), "dd": ("dt|dd", "dl-scope"),
    "td": ("td|th", "table"), "th": ("td|th", "table"), "tr": ("tr", "table"),
    "thead": ("table-section", "table"), "tbody": ("table-section", "table"), "tfoot": ("table-section", "table"),
    "option": ("option", "select-scope"), "optgroup": ("optgroup|option", "select-scope"),
    "a": ("a", "p-scope"), "nobr": ("nobr", "p-scope"),
}
MARKUP = re.compile(r"<(?:!--(?:>|->|.*?(?:--!?>|\Z))|[!?][^>]*>?|(/?)([a-z][^\t\n\f\r />]*))", re.DOTALL)
# Markup that cannot make the depth deeper, removed at regex speed from a long page before the tag-by-tag
# pass: void tags, elements the next start tag closes, innermost elements holding only text. None may hold
# "<" or "-" (so no comment or raw-text boundary is removed), and each becomes a space (so no markup is made
# by joining what was on either side).
VOID_TAG = re.compile(r"<(?:" + "|".join(sorted(VOID_ELEMENTS)) + r")(?:[\t\n\f\r /][^<>-]*)?>")
TEXT_ELEMENT = re.compile(r"<([a-z][a-z0-9]*)(?:[\t\n\f\r /][^<>-]*)?>[^<-]*</\1[\t\n\f\r ]*>")
# An element HTML closes when the same start tag follows, with only text before it: <p>…<p>, <li>…<li>.
CLOSED_BY_SIBLING = re.compile(r"<(p|li|dt|dd|tr|td|th|option)(?:[\t\n\f\r /][^<>-]*)?>[^<-]*(?=<\1[\t\n\f\r />])")
TAGS_BEFORE_COLLAPSING = 100_000


def html_depth(html: str, limit: int) -> int:
    """How deep the elements of `html` nest, measured without building a tree; at most `limit` + 1 (it stops
    as soon as the depth passes the limit, which for a nesting bomb is within its first tags).

    A stack of open tag names stands in for the tree builder: an end tag closes everything opened after its
    start tag (so a forgotten </font> inside a <div> is closed with the div), and the start tags that close
    an open sibling (<li>, <p>, <td>, <option>, …) pop it the way HTML does unless a list or table was
    opened in between, so a page of unclosed <p> and <li> stays shallow while nested <ul><li> still counts.
    Comments, <!…>/<?…> and raw-text elements (script, style, …) are skipped. `<div/>` opens a div, as it
    does in HTML. Where this differs from a browser it counts deeper, never shallower, except for the
    <tbody>/<tr> a table implies and the innermost levels a long page's collapse takes off (below): close
    enough for a limit of hundreds. Each rule looks only at the latest open element of a group, so a tag
    costs the same at any depth. A page with more tags than TAGS_BEFORE_COLLAPSING is first reduced at regex
    speed by VOID_TAG, CLOSED_BY_SIBLING and up to three passes of TEXT_ELEMENT (each takes off at most one
    innermost level); a flat 8 MB page shrinks to almost nothing, so only crafted input pays the per-tag
    pass in full: about a microsecond per tag, interruptible, bounded by POLICYKG_HTML_MAX_CHARS.
    """
    text = html.lower()
    depth = _scan(text, limit, TAGS_BEFORE_COLLAPSING)
    if depth is not None:
        return depth
    text = CLOSED_BY_SIBLING.sub(" ", VOID_TAG.sub(" ", text))
    for _ in range(3):
        shorter = TEXT_ELEMENT.sub(" ", text)
        shrunk = len(shorter) < 0.9 * len(text)
        text = shorter
        if not shrunk:
            break
    return _scan(text, limit, None) or 0


def _scan(text: str, limit: int, max_tags: int | None) -> int | None:
    """The deepest nesting of lower-cased `text` (stopping past `limit`), or None after `max_tags` tags."""
    stack: list[str] = []
    open_at: defaultdict[str, list[int]] = defaultdict(list)

    def close_from(index: int) -> None:
        for name in stack[index:]:
            for group in GROUPS_OF.get(name, (name,)):
                open_at[group].pop()
        del stack[index:]

    def close_sibling(group: str, scope: str) -> None:
        opened, bounded = open_at[group], open_at[scope]
        if opened and (not bounded or bounded[-1] < opened[-1]):
            close_from(opened[-1])

    deepest, tags = 0, 0
    position, end = 0, len(text)
    while position < end:
        resume = end
        for match in MARKUP.finditer(text, position):
            name = match[2]
            if name is None:  # a comment or <!…>/<?…>
                continue
            tags += 1
            if max_tags is not None and tags > max_tags:
                return None
            if match[1]:
                if open_at[name]:
                    close_from(open_at[name][-1])
                continue
            if name in VOID_ELEMENTS:
                continue
            if name in SIBLING_CLOSERS:
                close_sibling(*SIBLING_CLOSERS[name])
            if name in CLOSES_P and open_at["p"]:
                close_sibling("p", "p-scope")
            for group in GROUPS_OF.get(name, (name,)):
                open_at[group].append(len(stack))
            stack.append(name)
            if len(stack) > deepest:
                deepest = len(stack)
                if deepest > limit:
                    return deepest
            if name == "plaintext":
                return deepest
            if name in RAW_TEXT_ELEMENTS and not open_at["foreign"]:
                found = text.find(f"</{name}", match.end())
                resume = end if found < 0 else found
                break
        position = resume
    return deepest
