"""The bilingual industry taxonomy (pillar → sector → segment) from `data/industries.csv`.

Built from 战略性新兴产业分类(2018), GB/T 4754-2017 and the industry names policy documents use. Each row's
surface forms are its name, its aliases, and the name with the suffixes documents attach (产业, 产业链,
产业集群, 制造业), so "增材制造产业" and "3D打印" find the same node.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

from graph.model import make_id
from loaders.gazetteers import DATA_PACKAGE, Entry, split_list
from loaders.gazetteers.matcher import SurfaceMatcher

SUFFIXES: tuple[str, ...] = ("产业链", "产业集群", "产业", "制造业", "行业", "领域")


@lru_cache(maxsize=1)
def load_industries() -> dict[str, Entry]:
    """All taxonomy rows by id, parents resolved to ids."""
    with resources.files(DATA_PACKAGE).joinpath("data", "industries.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    entries: dict[str, Entry] = {}
    for row in rows:
        name = row["name"].strip()
        entry = Entry(
            label="Industry", id=industry_id(name), name=name, aliases=split_list(row.get("aliases")),
            name_en=(row.get("name_en") or "").strip() or None,
            parent=industry_id(row["parent"].strip()) if (row.get("parent") or "").strip() else None,
            props={"level": (row.get("level") or "segment").strip(), "code": (row.get("code") or "").strip() or None},
        )
        entries[entry.id] = entry
    for entry in entries.values():
        if entry.parent not in entries:
            entry.parent = None
    return entries


def industry_id(name: str) -> str:
    return make_id("Industry", name)


def strip_suffix(phrase: str) -> str:
    """增材制造产业 → 增材制造; keeps the phrase when nothing would remain."""
    if not phrase.endswith(SUFFIXES):  # most phrases: one test instead of one per suffix (tens of thousands a document)
        return phrase
    for suffix in SUFFIXES:
        if phrase.endswith(suffix) and len(phrase) - len(suffix) >= 2:
            return phrase[: -len(suffix)]
    return phrase


@lru_cache(maxsize=1)
def surface_index() -> dict[str, str]:
    """Surface form (Chinese or lower-case English) → industry id; first row wins on a clash."""
    index: dict[str, str] = {}
    for entry in load_industries().values():
        forms = [entry.name, *entry.aliases]
        if entry.name_en:
            forms.append(entry.name_en)
        for form in forms:
            for variant in (form, form.lower(), *(form + s for s in SUFFIXES[:4])):
                index.setdefault(variant, entry.id)
    return index


@lru_cache(maxsize=1)
def industry_matcher() -> SurfaceMatcher:
    return SurfaceMatcher((form, entry_id) for form, entry_id in surface_index().items() if not form.isascii())


@lru_cache(maxsize=65536)
def lookup(phrase: str) -> Entry | None:
    """The taxonomy entry a phrase names exactly (after case folding and suffix stripping), if any.

    Kept per phrase: every term hit, list item and its parts is looked up, the same terms many times a
    document, and the answer depends on the phrase and the taxonomy alone."""
    index = surface_index()
    phrase = phrase.strip()
    entry_id = index.get(phrase) or index.get(phrase.lower()) or index.get(strip_suffix(phrase))
    return load_industries().get(entry_id) if entry_id else None
