"""Sections and sentences with offsets into the normalised text.

Policy documents are outlines: 一、 → （一） → 1． → （1） → ①, and plans (规划) put chapters and sections above
them (第三章 → 第二节 → 一、), numbering 一、 afresh in each chapter; measures and rules (办法, 若干政策) number
their articles 第一条, 第二条 where others write 一、. Knowing which numbered item a sentence sits
in is what turns "市工业和信息化局牵头" into responsibility for a task, and a paragraph that opens with
"宝鸡：" into facts about 宝鸡; so segmentation keeps that structure instead of a flat sentence list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

HEADING_LEVELS: tuple[tuple[int, re.Pattern], ...] = (
    (-1, re.compile(r"^第([一二三四五六七八九十]+)(?:章|部分|篇)")),
    (0, re.compile(r"^第([一二三四五六七八九十]+)节")),
    (1, re.compile(r"^([一二三四五六七八九十]+)、")),
    (1, re.compile(r"^第([一二三四五六七八九十]+)条")),  # the articles of 办法 and 若干政策
    (2, re.compile(r"^[（(]([一二三四五六七八九十]+)[）)]")),
    (3, re.compile(r"^(\d{1,2})[．.、](?!\d)")),
    (4, re.compile(r"^[（(](\d{1,2})[）)]")),
    (5, re.compile(r"^([①-⑳])")),
)
SENTENCE_END = re.compile(r"[。！？；]+[”’」）〕]*|\n")
# A heading's title ends at its first full stop; a long line without one is a heading only if short.
MAX_TITLE = 60


@dataclass
class Section:
    """One numbered item of the outline: its number path ("二.（一）.1"), title and span."""

    level: int
    number: str
    path: str
    title: str
    start: int
    end: int
    parent: Section | None = None
    children: list[Section] = field(default_factory=list)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int
    section: Section | None


@dataclass
class Segmented:
    text: str
    paragraphs: list[tuple[int, int]]
    sections: list[Section]
    sentences: list[Sentence]
    sentence_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.sentence_starts = [s.start for s in self.sentences]


def _heading(line: str) -> tuple[int, str, str] | None:
    for level, pattern in HEADING_LEVELS:
        match = pattern.match(line)
        if match:
            rest = line[match.end():]
            title = re.split(r"[。：:]", rest, maxsplit=1)[0].strip()
            if len(title) > MAX_TITLE or not title:
                return None
            # "(一)" typed with half-width brackets is the same item as "（一）".
            return level, match.group(0).rstrip("、．.").replace("(", "（").replace(")", "）"), title
    return None


def segment(text: str) -> Segmented:
    """Split normalised text into paragraphs (lines), outline sections and sentences."""
    paragraphs: list[tuple[int, int]] = []
    position = 0
    for line in text.split("\n"):
        if line.strip():
            paragraphs.append((position, position + len(line)))
        position += len(line) + 1

    sections: list[Section] = []
    stack: list[Section] = []
    paragraph_section: list[Section | None] = []
    for start, end in paragraphs:
        found = _heading(text[start:end])
        if found:
            level, number, title = found
            while stack and stack[-1].level >= level:
                stack.pop().end = start
            parent = stack[-1] if stack else None
            path = f"{parent.path}.{number}" if parent else number
            section = Section(level, number, path, title, start, len(text), parent)
            if parent:
                parent.children.append(section)
            sections.append(section)
            stack.append(section)
        paragraph_section.append(stack[-1] if stack else None)

    sentences: list[Sentence] = []
    for index, (start, end) in enumerate(paragraphs):
        cursor = start
        for match in SENTENCE_END.finditer(text, start, end):
            _add_sentence(sentences, text, cursor, match.end(), index, paragraph_section[index])
            cursor = match.end()
        _add_sentence(sentences, text, cursor, end, index, paragraph_section[index])
    return Segmented(text=text, paragraphs=paragraphs, sections=sections, sentences=sentences)


def _add_sentence(out: list[Sentence], text: str, start: int, end: int, paragraph: int, section: Section | None) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end], paragraph, section))
