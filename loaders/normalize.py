"""Repair PDF-extraction damage and unify character variants, keeping a map back to the original text.

What this fixes, all seen in real policy documents: lines broken mid-sentence at the PDF's line width,
blank lines between every line, stray spaces inside Chinese words ("产业创新集 群"), page numbers and
footnote markers glued to words ("先进制造业1、"), markdown heading marks from web-to-text converters,
and full-width letters/digits. Chinese punctuation is kept as written: it carries meaning (、 splits lists).

Evidence offsets refer to the normalised text, which the pipeline stores with the document, so
`text[start:end] == evidence` always holds; `origin[i]` gives the original offset of normalised char i.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

CJK = "\u4e00-\u9fff\u3400-\u4dbf"
CJK_PUNCT = "，。、；：？！“”‘’（）《》〔〕【】—…·「」％"
TERMINAL = "。！？；：…"
HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\(?[0-9]{1,2}[．.、)）](?!\d)|（[0-9]{1,2}）|附件|第[一二三四五六七八九十]+[章节条])")
PAGE_NUMBER = re.compile(r"^\s*(?:[-—－–]\s*\d{1,4}\s*[-—－–]|\d{1,4}|第\s*\d{1,4}\s*页(?:\s*共\s*\d+\s*页)?|\d{1,4}\s*/\s*\d{1,4})\s*$")
MARKDOWN_HEADING = re.compile(r"^#{1,6}[ \t]+", re.M)
# A space run touching Chinese text or Chinese punctuation on either side is extraction damage.
STRAY_SPACE = re.compile(rf"(?<=[{CJK}{CJK_PUNCT}]) +| +(?=[{CJK}{CJK_PUNCT}])")
# A footnote number glued between a word and list punctuation: "先进制造业1、培育". Numbers that are
# quantities follow words like 达/为/约/第, so those are left alone.
FOOTNOTE = re.compile(rf"(?<=[{CJK}])(?<![第约达为至到长过破和及计有共占近超逾])[0-9]{{1,2}}(?=[、，。；])")


@dataclass(frozen=True)
class NormalizedText:
    text: str
    origin: list[int]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised text back to the original text."""
        if start >= len(self.origin):
            return (self.origin[-1] + 1, self.origin[-1] + 1) if self.origin else (0, 0)
        last = self.origin[max(start, end - 1)] + 1
        return self.origin[start], last


def _apply(text: str, origin: list[int], edits: list[tuple[int, int, str]]) -> tuple[str, list[int]]:
    """Replace non-overlapping [start, end) spans (sorted) and carry the origin map along."""
    pieces: list[str] = []
    new_origin: list[int] = []
    cursor = 0
    for start, end, replacement in edits:
        pieces.append(text[cursor:start])
        new_origin.extend(origin[cursor:start])
        if replacement:
            pieces.append(replacement)
            anchor = origin[start] if start < len(origin) else (origin[-1] + 1 if origin else 0)
            new_origin.extend([anchor] * len(replacement))
        cursor = end
    pieces.append(text[cursor:])
    new_origin.extend(origin[cursor:])
    return "".join(pieces), new_origin


def _regex_pass(text: str, origin: list[int], pattern: re.Pattern, replacement: str = "") -> tuple[str, list[int]]:
    edits = [(m.start(), m.end(), replacement) for m in pattern.finditer(text)]
    return _apply(text, origin, edits) if edits else (text, origin)


def _unify_characters(text: str, origin: list[int]) -> tuple[str, list[int]]:
    """Full-width letters, digits and spaces to half-width; drop zero-width and control characters."""
    edits = []
    for i, ch in enumerate(text):
        code = ord(ch)
        if 0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF3A or 0xFF41 <= code <= 0xFF5A or ch in "．＋＝／":
            edits.append((i, i + 1, unicodedata.normalize("NFKC", ch)))
        elif ch in "\u3000\u00a0\u2002\u2003\u2009":
            edits.append((i, i + 1, " "))
        elif ch in "\u200b\u200c\u200d\ufeff\r" or (unicodedata.category(ch) == "Cc" and ch not in "\n\t"):
            edits.append((i, i + 1, ""))
        elif ch == "％":
            edits.append((i, i + 1, "%"))
    return _apply(text, origin, edits) if edits else (text, origin)


def _is_table_row(line: str) -> bool:
    return "\t" in line


def _join_broken_lines(text: str, origin: list[int]) -> tuple[str, list[int]]:
    """Drop blank lines and page numbers, and join lines that a PDF broke in mid-sentence.

    A line continues on the next when it does not end a sentence and either fills the page width (the
    80th percentile of line lengths, for PDFs with fixed-width lines), is long on its own (web text
    wrapped by hand), or ends/starts with punctuation that cannot end/start a line.
    """
    lines: list[tuple[int, int]] = []  # (start, end) of each non-blank, non-page-number line
    position = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped and not PAGE_NUMBER.match(stripped):
            lead = len(raw) - len(raw.lstrip())
            lines.append((position + lead, position + lead + len(stripped)))
        position += len(raw) + 1
    if not lines:
        return "", []
    lengths = sorted(end - start for start, end in lines if end - start >= 10) or [0]
    width = lengths[int(0.8 * (len(lengths) - 1))]
    pieces: list[str] = []
    new_origin: list[int] = []
    for index, (start, end) in enumerate(lines):
        line = text[start:end]
        pieces.append(line)
        new_origin.extend(origin[start:end])
        if index + 1 == len(lines):
            break
        following = text[lines[index + 1][0]:lines[index + 1][1]]
        if _continues(line, following, width):
            continue
        pieces.append("\n")
        new_origin.append(origin[end] if end < len(origin) else origin[end - 1] + 1)
    return "".join(pieces), new_origin


def _unclosed(line: str) -> bool:
    """A bracket opened on this line and not closed: the sentence goes on ("〔责任单位：" / "市工信局…〕")."""
    return any(line.count(o) > line.count(c) for o, c in ("〔〕", "（）", "【】", "《》"))


def _continues(line: str, following: str, width: int) -> bool:
    if _is_table_row(line) or _is_table_row(following) or HEADING.match(following) or following.startswith("#"):
        return False
    if _unclosed(line):
        return True
    if line.endswith(tuple(TERMINAL)) or (line.endswith(("”", "）", ")")) and len(line) < 0.6 * width):
        return False
    if line.endswith(tuple("，、（“《〔")) or following.startswith(tuple("，、。；：）”》〕")):
        return True
    if HEADING.match(line) and len(line) < 30:
        return False
    return len(line) >= max(12, int(0.85 * width)) or len(line) >= 40


def normalize(text: str) -> NormalizedText:
    """The normalised text that every offset in the graph refers to, and its map to the original."""
    origin = list(range(len(text)))
    text = text.replace("\r\n", "\n")
    origin = [i for i, _ in enumerate(text)] if len(origin) != len(text) else origin
    text, origin = _unify_characters(text, origin)
    text, origin = _regex_pass(text, origin, MARKDOWN_HEADING)
    text, origin = _regex_pass(text, origin, STRAY_SPACE)
    text, origin = _join_broken_lines(text, origin)
    text, origin = _regex_pass(text, origin, STRAY_SPACE)
    text, origin = _regex_pass(text, origin, FOOTNOTE)
    return NormalizedText(text=text, origin=origin)
