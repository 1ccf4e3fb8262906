"""Organisation mentions: universities, research institutes, innovation centres and platforms, associations.

A name ends in a kind word (…大学, …研究院, …创新中心, …平台, …协会) and starts, as for firms, where a place
name starts or after the verb that introduces it. Policy texts are full of kind words used generically
("建设省级制造业创新中心", "搭建公共服务平台", "行业协会"), so a name is kept only when something in it is a
proper name: a place or jurisdiction (西安交通大学, 陕西省智能再制造创新中心, 全省…平台), 国家 (国家增材制造创新中心),
a known institution (清华…, 中科…), a quoted brand ("陕企通"平台), or a list the text itself calls institutions
("X、Y等科研院所"); and when, without those and without the generic words, something specific remains.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from importlib import resources

from graph.model import Edge, FactBatch, Node, make_id
from loaders.extract import DocContext, Mention
from loaders.extract.firms import (
    COUNTRIES,
    clause_bounds,
    industry_terms,
    left_edge,
    overlaps_place,
    sentence_places,
    short_guard,
)
from loaders.gazetteers import DATA_PACKAGE
from loaders.resolve import add_industry, add_place
from loaders.segment import Sentence
from loaders.words import first_tag


def _load_abbreviations() -> dict[str, tuple[str, str]]:
    path = resources.files(DATA_PACKAGE).joinpath("data", "org_abbreviations.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["abbreviation"]: (row["full_name"], row["kind"]) for row in csv.DictReader(handle)}


# Kind words, longest first where one ends another (科学院 before 学院, 工程研究中心 before 研究中心).
ORG_KINDS: tuple[tuple[str, str], ...] = (
    ("科学院", "institute"), ("分院", "institute"), ("研究院", "institute"), ("研究所", "institute"), ("设计院", "institute"),
    ("先导院", "institute"), ("研院", "institute"), ("工程技术研究中心", "platform"), ("工程研究中心", "platform"),
    ("研究中心", "institute"), ("重点实验室", "platform"), ("实验室", "institute"), ("试验室", "institute"),
    ("技术创新中心", "platform"), ("制造业创新中心", "platform"), ("产业创新中心", "platform"), ("创新中心", "platform"),
    ("创新驱动平台", "platform"), ("平台", "platform"), ("分中心", "platform"), ("大数据中心", "platform"),
    ("超算中心", "platform"), ("育成中心", "platform"), ("赋能中心", "platform"), ("检测中心", "platform"),
    ("服务中心", "platform"), ("科学中心", "platform"), ("保护中心", "platform"), ("数据中心", "platform"),
    ("计算中心", "platform"), ("技术中心", "platform"), ("数据云", "platform"), ("政务云", "platform"),
    ("开发中心", "platform"), ("能力中心", "platform"), ("节点", "platform"), ("科学城", "platform"),
    ("大学", "university"), ("学院", "university"), ("联合会", "association"), ("促进会", "association"),
    ("咨询委员会", "association"), ("协会", "association"), ("联盟", "association"), ("商会", "association"), ("学会", "association"),
)
KIND_OF = dict(ORG_KINDS)
ORG_SUFFIX = re.compile("|".join(re.escape(word) for word, _ in ORG_KINDS))
# Names another name may follow inside one window: 西北工业大学国家级…实验室, …科学中心和科技创新中心.
ORG_OWNERS = re.compile(r"大学|学院|研究院|研究所|(?:平台|中心|实验室|试验室|节点|联盟|协会)(?:和|与|及|以及)")
# Well-known short forms of universities and institutes (general facts, in a data file like every alias).
ORG_ABBREVIATIONS: dict[str, tuple[str, str]] = _load_abbreviations()
KNOWN_NAMES = frozenset(name for name, _ in ORG_ABBREVIATIONS.values()) | {"中国工程院", "中国社会科学院"}
ABBREVIATION_PATTERN = re.compile("|".join(sorted(map(re.escape, ORG_ABBREVIATIONS), key=len, reverse=True)))
# Openings that make a name proper besides places: institutions, regions, the state.
PROPER_PREFIX = re.compile("|".join(sorted(map(re.escape, [*ORG_ABBREVIATIONS, "中科", "赛迪", "中国科学院", "中国工程院"]),
                                           key=len, reverse=True)))
REGION = re.compile(r"西北|东北|华北|华东|华南|华中|西南|中南|西部|东部|中部")
JURISDICTION = re.compile(r"(?:全省|全市|省|市)(?![级际内外域属直])")
ORDINAL = re.compile(r".*?第[一二三四五六七八九十\d]+[座个家所批项]")
COUNTED = re.compile(r"[两三四五六七八九十\d]+(?:市|个|家|省|区|县)")
GENERIC_CORE = re.compile(r"国家级|省级|市级|国家|全省|全市|中国|制造业|产业|工业|技术|科技|工程|企业|公共服务|公共|服务|"
                          r"创新|研发|共性|新型|重点|示范|专业化|一批|各类|中小|高水平|高端|一流|重大|产业化|成果转化|先进|"
                          r"现代|相关|设计|和|及|与|等|级|省|市|各|" + "|".join(word for word, _ in ORG_KINDS))
# Disciplines that make "…大学" a university name even without a place (工业大学, 师范大学…).
UNIVERSITY_HEAD = re.compile(r"(?:工业|科技|交通|理工|师范|农林|农业|财经|医科|医药|石油|邮电|工程|航空航天|航空|外国语|政法|"
                             r"电子科技|建筑科技|林业|矿业|地质|海洋|民族|体育|音乐|美术|传媒|中医药|电力|职业技术|职业|技师)$")
ORG_LIST = re.compile(r"等(?:(?!企业)[^，。；：]){0,12}?(?:高校|院所|科研院所|科研机构|研究机构|机构|平台|联盟|协会|行业组织)")
QUOTED = re.compile(r"“([^”]{2,12})”(平台|创新驱动平台|实验室|创新中心)")
# A quoted brand that is an app (“某某通”APP, "某某办"小程序), and quoted brands a list closes as platforms
# ("甲通""乙购"等生活服务平台).
APP_BRAND = re.compile(r"[“\"]([^”\"，。；、]{2,12})[”\"](?:APP|App|app|小程序|客户端|公众号)")
BRAND_LIST = re.compile(r"(?:[“\"][^”\"，。；、]{2,12}[”\"]、?){2,}等[^，。；“\"]{0,10}?平台")
BRAND = re.compile(r"[“\"]([^”\"，。；、]{2,12})[”\"]")
# “某某”推广服务中心, “某某”联盟: a quoted brand and the kind; “某某交易中心”: quotes holding a whole name.
QUOTED_NAMED = re.compile(r"[“\"]([^”\"，。；、]{2,10})[”\"]([\u4e00-\u9fff]{0,6}?)(服务中心|创新中心|平台|联盟|实验室|研究院)")
WHOLE_QUOTED = re.compile(r"[“\"]([^”\"，。；、]{2,10}?(交易中心|应用中心|研究中心|服务中心|数据中心|创新中心|实验室|研究院))[”\"]")
# Slogans built of numerals (一带一路, 四大中心) are programmes and qualities (“一站式”) describe, not brands.
SLOGAN = re.compile(r"(?:[一二三四五六七八九十两百千万N\d]+[^一二三四五六七八九十两百千万N\d]{1,3}){2,}|.*[+＋]|.*[式型化]")


@dataclass
class OrgMention:
    start: int
    end: int
    surface: str
    name: str
    kind: str
    sentence: Sentence


def is_org_abbreviation(word: str) -> bool:
    """Whether a word is a known short form of a university or institute (西工大), never a firm."""
    return word in ORG_ABBREVIATIONS


def find_orgs(ctx: DocContext) -> list[OrgMention]:
    """All organisation sightings of the document, overlaps resolved (the longest span wins)."""
    found: list[OrgMention] = []
    rejected: list[OrgMention] = []
    owned: list[OrgMention] = []  # universities opening a chosen name (某某大学甲州研究院)
    for sentence in ctx.doc.sentences:
        places = sentence_places(ctx, sentence)
        listed = _listed_spans(ctx.text, sentence)
        found += _named(ctx.text, sentence, places, listed, rejected, owned)
        found += _quoted(ctx.text, sentence)
        found += _abbreviations(ctx.text, sentence, places)
    chosen: list[OrgMention] = []
    for mention in sorted(found, key=lambda m: (-(m.end - m.start), m.start)):
        if not any(m.start < mention.end and mention.start < m.end for m in chosen):
            chosen.append(mention)
    ends = {m.end for m in chosen}
    starts = {m.start for m in chosen}
    for mention in sorted(rejected, key=lambda m: m.start):
        # "搭建甲平台、乙平台和丙平台": an item coordinated with an org is one of the same kind
        after = ctx.text[mention.start - 1:mention.start] in COORDINATORS and mention.start - 1 in ends
        before = ctx.text[mention.end:mention.end + 1] in COORDINATORS and mention.end + 1 in starts
        if (after or before) and not any(m.start < mention.end and mention.start < m.end for m in chosen):
            chosen.append(mention)
            ends.add(mention.end)
    chosen += [u for u in owned if any(m.start == u.start and m.end > u.end for m in chosen)]
    return sorted(chosen, key=lambda m: m.start)


def _listed_spans(text: str, sentence: Sentence) -> list[tuple[int, int]]:
    """Clauses ending in "等科研院所/等创新平台…": their items are institutions by the text's own word."""
    spans = []
    for match in ORG_LIST.finditer(text, sentence.start, sentence.end):
        left, _ = clause_bounds(text, sentence.start, sentence.end, match.start())
        spans.append((left, match.start()))
    return spans


def _named(text: str, sentence: Sentence, places: list[Mention],
           listed: list[tuple[int, int]], rejected: list[OrgMention], owned: list[OrgMention]) -> list[OrgMention]:
    out = []
    for match in ORG_SUFFIX.finditer(text, sentence.start, sentence.end):
        suffix = match.group(0)
        if (suffix == "大学" and text.startswith(("生", "城"), match.end())) or (
                suffix == "平台" and text.startswith("经济", match.end())):
            continue  # 大学生, 大学城, 平台经济
        # "某某研究院甲省分院": a branch keeps its owner's name
        owners = None if suffix in ("分院", "分中心") else ORG_OWNERS
        start = left_edge(text, match.start(), sentence.start, places, owners)
        if owners is not None and text[start - 2:start] in ("大学", "学院") and _is_place_span(places, start, match.start()):
            start = left_edge(text, match.start(), sentence.start, places)  # "某某大学甲州研究院" is one name
        ordinal = ORDINAL.match(text, start, match.start())
        if ordinal:
            start = ordinal.end()
        prefix = text[start:match.start()]
        if BATCH_BEFORE.search(text, max(sentence.start, start - 4), start) or KIND_INSIDE.search(prefix):
            continue  # "建设一批…领域工程研究中心", "国家和省级…平台": kinds of organisation
        in_list = any(a <= start and match.end() <= b for a, b in listed) or text.endswith(ONE_FOR_ALL, 0, start)
        # "某某大学东南信息技术研究院": a name its owner opens is as proper as one a place opens
        owned_name = (owners is not None and text[start - 2:start] in ("大学", "学院") and start > sentence.start
                      and not text.startswith("生", start))
        opened = owned_name or _opens_with_place(places, start, match.start())
        if not (accept_org(prefix, suffix, opened, in_list)
                or _topic_platform(text, start, prefix, suffix)):
            if _specific(prefix, suffix):
                name, kind = _canonical(prefix, suffix)
                rejected.append(OrgMention(start, match.end(), text[start:match.end()], name, kind, sentence))
            continue
        name, kind = _canonical(prefix, suffix)
        out.append(OrgMention(start, match.end(), text[start:match.end()], name, kind, sentence))
        university = OWNING_UNIVERSITY.match(prefix)
        if university and kind != "university" and accept_org(university.group(1), "大学",
                                                               _opens_with_place(places, start, match.start())):
            # "某某大学甲州研究院": the university is named too
            end = start + university.end()
            owned.append(OrgMention(start, end, text[start:end], text[start:end], "university", sentence))
    return out


BRACKETED_PLACE = re.compile(r"（[\u4e00-\u9fff]{2,4}(?:省|市|区|县)?）")
OWNING_UNIVERSITY = re.compile(r"([\u4e00-\u9fff]{2,8}?)大学(?!生|城)")
# Kinds of platforms a plan names by their topic alone (建设物联网公共接入平台, 打造行业大数据应用平台).
TOPIC_KINDS = ("平台", "大数据中心", "服务中心", "赋能中心", "超算中心", "研究院")
BUILT = re.compile(r"(?:建设|搭建|打造|建成|构建|建立|完善|上线|推广|升级|优化|用好|依托|推进|加快|开发|启动|支持|联动)$")
# Words that say where or how a platform works, not what it does (园区数字化云服务平台).
TOPIC_GENERIC = re.compile(r"园区|数字化|智能化|网络化|信息化|中小|行业性|区域性|综合性|统一")
QUANTIFIED_BEFORE = re.compile(r"(?:一批|若干|一些|多个|各类|各级|各|一个|[0-9一二三四五六七八九十两]+[个家批类]|等|其他|其它|的)$")
DESCRIPTIVE = {"p", "c", "v", "d", "r", "u", "a", "ad", "m", "q", "f", "ag", "dg", "vg"}


COORDINATORS = ("、", "和", "及", "与")
# "建设全省统一的医保信息平台": the one platform of the whole jurisdiction
ONE_FOR_ALL = ("全省统一的", "全市统一的", "全国统一的", "全区统一的")
BATCH_BEFORE = re.compile(r"(?:一批|若干|多个|各类|一些)$")
KIND_INSIDE = re.compile(r"领域|[和及、](?:省|市|国家)级")
# A prefix that joins two things or says who builds it (合作研发和技术中心, 校企合作共建…平台) names no one platform.
JOINED = re.compile(r"[和及与的]|共建|合作")


def _specific(prefix: str, suffix: str) -> bool:
    """Whether prefix+suffix says which one it is, were it listed beside an org (not 公共服务平台, 一批…平台)."""
    core = TOPIC_GENERIC.sub("", GENERIC_CORE.sub("", prefix))
    return (KIND_OF[suffix] != "university" and len(prefix) >= 3 and len(core) >= 3 and not JOINED.search(prefix)
            and not QUANTIFIED_BEFORE.search(prefix[:2]) and first_tag(prefix) not in DESCRIPTIVE)


def _topic_platform(text: str, start: int, prefix: str, suffix: str) -> bool:
    """A platform a plan builds and names by its topic: 物联网公共接入平台, 农产品质量安全监管追溯平台.

    What remains once the generic words go (公共, 服务, 技术…) must say what the platform does, and nothing
    may make it a kind: a quantity or class before it (一批…平台, 等平台), a qualifier ending in 的."""
    if (suffix not in TOPIC_KINDS or len(prefix) < 4 or "的" in prefix or COUNTED.search(prefix)
            or QUANTIFIED_BEFORE.search(text[max(0, start - 4):start])):
        return False
    core = TOPIC_GENERIC.sub("", GENERIC_CORE.sub("", prefix))
    built = BUILT.search(text[max(0, start - 4):start]) is not None or text.startswith("建设", start + len(prefix) + len(suffix))
    return (len(core) >= 5 and first_tag(prefix) not in DESCRIPTIVE and built
            and not re.search(r"[、（(]", prefix) and not JOINED.search(prefix))


def _is_place_span(places: list[Mention], start: int, end: int) -> bool:
    return any(p.start == start and p.end == end for p in places)


def _opens_with_place(places: list[Mention], start: int, end: int) -> bool:
    return any(p.start == start and p.end <= end for p in places)


def accept_org(prefix: str, suffix: str, opens_with_place: bool, in_list: bool = False) -> bool:
    """Whether prefix+suffix names one organisation rather than a kind of organisation."""
    if prefix + suffix in KNOWN_NAMES:
        return True
    if not prefix or COUNTED.search(prefix):
        return False
    core = GENERIC_CORE.sub("", prefix)
    kind = KIND_OF[suffix]
    # 海丝工业互联网（某州）创新中心: a bracketed place; 省级…监测平台: a province's own, when specific
    proper = (opens_with_place or prefix.startswith(COUNTRIES) or REGION.match(prefix) is not None
              or BRACKETED_PLACE.search(prefix) is not None or (prefix.startswith("省级") and len(core) >= 5)
              or JURISDICTION.match(prefix) is not None or prefix.startswith("中国") or "国家" in prefix
              or PROPER_PREFIX.match(prefix) is not None)
    if suffix in ("数据中心", "计算中心") and not (opens_with_place or prefix.startswith("中国")
                                               or PROPER_PREFIX.match(prefix) is not None):
        return False  # "全省在用数据中心": data centres counted, not one named
    if kind == "university":
        return len(prefix) >= 2 and bool(core) and (proper or in_list or UNIVERSITY_HEAD.search(prefix) is not None)
    if suffix == "创新驱动平台":
        return len(core) >= 2
    if not (proper or in_list) or (not proper and JOINED.search(prefix)):
        return False
    if len(core) >= 2:
        return True
    # 陕西实验室, 西安研究院: a place alone names a laboratory or institute; 省科学院, 省超算中心: the province's own.
    jurisdiction = JURISDICTION.match(prefix) is not None
    return (opens_with_place or jurisdiction) and (kind == "institute" or suffix == "超算中心") and not core


def _canonical(prefix: str, suffix: str) -> tuple[str, str]:
    """哈工程大学 → 哈尔滨工程大学: a known short form plus its kind word resolves to the full name."""
    known = ORG_ABBREVIATIONS.get(prefix)
    if known and known[0].endswith(suffix):
        return known
    return prefix + suffix, KIND_OF[suffix]


def _quoted(text: str, sentence: Sentence) -> list[OrgMention]:
    """用好"陕企通"平台: a quoted brand names the platform; so does an app's (“某某通”APP) and a brand in a
    list the text closes as platforms ("甲通""乙购"等生活服务平台)."""
    out = []
    brands = [m.span(1) for m in APP_BRAND.finditer(text, sentence.start, sentence.end)]
    for listed in BRAND_LIST.finditer(text, sentence.start, sentence.end):
        brands += [m.span(1) for m in BRAND.finditer(text, listed.start(), listed.end())]
    for start, end in brands:
        if not re.search(r"[+＋]", text[start:end]) and len(GENERIC_CORE.sub("", text[start:end])) >= 2:
            out.append(OrgMention(start, end, text[start:end], text[start:end], "platform", sentence))
    for match in QUOTED.finditer(text, sentence.start, sentence.end):
        if re.search(r"[+＋]", match.group(1)) or len(GENERIC_CORE.sub("", match.group(1))) < 2:
            continue
        out.append(OrgMention(match.start(), match.end(), match.group(1) + match.group(2), match.group(1),
                              KIND_OF[match.group(2)], sentence))
    for match in QUOTED_NAMED.finditer(text, sentence.start, sentence.end):
        brand, middle, kind = match.groups()
        if SLOGAN.fullmatch(brand) or (not middle and kind in ("平台", "实验室", "创新中心")) or re.search(r"[等和及]", middle):
            continue  # the bare “某某”平台 is QUOTED's
        out.append(OrgMention(match.start(), match.end(), match.group(0), match.group(0), KIND_OF[kind], sentence))
    for match in WHOLE_QUOTED.finditer(text, sentence.start, sentence.end):
        name = match.group(1)
        if not SLOGAN.fullmatch(name) and len(GENERIC_CORE.sub("", name)) >= 2:
            out.append(OrgMention(match.start(1), match.end(1), name, name, _kind_of(name), sentence))
    return out


def _kind_of(name: str) -> str:
    """The kind of a name by its last kind word; a centre with none of them (…交易中心) is a platform."""
    return next((kind for word, kind in ORG_KINDS if name.endswith(word)), "platform")


def _abbreviations(text: str, sentence: Sentence, places: list[Mention]) -> list[OrgMention]:
    """西工大, 哈工大 standing alone (西工大智能飞行器…基地)."""
    out = []
    for match in ABBREVIATION_PATTERN.finditer(text, sentence.start, sentence.end):
        if not short_guard(text, match.start(), match.end()) or overlaps_place(match.start(), match.end(), places):
            continue
        name, kind = ORG_ABBREVIATIONS[match.group(0)]
        out.append(OrgMention(match.start(), match.end(), match.group(0), name, kind, sentence))
    return out


def extract_orgs(ctx: DocContext, batch: FactBatch) -> None:
    """FACT_EXTRACTORS entry: Org nodes, MENTIONS, IN_INDUSTRY (one industry in the sentence), LOCATED_IN."""
    mentions = find_orgs(ctx)
    spans = [(m.start, m.end) for m in mentions]
    for mention in mentions:
        aliases = [mention.surface] if mention.surface != mention.name else []
        node = batch.add_node(Node("Org", make_id("Org", mention.name), mention.name, aliases, None,
                                   {"kind": mention.kind}))
        provenance = ctx.provenance(mention.sentence.start, mention.sentence.end)
        batch.add_edge(Edge("MENTIONS", ctx.doc_id, node.id, "Document", "Org", {**provenance, "count": 1}))
        industry = _single_industry(ctx, mention, spans)
        if industry is not None:
            target = add_industry(batch, industry)
            batch.add_edge(Edge("IN_INDUSTRY", node.id, target.id, "Org", "Industry", dict(provenance)))
        for place in sentence_places(ctx, mention.sentence):
            if place.start == mention.start and place.end < mention.end:
                target = add_place(batch, place.key, place.surface)
                batch.add_edge(Edge("LOCATED_IN", node.id, target.id, "Org", "City", dict(provenance)))


def _single_industry(ctx: DocContext, mention: OrgMention, spans: list[tuple[int, int]]) -> Mention | None:
    """The one industry the org's own name names (国家增材制造创新中心), else the one its clause names."""
    own = industry_terms(ctx.text, mention.start, mention.end)
    if len({t.key for t in own}) == 1:
        return own[0]
    if own:
        return None
    sentence = mention.sentence
    left, right = clause_bounds(ctx.text, sentence.start, sentence.end, mention.start)
    terms = industry_terms(ctx.text, left, max(right, mention.end), spans)
    return terms[0] if len({t.key for t in terms}) == 1 else None
