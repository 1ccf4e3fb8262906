"""Firm mentions: companies and groups, by full name, by short name in list contexts, and by gazetteer.

Policy texts name firms in a handful of ways, each read by one rule here:

* full legal names ending in …有限公司 / …股份有限公司 / …集团 / …公司 ("以中车西安车辆有限公司为龙头");
* lists of short names closed by a noun that says what they are ("推动西飞、航发动力等链主企业",
  "积极引导泰金新能、超晶科技等重点企业", "以中芯国际、华虹半导体为代表的晶圆制造企业");
* well-known short names of `data/firm_aliases.csv` anywhere ("三星二期", "陕鼓模式");
* the developer that opens a project or base name ("宝能新能源汽车生产基地" → 宝能), while the base
  itself stays a park.

A name's left edge is where a place name starts or just after the verb that introduces it (以/依托/引进/推动…),
so verbs are never swallowed. Short names resolve through the alias file, so 西飞, 中航西飞 and
中航西安飞机工业集团股份有限公司 are one node carrying all three forms.
"""

from __future__ import annotations

import bisect
import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from graph.model import Edge, FactBatch, Node, make_id
from loaders.extract import DocContext, Mention
from loaders.extract.industries import HEAD_WORDS, find_industry_terms
from loaders.extract.parks import find_parks
from loaders.extract.places import find_places
from loaders.gazetteers import DATA_PACKAGE, split_list
from loaders.gazetteers.industries import load_industries
from loaders.gazetteers.industries import lookup as industry_lookup
from loaders.gazetteers.matcher import SurfaceMatcher
from loaders.gazetteers.scan import find_in
from loaders.resolve import add_industry, add_place
from loaders.segment import Sentence
from loaders.words import tags

# ---------------------------------------------------------------------------------------------------------------
# Name boundaries (shared with orgs.py)

NAME_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9·]")
MAX_NAME = 28
# Verbs and connectives that introduce a name and never belong to it; the name starts after the last one.
LEAD_WORDS: tuple[str, ...] = tuple(
    """依托 依靠 引进了 引进 引导 推动 推进 支持 建设 建成 新建 组建 筹建 创建 争创 打造 加快 加强 强化 发挥 利用
    用好 建好 对接 围绕 聚焦 培育 壮大 集聚 聚集 招引 引育 组织 包括 涌现 梳理 调研 鼓励 带动 设立 成立 探索 实施
    开拓 开展 参与 携手 落户 入驻 签约 布局 发布 根据 按照 通过 借助 依据 重点 积极 大力 着力 全力 持续
    深入 进一步 以及 其中 例如 比如 主要 分别为 分别是 认定 推荐 申报 对标 学习 借鉴 搭建 构建 形成 加入 成为
    作为 牵头 配合 面向 瞄准 紧盯 抓好 用于 助力 遴选 促进 提升 获得 获批 列入 纳入 申请 承担 争取 吸引 引入 借力 建立健全
    完善 优化 联动 拓展 上线 升级
    新增 企业为 企业有 的 等""".split()
)
LEAD_PATTERN = re.compile("|".join(sorted((re.escape(w) for w in LEAD_WORDS), key=len, reverse=True)))
# Single characters that may open a clause before a name (以中车…为龙头, 和西安交通大学); stripped only there.
LEADING_CHARS = "以在和与及为将把对从向由是了并即其也还均都或含之"
# Characters that, after a place, make the place a subject (长沙经开区以湖南…集团为龙头) rather than a name's start.
SUBJECT_LINKS = "以在和与及为将把对从向由是"
# Words that qualify a firm without naming it: 世界500强企业, 中国500强, 知名企业.
DESCRIPTOR = re.compile(r"(?:(?:世界|中国|全国|国内|国际|全球)?\d+强(?:企业)?|知名企业|龙头企业|一批|若干|国内外|全球|"
                        r"世界级|行业龙头|头部企业|的)+")
COUNTRIES = ("德国", "美国", "日本", "韩国", "法国", "英国", "瑞士", "荷兰", "意大利", "瑞典", "芬兰", "丹麦", "加拿大",
             "新加坡", "以色列", "奥地利", "比利时", "挪威", "澳大利亚", "西班牙", "香港", "台湾", "澳门")
SHORT_ALIAS_LEN = 2
# Characters after which a two-character name may start (以西飞为…); not 在, as in 在陕建厂.
SHORT_OPENERS = "以和与及为由是"


def left_edge(text: str, name_end: int, floor: int, places: list[Mention], owners: re.Pattern | None = None) -> int:
    """Start of the name whose text (suffix excluded) ends at `name_end`, never before `floor`.

    The window runs left over name characters and balanced parentheses ("陕西鼓风机（集团）"). Inside it the
    name starts at the earliest place name that follows a lead word (支持陕西建设机械… keeps 建设), else after
    the last lead word; `owners` marks names a name may follow ("西北工业大学国家级…实验室").
    """
    start = name_end
    while start > floor and name_end - start < MAX_NAME:
        ch = text[start - 1]
        if NAME_CHAR.match(ch) or (ch == "\n" and _soft_wrap(text, start - 1)):
            start -= 1
        elif ch in "）)":
            opening = max(text.rfind("（", floor, start - 1), text.rfind("(", floor, start - 1))
            if opening < 0 or start - opening > 8:
                break
            start = opening
        else:
            break
    if owners is not None:
        last = None
        for match in owners.finditer(text, start, name_end):
            if match.end() < name_end:
                last = match
        if last is not None:
            start = last.end()
    for place in sorted(places, key=lambda m: m.start):
        if start <= place.start < name_end and place.end <= name_end:
            before = text[start:place.start]
            # 合肥加快建设综合性国家科学中心: a place followed by a verb is the clause's subject, not the name.
            after_lead = any(m.end() <= name_end for m in LEAD_PATTERN.finditer(text, place.end, name_end)) or any(
                ch in SUBJECT_LINKS for ch in text[place.end:name_end])
            if (not before or _ends_with_lead(before)) and not after_lead:
                return place.start
    cut = start
    for match in LEAD_PATTERN.finditer(text, start, name_end):
        if match.end() <= name_end:
            cut = max(cut, match.end())
    return strip_descriptors(text, cut, name_end)


def _soft_wrap(text: str, index: int) -> bool:
    """A line break inside a sentence (PDF text layers wrap lines mid-name: 陕西三毅有岩材料科技有\n限公司)."""
    return 0 < index < len(text) - 1 and bool(NAME_CHAR.match(text[index - 1])) and bool(NAME_CHAR.match(text[index + 1]))


def _ends_with_lead(fragment: str) -> bool:
    return fragment[-1:] in LEADING_CHARS or any(fragment.endswith(word) for word in LEAD_WORDS)


def strip_descriptors(text: str, start: int, end: int) -> int:
    """Skip what precedes a name without naming: a clause-opening 以/和, qualifiers such as 世界500强企业."""
    while start < end:
        match = DESCRIPTOR.match(text, start, end)
        if match and match.end() > start:
            start = match.end()
        elif text[start] in LEADING_CHARS and end - start > 2:
            start += 1
        else:
            break
    return start


def clause_bounds(text: str, start: int, end: int, position: int) -> tuple[int, int]:
    """The clause (between ，。；： …) of text[start:end] holding `position`."""
    left = position
    while left > start and text[left - 1] not in "，。；：！？\n":
        left -= 1
    right = position
    while right < end and text[right] not in "，。；：！？\n":
        right += 1
    return left, right


def sentence_places(ctx: DocContext, sentence: Sentence) -> list[Mention]:
    return find_places(ctx.text, ctx.province, sentence.start, sentence.end)


def short_guard(text: str, start: int, end: int) -> bool:
    """A very short form (西飞, 三一) counts only where a name can begin: after punctuation or a lead word."""
    if end - start > SHORT_ALIAS_LEN:
        return True
    if start == 0 or not NAME_CHAR.match(text[start - 1]):
        return True
    before = text[max(0, start - 4):start]
    return before[-1] in SHORT_OPENERS or any(before.endswith(word) for word in LEAD_WORDS)


def overlaps_place(start: int, end: int, places: list[Mention]) -> bool:
    """True when a place name straddles the span or is the whole span (陕西电子 → 西电, 阿里)."""
    for place in places:
        if place.start < end and start < place.end:
            inside = start <= place.start and place.end <= end and (place.end - place.start) < (end - start)
            if not inside:
                return True
    return False


# ---------------------------------------------------------------------------------------------------------------
# The alias gazetteer


@dataclass(frozen=True)
class KnownFirm:
    full_name: str
    short_names: tuple[str, ...]
    name_en: str | None = None  # the name the firm itself uses in English (BYD, LONGi): how English questions say it


@lru_cache(maxsize=1)
def load_firm_aliases() -> dict[str, KnownFirm]:
    """Every surface form (full name and short names) → its firm, from data/firm_aliases.csv."""
    path = resources.files(DATA_PACKAGE).joinpath("data", "firm_aliases.csv")
    index: dict[str, KnownFirm] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            full = row["full_name"].strip()
            firm = KnownFirm(full, tuple(split_list(row.get("short_names"))), (row.get("name_en") or "").strip() or None)
            for form in (full, *firm.short_names):
                index.setdefault(form, firm)
    return index


@lru_cache(maxsize=1)
def firm_matcher() -> SurfaceMatcher:
    return SurfaceMatcher((form, form) for form in load_firm_aliases())


# ---------------------------------------------------------------------------------------------------------------
# Candidate mentions

FULL_SUFFIX = re.compile(r"股份有限公司|有限责任公司|集团有限公司|集团股份公司|有限公司|股份公司|集团公司|分公司|总公司|集团|公司")
# The same suffixes with a line break allowed between any two characters.
WRAPPED_SUFFIX = re.compile("|".join("\n?".join(word) for word in FULL_SUFFIX.pattern.split("|")))
BARE_SUFFIXES = ("集团", "公司")
# Prefixes of 公司/集团 that are kinds of companies, not names.
GENERIC_FIRM = re.compile(r"(?:上市|投资|建设|运营|平台|子|分|母|控股|独角兽|国有|民营|外资|合资|大|科技型|骨干|龙头|链主|各类|"
                          r"相关|设计|服务|管理|融资|担保|保险|发行|专业|新型|创新型|该|本|其|我|贵|总|一批|若干|多家)+")
# "X、Y等…企业": the closing noun phrase of a list of firms.
CLOSURE = re.compile(r"等(?P<tail>[^，。；：！？的]{0,22}?)(?:企业|公司|服务商|厂商|供应商)")
# A closing phrase that only ranks the firms (等重点企业, 等6家世界500强企业): every item is a firm.
STATUS_TAIL = re.compile(r"(?:[0-9多余家个户]|世界|中国|全国|国内|国际|全球|\d+强|强|重点|链主|龙头|骨干|领军|头部|知名|优势|"
                         r"标杆|大型|核心|行业|优秀|省内外|国内外|上下游|上游|下游|配套)*")
# Items that name an industry or product line, not a firm: 白酒制造, 农副食品加工.
PRODUCT_ITEM = re.compile(r"(?:制造|加工|生产|产业|行业|制品|产品|业|封装|设计)$")
# A firm's trade name: a place or brand and the one material it trades in (某阳钼业, 某西铜业, 某锋锂业), not a sector.
TRADE_NAME = re.compile(r"[\u4e00-\u9fff]{2}[钼铜锂铝钛矿药乳茶酒钢镁锌镍钴铅金银煤盐纸]业")
REPRESENTED = re.compile(r"以(?P<items>[^，。；：！？]{2,80}?)为(?P<kind>代表|龙头|链主|引领)(?P<rest>[^，。；：！？]{0,16})")
# Words an item of a firm list never contains.
NOT_FIRM_ITEM = re.compile(r"企业|产业|行业|领域|部门|机构|高校|院所|单位|园区|基地|项目|平台|政府|协会|联合会|联盟|商会|大学|"
                           r"学院|环节|产品|规模|骨干|中小|上下游|配套|集群|科研|服务商|等|我市|我省|全市|全省|各类|新型|"
                           r"技术改造|数字化|智能化|绿色化|和")
ASSOCIATION = re.compile(r"(协会|联合会|联盟|商会|大学|学院|学会)$")
CHAIN_WORDS = re.compile(r"链主|龙头")
KEY_VERBS = re.compile(r"引进|依托|集聚|招引|重点支持|积极引导|引导|组织|推动")
# Project and base names whose first word is their developer: 宝能新能源汽车生产基地, 三一西安产业园.
PROJECT_SUFFIX = re.compile(r"研发生产基地|产业化示范基地|产业化基地|生产基地|研发基地|制造基地|产业基地|示范基地|基地|"
                            r"产业园区|产业园|科技园|总部|健康城|产业城|项目")
PROJECT_STOP = re.compile(r"年产|研发|生产|制造|产业化|产业|示范|科技|智能|智慧|智造|高端|西北|西部|东部|中部|华北|华东|华南|"
                          r"西南|总部|基地|国际|数字|创新|项目|二期|一期|三期|新能源|园")
NOT_DEVELOPER = re.compile(r"国家|地区|全国|全省|全市|省|市|县|区|企业|产业|工业|园|基地|中心|重点|特色|现代|先进|一批|若干|"
                           r"大型|重大|新型|示范|技术|安全|投入|社会|风光|柔性|综合|腹地|战略|促进|高新|药品|制品|绿色|低碳|"
                           r"能源|电力|材料|化工|装备|信息|网络|服务|物流|金融|文化|旅游|健康|医疗|农业|食品|城市|乡村|"
                           r"县域|创新|研发|产能|配套|生态|循环|相关|建设|发展|[的之和与及等或并第]|[0-9一二三四五六七八九十百千万]")
LATIN = re.compile(r"[A-Za-z]+")
FOLLOW_GUARD = re.compile(r"产业|行业|领域|工业|金属|制造|级")


@dataclass
class FirmMention:
    """One sighting: span, role ("chain_leader" | "key" | "mentioned") and how it was found."""

    start: int
    end: int
    surface: str
    sentence: Sentence
    role: str = "mentioned"
    source: str = "pattern"
    places: list[Mention] = field(default_factory=list)  # places the text ties the firm to
    project: tuple[int, int] | None = None  # the project or base name a developer opens


def find_firms(ctx: DocContext) -> list[FirmMention]:
    """All firm sightings of the document, overlaps resolved (the longest span wins)."""
    from loaders.extract.orgs import is_org_abbreviation  # orgs.py builds on this module's boundary helpers

    found: list[FirmMention] = _full_names(ctx)
    for sentence in ctx.doc.sentences:
        places = sentence_places(ctx, sentence)
        found += _list_items(ctx.text, sentence, places)
        found += _project_developers(ctx, sentence, places, is_org_abbreviation)
        found += _listed_projects(ctx.text, sentence, places)
        found += _known_names(ctx.text, sentence, places)
    chosen: list[FirmMention] = []
    for mention in sorted(found, key=lambda m: (-(m.end - m.start), m.start)):
        if any(m.start < mention.end and mention.start < m.end for m in chosen):
            continue
        chosen.append(mention)
    for mention in chosen:
        mention.role = _stronger(mention.role, role_of(ctx.text, mention.sentence, mention.start, mention.end))
    return sorted(chosen, key=lambda m: m.start)


def _full_names(ctx: DocContext) -> list[FirmMention]:
    """…有限公司 / …集团 / …公司 with a sensible left edge, across soft line breaks."""
    text = ctx.text
    out = []
    known = load_firm_aliases()
    for match in WRAPPED_SUFFIX.finditer(text):
        suffix = match.group(0).replace("\n", "")
        following = text[match.end():match.end() + 2]
        bracketed = following[:1] in "）)" and text[match.start() - 1:match.start()] in ("（", "(")
        if bracketed or following.startswith(("有限", "股份", "控股", "公司")):
            continue  # 陕西鼓风机（集团）有限公司: the suffix comes later
        sentence = _sentence_at(ctx, match.start())
        if sentence is None:
            continue
        floor = sentence.start
        if floor > 0 and text[floor - 1] == "\n" and _soft_wrap(text, floor - 1):
            previous = _sentence_at(ctx, floor - 2)
            floor = previous.start if previous is not None else floor
        places = find_places(text, ctx.province, floor, match.end())
        start = left_edge(text, match.start(), floor, places)
        joiner = max(text.rfind(word, start, match.start() - 4) for word in "与和及")
        if joiner >= 0:  # "支持某某学院与某某通信公司…": the firm is the last of the pair
            start = joiner + 1
        prefix = text[start:match.start()].replace("\n", "")
        if len(prefix) < 2 or GENERIC_FIRM.fullmatch(prefix) or "企业" in prefix:
            continue
        if suffix in BARE_SUFFIXES and not _bare_name_supported(prefix, suffix, start, places, known):
            continue
        home = _sentence_at(ctx, start) or sentence
        out.append(FirmMention(start, match.end(), prefix + suffix, home))
    return out


def _sentence_at(ctx: DocContext, position: int) -> Sentence | None:
    """The sentence holding `position`: a binary search over the sentence starts (sorted, never overlapping),
    not a walk over every sentence for each firm name a long document writes."""
    index = bisect.bisect_right(ctx.doc.sentence_starts, position) - 1
    if index >= 0 and ctx.doc.sentences[index].start <= position < ctx.doc.sentences[index].end:
        return ctx.doc.sentences[index]
    return None


def _bare_name_supported(prefix: str, suffix: str, start: int, places: list[Mention], known: dict) -> bool:
    """陕飞公司, 宝能集团, 西安三航动力科技公司: a bare 公司/集团 needs a known name, a place or a country first."""
    if prefix + suffix in known or prefix in known or prefix.startswith(COUNTRIES):
        return True
    if suffix == "集团" and len(prefix) >= 3 and prefix[0] in "省市" and prefix[1] not in "级委属":
        return True  # 市交通集团, 省能源集团: a jurisdiction's own group
    return any(p.start == start and p.end - p.start < len(prefix) for p in places)


def _list_items(text: str, sentence: Sentence, places: list[Mention]) -> list[FirmMention]:
    """Short names in "X、Y等…企业" and "以X、Y为代表/龙头" lists, and the peers a known firm is listed with
    ("推动某某汽车、甲出行、乙出行等做大…": the text lists firms with a firm)."""
    out: list[FirmMention] = []
    for closing in PEER_LIST.finditer(text, sentence.start, sentence.end):
        clause_start, _ = clause_bounds(text, sentence.start, sentence.end, closing.start())
        items = _split_items(text, clause_start, closing.start(), places)
        if len(items) < 2 or not any(text[a:b] in load_firm_aliases() for a, b in items):
            continue
        if all(_plain_item_ok(text[a:b], places, a, b) and not _common_words(text[a:b]) for a, b in items):
            out += [FirmMention(a, b, text[a:b], sentence, "mentioned", "list") for a, b in items]
    for closure in CLOSURE.finditer(text, sentence.start, sentence.end):
        role = "chain_leader" if CHAIN_WORDS.search(closure.group("tail")) else "key"
        clause_start, _ = clause_bounds(text, sentence.start, sentence.end, closure.start())
        items = _split_items(text, clause_start, closure.start(), places)
        # "…等零部件生产企业" describes what the items are made of; believe it only when one item is a firm.
        # "等省内大数据龙头企业": a rank within an industry still says every item is a firm
        tail = REGION_WORDS.sub("", _without_terms(text, closure.start("tail"), closure.end("tail")))
        ranked = STATUS_TAIL.fullmatch(closure.group("tail")) or (RANK_WORD.search(tail) and STATUS_TAIL.fullmatch(tail))
        if not ranked and not any(_looks_like_firm(text[a:b]) for a, b in items):
            continue
        for start, end in items:
            if _plain_item_ok(text[start:end], places, start, end):
                out.append(FirmMention(start, end, text[start:end], sentence, role, "list"))
    for match in REPRESENTED.finditer(text, sentence.start, sentence.end):
        role = "key" if match.group("kind") == "代表" else "chain_leader"
        all_firms = bool(re.search(r"的[^，。；]{0,12}(?:企业|公司)", match.group("rest")))
        for start, end in _split_items(text, match.start("items"), match.end("items"), places):
            item = text[start:end]
            if _looks_like_firm(item) or (all_firms and _plain_item_ok(item, places, start, end)):
                out.append(FirmMention(start, end, item, sentence, role, "list"))
    return out


# (?<=[\u4e00-\u9fffA-Za-z])等, opening with 等 (the lookbehind reads it too): the regex engine skips to it.
PEER_LIST = re.compile(r"等(?<=[\u4e00-\u9fffA-Za-z]等)")
RANK_WORD = re.compile(r"龙头|骨干|重点|领军|头部|链主")
REGION_WORDS = re.compile(r"省内|市内|区内|县内|本地|本土|国内外|国内|省外")


def _without_terms(text: str, start: int, end: int) -> str:
    """text[start:end] without its industry terms: "省内大数据龙头" → "省内龙头" (the items rank in an industry)."""
    out, cursor = [], start
    for term in find_industry_terms(text, start, end):
        out.append(text[cursor:term.start])
        cursor = max(cursor, term.end)
    out.append(text[cursor:end])
    return "".join(out)


def _split_items(text: str, start: int, end: int, places: list[Mention]) -> list[tuple[int, int]]:
    """Item spans of a 、-separated list; the first loses the verb that introduces the list."""
    spans = []
    cursor = start
    for piece in re.split(r"(、)", text[start:end]):
        if piece != "、":
            piece_start, piece_end = cursor, cursor + len(piece)
            if not spans and piece_start == start:
                piece_start = left_edge(text, piece_end, piece_start, places)
            else:
                piece_start = strip_descriptors(text, piece_start, piece_end)
            while piece_start < piece_end and text[piece_start] in "“”\"《》（） ":
                piece_start += 1
            while piece_end > piece_start and text[piece_end - 1] in "“”\"《》（） ":
                piece_end -= 1
            if piece_end > piece_start:
                spans.append((piece_start, piece_end))
        cursor += len(piece)
    return spans


def _plain_item_ok(item: str, places: list[Mention], start: int, end: int) -> bool:
    """An item of a list the text calls firms: short, no generic word, not a place or an industry."""
    if not (2 <= len(item) <= 14) or NOT_FIRM_ITEM.search(item) or ASSOCIATION.search(item):
        return False
    if PRODUCT_ITEM.search(item) and item not in load_firm_aliases() and not TRADE_NAME.fullmatch(item):
        return False
    if re.fullmatch(r"[0-9A-Za-z.%]+", item):
        return False
    if any(p.start == start and p.end == end for p in places):
        return False
    return industry_lookup(item) is None or item in load_firm_aliases()


def _looks_like_firm(item: str) -> bool:
    """A known firm, or a name with a company suffix (not a bare 公司)."""
    return item in load_firm_aliases() or (len(item) >= 4 and item.endswith(("公司", "集团", "股份")))


def _short_place_name(word: str, text: str) -> bool:
    """A city, district or county written without its 市/区/县 (柳江 for 柳江区), or a town or street the document
    names in full elsewhere (某滘镇, 某桂街道: the gazetteer stops at counties)."""
    return any(find_places(word + suffix, None, 0, len(word) + 1) for suffix in "市区县") \
        or re.search(re.escape(word) + "(?:镇|乡|街道)", text) is not None


def _project_developers(ctx: DocContext, sentence: Sentence, places: list[Mention], is_org) -> list[FirmMention]:
    """The developer opening a project/base name: 宝能新能源汽车生产基地, 远洋资本泾河新城大数据中心项目."""
    text = ctx.text
    out = []
    for match in PROJECT_SUFFIX.finditer(text, sentence.start, sentence.end):
        start = left_edge(text, match.start(), sentence.start, places)
        name_places = [p for p in places if start <= p.start and p.end <= match.start()]
        cursor = start
        kept_place: Mention | None = None
        for place in sorted(name_places, key=lambda m: m.start):
            if place.start == cursor:
                kept_place = place if place.props.get("level") in ("province", "city") else None
                cursor = place.end
        stops = [p.start for p in name_places if p.start > cursor]
        stops += [m.start for m in find_industry_terms(text, cursor, match.start()) if m.start > cursor]
        stops += [m.start() for m in PROJECT_STOP.finditer(text, cursor, match.start()) if m.start() > cursor]
        stops += [m.start() for m in LATIN.finditer(text, cursor, match.start()) if m.start() > cursor]  # 某某VR产业基地
        if not stops:
            continue
        stop = min(stops)
        developer = text[cursor:stop]
        if not (2 <= len(developer) <= 6) or not re.fullmatch(r"[\u4e00-\u9fff]+", developer):
            continue
        if NOT_DEVELOPER.search(developer) or is_org(developer) or find_industry_terms(developer, 0, len(developer)) \
                or developer.endswith(HEAD_WORDS):
            continue  # "晶圆制造项目": a product (an industry head word) opens the project, not a developer
        if all(flag.startswith("v") for _, flag in tags(developer)) or _common_words(developer):
            continue  # "优先保障先进制造业项目": a verb phrase; "国际科技合作基地": common words
        if developer not in load_firm_aliases() and _short_place_name(developer, text):
            continue  # "某江汽车零部件产业园": 某江 is 某江区 written short, the park's place, not a developer
        if kept_place is not None and kept_place.end == cursor and (
                kept_place.props.get("level") == "city" or (len(tags(developer)) > 1 and all(f == "ns" for _, f in tags(developer)))):
            continue  # "某州马尾物联网产业基地": after a city, a district or area opens the base, not a firm
        if industry_lookup(developer) is not None or any(p.start == cursor for p in name_places):
            continue
        begin = kept_place.start if kept_place is not None and kept_place.end == cursor else cursor
        tied = [p for p in name_places if p is not kept_place]
        out.append(FirmMention(begin, stop, text[begin:stop], sentence, "mentioned", "project", tied,
                               (start, match.end())))
    return out


# Tags of words that are not a firm's name: common nouns standing alone, adverbs, pronouns, places of a
# direction, distinguishing adjectives and verbal nouns (人工, 新兴, 每年, 国内, 水产养殖).
COMMON_ALONE = {"n", "b", "vn", "v", "d", "r", "s", "a", "l", "f", "m"}
COMMON_ANYWHERE = {"r", "s", "d", "vn"}
NAME_FLAGS = {"nr", "nrt", "nrfg", "nz", "nt", "j", "x", "eng"}


def _common_words(developer: str) -> bool:
    """Whether a would-be developer is made of common words rather than a name (人工, 国内单轨, 数字化改造)."""
    found = tags(developer)
    if len(found) == 1:
        return found[0][1] in COMMON_ALONE
    return any(flag in COMMON_ANYWHERE for _, flag in found) or any(len(w) >= 3 and w.endswith("化") for w, _ in found)


def _named_item(name: str, before_industry: bool) -> bool:
    """A listed project's developer: a name before the industry it makes (某某智能机器人), or a word jieba
    reads as a proper noun, not a place (某某, never 某县)."""
    if name in load_firm_aliases():
        return True
    found = tags(name)
    if (_common_words(name) or any(p.start == 0 for p in find_places(name, None)) or name.endswith(("级", "及", "和"))
            or name.startswith(("智慧", "数字", "智能")) or found[0][1] == "ns"):
        return False  # "某县抽水蓄能电站": a place's project; "智慧交通…项目": a field
    return before_industry or found[0][1] in NAME_FLAGS


def _listed_projects(text: str, sentence: Sentence, places: list[Mention]) -> list[FirmMention]:
    """Developers of listed projects: "推进甲乙机器人、丙丁智能芯片等项目建设" (the item up to its industry),
    "加快某某、某某等智能物流项目建设", and "某某年产10万吨…项目"."""
    out: list[FirmMention] = []
    for closing in PROJECT_LIST.finditer(text, sentence.start, sentence.end):
        left, _ = clause_bounds(text, sentence.start, sentence.end, closing.start())
        for start, end in _split_items(text, left, closing.start(), places):
            terms = [t for t in find_industry_terms(text, start, end) if t.start > start]
            stop = terms[0].start if terms else end
            name = text[start:stop]
            if 2 <= len(name) <= 10 and re.fullmatch(r"[\u4e00-\u9fffA-Za-z]+", name) and _plain_item_ok(
                    name, places, start, stop) and _named_item(name, bool(terms)):
                out.append(FirmMention(start, stop, name, sentence, "mentioned", "list"))
    # Every match holds 年产: a sentence without it (nearly all) is not searched with the lazy name run.
    annual = ANNUAL_OUTPUT.finditer(text, sentence.start, sentence.end) if text.find(
        "年产", sentence.start, sentence.end) >= 0 else ()
    for match in annual:
        start = left_edge(text, match.end(1), sentence.start, places)
        name = text[start:match.end(1)]
        if 2 <= len(name) <= 8 and _plain_item_ok(name, places, start, match.end(1)) and _named_item(name, False):
            out.append(FirmMention(start, match.end(1), name, sentence, "mentioned", "project"))
    return out


PROJECT_LIST = re.compile(r"等(?:(?!企业)[\u4e00-\u9fff]){0,8}?项目")
ANNUAL_OUTPUT = re.compile(r"([\u4e00-\u9fff]{2,8}?)年产(?:能)?\d")


def _known_names(text: str, sentence: Sentence, places: list[Mention]) -> list[FirmMention]:
    """Gazetteer forms anywhere, where a name can begin and no place straddles them."""
    out = []
    for hit in find_in(firm_matcher(), text, sentence.start, sentence.end):
        start, end = hit.start, hit.end
        if not short_guard(text, start, end) or overlaps_place(start, end, places):
            continue
        if FOLLOW_GUARD.match(text, end) and not hit.surface.endswith(("公司", "集团")):
            continue
        out.append(FirmMention(start, end, hit.surface, sentence, "mentioned", "gazetteer"))
    return out


ROLE_ORDER = {"chain_leader": 0, "key": 1, "mentioned": 2}


def _stronger(a: str, b: str) -> str:
    return a if ROLE_ORDER[a] <= ROLE_ORDER[b] else b


def role_of(text: str, sentence: Sentence, start: int, end: int) -> str:
    """What the clause says of the firm: 链主/龙头 → chain_leader; 重点企业/代表/引进/依托 → key."""
    left, _ = clause_bounds(text, sentence.start, sentence.end, start)
    right = end
    while right < len(text) and text[right] not in "，。；：！？\n":
        right += 1
    tail = text[end:right]
    head = text[left:start]
    closing = re.match(r"^(?:、[^，。；]*?)?(?:等([^，。；]{0,16})|为(龙头|链主|代表|引领))", tail)
    if closing:
        words = closing.group(1) or closing.group(2) or ""
        if CHAIN_WORDS.search(words):
            return "chain_leader"
        if "代表" in words or "重点" in words or KEY_VERBS.search(head):
            return "key"
    if KEY_VERBS.search(head) and re.search(r"引进|依托|集聚|招引", head):
        return "key"
    return "mentioned"


# ---------------------------------------------------------------------------------------------------------------
# Nodes and edges


def extract_firms(ctx: DocContext, batch: FactBatch) -> None:
    """FACT_EXTRACTORS entry: Firm nodes, MENTIONS, LEADS_CHAIN / IN_INDUSTRY and LOCATED_IN edges."""
    mentions = find_firms(ctx)
    canonical = _doc_canonical_names(mentions)
    firm_spans = [(m.start, m.end) for m in mentions]
    for mention in mentions:
        node = batch.add_node(firm_node(mention.surface, canonical.get(mention.surface)))
        provenance = ctx.provenance(mention.sentence.start, mention.sentence.end)
        batch.add_edge(Edge("MENTIONS", ctx.doc_id, node.id, "Document", "Firm", {**provenance, "count": 1}))
        _industry_edges(ctx, batch, mention, node, provenance, firm_spans)
        _location_edges(ctx, batch, mention, node, provenance)


def _doc_canonical_names(mentions: list[FirmMention]) -> dict[str, str]:
    """A short form the document also writes in full (凝远 … 陕西凝远新材料科技股份有限公司) is that firm."""
    known = load_firm_aliases()
    full_names = [m.surface for m in mentions if m.surface.endswith(("公司", "集团")) and m.surface not in known]
    out = {}
    for mention in mentions:
        if mention.surface in known or mention.surface in full_names:
            continue
        holders = [f for f in full_names if mention.surface in f]
        if len(holders) == 1:
            out[mention.surface] = holders[0]
    return out


def known_firm(surface: str) -> KnownFirm | None:
    """The gazetteer firm of a form, also when the text puts its country or place first (德国博世集团)."""
    known = load_firm_aliases()
    if surface in known:
        return known[surface]
    suffix = re.search(f"(?:{FULL_SUFFIX.pattern})$", surface)
    if suffix and len(surface) - len(suffix.group(0)) >= 2 and surface[:suffix.start()] in known:
        return known[surface[:suffix.start()]]  # 某某集团公司 is the group of the known 某某
    for country in COUNTRIES:
        if surface.startswith(country) and surface[len(country):] in known:
            return known[surface[len(country):]]
    for place in find_places(surface, None):
        if place.start == 0 and surface[place.end:] in known:
            return known[surface[place.end:]]
    return None


def firm_node(surface: str, same_as: str | None = None) -> Node:
    """The node of a firm form: a gazetteer firm under its full name, else the form itself."""
    known = known_firm(same_as or surface)
    if known is not None:
        aliases = [s for s in known.short_names]
        if surface != known.full_name and surface not in aliases:
            aliases.append(surface)
        short = known.short_names[0] if known.short_names else None
        return Node("Firm", make_id("Firm", known.full_name), known.full_name, aliases, known.name_en,
                    {"full_name": known.full_name, "short_name": short})
    name = same_as or surface
    is_full = name.endswith(("公司", "集团"))
    aliases = [surface] if surface != name else []
    props = {"full_name": name if is_full else None, "short_name": None if is_full else name}
    if same_as:
        props["short_name"] = surface
    return Node("Firm", make_id("Firm", name), name, aliases, None, props)


def _industry_edges(ctx: DocContext, batch: FactBatch, mention: FirmMention, node: Node, provenance: dict,
                    firm_spans: list[tuple[int, int]]) -> None:
    kind = {"chain_leader": "LEADS_CHAIN", "key": "IN_INDUSTRY"}.get(mention.role)
    if kind is None and mention.source == "project":
        kind = "IN_INDUSTRY"
    if kind is None:
        return
    industry = industry_for(ctx, mention.sentence, mention.start, mention.end, firm_spans, mention.project)
    if industry is not None:
        target = add_industry(batch, industry)
        batch.add_edge(Edge(kind, node.id, target.id, "Firm", "Industry", dict(provenance)))


def industry_for(ctx: DocContext, sentence: Sentence, start: int, end: int,
                 exclude: list[tuple[int, int]] = (), project: tuple[int, int] | None = None) -> Mention | None:
    """The industry the text ties a firm to, most specific first.

    A project's own name (宝能新能源汽车生产基地), else the firm's clause, else the nearest numbered heading
    that names an industry ("（1）推动航空企业改造"), else the nearest term of the sentence, else the one industry
    the document's title names (a plan for one industry chain: "某市电子信息产业链链长制工作方案"). Terms inside
    firm names (江铃新能源汽车) are not the firm's industry.
    """
    if project is not None:
        return _nearest(industry_terms(ctx.text, project[0], project[1], [(start, end)]), start, end)
    left, right = clause_bounds(ctx.text, sentence.start, sentence.end, start)
    found = _nearest(industry_terms(ctx.text, left, max(right, end), exclude), start, end)
    if found is not None:
        return found
    section = sentence.section
    while section is not None:
        at = ctx.text.find(section.title, section.start)
        if at >= 0:
            # A heading's policy class ("合肥市发展先进制造业经验": a pillar with no classification code) is the
            # section's theme, too broad to be a firm's industry.
            titled = [t for t in industry_terms(ctx.text, at, at + len(section.title)) if not _policy_class(t.key)]
            if titled:
                return titled[0]
        section = section.parent
    return _nearest(industry_terms(ctx.text, sentence.start, sentence.end, exclude), start, end) \
        or _title_industry(ctx)


def _title_industry(ctx: DocContext) -> Mention | None:
    """The one industry the document's title names, if it names exactly one (not a policy class)."""
    title = getattr(ctx.meta, "title", None)
    at = ctx.text.find(title) if title else -1
    if at < 0:
        return None
    terms = [t for t in industry_terms(ctx.text, at, at + len(title)) if not _policy_class(t.key)]
    return terms[0] if len({t.key for t in terms}) == 1 else None


# "-化" adverbs whose 化 is not the start of 化工: 信息化工程, 数字化工厂.
HUA_ADVERB = re.compile(r"(?:信息|数字|自动|智能|网络|标准|绿色|规模|国际|市场|工业|产业|高端|服务)$")


def industry_terms(text: str, start: int, end: int, exclude=()) -> list[Mention]:
    """Taxonomy terms of text[start:end] outside the `exclude` spans, without 化工 read out of 信息化工程."""
    out = []
    for term in find_industry_terms(text, start, end):
        if any(a < term.end and term.start < b for a, b in exclude):
            continue
        if term.surface.startswith("化") and HUA_ADVERB.search(text, max(0, term.start - 2), term.start):
            continue
        out.append(term)
    return out


def _policy_class(key: str) -> bool:
    entry = load_industries().get(key)
    return entry is not None and entry.props.get("level") == "pillar" and not entry.props.get("code")


def _nearest(terms: list[Mention], start: int, end: int) -> Mention | None:
    if not terms:
        return None
    return min(terms, key=lambda t: min(abs(t.start - end), abs(start - t.end)))


def _location_edges(ctx: DocContext, batch: FactBatch, mention: FirmMention, node: Node, provenance: dict) -> None:
    for place in located_places(ctx, mention):
        target = add_place(batch, place.key, place.surface)
        batch.add_edge(Edge("LOCATED_IN", node.id, target.id, "Firm", "City", dict(provenance)))
    for park in _project_parks(ctx, batch, mention):
        batch.add_edge(Edge("LOCATED_IN", node.id, park.id, "Firm", "Park", dict(provenance)))


def _project_parks(ctx: DocContext, batch: FactBatch, mention: FirmMention) -> list[Node]:
    """The park a developer's project name is (三一 → 三一西安产业园), when the park extractor made it a park.

    Only parks already in the batch are linked: a base the park rules rejected is not made a park here.
    """
    if mention.project is None:
        return []
    parks = find_parks(ctx.text, mention.project[0], mention.project[1])
    found = [batch.nodes.get(p.key) for p in parks if p.start <= mention.start and mention.end <= p.end]
    return [node for node in found if node is not None and node.label == "Park"]


def located_places(ctx: DocContext, mention: FirmMention) -> list[Mention]:
    """Places the text ties the firm to: the one opening its name (the last of several: 某省某县某某茶业有限公司
    is the county's), a project's site, the clause's subject."""
    places = sentence_places(ctx, mention.sentence)
    opening: list[Mention] = []
    cursor = mention.start
    for place in sorted(places, key=lambda p: p.start):
        if place.start == cursor and place.end < mention.end:
            opening, cursor = [place], place.end
    out = opening
    out += mention.places
    if not out and mention.role in ("chain_leader", "key"):
        subject = _clause_subject(ctx, mention, places)
        if subject is not None:
            out.append(subject)
    return out


def _clause_subject(ctx: DocContext, mention: FirmMention, places: list[Mention]) -> Mention | None:
    """长春新区依托华为…; a paragraph opening with its place (赣江新区…，引进欧菲光…)."""
    text = ctx.text
    left, _ = clause_bounds(text, mention.sentence.start, mention.sentence.end, mention.start)
    for place in places:
        if left <= place.start < mention.start and KEY_VERBS.match(text, place.end):
            return place
    paragraph = ctx.doc.paragraphs[mention.sentence.paragraph]
    opening = find_places(text, ctx.province, paragraph[0], min(paragraph[1], paragraph[0] + 8))
    if opening and opening[0].start == paragraph[0]:
        return opening[0]
    return None
