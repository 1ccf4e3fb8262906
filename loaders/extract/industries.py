"""Industry mentions: the lists policy sentences use to name what is to be developed.

"重点发展高端装备、电子信息、节能与新能源汽车等产业" — after a verb of development comes a list split by 、,
closed by 等…/，/。. Each item is an industry as written; taxonomy terms resolve to their canonical node,
and other items are accepted when they look like industries (an industry head word) or stand in a list
whose other items are known industries. Parenthesised sub-lists ("新材料（超导、钛及钛合金等）", also with a class
word after the parenthesis) give the parent and each child. Lists without a verb before them are read
backwards from what closes them: a class ("…等战略性新兴产业", "…等七大…产业", "5大…集群") or a predicate they
are the subject of ("…产业是主力", "…实现产值"); "把/将…作为…方向" designates the list before its verb.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from loaders.extract import Mention
from loaders.gazetteers.industries import industry_id, industry_matcher, lookup, strip_suffix
from loaders.gazetteers.scan import find_in
from loaders.words import first_tag, opening_flags, tags, words

# Verbs that introduce industries, with the strength SCHEMA.md records on TARGETS.
TRIGGERS: tuple[tuple[str, str], ...] = tuple(
    (word, strength)
    for strength, words in (
        ("key", "重点发展|重点打造|重点布局|重点推动|重点培育|做大做强|做强做优|做优做强|做强|做优|做大|打造|聚焦|"
                "壮大|大力发展|着力发展|优先发展|主攻|主导产业为|支柱产业|做精|做特|做实"),
        ("cultivate", "做好|积极培育|培育壮大|加快培育|培育发展|培育|前瞻布局|超前布局|布局|加快发展|加快提升|积极发展|"
                      "谋划发展|探索发展|鼓励发展|引育|承接|扩大|加快研制|研制|研发|开发|突破|攻克|引进|招引|推广|"
                      "前瞻谋划|抢占|布局发展"),
        ("other", "发展|推动|提升|推进|促进|优化提升|转型升级|延伸|拓展|形成|主要分布在|集聚|发力|围绕|引导|支持|鼓励"),
    )
    for word in words.split("|")
)
TRIGGER_PATTERN = re.compile("|".join(sorted((re.escape(w) for w, _ in TRIGGERS), key=len, reverse=True)))
TRIGGER_STRENGTH = dict(TRIGGERS)
# "生物医药5大先进制造业集群": a count of the list's items closes it, like 等 does.
COUNT = r"(?:[0-9]+|[一二三四五六七八九十两]+)(?:大|个|项|类)"
LIST_STOP = re.compile(r"[，。；：！？\n]|等(?!离子)|为主|方面|为重点|为核心|为龙头|为引领|为特色|"
                       rf"(?<=[\u4e00-\u9fff]){COUNT}(?=[^，。；、]{{0,12}}?(?:产业|集群|行业|领域))")
LEADING_WORDS = re.compile(r"^(?:以及|以|在(?!线)|加快|积极|大力|推动|推进|发展|提升|壮大|做强|做大|做优|做特|做精|做实|做好|培育|支持|"
                           r"着力|重点|全力|加速|持续|不断|进一步|打造|形成|建设|一批|若干|全市|全省|全区|我市|我省|新区|"
                           r"优势|特色|拓展|延伸|引进|聚集|鼓励|引导|加强|强化|深化|开展|实施|力争|争创|创建|布局|聚焦|若干个|典型|"
                           r"围绕|突出|主攻|巩固|做大做强|培育壮大|积极发展|加快发展|大力发展|传统|新兴|优化|推广|完善|谋划|探索|"
                           r"各类|各种|"
                           r"[0-9一二三四五六七八九十百千N]+[个大项条类])+")
TRAILING_WORDS = re.compile(r"(?:研发和产业化|研发生产|研发|研制|产业化|产能|全产业链|全链条|产业集群|产业链|产业|行业|领域|细分领域|集群|方向|板块|等|优势|方面|的布局|布局|"
                            r"重要节点城市|节点城市|重要集散地|集散地|新高地|高地|产业带|升级换代|转型升级|提质增效|"
                            r"竞争力|前瞻布局|配套|转移|发展能级|能级|电站|(?:深度)?融合(?:发展)?|深度|升级换代|"
                            r"(?:高端化|绿色化|智能化|数字化|规模化|集群化|融合化?|创新|高质量|集聚)(?:发展|转型升级|转型|升级)?|发展)+$")
# Function words inside an item mean it is a clause, not a name ("人工智能在旅游…", "从衬底和外延材料").
CLAUSE_PARTICLES = re.compile(r"的|在(?!线)|[从向把将对使让给被]")  # 在线教育 is a name
HEAD_WORDS = (
    "装备", "材料", "汽车", "制造", "医药", "药", "技术", "信息", "能源", "食品", "化工", "电子", "器件", "芯片",
    "服务", "设备", "机械", "金属", "纤维", "合金", "机床", "机器人", "电池", "光伏", "显示", "通信", "软件", "数据",
    "网络", "互联网", "物流", "纺织", "服装", "家具", "建材", "冶金", "钢铁", "农业", "乳业", "粮油", "饮料", "酒",
    "茶", "中药", "疫苗", "器械", "试剂", "航空", "航天", "半导体", "电路", "传感器", "仪表", "陶瓷", "玻璃", "水泥",
    "塑料", "橡胶", "轻工", "氢能", "储能", "光子", "智能", "零部件", "整车", "终端", "元器件", "新材料", "制品",
    "加工", "冶炼", "无人机", "卫星", "北斗", "量子", "计算", "大数据", "云计算", "物联网", "导航", "输变电", "电力",
    "煤", "油", "气", "盐", "硅", "钛", "镁", "铝", "钼", "锂", "铜", "锌", "稀土", "经济", "创意", "设计", "检测",
    "生物", "健康", "养老", "文旅", "旅游", "电商", "金融", "动力", "船舶", "轨道交通", "工程机械", "重卡", "风电",
    "核电", "环保", "节能", "再制造", "回收", "造纸", "印刷", "皮革", "烟草", "白酒", "果业", "畜牧",
    # Open heads of products and services, the nouns new industries are named with (钠离子电芯, 行业大模型).
    "部件", "模组", "模块", "组件", "元件", "配件", "电芯", "模型", "算力", "整机", "主机", "轴承", "服务器",
    "操作系统", "数控系统", "面板", "电机", "总成", "变速器", "发动机", "拖拉机", "手机", "电视", "家电", "家居",
    "特气", "化学品", "树脂", "晶圆", "衬底", "外延片", "封测", "封装", "存储", "安防", "视听", "游戏", "动漫",
    "直播", "出版", "会展", "商务", "贸易", "外包", "诊疗", "车辆", "列车", "动车组", "飞机", "火箭", "载荷",
    "电器", "空调", "照明", "酸", "电脑",
    "遥感", "制氢", "加氢", "光电", "激光", "雷达", "射频", "电路板", "显示屏", "传感", "储运", "仓储",
    # chemicals and consumables
    "服务业", "消费", "剂", "涂料", "耗材", "膜", "箔", "胶", "电解液", "电解质", "中间体", "单体", "硅油", "氟化工", "硅材料",
)
# "新型氟树脂产品", "高效率光伏组件产品": a class word after the head says it is a product line.
PRODUCT_TAIL = re.compile(r"(?:系列)?(?:产品链|产品|制品)$")
# Items that a list may contain but that are not industries.
NOT_INDUSTRY = re.compile(r"(^(?:产业|行业|领域|产品|技术|服务|智能|制造业|工业|制造|材料|设计|设备|装备|新技术|新设备|新产品|"
                          r"生产制造|公共服务|社会保障|人才培养|运营管理)|^(?:产品|服务|设备|材料|辅材)(?:和|及|与).*|"
                          r"(?:核心|关键|共性|前沿|实用化|先进)技术|贷款|信贷|^[市省].*|需要|需求|科技创新|能力|水平|体系|机制|建设|改革|环境|政策|项目|企业|平台|中心|工程|行动|计划|示范|园区|基地|牵头|配合|落实|负责|"
                          r"质量|效益|规模|品牌|人才|资金|要素|效率|布局|集聚区|开发区|新区|新城|核心区|示范区|先行区|承载区|产业带|走廊|组团|城市|全省|全市|工作|"
                          r"场景|案例|标准|试点|路径|模式|生态|格局|优势|特征|作用|地位|理念|战略|目标|任务|措施|方案|"
                          # "推动数字经济与实体经济深度融合", "注入新动力": the economy as a whole and its driving forces
                          r"^经济|实体经济|国民经济|动力源|新动力|内生动力|驱动力|动能|"
                          # "推动…规模化发展", "向高端化、低碳化、多元化迈进": a direction, not a sector (石化, 日化 stay)
                          r"^[\u4e00-\u9fff]{2}化(?:发展)?)$")
MAX_ITEM = 14
# jieba tags of a first word that opens a clause rather than a name: verbs, conjunctions, prepositions, adverbs.
CLAUSE_OPENING_FLAGS = {"v", "c", "p", "d", "r", "u", "vd", "ad", "f", "m"}


@dataclass
class IndustryList:
    """One list introduced by a trigger: its items and the clause span it was read from."""

    trigger: str
    strength: str
    trigger_start: int
    start: int
    end: int
    items: list[Mention]
    subjects_after: list[Mention]


def find_industry_terms(text: str, start: int, end: int, offset: int = 0) -> list[Mention]:
    """Taxonomy terms anywhere in text[start:end]; `offset` shifts the spans (for a text that is a slice)."""
    out = []
    for hit in find_in(industry_matcher(), text, start, end):
        entry = lookup(hit.surface)
        if entry is not None and (len(hit.surface) > 2 or _on_word_boundaries(text, hit.start, hit.end, start, end)):
            at = offset + hit.start
            out.append(Mention("Industry", at, at + len(hit.surface), hit.surface, entry.id, entry.name,
                               {"taxonomy": True}))
    return out


AFTER_SUBJECT = re.compile(r"(?:等[市县区地]?(?:（区）)?|在|加快|着力|积极|大力|重点|要|将|发展|进一步|的)*")
# Verbs that introduce a list only when places follow them ("引导铜川、安康、商洛等市（区）现代中药创新发展").
SUBJECT_VERBS = frozenset({"引导", "支持", "鼓励"})
PLACE_JOINERS = ("、", "和", "及", "与")
# "支持X发展", "鼓励X研发生产": the clause ends in development, so its words between are what is developed.
DEVELOPMENT_TAIL = re.compile(r"(?:发展|研发生产|研发|产业化|集聚|壮大|做大做强|做强)$")


def _on_word_boundaries(text: str, start: int, end: int, low: int, high: int) -> bool:
    """A short term is a word of the sentence, not the join of two ("信息化工程" holds 化工 but means no 化工).

    The words are those of the few characters around the term inside text[low:high] (the window asked about),
    as jieba segments that piece alone."""
    left = max(low, start - 6)
    cuts = {left}
    position = left
    for word in words(text[left:min(high, end + 6)]):
        position += len(word)
        cuts.add(position)
    return start in cuts and end in cuts


def find_industry_lists(text: str, start: int, end: int, places: list[Mention] = ()) -> list[IndustryList]:
    """Every trigger-introduced list in text[start:end], in order.

    When places follow the verb ("推动西安在…", "重点推动西安、咸阳…发展以…"), they are the list's subjects and
    the items start after them. A verb inside a list already read ("…渭南发展以…") starts no list of its own.
    A verb whose places are followed by no industry gives a list without items: it names the subject only.
    """
    lists: list[IndustryList] = []
    covered = start
    for trigger in TRIGGER_PATTERN.finditer(text, start, end):
        if trigger.start() < covered:
            continue
        items_start = trigger.end()
        subjects = places_at(text, places, items_start)
        if trigger.group(0) in SUBJECT_VERBS and not subjects \
                and not DEVELOPMENT_TAIL.search(text, items_start, _clause_end(text, items_start, end)):
            continue  # "支持企业…" names who; "支持关键电子元器件研发生产" names what is developed
        if subjects:
            items_start = AFTER_SUBJECT.match(text, subjects[-1].end, end).end()
        clause_end = _clause_end(text, items_start, end)
        items = parse_items(text, items_start, clause_end)
        # "以碳纤维、超导为主的前沿新材料，以…为主的…": the list goes on in the next clause.
        while clause_end < end and text[clause_end] == "，" and text.startswith("以", clause_end + 1):
            following_end = _clause_end(text, clause_end + 1, end)
            if "为主" not in text[clause_end + 1:following_end]:
                break
            items += parse_items(text, clause_end + 1, following_end)
            clause_end = following_end
        word = trigger.group(0)
        strength = TRIGGER_STRENGTH[word]
        if word in SUBJECT_VERBS and subjects:  # "支持渭南、咸阳、汉中加快提升…": the verb after the places says how
            verb = TRIGGER_PATTERN.search(text, subjects[-1].end, min(end, subjects[-1].end + 8))
            strength = TRIGGER_STRENGTH[verb.group(0)] if verb else strength
        if items:
            lists.append(IndustryList(word, strength, trigger.start(), items_start, clause_end, items, subjects))
            covered = clause_end
        elif subjects:  # "重点推动咸阳、铜川、渭南一体化发展，做大做强水泥…": the subject of the clauses that follow
            lists.append(IndustryList(word, strength, trigger.start(), items_start, items_start, [], subjects))
    lists += _headings(text, start, end, [f for f in lists if f.items])
    lists += _designations(text, start, end, [f for f in lists if f.items])
    lists += _closed_lists(text, start, end, [f for f in lists if f.items])
    lists += _developed_lists(text, start, end, [f for f in lists if f.items])
    lists += _coordinated_lists(text, start, end, [f for f in lists if f.items])
    return sorted(lists, key=lambda f: f.trigger_start)


CLAUSE_BREAKS = re.compile(r"[，。；：！？\n]")
# A clause that describes, defines or counts ("涉及…", "指…", "在…驱动下", "…相关项目正在建设") names no goal.
DESCRIPTIVE = re.compile(r"涉及|是指|指[^，。；]{0,6}吸收|驱动下|相关项目|正在|截至|利用|比例|占比")


def _coordinated_lists(text: str, start: int, end: int, found: list[IndustryList]) -> list[IndustryList]:
    """"加强基础软件、工业软件研发", "嵌入式软件、操作系统和中间件迈向中高端": a 、-coordinated list that no verb or class
    introduced is read when every item is an industry (the taxonomy's, or one with an industry head word)."""
    out: list[IndustryList] = []
    clause_start = start
    for stop in [m.start() for m in CLAUSE_BREAKS.finditer(text, start, end)] + [end]:
        clause = (clause_start, stop)
        first_mark = text.find("、", clause_start, stop)
        # Every item must be a taxonomy term: a clause with fewer term hits than items is skipped unread (cheap).
        if first_mark >= 0 and len(find_in(industry_matcher(), text, clause_start, stop)) > text.count("、", clause_start, stop) \
                and not any(f.start < clause[1] and clause[0] < f.end for f in found) \
                and not DESCRIPTIVE.search(text, clause_start, stop):
            first = _opening_words(text, clause_start, stop)
            items = parse_items(text, first, stop)
            known = sum(1 for m in items if m.props.get("taxonomy"))
            if len(items) >= 2 and known == len(items):
                out.append(IndustryList("、", "other", clause_start, first, stop, items, []))
        clause_start = stop + 1
    return out


# A heading is a sentence of its own: "（二）实施集成电路“强芯”工程。", "——5G产业培育工程。", "3.高端软件与网络通信。".
HEADING_MARK = re.compile(r"[-—–]{1,2}|[●•·▲■]|[（(][一二三四五六七八九十0-9]{1,3}[)）]|[0-9一二三四五六七八九十]{1,3}[、.．]")
PROGRAMME = re.compile(r"(?:组织实施|实施|推进|开展|启动|推动)?(?P<items>[^，。；：“”]{2,20}?)(?:产业|行业)?(?:“[^”]{1,8}”)?"
                       r"(?P<verb>培育|提升|发展|壮大|振兴|创新|强链|补链|延链|攻坚|赋能|融合|集聚|突破|示范|推广|应用)?"
                       r"(?:工程|行动|专项行动|计划)。?$")
MAX_HEADING = 24
HEADING_BREAK = re.compile(r"[，；：]")
# "（二）加大财税金融支持", "3.强化网络安全保障": the headings of a plan's measures section name support, not what
# is developed, however an industry word reads inside them.
MEASURE_HEADING = re.compile(r"(?:保障|支持|支撑|扶持|领导|协调|统筹|宣传|引导|考核|评估|监测|督导)。?$")


def _headings(text: str, start: int, end: int, found: list[IndustryList]) -> list[IndustryList]:
    """A heading that names a programme for industries ("实施X工程", "X产业培育工程") or is only a list of them
    ("3.高端软件与网络通信。") gives those industries: the plan's sections are what it develops."""
    mark = HEADING_MARK.match(text, start, end)
    if mark is None or found:
        return []
    body_end = end - 1 if text[end - 1:end] == "。" else end
    if not 2 <= body_end - mark.end() <= MAX_HEADING or HEADING_BREAK.search(text, mark.end(), body_end) \
            or MEASURE_HEADING.search(text, mark.end(), end):
        return []
    programme = PROGRAMME.fullmatch(text, mark.end(), end)
    if programme:
        items = [m for m in _heading_items(text, programme.start("items"), programme.end("items"))]
        strength = "cultivate" if programme.group("verb") == "培育" else "key"
    else:
        items = _heading_items(text, mark.end(), body_end)
        strength = "key"
    return [IndustryList("标题", strength, mark.start(), mark.end(), end, items, [])] if items else []


def _heading_items(text: str, start: int, end: int) -> list[Mention]:
    """Every part of the heading must be an industry (taxonomy or an industry head word), or nothing is."""
    parts: list[Mention] = []
    for item, at in _split_items(text[start:end], start):
        found = _item_mentions(item, at)
        if not found or not all(m.props.get("taxonomy") or m.props.get("head") for m in found):
            return []
        parts += found
    return parts


# "把新一代电子信息、生物医药等作为重点发展方向", "将先进制造业确定为三大主导产业之一": the list comes before the verb.
DESIGNATION = re.compile(r"(?:把|将)(?P<items>[^，。；：把将]{2,80}?)(?:作为|确定为|列为)"
                         r"(?P<what>[^，。；]{0,16}?(?:产业|方向|领域|行业|集群))")
KEY_DESIGNATION = re.compile(r"重点|主导|支柱|首位|核心|龙头")


def _designations(text: str, start: int, end: int, found: list[IndustryList]) -> list[IndustryList]:
    out: list[IndustryList] = []
    for match in DESIGNATION.finditer(text, start, end):
        if any(f.start <= match.start("items") < f.end for f in found):
            continue
        items = parse_items(text, match.start("items"), match.end("items"))
        if items:
            strength = "key" if KEY_DESIGNATION.search(match.group("what")) else "other"
            out.append(IndustryList("作为", strength, match.start(), match.start("items"), match.end("items"), items, []))
    return out


# "先进装备制造业、生物医药…产业是主力", "战略性新兴产业实现产值249亿元": industries that are a clause's subject,
# in the report on a place.
PREDICATES = r"是主力|是主导|为主导|加快发展(?=[。；]|$)|实现(?:产值|增加值|营业收入|主营业务收入)|完成产值"
# (?:产业|行业)?(?:…) written as alternatives that each open with a character, tried in the same order: the
# regex engine then skips to where one of those characters is instead of trying every position.
PREDICATE = re.compile(rf"产业(?:{PREDICATES})|行业(?:{PREDICATES})|{PREDICATES}")


def _closed_lists(text: str, start: int, end: int, found: list[IndustryList]) -> list[IndustryList]:
    """Lists read backwards from "等…行业/产业", or from a predicate they are the subject of, where no verb
    introduced them."""
    out: list[IndustryList] = []
    closers = [*CLOSED_LIST.finditer(text, start, end), *PREDICATE.finditer(text, start, end)]
    taken = [*found]
    for closer in sorted(closers, key=lambda m: m.start()):
        if any(f.start <= closer.start() <= f.end for f in taken):
            continue
        if closer.group(0).endswith(("领域", "方面")) and SCENE_AFTER.match(text, closer.end(), end):
            continue  # "推动5G在车联网、智慧医疗等领域融合应用": where a technology is applied
        predicate = closer.re is PREDICATE
        clause_start = _clause_start(text, start, closer.start())
        items = parse_items(text, clause_start, closer.start())
        if predicate and not items:  # "2018年战略性新兴产业实现产值…": the subject ends the clause's words
            cut = closer.start() + (2 if closer.group(0).startswith(("产业", "行业")) else 0)
            items = [m for m in find_industry_terms(text, clause_start, cut) if closer.start() <= m.end <= cut][-1:]
        if items and not items[0].props.get("taxonomy"):
            # Read backwards, the first item may carry the words before the list ("支持城市试点稀有金属、…"):
            # a known industry that ends it is the item.
            ending = [m for m in find_industry_terms(text, items[0].start, items[0].end) if m.end == items[0].end]
            items[0:1] = ending[:1]
        known = [m for m in items if m.props.get("taxonomy")]
        if 2 * len(known) < len(items):  # a list the taxonomy mostly does not know: keep only what it knows
            items = known
        if len(known) >= 2 or (known and ("重点" in closer.group(0) or predicate)):
            strength = "key" if "重点" in closer.group(0) else "other"
            out.append(IndustryList(closer.group(0), strength, clause_start, clause_start, closer.end(), items, []))
    taken += out
    # "积极引入数字家庭、北斗导航…等新一代信息技术产业", "…聚酰亚胺等特种工程塑料品种": a list closed by a class of
    # products is one whatever verb (or none) opened its clause.
    position = text.find("等", start, end)
    while position >= 0:
        closing = product_class(text, position, end)
        if closing is not None and not any(f.start <= position <= f.end for f in taken):
            clause_start = _clause_start(text, start, position)
            first = _opening_words(text, clause_start, position)
            items = parse_items(text, first, closing.end)
            if len(items) >= 2:
                out.append(IndustryList("等", "other", clause_start, first, closing.end, items, []))
                taken.append(out[-1])
        position = text.find("等", position + 1, end)
    return out


# "加快净化设备、固废处理设备的研发生产", "实现车控操作系统、车载操作系统研发和产业化": the development is written
# as a noun after the list, at the clause's end; whatever verb opened the clause, the items are what is developed.
DEVELOPED_AFTER = re.compile(r"的?(?:系列化)?(?:研发[和及与]?(?:生产|制造|产业化)|研制生产|研制|产业化)(?=[，。；]|$)")


def _developed_lists(text: str, start: int, end: int, found: list[IndustryList]) -> list[IndustryList]:
    out: list[IndustryList] = []
    for closer in DEVELOPED_AFTER.finditer(text, start, end):
        clause_start = _clause_start(text, start, closer.start())
        if any(f.start < closer.end() and clause_start < f.end for f in found):
            continue
        if "的" in text[clause_start:closer.start()]:
            continue  # "…超深井、高压油等条件的石油装备的研发": the items qualify the noun after 的
        first = _opening_words(text, clause_start, closer.start())
        items = [m for m in parse_items(text, first, closer.start())
                 if m.props.get("taxonomy") or m.props.get("head")]
        if items:
            out.append(IndustryList(closer.group(0), "cultivate", clause_start, first, closer.end(), items, []))
    return out


def _clause_start(text: str, start: int, position: int) -> int:
    """Where the clause holding `position` begins (after a comma, full stop, colon, opening bracket or quote)."""
    return max([text.rfind(c, start, position) for c in "，。；：（“"] + [start - 1]) + 1


def _opening_words(text: str, start: int, end: int) -> int:
    """Where a list read backwards starts: after the verbs, adverbs and prepositions that open its clause
    ("积极引入数字家庭、…" starts at 数字家庭)."""
    first_item = text[start:end].split("、", 1)[0]
    position = start
    for word, flag in tags(first_item):
        if not (flag in ("v", "p", "c") or (flag in ("d", "ad") and len(word) >= 2)):
            break
        position += len(word)
    return position if position < start + len(first_item) else start


def places_at(text: str, places: list[Mention], position: int) -> list[Mention]:
    """The run of places (joined by 、/和/及/与) that starts right at `position`."""
    group: list[Mention] = []
    cursor = position
    for place in sorted(places, key=lambda m: m.start):
        if place.start < cursor:
            continue
        if group and place.start == cursor:
            group[-1] = place  # "成都天府新区", "陕西西咸新区": the place written right after another is the one meant
            cursor = place.end
        elif place.start == cursor or (group and text[cursor:place.start] in PLACE_JOINERS):
            group.append(place)
            cursor = place.end
        else:
            break
    return group


def _clause_end(text: str, start: int, end: int) -> int:
    return _first_outside_parentheses(CLAUSE_BREAKS, text, start, end)


def _first_outside_parentheses(pattern: re.Pattern, text: str, start: int, end: int) -> int:
    """Where `pattern` first matches in text[start:end] outside parentheses (a close without an open is
    ignored), else `end`. Most spans open no parenthesis before the first match, and then that match is the
    answer: one regex search instead of a match tried at every character."""
    found = pattern.search(text, start, end)
    stop = found.start() if found else end
    if text.find("（", start, stop) < 0 and text.find("(", start, stop) < 0:
        return stop
    depth = 0
    for index in range(start, end):
        ch = text[index]
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        elif depth == 0 and pattern.match(text, index, end):
            return index
    return end


NON_INDUSTRY_CLOSER = re.compile(r"等[^，。；、]{0,8}?(?:企业|公司|集团|单位|机构|平台|园区|基地|项目|高校|院所|城市|地区|区县|"
                                 r"部门|场景|案例|环节|工序|技术|模式|社会服务|民生服务|公共服务|政务服务|基础设施|金融产品)")
# "…等网络安全产品和服务": the class is named by what comes before its generic noun.
CLASS_TAIL = re.compile(r"(?:新?产品和新?服务|新?产品|新?服务|(?:新?业态|新?模式){1,2}|业务)$")
# "为中小企业提供技术指导、检验检测等服务": services offered to firms are support measures, not industries.
PROVIDING = re.compile(r"提供[^，。；]{0,12}$")
APPLICATIONS = re.compile(r"在[^，。；]{2,40}?(?:领域|方面|行业)的?(?:规模化|推广|示范|融合)?应用")
# "…等战略性新兴产业", "…等未来产业": a list closed by a class of industries that policies name as such.
CATEGORY = re.compile(rf"等(?:{COUNT}|若干)?(?P<name>(?:战略性新兴|未来|新兴|传统)产业)")
# "航空、稀有金属、光伏等重点行业": a list closed by a category noun, with no verb before it.
CLOSED_LIST = re.compile(rf"等(?:{COUNT}|若干)?(?:重点|优势|新兴|传统|特色|主导|支柱|战略性新兴|未来|关键|细分){{0,2}}"
                         r"(?:产业链|产业集群|产业|行业|领域|细分领域)")


CLASS_NOUNS = ("产品", "品种", "制品", "材料", "装备", "设备", "器件", "元器件", "终端", "软件", "系统", "芯片", "电池",
               "部件", "零部件", "模组", "模块", "组件", "整机", "服务", "业务", "业态", "制造模式", "新模式", "产业", "行业", "船舶",
               "纤维", "单体", "塑料", "药物", "药品", "器械", "仪器", "机器人")
# "等地…", "等企业…", "等单位…": what follows 等 is who or where, not a class of products.
NOT_A_CLASS_START = re.compile(r"(?:地|市|县|区|企业|单位|部门|机构|城市|地区|方面|环节|领域|场景|平台|园区|高校|"
                               r"社会|民生|公共|政务|基础设施|金融|信贷)")
CLASS_OPENERS = re.compile(rf"等(?:各类|相关|多种|一批|{COUNT})?")
NOT_A_CLASS = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:企业|公司|平台|项目|场景|应用|机构|主体|园区|基地)|"
                         r"的[\u4e00-\u9fff]{0,8}?(?:体系|机制|平台|中心|工程)")
GENERIC_TECHNOLOGY = ("关键技术", "核心技术", "共性技术")
# "…等共享制造新模式", "…等服务型制造模式", "…等金融新业态": a class of business formats is named by what is done
# (共享, 制造, 出行), so its verbs do not mean a clause goes on after the list.
BUSINESS_FORMATS = ("业态", "新模式", "制造模式")


@dataclass
class ProductClass:
    """"…等特种工程塑料品种": the class a list is closed by, with its span in the text searched."""

    name: str
    start: int
    end: int


def product_class(text: str, position: int, end: int) -> ProductClass | None:
    """The class of products, materials or services that closes a list at `position` (an 等), if there is one.

    The longest run after 等 that ends in a class noun (产品, 材料, 设备, 服务…) or an industry head word
    (…船舶, …单体, …芯片); none when the run goes on into firms, platforms, projects or scenes."""
    opener = CLASS_OPENERS.match(text, position, end)
    if opener is None:
        return None
    at = opener.end()
    run_end = at
    while run_end < end and run_end - at < 16 and text[run_end] not in "，。；、等的在（(：:\n":
        run_end += 1
    if NOT_A_CLASS_START.match(text, at, end):
        return None
    for stop in range(run_end, at + 1, -1):
        name = text[at:stop]
        if name.endswith(GENERIC_TECHNOLOGY) or not name.endswith(CLASS_NOUNS):
            continue
        # Either test refuses the class; the text after it is asked first, as it needs no jieba.
        if NOT_A_CLASS.match(text, stop, end):
            return None
        if not name.endswith(BUSINESS_FORMATS) and any(flag == "v" and word not in CLASS_NOUNS for word, flag in tags(name)):
            return None  # "等地布局建设无人机产业": a clause goes on after the list, no class closes it
        return ProductClass(name, at, stop)
    return None


SCENE_AFTER = re.compile(r"[^。；]{0,20}?(?:应用|场景|堵点|难点|痛点)")
# Words of a clause inside an open item ("企业积极引进新技术"): a name holds none of them.
CLAUSE_VERBS = re.compile(r"积极|加快|推动|推进|支持|鼓励|引进|落实|开展|实施|提升|促进|(?<=.)发展(?=.)")


# "以钛基稀有金属为主的先进金属材料": the items before 为主 and their head after 的.
MAIN_ITEMS = re.compile(r"以(.+?)为主的([^，。；、]+)")
COVERING = re.compile(r"(?:涵盖|覆盖|包括|包含|囊括)[^，。；]+的(?P<head>[^、的，。；]+)$")


def parse_items(text: str, start: int, end: int) -> list[Mention]:
    """The industries of one list span; empty when the span is not a list of industries."""
    span = text[start:end]
    cut = _list_stop(span)
    # "引导X、Y等重点企业": a list of firms, not industries — unless its items are industries themselves
    # ("推动白酒制造、农副食品加工等企业…"), which only the taxonomy or an industry head word can tell.
    closing = product_class(span, cut, len(span))
    firms_closer = closing is None and NON_INDUSTRY_CLOSER.match(span, cut) is not None
    opening = text[max(0, start - 12):start] + span.split("、", 1)[0]
    if APPLICATIONS.search(span) or PROVIDING.search(opening):  # "扩大蚕丝纤维在纺织、服装和家纺领域的应用": where a product is used
        return []
    category = CATEGORY.match(span, cut)
    # "研发…等新型储能产品", "突破…等关键技术": a list closed by a class of products, materials or technologies
    # is a list of them whatever words its items end in; the class is a fact too when it names an industry.
    span = span[:cut]
    # "打造涵盖制氢、储氢…和整车制造的延榆氢燃料电池汽车产业链集聚区": the list describes its head's parts;
    # the head after 的 is what is developed.
    covering = COVERING.match(span)
    if covering:
        at = start + covering.start("head")
        return [m for m in _item_mentions(covering.group("head"), at) if m.props.get("taxonomy")]
    # "以钛基稀有金属为主的先进金属材料": items before 为主, and the head after 的.
    head: tuple[str, int] | None = None
    full = text[start:end]
    main = MAIN_ITEMS.match(full)
    if main:
        span = main.group(1)
        head = (main.group(2), start + main.start(2))
        start = start + main.start(1)
    raw_items = _split_items(span, start)
    if not main and len(raw_items) >= 2 and "的" in raw_items[-1][0]:
        return []  # "开发绿色、健康、安全的粮油产品": the items are qualities of the noun after 的, not industries
    if head:
        raw_items.append(head)
    candidates: list[Mention] = []
    shared = _shared_head(raw_items)
    for item, offset in raw_items:
        if offset in shared:
            candidates.extend(_with_head(shared[offset], item, offset))
        else:
            candidates.extend(_item_mentions(item, offset))
    known = sum(1 for m in candidates if m.props.get("taxonomy"))
    accepted = []
    for mention in candidates:
        named = mention.props.get("taxonomy") or mention.props.get("head")
        if named or closing or (not firms_closer and known and 2 * known >= len(candidates)):
            accepted.append(mention)
    if closing and len(raw_items) >= 2 and accepted:
        name = closing.name
        bare = CLASS_TAIL.sub("", name)
        at = start + closing.start
        accepted += [m for m in _item_mentions(bare if len(bare) >= 2 else name, at)
                     if m.props.get("taxonomy") or m.props.get("head")]
    if firms_closer and len(accepted) < len(candidates):
        return []
    class_name = category.group("name") if category else ""
    # "新一代信息技术、新材料等战略性新兴产业": the class is targeted too (once: a class of products may have read it)
    if category and accepted and all(m.key != industry_id(class_name) for m in accepted):
        at = start + category.start("name")
        accepted.append(Mention("Industry", at, at + len(class_name), class_name, industry_id(class_name), class_name,
                                {"head": True}))
    return accepted


# A later item of a list whose items share its first item's head: two characters, or two joined to two.
SHORT_ITEMS = re.compile(r"[\u4e00-\u9fff]{2}(?:(?:以及|和|及|与)[\u4e00-\u9fff]{2})?")


def _shared_head(raw_items: list[tuple[str, int]]) -> dict[int, str]:
    """"数据采集、存储、分析", "芯片设计、封装、测试": two-character items written after a first item of a head
    and two characters say what is done with that head, so each is that head's (数据存储, 芯片封装). The head is
    an industry (the taxonomy's, or one with an industry head word); every later item is two characters (the last
    may join two: 安全以及灾备). Returns the head by each later item's offset."""
    if len(raw_items) < 2:
        return {}
    core = raw_items[0][0].strip()
    lead = LEADING_WORDS.match(core)
    core = core[lead.end():] if lead and lead.end() < len(core) else core
    head = core[:-2]
    if len(head) < 2 or not (lookup(head) is not None or head.endswith(HEAD_WORDS)) \
            or tags(core[-2:])[-1][1] not in ("v", "vn"):
        return {}  # the first item's last word says what is done (采集, 设计), not what is made
    later = [item.strip() for item, _ in raw_items[1:]]
    if not all(len(item) == 2 for item in later[:-1]) or not SHORT_ITEMS.fullmatch(later[-1]):
        return {}
    parts = [part for item in later for part in (item[:2], item[-2:])]
    if any(lookup(part) is not None or (part.endswith(HEAD_WORDS) and tags(part)[-1][1] == "n") for part in parts):
        return {}  # "汽车制造、电子、纺织": sectors of their own, not steps of the first item's head
    return {offset: head for _, offset in raw_items[1:]}


def _with_head(head: str, item: str, offset: int) -> list[Mention]:
    """The industries of a two-character item that shares the list's head (存储 → 数据存储), each at its own
    span; "安全以及灾备" is two of them."""
    stripped = item.strip()
    at = offset + len(item) - len(item.lstrip())
    parts = [(stripped[:2], at)] + ([(stripped[-2:], at + len(stripped) - 2)] if len(stripped) > 2 else [])
    out = []
    for part, start in parts:
        name = head + part
        entry = lookup(name)
        out.append(Mention("Industry", start, start + 2, part, entry.id if entry else industry_id(name),
                           entry.name if entry else name, {"taxonomy": True} if entry else {"head": True}))
    return out


def _list_stop(span: str) -> int:
    return _first_outside_parentheses(LIST_STOP, span, 0, len(span))


def _split_items(span: str, offset: int) -> list[tuple[str, int]]:
    """Split on 、 outside parentheses, and between quoted names written side by side ("“直播+”“云展会”等新业态");
    keep each item's offset."""
    items: list[tuple[str, int]] = []
    depth, begin = 0, 0
    if "（" not in span and "(" not in span:  # no parenthesis opens (most lists): every 、 splits
        for item in span.split("、"):
            items += _quoted_side_by_side(item, offset + begin)
            begin += len(item) + 1
        return [(item, at) for item, at in items if item.strip()]
    for index, ch in enumerate(span + "、"):
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        elif ch == "、" and depth == 0:
            items += _quoted_side_by_side(span[begin:index], offset + begin)
            begin = index + 1
    return [(item, at) for item, at in items if item.strip()]


def _quoted_side_by_side(item: str, offset: int) -> list[tuple[str, int]]:
    """"“网订店取”“网订店送”": quoted names that touch are items of the list, as if 、 stood between them."""
    if "”“" not in item:
        return [(item, offset)]
    parts, begin = [], 0
    for index in [i + 1 for i in range(len(item) - 1) if item.startswith("”“", i)] + [len(item)]:
        parts.append((item[begin:index], offset + begin))
        begin = index
    return parts


def _item_mentions(item: str, offset: int) -> list[Mention]:
    """One list item → its industry mention(s), new objects at `offset`: callers annotate them."""
    return [Mention(m.label, offset + m.start, offset + m.end, m.surface, m.key, m.name, dict(m.props))
            for m in _item_reading(item)]


@lru_cache(maxsize=65536)
def _item_reading(item: str) -> tuple[Mention, ...]:
    """An item's mentions at offset 0. Kept per item: a document's lists repeat their items (the same
    industries in its goals, tasks and measures), and the reading depends on the item's words alone."""
    return tuple(_read_item(item, 0))


def _read_item(item: str, offset: int) -> list[Mention]:
    """One list item → its industry mention(s): parent and parenthesised children, or "A和B" split."""
    paren = PARENTHESISED.match(item)
    # "新能源（风电、光伏等）产业": a class word after the parenthesis still closes the item.
    if paren and not TRAILING_WORDS.sub("", paren.group(3).strip()):
        parent = _item_mentions(paren.group(1), offset)
        inner_offset = offset + paren.start(2)
        inner = paren.group(2)
        inner = inner[: _list_stop(inner)]
        children = [m for child, at in _split_items(inner, inner_offset) for m in _item_mentions(child, at)]
        for child in children:
            child.props["parent_surface"] = parent[0].name if parent else None
        return parent + children
    cleaned, at = _clean(item, offset)
    if not cleaned:
        return []
    entry = lookup(cleaned)
    if entry is None:
        # "纺织和新兴产业": split the item as written, so each part keeps its own suffix.
        whole = item.strip()
        for joiner in ("以及", "和", "及", "与"):
            left, found, right = whole.partition(joiner)
            if found and len(left) >= 2 and len(right) >= 2 and (
                    lookup(left) or lookup(_clean(right, 0)[0])
                    or (left.endswith(HEAD_WORDS)
                        and PRODUCT_TAIL.sub("", TRAILING_WORDS.sub("", right)).endswith(HEAD_WORDS))):
                start = offset + len(item) - len(item.lstrip())
                return _item_mentions(left, start) + _item_mentions(right, start + len(left) + len(joiner))
    if entry is None:
        parts = _concatenated_terms(cleaned, at)
        if parts:
            return parts  # "新材料新能源": two industries written together
    if entry is None and PLATFORM_OR_PROJECT.search(cleaned):
        return []  # "油气管道综合管理平台": a platform or a project, whatever industry word it holds
    if entry is None and (CLAUSE_PARTICLES.search(cleaned) or len(cleaned) > MAX_ITEM or NOT_INDUSTRY.search(cleaned)
                          or CLAUSE_VERBS.search(cleaned)):
        # "产能的先进制造业企业有10户": an industry that qualifies firms counts firms, it is not developed
        return [m for m in find_industry_terms(cleaned, 0, len(cleaned), at)
                if not cleaned.startswith("企业", m.end - at)]
    return [m for m in [_mention(cleaned, at, entry)] if m is not None]


def _concatenated_terms(phrase: str, offset: int) -> list[Mention]:
    """Taxonomy terms that exactly tile the phrase, when there are two or more of them.

    The terms are some of the phrase's non-overlapping matcher hits, so unless those hits alone tile it the
    terms cannot: most items are settled by that count, before any short term's word boundaries (jieba)."""
    hits = find_in(industry_matcher(), phrase)
    if len(hits) < 2 or sum(len(hit.surface) for hit in hits) != len(phrase):
        return []
    terms = find_industry_terms(phrase, 0, len(phrase), offset)
    covered = sum(m.end - m.start for m in terms)
    if len(terms) >= 2 and covered == len(phrase):
        return terms
    return []


PARENTHESISED = re.compile(r"^(.*?)[（(](.+)[）)]([^（）()]*)$")  # parent（children）and what closes it
NOT_IN_A_NAME = re.compile(r"[0-9%，。“”\"]")  # digits, percentages, clause punctuation, quotes
PLATFORM_OR_PROJECT = re.compile(r"(?:平台|中心|项目|工程)$")
QUOTED_QUALIFIER = re.compile(r"^“[^”]{1,10}”(.+)$")


def _clean(item: str, offset: int) -> tuple[str, int]:
    stripped = item.strip()
    offset += len(item) - len(item.lstrip())
    lead = LEADING_WORDS.match(stripped)
    # "传统产业转型升级": a leading word that opens a taxonomy term (传统产业, a class of its own) is part of the name
    if lead and lead.end() < len(stripped) \
            and not any(hit.start == 0 and hit.end > lead.end() for hit in find_in(industry_matcher(), stripped)):
        offset += lead.end()
        stripped = stripped[lead.end():]
    quoted = QUOTED_QUALIFIER.match(stripped)
    if quoted and lookup(TRAILING_WORDS.sub("", quoted.group(1))) is not None:
        offset += quoted.start(1)  # "“西汉蓉”航空产业带": a quoted name qualifies the industry after it
        stripped = quoted.group(1)
    stripped = _without_verb_tail(stripped)
    bare = TRAILING_WORDS.sub("", stripped)
    # "新兴产业" stays whole: a two-character remainder outside the taxonomy ("新兴") is no industry by itself.
    if len(bare) >= 3 or (len(bare) == 2 and lookup(bare) is not None):
        stripped = bare
    opened = stripped.lstrip("“”\"《》 ")
    return opened.rstrip("“”\"《》 "), offset + len(stripped) - len(opened)


def _without_verb_tail(item: str) -> str:
    """"钢铁延链升级", "核材料扩能提级": a four-character verb phrase after an industry says what to do with it."""
    if len(item) < 6 or lookup(item) is not None:
        return item
    head, tail = item[:-4], item[-4:]
    if tail.endswith(HEAD_WORDS) or not (head.endswith(HEAD_WORDS) or lookup(head) is not None):
        return item  # "北斗导航模组" ends in a noun: the verb inside it is part of the name
    tail_tags = tags(tail)
    return head if tail_tags and tail_tags[-1][1].startswith("v") else item


def _mention(phrase: str, offset: int, entry) -> Mention | None:
    if entry is not None:
        return Mention("Industry", offset, offset + len(phrase), phrase, entry.id, entry.name, {"taxonomy": True})
    if not (2 <= len(phrase) <= MAX_ITEM) or NOT_IN_A_NAME.search(phrase) or NOT_INDUSTRY.search(phrase) \
            or phrase.count("（") + phrase.count("(") != phrase.count("）") + phrase.count(")"):
        return None
    possible = opening_flags(phrase)
    opening = first_tag(phrase) if possible is None or possible & CLAUSE_OPENING_FLAGS else ""
    if opening in CLAUSE_OPENING_FLAGS and not (opening in ("v", "m") and PRODUCT_TAIL.sub("", phrase).endswith(HEAD_WORDS)):
        # "涵盖制氢", "和引进一批…": a verb or conjunction opens a clause, not a name; a verb or a numeral before a
        # product's head word is part of its name (共享经济, 三元材料, 六氟磷酸锂电解液)
        return None
    name = strip_suffix(phrase)
    if len(name) <= 2 and name != phrase and lookup(name) is None:
        name = phrase  # "新兴产业" is the industry; "新兴" alone is an adjective
    return Mention("Industry", offset, offset + len(phrase), phrase, industry_id(name), name,
                   {"head": PRODUCT_TAIL.sub("", name).endswith(HEAD_WORDS)})
