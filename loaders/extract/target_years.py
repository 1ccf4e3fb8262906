"""The year a quantified goal is due: deadline phrases, the document's own year, and the plan's horizon.

A deadline ("到2025年", "2025年底前", "“十四五”时期") governs the clauses after it until another year is named;
a year not later than the document's own is history. A goal that names no year of its own is due when its
section says ("…培育20家龙头企业。到2025年底，…" states the deadline after the list) or, failing that, at
the end of the plan's period: the range in its title ("三年行动计划（2021—2023年）", "“十四五”…规划") or the
deadline the document names most often.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

DEADLINE = re.compile(r"(?P<kind>到|至|截至|截止到|截止)(?P<year>\d{4})年(?:底|末)?")
BEFORE = re.compile(r"(?P<year>\d{4})年(?:底|末)?(?:前|以前)")
SINCE = re.compile(r"(?P<year>\d{4})年以来")
# "较2020年", "由2020年的…", "是2020年的2倍": a base for comparison, neither a deadline nor a sign of history.
BARE_YEAR = re.compile(r"(?<![到至止较比与同由从是为\d])(?P<year>\d{4})年(?![底末]?(?:前|以前|以来)|\d|以来)")
CN_YEAR = re.compile(r"[〇零一二三四五六七八九]{4}(?=年)")
CN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
PERIOD = re.compile(r"“?十(?P<n>[一二三四五六])五”?(?:规划)?(?:时期|期间|末|期末)?")
PERIOD_NUMBER = {"一": 11, "二": 12, "三": 13, "四": 14, "五": 15, "六": 16}
THIS_YEARS_GOAL = re.compile(r"力争|确保|争取|计划|预计|目标")
PART_OF_YEAR = re.compile(r"(?:上半年|下半年|前三季度|[一二三四]季度|第[一二三四]季度|1[-—~至]\d{1,2}月)")
# "（2021—2023年）", "2024-2027年": a plan's period, as its title writes it.
TITLE_RANGE = re.compile(r"(?P<first>\d{4})\s*年?\s*[-—–－~～至到]\s*(?P<last>\d{4})\s*年")


@dataclass
class YearState:
    """The year that governs the clauses being read, and whether it lies in the past."""

    year: int | None = None
    historical: bool = False


def reference_year(meta) -> int | None:
    """The document's own year: a year after it is the future, a year up to it is history."""
    for value in (getattr(meta, "published", None), getattr(meta, "released", None), getattr(meta, "doc_number", None)):
        match = re.search(r"(\d{4})", value or "")
        if match:
            return int(match.group(1))
    return None


def arabic_years(text: str) -> str:
    """"二〇二五年" → "2025年", same length, so the year patterns read both spellings."""
    return CN_YEAR.sub(lambda m: m.group(0).translate(CN_DIGITS), text)


def period_end(match: re.Match) -> int:
    """"十四五" → 2025: the last year of a five-year plan period."""
    return 1955 + 5 * PERIOD_NUMBER[match.group("n")]


def year_markers(masked: str, start: int, end: int, ref: int | None) -> list[tuple[int, YearState]]:
    """(position, state) for every year phrase in masked[start:end], in order."""
    window = masked[start:end]
    if "年" not in window and "十" not in window:
        return []  # every year pattern holds 年, a period 十: most sentences name neither and are not searched
    window = arabic_years(window)
    markers: list[tuple[int, YearState]] = []
    taken: list[tuple[int, int]] = []

    def add(match: re.Match, state: YearState) -> None:
        if not any(a <= match.start() < b for a, b in taken):
            taken.append((match.start(), match.end()))
            markers.append((start + match.start(), state))

    for match in DEADLINE.finditer(window):
        year = int(match.group("year"))
        past = match.group("kind").startswith("截") or (ref is not None and year < ref)
        add(match, YearState(None if past else year, past))
    for match in BEFORE.finditer(window):
        add(match, YearState(int(match.group("year")), False))
    for match in SINCE.finditer(window):
        add(match, YearState(None, True))
    for match in PERIOD.finditer(window):
        year = period_end(match)
        past = ref is not None and year < ref
        add(match, YearState(None if past else year, past))
    for match in BARE_YEAR.finditer(window):
        if re.match(r"\d{1,2}月", window[match.end():match.end() + 3]):
            continue  # a date
        year = int(match.group("year"))
        # "2024年，力争…" in a 2024 work plan is this year's goal; "2024年，…达到…" or "2024年上半年，…" reports it
        at = start + match.end()
        this_year = ref is not None and year == ref and not PART_OF_YEAR.match(window, match.end()) and bool(
            THIS_YEARS_GOAL.search(masked, at, at + 8))
        future = ref is not None and (year > ref or this_year)
        add(match, YearState(year if future else None, not future))
    return sorted(markers, key=lambda m: m[0])


def plan_horizon(title: str | None, deadlines: list[int]) -> int | None:
    """The year the plan runs to: its title's period, else the deadline it names most often (the later on a tie)."""
    if title:
        ranged = TITLE_RANGE.search(arabic_years(title))
        if ranged and int(ranged.group("first")) <= int(ranged.group("last")):
            return int(ranged.group("last"))
        period = PERIOD.search(title)
        if period:
            return period_end(period)
    if not deadlines:
        return None
    counts = Counter(deadlines)
    return max(counts, key=lambda year: (counts[year], year))
