"""Known development zones and parks (`data/parks.csv`): official names, kinds, tiers and short forms.

Most parks are found by their name pattern (…高新技术产业开发区, …工业园区); the gazetteer adds what a pattern
cannot know: that 西安航天基地 is 陕西航天经济技术开发区, and which zones are national.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources

from graph.model import make_id
from loaders.gazetteers import DATA_PACKAGE, Entry, split_list
from loaders.gazetteers.matcher import SurfaceMatcher

# Abbreviations documents use for zone types, expanded to the official suffix.
ZONE_ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("高新区", "高新技术产业开发区"),
    ("经开区", "经济技术开发区"),
)
PARK_KINDS: tuple[tuple[re.Pattern, str], ...] = (
    (re.compile(r"(高新技术产业开发区|高新区|高新技术开发区)$"), "high_tech_zone"),
    (re.compile(r"(经济技术开发区|经开区|经济开发区)$"), "economic_dev_zone"),
    (re.compile(r"(综合保税区|保税区)$"), "bonded_zone"),
    (re.compile(r"(自由贸易试验区|自贸区|自贸试验区)"), "free_trade_zone"),
    (re.compile(r"(示范区|示范园区?)$"), "demonstration_zone"),
    (re.compile(r"(基地)$"), "base"),
    (re.compile(r"(新城|新区)$"), "new_town"),
)


def park_kind(name: str) -> str:
    for pattern, kind in PARK_KINDS:
        if pattern.search(name):
            return kind
    return "industrial_park"


def park_id(name: str) -> str:
    return make_id("Park", expand_abbreviation(name))


def expand_abbreviation(name: str) -> str:
    """西安高新区 → 西安高新技术产业开发区 (the official form is the canonical name)."""
    for short, full in ZONE_ABBREVIATIONS:
        if name.endswith(short) and len(name) > len(short):
            return name[: -len(short)] + full
    return name


@lru_cache(maxsize=1)
def load_parks() -> dict[str, Entry]:
    path = resources.files(DATA_PACKAGE).joinpath("data", "parks.csv")
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    entries: dict[str, Entry] = {}
    for row in rows:
        name = row["name"].strip()
        entry = Entry(
            label="Park", id=park_id(name), name=name, aliases=split_list(row.get("aliases")),
            props={"kind": (row.get("kind") or "").strip() or park_kind(name), "tier": (row.get("tier") or "").strip()
                   or None, "city": (row.get("city") or "").strip() or None},
        )
        entries[entry.id] = entry
    return entries


@lru_cache(maxsize=1)
def park_matcher() -> SurfaceMatcher:
    return SurfaceMatcher((form, entry.id) for entry in load_parks().values() for form in [entry.name, *entry.aliases])
