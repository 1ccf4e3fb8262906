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
HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\(?[0-9]{1,2}[．.、)）](?!\d)|（[0-9]{1,2}）|[①-⑳]|附件|第[一二三四五六七八九十]+[章节条])")
PAGE_NUMBER = re.compile(r"^\s*(?:[-—－–]\s*\d{1,4}\s*[-—－–]|\d{1,4}|第\s*\d{1,4}\s*页(?:\s*共\s*\d+\s*页)?|\d{1,4}\s*/\s*\d{1,4})\s*$")
MARKDOWN_HEADING = re.compile(r"^#{1,6}[ \t]+", re.M)
# A space run touching Chinese text or Chinese punctuation on either side is extraction damage.
# (?<=[…]) +| +(?=[…]), written to open with the space (its lookbehind then reads the space too): a pattern
# that opens with a character lets the regex engine skip to it, one opening with a lookbehind is tried at
# every position of the document (8-30x slower on a plan).
STRAY_SPACE = re.compile(rf" (?:(?<=[{CJK}{CJK_PUNCT}] ) *| *(?=[{CJK}{CJK_PUNCT}]))")
# A footnote number glued between a word and list punctuation: "先进制造业1、培育". Numbers that are
# quantities follow words like 达/为/约/第, so those are left alone. Opens with the digit, for the same reason.
FOOTNOTE = re.compile(rf"[0-9](?<=[{CJK}][0-9])(?<![第约达为至到长过破和及计有共占近超逾][0-9])[0-9]?(?=[、，。；])")


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


# What `_unify_characters` rewrites: full-width digits, letters and ．＋＝／％; wide spaces; zero-width marks and
# the control characters (category Cc, U+0000-U+001F and U+007F-U+009F) but line breaks and tabs.
UNIFIED = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a．＋＝／％\u3000\u00a0\u2002\u2003\u2009"
                     "\u200b\u200c\u200d\ufeff\x00-\x08\x0b-\x1f\x7f-\x9f]")
SPACES = "\u3000\u00a0\u2002\u2003\u2009"


def _unified(ch: str) -> str:
    if ch in SPACES:
        return " "
    if ch == "％":
        return "%"
    return unicodedata.normalize("NFKC", ch) if "\uff0b" <= ch <= "\uff5a" else ""


def _unify_characters(text: str, origin: list[int]) -> tuple[str, list[int]]:
    """Full-width letters, digits and spaces to half-width; drop zero-width and control characters.

    One regular expression finds the few characters to rewrite; a loop over every character in Python was
    half of normalising."""
    edits = [(m.start(), m.end(), _unified(m.group())) for m in UNIFIED.finditer(text)]
    return _apply(text, origin, edits) if edits else (text, origin)


def _is_table_row(line: str) -> bool:
    return "\t" in line


# Characters a typeset line gives two columns: CJK, full-width forms and the Chinese quotes and dashes.
WIDE = re.compile(rf"[{CJK}\u3000-\u303f\uff00-\uffef“”‘’—…·]")
# Lines of at least this many characters vote on the page width; a third of them must share it.
MIN_VOTER, MIN_SHARE, MIN_WIDTH = 10, 0.3, 30
# A wrapped line falls short of the page width by at most a first-line indent (two characters) and a
# few half-width digits; hanging punctuation may pass it by two.
SHORT_OF_WIDTH, PAST_WIDTH = 6, 4
CLOSERS = "）)〕﹞】」》”’"
# A line opening a list item without a number: "——实施…", "--建设…", "●推进…", "专栏1 …".
PUNCTUATED = re.compile(r"[，。；：！？]")
SENTENCE_INSIDE = re.compile(r"[。！？；]")
WORD_END = re.compile(rf"[{CJK}0-9A-Za-z]$")
LIST_MARK = re.compile(r"^(?:[-—－–]{2}|[•●○■□◆◇★☆▶►]|专栏)")


def _width(line: str) -> int:
    """The columns a line takes on the page (two for a Chinese character, one for a digit or letter)."""
    return len(line) + len(WIDE.findall(line))


def page_width(widths: list[int]) -> int | None:
    """The width a PDF wrapped this text at, or None for text whose lines are paragraphs (web pages).

    Text extracted from a PDF keeps the page's lines: most lines of a paragraph fill the width to within
    a column or two, so one width (give or take hanging punctuation) holds a large share of all lines.
    A web page's lines are whole paragraphs of every length, and no width stands out; when its titles
    happen to share one, its paragraphs are wider than that.
    """
    voters = [w for w in widths if w >= 2 * MIN_VOTER]
    if not voters:
        return None
    counts: dict[int, int] = {}
    for w in voters:
        counts[w] = counts.get(w, 0) + 1
    mode = max(counts, key=lambda w: (counts[w], w))
    near = sum(1 for w in voters if mode - 1 <= w <= mode + PAST_WIDTH)
    wider = sum(1 for w in voters if w > mode + PAST_WIDTH)
    if mode < MIN_WIDTH or counts[mode] < 2 or near < MIN_SHARE * len(voters):
        return None
    # A page holds few lines wider than itself; a web page whose headings share a width has many.
    return mode if 2 * wider <= near else None


def _join_broken_lines(text: str, origin: list[int]) -> tuple[str, list[int]]:
    """Drop blank lines and page numbers, and join lines that a PDF (or a hand) broke in mid-sentence.

    Whether a line break is a paragraph's end depends on the text's shape (`page_width`): in a PDF a line
    that falls short of the page width ends its paragraph, one that fills it goes on; in web text every
    line is a paragraph unless its end shows damage (see `_continues`).
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
    widths = [_width(text[start:end]) for start, end in lines]
    width = page_width(widths)
    pieces: list[str] = []
    new_origin: list[int] = []
    for index, (start, end) in enumerate(lines):
        line = text[start:end]
        pieces.append(line)
        new_origin.extend(origin[start:end])
        if index + 1 == len(lines):
            break
        following = text[lines[index + 1][0]:lines[index + 1][1]]
        if _continues(line, following, widths[index], width):
            continue
        pieces.append("\n")
        new_origin.append(origin[end] if end < len(origin) else origin[end - 1] + 1)
    return "".join(pieces), new_origin


def _unclosed(line: str) -> bool:
    """A bracket opened on this line and not closed: the sentence goes on ("〔责任单位：" / "市工信局…〕")."""
    return any(line.count(o) > line.count(c) for o, c in ("〔〕", "（）", "【】", "《》", "﹝﹞"))


def _starts_paragraph(following: str) -> bool:
    """Numbered headings (一、 （一） 1. 第三条), list marks and table rows always open a paragraph."""
    return bool(HEADING.match(following) or LIST_MARK.match(following) or following.startswith("#")
                or _is_table_row(following))


def _continues(line: str, following: str, line_width: int, page: int | None) -> bool:
    """Whether the break after `line` is damage inside a sentence rather than a paragraph's end."""
    if _is_table_row(line) or _starts_paragraph(following):
        return False
    if _unclosed(line):
        return True
    if line.endswith(tuple(TERMINAL)):
        return False
    if line.endswith(tuple("，、（“《〔")) or following.startswith(tuple("，、。；：）”》〕")):
        return True
    if page is not None:
        # PDF: a line that fills the page width was wrapped; a shorter one ends its paragraph.
        return line_width >= page - SHORT_OF_WIDTH
    if line.endswith(tuple(CLOSERS)) or (following[:1] in "（(" and following.endswith(("）", ")"))):
        return False  # "…（责任单位：市工信局）" ends a paragraph; "（某政发〔2024〕3号）" is one of its own
    if WORD_END.search(line) and SENTENCE_INSIDE.search(line):
        return True  # "（一）加强组织领导。市级层面设立工作专" + "班…": a sentence began and did not end
    if HEADING.match(line) and len(line) < 30:
        return False
    if len(following) <= 20 and not PUNCTUATED.search(following):
        return False  # a signature, a table cell or a title stands on its own line
    # Web text: a long line that stops without punctuation was broken by hand, a short one is a title.
    return len(line) >= 40


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
