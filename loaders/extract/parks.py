"""Park mentions: development zones, industrial parks, bases and new towns, by name pattern and gazetteer.

A park name is a run of Chinese characters ending in a zone suffix (…高新技术产业开发区, …工业园区, …基地, and
the heads plans of other provinces use: …软件园, …孵化园, …创新园, …综合试验区, …先行区, …先导区, …小镇).
Its left edge is where a place name starts (宝鸡高新技术产业开发区) or just after the verb that introduces
it (依托…, 支持…, 建设…). Bare abbreviations (高新区, 经开区) name the zone of the place in scope, which the
caller passes as `scope_place`.
"""

from __future__ import annotations

import re

from loaders.extract import Mention
from loaders.gazetteers.parks import expand_abbreviation, load_parks, park_id, park_kind, park_matcher
from loaders.gazetteers.places import load_places, place_matcher
from loaders.words import first_tag

SUFFIX = (
    r"(?:高新技术产业开发区|经济技术开发区|软件产业孵化园|孵化园|软件园|创新园|综合试验区|综合实验区|试验区|实验区|先行区|先导区|"
    r"经济区|小镇|高新技术开发区|经济开发区|产业开发区|开发区|高新区|经开区|"
    r"工业园区|产业园区|工业园|产业园|科技园|物流园|园区|产业基地|生产基地|示范基地|研发基地|基地|"
    r"新城|新区|示范区|示范园|集聚区|功能区|核心区|产业带|金贸区|综合保税区|保税区|自贸区|自由贸易试验区|产业城|健康城|"
    r"科技城|智造城)"
)
# Suffixes that name a zone by themselves (兴汉新区, 沣京工业园); the others (基地, 园区, 示范区, …) are also
# used for generic descriptions ("集成电路产业基地", "绿色园区") and need a place name to open the park's name.
STRONG_SUFFIXES = ("高新技术产业开发区", "经济技术开发区", "高新技术开发区", "经济开发区", "开发区", "高新区", "经开区",
                   "工业园区", "产业园区", "工业园", "产业园", "科技园", "软件园", "软件产业孵化园", "新城", "新区", "综合保税区", "金贸区", "产业城",
                   "健康城", "科技城", "智造城")
GENERIC_OPENINGS = re.compile(r"^(?:国家|省级|市级|全国|中部|西部|东部|区域|现代|重点|一批|若干|各类|多个|智慧|绿色|"
                              r"零碳|低碳|数字|特色|专业|共建|海外|战略)")
PARK_PATTERN = re.compile(rf"[\u4e00-\u9fffA-Za-z0-9]{{0,14}}?{SUFFIX}")
# Words that introduce a park and never belong to its name.
LEAD_WORDS = re.compile(
    r".*(?:依托|支持|建设|打造|推动|加快|围绕|依靠|引进|入驻|落户|位于|其中|包括|重点|加强|提升|发挥|形成|新建|建成|"
    r"创建|申报|争创|培育|壮大|布局|聚焦|推进|鼓励|引导|实施|开展|完善|优化|规划|组建|设立|签约|聚集|集聚|依据|"
    r"入选|构建|符合|约占|占|即|提高|强化|深化|指导|探索|积极|升级|明确|认定|获批|成为|以|在|和|与|及|等|的|为|由|向|"
    r"到|将|把|对|从|是|有|了|着|一批|若干|各|全|按照|同时|结合)"
)
# Verbs between a place and a zone suffix make the place the sentence's subject, not the start of a name.
AFTER_PLACE_VERBS = re.compile(r"着力打造|打造|建设|发展|推动|加快|培育|成为|是")
GENERIC_PREFIXES = {
    "", "重点", "重点产业", "国家级", "省级", "国家", "各类", "相关", "特色", "专业化", "产业", "现代", "一批", "若干",
    "该", "本", "各", "全", "工业", "高新", "综合", "示范", "研发", "生产", "功能", "集聚", "创新", "科技", "物流",
    "新", "市级", "县域", "县级", "省", "市", "区", "园", "产业化", "产业集聚", "先进制造业", "制造业", "主要",
    "承载", "新型", "国家级新", "核心", "产业发展", "标准化", "智能", "公共", "农业", "实训", "培训", "教育",
    "中试", "辖区", "园中", "区中",
}
BARE_ABBREVIATIONS = {"高新区", "经开区"}
# jieba part-of-speech tags: prepositions, conjunctions, verbs, adverbs, pronouns, adjectives… open descriptions;
# person, place, organisation and other proper-noun tags open names.
DESCRIPTIVE_FLAGS = {"p", "c", "v", "d", "r", "u", "a", "ad", "m", "q", "f", "vn", "mq", "ag", "dg", "vg"}
PROPER_FLAGS = {"nr", "nrt", "nrfg", "ns", "nt", "j"}


def find_parks(text: str, start: int, end: int, scope_place: str | None = None) -> list[Mention]:
    """Park mentions in text[start:end]; `scope_place` (a short place name) completes bare 高新区/经开区."""
    window = text[start:end]
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []
    gazetteer = load_parks()
    for hit in park_matcher().find(window):
        entry = gazetteer[hit.values[0]]
        mentions.append(Mention("Park", start + hit.start, start + hit.end, hit.surface, entry.id, entry.name,
                                {"kind": entry.props["kind"], "tier": entry.props.get("tier"),
                                 "city": entry.props.get("city")}))
        taken.append((hit.start, hit.end))
    for match in PARK_PATTERN.finditer(window):
        s, e = match.start(), match.end()
        name = match.group(0)
        opening = _place_opening(name)
        if opening is not None:  # "…规划的安康专用车及零部件产业园区": the name starts at its place
            s += opening
            # "宝鸡着力打造电子元器件集聚区", "安康和杨凌示范区": a verb or joiner after the place ends the
            # sentence's subject; the name, if any, starts after it.
            rest = name[opening:]
            hits = place_matcher().find(rest)
            place_end = hits[0].end
            verbs = list(AFTER_PLACE_VERBS.finditer(rest, place_end, len(rest) - len(_suffix(rest))))
            verb = verbs[-1] if verbs else None
            if rest[place_end:place_end + 1] in ("和", "与", "及", "、") and any(h.start == place_end + 1 for h in hits):
                s += place_end + 1
            elif verb is not None:
                s += verb.end()
        else:
            lead = LEAD_WORDS.match(name[: -len(_suffix(name))]) if len(name) > len(_suffix(name)) else None
            if lead:
                s += lead.end()
        name = window[s:e]
        name = name.strip("“”")
        if any(a < e and s < b for a, b in taken):
            continue
        suffix = _suffix(name)
        prefix = name[: -len(suffix)]
        introduced = "依托" in window[max(0, s - 40):s]
        if name in BARE_ABBREVIATIONS:
            if not scope_place:
                continue  # "高新区、经开区" in a provincial text means zones in general
            canonical = expand_abbreviation(scope_place + name)
        elif (prefix in GENERIC_PREFIXES or len(prefix) < 2 or re.search(r"\d", prefix)
              or prefix.endswith(("国家级", "省级", "市级", "国家", "重点"))
              or not _is_proper(name, suffix, introduced)):
            continue
        else:
            canonical = expand_abbreviation(name)
        key = park_id(canonical)
        known = gazetteer.get(key)
        mentions.append(Mention("Park", start + s, start + e, name, key, known.name if known else canonical,
                                {"kind": park_kind(canonical), "tier": known.props.get("tier") if known else None,
                                 "city": known.props.get("city") if known else None}))
        taken.append((s, e))
    return sorted(mentions, key=lambda m: m.start)


def _is_proper(name: str, suffix: str, introduced: bool) -> bool:
    """A park's own name, not a description of one.

    Whole place names (长春新区, 天津滨海新区) are places, and parks only where a text relies on them as one
    ("依托西咸新区、…开发区"). Otherwise a name opened by a place is proper; one opened by a function word, verb
    or adjective (jieba's tags) is a description ("根据新区", "先进制造产业园"); a strong zone suffix
    (…工业园, …新区) makes a proper name of a noun prefix, and a weak one (…基地) needs a proper noun
    (a firm's or institution's name) to open it.
    """
    if _is_place(name):
        return introduced or _place_level(name) == "new_town"
    hits = place_matcher().find(name)
    if hits and hits[0].start == 0:
        return True
    if GENERIC_OPENINGS.match(name):
        return False
    first = first_tag(name)
    if first in DESCRIPTIVE_FLAGS:
        return False
    return suffix in STRONG_SUFFIXES or first in PROPER_FLAGS


def _place_opening(candidate: str) -> int | None:
    """Where a place name opens the park's name, if one does within the first few characters and only lead
    words precede it; a place name that ends the candidate ("远洋资本泾河新城") is the name itself."""
    hits = [h for h in place_matcher().find(candidate) if h.surface not in ("中国",)]
    if not hits:
        return None
    first = hits[0]
    before = candidate[: first.start]
    if first.start == 0 or (len(before) <= 6 and (LEAD_WORDS.fullmatch(before) or first.end == len(candidate))):
        return first.start
    return None


def _place_level(name: str) -> str | None:
    hits = place_matcher().find(name)
    return load_places()[hits[-1].values[0]].props.get("level") if hits else None


def _is_place(name: str) -> bool:
    """The name is wholly made of place names (西咸新区; 天津 + 滨海新区)."""
    cursor = 0
    for hit in place_matcher().find(name):
        if hit.start != cursor:
            return False
        cursor = hit.end
    return cursor == len(name)


def _suffix(name: str) -> str:
    match = re.search(rf"{SUFFIX}$", name)
    return match.group(0) if match else ""
