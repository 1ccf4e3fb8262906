"""Government agencies, the tasks they are made responsible for, and the office that issued the document.

Chinese implementation plans close each numbered measure with who carries it out, in one of a few frames:
"（市工业和信息化局牵头，市发展改革委、市住房城乡建设局配合）", "〔责任单位：市工信局、市科技局等部门，…区县、开发区〕",
"市工信局会同市财政局…", "充分发挥省制造强省建设领导小组作用". Read against the outline (loaders.segment), such a
clause is responsibility for the numbered item it sits in: that item becomes a Task node and the agencies get
LEADS/SUPPORTS edges to it.

Agencies are written relative to the document ("市" is the city the document is for, "省" its province) and
abbreviated (工信局 = 工业和信息化局, data/agency_abbreviations.csv), so every mention is resolved to one node named
jurisdiction + full name (西安市工业和信息化局) whose aliases keep the forms seen. A named district, county, city or
park in a list of who carries a task out is its government or 管委会 (GOLD_SPEC: "each county/district/city
government named as responsible is an agency"); group words ("各县区", "有关部门", "各市、县（市、区）人民政府"),
firms and schools share the lists but name no agency, and are skipped.

Other frames read here: task tables (任务分工表, one cell per line or tab-separated: loaders.extract.tables) whose
牵头/责任/配合 columns name who carries out the row's task; the body an office sits in ("领导小组办公室设在市发展
改革委"); bodies set up or put to work ("成立…领导小组，负责…", "在…领导小组的领导下"). A leading group's roster
(people named as 同志, 组长) assigns nothing.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from graph.model import Edge, FactBatch, Node, make_id
from loaders.extract import DocContext
from loaders.extract.places import find_places
from loaders.gazetteers import DATA_PACKAGE, Entry
from loaders.gazetteers.places import load_places
from loaders.segment import HEADING_LEVELS, Section

LEAD, SUPPORT = "lead", "support"
OPENERS, CLOSERS = "（(〔【[﹝", "）)〕】]﹞"
BRACKET = re.compile("[" + re.escape(OPENERS + CLOSERS) + "]")
# Characters that end a line in the middle of nothing: a line ending otherwise was wrapped by a PDF.
LINE_END = set("。！？；：:!?;」”’）)〕】》、，,﹞")
SENTENCE_STOP = set("。！？；!?;")
# The characters `sentence_spans` acts on; every other character leaves its state as it was.
SPAN_MARKS = re.compile("[" + re.escape(OPENERS + CLOSERS + "".join(sorted(SENTENCE_STOP)) + "\n") + "]")
GROUP_STOP = set("，,；;")

# "…牵头", "…负责", "…配合": the verb that closes a group of a responsibility clause, and the role it gives.
VERB_GROUP = re.compile(
    r"^(?:由)?(?P<items>.+?)(?P<verb>牵头负责|牵头|按职责分工负责|按职责负责|分工负责|共同负责|分别负责|负责|"
    r"配合|协助|参与|共同推进|落实)$"
)
# "市工信局负责…", "由市发改委牵头组织…": agencies as the subject of 负责/牵头 with an object after it.
SUBJECT_GROUP = re.compile(r"^(?:由)?(?P<items>[^，,；;]+?)(?P<verb>牵头|负责)")
# "责任单位：…", "牵头单位：…；配合单位：…": a label that opens a list of agencies.
LABEL_GROUP = re.compile(r"^(?P<label>责任单位|责任部门|牵头单位|牵头部门|配合单位|配合部门|参与单位|责任主体)[:：]\s*(?P<items>.*)$")
ROLE_WORDS = re.compile(r"牵头|负责|配合|责任单位|责任部门|协助")

ITEM_HEAD = re.compile(r"^(?:由|会同|请|和|及|与|(?:充分)?发挥|依托)")
ITEM_TAIL = re.compile(r"(?<=.)等[^、（）()]{0,8}$")
PARENTHETICAL = re.compile(r"[（(][^（）()]*[）)]")
LEAD_MARK = re.compile(r"[（(]牵头[）)]$")
GENERIC = re.compile(
    r"^(?:各|有关|相关|相应|其他|其它|全体|以下|所属|本级|[省市区县]级)|(?:有关|相关|成员)(?:部门|单位)|(?:部门|单位)$"
)
AGENCY_SUFFIX = re.compile(
    r"(?:局|委|厅|办|部|署|委员会|办公室|办公厅|人民政府|政府|中心|支队|总队|大队|分行|支行|分局|领导小组|工作组|"
    r"调研组|专班|管委会|联席会议|法院|检察院|科协|工商联|妇联|总工会|海关|人行|中支|供销社)$"
)
# A park named by its kind alone, in a list of who carries a task out ("各区县、开发区"): no one body.
BARE_PARK = re.compile(r"^(?:开发区|园区|产业园|工业园|基地|示范区|保税区|功能区|集聚区|新区|新城|区县|县区|市县|县市区)$")
# "南昌市、赣州市、九江市政府", "甲、乙市人民政府": the government word closing a list of places is each place's.
GOVERNMENT_TAIL = re.compile(r"^[市县区]?(?:人民政府|政府|管委会)$")
PARK_END = re.compile(r"(?:开发区|高新区|经开区|新区|园区|产业园|工业园|基地|示范区|保税区|功能区|集聚区|新城)$")
# A level word written before an agency: 省工信厅, 市工信局, 区科技局. 市场监管局 and 区域… are not prefixed.
LEVEL_PREFIX = re.compile(r"^(?:全省|全市|全区|全县|新区|省|市(?!场)|区(?!域)|县(?!域))")
# Bodies of the central government and of its vertical systems (the central bank's branches, the financial
# regulator's offices) keep the name they are written with: the place inside it is theirs (人行某市中支).
NATIONAL = re.compile(r"^(?:国家|中国|国务院|中共中央|中央|全国|人行|人民银行|金融监管总局)")
PLACE_LEVEL = {"province": "province", "area": "province", "city": "city", "zone": "city", "district": "district",
               "county": "district", "new_area": "new_area", "new_town": "new_area"}
PREFIX_LEVEL = {"省": "province", "全省": "province", "市": "city", "全市": "city", "区": "district", "县": "district",
                "全区": "district", "全县": "district", "新区": "new_area"}
LEVEL_CHAR = {"province": "省", "city": "市", "district": "区", "new_area": "新区"}

# Coordinating bodies (领导小组, 联席会议, 专班) are named in running text; the verb around them makes them lead.
BODY_SUFFIX = re.compile(r"领导小组办公室|领导小组|工作委员会|咨询委员会|委员会|联席会议|工作专班|专班|指挥部|工作组")
BODY_BEFORE = re.compile(r"(?:发挥|设立|成立|组建|用好|依托|由)$|(?:设立|成立|组建)[^，。；]{0,40}的$")
BODY_AFTER = re.compile(r"^(?:作用|会同|牵头|负责|统筹|机制|，负责|，统筹|的领导下)")
# A roster names people ("某某同志兼任办公室主任"): it assigns no task (GOLD_SPEC: rosters give no agency facts).
ROSTER = re.compile(r"同志")
# "领导小组办公室设在市发展改革委": the body the office sits in runs it (a lead of the task).
OFFICE_IN = re.compile(r"办公室设在(?P<host>[^，,。；;（）()]{2,24}?)(?=[，,。；;]|$)")
BODY_LEFT_BOUNDARY = re.compile(r"[，。；：、（）()\s“”]|发挥|设立|成立|组建|用好|依托|由|充分|建立|健全|的|在")
AGENCY_TOKEN = re.compile(
    r"^(?:[省市区县])?[\u4e00-\u9fff]{1,16}?(?:委员会|办公室|局|委|厅|办|中心|支队|分行|分局)"
)
# A run-in heading: a paragraph that opens with a short phrase and a full stop ("加强组织领导。…").
RUN_IN = re.compile(r"^([^\s，,。；;：:、]{4,24})。")
# A mark that opens an unnumbered list item ("——", "--", "●").
LIST_MARK = re.compile(r"^(?:[-—－–]{2}|[•●○■□◆◇★☆▶►])\s*")
# A longer one that lists what it is about ("推动教育、医疗、养老等服务业向高品质转变。") opens with a verb of action.
RUN_IN_LIST = re.compile(r"^([^\s，,。；;：:]{4,40})。")
# Titles of numbered items that are measures (imperative verb phrases), as opposed to "发展基础", "总体要求".
ACTION_TITLE = re.compile(
    r"^(?:推动|推进|加快|加强|加大|强化|提升|提高|支持|培育|建设|打造|实施|开展|完善|优化|构建|做强|做优|做大|做精|做实|"
    r"深化|促进|扩大|鼓励|坚持|拓宽|拓展|引导|健全|壮大|落实|聚焦|建立|组织|夯实|狠抓|积极|大力|着力|全面|持续|"
    r"深入|突出|梯度|统筹|增强|贯彻|激发|培养|营造|发挥|遴选|组建|形成|制定|用好|构筑|搭建|引进|招引|争创|创建|"
    r"筑牢|抓好|做好|补齐|延伸|发展壮大|加速|探索|严格|规范|降低|减轻|保护|维护|防范)"
)
# "市通发办及各通信运营商", "市属有关企业及各县（市、区）": a unit joined to a group by 及.
JOINED_GROUP = re.compile(r"及(?=各|有关|相关)")
# A body named by its kind alone ("领导小组办公室负责…") points back to one named before; it names no agency itself.
BARE_BODY = re.compile(r"(?:工作)?(?:领导小组办公室|领导小组|办公室|委员会|联席会议|专班|指挥部|部门|单位)")
# A sentence whose subject points back to a body just named ("领导小组办公室负责…") continues that sentence's task.
ANAPHOR = re.compile(r"^(?:该|上述|其)?(?:领导小组办公室|领导小组|工作专班|专班|办公室)")
# Phrases that say why or how, not what: dropped from a task title made from its sentence.
ADVERBIAL = ("为", "从", "通过", "按照", "围绕", "结合", "根据")


@dataclass(frozen=True)
class Duty:
    """An agency as written, its role, and where the statement naming it sits (offsets into the unwrapped text)."""

    surface: str
    role: str
    position: int


@dataclass
class Resolved:
    """The canonical agency a surface form stands for in this document."""

    name: str
    level: str | None
    jurisdiction: str | None
    aliases: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class TaskRef:
    key: str
    title: str
    section: str
    heading: tuple[int, int]


@dataclass
class Unwrapped:
    """The text with PDF line wraps removed, so clauses broken over lines read whole; `origin` maps back."""

    text: str
    origin: list[int]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        return self.origin[start], self.origin[end - 1] + 1


def extract_agencies(ctx: DocContext, batch: FactBatch) -> None:
    """Tasks, the agencies responsible for them, and the issuer of the document (DocContext → FactBatch)."""
    _add_issuer(ctx, batch)
    for section in ctx.doc.sections:
        if ACTION_TITLE.match(section.title):
            _add_task(ctx, batch, _section_task(ctx, section))
    unwrapped = unwrap(ctx.text)
    sentences = sentence_spans(unwrapped.text)
    duties = find_duties(unwrapped.text, sentences)
    outline = _Outline(ctx, unwrapped, sentences, duties)
    for role, resolved, task, evidence in _strongest(ctx, outline, duties):
        add_responsibility(ctx, batch, role, resolved, task, evidence)


def _strongest(ctx: DocContext, outline: _Outline, duties: list[Duty]) -> list[tuple[str, Resolved, TaskRef, tuple]]:
    """One role per (agency, task): a text that names an agency both ways (牵头 here, 会同 there) makes it lead."""
    best: dict[tuple[str, str], tuple[str, Resolved, TaskRef, tuple[int, int]]] = {}
    for duty in duties:
        resolved = resolve_agency(duty.surface, ctx)
        if resolved is None:
            continue
        task = outline.task_for(duty.position)
        key = (make_id("Agency", resolved.name), task.key)
        if key not in best or (duty.role == LEAD and best[key][0] != LEAD):
            best[key] = (duty.role, resolved, task, outline.evidence(duty.position))
    return list(best.values())


# ---------------------------------------------------------------------------------------------------------------
# Text: unwrapping, sentences, brackets


def unwrap(text: str) -> Unwrapped:
    """Join lines a PDF wrapped mid-sentence; keep real line breaks (after a full stop, before a heading)."""
    pieces: list[str] = []  # whole lines, not characters: one string object per line, not per character
    origin: list[int] = []
    previous_end, previous_heading = "", False
    position = 0
    for line in text.split("\n"):
        start = position
        position += len(line) + 1
        content = line.strip()
        if not content:
            continue
        heading = is_heading(content)
        if pieces and (previous_end in LINE_END or heading or previous_heading):
            pieces.append("\n")
            origin.append(start - 1)
        offset = start + len(line) - len(line.lstrip())
        pieces.append(content)
        origin.extend(range(offset, offset + len(content)))
        # A standalone heading ("四、工作保障") ends its line; a heading with its body run on may wrap.
        previous_end, previous_heading = content[-1], heading and not re.search(r"[。，；,;]", content)
    return Unwrapped("".join(pieces), origin)


def is_heading(line: str) -> bool:
    return line.startswith("#") or any(pattern.match(line) for _, pattern in HEADING_LEVELS)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences split at full stops and line breaks outside brackets (a clause's "；" stays inside it)."""
    spans: list[tuple[int, int]] = []
    depth, start = 0, 0
    for mark in SPAN_MARKS.finditer(text):  # not every character: a loop over them was most of the time
        index, char = mark.start(), mark.group()
        depth = _depth(depth, char)
        if char == "\n" or (depth == 0 and char in SENTENCE_STOP):
            _add_span(spans, text, start, index if char == "\n" else index + 1)
            start, depth = index + 1, 0 if char == "\n" else depth
    _add_span(spans, text, start, len(text))
    return spans


def _add_span(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def _depth(depth: int, char: str) -> int:
    if char in OPENERS:
        return depth + 1
    if char in CLOSERS:
        return max(0, depth - 1)
    return depth


def brackets(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Outermost bracket pairs (open index, close index) in text[start:end]; nested ones stay in their content."""
    pairs: list[tuple[int, int]] = []
    depth, opened = 0, -1
    for mark in BRACKET.finditer(text, start, end):  # the brackets only, not every character
        index, char = mark.start(), mark.group()
        if char in OPENERS:
            if depth == 0:
                opened = index
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                pairs.append((opened, index))
    return pairs


def split_top(text: str, separators: set[str] | str) -> list[tuple[int, str]]:
    """Pieces of text split at separators outside brackets, each with its offset."""
    pieces: list[tuple[int, str]] = []
    depth, start = 0, 0
    for index, char in enumerate(text):
        depth = _depth(depth, char)
        if depth == 0 and char in separators:
            pieces.append((start, text[start:index]))
            start = index + 1
    pieces.append((start, text[start:]))
    return pieces


# ---------------------------------------------------------------------------------------------------------------
# Duties: who is made responsible, in which role


def find_duties(text: str, sentences: list[tuple[int, int]]) -> list[Duty]:
    """Every responsibility the text states, in all the frames plans use."""
    duties: list[Duty] = []
    for start, end in sentences:
        for opened, closed in brackets(text, start, end):
            duties.extend(_bracket_duties(text, opened, closed))
        duties.extend(_free_duties(text, start, end))
        duties.extend(_body_duties(text, start, end))
        duties.extend(_jointly_duties(text, start, end))
        if not ROSTER.search(text, start, end):
            duties.extend(Duty(clean_item(m.group("host")), LEAD, start)
                          for m in OFFICE_IN.finditer(text, start, end) if is_agency(clean_item(m.group("host"))))
    return duties


def _bracket_duties(text: str, opened: int, closed: int) -> list[Duty]:
    """A bracketed clause: "（X牵头，Y配合）", "〔责任单位：X、Y等部门…〕", or "（X）负责" naming who does it."""
    content = text[opened + 1:closed]
    if text[closed + 1:closed + 3] in ("负责", "牵头") and is_agency(clean_item(content)):
        return [Duty(clean_item(content), LEAD, opened)]
    if not ROLE_WORDS.search(content):
        return []
    return [Duty(item, role, opened) for item, role in parse_clause(content)]


def parse_clause(content: str) -> list[tuple[str, str]]:
    """(agency, role) pairs of a responsibility clause's text, groups split at "，"/"；"."""
    found: list[tuple[str, str]] = []
    listing: str | None = None  # the label of the list the groups continue ("责任单位", …)
    for _, group in split_top(content, GROUP_STOP):
        group = group.strip()
        label = LABEL_GROUP.match(group)
        verb = VERB_GROUP.match(group)
        if label:
            listing = label.group("label")
            first = clean_item(split_top(label.group("items"), "、")[0][1])
            if not found and listing.startswith("责任") and GENERIC.search(first):
                # "责任单位：市直有关部门，…": the group takes the first place, the units named after it support
                found.append(("", LEAD))
            found.extend(_listed(label.group("items"), listing, found))
        elif verb:
            listing = None
            found.extend(_verb_items(verb.group("items"), verb.group("verb"), found))
        elif listing:
            found.extend(_listed(group, listing, found))
    return [(item, role) for item, role in found if item]


def _listed(items_text: str, label: str, found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Items of a labelled list: 牵头单位 lead, 配合单位 support, 责任单位 the first lead and the rest support."""
    out: list[tuple[str, str]] = []
    has_lead = any(role == LEAD for _, role in found)
    for item, marked in list_items(items_text):
        if label.startswith("牵头") or marked:
            role = LEAD
        elif label.startswith(("配合", "参与")):
            role = SUPPORT
        else:
            role = SUPPORT if has_lead else LEAD
        has_lead = has_lead or role == LEAD
        out.append((item, role))
    return out


def list_items(text: str) -> list[tuple[str, bool]]:
    """The responsible units of a "、" list, each with whether it is marked "（牵头）"; a government word that
    closes a list of places is each place's ("甲市、乙市政府")."""
    raws = [part.strip() for _, raw in split_top(text, "、") for part in JOINED_GROUP.split(raw)]
    raws = _distribute_government(raws)
    out = []
    for raw in raws:
        item = clean_item(raw)
        if is_responsible(item):
            out.append((item, bool(LEAD_MARK.search(raw))))
    return out


def _distribute_government(raws: list[str]) -> list[str]:
    if len(raws) < 2:
        return raws
    last = clean_item(raws[-1])
    opening = [m for m in find_places(last, None) if m.start == 0]
    if not opening:
        return raws
    tail = last[max(m.end for m in opening):]
    if not GOVERNMENT_TAIL.match(tail):
        return raws
    tail = tail.lstrip("市县区")
    places = load_places()
    out = []
    for raw in raws[:-1]:
        item = clean_item(raw)
        whole = [m for m in find_places(item, None) if m.start == 0 and m.end == len(item)]
        out.append(places[whole[0].key].name + tail if whole and whole[0].key in places else raw)
    return out + [raws[-1]]


def _verb_items(text: str, verb: str, found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The units a verb closes and their role; several units that are together 负责 with no lead named
    ("甲局、乙局、丙委按职责分工负责") are a list of who is responsible: the first leads, the rest support."""
    role = _verb_role(verb, found)
    items = _items(text)
    if role == LEAD and not verb.startswith("牵头") and len(items) > 1:
        return [(items[0], LEAD)] + [(item, SUPPORT) for item in items[1:]]
    return [(item, role) for item in items]


def _verb_role(verb: str, found: list[tuple[str, str]]) -> str:
    """牵头 leads; 负责 leads unless a lead is already named (then "按职责分工负责" is support); 配合 supports."""
    if verb.startswith("牵头"):
        return LEAD
    if "负责" in verb:
        return SUPPORT if any(role == LEAD for _, role in found) else LEAD
    return SUPPORT


def _items(text: str) -> list[str]:
    return [item for item, _ in list_items(text)]


def _free_duties(text: str, start: int, end: int) -> list[Duty]:
    """Unbracketed "由市发改委牵头，市财政局配合" in running text."""
    sentence = text[start:end].rstrip("。！？；!?;")
    if not ROLE_WORDS.search(sentence):
        return []
    if LABEL_GROUP.match(sentence):  # a line "责任单位：…" standing on its own
        return [Duty(item, role, start) for item, role in parse_clause(sentence)]
    duties: list[Duty] = []
    found: list[tuple[str, str]] = []
    for _, group in split_top(sentence, GROUP_STOP):
        verb = VERB_GROUP.match(group.strip()) or SUBJECT_GROUP.match(group.strip())
        if verb and group.strip().startswith("解释", verb.end()):
            continue  # "本办法由市发展改革委负责解释": who interprets the policy, not who carries out a task
        if verb:
            items = _verb_items(verb.group("items"), verb.group("verb"), found)
            found.extend(items)
            duties.extend(Duty(item, role, start) for item, role in items)
    return duties


def _body_duties(text: str, start: int, end: int) -> list[Duty]:
    """Coordinating bodies put to work: "发挥X领导小组作用", "设立X工作专班", "X办公室会同…", "用好X联席会议机制"."""
    duties: list[Duty] = []
    for match in BODY_SUFFIX.finditer(text, start, end):
        left = _body_start(text, start, match.start())
        name = text[left:match.end()]
        if match.start() - left < 2 or not BODY_BEFORE.search(text[start:left]) and not BODY_AFTER.match(
                text[match.end():end]):
            continue
        if is_agency(name):
            duties.append(Duty(name, LEAD, start))
            if text.startswith("及其办公室", match.end()) and not name.endswith("办公室"):
                duties.append(Duty(name + "办公室", SUPPORT, start))  # the office serves the body
    return duties


def _body_start(text: str, start: int, suffix_start: int) -> int:
    """Where a body's name begins: after the last punctuation or verb before its suffix."""
    left = start
    for boundary in BODY_LEFT_BOUNDARY.finditer(text, start, suffix_start):
        left = boundary.end()
    return left


def _jointly_duties(text: str, start: int, end: int) -> list[Duty]:
    """"X会同Y、Z…": X leads, Y and Z support."""
    duties: list[Duty] = []
    for match in re.finditer("会同", text[start:end]):
        at = start + match.start()
        lead = clean_item(text[_body_start(text, start, at):at])
        if not is_agency(lead):
            continue
        duties.append(Duty(lead, LEAD, start))
        rest = text[at + 2:end]
        for _, piece in split_top(rest, "、"):
            token = AGENCY_TOKEN.match(piece)
            if not token or not is_agency(clean_item(token.group(0))):
                break
            duties.append(Duty(clean_item(token.group(0)), SUPPORT, start))
            if token.end() < len(piece):
                break
    return duties


def clean_item(raw: str) -> str:
    """An agency as a list writes it, without "由…", "…等部门" or a "（牵头）" mark."""
    item = raw.strip().strip("“”\"'")
    item = LEAD_MARK.sub("", item)
    item = ITEM_HEAD.sub("", item)
    return ITEM_TAIL.sub("", item).strip()


def is_agency(item: str) -> bool:
    """A government body, not a place, park or group word ("各县区", "有关部门")."""
    core = PARENTHETICAL.sub("", item)
    if not 2 <= len(core) <= 40 or not re.fullmatch(r"[\u4e00-\u9fff]+", core):
        return False
    if GENERIC.search(core) or PARK_END.search(core) or not AGENCY_SUFFIX.search(core) or BARE_BODY.fullmatch(core):
        return False
    return not _is_place(core)


def is_responsible(item: str) -> bool:
    """A unit a list makes responsible: a government body, or a named place or park (its government or
    管委会: "阎良区", "某某经开区"), but no group word ("各县区", "相关区县", "开发区")."""
    return is_agency(item) or names_place_or_park(item)


def names_place_or_park(item: str) -> bool:
    core = PARENTHETICAL.sub("", item)
    if not 2 <= len(core) <= 20 or not re.fullmatch(r"[\u4e00-\u9fff]+", core):
        return False
    if GENERIC.search(core) or BARE_PARK.match(core):
        return False
    return bool(PARK_END.search(core)) or _is_place(core)


def _is_place(core: str) -> bool:
    return any(m.start == 0 and m.end == len(core) for m in find_places(core, None))


# ---------------------------------------------------------------------------------------------------------------
# Resolution: one node per real agency


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, str]:
    """Abbreviated or informal body names → their full form (工信局 → 工业和信息化局)."""
    path = resources.files(DATA_PACKAGE).joinpath("data", "agency_abbreviations.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["abbreviation"].strip(): row["full_name"].strip() for row in csv.DictReader(handle)
                if row["abbreviation"] and not row["abbreviation"].startswith("#")}


@lru_cache(maxsize=1)
def short_forms() -> dict[str, list[str]]:
    """Full body name → every form the table knows for it (the abbreviations a text may use)."""
    out: dict[str, list[str]] = {}
    for short, full in abbreviations().items():
        out.setdefault(full, []).append(short)
    return out


def expand(body: str) -> str:
    """The full form of a body's name; a place's bare 政府 is its 人民政府 (赣州市政府 = 赣州市人民政府)."""
    return "人民政府" if body == "政府" else abbreviations().get(body, body)


def resolve_agency(surface: str, ctx: DocContext) -> Resolved | None:
    """The canonical agency: the document's jurisdiction made explicit and the body's full name."""
    core = PARENTHETICAL.sub("", surface).strip()
    if not core:
        return None
    if not AGENCY_SUFFIX.search(core) and names_place_or_park(core):
        return _place_government(core, ctx, surface)
    if NATIONAL.match(core):
        place = _place_inside(core, ctx)
        return _resolved(core, core, "", "", place, "national" if place is None else None, surface)
    party_place = _place_inside(core, ctx) if core.startswith("中共") else None
    if party_place is not None:  # "中共某市委办公室": a party body names its place after 中共; written in full
        return _resolved(core, core, "", "", party_place, None, surface)
    explicit = _explicit_place(core, ctx)
    if explicit is not None:
        place, body = explicit
        return _resolved(place.name + expand(body), core, body, "", place, None, surface)
    opening = [m for m in find_places(core, ctx.province) if m.start == 0 and m.end < len(core)]
    if opening:  # a place's short name opens a body of its own (某州海关, 某州电力局, 某城经开区管委会)
        place = load_places()[opening[0].key]
        return _resolved(core, core, "", "", place, None, surface)
    prefix_match = LEVEL_PREFIX.match(core)
    prefix = prefix_match.group(0) if prefix_match else ""
    body = core[len(prefix):]
    place = _prefix_place(prefix, ctx)
    name = (place.name if place else prefix) + expand(body)
    return _resolved(name, core, body, prefix, place, None if place else PREFIX_LEVEL.get(prefix), surface)


def _place_government(core: str, ctx: DocContext, surface: str) -> Resolved:
    """A place made responsible stands for its government (阎良区 → 西安市阎良区人民政府), a park for its
    管委会 under the city that opens its name or else the document's city (经开区 → 西安市经开区管委会)."""
    places = load_places()
    whole = [m for m in find_places(core, ctx.province) if m.start == 0 and m.end == len(core)]
    if whole and whole[0].key in places:
        place = places[whole[0].key]
        level = place.props.get("level")
        city = _ancestor(place, ("city",)) if level in ("district", "county") else None
        body = "管委会" if level in ("new_area", "new_town", "zone") else "人民政府"
        name = (city.name if city is not None and city is not place else "") + place.name + body
        aliases = list(dict.fromkeys(f for f in (surface, core, place.name + body) if f != name))
        return Resolved(name, PLACE_LEVEL.get(level or ""), place.name, aliases)
    jurisdiction = places.get(ctx.jurisdiction.key) if ctx.jurisdiction else None
    city = _ancestor(jurisdiction, ("city",))
    opened = any(m.start == 0 for m in find_places(core, ctx.province))
    name = ("" if opened or city is None else city.name) + core + "管委会"
    aliases = list(dict.fromkeys(f for f in (surface, core, core + "管委会") if f != name))
    return Resolved(name, "district", city.name if city is not None else None, aliases)


def _resolved(name: str, core: str, body: str, prefix: str, place: Entry | None, level: str | None,
              surface: str) -> Resolved:
    level = level or (PLACE_LEVEL.get(place.props.get("level")) if place else None)
    forms = [surface, core]
    if body:
        full = expand(body)
        bodies = [body, full, *short_forms().get(full, [])]
        prefixes = {prefix, LEVEL_CHAR.get(level or "", "")} - {""}
        forms += [p + b for p in sorted(prefixes) for b in bodies] + bodies
        if place:
            forms += [place.name + b for b in bodies]
    aliases = list(dict.fromkeys(f for f in forms if f and f != name))
    return Resolved(name, level, place.name if place else None, aliases)


def _explicit_place(core: str, ctx: DocContext) -> tuple[Entry, str] | None:
    """A place written at the start (西安市科技局, 陕西省发展改革委): that place and the body after it."""
    mentions = [m for m in find_places(core, ctx.province) if m.start == 0]
    if not mentions:
        return None
    mention = max(mentions, key=lambda m: m.end)
    place = load_places()[mention.key]
    rest = core[mention.end:]
    level = LEVEL_PREFIX.match(rest)
    if level and len(level.group(0)) == 1:
        rest = rest[1:]
    elif mention.surface != place.name:
        return None  # 汉中经济技术开发区管委会: the place names a zone, not the jurisdiction
    return (place, rest) if rest else None


def _place_inside(core: str, ctx: DocContext) -> Entry | None:
    mentions = find_places(core, ctx.province)
    return load_places()[mentions[0].key] if mentions else None


def _prefix_place(prefix: str, ctx: DocContext) -> Entry | None:
    """The place a level word stands for in this document (市 → the city the document is for)."""
    places = load_places()
    jurisdiction = places.get(ctx.jurisdiction.key) if ctx.jurisdiction else None
    if prefix in ("省", "全省"):
        return places.get(ctx.province) if ctx.province else None
    if prefix in ("市", "全市"):
        return _ancestor(jurisdiction, ("city",))
    if prefix in ("区", "县", "全区", "全县"):
        return _ancestor(jurisdiction, ("district", "county", "new_area"), climb=False)
    if prefix == "新区":
        return _ancestor(jurisdiction, ("new_area",), climb=False)
    return jurisdiction


def _ancestor(entry: Entry | None, levels: tuple[str, ...], climb: bool = True) -> Entry | None:
    places = load_places()
    while entry is not None:
        if entry.props.get("level") in levels:
            return entry
        entry = places.get(entry.parent) if climb and entry.parent else None
    return None


# ---------------------------------------------------------------------------------------------------------------
# Tasks: which numbered item a responsibility belongs to


class _Outline:
    """Maps a responsibility to its task: the numbered item, a run-in heading, or (in a section of prose
    with several clauses, like "四、工作保障") the sentence itself."""

    def __init__(self, ctx: DocContext, unwrapped: Unwrapped, sentences: list[tuple[int, int]],
                 duties: list[Duty]) -> None:
        self.ctx, self.unwrapped, self.sentences = ctx, unwrapped, sentences
        self.starts = [start for start, _ in sentences]
        self.heading_starts = {section.start for section in ctx.doc.sections}
        self.prose_counts: dict[str, set[int]] = {}
        self.run_in_cache: dict[int, list[tuple[str, int]]] = {}
        self.paragraph_starts = [start for start, _ in ctx.doc.paragraphs]
        for duty in duties:
            section = self.section_at(duty.position)
            if section is not None and not self.run_in(section, duty.position) and not self.inline(section):
                self.prose_counts.setdefault(section.path, set()).add(self.sentence_index(duty.position))

    def original(self, position: int) -> int:
        return self.unwrapped.origin[min(position, len(self.unwrapped.origin) - 1)]

    def section_at(self, position: int) -> Section | None:
        offset = self.original(position)
        found = None
        for section in self.ctx.doc.sections:
            if section.start <= offset < section.end:
                found = section
        return found

    def sentence_index(self, position: int) -> int:
        return max(0, bisect_right(self.starts, position) - 1)

    def inline(self, section: Section) -> bool:
        """A heading with its body on the same line ("14．强化生产要素保障。严格落实…") is a measure of its own."""
        line = self.ctx.text[section.start:_line_end(self.ctx.text, section.start)]
        at = line.find(section.title)
        return at >= 0 and bool(line[at + len(section.title):].strip(" 。．.：:\t"))

    def run_in(self, section: Section | None, position: int) -> tuple[str, int] | None:
        """The last run-in heading ("加强组织领导。") of the paragraphs from the section heading to position."""
        offset = self.original(position)
        found = None
        for title, start in self._run_ins(section):
            if start > offset:
                break
            found = (title, start)
        return found

    def _run_ins(self, section: Section | None) -> list[tuple[str, int]]:
        key = id(section)
        if key not in self.run_in_cache:
            self.run_in_cache[key] = self._scan_run_ins(section)
        return self.run_in_cache[key]

    def _scan_run_ins(self, section: Section | None) -> list[tuple[str, int]]:
        """Run-in headings of the section's paragraphs; when there are some, a numbered heading whose own body
        opens with one ("1．促进信息消费。丰富消费产品。…") has it as the first of them. A run-in that lists
        ("推动甲、乙等…转变。") counts only after some of the item's body: as the body's first paragraph it is
        the item's first sentence, not a heading of a part of it."""
        floor = section.start if section is not None else -1
        ceiling = section.end if section is not None else len(self.ctx.text)
        found: list[tuple[str, int]] = []
        body_seen = section is not None and self.inline(section)
        paragraphs = self.ctx.doc.paragraphs
        for start, _ in paragraphs[bisect_right(self.paragraph_starts, floor):]:
            if start >= ceiling:
                break
            if start in self.heading_starts:
                continue
            opening = self.ctx.text[start:start + 52]
            title = run_in_title(opening)
            listing = title is not None and RUN_IN.match(LIST_MARK.sub("", opening, count=1)) is None
            if title and self._paragraph_opens(start) and (body_seen or not listing):
                found.append((title, start + opening.index(title)))
            body_seen = True
        if found and section is not None:
            line = self.ctx.text[section.start:_line_end(self.ctx.text, section.start)]
            at = line.find(section.title)
            body = section.start + at + len(section.title) + 1
            title = run_in_title(self.ctx.text[body:body + 48]) if at >= 0 else None
            if title:
                found.insert(0, (title, body))
        return found

    def _paragraph_opens(self, start: int) -> bool:
        """A real paragraph start, not a wrapped line: the line before ends a sentence."""
        at = start - 1
        while at >= 0 and self.ctx.text[at].isspace():
            at -= 1
        return at < 0 or self.ctx.text[at] in LINE_END

    def task_for(self, position: int) -> TaskRef:
        section = self.section_at(position)
        run_in = self.run_in(section, position)
        path = section.path if section else "0"
        if run_in is not None:
            title, start = run_in
            return TaskRef(f"{self.ctx.doc_id}|{path}|{title}", title, path, (start, start + len(title)))
        if section is not None and (self.inline(section) or len(self.prose_counts.get(section.path, ())) < 2):
            return _section_task(self.ctx, section)
        index = self.sentence_index(position)
        start, end = self.sentences[index]
        if index > 0 and ANAPHOR.match(self.unwrapped.text[start:end]):
            previous = self.sentences[index - 1][0]
            if self.section_at(previous) is section:
                return self.task_for(previous)
        title = sentence_title(self.unwrapped.text[start:end])
        return TaskRef(f"{self.ctx.doc_id}|{path}|{title}", title, path, self.unwrapped.to_original(start, end))

    def evidence(self, position: int) -> tuple[int, int]:
        """The sentence stating the responsibility; a clause standing alone brings the sentence before it."""
        index = self.sentence_index(position)
        start, end = self.sentences[index]
        if self.unwrapped.text[start] in OPENERS and index > 0:
            start = self.sentences[index - 1][0]
        return self.unwrapped.to_original(start, end)


def run_in_title(opening: str) -> str | None:
    """The run-in heading a paragraph opens with, if any (after a list mark: "——实施…行动。")."""
    opening = LIST_MARK.sub("", opening, count=1)
    match = RUN_IN.match(opening)
    if match:
        return match.group(1)
    match = RUN_IN_LIST.match(opening)
    return match.group(1) if match and ACTION_TITLE.match(match.group(1)) else None


def sentence_title(sentence: str) -> str:
    """A short task title from a sentence: its clauses of who-does-it and its why/how phrases removed."""
    text = sentence
    for opened, closed in reversed(brackets(text, 0, len(text))):
        if ROLE_WORDS.search(text[opened:closed]):
            text = text[:opened] + text[closed + 1:]
    text = text.strip().rstrip("。！？；!?;，,")
    phrases = [p.strip() for _, p in split_top(text, "，,") if p.strip()]
    kept = [p for p in phrases if not p.startswith(ADVERBIAL)]
    return "，".join(kept or phrases) or text


def _section_task(ctx: DocContext, section: Section) -> TaskRef:
    return TaskRef(f"{ctx.doc_id}|{section.path}", section.title, section.path,
                   (section.start, _line_end(ctx.text, section.start)))


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return end if end >= 0 else len(text)


# ---------------------------------------------------------------------------------------------------------------
# Graph


def _add_task(ctx: DocContext, batch: FactBatch, task: TaskRef) -> Node:
    node = batch.add_node(Node("Task", make_id("Task", task.key), task.title, [], None,
                               {"title": task.title, "section": task.section, "doc": ctx.doc_id}))
    batch.add_edge(Edge("MENTIONS", ctx.doc_id, node.id, "Document", "Task",
                        {**ctx.provenance(*task.heading), "count": 1}))
    return node


def _add_agency(ctx: DocContext, batch: FactBatch, resolved: Resolved, evidence: tuple[int, int]) -> Node:
    node = batch.add_node(Node("Agency", make_id("Agency", resolved.name), resolved.name, list(resolved.aliases),
                               None, {"level": resolved.level, "jurisdiction": resolved.jurisdiction}))
    batch.add_edge(Edge("MENTIONS", ctx.doc_id, node.id, "Document", "Agency",
                        {**ctx.provenance(*evidence), "count": 1}))
    return node


def add_responsibility(ctx: DocContext, batch: FactBatch, role: str, resolved: Resolved, task: TaskRef,
                        evidence: tuple[int, int]) -> None:
    agency = _add_agency(ctx, batch, resolved, evidence)
    task_node = _add_task(ctx, batch, task)
    batch.add_edge(Edge("LEADS" if role == LEAD else "SUPPORTS", agency.id, task_node.id, "Agency", "Task",
                        ctx.provenance(*evidence)))


# One office of a joint issue ("中共某市委办公室 某市人民政府办公室"): a name up to the first office word.
ISSUER_PART = re.compile(r"(?:中共)?[\u4e00-\u9fff]+?(?:人民政府办公厅|人民政府办公室|人民政府|委员会办公室|委员会|办公厅|"
                         r"办公室|厅|局)")


def issuers(issuer: str) -> list[str]:
    """The offices of a joint issue, each a name ending in an office word, when they spell the whole issuer;
    otherwise the issuer as written."""
    compact = re.sub(r"\s+", "", issuer)
    parts = ISSUER_PART.findall(compact)
    return parts if len(parts) >= 2 and "".join(parts) == compact else [issuer]


def _add_issuer(ctx: DocContext, batch: FactBatch) -> None:
    """The offices that issued the document (several for a joint issue): Agency-ISSUED->Document, evidenced by
    where the text names them."""
    issuer = getattr(ctx.meta, "issuer", None)
    span = getattr(ctx.meta, "issuer_span", None) or (0, 0)
    for office in issuers(issuer) if issuer else []:
        resolved = resolve_agency(office, ctx)
        if resolved is None:
            continue
        if office not in resolved.aliases and office != resolved.name:
            resolved.aliases.insert(0, office)
        node = _add_agency(ctx, batch, resolved, span)
        batch.add_edge(Edge("ISSUED", node.id, ctx.doc_id, "Agency", "Document", ctx.provenance(*span)))
