"""Goals written as an indicator table (主要指标表): one row per metric, a column of target values.

Plans of every province put their headline goals in a table whose header names the columns — 序号, 指标 (or
内容, 名称), 单位, 基数/现状 (a base year), 目标值 (or "2025年目标", or just the target year) — and whose rows
give the metric ("企业上云数（家）") and its values ("8000", "1100亿元"). Extracted text writes such a table
either one row per line with tab-separated cells (Word documents) or one cell per line (web pages, PDFs).

In the one-cell-per-line form a value written as a bare integer may already be gone (the normaliser drops
such lines as page numbers): a row is only read when it keeps as many values as the header has value
columns, so a base value is never taken for the target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A header cell: the words tables use to name their columns, or a year.
HEADER_CELL = re.compile(
    r"(?:序号|编号|(?:主要)?指标(?:名称|内容)?|内容|名称|项目|(?:计量)?单位|基数|基期值?|现状值?|目标值?|预期值?|预期目标|"
    r"(?:指标)?属性|备注|类别|(?:\d{4}年)(?:目标值?|预期值?|基数|现状|基期)?|[（(]\d{4}年[）)])(?:[（(]\d{4}年[）)])?")
METRIC_HEAD = re.compile(r"(?:主要)?指标(?:名称|内容)?|内容|名称|项目")
TARGET_HEAD = re.compile(r"目标|预期")
UNIT_HEAD = re.compile(r"(?:计量)?单位")
SKIPPED_HEAD = re.compile(r"序号|编号|(?:指标)?属性|备注|类别")
YEAR = re.compile(r"(\d{4})年")
# A value cell: "8000", "1100亿元", "≥65%", "35%以上", "约50".
VALUE_UNIT = (r"[万亿千百]*(?:元|家|个|项|件|台|套|户|人次|人|名|座|条|所|吨|千瓦|瓦|平方米|平方公里|公里|亩|次|倍|架|辆|张|"
              r"部|款|种|批)|%|‰|个百分点|百分点|GW|MW|[MGT]bps|万G")
VALUE_CELL = re.compile(rf"(?P<cmp>≥|≤|>|<|约|超过|不低于|不少于|不超过)?(?P<num>\d+(?:\.\d+)?)(?P<unit>{VALUE_UNIT})?"
                        r"(?P<post>以上|以下|左右)?")
UNIT_IN_METRIC = re.compile(r"[（(](?P<unit>[^（）()]{1,8})[）)]$")
# A metric cell is a short noun phrase: no sentence punctuation.
METRIC_CELL = re.compile(r"[^。，；：:]{2,40}")
CATEGORY_ROW = re.compile(r"[一二三四五六七八九十]+、[^。，]{1,30}")
COMPARATORS = {"≥": ">=", "不低于": ">=", "不少于": ">=", "以上": ">=", ">": ">", "超过": ">", "≤": "<=", "不超过": "<=",
               "以下": "<=", "<": "<", "约": "~", "左右": "~"}


@dataclass(frozen=True)
class TableGoal:
    """One row's target: the metric as its cell writes it, the value and where the value is written."""

    metric: str
    value: float
    unit: str
    comparator: str
    year: int | None
    start: int
    end: int
    row: tuple[int, int]


@dataclass(frozen=True)
class Table:
    """Where a table lies in the text, and the goals its rows give."""

    start: int
    end: int
    goals: list[TableGoal]


@dataclass
class Columns:
    """What each header column holds: the metric, the unit, the target and the other values."""

    cells: list[str]
    metric: int
    target: int
    unit: int | None
    values: list[int]  # the columns holding numbers, in order; `target` is one of them
    year: int | None


def columns_of(cells: list[str]) -> Columns | None:
    """The roles of a header's cells, or None when they do not make a table of targets."""
    metric = next((i for i, c in enumerate(cells) if METRIC_HEAD.fullmatch(c)), None)
    unit = next((i for i, c in enumerate(cells) if UNIT_HEAD.fullmatch(c)), None)
    values = [i for i, c in enumerate(cells) if i not in (metric, unit) and not SKIPPED_HEAD.fullmatch(c)]
    if metric is None or not values:
        return None
    named = [i for i in values if TARGET_HEAD.search(cells[i])]
    years = {i: int(m.group(1)) for i in values if (m := YEAR.search(cells[i]))}
    if named:
        target = named[-1]
    elif len(years) == len(values) and len(years) >= 2:
        target = max(years, key=lambda i: years[i])  # "2020年 | 2025年": the later year is the goal
    else:
        return None
    return Columns(cells, metric, target, unit, values, years.get(target))


def merged_header(lines: list[str]) -> list[str]:
    """Header lines as cells: "（2021年）" under "目标值" is one cell, "目标值（2021年）"."""
    cells: list[str] = []
    for line in lines:
        if cells and re.fullmatch(r"[（(]\d{4}年[）)]", line):
            cells[-1] += line
        else:
            cells.append(line)
    return cells


def parse_value(cell: str, unit: str) -> tuple[float, str, str] | None:
    """(value, unit, comparator) of a value cell; the metric's "（亿元）" gives the unit a bare number lacks."""
    match = VALUE_CELL.fullmatch(cell.replace(" ", ""))
    if match is None:
        return None
    written = match.group("unit") or ""
    if written and unit and written != unit:
        return None
    word = match.group("cmp") or match.group("post") or ""
    return float(match.group("num")), written or unit, COMPARATORS.get(word, "=")


def metric_and_unit(cell: str, unit_cell: str | None) -> tuple[str, str]:
    """"企业上云数（家）" → ("企业上云数", "家"); a 单位 column wins over the parenthesis."""
    found = UNIT_IN_METRIC.search(cell)
    if found and not re.fullmatch(VALUE_UNIT, found.group("unit")):
        found = None  # "技术创新中心（研发中心）": a gloss, not a unit
    metric = cell[: found.start()] if found else cell
    unit = unit_cell or (found.group("unit") if found else "")
    return metric.strip(), unit.strip()


def goal_of(cells: list[tuple[str, int]], columns: Columns, row: tuple[int, int]) -> TableGoal | None:
    """The target of one row given as (cell, position) in header order."""
    text = {i: cell for i, (cell, _) in enumerate(cells)}
    unit_cell = text.get(columns.unit) if columns.unit is not None else None
    metric, unit = metric_and_unit(text[columns.metric], unit_cell)
    parsed = parse_value(text[columns.target], unit)
    if parsed is None or not unit and not parsed[1]:
        return None
    value, unit, comparator = parsed
    start = cells[columns.target][1]
    return TableGoal(metric, value, unit, comparator, columns.year, start, start + len(text[columns.target]), row)


def lines_of(text: str) -> list[tuple[str, int]]:
    """(stripped line, start) of every non-blank line."""
    found = []
    for match in re.finditer(r"[^\n]+", text):
        line = match.group(0).strip()
        if line:
            found.append((line, match.start() + match.group(0).index(line[0])))
    return found


def tab_table(lines: list[tuple[str, int]], index: int) -> tuple[Table, int] | None:
    """A header row of tab-separated cells at `index` and the rows that follow it."""
    line, start = lines[index]
    columns = columns_of([c.strip() for c in line.split("\t")])
    if columns is None:
        return None
    goals, end, at = [], start + len(line), index + 1
    while at < len(lines) and "\t" in lines[at][0]:
        row, row_start = lines[at]
        offsets, cells = 0, []
        for cell in row.split("\t"):
            cells.append((cell.strip(), row_start + offsets + (len(cell) - len(cell.lstrip()))))
            offsets += len(cell) + 1
        if len(cells) == len(columns.cells):
            goal = goal_of(cells, columns, (row_start, row_start + len(row)))
            if goal is not None:
                goals.append(goal)
        end, at = row_start + len(row), at + 1
    return Table(start, end, goals), at


def cell_table(lines: list[tuple[str, int]], index: int) -> tuple[Table, int] | None:
    """A header written one cell per line from `index`, and the rows that follow it, one cell per line."""
    at = index
    while at < len(lines) and HEADER_CELL.fullmatch(lines[at][0]):
        at += 1
    header = [line for line, _ in lines[index:at]]
    numbered = next((i for i, cell in enumerate(header) if cell in ("序号", "编号")), 0)
    columns = columns_of(merged_header(header[numbered:]))  # "主要指标" above "序号" is the table's caption
    if columns is None:
        return None
    numeric = len(columns.values)
    goals, end = [], lines[at - 1][1] + len(lines[at - 1][0])
    while at < len(lines):
        line, start = lines[at]
        if CATEGORY_ROW.fullmatch(line):
            at += 1
            continue
        if not METRIC_CELL.fullmatch(line) or VALUE_CELL.fullmatch(line):
            break
        values, after = [], at + 1
        while after < len(lines) and VALUE_CELL.fullmatch(lines[after][0].replace(" ", "")):
            values.append(lines[after])
            after += 1
        if not values:  # a row whose only value was a bare number the normaliser dropped
            at = after
            continue
        end = values[-1][1] + len(values[-1][0])
        if len(values) == numeric:  # a row that lost a bare number cannot say which value is the target
            cells = {columns.metric: (line, start)}
            cells.update(zip(columns.values, values, strict=True))
            ordered = [cells.get(i, ("", start)) for i in range(len(columns.cells))]
            goal = goal_of(ordered, columns, (start, end))
            if goal is not None:
                goals.append(goal)
        at = after
    return Table(lines[index][1], end, goals), at


def find_tables(text: str) -> list[Table]:
    """Every indicator table of the text with its goals (a table without a target column is not read)."""
    if not re.search(r"^\s*(?:序号|(?:主要)?指标)", text, re.M):
        return []
    lines = lines_of(text)
    tables, index = [], 0
    while index < len(lines):
        line = lines[index][0]
        found = None
        if "\t" in line and all(HEADER_CELL.fullmatch(c.strip()) for c in line.split("\t") if c.strip()):
            found = tab_table(lines, index)
        elif HEADER_CELL.fullmatch(line) and re.match(r"序号|编号|(?:主要)?指标|内容|名称", line):
            found = cell_table(lines, index)
        if found is None:
            index += 1
            continue
        table, index = found
        if table.goals:
            tables.append(table)
    return tables
