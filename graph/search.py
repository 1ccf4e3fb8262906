"""Search across names, aliases and English names: exact, prefix, substring and fuzzy, Chinese and English.

The index is built once per store from the `entity_names` named query. Fuzzy matching (rapidfuzz) is
what lets "additve manufacturing" still find 增材制造; it is only consulted for queries of four characters
or more, where an edit distance means something.

`resolve` is what a parameter that takes an entity does with a name instead of an id: the one entity whose
name, alias or English name it is exactly, else the entities it could mean (several exact) or the closest
names (none exact), for the caller to ask again with an id.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from graph.stores import GraphStore

KIND_SCORE = {"exact": 1.0, "prefix": 0.9, "substring": 0.8}
FUZZY_CUTOFF = 85


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").strip().lower()


@dataclass
class Hit:
    id: str
    label: str
    name: str
    name_en: str | None
    matched: str
    match: str  # exact, prefix, substring, fuzzy (resolve's close names also: within)
    score: float


@dataclass
class Resolution:
    """What a name denotes: `id` when exactly one entity bears it; otherwise `candidates` are the entities that
    all bear it (`ambiguous`) or the closest names (none bears it)."""

    value: str
    id: str | None
    candidates: list[Hit]

    @property
    def ambiguous(self) -> bool:
        return self.id is None and any(h.match == "exact" for h in self.candidates)


@dataclass
class SearchIndex:
    entries: list[dict]
    forms: list[str] = field(default_factory=list)
    owners: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        for index, entry in enumerate(self.entries):
            for form in {entry["name"], entry.get("name_en"), *(entry.get("aliases") or [])}:
                if form:
                    self.forms.append(normalise(form))
                    self.owners.append(index)

    @classmethod
    def from_store(cls, store: GraphStore) -> SearchIndex:
        return cls(store.named("entity_names").records())

    def search(self, query: str, labels: tuple[str, ...] = (), limit: int = 10) -> list[Hit]:
        q = normalise(query)
        if not q:
            return []
        best: dict[int, Hit] = {}
        for form, owner in zip(self.forms, self.owners, strict=True):
            kind = "exact" if form == q else "prefix" if form.startswith(q) else "substring" if q in form else None
            if kind:
                self._keep(best, owner, form, kind, KIND_SCORE[kind] - 0.001 * abs(len(form) - len(q)))
        if len(q) >= 4:
            for form, score, position in process.extract(q, self.forms, scorer=fuzz.ratio, limit=limit * 3,
                                                         score_cutoff=FUZZY_CUTOFF):
                self._keep(best, self.owners[position], form, "fuzzy", 0.7 * score / 100)
        hits = [h for h in best.values() if not labels or h.label in labels]
        return sorted(hits, key=lambda h: (-h.score, len(h.name), h.id))[:limit]

    def resolve(self, value: str, labels: tuple[str, ...] = (), limit: int = 5) -> Resolution:
        """The entity (of these labels; none: any) a name, alias or English name denotes, as /search finds it."""
        hits = self.search(value, labels=labels, limit=max(limit, 10)) or self._within(value, labels, limit)
        exact = [h for h in hits if h.match == "exact"]
        if len(exact) == 1:
            return Resolution(value, exact[0].id, exact)
        return Resolution(value, None, (exact or hits)[:limit])

    def _within(self, query: str, labels: tuple[str, ...], limit: int) -> list[Hit]:
        """Names found inside the words given (甲市 in 甲市区), longest first: close names for a short query that
        is no name's prefix or part, too short for fuzzy matching."""
        q = normalise(query)
        best: dict[int, Hit] = {}
        for form, owner in zip(self.forms, self.owners, strict=True):
            if len(form) >= 2 and form in q and (not labels or self.entries[owner]["label"] in labels):
                self._keep(best, owner, form, "within", 0.5 * len(form) / len(q))
        return sorted(best.values(), key=lambda h: (-h.score, len(h.name), h.id))[:limit]

    def _keep(self, best: dict[int, Hit], owner: int, form: str, kind: str, score: float) -> None:
        current = best.get(owner)
        if current is None or score > current.score:
            entry = self.entries[owner]
            best[owner] = Hit(entry["id"], entry["label"], entry["name"], entry.get("name_en"), form, kind, score)
