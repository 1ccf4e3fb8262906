"""The national industry lexicon (`data/industry_lexicon.csv`): GB/T 4754-2017, 战略性新兴产业分类(2018) and
数字经济及其核心产业统计分类(2021) as codes, names, levels and parents (built by tools/build_industry_lexicon.py).

It labels industries, it does not find them: an Industry node whose name is a class of a scheme gets that
class's code (GB4754:C3973, SEI:1.5, DE:0502) and English name, and the scheme's hierarchy may link it to a
broader industry. Names are compared by `match_key` only, which drops the words a scheme appends to every
class (产业, 行业, the 业 of 制造业/服务业), so 人工智能产业 is SEI's 人工智能 while 行业大模型 and 大模型 stay
two different phrases. Residual classes (其他…, …未列明…) name nothing a document develops and are not indexed.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from loaders.gazetteers import DATA_PACKAGE

# A name found in several schemes takes the code of the first: the base standard before the derived ones.
SCHEME_ORDER: tuple[str, ...] = ("GB4754", "SEI", "DE")
TRAILING: tuple[str, ...] = ("产业", "行业")
RESIDUAL: tuple[str, ...] = ("其他", "未列明")


@dataclass(frozen=True)
class LexiconEntry:
    """One class of one scheme."""

    scheme: str
    code: str
    name: str
    level: str
    parent_code: str
    name_en: str | None

    @property
    def node_code(self) -> str:
        """The `code` an Industry node carries: scheme and code, as industries.csv writes them (SEI:1.5)."""
        return f"{self.scheme}:{self.code}"


def match_key(name: str) -> str:
    """The form two names of one class share: 生物医药产业 → 生物医药, 汽车制造业 → 汽车制造."""
    key = "".join(name.split())
    for word in TRAILING:
        if key.endswith(word) and len(key) - len(word) >= 2:
            return key[: -len(word)]
    if key.endswith(("制造业", "服务业")):
        return key[:-1]
    return key


@lru_cache(maxsize=1)
def load_lexicon() -> dict[tuple[str, str], LexiconEntry]:
    """Every class by (scheme, code)."""
    with resources.files(DATA_PACKAGE).joinpath("data", "industry_lexicon.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    return {(row["scheme"], row["code"]): LexiconEntry(
        row["scheme"], row["code"], row["name"], row["level"], row["parent_code"], row["name_en"] or None)
        for row in rows}


@lru_cache(maxsize=1)
def _by_key() -> dict[str, LexiconEntry]:
    index: dict[str, LexiconEntry] = {}
    rank = {scheme: position for position, scheme in enumerate(SCHEME_ORDER)}
    for entry in sorted(load_lexicon().values(), key=lambda e: (rank.get(e.scheme, len(rank)), len(e.code))):
        if not any(word in entry.name for word in RESIDUAL):
            index.setdefault(match_key(entry.name), entry)
    return index


@lru_cache(maxsize=8192)
def lexicon_lookup(name: str) -> LexiconEntry | None:
    """The class a name denotes, if it is one (by `match_key`), else None."""
    return _by_key().get(match_key(name))


def ancestors(entry: LexiconEntry) -> list[LexiconEntry]:
    """The broader classes of an entry, nearest first."""
    lexicon = load_lexicon()
    chain: list[LexiconEntry] = []
    parent = lexicon.get((entry.scheme, entry.parent_code)) if entry.parent_code else None
    while parent is not None and len(chain) < 8:
        chain.append(parent)
        parent = lexicon.get((parent.scheme, parent.parent_code)) if parent.parent_code else None
    return chain
