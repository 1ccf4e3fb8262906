"""Who is to develop what: TARGETS (place → industry), HOSTS (park → industry), LOCATED_IN (park → place).

The subject of an industry list is found, in order: the places right after the verb ("推动西安在…",
"重点推动西安、咸阳…发展…", "支持渭南、咸阳、汉中加快提升…"), the places just before it in the same clause
("西安重点发展…"), the places a clause is anchored on ("以西安、宝鸡为核心，…"), parks just before it
("…产业园重点发展…"), the place opening a zone named after the verb ("打造关中新材料产业核心区"), the subject an
earlier clause of the sentence named, the place the sentence or paragraph opens with ("宝鸡：依托…"), and last
the document's own jurisdiction. "X产业重点布局在西安、宝鸡…等地" names places after the verb.
Parks that a paragraph introduces with 依托 host the industries that paragraph lists for its place; a new town
written as a park hosts its industries. Reports also state who develops what without a verb of development:
places listed for the industry a sentence ranks them on (梯队包括…, 分布在…), places named a base of an
industry (入选…基地), districts responsible for a task about one industry (〔责任单位：…〕); and a section
about one industry files the places it gives industries under that industry too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.extract import Mention
from loaders.extract.industries import (
    HEAD_WORDS,
    IndustryList,
    find_industry_lists,
    find_industry_terms,
    parse_items,
    places_at,
)
from loaders.extract.parks import SUFFIX, find_parks
from loaders.extract.places import find_places
from loaders.gazetteers.industries import industry_id, lookup
from loaders.segment import Segmented, Sentence

PARAGRAPH_LEAD = re.compile(r"([^：:，。；]{2,14})[：:]")
PLACE_JOINERS = re.compile(r"^(?:、|和|及|与|，)$")
# A place name that opens an organisation or firm name is not a subject: 西安交通大学, 西安某某有限公司.
ORG_TAIL = re.compile(r"^[\u4e00-\u9fff]{0,14}?(?:大学|学院|研究院|研究所|有限公司|公司|集团|医院|银行|实验室|协会|"
                      r"数据中心|创新中心|研究中心)")
CITED_TITLE = re.compile(r"《[^《》\n]{1,80}》")
# (?:重点)?(?:布局|分布|集中|集聚)(?:在|于), as alternatives that each open with a character (tried in the same
# order): the regex engine skips to those characters instead of trying a match at every position.
LOCATED_AFTER = re.compile(r"重点(?:布局|分布|集中|集聚)[在于]|布局[在于]|分布[在于]|集中[在于]|集聚[在于]")
GAP_LIMIT = 8
# "支持企业…", "鼓励各类主体…": a sentence about firms or other actors; the place an earlier sentence was about
# does not carry into it (its industries are the jurisdiction's, as any unattributed intent).
OTHER_SUBJECT = re.compile(r"(?:[（(]?[0-9一二三四五六七八九十]{1,2}[)）.．、])?(?:支持|鼓励|引导|推动|引进|培育)?"
                           r"(?:龙头企业|骨干企业|重点企业|企业|各类|高校|科研院所|社会资本|金融机构|行业协会|市场主体)")
# "依托某某产业园，…", "以甲软件园、乙孵化园等园区为载体，…", "立足临空经济区，…": parks a sentence builds on host the
# industries it then lists.
INTRODUCING = re.compile(r"依托|为载体|为依托|立足")
# How a relation found a subject the text names in or near its sentence (not the document's jurisdiction).
NAMED_SUBJECT = frozenset({"after", "before", "clause", "sentence", "located"})
SENTENCE_OPENING = re.compile(r"(?:其中|同时|此外|另外|总体来看|总的来看|总体而言|特性而言|目前|当前|近年来)?[，,]?"
                              r"(?:支持|推动|鼓励|引导|依托|加快推动)?")


@dataclass
class Relation:
    type: str
    source: Mention
    target: Mention
    sentence: Sentence
    strength: str | None = None
    via: str | None = None  # how the subject was found: after, before, clause, park, sentence, scope, located


@dataclass
class Extraction:
    places: list[Mention]
    parks: list[Mention]
    industries: list[Mention]
    relations: list[Relation]


def extract_relations(doc: Segmented, province: str | None, jurisdiction: Mention | None) -> Extraction:
    text = doc.text
    places: list[Mention] = []
    parks: list[Mention] = []
    industries: list[Mention] = []
    relations: list[Relation] = []
    sentences_by_paragraph: dict[int, list[Sentence]] = {}
    for sentence in doc.sentences:
        sentences_by_paragraph.setdefault(sentence.paragraph, []).append(sentence)

    for paragraph, sentences in sentences_by_paragraph.items():
        p_start, p_end = doc.paragraphs[paragraph]
        lead = _paragraph_lead(text, p_start, p_end, province)
        scope = lead or jurisdiction
        introduced_parks: list[Mention] = []
        topic: list[Mention] = []
        for sentence in sentences:
            cited = [m.span() for m in CITED_TITLE.finditer(text, sentence.start, sentence.end)]
            # A place opening an organisation's name, or inside a cited title (《某省…行动计划》), is no subject.
            all_places = [m for m in find_places(text, province, sentence.start, sentence.end, own=jurisdiction)
                          if not ORG_TAIL.match(text[m.end:sentence.end]) and not any(a < m.start < b for a, b in cited)]
            s_parks = find_parks(text, sentence.start, sentence.end, _short(scope))
            # A place inside a park's name is part of that name; a new town that is itself the park stays a place too.
            # A place written right before a park the gazetteer knows by a shorter name (甲市 + 某某经开区) opens
            # that park's name as well: it is where the park lies, not a subject of its own.
            opening = {k.start: p for p in all_places for k in s_parks if p.end == k.start and p.start < k.start}
            s_places = [p for p in all_places
                        if not any(p.inside(k.start, k.end) and (p.start, p.end) != (k.start, k.end) for k in s_parks)
                        and all(p is not q for q in opening.values())]
            places.extend(s_places)
            parks.extend(s_parks)
            notes = _responsibility_notes(text, sentence)
            industries.extend(m for m in find_industry_terms(text, sentence.start, sentence.end)
                              if not any(a <= m.start < b for a, b in notes))
            opener = _sentence_opener(text, sentence, all_places)  # "支持铜川数字经济产业园…": the place opening a park too
            for park in s_parks:
                # The industry a park is named for is one it hosts (…氢能示范区, …软件产业孵化园, 航空产业基地).
                named_for = _named_industries(text, park, all_places)
                industries.extend(m for m in named_for if not m.props.get("taxonomy"))
                relations.extend(Relation("HOSTS", park, term, sentence, None, "name") for term in named_for)
                # A park whose name holds no place lies in the place written before it, else in the one place its
                # sentence opens with, else in scope.
                own, rest = _own_place(text, park, province)
                city = opening.get(park.start) or _park_place(park, own, opener[0] if len(opener) == 1 else scope,
                                                             province, text)
                if city is not None:
                    relations.append(Relation("LOCATED_IN", park, city, sentence))
                owner, named_at = _name_owner(text, park, own, rest)
                if owner is not None:
                    strength = "cultivate" if PARK_BUILT.search(text, sentence.start, sentence.end) else "other"
                    relations.extend(Relation("TARGETS", owner, term, sentence, strength, "name")
                                     for term in _leading_terms(text, named_for, named_at))
            if lead is not None:
                introduced_parks.extend(s_parks)
            else:
                # "依托某某产业基地建设，发展…": the parks a sentence builds on (those inside its 依托/为载体/立足
                # clause) host what it then lists, and replace the ones an earlier sentence built on.
                building_on = _parks_built_on(text, sentence, s_parks)
                if building_on:
                    introduced_parks = building_on
            built_on_here = lead is None and bool(introduced_parks) and introduced_parks[0] in s_parks

            topic = opener or topic  # "长春新区将…。引进…，打造光电…": the paragraph keeps its subject
            named_subjects: set[str] = set()
            running: list[Mention] = []  # the subject a clause named carries on to the clauses after it
            for industry_list in find_industry_lists(text, sentence.start, sentence.end, s_places):
                if any(a <= industry_list.start < b for a, b in notes):
                    continue  # "（责任单位：省发展改革委、省金融监管局）": agency names, not industries
                subjects, via = _subjects(text, industry_list, s_places, s_parks)
                zone_place = [] if subjects else _zone_place(text, industry_list, s_parks, all_places)
                if zone_place:
                    subjects, via = zone_place, "after"
                # A place or a park is never an industry ("推动甲市、乙市等地…", "引导某某软件园、…").
                # The industry a zone is named for stays ("打造某地商用车产业核心区": 商用车 inside the zone's name).
                items = [m for m in industry_list.items
                         if not any(k.start <= m.start and m.end <= k.end for k in all_places)
                         and not any(m.start <= k.start < m.end for k in s_parks)]
                # "德清北斗及地信产业、长兴新能源汽车产业…": an item that opens with a place is that place's industry.
                owned = _items_with_own_place(text, items, all_places)
                for place, item in owned:
                    industries.append(item)
                    relations.append(Relation("TARGETS", place, item, sentence, industry_list.strength, "item"))
                items = [m for m in items if not any(m.start <= place.start < m.end for place, _ in owned)]
                industries.extend(items)
                if subjects and via in ("after", "before"):
                    named_subjects.update(m.key for m in subjects)
                    running = subjects
                if not subjects and running:
                    subjects, via = running, "clause"
                if not subjects and topic and not OTHER_SUBJECT.match(text, sentence.start, sentence.end):
                    subjects, via = topic, "sentence"
                if not subjects and scope is not None:
                    subjects, via = [scope], "scope" if scope is jurisdiction else "lead"
                if via == "after":
                    for region in _anchored_places(text, s_places, industry_list.trigger_start, regions_only=True):
                        relations.extend(Relation("TARGETS", region, item, sentence, industry_list.strength, "region")
                                         for item in items)
                acting = _parks_that_are(subjects, s_parks)
                pairs = _respectively(text, subjects, items, industry_list) or [
                    (subject, item) for subject in [m for m in subjects if not _acts_as_park(m, acting)] + acting
                    for item in items]
                for subject, item in pairs:
                    kind = "HOSTS" if subject.label == "Park" else "TARGETS"
                    relations.append(Relation(kind, subject, item, sentence, industry_list.strength, via))
                # The parks this sentence builds on host its lists whoever the subject is (依托合肥某某产业园，发展…
                # gives 合肥 the list and the park hosts it); parks an earlier sentence built on only host lists
                # that name no place of their own.
                if via in ("scope", "lead") or (built_on_here and via not in ("after", "before")):
                    for park in introduced_parks:
                        for item in items:
                            relations.append(Relation("HOSTS", park, item, sentence, industry_list.strength, via))
            if named_subjects - {m.key for m in topic}:
                topic = []  # "昆山市重点发展…，张家港市加快培育…": several subjects, so no one topic carries on
            located = _located_lists(text, sentence, s_places, industries)
            relations.extend(located or _described_places(text, sentence, s_places, industries)
                             or _designated_places(text, sentence, s_places, industries))
            relations.extend(_responsible_places(text, sentence, s_places, industries))
    inherited = _section_industries(text, relations)
    relations = [r for r in relations if r.via != "region"]  # a region keeps only its section's industry
    industries.extend(r.target for r in inherited)
    return Extraction(places, parks, industries, relations + inherited)


# "（省工信厅牵头，省发展改革委配合）", "〔责任单位：市商务局、市金融办〕", a line "牵头单位：…": who is
# responsible. Agency names hold industry words (发展改革委, 金融监管局) that no list may read.
RESPONSIBILITY_NOTE = re.compile(r"[（(〔【][^（）()〔〕【】]{0,160}?(?:牵头|配合|负责|责任单位|责任部门|牵头单位|配合单位)"
                                 r"[^（）()〔〕【】]{0,200}[）)〕】]|(?:责任单位|责任部门|牵头单位|配合单位)[：:][^。\n]*")


def _responsibility_notes(text: str, sentence: Sentence) -> list[tuple[int, int]]:
    return [m.span() for m in RESPONSIBILITY_NOTE.finditer(text, sentence.start, sentence.end)]


ZONE_TAIL = re.compile(SUFFIX + "$")
NAME_OPENING = re.compile(r"^(?:国家级|国家|省级|全国|全球|国际|中国|市级|区域|综合型)+")
NAME_FILLERS = re.compile(r"(?:产业|行业|应用|示范|创新|综合|先行|试点|特殊监管|生产|核心|主体|发展|合作|科技|集聚)+$")
OPEN_NAME_HEADS = ("贸易", "物流", "农业", "旅游", "电商", "物联网")


def _parks_built_on(text: str, sentence: Sentence, parks: list[Mention]) -> list[Mention]:
    """Parks inside a clause that opens with 依托/立足 or closes with 为载体/为依托."""
    out: list[Mention] = []
    for match in INTRODUCING.finditer(text, sentence.start, sentence.end):
        clause_start = max([text.rfind(c, sentence.start, match.start()) for c in "，；：。"] + [sentence.start - 1]) + 1
        clause_end = min([i for i in (text.find(c, match.end(), sentence.end) for c in "，；。") if i >= 0]
                         + [sentence.end])
        out += [k for k in parks if clause_start <= k.start < clause_end and k not in out]
    return out


def _named_industries(text: str, park: Mention, places: list[Mention]) -> list[Mention]:
    """The industries a park's name says it is for: taxonomy terms inside it, else the words between its place
    (or designation) and its zone type when they end in an industry head (某某数字贸易试验区 → 数字贸易,
    某地VR科创城 → VR, 某县智慧物流示范区 → 智慧物流)."""
    known = find_industry_terms(text, park.start, park.end)
    if known:
        return known
    start = max([park.start] + [p.end for p in places if park.start <= p.start and p.end <= park.end])
    name = text[start:park.end]
    zone = ZONE_TAIL.search(name)
    if zone is None or re.search(r"[（(“”\"]", name):
        return []
    core = name[:zone.start()]
    opening = NAME_OPENING.match(core)
    offset = start + (opening.end() if opening else 0)
    core = NAME_FILLERS.sub("", core[opening.end() if opening else 0:])
    is_acronym = core.isascii() and core.isalpha() and core.isupper() and 2 <= len(core) <= 5
    if not (is_acronym or (2 <= len(core) <= 10 and core.endswith(HEAD_WORDS + OPEN_NAME_HEADS))):
        return []
    return [Mention("Industry", offset, offset + len(core), core, industry_id(core), core, {"head": True})]


SECTION_INDUSTRY = re.compile(r"([\u4e00-\u9fff]{2,8}?(?:产业|行业))$")


def _section_industry(text: str, section) -> Mention | None:
    """The industry a section is about, when its title names one ("1．高端装备", "（三）做精做实N个新兴产业")."""
    title = section.title.rstrip("。.")
    offset = text.find(title, section.start, section.start + len(section.title) + 12)
    offset = section.start if offset < 0 else offset
    entry = lookup(title)
    if entry is not None:
        return Mention("Industry", offset, offset + len(title), title, entry.id, entry.name, {"taxonomy": True})
    terms = find_industry_terms(text, offset, offset + len(title))
    if len(terms) == 1:  # "壮大新一代信息技术产业": the one taxonomy term the title names
        return terms[0]
    named = SECTION_INDUSTRY.search(re.sub(r"^.*[0-9N一二三四五六七八九十]+[个大项条类]", "", title))
    if named:
        phrase = named.group(1)
        at = offset + len(title) - len(phrase)
        items = parse_items(text, at, offset + len(title))
        if len(items) == 1:
            return items[0]
        if not items and len(phrase) <= 6:  # "新兴产业", "传统产业": a class of industries the plan files places under
            return Mention("Industry", at, at + len(phrase), phrase, industry_id(phrase), phrase, {})
    return None


def _section_industries(text: str, relations: list[Relation]) -> list[Relation]:
    """A place given industries inside a section about one industry ("5．新材料" … "支持榆林大力发展铝、镁合金")
    is given that industry too: the plan files the place under it."""
    out: list[Relation] = []
    cache: dict[int, Mention | None] = {}
    for relation in relations:
        if relation.type != "TARGETS" or relation.via not in NAMED_SUBJECT | {"region"}:
            continue
        section = relation.sentence.section
        while section is not None:
            if id(section) not in cache:
                cache[id(section)] = _section_industry(text, section)
            industry = cache[id(section)]
            if industry is not None:
                if industry.key != relation.target.key:
                    out.append(Relation("TARGETS", relation.source, industry, relation.sentence, relation.strength,
                                        "section"))
                break
            section = section.parent
    return out


ANCHOR = re.compile(r"以(?P<places>[^，。；以]{2,40}?)为(?P<role>核心|中心|重点|主体|支撑|龙头|引领|依托|承载|主)")


def _anchored_places(text: str, places: list[Mention], position: int, cores_only: bool = False,
                     regions_only: bool = False) -> list[Mention]:
    """"以西安、宝鸡、咸阳为核心，推动…": the places a clause is anchored on, in the clause before the verb.

    `cores_only` leaves out regions written as the main body (以关中为主体); `regions_only` keeps only them."""
    clause_start = max(text.rfind(c, 0, position) for c in "。；\n") + 1
    for match in ANCHOR.finditer(text, clause_start, position):
        if (cores_only and match.group("role") == "主体") or (regions_only and match.group("role") != "主体"):
            continue
        group = [p for p in places if match.start("places") <= p.start and p.end <= match.end("places")]
        if group:
            return group
    return []


def _zone_place(text: str, industry_list: IndustryList, parks: list[Mention], places: list[Mention]) -> list[Mention]:
    """"打造关中新材料产业核心区", "重点打造陕北绿色石化和现代煤化工产业示范区": a zone named by its place and
    its industries, right after the verb, gives the place those industries."""
    zone = next((k for k in parks if k.start <= industry_list.start < k.end), None)
    if zone is None or not text.startswith(industry_list.trigger, zone.start - len(industry_list.trigger)):
        return []
    return [p for p in places if p.start == zone.start][:1]


def _items_with_own_place(text: str, items: list[Mention], places: list[Mention]) -> list[tuple[Mention, Mention]]:
    """(place, industry) for list items written as place + industry ("长兴新能源汽车", "南浔光电产业")."""
    out: list[tuple[Mention, Mention]] = []
    for item in items:
        place = next((p for p in places if p.start == item.start and p.end <= item.end - 2), None)
        if place is not None:
            out += [(place, m) for m in parse_items(text, place.end, item.end)]
    return out


def _parks_that_are(places: list[Mention], parks: list[Mention]) -> list[Mention]:
    """Parks written with exactly a subject place's words (空港新城 the new town and the zone)."""
    spans = {(p.start, p.end) for p in places if p.label == "City"}
    return [k for k in parks if (k.start, k.end) in spans]


def _acts_as_park(place: Mention, parks: list[Mention]) -> bool:
    """A new town written as a park (西咸新区's 沣东新城) hosts the industries given to it: it is a zone of the
    new area, not a city that targets them (SCHEMA.md: "new town acting as a park")."""
    return (place.label == "City" and place.props.get("level") == "new_town"
            and any((k.start, k.end) == (place.start, place.end) for k in parks))


def _sentence_opener(text: str, sentence: Sentence, places: list[Mention]) -> list[Mention]:
    """Places that open a sentence ("宝鸡依托…，重点发展…", "支持延安以…为基础，加快提升…") are its subject."""
    opening = SENTENCE_OPENING.match(text, sentence.start, sentence.end)
    position = opening.end() if opening else sentence.start
    group = places_at(text, places, position)
    if group and not ORG_TAIL.match(text[group[-1].end:sentence.end]) and text[group[-1].end:group[-1].end + 1] not in "：:":
        return group
    return []


def _short(place: Mention | None) -> str | None:
    """The short name bare zone abbreviations attach to (宝鸡 + 高新区); none for a province or a macro area,
    where 高新区 means high-tech zones in general."""
    if place is None or place.props.get("level") in ("province", "area"):
        return None
    return place.surface if len(place.surface) <= len(place.name) else place.name


def _paragraph_lead(text: str, start: int, end: int, province: str | None) -> Mention | None:
    match = PARAGRAPH_LEAD.match(text, start, end)
    if not match:
        return None
    found = find_places(text, province, start, match.end(1))
    if len(found) == 1 and found[0].start == start and found[0].end == match.end(1):
        return found[0]
    return None


def _group_before(text: str, places: list[Mention], position: int) -> list[Mention]:
    """The run of places (joined by 、/和) that ends just before `position` in the same clause."""
    before = [p for p in places if p.end <= position]
    if not before:
        return []
    last = before[-1]
    gap = text[last.end:position]
    if len(gap) > GAP_LIMIT or re.search(r"[，。；：（）]", gap):
        return []
    group = [last]
    for previous in reversed(before[:-1]):
        if PLACE_JOINERS.match(text[previous.end:group[0].start]):
            group.insert(0, previous)
        else:
            break
    return group


def _subjects(text: str, industry_list: IndustryList, places: list[Mention], parks: list[Mention]):
    if industry_list.subjects_after:
        # "以西安、宝鸡为核心，推动咸阳…发展": the core places share the list; "以关中为主体，推动西安重点发展…"
        # names the region the named city's list falls in, not a subject of its own.
        anchored = _anchored_places(text, places, industry_list.trigger_start, cores_only=True)
        return anchored + industry_list.subjects_after, "after"
    before = _group_before(text, places, industry_list.trigger_start)
    if before:
        return before, "before"
    anchored = _anchored_places(text, places, industry_list.trigger_start)
    if anchored:
        return anchored, "before"
    park_before = _group_before(text, parks, industry_list.trigger_start)
    if park_before:
        return park_before, "park"
    return [], None


# "推进福州软件园建设", "支持上饶数字文化产业基地建设": a park built or to be built for its industry.
PARK_BUILT = re.compile(r"建设|建成|打造|创建|培育|布局|规划")


def _own_place(text: str, park: Mention, province: str | None) -> tuple[Mention | None, int]:
    """The place a park's name opens with, the last of several (福州软件园, 某省某县光电产业园), or the listed place
    it was given (甲、乙等地建设X产业园: 甲's and 乙's); and where the rest of its name begins."""
    owner, cursor = None, park.start
    for place in sorted(find_places(text, province, park.start, park.end), key=lambda m: m.start):
        if place.start != cursor:
            break
        owner, cursor = place, place.end
    if "owner_span" in park.props:
        owner = next(iter(find_places(text, province, *park.props["owner_span"])), None)
    return owner, cursor


def _name_owner(text: str, park: Mention, owner: Mention | None, cursor: int) -> tuple[Mention | None, int]:
    """The park's own place (`_own_place`: `owner`, its name going on at `cursor`) and where the industry its name
    states begins (after 国家, 省级…): the park is that place's, so that industry is one the place develops. Not a
    province: a province's name on a park is a brand (某省航天经开区 lies in one city)."""
    opening = NAME_OPENING.match(text, cursor, park.end)
    if owner is None or owner.props.get("level") == "province":
        return None, cursor
    return owner, opening.end() if opening else cursor


def _respectively(text: str, subjects: list[Mention], items: list[Mention],
                  industry_list: IndustryList) -> list[tuple[Mention, Mention]]:
    """"甲、乙分别重点发展X、Y": 分别 pairs the subjects with the items one by one, when there are as many of each."""
    if not (1 < len(subjects) == len(items)):
        return []
    last = max(subject.end for subject in subjects)
    first_item = min(item.start for item in items)
    if last >= first_item or "分别" not in text[last:first_item]:
        return []
    return list(zip(sorted(subjects, key=lambda m: m.start), sorted(items, key=lambda m: m.start), strict=True))


def _leading_terms(text: str, terms: list[Mention], start: int) -> list[Mention]:
    """The terms written one after another from `start` (某市石化新材料产业园: 石化 and 新材料; 和/与/及/、 may join
    them); a term after other words (某省某公司半导体基地) is not the place's."""
    out, cursor = [], start
    for term in sorted(terms, key=lambda m: m.start):
        if term.start != cursor and text[cursor:term.start] not in ("、", "和", "与", "及"):
            break
        out.append(term)
        cursor = term.end
    return out


def _park_place(park: Mention, own: Mention | None, scope: Mention | None, province: str | None, text: str):
    """Where a park lies: its own place (`_own_place`), else the first place inside its name, else `scope`."""
    return own or next(iter(find_places(text, province, park.start, park.end)), None) or scope


INDUSTRY_OPENING = re.compile(r"(?:[^，。；]{2,14}?)(?:产业|行业)(?:重点|要|将|应)?(?:形成|发挥|充分发挥|依托|布局|集中|集聚|围绕|以)")


def _located_lists(text: str, sentence: Sentence, places: list[Mention], industries: list[Mention]) -> list[Relation]:
    """"高端装备产业重点布局在西安、宝鸡…等地", "电子信息产业重点形成以西安为核心，咸阳…联动发展的格局":
    a sentence about one industry that names the places carrying it."""
    out = _industry_opening(text, sentence, places, industries)
    if out:
        return out
    for match in LOCATED_AFTER.finditer(text, sentence.start, sentence.end):
        group = places_at(text, places, match.end())
        if not group:
            continue
        clause_start = max(text.rfind(c, sentence.start, match.start()) for c in "，。；：") + 1
        clause_start = max(clause_start, sentence.start)
        subjects = find_industry_terms(text, clause_start, match.start())
        industries.extend(subjects)
        for place in group:
            for industry in subjects:
                strength = "key" if "重点" in match.group(0) else "other"
                out.append(Relation("TARGETS", place, industry, sentence, strength, "located"))
    return out


def _industry_opening(text: str, sentence: Sentence, places: list[Mention], industries: list[Mention]):
    opening = INDUSTRY_OPENING.match(text, sentence.start, sentence.end)
    if not opening:
        return []
    subjects = [m for m in find_industry_terms(text, sentence.start, opening.end()) if m.start == sentence.start]
    named = [p for p in places if p.start >= opening.end()]
    if not subjects or not named:
        return []
    industries.extend(subjects)
    strength = "key" if "重点" in sentence.text else "other"
    return [Relation("TARGETS", place, industry, sentence, strength, "located") for place in named
            for industry in subjects]


# Reports describe where an industry stands: "第一梯队包括上海、深圳、北京…，是我国先进制造业的领军城市",
# "企业…主要分布在北京、上海、深圳等城市", "江苏、浙江、广东等东部沿海地区先进制造业基础较好".
LISTED_PLACES = re.compile(r"包括|主要分布在|分布在|主要集中在|集中在|主要有")
STANDING = re.compile(r"(?:产业|行业)?(?:基础较好|基础雄厚|优势明显|优势突出|发展较快|较为发达|实力较强)")


def _described_places(text: str, sentence: Sentence, places: list[Mention], industries: list[Mention]):
    """Places a report lists for the one industry its sentence (or section) is about: TARGETS "other".

    A run of at least two places after 包括/分布在, or opening the sentence before a standing phrase
    ("…基础较好"); the industry is the section's when the sentence names it, else the only one it names.
    """
    groups = [places_at(text, places, match.end()) for match in LISTED_PLACES.finditer(text, sentence.start, sentence.end)]
    opener = _sentence_opener(text, sentence, places)
    if len(opener) >= 2 and STANDING.search(text, sentence.start, sentence.end):
        groups.append(opener)
    groups = [g for g in groups if len(g) >= 2]
    if not groups:
        return []
    listed = {(p.start, p.end) for g in groups for p in g}
    named = [m for m in find_industry_terms(text, sentence.start, sentence.end)
             if not any(a <= m.start < b for a, b in listed)]
    section = sentence.section
    topic = _section_industry(text, section) if section is not None else None
    if topic is not None and any(m.key == topic.key for m in named):
        chosen = [m for m in named if m.key == topic.key][:1]
    elif len({m.key for m in named}) == 1:
        chosen = named[:1]
    else:
        return []
    industries.extend(chosen)
    return [Relation("TARGETS", place, industry, sentence, "other", "described")
            for group in groups for place in group for industry in chosen]


# "渭南、韩城入选国家级工业资源综合利用基地", "合肥市是全国重要的现代制造业基地": what a place is named as.
DESIGNATED = re.compile(r"(?:入选|获批|被评为|被认定为|成为|是)(?P<what>[^，。；]{0,30}?)(?:基地|示范区|集聚区|集群|高地)")
CLAUSE_BREAK = re.compile(r"[，；]\s*")


def _designated_places(text: str, sentence: Sentence, places: list[Mention], industries: list[Mention]):
    """Places that open a clause and are named a base, zone or cluster of an industry: TARGETS "other"."""
    out: list[Relation] = []
    clause_starts = [sentence.start] + [m.end() for m in CLAUSE_BREAK.finditer(text, sentence.start, sentence.end)]
    for start in clause_starts:
        group = places_at(text, places, start)
        match = DESIGNATED.match(text, group[-1].end, sentence.end) if group else None
        if match is None:
            continue
        named = find_industry_terms(text, match.start("what"), match.end("what"))
        industries.extend(named)
        out += [Relation("TARGETS", place, industry, sentence, "other", "designated")
                for place in group for industry in named]
    return out


RESPONSIBLE = re.compile(r"责任单位[：:]")


def _responsible_places(text: str, sentence: Sentence, places: list[Mention], industries: list[Mention]):
    """"（1）推动航空企业改造。…〔责任单位：市工信局等部门，阎良区（航空基地）等区县〕": a district named
    responsible for a task about one industry carries that industry (TARGETS other)."""
    note = RESPONSIBLE.search(text, sentence.start, sentence.end)
    section = sentence.section
    if note is None or section is None:
        return []
    industry = _section_industry(text, section)
    if industry is None:
        return []
    named = [p for p in places if p.start >= note.end() and p.props.get("level") not in ("province", "city", "area")]
    if named:
        industries.append(industry)
    return [Relation("TARGETS", place, industry, sentence, "other", "responsible") for place in named]
