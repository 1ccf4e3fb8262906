"""Quantified goals and subsidies → Target nodes.

Policy documents state goals as "<metric><verb><number><unit>" ("制造业增加值占地区生产总值比重达到23%"),
as "<verb><number><unit><metric>" ("培育5家数字化转型服务商"), and subsidies as "对<beneficiary>，按照…的10%
给予奖励，最高不超过500万元". The same numbers also fill the history sections ("2019年实现产值约43.5亿元"),
so a number becomes a target only in a goal context: a deadline year that governs the following clauses
(到2025年 / “十四五”时期 / 2025年底前), a goal word (力争, 每年), a verb of creation right before the number
(打造30个), or a subsidy sentence. History is recognised by its section title (发展基础, 现状, 概况 …), by a
year not later than the document's own, and by past-tense markers (截至, 已, 先后).

Parenthesised asides are masked before anything else: responsibility notes "（市工信局牵头，…）" would
otherwise split clauses, and the numbers inside them are never goals.

This module reads sentences and builds the graph; its helpers each have one job: target_quantities (numbers
and units), target_metrics (the metric's words and the comparator), target_years (deadlines and the plan's
horizon), target_subsidies (beneficiaries and rewards), target_tables (indicator tables).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from graph.model import Edge, FactBatch, Node, make_id
from loaders.extract import DocContext, Mention
from loaders.extract.industries import find_industry_terms
from loaders.extract.places import find_places
from loaders.extract.target_metrics import (
    ADVERBS,
    BASELINE_BEFORE,
    CMP_TOKENS,
    CREATE_VERBS,
    FUNDING_VERBS,
    HEAD_WORDS,
    JOINERS,
    LEADING,
    MASK,
    OBJECT_VERBS,
    RATE_WORDS,
    clean,
    comparator,
    object_after,
    share_measure,
    split_comparator,
    strip_years,
    subject_of,
    tidy_metric,
    verb_head,
)
from loaders.extract.target_quantities import MONEY_UNITS, Clause, Quantity, find_quantities
from loaders.extract.target_subsidies import AMOUNT_OF, SUBSIDY, subsidy_metric
from loaders.extract.target_tables import Table, find_tables
from loaders.extract.target_years import YearState, plan_horizon, reference_year, year_markers
from loaders.resolve import add_industry, add_place
from loaders.segment import Section, Segmented, segment

# Asides and book titles: "（市工信局牵头，…）", "《…规划（2021-2025年）》" hold no goals of their own.
OPENERS, CLOSERS = "（(〔【《", "）)〕】》"
BRACKET_OR_BREAK = re.compile("[" + re.escape(OPENERS + CLOSERS) + "\n]")
CLAUSE_END = re.compile(r"[，,；;：。！？\n]|(?<!\d):(?!\d)")

# Counters that count the same things: "15个标杆企业" restates "15家标杆企业".
COUNT_UNIT_ALIASES = {"个": "家", "户": "家"}
RESTATED_SHARE = 0.6

# A number after a frame ("依托全市35个园区", "围绕12条产业链") or a holding ("现有规上企业1200家") counts what
# already exists: the goal is elsewhere in the sentence.
FRAME = re.compile(r"(?:依托|围绕|聚焦|面向|针对|按照|立足|结合|利用|发挥|借助|基于)(?:全省|全市|全区|全县|我省|我市|本省|本市)?")
HELD = re.compile(r"现有|已有|共有|拥有(?![量率])")  # "有效发明专利拥有量" is a metric
# Every number, year and bandwidth word has one of these: a sentence without any is skipped at once.
NUMERIC = re.compile(r"[\d十百千万〇零]")
HISTORY_TITLE = re.compile(r"(基础|现状|成效|成就|回顾|问题|形势|概况|情况|机遇|挑战|背景|趋势|分析|意义|必要性)$|基础与|情况分析")
PAST = re.compile(r"(?<!为)了|已经|已|先后|截至|截止|以来")
REPORTED = re.compile(r"同比|比上年|较上年|上年同期|环比")
# A sentence that opens on the past or the present state reports what was done or is: "近年来，全省培育绿色
# 工厂50家", "目前，全市规上企业达到1200家".
PAST_OPENER = re.compile(r"\s*(?:近年来|近几年|多年来|近年|过去(?:[一二三四五六七八九十几\d]{1,2}年)?|以往|此前|前期|当前|目前)")
GOAL_WORDS = re.compile(r"力争|争取|每年|确保|目标")
SUBSIDY_SENTENCE = re.compile(f"给予|{SUBSIDY}")
SUBSIDY_CLAUSE = re.compile(f"给予|最高|{SUBSIDY}")

# Verbs that open a clause stating something to be created ("形成一批产值过50亿元的…").
GOAL_OPENER = re.compile(rf"^(?:{ADVERBS})*(?:培育|培养|建设|建成|打造|形成|树立|创建|新增|组建|引进)")
# Verbs that open a task whose object is counted ("支持建设创新平台20个", "实施重点项目200个"); the words before
# the number must then be one noun phrase, not a list ("实施四大工程、推进16项工作" describes the plan).
TASK_OPENER = re.compile(rf"^(?:{ADVERBS})*(?:支持|{CREATE_VERBS}|{OBJECT_VERBS})")
# A metric never ends with a preposition or a verb of direction: "围绕23条重点产业链" counts nothing.
NOT_A_METRIC = re.compile(r"(?:围绕|聚焦|依托|鼓励|支持|推动|面向|针对|按照|按|对|在|以|从|把|将|等|和|与|及|涉及|包括|共有|拥有)$")
# A standing annual budget ("市财政每年安排30亿元") is policy even where the text describes others.
STANDING_BUDGET = re.compile(r"每年(?:安排|投入|设立|统筹)")
WEAK_METRIC = re.compile(r"^(?:\d+年)?(?:每年|累计|合计|共)*(?:安排|投入)?(?:年均增速|增速|增长率|年均增长|增幅|规模|总量|"
                         r"比重|占比|标准|比例)?$")

# What follows a threshold sum: "的" or a noun; not a joiner, a verb or a comparator ("由50亿元增长到80亿元").
THRESHOLD_GAP = re.compile(rf"^的?(?!{HEAD_WORDS}|以及|与|用于|{'|'.join(CMP_TOKENS)})[\u4e00-\u9fff“\"]")
BASELINE_AFTER = re.compile(r"(?:提高|提升|增加|增长|扩大|下降|降低|减少)(?:到|至)")
# Comparators that set a level to reach: with them a number is a goal even where no deadline is written.
GOAL_LEVELS = {"达到", "不低于", "不少于", "不超过", "提高到", "提升到", "增加到", "增长到", "降低到", "降至", "下降到", "控制在"}

INDUSTRY_MEASURE = re.compile(r"产业|行业|制造业|集群|产量|产值|总产值|增加值|营业收入")


@dataclass
class TargetFact:
    """One target as read from the text, before it becomes a node."""

    metric: str
    value: float
    unit: str
    comparator: str
    year: int | None
    kind: str
    start: int
    end: int
    sentence: tuple[int, int]
    clause: tuple[int, int]
    section: Section | None = None
    value_max: float | None = None


# ---------------------------------------------------------------------------------------------- text structure

def mask_parentheses(text: str) -> str:
    """The text with every balanced bracketed aside (brackets included) replaced by MASK, same length.

    Brackets are balanced within one line: an opener left open at the end of a line masks nothing.
    Only the brackets and line breaks are visited (one regex pass), not every character in Python.
    """
    chars = list(text)
    stack: list[int] = []
    for match in BRACKET_OR_BREAK.finditer(text):
        ch, index = match.group(), match.start()
        if ch == "\n":
            stack = []
        elif ch in OPENERS:
            stack.append(index)
        elif stack:
            opened = stack.pop()
            if not stack:
                chars[opened:index + 1] = MASK * (index + 1 - opened)
    return "".join(chars)


def clauses_of(masked: str, start: int, end: int) -> list[Clause]:
    """The clauses of a sentence, split at commas, semicolons and colons outside brackets."""
    out, cursor = [], start
    for match in CLAUSE_END.finditer(masked, start, end):
        if match.start() > cursor:
            out.append(Clause(cursor, match.start()))
        cursor = match.end()
    if cursor < end:
        out.append(Clause(cursor, end))
    return out


def heading_spans(doc: Segmented) -> list[tuple[int, int]]:
    """Where section headings are written: "1.制定1个行动计划" counts nothing."""
    spans = []
    for section in doc.sections:
        at = doc.text.find(section.title, section.start)
        if at >= 0:
            spans.append((section.start, at + len(section.title)))
    return spans


def is_historical_section(section: Section | None) -> bool:
    """A section about the past (发展基础, 现状, 概况 …), or inside one."""
    while section is not None:
        if HISTORY_TITLE.search(section.title):
            return True
        section = section.parent
    return False


# ---------------------------------------------------------------------------------------------- reading

@dataclass
class Reader:
    """Reads the targets of one document, sentence by sentence, carrying the governing year."""

    text: str
    doc: Segmented
    ref: int | None
    tables: list[Table] = field(default_factory=list)
    masked: str = ""
    headings: list[tuple[int, int]] = field(default_factory=list)
    # (position, year, section) of every future deadline read: a goal without a year takes its section's
    deadlines: list[tuple[int, int, Section | None]] = field(default_factory=list)
    # The goals' metrics read so far in the current sentence: a clause that only adds a number restates the last.
    sentence_metrics: list[str] = field(default_factory=list)
    # Whether the current sentence counts what is already held ("全市现有规上企业1200家").
    sentence_held: bool = False
    # Whether the current sentence reports statistics (同比, 比上年): a level "达到" there was reached, not set.
    sentence_reported: bool = False

    def __post_init__(self) -> None:
        masked = mask_parentheses(self.text)
        for table in self.tables:  # a table's cells are read by target_tables, not as sentences
            masked = masked[:table.start] + MASK * (table.end - table.start) + masked[table.end:]
        self.masked = masked
        self.headings = heading_spans(self.doc)

    def table_facts(self) -> list[TargetFact]:
        """The goals of the document's indicator tables, each in the section the table sits in."""
        facts = []
        for table in self.tables:
            for goal in table.goals:
                at = bisect.bisect_right(self.doc.sentence_starts, goal.start) - 1
                section = self.doc.sentences[at].section if at >= 0 else None
                metric = tidy_metric(goal.metric)
                rate = goal.comparator == "=" and metric.endswith(RATE_WORDS)  # "…年均增速 | % | 7": a rate
                facts.append(TargetFact(metric, goal.value, goal.unit, "delta" if rate else goal.comparator,
                                        goal.year, "goal", goal.start, goal.end, goal.row, goal.row, section))
        return facts

    def read(self) -> list[TargetFact]:
        facts: list[TargetFact] = []
        state, section = YearState(), object()
        # The year each section's own text left standing: "二、发展目标\n到2025年，…：" governs its items 1., 2., …
        left: dict[int, YearState] = {}
        for sentence in self.doc.sentences:
            if sentence.section is not section:
                if isinstance(section, Section):
                    left[id(section)] = state
                section = sentence.section
                state = self._inherited(section, left)
            state = self._read_sentence(sentence, state, facts)
        return facts

    @staticmethod
    def _inherited(section: Section | None, left: dict[int, YearState]) -> YearState:
        """The deadline an enclosing section stated before this one began, else none: years never pass sideways."""
        parent = section.parent if section is not None else None
        while parent is not None:
            if id(parent) in left:
                return left[id(parent)]
            parent = parent.parent
        return YearState()

    def _read_sentence(self, sentence, state: YearState, facts: list[TargetFact]) -> YearState:
        if not NUMERIC.search(self.masked, sentence.start, sentence.end):
            return state  # no number and no year: nothing to read, nothing that changes the deadline
        self.sentence_metrics = []
        self.sentence_held = False
        self.sentence_reported = bool(REPORTED.search(self.masked, sentence.start, sentence.end))
        span = (sentence.start, sentence.end)
        history = is_historical_section(sentence.section) or bool(
            PAST_OPENER.match(self.masked, sentence.start, sentence.end))
        subsidy = bool(SUBSIDY_SENTENCE.search(self.masked[sentence.start:sentence.end]))
        clauses = clauses_of(self.masked, sentence.start, sentence.end)
        for index, clause in enumerate(clauses):
            markers = year_markers(self.masked, clause.start, clause.end, self.ref)
            clause.quantities = [q for q in find_quantities(self.masked, clause.start, clause.end, ratios=subsidy)
                                 if not self._in_heading(q.start)]
            for position, marker in markers:
                state = marker
                if marker.year is not None:
                    self.deadlines.append((position, marker.year, sentence.section))
            standing = STANDING_BUDGET.search(self.masked[clause.start:clause.end]) is not None
            if (history and not standing) or state.historical or not clause.quantities:
                continue
            if PAST.search(self.masked[clause.start:clause.end]) and state.year is None:
                continue
            facts.extend(self._read_clause(clause, clauses[:index], state, span, sentence.section, subsidy))
        return state

    def _in_heading(self, position: int) -> bool:
        return any(a <= position < b for a, b in self.headings)

    def _read_clause(self, clause: Clause, previous: list[Clause], state: YearState, sentence: tuple[int, int],
                     section: Section | None, subsidy_sentence: bool) -> Iterator[TargetFact]:
        masked = self.masked
        clause_text = clean(masked[clause.start:clause.end])
        subsidy_clause = subsidy_sentence and SUBSIDY_CLAUSE.search(clause_text) is not None
        cursor, index, carried = clause.start, 0, False
        baseline = (-1, -1)
        quantities = clause.quantities
        while index < len(quantities):
            quantity = quantities[index]
            pre = clean(masked[cursor:baseline[0]] + masked[baseline[1]:quantity.start]
                        if cursor <= baseline[0] < quantity.start else masked[cursor:quantity.start])
            joined = carried and not JOINERS.sub("", pre)  # "…10个X和100个Y": the verb of X governs Y
            head, tokens = split_comparator(strip_years(JOINERS.sub("", pre)))
            boundary = self._object_boundary(quantities, index, clause)
            after = masked[quantity.end:boundary]
            carried = False
            if subsidy_clause and (quantity.unit in MONEY_UNITS or quantity.unit in ("%", "比例")):
                tail = clean(after)
                if not tail.startswith("的") or quantity.unit == "比例" or AMOUNT_OF.match(tail):
                    # "年产值超过10亿元的企业" is a condition of the subsidy, not its amount: skipped
                    metric = subsidy_metric(masked, clause, quantity, head, previous, sentence, section)
                    yield self._fact(metric, quantity, comparator(tokens, quantity, metric, pre), state.year,
                                     "subsidy", sentence, clause, section)
                cursor, index = quantity.end, index + 1
                continue
            base = BASELINE_BEFORE.search(masked, cursor, quantity.start)
            if base and BASELINE_AFTER.match(masked, quantity.end):
                baseline = (base.start(), quantity.end)  # cut from the next number's head
                index += 1
                continue
            if subsidy_sentence and clean(after).startswith("的"):
                cursor, index = quantity.end, index + 1  # "对投入超过500万元的项目，…给予补助": who qualifies
                continue
            threshold = self._threshold(quantities, index, clause)
            if threshold is not None:  # "年营业收入超百亿元的企业达到20家": the money qualifies what is counted
                cursor, index = (cursor if threshold < 0 else threshold), index + 1
                continue
            held = HELD.search(head) or (self.sentence_held and clause_text.startswith("其中"))
            self.sentence_held = self.sentence_held or bool(held)  # "现有…1200家，其中…800家": both held
            framed = FRAME.fullmatch(LEADING.sub("", head)) or held
            if framed or not (joined or self._is_goal(clause.start, clause_text, head, tokens, quantity, state)):
                cursor, index = quantity.end, index + 1
                continue
            if "分别" in tokens:
                group = self._respectively(quantities, index, clause)
                names = self._split_metrics(tidy_metric(head), len(group))
                for q, name in zip(group, names, strict=True):
                    yield self._fact(name, q, comparator(tokens, q, name), state.year, "goal", sentence, clause,
                                     section)
                cursor, index = group[-1].end, index + len(group)
                continue
            metric, cursor = self._metric(head, tokens, after, quantity, boundary, previous, joined)
            if metric:
                carried = True
                self.sentence_metrics.append(metric)
                yield self._fact(metric, quantity, comparator(tokens, quantity, metric), state.year, "goal",
                                 sentence, clause, section)
            index += 1

    def _metric(self, head: str, tokens: list[str], after: str, quantity: Quantity, boundary: int,
                previous: list[Clause], joined: bool = False) -> tuple[str, int]:
        """The metric of one quantity and where the next quantity's text begins."""
        if quantity.capability:  # "城镇宽带具备千兆接入能力" → "城镇宽带接入能力"
            subject = re.sub(r"(?:具备|达到|实现|为)$", "", tidy_metric(head))
            return subject.removesuffix("接入") + quantity.capability, quantity.end
        verb_only, domain = verb_head(head)
        if verb_only:  # "培育5家数字化转型服务商" / "50户企业达到3级以上水平": the metric follows
            found = object_after(after) if head or joined else clean(re.split(r"[，；]", after)[0])
            if found and domain and not found.startswith(domain):
                found = domain + found
            if not found and tokens and not re.search(CREATE_VERBS, head):
                if self.sentence_metrics:  # "营业收入超过230亿元，力争达到260亿元": the same metric again
                    found = self.sentence_metrics[-1]
                elif previous:  # "食品产业总产值实现稳定增长，年均增速达到5%"
                    found = subject_of(clean(self.masked[previous[-1].start:previous[-1].end])) + re.sub(
                        r"(?:达到|为)$", "", tokens[0])
            return tidy_metric(found), boundary
        metric = tidy_metric(head)
        if not metric or NOT_A_METRIC.search(metric):
            return "", quantity.end
        tail = clean(after)
        if tail.startswith("的"):  # "产值过50亿元的特色产业园": the threshold is an attribute of what follows
            noun = object_after(tail[1:])
            metric = noun + re.sub(rf"^(?:{ADVERBS}|{CREATE_VERBS}|一批)+", "", metric)
            return metric, boundary
        if metric.endswith(FUNDING_VERBS) and tail:
            metric += object_after(tail)
        elif re.match(r"(?:专项)?用于", self._next_clause_text(boundary)):
            metric += "（" + self._next_clause_text(boundary) + "）"
        if WEAK_METRIC.match(re.sub(rf"^(?:{ADVERBS})+", "", metric)) and previous:
            subject = subject_of(clean(self.masked[previous[-1].start:previous[-1].end]))
            metric = subject + metric
        return metric, quantity.end

    def _next_clause_text(self, position: int) -> str:
        following = self.masked[position:position + 40]
        if not following.startswith("，"):
            return ""
        return clean(CLAUSE_END.split(following[1:], maxsplit=1)[0])

    def _is_goal(self, clause_start: int, clause_text: str, head: str, tokens: list[str], quantity: Quantity,
                 state: YearState) -> bool:
        """A number counts when a deadline governs it, a goal word or a creation verb introduces it, or a level
        to reach ("…比例达到80%以上", "…比重不低于60%": history sections and past tense are already set aside)."""
        if state.year is not None or GOAL_WORDS.search(clause_text):
            return True
        if set(tokens) & GOAL_LEVELS and tidy_metric(head) and not self.sentence_reported:
            return True
        if tokens and self.sentence_metrics:  # "实施重点项目200个，总投资超过1500亿元": the goal's sentence goes on
            return True
        if head and verb_head(head)[0] and re.search(f"{CREATE_VERBS}|{OBJECT_VERBS}", head):
            return True
        opening = LEADING.sub("", clause_text)
        listed = "、" in self.masked[clause_start:quantity.start]
        if GOAL_OPENER.match(opening) or (TASK_OPENER.match(opening) and not listed):
            return True
        if re.match(r"(?:全省|全市|全区|全县)?(?:实现|具备)", clause_text):  # "实现家庭接入超千兆、…的网络能力"
            return True  # a level the plan will reach; history and past tense are set aside before
        return quantity.unit in MONEY_UNITS and head.endswith(FUNDING_VERBS)

    def _threshold(self, quantities: list[Quantity], index: int, clause: Clause) -> int | None:
        """For a sum of money that qualifies a noun someone counts, where the next metric begins: -1 to keep the
        threshold in the next number's metric ("营业收入超百亿元的企业达20家", "10亿元企业10家"), or after a list
        break ("营业收入5000万元以上的企业研发活动全覆盖、…达到70%"). None for an amount that is itself a goal."""
        quantity = quantities[index]
        if quantity.unit not in MONEY_UNITS:
            return None
        following = quantities[index + 1] if index + 1 < len(quantities) else None
        gap = self.masked[quantity.end:following.start if following else clause.end]
        between = clean(gap)
        if not THRESHOLD_GAP.match(between):
            return None
        attribute = between.startswith("的")
        if following is None:  # "20家以上年营业收入超百亿元的数字企业": the count before it counts the noun
            previous = quantities[index - 1] if index else None
            counted = previous is not None and previous.unit not in MONEY_UNITS and not re.search(
                r"[，、和及与]", clean(self.masked[previous.end:quantity.start]))
            return -1 if attribute and counted else None
        if following.unit in MONEY_UNITS and not attribute:
            return None  # "用好3亿元中央资金和3亿元配套资金": two amounts, each a goal
        return quantity.end + gap.rindex("、") + 1 if "、" in gap else -1

    def _object_boundary(self, quantities: list[Quantity], index: int, clause: Clause) -> int:
        """Where the thing counted by quantity `index` ends: before "和100个…" or at the clause end; a threshold
        after it is part of it ("20家以上营业收入超百亿元的企业")."""
        following = index + 1
        if following == len(quantities) - 1 and self._threshold(quantities, following, clause) is not None:
            return clause.end
        return quantities[following].start if following < len(quantities) else clause.end

    def _respectively(self, quantities: list[Quantity], index: int, clause: Clause) -> list[Quantity]:
        """"分别达到90%、80%": the run of quantities joined only by 、/和."""
        group = [quantities[index]]
        for following in quantities[index + 1:]:
            between = clean(self.masked[group[-1].end:following.start])
            if between not in ("", "和", "及", "与"):
                break
            group.append(following)
        return group

    @staticmethod
    def _split_metrics(head: str, count: int) -> list[str]:
        for joiner in ("、", "和", "及"):
            parts = [p for p in head.split(joiner) if p]
            if len(parts) == count:
                places = _places_sharing_a_measure(parts)
                if places is not None:  # "甲市、乙市、丙市软件业收入分别达到…": one measure, one place each
                    return places
                return share_measure([tidy_metric(p) for p in parts])
        return [head] * count

    @staticmethod
    def _fact(metric: str, quantity: Quantity, comp: str, year: int | None, kind: str,
              sentence: tuple[int, int], clause: Clause, section: Section | None) -> TargetFact:
        return TargetFact(metric, quantity.value, quantity.unit, comp, year, kind, quantity.start, quantity.end,
                          sentence, (clause.start, clause.end), section, quantity.value_max)


def _places_sharing_a_measure(parts: list[str]) -> list[str] | None:
    """["长沙", "株洲", "湘潭软件业收入"] → each place with the measure the last one carries ("长沙软件业收入", …);
    None unless every part but the last is only a place and the last opens with one."""
    last = tidy_metric(parts[-1])
    opening = [m for m in find_places(last, None) if m.start == 0]
    if not opening or len(last) - opening[0].end < 2:
        return None
    measure = last[opening[0].end:]
    heads = [tidy_metric(p) for p in parts[:-1]]
    if not all(any(m.start == 0 and m.end == len(h) for m in find_places(h, None)) for h in heads):
        return None
    return [h + measure for h in heads] + [last]


def due_years(text: str, facts: list[TargetFact], deadlines: list[tuple[int, int, Section | None]],
              horizon: int | None) -> list[TargetFact]:
    """A goal that names no year is due at the deadline its section states later, else at the plan's horizon.

    Subsidies keep no year: a reward rule has no deadline; nor does a yearly rate (每年引进…100个).
    """
    dated = []
    for fact in facts:
        yearly = "每年" in fact.metric or "每年" in text[fact.clause[0]:fact.start]
        if fact.year is None and fact.kind == "goal" and not yearly:  # a yearly rate recurs
            later = [year for position, year, section in deadlines
                     if section is fact.section and position > fact.start]
            fact = replace(fact, year=later[0] if later else horizon)
        dated.append(fact)
    return dated


def find_targets(text: str, doc: Segmented | None = None, ref_year: int | None = None,
                 title: str | None = None) -> list[TargetFact]:
    """Every target of a normalised text, one per (metric, value, unit, year)."""
    reader = Reader(text, doc or segment(text), ref_year, find_tables(text))
    facts = sorted(reader.read() + reader.table_facts(), key=lambda f: f.start)
    horizon = plan_horizon(title, [year for _, year, _ in reader.deadlines])
    facts = due_years(text, facts, reader.deadlines, horizon)
    unique: list[TargetFact] = []
    for fact in facts:
        if fact.metric and not any(restates(fact, earlier) for earlier in unique):
            unique.append(fact)
    return unique


def restates(fact: TargetFact, earlier: TargetFact) -> bool:
    """The same goal written again (goals section, task, table): same value, unit and year, and a metric that
    contains the other and most of its words ("信号覆盖率" / "5G信号覆盖率"). "示范企业" inside "服务型制造示范企业"
    may be another kind of firm, and wording shared beyond containment proves nothing: "新材料产业总产值年均增速
    7%" and "医药产业总产值年均增速7%" are two goals."""
    if (fact.value, COUNT_UNIT_ALIASES.get(fact.unit, fact.unit), fact.year) != (
            earlier.value, COUNT_UNIT_ALIASES.get(earlier.unit, earlier.unit), earlier.year):
        return False
    short, long_ = sorted((fact.metric, earlier.metric), key=len)
    return short in long_ and len(short) >= RESTATED_SHARE * len(long_)


# ---------------------------------------------------------------------------------------------- graph

def target_node(doc_id: str, fact: TargetFact) -> Node:
    """SCHEMA.md's Target, plus `value_max` (an addition recorded in graph/model.py): the upper bound of a range
    goal ("培育10—20家" is value 10, value_max 20, comparator >=), None otherwise."""
    key = f"{doc_id}|{fact.start}|{fact.metric}|{fact.value}"
    symbol = {">=": "≥", ">": ">", "<=": "≤", "~": "约", "delta": "增", "=": ""}[fact.comparator]
    if fact.value_max is not None:  # "头部电商平台2—3家"
        name = f"{fact.metric}{fact.value:g}—{fact.value_max:g}{fact.unit}"
    else:
        name = f"{fact.metric}{symbol}{fact.value:g}{fact.unit}"
    return Node("Target", make_id("Target", key), name, [], None, {
        "metric": fact.metric, "value": fact.value, "unit": fact.unit, "comparator": fact.comparator,
        "year": fact.year, "kind": fact.kind, "doc": doc_id, "value_max": fact.value_max,
    })


def owner_id(ctx: DocContext, batch: FactBatch, position: int) -> tuple[str, str]:
    """The Task the target sits in when the task extractor made one, else the Document."""
    index = bisect.bisect_right(ctx.doc.sentence_starts, position) - 1  # sentences are sorted, never overlap
    if index >= 0 and ctx.doc.sentences[index].start <= position < ctx.doc.sentences[index].end:
        section = ctx.doc.sentences[index].section
        while section is not None:
            task_id = make_id("Task", f"{ctx.doc_id}|{section.path}")
            if task_id in batch.nodes:
                return task_id, "Task"
            section = section.parent
    return ctx.doc_id, "Document"


def region_of(ctx: DocContext, fact: TargetFact) -> Mention | None:
    """The place a metric opens with ("株洲软件业收入", from a 分别 list of places), else the place its clause
    opens with ("合肥市财政每年安排…"), else the document's jurisdiction.

    Only the opening counts: "培育陕西工业精品30个" in a 汉中 document is a 汉中 target for a 陕西 brand.
    """
    own = [m for m in find_places(fact.metric, ctx.province) if m.start == 0 and len(fact.metric) - m.end >= 2]
    start, end = fact.clause
    at = ctx.text.find(fact.metric, start, end)
    if own and (at < 0 or ctx.text[at - 1] in "、和及与"):
        return own[0]  # composed for this place from a list of places, or the list's last item
    leading = LEADING.match(ctx.text[start:end])
    opening = start + (leading.end() if leading else 0)
    for mention in find_places(ctx.text, ctx.province, start, end):
        if mention.start == opening:
            return mention
    return ctx.jurisdiction


def industry_of(metric: str) -> Mention | None:
    """The industry a metric is about: it opens the metric or heads a measure ("新材料产业总产值", "…汽车产量").

    A term buried in a longer phrase ("数字研发设计工具普及率") names a practice, not the industry measured.
    """
    found = [m for m in find_industry_terms(metric, 0, len(metric))
             if m.start == 0 or INDUSTRY_MEASURE.match(metric, m.end)]
    return found[0] if len({m.key for m in found}) == 1 else None


def without_place(metric: str, region: Mention | None) -> str:
    """"宝鸡市新材料产业产值" measures 新材料产业产值 for 宝鸡: the place goes to FOR_REGION, not the metric."""
    if region is not None and region.end > region.start and metric.startswith(region.surface):
        rest = metric[len(region.surface):]
        return rest if len(rest) >= 2 else metric
    return metric


def add_target(ctx: DocContext, batch: FactBatch, fact: TargetFact) -> None:
    region = region_of(ctx, fact)
    fact = replace(fact, metric=without_place(fact.metric, region))
    node = batch.add_node(target_node(ctx.doc_id, fact))
    provenance = ctx.provenance(*fact.sentence)
    owner, owner_label = owner_id(ctx, batch, fact.start)
    batch.add_edge(Edge("HAS_TARGET", owner, node.id, owner_label, "Target", dict(provenance)))
    batch.add_edge(Edge("MENTIONS", ctx.doc_id, node.id, "Document", "Target", {**provenance, "count": 1}))
    if region is not None:
        place = add_place(batch, region.key, region.surface if region.end > region.start else None)
        batch.add_edge(Edge("FOR_REGION", node.id, place.id, "Target", "City", dict(provenance)))
    industry = industry_of(fact.metric)
    if industry is not None:
        sector = add_industry(batch, industry)
        batch.add_edge(Edge("FOR_INDUSTRY", node.id, sector.id, "Target", "Industry", dict(provenance)))


def extract_targets(ctx: DocContext, batch: FactBatch) -> None:
    """FACT_EXTRACTORS entry: every quantified goal and subsidy of the document as a Target node."""
    for fact in find_targets(ctx.text, ctx.doc, reference_year(ctx.meta), getattr(ctx.meta, "title", None)):
        add_target(ctx, batch, fact)
