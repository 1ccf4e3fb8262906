"""Questions in plain Chinese or English → a named query with resolved entities: the parsing behind `POST /ask`.

A question is matched against a fixed set of shapes (regular expressions per language), and every entity it
names is resolved through the search index (exact name, alias or English name first; then a near prefix; then
a fuzzy match for misspellings; places also by their pinyin, so "Hanzhong" finds 汉中市). Nothing is guessed:
a question no shape fits, or an entity nothing resolves, raises `AskError` carrying the shapes understood and
the closest names in the graph, so the caller can ask again. This module is pure (no FastAPI, no store): it
turns a question into a `Plan`, and ranks task rows against a topic for the agency shape.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from pypinyin import lazy_pinyin
from rapidfuzz import fuzz, process

from graph.search import Hit, SearchIndex, normalise

PAGE = 500  # answers are whole lists: the largest page the API allows
NEAR_PREFIX = 2  # "photovoltaic" → "photovoltaics", "增材" → "增材制造": a prefix this close is the same name
SIMILAR = 70  # a name this close (rapidfuzz ratio) is worth suggesting after a miss
PINYIN_SUGGEST = 80  # a romanisation this close is worth suggesting
PINYIN_FUZZY = 90  # "Hanzong" → hanzhong: a romanisation this close, and only one, is the place meant
RELEVANCE = 0.5  # a task answers a topic if half the topic's character bigrams are in its title
ZH_CHAR = re.compile(r"[\u3400-\u9fff]")
CONNECTORS = {"zh": re.compile(r"和|与|跟|同|及"), "en": re.compile(r"\s+and\s+|\s*&\s*", re.I)}
# Plain pinyin cannot tell 陕西 from 山西; the official romanisation spells it Shaanxi for exactly that reason.
OFFICIAL_SPELLINGS = {"陕西": "shaanxi"}
PLACE_SUFFIXES = ("壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "自治州", "地区", "省", "市", "县", "区")
ZH_INDUSTRY_TAILS = ("产业链", "产业集群", "产业", "行业", "领域", "集群", "的")
EN_INDUSTRY_TAILS = ("industrial chain", "industry chain", "supply chain", "value chain", "chain", "industries",
                     "industry", "sectors", "sector", "cluster", "field")
EN_PLACE_TAILS = ("city", "province", "prefecture", "district", "county", "municipality", "area", "region")
KEY_FIRM_WORDS = ("重点企业", "骨干企业", "key firm", "key compan", "key enterprise")


class AskError(Exception):
    """A question that cannot be answered as asked: the message says why, suggestions say what exists."""

    def __init__(self, message: str, suggestions: list[dict[str, Any]] | None = None):
        super().__init__(message)
        self.message = message
        self.suggestions = suggestions or []

    def detail(self) -> dict[str, Any]:
        return {"message": self.message, "shapes": shapes_help(), "suggestions": self.suggestions}


@dataclass(frozen=True)
class Shape:
    name: str
    query: str
    asks: str
    zh: tuple[str, ...]
    en: tuple[str, ...]


SHAPES: dict[str, Shape] = {s.name: s for s in (
    Shape("cities_by_industry", "cities_by_industry", "which places target an industry",
          ("哪些城市发展增材制造", "航空产业布局在哪些城市", "哪些地方重点发展3D打印"),
          ("which cities target additive manufacturing", "where is aviation developed")),
    Shape("parks_by_industry", "parks_by_industry", "which parks host an industry",
          ("哪些园区发展增材制造", "航空产业园区有哪些"), ("which parks host aviation",)),
    Shape("firms_by_industry", "firms_by_industry", "which firms lead an industry's chain (else its key firms)",
          ("航空产业链链主", "光伏的龙头企业有哪些"), ("who leads the aviation chain", "which firms lead photovoltaics")),
    Shape("targets_timeline", "targets_timeline", "the quantified targets of a place, optionally for one year",
          ("汉中有哪些目标", "汉中市到2025年的目标"), ("what targets does Hanzhong have for 2025",)),
    Shape("agency_for_topic", "ask_agency_for_topic", "which agency leads (and which support) a task or topic",
          ("哪个部门牵头做强装备制造产业集群",),
          ("which agency leads 做强装备制造产业集群", "which department leads the equipment manufacturing cluster")),
    Shape("shortest_paths", "shortest_paths", "how two entities are connected",
          ("西飞和汉中有什么关系", "西飞与航空如何关联"), ("how is 西飞 connected to Hanzhong",)),
    Shape("industries_by_city", "industries_by_city", "which industries a place targets",
          ("汉中发展哪些产业",), ("what industries does Hanzhong develop",)),
)}


def shapes_help() -> list[dict[str, Any]]:
    """The question shapes understood, with examples: what a 422 hands back so the user can rephrase."""
    return [{"shape": s.name, "query": s.query, "asks": s.asks, "examples": {"zh": list(s.zh), "en": list(s.en)}}
            for s in SHAPES.values()]


@dataclass(frozen=True)
class Pattern:
    shape: str
    language: str
    regex: re.Pattern[str]


def _patterns(shape: str, language: str, *sources: str) -> list[Pattern]:
    return [Pattern(shape, language, re.compile(s, re.I)) for s in sources]


_EN_CHAIN = r"(?:(?: (?:industry|industrial|supply|value|production))? chains?| industry| sector)?"
_EN_YEAR = r"(?: (?:for|by|in|until|before|through) (?P<year>\d{4}))?"
_ZH_PARK = r"(?:产业园区|工业园区|园区|开发区|产业园|高新区|经开区|基地)"
_ZH_PLACE = r"(?:城市|地方|地区|地市|市县|区县|市)"

# Order matters: the first pattern that matches decides the shape, so specific wordings come first.
PATTERNS: list[Pattern] = [
    *_patterns("shortest_paths", "zh",
               r"^(?P<pair>.+?)(?:之间)?(?:有|存在|是)?(?:什么|啥|何种|怎样的|哪些)(?:关系|联系|关联)$",
               r"^(?P<pair>.+?)(?:之间)?(?:是)?(?:如何|怎么|怎样)(?:关联|联系|连接|相连|相关)(?:的|起来的)?$",
               r"^(?P<pair>.+?)(?:之间)?的(?:关系|联系|关联)(?:是什么)?$"),
    *_patterns("shortest_paths", "en",
               r"^how (?:is|are) (?P<a>.+?) (?:connected|related|linked|tied) (?:to|with) (?P<b>.+)$",
               r"^(?:what is |what's |what are )?(?:the )?(?:connections?|relationships?|relations?|links?|paths?) "
               r"between (?P<pair>.+)$",
               r"^what connects (?P<pair>.+)$",
               r"^how (?:is|are) (?P<pair>.+?) (?:connected|related|linked)$"),
    *_patterns("agency_for_topic", "zh",
               r"^(?:(?P<scope>.+?)的?)?(?:哪个|哪些|什么|哪一个|哪家)(?:政府部门|部门|单位|机构)(?:来)?(?:负责)?"
               r"(?:牵头|负责|主抓|主管|主责)(?P<topic>.+)$",
               r"^(?P<topic>.+?)(?:工作)?(?:由|是)(?:哪个|哪些|什么|哪一个)(?:部门|单位|机构)(?:牵头|负责)(?:的)?$",
               r"^(?P<topic>.+?)的?(?:牵头部门|牵头单位|责任部门|责任单位)(?:是谁|是哪个部门|是哪个|是什么|有哪些)?$",
               r"^谁(?:来)?(?:牵头|负责)(?P<topic>.+)$"),
    *_patterns("agency_for_topic", "en",
               r"^(?:which|what) (?:government )?(?:agency|agencies|department|departments|bureau|bureaus|body|"
               r"office)(?: in (?P<scope>.+?))? (?:leads|lead|is leading|is in charge of|is responsible for|"
               r"are responsible for|handles|takes the lead on|takes the lead in|coordinates) (?P<topic>.+)$",
               r"^who (?:is responsible for|is in charge of|takes the lead on|takes the lead in) (?P<topic>.+)$",
               r"^who leads the (?:task|work|measure)s? (?:of |on |to |for )?(?P<topic>.+)$"),
    *_patterns("targets_timeline", "zh",
               r"^(?P<place>.+?)(?:(?:到|在|截至|至)?(?P<year>\d{4})年?)?(?:的|要|有|将|需要|需)*"
               r"(?:实现|达到|完成|设定了?|提出了?)?(?:哪些|什么|的)?(?:量化|发展|主要|具体)?(?:目标|指标)"
               r"(?:是什么|有哪些|有什么|是多少)?$"),
    *_patterns("targets_timeline", "en",
               r"^what (?:quantified )?(?:targets|goals) (?:does|do|did|has|have) (?P<place>.+?) (?:have|set|got)"
               + _EN_YEAR + "$",
               r"^what (?:are|were) (?:the )?(?:quantified )?(?:targets|goals) (?:of|for|set by|set for) "
               r"(?P<place>.+?)" + _EN_YEAR + "$",
               r"^what (?:are|were) (?P<place>.+?)'s (?:(?P<year>\d{4}) )?(?:targets|goals)$",
               r"^(?:list |show )?(?:the )?(?:targets|goals) (?:of|for) (?P<place>.+?)" + _EN_YEAR + "$"),
    *_patterns("firms_by_industry", "zh",
               r"^(?:谁是|哪些企业是|哪家企业是)?(?P<industry>.+?)的?(?P<role>链主企业|链主|龙头企业|龙头|领军企业|"
               r"头部企业|重点企业|骨干企业)(?:是谁|有哪些|是哪些|是哪家|有谁|都有谁|都有哪些|是什么)?$",
               r"^(?:哪些|哪家)企业(?:引领|牵引|领跑|主导|带动)(?P<industry>.+)$"),
    *_patterns("firms_by_industry", "en",
               r"^who (?:leads|lead|anchors|heads|drives|dominates) (?:the )?(?P<industry>.+?)"
               r"(?:(?: (?:industry|industrial|supply|value|production))? chains?| industry| sector)$",
               r"^(?:which|what) (?:firms|companies|enterprises|businesses) (?:lead|leads|anchor|dominate|drive) "
               r"(?:the )?(?P<industry>.+?)" + _EN_CHAIN + "$",
               r"^(?:who|which|what) (?:is|are) the (?P<role>chain[ -]leaders?|leading (?:firms?|compan(?:y|ies)|"
               r"enterprises?)|key (?:firms?|compan(?:y|ies)|enterprises?)|leaders?|champions?) (?:of|in|for) "
               r"(?:the )?(?P<industry>.+?)" + _EN_CHAIN + "$"),
    *_patterns("parks_by_industry", "zh",
               r"^(?:有)?哪些" + _ZH_PARK + r"(?:在|要|将)?(?:重点|主要|大力)?(?:发展|布局|承载|聚集|集聚|有|培育)了?"
               r"(?P<industry>.+)$",
               r"^(?P<industry>.+?)的?" + _ZH_PARK + r"(?:有哪些|都有哪些|是哪些|在哪里|有哪几个)$",
               r"^(?P<industry>.+?)(?:主要|重点)?(?:布局|分布|集中)?在哪些" + _ZH_PARK + "$"),
    *_patterns("parks_by_industry", "en",
               r"^(?:which|what) (?:industrial parks|parks|development zones|high-tech zones|zones|bases) "
               r"(?:do |are |will )?(?:host|hosting|develop|developing|carry|carrying|target|targeting|focus on|"
               r"focusing on|speciali[sz]e in|support|cluster)s? (?:the )?(?P<industry>.+)$",
               r"^(?:which|what) (?:industrial )?parks are (?:there )?for (?:the )?(?P<industry>.+)$",
               r"^where are the (?P<industry>.+?) (?:industrial )?parks$"),
    *_patterns("cities_by_industry", "zh",
               r"^(?:有)?哪些" + _ZH_PLACE + r"(?:在|要|将|正在|会|都在)?(?:重点|主要|大力|积极|优先|着力)?"
               r"(?:发展|布局|培育|打造|聚焦|支持|推动|发力)了?(?P<industry>.+)$",
               r"^(?P<industry>.+?)(?:主要|重点)?(?:布局|分布|集中|发展)?在(?:哪些|哪个|哪里|哪儿)" + _ZH_PLACE
               + r"?(?:发展|布局)?$"),
    *_patterns("cities_by_industry", "en",
               r"^(?:which|what) (?:cities|places|regions|areas|prefectures|localities|municipalities) "
               r"(?:are |do |will )?(?:target|targeting|develop|developing|focus on|focusing on|prioriti[sz]e|"
               r"prioriti[sz]ing|promote|promoting|support|supporting|build|building|grow|growing)s? "
               r"(?:the )?(?P<industry>.+)$",
               r"^where (?:is|are) (?:the )?(?P<industry>.+?) (?:being )?(?:developed|targeted|promoted|"
               r"prioriti[sz]ed|located|based|concentrated)$"),
    *_patterns("industries_by_city", "zh",
               r"^(?P<place>.+?)的?(?:重点|主要|大力|将|要|在|会)*(?:发展|布局|培育|打造|聚焦)了?(?:哪些|什么)"
               r"(?:重点|主导|支柱|优势)?(?:产业|行业)$",
               r"^(?P<place>.+?)的?(?:重点|主导|支柱|优势)?产业(?:有哪些|是什么|有什么|都有哪些)$"),
    *_patterns("industries_by_city", "en",
               r"^(?:what|which) (?:industries|sectors|industry) (?:does|do|will|is|are) (?P<place>.+?) "
               r"(?:develop|target|focus on|prioriti[sz]e|promote|support|developing|targeting|focusing on)$",
               r"^(?:what|which) (?:industries|sectors) (?:are|is) (?:targeted|developed|promoted|prioriti[sz]ed) "
               r"(?:in|by) (?P<place>.+)$"),
]


@dataclass
class Entity:
    """One name in the question and the graph node it was resolved to, with how (exact, fuzzy, pinyin, …)."""

    surface: str
    id: str
    name: str
    label: str
    match: str

    def as_dict(self) -> dict[str, str]:
        return {"surface": self.surface, "id": self.id, "name": self.name, "label": self.label,
                "match": self.match}


@dataclass
class Plan:
    """What a question was understood as: its shape, its entities, and the named query with its parameters."""

    q: str
    shape: str
    language: str
    query: str
    params: dict[str, Any]
    entities: list[Entity] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def interpretation(self) -> dict[str, Any]:
        return {"shape": self.shape, "language": self.language, "query": self.query, "params": self.params,
                "entities": [e.as_dict() for e in self.entities], **self.extra}


def clean(question: str) -> str:
    """Full-width to half-width, one space between words, no trailing question mark: what the patterns expect."""
    text = unicodedata.normalize("NFKC", question or "")
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"^(?:please |tell me |请问|请|我想知道)", "", text, flags=re.I)
    return text.rstrip("?？。.!！ ").strip()


class Resolver:
    """Names → graph nodes through the search index, with a pinyin lookup for places named in English."""

    def __init__(self, index: SearchIndex):
        self.index = index
        self._pinyin: dict[str, set[int]] | None = None

    # -- resolution --------------------------------------------------------------------------------------
    def industries(self, surface: str) -> list[Entity]:
        """Every industry the words name exactly (a name may be shared), else the one near or fuzzy match."""
        return self._resolve(surface, ("Industry",), _industry_forms(surface), every_exact=True)

    def place(self, surface: str) -> Entity:
        """A place by Chinese name or alias (汉中 → 汉中市), else by its romanisation (Hanzhong, Xi'an)."""
        return self._resolve(surface, ("City",), _place_forms(surface))[0]

    def entity(self, surface: str) -> Entity:
        """Any named node (place, park, industry, firm, organisation, agency): for "how is A connected to B"."""
        return self._resolve(surface, (), _place_forms(surface) + _industry_forms(surface))[0]

    def _resolve(self, surface: str, labels: tuple[str, ...], forms: list[str],
                 every_exact: bool = False) -> list[Entity]:
        for form in forms:
            exact = [h for h in self.index.search(form, labels=labels, limit=10) if h.match == "exact"]
            if exact:
                return [self._entity(surface, h) for h in (exact if every_exact else exact[:1])]
        for form in forms:
            near = self._near(form, labels)
            if near:
                return [self._entity(surface, near)]
        if not labels or "City" in labels:
            found = self._by_pinyin(surface, forms)
            if found:
                return [found]
        raise AskError(f"no {_kind(labels)} in the graph is named {surface!r}",
                       self.suggest(surface, labels))

    def _near(self, form: str, labels: tuple[str, ...]) -> Hit | None:
        """The best fuzzy hit, or a prefix/substring hit that is nearly the whole name or the only one found:
        a looser hit would be a guess among several names."""
        hits = self.index.search(form, labels=labels, limit=10)
        if not hits:
            return None
        top = hits[0]
        if top.match == "fuzzy":
            return top
        close = len(top.matched) - len(normalise(form)) <= NEAR_PREFIX
        return top if close or len(hits) == 1 else None

    @staticmethod
    def _entity(surface: str, hit: Hit) -> Entity:
        return Entity(surface, hit.id, hit.name, hit.label, hit.match)

    # -- places by pinyin --------------------------------------------------------------------------------
    def _by_pinyin(self, surface: str, forms: list[str]) -> Entity | None:
        keys = self.pinyin_keys()
        for form in forms:
            key = _latin_key(form)
            if not key:
                continue
            owners = keys.get(key, set())
            if len(owners) == 1:
                return self._pinyin_entity(surface, next(iter(owners)), "pinyin")
            if owners:
                raise AskError(f"{surface!r} may name any of several places; write it in Chinese",
                               [self._suggest_entry(o, "pinyin") for o in sorted(owners)])
            close = [k for k, score, _ in process.extract(key, list(keys), scorer=fuzz.ratio, limit=5,
                                                          score_cutoff=PINYIN_FUZZY)]
            owners = set().union(*(keys[k] for k in close)) if close else set()
            if len(owners) == 1:
                return self._pinyin_entity(surface, next(iter(owners)), "pinyin-fuzzy")
        return None

    def _pinyin_entity(self, surface: str, owner: int, match: str) -> Entity:
        entry = self.index.entries[owner]
        return Entity(surface, entry["id"], entry["name"], entry["label"], match)

    def pinyin_keys(self) -> dict[str, set[int]]:
        """Romanised place names (汉中市 → hanzhong, hanzhongshi) → the places they may mean; built once, lazily."""
        if self._pinyin is None:
            self._pinyin = {}
            for owner, entry in enumerate(self.index.entries):
                if entry["label"] == "City":
                    for key in _romanisations([entry["name"], *(entry.get("aliases") or [])]):
                        self._pinyin.setdefault(key, set()).add(owner)
        return self._pinyin

    # -- suggestions -------------------------------------------------------------------------------------
    def suggest(self, text: str, labels: tuple[str, ...] = (), limit: int = 8) -> list[dict[str, Any]]:
        """Close names for a 422: search hits, romanisations that nearly match, names the text contains."""
        hits: dict[str, dict[str, Any]] = {}
        for hit in self.index.search(text, labels=labels, limit=limit):
            hits.setdefault(hit.id, _suggestion(hit.id, hit.name, hit.label, hit.match))
        for owner in self._spelled_near(text, labels):
            hits.setdefault(self.index.entries[owner]["id"], self._suggest_entry(owner, "similar"))
        if not labels or "City" in labels:
            for owner in self._pinyin_near(text):
                hits.setdefault(self.index.entries[owner]["id"], self._suggest_entry(owner, "pinyin"))
        for owner in self.mentioned(text, labels):
            hits.setdefault(self.index.entries[owner]["id"], self._suggest_entry(owner, "mentioned"))
        return list(hits.values())[:limit]

    def _suggest_entry(self, owner: int, match: str) -> dict[str, Any]:
        entry = self.index.entries[owner]
        return _suggestion(entry["id"], entry["name"], entry["label"], match)

    def _spelled_near(self, text: str, labels: tuple[str, ...]) -> list[int]:
        """Names spelled like the text, more loosely than search's fuzzy cutoff: 增财制造 → 增材制造."""
        close = process.extract(normalise(text), self.index.forms, scorer=fuzz.ratio, limit=20,
                                score_cutoff=SIMILAR)
        owners = [self.index.owners[position] for _, _, position in close]
        return [o for o in dict.fromkeys(owners) if not labels or self.index.entries[o]["label"] in labels][:5]

    def _pinyin_near(self, text: str) -> set[int]:
        key = _latin_key(text)
        if not key:
            return set()
        keys = self.pinyin_keys()
        close = process.extract(key, list(keys), scorer=fuzz.ratio, limit=3, score_cutoff=PINYIN_SUGGEST)
        return set().union(*(keys[k] for k, _, _ in close)) if close else set()

    def mentioned(self, text: str, labels: tuple[str, ...] = ()) -> list[int]:
        """Entities whose names occur inside the text, longest first: what an unparsed question was about."""
        lowered = normalise(text)
        found: dict[int, int] = {}
        for form, owner in zip(self.index.forms, self.index.owners, strict=True):
            if len(form) < 2 or (labels and self.index.entries[owner]["label"] not in labels):
                continue
            if _contains(lowered, form):
                found[owner] = max(found.get(owner, 0), len(form))
        return sorted(found, key=lambda o: -found[o])[:8]

    def chinese_terms(self, text: str) -> list[str]:
        """The Chinese names of industries an English text names ("equipment manufacturing" → 装备制造)."""
        lowered = normalise(text)
        terms: list[tuple[int, str]] = []
        for form, owner in zip(self.index.forms, self.index.owners, strict=True):
            entry = self.index.entries[owner]
            if entry["label"] == "Industry" and not ZH_CHAR.search(form) and len(form) > 3 and _contains(lowered,
                                                                                                     form):
                terms.append((len(form), entry["name"]))
        return _longest_distinct(terms)


def _suggestion(id_: str, name: str, label: str, match: str) -> dict[str, Any]:
    return {"id": id_, "name": name, "label": label, "match": match}


def _kind(labels: tuple[str, ...]) -> str:
    return {("Industry",): "industry", ("City",): "place"}.get(labels, "entity")


def _contains(text: str, form: str) -> bool:
    if ZH_CHAR.search(form):
        return form in text
    return re.search(rf"(?<![a-z0-9]){re.escape(form)}(?![a-z0-9])", text) is not None


def _longest_distinct(terms: Iterable[tuple[int, str]]) -> list[str]:
    chosen: list[str] = []
    for _, name in sorted(terms, reverse=True):
        if not any(name in other for other in chosen):
            chosen.append(name)
    return chosen


def _industry_forms(surface: str) -> list[str]:
    """The words, then the words without "the", "industry", "产业链"…: each tried in turn."""
    forms = [surface.strip()]
    text = re.sub(r"^(?:the|an?)\s+", "", surface.strip(), flags=re.I)
    changed = True
    while changed:
        forms.append(text)
        changed = False
        for tail in ZH_INDUSTRY_TAILS:
            if text.endswith(tail) and len(text) > len(tail) + 1:
                text, changed = text[: -len(tail)], True
        for tail in EN_INDUSTRY_TAILS:
            if re.search(rf"\s{tail}$", text, re.I):
                text, changed = re.sub(rf"\s+{tail}$", "", text, flags=re.I), True
    return list(dict.fromkeys(f.strip() for f in forms if f.strip()))


def _place_forms(surface: str) -> list[str]:
    text = re.sub(r"^(?:the\s+|在)", "", surface.strip(), flags=re.I).removesuffix("的").strip()
    text = re.sub(r"'s$", "", text)
    stripped = re.sub(rf"\s+(?:{'|'.join(EN_PLACE_TAILS)})$", "", text, flags=re.I)
    return list(dict.fromkeys(f for f in (surface.strip(), text, stripped) if f))


def _latin_key(text: str) -> str:
    """A romanised name as letters only: "Xi'an" → xian, "Han Zhong City" is stripped of City by the caller."""
    if ZH_CHAR.search(text):
        return ""
    return re.sub(r"[^a-z]", "", text.lower())


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


# -- questions → plans ---------------------------------------------------------------------------------------
def parse(question: str, resolver: Resolver) -> Plan:
    """The first shape whose pattern fits decides; its entities must all resolve, else AskError (no guessing)."""
    text = clean(question)
    if not text:
        raise AskError("the question is empty")
    for pattern in PATTERNS:
        match = pattern.regex.match(text)
        if match:
            slots = {k: v.strip() for k, v in match.groupdict().items() if v and v.strip()}
            return BUILDERS[pattern.shape](question, pattern.language, slots, resolver)
    raise AskError("the question fits none of the shapes this endpoint understands",
                   resolver.suggest(text))


def _industry_plan(shape: str) -> Callable[[str, str, dict[str, str], Resolver], Plan]:
    def build(q: str, language: str, slots: dict[str, str], resolver: Resolver) -> Plan:
        industries = resolver.industries(slots["industry"])
        ids = [e.id for e in industries]
        params: dict[str, Any] = {"industry_ids": ids, "skip": 0, "limit": PAGE}
        extra: dict[str, Any] = {}
        if shape == "cities_by_industry":
            params |= {"strengths": [], "levels": []}
        if shape == "firms_by_industry":
            key_only = any(w in slots.get("role", "").lower() for w in KEY_FIRM_WORDS)
            params["roles"] = ["key_firm"] if key_only else ["chain_leader"]
            extra["role"] = params["roles"][0]
        return Plan(q, shape, language, SHAPES[shape].query, params, industries, extra)
    return build


def _year(slots: dict[str, str]) -> int:
    year = int(slots.get("year") or 0)
    if year and not 1949 <= year <= 2100:
        raise AskError(f"{year} is not a year a policy target could be set for")
    return year


def _targets_plan(q: str, language: str, slots: dict[str, str], resolver: Resolver) -> Plan:
    place = resolver.place(slots["place"])
    year = _year(slots)
    params = {"city_id": place.id, "industry_id": "", "year": year, "skip": 0, "limit": PAGE}
    return Plan(q, "targets_timeline", language, "targets_timeline", params, [place], {"year": year or None})


def _industries_plan(q: str, language: str, slots: dict[str, str], resolver: Resolver) -> Plan:
    place = resolver.place(slots["place"])
    params = {"city_id": place.id, "strengths": [], "skip": 0, "limit": PAGE}
    return Plan(q, "industries_by_city", language, "industries_by_city", params, [place])


def _agency_plan(q: str, language: str, slots: dict[str, str], resolver: Resolver) -> Plan:
    topic = re.sub(r"^(?:the |的)|(?:工作|任务|事项|的)$", "", slots["topic"], flags=re.I).strip()
    scope = resolver.place(slots["scope"]) if slots.get("scope") else None
    terms = [topic] if ZH_CHAR.search(topic) else resolver.chinese_terms(topic)
    if not terms:
        raise AskError(f"task titles are Chinese and no industry's English name occurs in {topic!r}; name the "
                       "task or topic in Chinese, e.g. 做强装备制造产业集群", resolver.suggest(topic))
    params = {"jurisdiction": scope.name if scope else ""}
    extra = {"topic": topic, "topic_terms": terms}
    return Plan(q, "agency_for_topic", language, "ask_agency_for_topic", params, [scope] if scope else [], extra)


def _paths_plan(q: str, language: str, slots: dict[str, str], resolver: Resolver) -> Plan:
    pairs = [(slots["a"], slots["b"])] if "a" in slots else _splits(slots["pair"], language)
    if not pairs:
        raise AskError("name two entities joined by 和/与 or 'and', e.g. 西飞和汉中有什么关系",
                       resolver.suggest(slots.get("pair", q)))
    first_error: AskError | None = None
    for a, b in pairs:
        try:
            source, target = resolver.entity(a), resolver.entity(b)
        except AskError as exc:
            first_error = first_error or exc
            continue
        params = {"source": source.id, "target": target.id}
        return Plan(q, "shortest_paths", language, "shortest_paths", params, [source, target])
    raise first_error  # type: ignore[misc]  # pairs is not empty, so an error was kept


def _splits(pair: str, language: str) -> list[tuple[str, str]]:
    """Every way to cut "A和B" at a connector: a name may itself contain 和 (工业和信息化局)."""
    connectors = [CONNECTORS["zh"], CONNECTORS["en"]] if language == "zh" else [CONNECTORS["en"], CONNECTORS["zh"]]
    cuts: list[tuple[str, str]] = []
    for connector in connectors:
        for m in connector.finditer(pair):
            a, b = pair[: m.start()].strip(), pair[m.end():].strip()
            if a and b:
                cuts.append((a, b))
    return cuts


BUILDERS: dict[str, Callable[[str, str, dict[str, str], Resolver], Plan]] = {
    "cities_by_industry": _industry_plan("cities_by_industry"),
    "parks_by_industry": _industry_plan("parks_by_industry"),
    "firms_by_industry": _industry_plan("firms_by_industry"),
    "targets_timeline": _targets_plan,
    "industries_by_city": _industries_plan,
    "agency_for_topic": _agency_plan,
    "shortest_paths": _paths_plan,
}


# -- the agency shape: which task is the topic? ----------------------------------------------------------------
def bigrams(text: str) -> set[str]:
    """Character bigrams of the Chinese and alphanumeric text: a word-segmentation-free overlap measure."""
    chars = re.sub(r"[^\w]|_", "", normalise(text))
    return {chars[i: i + 2] for i in range(len(chars) - 1)}


def rank_tasks(terms: list[str], rows: list[dict[str, Any]], limit: int = 5) -> list[dict[str, Any]]:
    """Tasks (grouped from agency–task rows) ranked by how much of the topic's bigrams their title holds.

    A task counts when half the topic's bigrams are in its title (or, discounted, in the sentence that assigns
    it), so a topic sharing only a common word such as 推动 does not pick an arbitrary task.
    """
    wanted = set().union(*(bigrams(t) for t in terms)) if terms else set()
    if not wanted:
        return []
    scored = []
    for task in _group_tasks(rows):
        title = len(wanted & bigrams(task["task"] or ""))
        sentence = len(wanted & set().union(*(bigrams(e["sentence"] or "") for e in task["evidence"])))
        relevance = max(title, 0.8 * sentence) / len(wanted)
        if relevance >= RELEVANCE:
            scored.append((relevance, title, task | {"relevance": round(relevance, 3)}))
    scored.sort(key=lambda s: (-s[0], -s[1], s[2]["task_id"]))
    return [task for _, _, task in scored[:limit]]


def _group_tasks(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    tasks: dict[str, dict[str, Any]] = {}
    for row in rows:
        task = tasks.setdefault(row["task_id"], {
            "task_id": row["task_id"], "task": row["task"], "section": row["section"], "doc_id": row["doc_id"],
            "doc_title": row["doc_title"], "lead": [], "support": [], "evidence": []})
        agency = {"id": row["agency_id"], "name": row["agency"], "jurisdiction": row["jurisdiction"]}
        if agency not in task[row["role"]]:
            task[row["role"]].append(agency)
        sentence = {"doc_id": row["doc_id"], "doc_title": row["doc_title"], "sentence": row["evidence"],
                    "start": row["start"], "end": row["end"]}
        if sentence not in task["evidence"]:
            task["evidence"].append(sentence)
    return list(tasks.values())
