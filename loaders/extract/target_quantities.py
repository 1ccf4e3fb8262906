"""Numbers with their units in policy text: "350亿元", "三十个", "1.2万家", "10—20家", "40Tbps", "千兆接入能力".

A quantity is read with what modifies it (多/余 before the unit, 以上/左右 after it, a range's upper bound) so
the target reader can turn the modifiers into a comparator. Counts drop their 万 ("1.2万家" is 12000 家);
money, tonnes and people keep it, as the documents and the gold write them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import cn2an

NUM = r"\d+(?:\.\d+)?"
# "三十", "一百二十", "百" ("超百亿元"), and 万 alone before 亿 ("突破万亿元").
CN_NUM = r"[零〇一二两三四五六七八九十百千万]*[十百千][零〇一二两三四五六七八九十百千万]*|万(?=亿)"
COUNT_UNITS = "家|户|个|项|件|条|座|所|台|套|支|批|款|种|架|场|次"
# Bandwidth as plans write it: "40Tbps", "7000吉比特每秒", "3.2万G", "1000M" (a bare M or G needs a size: "5G" is a
# technology, so G only after 万 and M only for 100 and more, see `find_quantities`).
BANDWIDTH = r"[TGM]bps|吉比特每秒|兆比特每秒|万G|M(?![A-Za-z0-9])"
UNITS = (r"万亿元|千亿元|亿元|吨标准煤/万元|万元/人|万元|元/人|元|个百分点|百分点|%|‰|万吨|吨|万辆|辆|万千瓦|千瓦|吉瓦|兆瓦|GW|MW|"
         rf"万平方米|平方米|平方公里|万公里|公里|万亩|亩|万公顷|公顷|万头|万人次|万人|人次|人|名|倍|{BANDWIDTH}|万?(?:{COUNT_UNITS})|"
         r"亿(?![元级美人吨千万平])")
QUANTITY = re.compile(
    rf"(?<![A-Za-z0-9.\-+/第每])(?P<num>{NUM}|{CN_NUM})(?:(?P<sep>[-—–－~～至])(?P<num2>{NUM}|{CN_NUM}))?"
    rf"(?P<approx>多|余)?(?P<unit>{UNITS})(?P<post>以上|以下|以内|左右)?"
)
# "具备千兆接入能力", "接入超千兆、商用万兆的网络能力": bandwidth written as a word (not 双千兆, 千兆光网, 千兆城市).
GIGABIT = re.compile(r"(?<!双)(?P<word>千兆|万兆)(?=(?:宽带|光纤)?接入能力|的?网络(?:接入)?能力|、[^，。；]{0,12}[千万]兆)")
GIGABIT_MBPS = {"千兆": 1000.0, "万兆": 10000.0}
CAPABILITY = re.compile(r"(?:接入|网络)能力")
RATIO = re.compile(r"(?<![\d.])1[∶:](?P<num>\d+(?:\.\d+)?)")
# A character every QUANTITY, GIGABIT and RATIO match holds: a digit, or 十/百/千 (CN_NUM) or 万 (万亿, 万兆).
NUMERAL = re.compile(r"[\d十百千万]")
MONEY_UNITS = ("万亿元", "千亿元", "亿元", "万元", "元")


@dataclass(frozen=True)
class Quantity:
    """One number with its unit; `start`/`end` cover the number and its modifiers (以上, 左右)."""

    start: int
    end: int
    value: float
    unit: str
    post: str = ""
    approx: str = ""
    value_max: float | None = None
    capability: str = ""  # what a bandwidth word measures: "具备千兆接入能力" → "接入能力"

    @property
    def is_range(self) -> bool:
        return self.value_max is not None


def parse_number(raw: str) -> float | None:
    """Arabic or Chinese numerals ("三十", "百", "1.2万") as a float; None when cn2an cannot read it."""
    if re.fullmatch(NUM, raw):
        return float(raw)
    text = "一" + raw if raw[0] in "十百千万" else raw
    try:
        return float(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, TypeError):
        return None


def normalise_unit(value: float, unit: str) -> tuple[float, str]:
    """"1.2万家" is 12000 家: counts drop their 万; money, tonnes and people keep it (万元, 万吨, 万人)."""
    if unit.startswith("万") and unit[1:] in COUNT_UNITS.split("|"):
        return value * 10000, unit[1:]
    if unit == "百分点":
        return value, "个百分点"
    return value, unit


def find_quantities(masked: str, start: int, end: int, ratios: bool = False) -> list[Quantity]:
    """Numbers with units in masked[start:end]; with `ratios`, also "1∶0.5" (a matching ratio)."""
    if NUMERAL.search(masked, start, end) is None:
        return []  # most clauses hold no number: QUANTITY, whose match opens nowhere in particular, is not run
    found = []
    for match in QUANTITY.finditer(masked, start, end):
        raw = match.group("num")
        if not re.match(r"\d", raw) and re.match(r"[零〇一二两三四五六七八九十百千万]", masked[match.end():match.end() + 1]):
            continue  # idioms such as 千家万户
        value = parse_number(raw)
        if value is None:
            continue
        if (match.group("unit") == "M" and value < 100) or (match.group("unit") == "亿" and not raw[0].isdigit()):
            continue  # "3M", "百亿": a name and a scale word, not quantities
        upper = parse_number(match.group("num2")) if match.group("num2") else None
        if upper is not None and upper <= value:
            upper = None  # "2021-2023" read as a range of counts is a period, not a range: no upper bound
        scaled, unit = normalise_unit(value, match.group("unit"))
        value_max = upper * scaled / value if upper is not None and value else None
        found.append(Quantity(match.start(), match.end(), scaled, unit, match.group("post") or "",
                              match.group("approx") or "", value_max))
    for match in GIGABIT.finditer(masked, start, end):
        capability = CAPABILITY.search(masked, match.end(), end)
        found.append(Quantity(match.start(), match.end(), GIGABIT_MBPS[match.group("word")], "Mbps",
                              capability=capability.group(0) if capability else ""))
    if ratios:
        for match in RATIO.finditer(masked, start, end):
            found.append(Quantity(match.start(), match.end(), float(match.group("num")), "比例"))
    return sorted(found, key=lambda q: q.start)


@dataclass
class Clause:
    """A clause of a sentence (split at commas and semicolons) and the quantities written in it."""

    start: int
    end: int
    quantities: list[Quantity] = field(default_factory=list)
