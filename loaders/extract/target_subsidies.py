"""Subsidies and caps: who a reward is for and what it is ("对新认定的省级示范工厂，给予一次性奖励50万元").

A subsidy's metric is its beneficiary (the "对…" phrase, else the noun clause before, else the section's
title) followed by the reward words ("一次性奖励", "补助比例"); tiered amounts written with 分别 are paired
with the levels listed in the beneficiary.
"""

from __future__ import annotations

import re

from loaders.extract.target_metrics import ADVERBS, clean
from loaders.extract.target_quantities import MONEY_UNITS, Clause, Quantity
from loaders.segment import Section

SUBSIDY = "奖励|补助|补贴|贴息|补偿|奖补|资助"
SUBSIDY_WORDS = re.compile(SUBSIDY)
# "最高500万元的补助": an amount followed by 的 and what it pays is the amount, not a condition.
AMOUNT_OF = re.compile(f"^的(?:一次性)?(?:{SUBSIDY}|资金|支持)")
OTHER_AMOUNTS = re.compile(r"(?:不超过|最高|分别)?\d+(?:\.\d+)?(?:万元|亿元|元|%)、?")
BENEFICIARY = re.compile(r"(?:^|[，；。])(?:其中)?对(?!接|标|外|于|照)")
BENEFICIARY_END = re.compile(r"，?(?:按照|按(?!要求)|给予|予以)")
NOUN_END = ("项目", "企业", "单位", "机构", "园区", "平台", "的")
TITLE_VERBS = re.compile(r"^(?:支持|鼓励|强化|推动|加大|加强|促进|引导|做好)")


def beneficiary(masked: str, sentence: tuple[int, int], at: int, section: Section | None) -> str:
    """Who a subsidy is for: "对X，…给予", else the noun clause before, else the section's title."""
    s_start, _ = sentence
    window = masked[s_start:at]
    opener = None
    for match in BENEFICIARY.finditer(window):
        opener = match
    if opener is not None:
        rest = window[opener.end():]
        stop = BENEFICIARY_END.search(rest)
        found = rest[: stop.start()] if stop else rest
        return _tidy_beneficiary(found)
    parts = [p for p in re.split(r"[，；]", window) if clean(p)]
    if parts:
        previous = clean(parts[-1])
        if previous.endswith(NOUN_END) and not re.match(r"按|支持|鼓励", previous):
            return _tidy_beneficiary(previous)
    if section is not None:
        return TITLE_VERBS.sub("", section.title)
    return ""


def _tidy_beneficiary(text: str) -> str:
    text = clean(text)
    text = re.sub(r"在[^，。]*?等方面的", "", text)  # "企业在增产扩建、…等方面的改扩建项目" → "企业改扩建项目"
    text = re.sub(r"^其中", "", text).replace("，", "")
    text = re.sub(r"(?:、[^、，等]*)+(?=等)", "", text)  # "A、B、C等X" → "A等X"
    return text.rstrip("的")


def reward_phrase(masked: str, clause: Clause, quantity: Quantity, head: str, previous: list[Clause]) -> str:
    """What is given: "奖励", "分档奖励", "一次性补偿", "奖补标准" …, without the other amounts written beside it
    ("分别给予100万元、50万元奖励", "10%、最高500万元的补助")."""
    phrase = _reward_words(masked, clause, quantity, head, previous)
    return OTHER_AMOUNTS.sub("", phrase).removeprefix("的") or phrase


def _reward_words(masked: str, clause: Clause, quantity: Quantity, head: str, previous: list[Clause]) -> str:
    after = masked[quantity.end:clause.end]
    before = masked[clause.start:quantity.start]
    if "给予" in after:
        return clean(after.split("给予", 1)[1]).removeprefix("最高")
    if "给予" in before:
        found = clean(after)
        if found:
            return found
    content = re.sub(rf"^(?:{ADVERBS}|给予|最高|分别)+", "", clean(head))
    if SUBSIDY_WORDS.search(content) or content.endswith(("标准", "比例")):
        return content
    for earlier in reversed(previous):
        text = masked[earlier.start:earlier.end]
        if "给予" in text:
            return clean(text.split("给予", 1)[1]).removeprefix("最高")
    word = SUBSIDY_WORDS.search(masked[clause.start:clause.end])
    return word.group(0) if word else "支持"


def subsidy_metric(masked: str, clause: Clause, quantity: Quantity, head: str, previous: list[Clause],
                   sentence: tuple[int, int], section: Section | None) -> str:
    reward = reward_phrase(masked, clause, quantity, head, previous)
    suffix = "比例" if quantity.unit in ("%", "比例") and not reward.endswith(("比例", "标准")) else ""
    who = beneficiary(masked, sentence, clause.start, section)
    if "分别" in masked[clause.start:quantity.start] and quantity.unit in MONEY_UNITS:
        amounts = [q for q in clause.quantities if q.unit in MONEY_UNITS]
        tiers = tiered(who, len(amounts))
        if tiers:  # "对获评国家级、省级智能工厂的企业，分别给予100万元、50万元奖励"
            who = tiers[amounts.index(quantity)]
    return who + reward + suffix


def tiered(who: str, count: int) -> list[str]:
    """"获评国家级、省级、市级智能工厂的企业" in three tiers: each level with the noun they share; [] when the list
    and the amounts do not pair up."""
    parts = who.split("、")
    if count < 2 or len(parts) != count or not parts[-2]:
        return []
    closing = parts[-1].find(parts[-2][-1])  # the items end alike ("…级", "…等奖"): the shared noun follows
    if closing < 0 or closing + 1 >= len(parts[-1]):
        return []
    shared = parts[-1][closing + 1:]
    return [part + shared for part in parts[:-1]] + [parts[-1]]
