"""China's places: every administrative division from `cpca`'s table (adcodes and coordinates), plus the
places no division table lists (national new areas and their new towns, demonstration zones, macro areas).

A surface form may name several places (新城区 is in 西安 and in 呼和浩特); the matcher returns every
candidate and `resolve` picks by the document's province. Every place carries its English name
(`place_names`: 宝鸡市 → Baoji, 西咸新区 → Xixian New Area), which the search index reads.
"""

from __future__ import annotations

import csv
import importlib.util
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from graph.model import make_id
from loaders.gazetteers import DATA_PACKAGE, Entry, split_list
from loaders.gazetteers.matcher import SurfaceMatcher
from loaders.gazetteers.place_names import PEOPLES, PROVINCE_SUFFIX, english_name

PREFECTURE_SUFFIX = re.compile(r"(市|地区|盟|自治州)$")
PLACEHOLDER_NAMES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "省直辖县级行政单位"}
MUNICIPALITIES = {"11", "12", "31", "50"}


def _cpca_table() -> Path:
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the cpca package (China's division table) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"


def _read_csv(name: str) -> list[dict[str, str]]:
    with resources.files(DATA_PACKAGE).joinpath("data", name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _level(adcode: str) -> str:
    if adcode[2:] == "0000":
        return "province"
    if adcode[4:] == "00":
        return "city"
    return "district" if adcode[4] == "0" or adcode[4] == "1" else "county"


def _division_level(adcode: str, name: str) -> str:
    level = _level(adcode)
    if level in ("district", "county"):
        if name.endswith("区"):
            return "district"
        return "county"  # 县, 县级市, 旗, 自治县
    return level


def _short_forms(name: str, level: str) -> list[str]:
    """Forms a document uses without the suffix: 陕西省 → 陕西, 西安市 → 西安, 韩城市 → 韩城, 红河哈尼族彝族自治州 →
    红河 and 红河州."""
    forms: list[str] = []
    if level == "province":
        base = PROVINCE_SUFFIX.sub("", name)
    elif level == "city":
        # an autonomous prefecture is named after a place and its peoples (延边朝鲜族自治州 → 延边, 黔东南苗族侗族
        # 自治州 → 黔东南): the peoples are read from their list, so 南 is not taken for one
        match = PEOPLES.match(name)
        base = match.group(1) if match else PREFECTURE_SUFFIX.sub("", name)
    elif name.endswith("市"):  # county-level city
        base = name[:-1]
    else:
        base = name
    if base != name and len(base) >= 2:
        forms.append(base)
        if name.endswith("自治州"):
            forms.append(base + "州")  # 红河州, 黔东南州: how plans write an autonomous prefecture
    return forms


@lru_cache(maxsize=1)
def load_places() -> dict[str, Entry]:
    """All places by id: cpca's divisions, updated by `places_renamed.csv`, plus `places_extra.csv`."""
    entries: dict[str, Entry] = {}
    with _cpca_table().open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            adcode, name = row["adcode"][:6], row["name"].strip()
            if name and name not in PLACEHOLDER_NAMES:
                entries[make_id("City", adcode)] = _division(adcode, name, row.get("longitude"), row.get("latitude"))
    _apply_renames(entries)
    for entry in entries.values():
        if entry.parent and entry.parent not in entries:
            entry.parent = None
    by_name: dict[str, Entry] = {}
    for entry in sorted(entries.values(), key=lambda e: e.id):
        by_name.setdefault(entry.name, entry)
    for row in _read_csv("places_extra.csv"):
        name = row["name"].strip()
        parent = by_name.get(row.get("parent", "").strip())
        level = row["level"].strip()
        entry = Entry(
            label="City", id=make_id("City", name), name=name, aliases=split_list(row.get("aliases")),
            name_en=english_name(name, level), parent=parent.id if parent else None,
            props={"level": level, "adcode": None, "longitude": _float(row.get("longitude")),
                   "latitude": _float(row.get("latitude")),
                   "province": parent.props.get("province") if parent else None,
                   "members": [by_name[m].id for m in split_list(row.get("members")) if m in by_name]},
        )
        entries[entry.id] = entry
        by_name.setdefault(name, entry)
    return entries


def _division(adcode: str, name: str, longitude=None, latitude=None, aliases: list[str] | None = None) -> Entry:
    level = _division_level(adcode, name)
    return Entry(
        label="City", id=make_id("City", adcode), name=name, aliases=_short_forms(name, level) + list(aliases or []),
        name_en=english_name(name, level), parent=_parent_id(adcode),
        props={"level": level, "adcode": adcode, "longitude": _float(longitude), "latitude": _float(latitude),
               "province": adcode[:2] + "0000"},
    )


def _apply_renames(entries: dict[str, Entry]) -> None:
    """Divisions renamed, re-coded or created since cpca's table: the old entry's place under its new name.

    An old name is looked up only under the same parent (城区 exists in many cities), and several
    predecessors (`|`-separated) fold into one successor.
    """
    for row in _read_csv("places_renamed.csv"):
        adcode, name = row["adcode"].strip(), row["name"].strip()
        parent_id = _parent_id(adcode)
        old_names = split_list(row.get("old_name"))
        predecessors = [e for e in entries.values()
                        if e.name in old_names and (e.parent == parent_id or e.props["adcode"][:4] == adcode[:4])]
        same_code = entries.get(make_id("City", adcode))
        if same_code is not None and same_code.name not in old_names:
            old_names.append(same_code.name)
            predecessors.append(same_code)
        located = predecessors[0] if predecessors else None
        for old in predecessors:
            entries.pop(old.id, None)
        entry = _division(adcode, name, located.props["longitude"] if located else None,
                          located.props["latitude"] if located else None, [n for n in old_names if n != name])
        entries[entry.id] = entry


def _parent_id(adcode: str) -> str | None:
    level = _level(adcode)
    if level == "province":
        return None
    if level == "city" or adcode[:2] in MUNICIPALITIES:
        return make_id("City", adcode[:2] + "0000")
    return make_id("City", adcode[:4] + "00")


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


@lru_cache(maxsize=1)
def place_matcher() -> SurfaceMatcher:
    """Every surface form of every place → the ids it may stand for."""
    forms = []
    for entry in load_places().values():
        for surface in [entry.name, *entry.aliases]:
            forms.append((surface, entry.id))
    return SurfaceMatcher(forms)


def province_of(entry: Entry) -> str | None:
    """The province id of a place (itself for a province)."""
    province = entry.props.get("province")
    return make_id("City", province) if province else None
