"""Task tables: who carries out each row of a responsibility table (任务分工表, 任务清单, 成果清单).

A plan's annex often lists its tasks as a table — 序号 | 工作任务 | 主要内容 | 牵头单位 | 配合单位 | 完成时限 — that
reaches the text flattened (loaders.extract.tables). A row's task is its 任务/事项/名称 cell (else its first
cell), and the cells of the responsibility columns say who carries it out: a 牵头 column leads, a 配合/协助/参与
column supports, a 责任单位 column's first unit leads and the rest support (GOLD_SPEC). Cells are recognised by
what they hold (only responsible units, group words, firms or schools; no sentence, no deed), not by counting
lines, because serial numbers and empty cells may be lost on the way.
"""

from __future__ import annotations

import re

from graph.model import FactBatch
from loaders.extract import DocContext
from loaders.extract.agencies import (
    GENERIC,
    JOINED_GROUP,
    LEAD,
    PARENTHETICAL,
    SUPPORT,
    Resolved,
    TaskRef,
    add_responsibility,
    clean_item,
    is_heading,
    list_items,
    resolve_agency,
    split_top,
)
from loaders.extract.tables import Line, Table, flattened_tables


def extract_table_agencies(ctx: DocContext, batch: FactBatch) -> None:
    """LEADS/SUPPORTS from the rows of responsibility tables (DocContext → FactBatch)."""
    for role, resolved, task, evidence in table_responsibilities(ctx):
        add_responsibility(ctx, batch, role, resolved, task, evidence)



# A column that says who carries a row out: 牵头单位, 责任单位, 牵头（责任）单位, 配合部门, 责任主体.
RESPONSIBILITY_COLUMN = re.compile(r"^(?:主要)?(?P<kind>牵头|责任|负责|配合|协助|参与|主责|承办)[（(]?[^（）()]{0,4}[）)]?"
                                   r"(?:单位|部门|主体|处室)")
# The column that names the task, when the first one is a category (领域 | 重点任务 | 牵头单位).
TASK_COLUMN = re.compile(r"任务|事项|名称|举措|措施|工作|项目|成果")
# A cell that opens with a deed is a task or an outcome, not a list of units.
DEED = re.compile(r"^(?:建成|上线|完成|出台|制定|印发|编制|举办|创建|争创|新增|培育|打造|建设|建立|完善|推动|推进|实施|开展)")
# Units a responsibility list may name that are not agencies: firms, schools, institutes.
NOT_AGENCY_UNIT = re.compile(r"(?:公司|集团|大学|学院|研究院|研究所|医院|运营商|企业)$")
# Prose lines left behind where a table stops: more of them than this and the table is over.
ROW_GAP = 3


def table_responsibilities(ctx: DocContext) -> list[tuple[str, Resolved, TaskRef, tuple[int, int]]]:
    """Rows of task tables: the row's first cell after the serial number is the task, the cells of its
    responsibility columns who carries it out (牵头 columns lead, 配合 columns support, a 责任单位 column's
    first unit leads)."""
    out = []
    for table in flattened_tables(ctx.text):
        columns = [(index, RESPONSIBILITY_COLUMN.match(label)) for index, label in enumerate(table.columns)]
        columns = [(index, match.group("kind")) for index, match in columns if match and index > 0]
        if columns:
            out += _table_rows(ctx, table, columns)
    return out


def _table_rows(ctx: DocContext, table: Table, columns: list[tuple[int, str]]):
    first, kind = columns[0]
    named = [index for index, label in enumerate(table.columns[:first]) if TASK_COLUMN.search(label)]
    distance = first - (named[-1] if named else 0)  # cells from the task cell to the responsibility cell
    out, row_end, gap = [], -1, 0
    index = 0
    while index < len(table.body):
        units = _cell_units(table.body[index].text)
        if not units:
            gap = 0 if index <= row_end else gap + 1
            if gap > ROW_GAP + len(table.columns):
                break
            index += 1
            continue
        title = _row_title(table.body, index - distance, row_end)
        cells = [(table.body[index], units, kind)]
        following = index + 1
        for _column, next_kind in columns[1:]:
            extra = _cell_units(table.body[following].text) if following < len(table.body) else []
            if not extra:
                break
            cells.append((table.body[following], extra, next_kind))
            following += 1
        if title is not None:
            task = TaskRef(f"{ctx.doc_id}|table|{title.text}", title.text, "table", (title.start, title.end))
            for line, units_of_cell, cell_kind in cells:
                out += [(role, resolved, task, (title.start, line.end))
                        for role, resolved in _cell_roles(ctx, units_of_cell, cell_kind)]
        row_end, gap = following - 1, 0
        index = following
    return out


def _row_title(body: list[Line], at: int, row_end: int) -> Line | None:
    """The row's task cell: the line as many cells before the responsibility cell as the header puts it."""
    if at <= row_end or at < 0:
        return None
    line = body[at]
    if is_heading(line.text) or len(line.text) > 80 or _cell_units(line.text):
        return None
    return line


def _cell_units(text: str) -> list[tuple[str, bool]]:
    """The units a cell names (each with whether it is marked "（牵头）"), if the cell is only a list of who is
    responsible: every piece a unit, a group word (省直有关部门) or a firm or school (not agencies); no sentence,
    no piece opening with a verb (a task cell "建成某某数据中心" ends like a body's name)."""
    if re.search(r"[。：:！？]", text) or len(text) > 200 or DEED.match(text):
        return []
    units: list[tuple[str, bool]] = []
    for _, group in split_top(text, "，,；;"):
        found = list_items(group)
        names = [PARENTHETICAL.sub("", unit) for unit, _ in found]
        for _, raw in split_top(group, "、"):
            for part in JOINED_GROUP.split(raw):
                piece = PARENTHETICAL.sub("", clean_item(part))
                if piece and not GENERIC.search(piece) and not NOT_AGENCY_UNIT.search(piece) and \
                        not any(piece in name or name.endswith(piece) for name in names):
                    return []
        units += found
    return units


def _cell_roles(ctx: DocContext, units: list[tuple[str, bool]], kind: str) -> list[tuple[str, Resolved]]:
    """牵头 columns lead, 配合 columns support; in a 责任 column the unit marked （牵头）, else the first, leads."""
    marked = any(mark for _, mark in units)
    out = []
    for position, (unit, mark) in enumerate(units):
        resolved = resolve_agency(unit, ctx)
        if resolved is None:
            continue
        if kind in ("配合", "协助", "参与"):
            role = SUPPORT
        elif kind in ("责任", "负责"):
            role = LEAD if (mark if marked else position == 0) else SUPPORT
        else:
            role = LEAD
        out.append((role, resolved))
    return out
