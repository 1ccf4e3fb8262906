"""Tables that reached the text flattened: one cell per line, the header row first.

Plans often close with a task list (任务清单, 重点任务分工表) or a list of indicators, and a web page or a PDF
converter hands such a table over as a column of lines: "序号", then the header cells ("工作任务", "主要内容",
"牵头单位", "完成时间"), then every row's cells in the same order, with category rows ("一、…") between the
rows. Serial numbers may be lost on the way (a line that is only a number reads as a page number), and a header
cell may wrap ("基数" over "（2018年）"), so this module only finds the header and the lines after it; the
reader of a table (loaders.extract.agencies for responsibility columns) decides which lines are which cells.
A table read from a .docx keeps each row on one line with its cells joined by tabs; it is handed over in the
same form, one Line per cell (empty cells included, the serial cell left out), so one reader serves both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The first header cell of a numbered table.
SERIAL_HEADER = re.compile(r"^序\s*号$")
# A header cell: a short label ending in a word that names a column (a row's first cell, "大力发展数字农业",
# is as short but names no column); a bracketed line continues the cell before it ("基数" "（2018年）").
HEADER_CELL = re.compile(r"^(?:[\u4e00-\u9fff0-9]|[（(][\u4e00-\u9fff]{1,6}[）)]){0,10}(?:任务|内容|单位|部门|时间|时限|名称|指标|目标|目标值|措施|举措|进度|"
                         r"备注|基数|事项|要求|领域|项目|类别|分类|成果|节点|责任人|主体|处室|标准|方式|数量|地点|现状|年份)"
                         r"(?:[（(][^（）()]{1,8}[）)])?$")
CONTINUATION = re.compile(r"^[（(][^（）()]{1,12}[）)]$")
# A line that ends the table: the next attachment, or the header of another table.
TABLE_END = re.compile(r"^(?:附件\s*\d*[：:]?$|附件\s*\d+\s|序\s*号$)")


@dataclass(frozen=True)
class Line:
    """One non-empty line of the text and its offsets."""

    start: int
    end: int
    text: str


@dataclass
class Table:
    """A flattened table: its column labels after the serial column, and the lines that follow the header."""

    columns: list[str]
    body: list[Line]


def text_lines(text: str) -> list[Line]:
    """Non-empty lines, stripped, with their offsets in text."""
    lines: list[Line] = []
    position = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = position + raw.index(stripped[0])
            lines.append(Line(start, start + len(stripped), stripped))
        position += len(raw) + 1
    return lines


def flattened_tables(text: str) -> list[Table]:
    """Every table whose header row opens with a serial column ("序号") standing on its own line, and every
    table of tab-separated rows whose header names its columns."""
    lines = text_lines(text)
    tables: list[Table] = []
    index = 0
    while index < len(lines):
        if "\t" in lines[index].text:
            table, index = _tab_table(lines, index)
            if table is not None:
                tables.append(table)
            continue
        if not SERIAL_HEADER.match(lines[index].text):
            index += 1
            continue
        columns, index = _header(lines, index + 1)
        body_start = index
        while index < len(lines) and not TABLE_END.match(lines[index].text):
            index += 1
        if len(columns) >= 2:
            tables.append(Table(columns, lines[body_start:index]))
    return tables


def _header(lines: list[Line], index: int) -> tuple[list[str], int]:
    """The header cells after "序号" and the index of the first line after them."""
    columns: list[str] = []
    while index < len(lines):
        cell = lines[index].text
        if columns and CONTINUATION.match(cell):
            columns[-1] += cell
        elif HEADER_CELL.match(cell):
            columns.append(cell)
        else:
            break
        index += 1
    return columns, index


def _tab_table(lines: list[Line], index: int) -> tuple[Table | None, int]:
    """A header row of tab-separated labels and the rows after it (a row without tabs is a category row)."""
    header = _cells(lines[index])
    serial = bool(header) and SERIAL_HEADER.match(header[0].text) is not None
    columns = [cell.text for cell in header[1 if serial else 0:]]
    if len(columns) < 2 or not all(HEADER_CELL.match(c) for c in columns if c):
        return None, index + 1
    body: list[Line] = []
    index += 1
    while index < len(lines) and not TABLE_END.match(lines[index].text):
        line = lines[index]
        if "\t" in line.text:
            cells = _cells(line)
            body += cells[1:] if serial and len(cells) > len(columns) else cells
        elif len(line.text) <= 40:
            body.append(line)
        else:
            break
        index += 1
    return Table(columns, body), index


def _cells(line: Line) -> list[Line]:
    """The tab-separated cells of a row with their offsets (an empty cell keeps its place)."""
    cells: list[Line] = []
    position = line.start
    for cell in line.text.split("\t"):
        stripped = cell.strip()
        start = position + (cell.index(stripped[0]) if stripped else 0)
        cells.append(Line(start, start + len(stripped), stripped))
        position += len(cell) + 1
    return cells
