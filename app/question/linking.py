"""Entity linking: every name a question contains → the graph node it means, longest match first.

Names come from the search index the API already has (names, aliases, English names), plus short park names
derived from full ones (宝鸡高新技术产业开发区 → 宝鸡高新区) and the romanisation of places (Hanzhong, Xi'an).
A Chinese name matches as a substring, an English one only between word boundaries. What is left over is
tried again loosely: runs of English words against English names (a misspelling such as "additve"), runs
against romanisations (Hanzong), and a Chinese stem against name prefixes (钛 → 钛材). The work is bounded:
one pass over the index's forms per question, and fuzzy runs of at most a few words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pypinyin import lazy_pinyin
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from app.question.model import Entity
from graph.search import FUZZY_CUTOFF, SearchIndex, normalise

ZH_CHAR = re.compile(r"[\u3400-\u9fff]")
LATIN_WORD = re.compile(r"[a-z0-9][a-z0-9'’\-]*")
MAX_RUN = 4  # words: the longest English name tried fuzzily ("new energy vehicle industry")
MAX_WORDS = 80  # words of one question considered at all: bounds the fuzzy work
MAX_CHUNK = 12  # characters: a leftover Chinese chunk longer than this is a sentence, not a misspelt name
PINYIN_FUZZY = 90  # "Hanzong" → hanzhong: a romanisation this close, and only one, is the place meant
SIMILAR = 70  # a name this close (rapidfuzz ratio) is worth suggesting after a miss
# Plain pinyin cannot tell 陕西 from 山西; the official romanisation spells it Shaanxi for exactly that reason.
OFFICIAL_SPELLINGS = {"陕西": "shaanxi"}
PLACE_SUFFIXES = ("壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "自治州", "地区", "省", "市", "县", "区")
PARK_SHORT = (("高新技术产业开发区", "高新区"), ("经济技术开发区", "经开区"), ("经济开发区", "经开区"),
              ("市高新", "高新"))
# A park type alone (an agency's or park's alias 高新区) names no one park: never linked.
GENERIC = {"高新区", "经开区", "开发区", "园区", "产业园", "工业园", "基地", "新区", "示范区"}
# English for a park's type: 宝鸡高新技术产业开发区 → "Baoji High-tech Zone".
PARK_ENGLISH = {"高新技术产业开发区": ("high-tech zone", "high tech zone", "hi-tech zone", "high-tech industrial "
                                       "development zone", "high-tech development zone", "hitech zone"),
                "经济技术开发区": ("economic and technological development zone", "economic-technological development "
                                  "zone", "economic development zone", "etdz", "development zone"),
                "经济开发区": ("economic development zone", "development zone")}
LABEL_ORDER = {"City": 0, "Park": 1, "Industry": 2, "Firm": 3, "Agency": 4, "Org": 5}


@dataclass
class Form:
    """One way to write a node's name, and how a match on it is called (exact name, alias, English name)."""

    text: str
    owner: int
    match: str


class Linker:
    """Names → graph nodes over one search index; built once per store, immutable after."""

    def __init__(self, index: SearchIndex, stop: Iterable[str] = (), documents: Iterable[dict[str, Any]] = ()):
        self.index = index
        self.documents = [d for d in documents if d.get("title")]
        stop_words = {normalise(s) for s in stop} | GENERIC
        self.stop_words = frozenset(w for s in stop_words for w in s.split())
        self.places_en = {short: entry["name_en"] for entry in index.entries if entry["label"] == "City"
                          and entry.get("name_en") for short in [entry["name"], *(entry.get("aliases") or [])]}
        self.forms: list[Form] = []
        for owner, entry in enumerate(index.entries):
            for text, match in self._names(entry) + self._park_names(entry):
                text = normalise(text)
                if len(text) >= 2 and text not in stop_words:
                    self.forms.append(Form(text, owner, match))
        # Longest first; of one name held by two nodes (the graph may hold a park twice), the shorter-named first.
        self.forms.sort(key=lambda f: (-len(f.text), LABEL_ORDER.get(index.entries[f.owner]["label"], 9),
                                       len(index.entries[f.owner]["name"])))
        self.latin = [f for f in self.forms if not ZH_CHAR.search(f.text)]
        self.by_length: dict[int, list[Form]] = {}
        for form in self.forms:
            if ZH_CHAR.search(form.text):
                self.by_length.setdefault(len(form.text), []).append(form)
        self.pinyin = self._pinyin_keys()
        self.firm_pinyin = self._firm_pinyin_keys()

    @staticmethod
    def _names(entry: dict[str, Any]) -> list[tuple[str, str]]:
        names = [(entry["name"], "exact")] + [(a, "alias") for a in entry.get("aliases") or [] if a]
        if entry.get("name_en"):
            names.append((entry["name_en"], "english"))
        if entry["label"] == "Park":
            for long, short in PARK_SHORT:
                if long in entry["name"]:
                    names.append((entry["name"].replace(long, short), "alias"))
            for tier in ("省级", "国家级", "市级"):
                if tier in entry["name"]:
                    names.append((entry["name"].replace(tier, ""), "alias"))
        # English names in the other number: drone(s), rare metal(s)
        for text, match in list(names):
            if text and re.fullmatch(r"[A-Za-z][A-Za-z0-9 \-]+[A-Za-z]", text) and len(text) > 4:
                other = text[:-1] if text.endswith("s") and not text.endswith("ss") else text + "s"
                names.append((other, match))
        return names

    def _park_names(self, entry: dict[str, Any]) -> list[tuple[str, str]]:
        """A park's name without its place (蔡家坡经开区) and in English (Baoji High-tech Zone)."""
        if entry["label"] != "Park":
            return []
        names: list[tuple[str, str]] = []
        name = entry["name"]
        for place, english in self.places_en.items():
            if not name.startswith(place):
                continue
            rest = name[len(place):]
            for long, short in PARK_SHORT:
                if rest.endswith(long) and len(rest) > len(long) + 1:
                    names += [(rest, "alias"), (rest.replace(long, short), "alias")]
            for long, words in PARK_ENGLISH.items():
                if rest == long:
                    names += [(f"{english} {w}", "english") for w in words]
        return names

    # -- linking ---------------------------------------------------------------------------------------------
    def link(self, text: str) -> list[Entity]:
        """Every entity the (cleaned) text names, in the order they occur; spans never overlap."""
        lowered = normalise(text)
        taken = [False] * len(lowered)
        found: list[Entity] = self._titles(text, taken)
        for form in self.forms:
            for start in _occurrences(lowered, form.text):
                end = start + len(form.text)
                if any(taken[start:end]):
                    # one surface, one node; only an industry name several industries share keeps them all
                    same = [e for e in found if e.start == start and len(e.surface) == end - start]
                    label = self.index.entries[form.owner]["label"]
                    if not (same and label == "Industry" == same[0].label
                            and all(e.id != self.index.entries[form.owner]["id"] for e in same)):
                        continue
                found.append(self._entity(text[start:end], form.owner, form.match, start))
            for entity in found:
                for i in range(entity.start, entity.start + len(entity.surface)):
                    taken[i] = True
        found += self._loose(text, lowered, taken)
        return sorted(found, key=lambda e: e.start)

    def _titles(self, text: str, taken: list[bool]) -> list[Entity]:
        """Documents named by their title in 《》: the names inside a title are the title's, not the question's."""
        found = []
        for match in re.finditer(r"《([^《》]{2,100})》", text):
            title = normalise(match.group(1))
            doc = next((d for d in self.documents if normalise(d["title"]) == title), None) or next(
                (d for d in self.documents if title in normalise(d["title"])), None)
            if doc:
                found.append(Entity(match.group(0), doc["id"], doc["title"], "Document", "exact" if normalise(
                    doc["title"]) == title else "prefix", None, match.start()))
                taken[match.start():match.end()] = [True] * (match.end() - match.start())
        return found

    def _loose(self, text: str, lowered: str, taken: list[bool]) -> list[Entity]:
        """Runs of free English words: romanised places, then misspelt English names, longest run first."""
        words = [m for m in LATIN_WORD.finditer(lowered) if not any(taken[m.start():m.end()])][:MAX_WORDS]
        found: list[Entity] = []
        used: set[int] = set()
        for size in range(MAX_RUN, 0, -1):
            for i in range(len(words) - size + 1):
                run = words[i:i + size]
                if used & set(range(i, i + size)) or not _adjacent(lowered, run):
                    continue
                start, end = run[0].start(), run[-1].end()
                if any(taken[start:end]):
                    continue
                if run[0].group() in self.stop_words or run[-1].group() in self.stop_words:
                    # a loose run opens and closes on a word of the name ("for manufacturing" is no name); only
                    # a romanisation written exactly may hold a question word ("xi an")
                    entity = self._by_pinyin(text[start:end], start, exact=True) if size > 1 else None
                else:
                    entity = self._by_pinyin(text[start:end], start) or self._fuzzy(text[start:end], start)
                if entity:
                    found.append(entity)
                    used |= set(range(i, i + size))
        return found

    def _fuzzy(self, surface: str, start: int) -> Entity | None:
        key = normalise(surface)
        if len(key) < 5 or not any(w not in self.stop_words for w in key.split()):
            return None
        best = process.extractOne(key, [f.text for f in self.latin], scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if not best:
            return None
        form = self.latin[best[2]]
        if (key in form.text and not form.text.startswith(key)) or (form.text in key and not key.startswith(form.text)):
            return None  # manufacturing is not a misspelt remanufacturing: a part of a name is another word
        return self._entity(surface, form.owner, "fuzzy", start)

    def _by_pinyin(self, surface: str, start: int, exact: bool = False) -> Entity | None:
        key = re.sub(r"[^a-z]", "", re.sub(r"['’]s$", "", surface.lower()))
        if len(key) < 4:
            return None
        owners = self.pinyin.get(key, set()) or self.firm_pinyin.get(key, set())
        if len(owners) == 1:
            return self._entity(surface, next(iter(owners)), "pinyin", start)
        if exact:
            return None
        close = [k for k, _, _ in process.extract(key, list(self.pinyin), scorer=fuzz.ratio, limit=5,
                                                  score_cutoff=PINYIN_FUZZY)]
        if not close and len(key) >= 5:  # one letter off or two swapped: Boaji, Hanzong
            close = [k for k in self.pinyin if abs(len(k) - len(key)) <= 1 and OSA.distance(key, k) <= 1]
        owners = set().union(*(self.pinyin[k] for k in close)) if close else set()
        if len(owners) == 1:
            return self._entity(surface, next(iter(owners)), "fuzzy", start)
        return None

    def near_chinese(self, chunk: str) -> Entity | None:
        """A Chinese chunk one character off a name (增财制造 → 增材制造), or a window of it spelling a place with a
        homophone (汗中 → 汉中): the longest that has exactly one such name."""
        if len(chunk) > MAX_CHUNK:
            return None
        for size in range(len(chunk), 1, -1):
            for i in range(len(chunk) - size + 1):
                window = chunk[i:i + size]
                if not all(ZH_CHAR.match(c) for c in window):
                    continue
                # one character off only over the whole chunk: inside a longer chunk (优秀服务商) it is a guess
                owners = {f.owner for f in self.by_length.get(size, []) if size >= 3 and size == len(chunk)
                          and sum(a != b for a, b in zip(f.text, window, strict=True)) == 1}
                if not owners:
                    owners = self.pinyin.get("".join(lazy_pinyin(window)).lower(), set())
                if len(owners) == 1:
                    return self._entity(window, next(iter(owners)), "fuzzy", -1)
        return None

    def by_prefix(self, stem: str, labels: tuple[str, ...] = ("Industry",)) -> Entity | None:
        """The shortest name a Chinese stem begins (钛 → 钛材 → 钛及钛合金): for one-character industries."""
        stem = normalise(stem)
        if not stem or not ZH_CHAR.search(stem):
            return None
        hits = [f for f in self.forms if f.text.startswith(stem) and self.index.entries[f.owner]["label"] in labels]
        if not hits:
            return None
        best = min(hits, key=lambda f: (len(f.text), f.text))
        return self._entity(stem, best.owner, "prefix", -1)

    def _entity(self, surface: str, owner: int, match: str, start: int) -> Entity:
        entry = self.index.entries[owner]
        return Entity(surface, entry["id"], entry["name"], entry["label"], match, entry.get("name_en"), start)

    # -- romanisations --------------------------------------------------------------------------------------
    def _pinyin_keys(self) -> dict[str, set[int]]:
        """Romanised place names (汉中市 → hanzhong, hanzhongshi) → the places they may mean."""
        keys: dict[str, set[int]] = {}
        for owner, entry in enumerate(self.index.entries):
            if entry["label"] == "City":
                for key in _romanisations([entry["name"], *(entry.get("aliases") or [])]):
                    keys.setdefault(key, set()).add(owner)
        return keys

    def _firm_pinyin_keys(self) -> dict[str, set[int]]:
        """Romanised short names of firms (西飞 → xifei, 隆基 → longji): English text writes a Chinese brand in pinyin.
        Exact spellings only (a misspelt one could be any English word), and places keep their romanisations."""
        keys: dict[str, set[int]] = {}
        for owner, entry in enumerate(self.index.entries):
            if entry["label"] == "Firm":
                for name in [entry["name"], *(entry.get("aliases") or [])]:
                    if name and re.fullmatch(r"[\u4e00-\u9fff]{2,4}", name):
                        key = "".join(lazy_pinyin(name)).lower()
                        if len(key) >= 4 and key not in self.pinyin:
                            keys.setdefault(key, set()).add(owner)
        return keys

    # -- suggestions -----------------------------------------------------------------------------------------
    def suggest(self, text: str, limit: int = 8) -> list[dict[str, Any]]:
        """Close names for a refusal: search hits, names spelt alike, romanisations alike."""
        key = normalise(text)
        hits: dict[str, dict[str, Any]] = {}
        if not key:
            return []
        for hit in self.index.search(key, limit=limit):
            hits.setdefault(hit.id, _suggestion(hit.id, hit.name, hit.label, hit.match))
        for _, _, position in process.extract(key, [f.text for f in self.forms], scorer=fuzz.ratio, limit=10,
                                              score_cutoff=SIMILAR):
            entry = self.index.entries[self.forms[position].owner]
            hits.setdefault(entry["id"], _suggestion(entry["id"], entry["name"], entry["label"], "similar"))
        latin = re.sub(r"[^a-z]", "", key)
        if latin and not ZH_CHAR.search(key):
            for k, _, _ in process.extract(latin, list(self.pinyin), scorer=fuzz.ratio, limit=3, score_cutoff=80):
                for owner in sorted(self.pinyin[k]):
                    entry = self.index.entries[owner]
                    hits.setdefault(entry["id"], _suggestion(entry["id"], entry["name"], entry["label"], "pinyin"))
        return list(hits.values())[:limit]


def _suggestion(id_: str, name: str, label: str, match: str) -> dict[str, Any]:
    return {"id": id_, "name": name, "label": label, "match": match}


def _occurrences(text: str, form: str) -> list[int]:
    """Where a form occurs: anywhere for Chinese, between word boundaries for letters and digits."""
    if ZH_CHAR.search(form):
        return [m.start() for m in re.finditer(re.escape(form), text)]
    return [m.start() for m in re.finditer(rf"(?<![a-z0-9]){re.escape(form)}(?![a-z0-9])", text)]


def _adjacent(text: str, run: list[re.Match[str]]) -> bool:
    """Words of one run are separated by spaces only (no Chinese, no punctuation between them)."""
    return all(text[a.end():b.start()].strip() == "" for a, b in zip(run, run[1:], strict=False))


def _romanisations(names: Iterable[str]) -> set[str]:
    keys: set[str] = set()
    for name in names:
        if not name or not ZH_CHAR.search(name):
            continue
        for variant in {name, _strip_place_suffix(name)}:
            keys.update(_romanise(variant))
    return {re.sub(r"[^a-z]", "", k) for k in keys if k}


def _romanise(name: str) -> set[str]:
    """Plain pinyin, and the official spelling where it differs (so "Shanxi" stays ambiguous, "Shaanxi" not)."""
    spellings = {"".join(lazy_pinyin(name)).lower()}
    for chinese, spelling in OFFICIAL_SPELLINGS.items():
        if name.startswith(chinese):
            spellings.add(spelling + "".join(lazy_pinyin(name[len(chinese):])).lower())
    return spellings


def _strip_place_suffix(name: str) -> str:
    for suffix in PLACE_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def clean(question: str) -> str:
    """Full-width to half-width, one space between words, no trailing question mark."""
    text = unicodedata.normalize("NFKC", question or "")
    text = re.sub(r"\s+", " ", text).strip()
    return text.rstrip("?？。.!！ ").strip()
