"""Who is to develop what: TARGETS (place → industry), HOSTS (park → industry), LOCATED_IN (park → place).

The subject of an industry list is found, in order: the places right after the verb ("推动西安在…",
"重点推动西安、咸阳…发展…"), the places just before it in the same clause ("支持渭南、咸阳、汉中加快提升…",
"西安重点发展…"), parks just before it ("…产业园重点发展…"), the place a paragraph opens with ("宝鸡：依托…"),
and last the document's own jurisdiction. "X产业重点布局在西安、宝鸡…等地" names places after the verb.
Parks that a paragraph introduces with 依托 host the industries that paragraph lists for its place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.extract import Mention
from loaders.extract.industries import IndustryList, find_industry_lists, find_industry_terms, places_at
from loaders.extract.parks import find_parks
from loaders.extract.places import find_places
from loaders.segment import Segmented, Sentence

PARAGRAPH_LEAD = re.compile(r"([^：:，。；]{2,14})[：:]")
PLACE_JOINERS = re.compile(r"^(?:、|和|及|与|，)$")
# A place name that opens an organisation or firm name is not a subject: 西安交通大学, 西安某某有限公司.
ORG_TAIL = re.compile(r"^[\u4e00-\u9fff]{0,14}?(?:大学|学院|研究院|研究所|有限公司|公司|集团|医院|银行|实验室|协会)")
LOCATED_AFTER = re.compile(r"(?:重点)?(?:布局|分布|集中|集聚)(?:在|于)")
GAP_LIMIT = 8
SENTENCE_OPENING = re.compile(r"(?:其中|同时|此外|另外)?[，,]?(?:支持|推动|鼓励|引导|依托|加快推动)?")


@dataclass
class Relation:
    type: str
    source: Mention
    target: Mention
    sentence: Sentence
    strength: str | None = None
    via: str | None = None  # how the subject was found: after, before, park, sentence, scope, located


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
        for sentence in sentences:
            s_places = [m for m in find_places(text, province, sentence.start, sentence.end)
                        if not ORG_TAIL.match(text[m.end:sentence.end])]
            s_parks = find_parks(text, sentence.start, sentence.end, _short(scope))
            s_places = [p for p in s_places if not any(p.inside(k.start, k.end) for k in s_parks)]
            places.extend(s_places)
            parks.extend(s_parks)
            industries.extend(find_industry_terms(text, sentence.start, sentence.end))
            for park in s_parks:
                city = _park_place(park, s_places, scope, province, text)
                if city is not None:
                    relations.append(Relation("LOCATED_IN", park, city, sentence))
            if "依托" in sentence.text or lead is not None:
                introduced_parks.extend(s_parks)

            opener = _sentence_opener(text, sentence, s_places)
            for industry_list in find_industry_lists(text, sentence.start, sentence.end, s_places):
                subjects, via = _subjects(text, industry_list, s_places, s_parks)
                items = industry_list.items
                industries.extend(items)
                if not subjects and opener:
                    subjects, via = opener, "sentence"
                if not subjects and scope is not None:
                    subjects, via = [scope], "scope" if scope is jurisdiction else "lead"
                for subject in subjects:
                    for item in items:
                        kind = "HOSTS" if subject.label == "Park" else "TARGETS"
                        relations.append(Relation(kind, subject, item, sentence, industry_list.strength, via))
                if via in ("scope", "lead"):
                    for park in introduced_parks:
                        for item in items:
                            relations.append(Relation("HOSTS", park, item, sentence, industry_list.strength, via))
            relations.extend(_located_lists(text, sentence, s_places, industries))
    return Extraction(places, parks, industries, _drop_sector_descriptions(relations, jurisdiction))


def _top_section(sentence: Sentence):
    section = sentence.section
    while section is not None and section.parent is not None:
        section = section.parent
    return section


def _drop_sector_descriptions(relations: list[Relation], jurisdiction: Mention | None) -> list[Relation]:
    """In a provincial plan, a part that assigns industries to named places ("宝鸡重点发展…") describes sectors
    in its unattributed sentences; those are not the province's own targets. Parts that name no place keep
    the province as the subject ("聚焦新一代信息技术、新材料…" in the general requirements)."""
    if jurisdiction is None or jurisdiction.props.get("level") not in ("province", "area"):
        return relations
    allocating = {id(_top_section(r.sentence)) for r in relations
                  if r.type == "TARGETS" and r.via in ("after", "before", "sentence", "lead", "located")}
    return [r for r in relations if not (r.via == "scope" and id(_top_section(r.sentence)) in allocating)]


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
        return industry_list.subjects_after, "after"
    before = _group_before(text, places, industry_list.trigger_start)
    if before:
        return before, "before"
    park_before = _group_before(text, parks, industry_list.trigger_start)
    if park_before:
        return park_before, "park"
    return [], None


def _park_place(park: Mention, places: list[Mention], scope: Mention | None, province: str | None, text: str):
    inside = find_places(text, province, park.start, park.end)
    if inside:
        return inside[0]
    return scope


def _located_lists(text: str, sentence: Sentence, places: list[Mention], industries: list[Mention]) -> list[Relation]:
    """"高端装备产业重点布局在西安、宝鸡…等地": the industry before the verb, the places after it."""
    out: list[Relation] = []
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
