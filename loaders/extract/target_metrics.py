"""The words of a target: its metric, minimal, and the comparator the words before its number state.

Plans write a goal as "<metric><comparator><number>" ("软件业务收入突破300亿元"), as "<verbs><number><unit>
<thing counted>" ("培育打造15个未来工厂"), or leave the metric to an earlier clause ("…超过230亿元，力争达到260亿
元"). These functions turn the words around a number into the metric as written, without scope words (全省),
goal words (力争), deadlines (到2025年), baselines (由35%) or the verbs that announce it.
"""

from __future__ import annotations

import re

from loaders.extract.target_quantities import Quantity

# What replaces a masked aside or table: the text keeps its length, so offsets stay true.
MASK = "\x00"
ADVERBS = "重点|加快|着力|大力|积极|力争|高水平|努力|进一步|持续|全力|每年|累计|再|共|确保|争取|逐步|新"
CREATE_VERBS = ("培育壮大|新培育|培育|培养|建设|建成|打造|形成|树立|创建|引进|开展|新增|设立|用好|安排|组建|认定|"
                "建立|壮大|引育|招引|谋划|遴选|推广|带动|发展|实施|储备")
FUNDING_VERBS = ("安排", "投入", "设立", "用好", "筹集", "统筹")
# Verbs that put the thing counted after the number without announcing a goal ("推动500家企业上云").
OBJECT_VERBS = "推动|完成|落地|引入|吸引|开发|上线|部署|新建|实现|组织|举办"
HEAD_WORDS = rf"{ADVERBS}|初步|迭代|{CREATE_VERBS}|{OBJECT_VERBS}|和|及|、|并"
# Checked on heads of at most VERB_HEAD_MAX characters, so the alternation cannot backtrack far.
VERB_ONLY = re.compile(rf"(?:{HEAD_WORDS})*")
VERB_HEAD_MAX = 20
# "在数字经济领域建成100个…", "在某某落地2家…": a locative before the verbs; a field (…领域) qualifies the metric.
LOCATIVE = re.compile(rf"在(?P<where>[^，。；]{{1,24}}?)(?:{HEAD_WORDS}){{1,6}}")
LEADING = re.compile(r"^(?:[—\-－·•]+|其中|同时|并且|并|且|力争|争取|确保|努力|预计|全省|全市|全区|全县|全州|我省|我市|我区|"
                     r"本省|本市|实现)+")
LEADING_VERB = re.compile(r"^(?:培育|培养|建成|建设|创建|打造|形成|树立|引进|认定)(?=..)")
YEAR_PHRASE = re.compile(r"(?:力争|争取)?(?:到|至|在)?\d{4}年(?:底|末)?(?:前|以前)?|“?十[一二三四五六]五”?(?:时期|期间|末)?")
COMPARED_TO = re.compile(r"(?:较|比|与|同|是|为)\d{4}年(?:底|末)?(?:相比|同期|的)?")
# The measure that closes a 分别 list ("…产业产值", "…产量"): shared by every item of the list.
SHARED_MEASURE = re.compile(r"(?:产业|行业)?(?:集群)?(?:总产值|产值|产量|产能|规模|营业收入|主营业务收入|增加值|销售收入|收入|销量|"
                            r"出口额|交易额|投资额)$|(?:产业|行业)$")
JOINERS = re.compile(r"^(?:、|和|及|以及|与|，)+")
RATE_WORDS = ("年均增速", "增速", "增长率", "年均增长", "增幅")
# Comparator words that may stand between a metric and its number, longest first.
CMP_TOKENS = ("年均增速达到", "年均增速为", "年均增速", "年均增长", "年均提高", "年均下降", "累计降低", "累计下降", "累计增长",
              "降低到", "降低至", "降至", "下降到", "下降至", "提高到", "提高至", "提升到", "提升至", "增加到", "增加至",
              "增长到", "增长至", "控制在", "保持在", "稳定在",
              "不低于", "不少于", "不超过", "不高于", "低于", "高于", "超过", "突破", "达到", "分别", "降低", "下降",
              "增长", "提高", "提升", "增加", "最高", "约", "近", "达", "超", "过", "为")
DELTA = {"年均增速达到", "年均增速为", "年均增速", "年均增长", "年均提高", "年均下降", "累计降低", "累计下降", "累计增长",
         "降低", "下降", "增长", "提高", "提升", "增加"}
AT_MOST = {"最高", "不超过", "不高于", "低于", "控制在", "降低到", "降低至", "降至", "下降到", "下降至"}
ABOVE = {"超过", "突破", "超", "过", "高于"}
AT_LEAST = {"达到", "达", "不低于", "不少于", "提高到", "提高至", "提升到", "提升至", "增加到", "增加至", "增长到", "增长至",
            "保持在", "稳定在"}
TRAILING_ADVERBS = re.compile(r"(?<=..)(?:力争|争取|确保|努力|预计|力求|全力)+$")
# "由35%提高到50%", "从2020年的120家增加至200家": the first number is where the metric starts from, not a goal.
BASELINE_BEFORE = re.compile(r"(?:由|从)(?:\d{4}年(?:底|末)?的?)?$")
ABOUT = {"约", "近"}


def clean(text: str) -> str:
    """Drop masked asides and quotes-only noise; keep the words as written."""
    return text.replace(MASK, "").strip(" ，、")


def strip_years(text: str) -> str:
    """Deadlines and comparison bases are context, not metric: "较2020年增长20%" measures growth."""
    return YEAR_PHRASE.sub("", COMPARED_TO.sub("", text))


def split_comparator(pre: str) -> tuple[str, list[str]]:
    """"制造业增加值年均增长" → ("制造业增加值", ["年均增长"]): the metric head and the comparator words."""
    tokens: list[str] = []
    changed = True
    while changed:
        changed = False
        for token in CMP_TOKENS:
            if pre.endswith(token) and len(pre) >= len(token):
                tokens.insert(0, token)
                pre = pre[: -len(token)]
                changed = True
                break
    return pre, tokens


def comparator(tokens: list[str], quantity: Quantity, metric: str, subsidy_pre: str = "") -> str:
    """SCHEMA.md's comparator: a rate (delta) wins, then 左右/约 (~), bounds, and plain equality."""
    words = set(tokens)
    if words & DELTA or metric.endswith(RATE_WORDS):
        return "delta"
    if quantity.post == "左右" or words & ABOUT:
        return "~"
    if words & AT_MOST or quantity.post in ("以下", "以内") or re.search(r"不超过|不高于|最高", subsidy_pre):
        return "<="
    if words & ABOVE or quantity.approx:
        return ">"
    if words & AT_LEAST or quantity.post == "以上" or quantity.is_range:
        return ">="
    return "="


def tidy_metric(text: str) -> str:
    """The minimal noun phrase: no scope words (全省), goal words (力争), leading creation verb or list head."""
    text = clean(text)
    text = strip_years(text)
    text = JOINERS.sub("", text)
    text = LEADING.sub("", text)
    text = LEADING_VERB.sub("", text)
    text = BASELINE_BEFORE.sub("", text)
    text = TRAILING_ADVERBS.sub("", text)  # "新能源汽车产量力争突破…" → "新能源汽车产量"
    if "、" in text and "等" in text:  # "航空、稀有金属、光伏等重点行业…" → "重点行业…"
        head = text.rsplit("等", 1)[1]
        text = head if len(head) >= 2 else text
    return text.strip(" ，、")


def share_measure(parts: list[str]) -> list[str]:
    """"电子信息、装备制造产业产值分别达到…": the measure closing the list belongs to every item before it."""
    measure = SHARED_MEASURE.search(parts[-1]) if parts else None
    if measure is None or measure.start() == 0:
        return parts
    suffix = parts[-1][measure.start():]
    shared = []
    for part in parts[:-1]:
        if SHARED_MEASURE.search(part):
            shared.append(part)  # an item with its own measure ("数控化率、联网率") keeps it
        elif part.endswith(("产业", "行业")) and suffix.startswith(("产业", "行业")):
            shared.append(part + suffix[2:])
        else:
            shared.append(part + suffix)
    return [*shared, parts[-1]]


def verb_head(head: str) -> tuple[bool, str]:
    """Whether the words before a number are only verbs (after scope words and a locative 在…), and the field
    a locative names ("在数字经济领域建成" → (True, "数字经济领域")): then the metric is what follows the number."""
    text = LEADING.sub("", head)
    if len(text) <= VERB_HEAD_MAX and VERB_ONLY.fullmatch(text):
        return True, ""
    located = LOCATIVE.fullmatch(text) if len(text) <= 40 else None
    if located is None:
        return False, ""
    where = located.group("where")
    general = re.search(r"[、等]|^(?:重点|相关|各|有关)", where)
    return True, where if where.endswith("领域") and not general else ""


def object_after(text: str) -> str:
    """What follows a number in "建设10个产业共性技术研发平台": the thing counted, minimal; "引进3家总部企业落户"
    counts the firms, not their arrival."""
    text = clean(text)
    text = re.split(r"并|用于|，|以便|为", text, maxsplit=1)[0]
    text = re.sub(r"(?<=..)(?:落地|落户|入驻|在\S{1,8}?(?:落地|落户|入驻))$", "", text)
    if "等" in text and len(text.rsplit("等", 1)[1]) >= 2:
        text = text.rsplit("等", 1)[1]
    if "的" in text and len(text.rsplit("的", 1)[1]) >= 2:
        text = text.rsplit("的", 1)[1]
    return re.sub(r"(?:和|及|以及|与|、)$", "", text.strip(" ，、"))


def subject_of(clause_text: str) -> str:
    """The noun phrase a clause opens with ("食品产业总产值实现稳定增长" → "食品产业总产值")."""
    head = re.split(r"实现|保持|继续|稳步|持续|统筹使用|统筹|使用|用好", clause_text, maxsplit=1)
    text = head[0] if head[0] else (head[1] if len(head) > 1 else "")
    return tidy_metric(text)
