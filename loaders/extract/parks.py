"""Park mentions: development zones, industrial parks, bases and new towns, by name pattern and gazetteer.

A park name is a run of Chinese characters ending in a zone suffix (…高新技术产业开发区, …工业园区, …基地, and
the heads plans of other provinces use: …软件园, …孵化园, …创新园, …综合试验区, …先行区, …先导区, …小镇, …科创城).
It may carry a quoted brand (“数字丝路”经济合作试验区) or a bracketed place (中国（某州）跨境电子商务综合试验区,
某某（甲县、乙县）产业园). Its left edge is where a place name starts (宝鸡高新技术产业开发区) or just after the verb
that introduces it (依托…, 支持…, 建设…). Bare abbreviations (高新区, 经开区) name the zone of the place in scope,
which the caller passes as `scope_place`.

Which candidates are names and not descriptions is read from the text's shape:

* a place, a proper noun, a quoted brand or a strong zone suffix makes a name (甲市软件园, 某某工业园);
* a national or provincial designation of a pilot zone is a name (国家数字经济创新发展试验区, 全省…示范区);
* in the plan of a city, district or county (a `scope_place`), a park named for an industry after the verb that
  builds or relies on it is that place's own park (建设数字经济产业园, 依托氢能示范区建设); a provincial plan's is a
  kind of park, unless places are named for it;
* places listed before one park name each get one (甲、乙、丙等地建设无人机产业园 gives 甲无人机产业园, …);
* the items of a list the text closes as parks (A、B、C等重点园区) are parks whatever their head (…芯谷, …未来城),
  and an item listed beside a park is one (A产业园、B产业园);
* a quantified or plural phrase is not a name (一批特色产业园, 各类开发区、高新区, 鼓励各地建设…产业园, …等…基地).
"""

from __future__ import annotations

import re

from loaders.extract import Mention
from loaders.extract.industries import find_industry_terms
from loaders.gazetteers.matcher import Hit
from loaders.gazetteers.parks import expand_abbreviation, load_parks, park_id, park_kind, park_matcher
from loaders.gazetteers.places import load_places, place_matcher
from loaders.gazetteers.scan import find_in
from loaders.words import first_tag, tags

SUFFIX = (
    r"(?:高新技术产业开发区|经济技术开发区|软件产业孵化园|孵化园|软件园|创新园|综合试验区|综合实验区|试验区|实验区|先行区|先导区|"
    r"经济区|小镇|高新技术开发区|经济开发区|产业开发区|开发区|高新区|经开区|保税物流中心|"
    r"工业园区|产业园区|工业园|产业园|科技园|物流园|园区|产业基地|生产基地|示范基地|研发基地|基地|"
    r"新城|新区|示范区|示范园|集聚区|功能区|核心区|产业带|金贸区|综合保税区|保税区|自贸区|自由贸易试验区|产业城|健康城|"
    r"科技城|科创城|智造城)"
)
# Suffixes that name a zone by themselves (兴汉新区, 沣京工业园); the others (基地, 园区, 示范区, …) are also
# used for generic descriptions ("集成电路产业基地", "绿色园区") and need a place name to open the park's name.
STRONG_SUFFIXES = ("高新技术产业开发区", "经济技术开发区", "高新技术开发区", "经济开发区", "开发区", "高新区", "经开区",
                   "工业园区", "产业园区", "工业园", "产业园", "科技园", "软件园", "软件产业孵化园", "新城", "新区", "综合保税区", "金贸区", "产业城",
                   "健康城", "科技城", "科创城", "智造城", "保税物流中心")
# Heads of the pilot and demonstration zones a state or province designates (国家…试验区, 全省…示范区).
PILOT_SUFFIXES = ("综合试验区", "综合实验区", "试验区", "实验区", "先行区", "先导区", "示范区")
# Heads a park named only for its industry carries in a local plan (建设数字经济产业园, 依托商业航天产业基地).
INDUSTRY_PARK_SUFFIXES = ("产业园区", "产业园", "园区", "软件园", "创新园", "孵化园", "试验区", "示范区", "先行区", "先导区",
                          "小镇", "产业基地", "示范基地", "基地", "集聚区", "科创城", "科技城")
GENERIC_OPENINGS = re.compile(r"^(?:国家|省级|市级|全国|中部|西部|东部|区域|现代|重点|一批|若干|各类|多个|智慧|绿色|"
                              r"零碳|低碳|数字|特色|专业|共建|海外|战略|新兴|传统|优势|主导)")
# Openings of a kind of park whatever its industry (特色药材产业基地, 现代农业园区).
KIND_OPENINGS = ("特色", "现代", "重点", "新兴", "传统", "优势", "主导", "一批", "若干", "各类", "多个")
# A designation that opens a pilot zone's official name; what follows must say what the zone pilots.
DESIGNATION = re.compile(r"^(?:国家级|国家|省级|全省|全国)")
# One character of a name, a bracketed place or list of places inside it (中国（某州）…, 某某（甲县、乙县）…).
NAME_UNIT = r"(?:[\u4e00-\u9fffA-Za-z0-9“”\"·＋+]|[（(][^（）()\n]{1,10}[）)])"
PARK_PATTERN = re.compile(rf"{NAME_UNIT}{{0,20}}?{SUFFIX}")
# Every candidate ends in a suffix, and the lazy PARK_PATTERN tries a match at every character: a window
# without any suffix (most sentences) is not searched with it.
ANY_SUFFIX = re.compile(SUFFIX)
TAIL_PATTERN = re.compile(rf"[\u4e00-\u9fffA-Za-z0-9]{{2,14}}?({SUFFIX})")
# Words that introduce a park and never belong to its name.
LEAD_WORDS = re.compile(
    r".*(?:依托|支持|建设|打造|推动|加快|围绕|依靠|引进|入驻|落户|位于|其中|包括|重点|加强|提升|发挥|形成|新建|建成|"
    r"创建|申报|争创|培育|壮大|布局|聚焦|推进|鼓励|引导|实施|开展|完善|优化|规划|组建|设立|签约|聚集|集聚|依据|"
    r"入选|构建|符合|约占|占|即|提高|强化|深化|指导|探索|积极|升级|明确|认定|获批|成为|立足|建立|合作|利用|关于|印发|以|在|和|与|及|等|的|为|由|向|"
    r"到|将|把|对|从|是|有|了|着|一批|若干|各|全|按照|同时|结合)"
)
# What may follow a place before a zone name and makes the place the sentence's subject, not the name's start:
# "宝鸡着力打造电子元器件集聚区", "某州创建区块链经济综合试验区", "甲、乙等地布局建设无人机产业园".
AFTER_PLACE = re.compile(r"(?:等地|等市|等县|等)?(?:要|将|应|需)?(?:加快|着力|全力|积极|重点|大力|率先|持续|进一步|高标准|高水平)*"
                         r"(?:布局建设|规划建设|打造|建设|发展|推动|培育|成为|是|创建|争创|申报|布局|规划|依托|围绕|推进|"
                         r"建成|设立|构建|争取|入选|获批|认定为)|等地|等市|等县")
# A verb of building inside a candidate's name, after its place: the name starts after it.
BUILT_INSIDE = re.compile(r".*(?:布局建设|规划建设|建设|打造|创建|争创|申报)")
TWO_ZONES = re.compile(r"(?:走廊|园区|新区|新城|基地|产业带|集聚区|示范区)(?:和|与|及|以及)")
GENERIC_PREFIXES = {
    "", "重点", "重点产业", "国家级", "省级", "国家", "各类", "相关", "特色", "专业化", "产业", "现代", "一批", "若干",
    "该", "本", "各", "全", "工业", "高新", "综合", "示范", "研发", "生产", "功能", "集聚", "创新", "科技", "物流",
    "新", "市级", "县域", "县级", "省", "市", "区", "园", "产业化", "产业集聚", "先进制造业", "制造业", "主要",
    "承载", "新型", "国家级新", "核心", "产业发展", "标准化", "智能", "公共", "农业", "实训", "培训", "教育",
    "中试", "辖区", "园中", "区中", "小微",
}
BARE_ABBREVIATIONS = {"高新区", "经开区"}
# Zone types a local plan writes bare for its own zone (在综合保税区发展…, 立足临空经济区优势): like 高新区, they
# name the zone of the place in scope.
LOCAL_ZONES = {"综合保税区", "综保区", "保税区", "临空经济区", "临空经济示范区", "自贸试验区", "自由贸易试验区"}
# Heads that name a role in a layout (“数字丝路”核心区, 某某产业带), not a park, even when quoted.
ROLE_SUFFIXES = ("核心区", "功能区", "产业带")
# Weak heads of an industry-named park: a goal ("建成…的智能终端产业基地") unless the text relies on the base
# (依托/围绕…), designates it (省级…基地) or builds it as a project (推进…基地建设).
WEAK_INDUSTRY_SUFFIXES = ("产业基地", "示范基地", "生产基地", "基地", "集聚区")
BUILD_VERBS = re.compile(r"建设|创建|争创|打造|推进|申报|培育|布局")
GOAL_VERBS = re.compile(r"(?:成为|建成|建设成为|打造成为|打造成|建设成|形成|构建|的)$")
# A quantity, plural or class word right before a candidate: the text speaks of parks of a kind, not of one.
QUANTIFIED = re.compile(r"(?:一批|若干|一些|多个|各类|各级|各|[0-9一二三四五六七八九十两]+[个家批处]|等|其他|其它)$")
# The clause addresses every place ("鼓励各地…建设新型显示产业园"): the park named is a kind.
EVERY_PLACE = re.compile(r"各地|各市|各县|各区|各设区市|有条件的地[区方]")
# Institutions whose bases are theirs, not parks (某某学院…示范基地, 某某实验室合作建立…基地).
INSTITUTION_WORD = re.compile(r"大学|学院|实验室|研究院|研究所")
# A bare abbreviation listed after a kind of zone (各类开发区、高新区) names zones in general.
GENERIC_LIST = re.compile(r"(?:各类|各级|各|全省|全市|国家级|省级)[^，。；：]{0,12}[、和及与]$")
# Closing words of a list of parks (A、B、C等重点园区 / 等园区为载体).
PARK_LIST = re.compile(r"等(?:重点|特色|骨干|主要|省级|国家级|专业|数字经济|产业|特色产业)?(?:园区|产业园区|开发区|基地|载体)")
# jieba part-of-speech tags: prepositions, conjunctions, verbs, adverbs, pronouns, adjectives… open descriptions;
# person, place, organisation and other proper-noun tags open names.
DESCRIPTIVE_FLAGS = {"p", "c", "v", "d", "r", "u", "a", "ad", "m", "q", "f", "vn", "mq", "ag", "dg", "vg"}
PROPER_FLAGS = {"nr", "nrt", "nrfg", "ns", "nt", "j"}
MAX_LIST_ITEM = 16


def find_parks(text: str, start: int, end: int, scope_place: str | None = None) -> list[Mention]:
    """Park mentions in text[start:end]; `scope_place` (a short name of a city, district or county whose text
    this is) completes bare 高新区/经开区 and owns the industry-named parks of a local plan."""
    window = text[start:end]
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []
    gazetteer = load_parks()
    for hit in find_in(park_matcher(), text, start, end):
        entry = gazetteer[hit.values[0]]
        mentions.append(Mention("Park", hit.start, hit.end, hit.surface, entry.id, entry.name,
                                {"kind": entry.props["kind"], "tier": entry.props.get("tier"),
                                 "city": entry.props.get("city")}))
        taken.append((hit.start - start, hit.end - start))
    rejected: list[tuple[int, int, str]] = []
    # Most sentences hold no park suffix: their place hits, only read to delimit named parks, are not made.
    named = ANY_SUFFIX.search(window) is not None
    places = [Hit(hit.start - start, hit.end - start, hit.surface, hit.values)  # offsets into the window
              for hit in find_in(place_matcher(), text, start, end)] if named else []
    for match in PARK_PATTERN.finditer(window) if named else ():
        s, e = _name_span(window, match.start(), match.end(), places)
        if s is not None and _is_place(window[s:e]):
            longer = TAIL_PATTERN.match(window, e)  # "某某新区绿色金融改革创新试验区": the new area opens a name
            if longer is not None and longer.group(1) in PILOT_SUFFIXES + INDUSTRY_PARK_SUFFIXES and not (
                    LEAD_WORDS.match(longer.group(0)) or re.search(SUFFIX, longer.group(0)[:-len(longer.group(1))])):
                s, e = _name_span(window, s, longer.end(), places)
        if s is None or any(a < e and s < b for a, b in taken):
            continue
        e = _closing_bracket(window, e)
        name = window[s:e]
        suffix = _suffix(_unbracketed(name))
        if not suffix or (suffix.endswith("城") and window.startswith("市", e)):
            continue  # "全国数字健康城市": a city, not a 健康城
        if name == suffix and name not in BARE_ABBREVIATIONS and name not in LOCAL_ZONES:
            continue  # "某某科技城新区": a zone word left over after another park's name names no park
        if name in BARE_ABBREVIATIONS and window[s - 1:s] == "（" and any(b == s - 1 for _, b in taken):
            continue  # "某某经开区（高新区）": the bracket gives the zone's other name
        scope = scope_place
        if name[-3:] in BARE_ABBREVIATIONS and name[-4:-3] in ("与", "和", "及", "、"):
            opening = _opening_place(name, places, s)
            scope, s, name = (opening or scope), e - 3, name[-3:]  # "推动甲州大学城与高新区协同": 甲州's zone
        accepted = _accept(window, s, e, name, suffix, scope, places)
        spread = _spread(window, s, name, places) if accepted is not None else []
        if accepted is None:
            continue
        if not accepted and spread == [(name, None)]:
            rejected.append((s, e, name))
            continue
        if (name in LOCAL_ZONES or name in BARE_ABBREVIATIONS) and scope:
            spread = [(scope + name, None)]  # the zone of the place in scope, as 高新区 is
        for found, owner in spread:
            mentions.append(_mention(start, s, e, found, gazetteer, name, owner))
        taken.append((s, e))
    for s, e, name in _listed_parks(window, rejected, taken):
        mentions.append(_mention(start, s, e, name, gazetteer))
        taken.append((s, e))
    return sorted(mentions, key=lambda m: m.start)


def _mention(offset: int, s: int, e: int, name: str, gazetteer: dict, surface: str | None = None,
             owner: Hit | None = None) -> Mention:
    """A park mention of text[offset+s:offset+e] whose canonical name is `name` (a spread name may differ; its
    `owner_span` is where the text names the place it was given, outside the mention's own span)."""
    # "国家…试验区（某省）" is the zone the text also writes without its bracket
    canonical = expand_abbreviation(re.sub(r"（[\u4e00-\u9fff]{2,4}）$", "", name.replace("(", "（").replace(")", "）")))
    key = park_id(canonical)
    known = gazetteer.get(key)
    props = {"kind": park_kind(canonical), "tier": known.props.get("tier") if known else None,
             "city": known.props.get("city") if known else None}
    if owner is not None:
        props["owner_span"] = (offset + owner.start, offset + owner.end)
    return Mention("Park", offset + s, offset + e, surface or name, key, known.name if known else canonical, props)


def _name_span(window: str, s: int, e: int, places: list[Hit]) -> tuple[int | None, int]:
    """Where the name of a candidate text[s:e] starts: at its place, after the verb that follows its place,
    or after the lead words that introduce it."""
    name = window[s:e]
    opening = _place_opening(name)
    if opening is not None:  # "…规划的安康专用车及零部件产业园区": the name starts at its place
        s += opening
        rest = name[opening:]
        hits = place_matcher().find(rest)
        place_end = hits[0].end
        after = AFTER_PLACE.match(rest, place_end)
        # "安康和杨凌示范区": a joiner after the place ends the subject; so does a verb ("宝鸡着力打造…").
        built = BUILT_INSIDE.match(rest, place_end, len(rest) - len(_suffix(rest)))
        if rest[place_end:place_end + 1] in ("和", "与", "及", "、") and any(h.start == place_end + 1 for h in hits):
            s += place_end + 1
        elif after is not None and after.end() < len(rest) - len(_suffix(rest)):
            s += after.end()
        elif built is not None and len(rest) - len(_suffix(rest)) - built.end() >= 2:
            s += built.end()  # "推动某市某区建设全国算力保障基地": a place the gazetteer lacks, then the verb
        joined = list(TWO_ZONES.finditer(window, s, e))
        if joined:  # "甲地先进制造业大走廊和国防科技工业产业带": two zones joined, the last is this one
            s = joined[-1].end()
    else:
        core = _unbracketed(name)
        lead = LEAD_WORDS.match(name[: -len(_suffix(core))]) if len(core) > len(_suffix(core)) else None
        if lead:
            s += lead.end()
            if name[lead.end() - 1:lead.end() + 1] in ("全省", "全国", "全市"):
                s -= 1  # "创建全省…试验区": 全 opens the designation
    while s < e and window[s] in "”）":
        s += 1
    if window[s:s + 1] in ("（", "("):  # a heading's number "（三）" is not part of the name
        close = max(window.find("）", s, e), window.find(")", s, e))
        s = close + 1 if close >= 0 else s
    return (s if s < e else None), e


def _closing_bracket(window: str, e: int) -> int:
    """国家…试验区（某省）, 某州保税物流中心（B型）: a bracket right after the head belongs to the name."""
    match = re.match(r"（(?:[\u4e00-\u9fff]{2,4}|[A-Z]型)）", window[e:e + 6])
    if match and (match.group(0)[1:-1].endswith("型") or place_matcher().find(match.group(0)[1:-1])):
        return e + match.end()
    return e


def _unbracketed(name: str) -> str:
    return re.sub(r"[（(][^（）()]*[）)]", "", name).replace("“", "").replace("”", "").replace('"', "")


def _accept(window: str, s: int, e: int, name: str, suffix: str, scope: str | None,
            places: list[Hit]) -> bool | None:
    """True for a park's name, False for a description that a list of parks may still make a name, None for
    what can never be one (a quantified or plural phrase, a kind of zone)."""
    before = window[:s]
    if QUANTIFIED.search(re.sub(r"(?:[^，。；：、]{1,16}、)+$", "", before)):
        return None  # "布局一批国际科技产业园区", "…等卫星应用产业基地"
    plain = _unbracketed(name)
    prefix = plain[: -len(suffix)]
    introduced = "依托" in window[max(0, s - 40):s] or window.startswith(("管委会", "管理委员会"), e)
    if name in BARE_ABBREVIATIONS or name in LOCAL_ZONES:
        clause = before[max(before.rfind(c) for c in "，。；：") + 1:]
        return bool(scope) and not GENERIC_LIST.search(clause) and not re.search(r"为$", clause) or None
    if suffix in WEAK_INDUSTRY_SUFFIXES and GOAL_VERBS.search(before):
        return None  # "将某市建设成为…核心基地": a goal, not a base
    if "的" in name:
        return None  # "具有示范效应的平台经济集聚区": a description
    if re.fullmatch(r".{0,2}级", prefix) or INSTITUTION_WORD.search(prefix):
        return None  # "镇级工业园"; "某某学院…示范基地" is the college's
    if name.startswith(("“", '"')):
        quoted = re.match(r"[“\"]([^”\"]{2,12})[”\"]", name)
        # "“千人计划”产业园": a quoted brand names the park; "“一区一基地”" is a count of a layout's parts.
        return (quoted is not None and suffix not in ROLE_SUFFIXES
                and not re.fullmatch(r"(?:[一二三四五六七八九十两N\d]+[^一二三四五六七八九十两N\d]{1,3}){2,}", quoted.group(1))
                or None)
    placed = _opening_place(name, places, s) is not None or bool(place_matcher().find(plain))
    if not placed and EVERY_PLACE.search(before[max(before.rfind(c) for c in "，。；") + 1:]):
        return None  # "鼓励各地高水平规划建设新型显示产业园"
    if _designated(prefix, suffix):
        clause = before[max(before.rfind(c) for c in "，。；：") + 1:]
        # "某市是…基地、国家…试验区": a status the text describes, not a zone it builds
        return not before.endswith("的") and not (re.search(r"是|为", clause) and not BUILD_VERBS.search(clause))
    # "在全省先进制造业基地建设中": the whole province's base is a role, not a park
    local = _industry_named(prefix, suffix, scope) and not GOAL_VERBS.search(before) and not prefix.startswith(
        ("全省", "全国", "全市")) and (
        suffix not in WEAK_INDUSTRY_SUFFIXES or DESIGNATION.match(prefix) is not None or window.startswith("建设", e)
        or re.search(r"(?:依托|围绕|立足)[^，。；]{0,12}$", before) is not None)
    if (prefix in GENERIC_PREFIXES or len(prefix) < 2 or re.search(r"\d", prefix)
            or prefix.endswith(("国家级", "省级", "市级", "国家", "重点"))):
        return local
    return _is_proper(plain, suffix, introduced) or local


def _designated(prefix: str, suffix: str) -> bool:
    """国家数字经济创新发展试验区, 全省产业数字化转型示范区: a designation and what the zone pilots."""
    opening = DESIGNATION.match(prefix)
    if opening is None or suffix not in PILOT_SUFFIXES:
        return False
    topic = prefix[opening.end():]
    return len(topic) >= 4 and first_tag(topic) not in DESCRIPTIVE_FLAGS - {"vn"}


def _industry_named(prefix: str, suffix: str, scope: str | None) -> bool:
    """A local plan's park named for its industry: 数字经济产业园, 商业航天产业基地, 省级集成电路产业基地."""
    if scope is None or suffix not in INDUSTRY_PARK_SUFFIXES or prefix.startswith(KIND_OPENINGS):
        return False
    topic = prefix[DESIGNATION.match(prefix).end():] if DESIGNATION.match(prefix) else prefix
    if len(topic) < 2:
        return False
    terms = find_industry_terms(topic, 0, len(topic))
    return bool(terms) and terms[0].start <= 3 and not topic.startswith(KIND_OPENINGS)


def _spread(window: str, s: int, name: str, places: list[Hit]) -> list[tuple[str, Hit | None]]:
    """One park per place listed before the name, with that place: "甲、乙、丙等地建设区块链产业园",
    "甲、乙跨境电商综合试验区"; else the name alone."""
    own = _opening_place(name, places, s)
    topic = name[len(own):] if own else name
    head = _suffix(_unbracketed(topic))
    if DESIGNATION.match(topic) or head in ROLE_SUFFIXES or (head in WEAK_INDUSTRY_SUFFIXES and not own):
        return [(name, None)]  # "甲、乙等地建设省级…试验区": one designation; "甲、乙等地打造…集聚区": a goal
    listed = _listed_places(window, s + len(own) if own else s, places, own is not None)
    if len(topic) < 4 or not listed or (len(listed) < 2 and (own or not _industry_named(topic[:-len(head)], head, "")
                                                               or head in WEAK_INDUSTRY_SUFFIXES)):
        return [(name, None)]
    return [(place.surface + topic, place) for place in listed]


def _listed_places(window: str, cursor: int, places: list[Hit], opened: bool) -> list[Hit]:
    """The places of a list that ends at `cursor` (joined by 、和及与; then 等地 and a verb may follow)."""
    by_end = {h.end: h for h in places}
    if opened:
        hit = by_end.get(cursor)
    else:
        lead = re.search(r"(?:等地|等市|等县|等)?(?:要|将)?(?:加快|着力|全力|积极|重点|大力)?"
                         r"(?:布局建设|规划建设|建设|打造|创建|争创|培育|布局)?$", window[max(0, cursor - 10):cursor])
        hit = by_end.get(cursor - (len(lead.group(0)) if lead else 0))
    listed: list[Hit] = []
    while hit is not None and _level(hit) not in ("province", "area", None):
        listed.insert(0, hit)
        joiner = window[hit.start - 1:hit.start] if hit.start else ""
        hit = by_end.get(hit.start - 1) if joiner in ("、", "和", "及", "与") else None
    return listed


def _listed_parks(window: str, rejected: list[tuple[int, int, str]],
                  taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Names a list makes parks: items of "A、B、C等重点园区", and a candidate listed beside a park."""
    out: list[tuple[int, int, str]] = []
    for closing in PARK_LIST.finditer(window):
        left = max(window.rfind(c, 0, closing.start()) for c in "，。；：\n") + 1
        for s, e in _list_items(window, left, closing.start()):
            item = window[s:e]
            if (2 < len(item) <= MAX_LIST_ITEM and item not in BARE_ABBREVIATIONS | LOCAL_ZONES
                    and not re.search(r"以及|和|及|与", item) and not any(a < e and s < b for a, b in taken + [(x, y) for x, y, _ in out])
                    and not GENERIC_OPENINGS.match(item) and not _is_place(item) and not INSTITUTION_WORD.search(item)):
                out.append((s, e, item))
    spans = sorted(taken + [(s, e) for s, e, _ in out])
    for s, e, name in rejected:
        if any(a < e and s < b for a, b in spans):
            continue
        beside = any(b == s - 1 and window[b] == "、" for _, b in spans) or any(a == e + 1 and window[e] == "、"
                                                                               for a, _ in spans)
        if beside and not any(word in name for word in KIND_OPENINGS) and not _is_place(name) and name not in LOCAL_ZONES:
            out.append((s, e, name))
    return out


def _list_items(window: str, left: int, right: int) -> list[tuple[int, int]]:
    """Spans of the 、-separated items of window[left:right], brackets kept whole; the first loses its verb."""
    items: list[tuple[int, int]] = []
    depth, cursor = 0, left
    for index in range(left, right + 1):
        ch = window[index] if index < right else "、"
        depth += ch == "（"
        depth -= ch == "）" and depth > 0
        if ch == "、" and depth == 0:
            items.append((cursor, index))
            cursor = index + 1
    if items:
        first_s, first_e = items[0]
        lead = LEAD_WORDS.match(window, first_s, first_e)
        if lead and lead.end() < first_e:
            items[0] = (lead.end(), first_e)
        if QUANTIFIED.search(window[left:items[0][0]]) or window[items[0][0]] == "类":
            return []  # "加强各类高新区、经开区…等产业园区": kinds of zones
    return [(s, e) for s, e in items if re.fullmatch(r"[\u4e00-\u9fffA-Za-z0-9·“”（）、]+", window[s:e])]


def _opening_place(name: str, places: list[Hit], s: int) -> str | None:
    """The place (a city, district or county) that opens the name at window offset `s`."""
    for hit in places:
        if hit.start == s and hit.end - hit.start < len(name) and _level(hit) not in ("province", "area", None):
            return hit.surface
    return None


def _level(hit: Hit) -> str | None:
    entry = load_places().get(hit.values[0])
    return entry.props.get("level") if entry else None


def _is_proper(name: str, suffix: str, introduced: bool) -> bool:
    """A park's own name, not a description of one.

    Whole place names (长春新区, 天津滨海新区) are places, and parks only where a text relies on them as one
    ("依托西咸新区、…开发区", "某某新区管委会") or where the place is itself a zone (a pilot zone, a new town).
    Otherwise a name opened by a place is proper; one opened by a function word, verb or adjective (jieba's
    tags) is a description ("根据新区", "先进制造产业园"); a strong zone suffix (…工业园, …新区) makes a proper
    name of a noun prefix, and a weak one (…基地) needs a proper noun (a firm's or institution's name) to open it.
    """
    if _is_place(name):
        return introduced or _place_level(name) == "new_town"
    hits = place_matcher().find(name)
    if hits and hits[0].start == 0:
        return True
    if GENERIC_OPENINGS.match(name):
        return False
    # jieba's HMM reads an unknown brand (某某 in 某某无人机产业化基地) as one proper noun; the dictionary pass
    # alone splits it into characters, so the name's own check asks for the full tagging.
    found = tags(name)
    first = found[0][1] if found else ""
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
