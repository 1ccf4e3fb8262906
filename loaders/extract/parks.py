"""Park mentions: development zones, industrial parks, bases and new towns, by name pattern and gazetteer.

A park name is a run of Chinese characters ending in a zone suffix (…高新技术产业开发区, …工业园区, …基地).
Its left edge is where a place name starts (宝鸡高新技术产业开发区) or just after the verb that introduces
it (依托…, 支持…, 建设…). Bare abbreviations (高新区, 经开区) name the zone of the place in scope, which the
caller passes as `scope_place`.
"""

from __future__ import annotations

import re

from loaders.extract import Mention
from loaders.gazetteers.parks import expand_abbreviation, load_parks, park_id, park_kind, park_matcher

SUFFIX = (
    r"(?:高新技术产业开发区|经济技术开发区|高新技术开发区|经济开发区|产业开发区|开发区|高新区|经开区|"
    r"工业园区|产业园区|工业园|产业园|科技园|物流园|园区|产业基地|生产基地|示范基地|研发基地|基地|"
    r"新城|新区|示范区|集聚区|功能区|综合保税区|保税区|自贸区|自由贸易试验区|产业城|健康城|科技城|智造城)"
)
PARK_PATTERN = re.compile(rf"[\u4e00-\u9fffA-Za-z0-9“”]{{0,16}}?{SUFFIX}")
# Words that introduce a park and never belong to its name.
LEAD_WORDS = re.compile(
    r".*(?:依托|支持|建设|打造|推动|加快|围绕|依靠|引进|入驻|落户|位于|其中|包括|重点|加强|提升|发挥|形成|新建|建成|"
    r"创建|申报|争创|培育|壮大|布局|聚焦|推进|鼓励|引导|实施|开展|完善|优化|规划|组建|设立|签约|聚集|集聚|依据|"
    r"以|在|和|与|及|等|的|为|由|向|到|将|把|对|从|是|有|了|着|一批|若干|各|全|按照|同时|结合)"
)
GENERIC_PREFIXES = {
    "", "重点", "重点产业", "国家级", "省级", "国家", "各类", "相关", "特色", "专业化", "产业", "现代", "一批", "若干",
    "该", "本", "各", "全", "工业", "高新", "综合", "示范", "研发", "生产", "功能", "集聚", "创新", "科技", "物流",
    "新", "市级", "县域", "县级", "省", "市", "区", "园", "产业化", "产业集聚", "先进制造业", "制造业", "主要",
    "承载", "新型", "国家级新", "核心", "产业发展", "标准化", "智能", "公共", "农业", "实训", "培训", "教育",
}
BARE_ABBREVIATIONS = {"高新区", "经开区"}


def find_parks(text: str, start: int, end: int, scope_place: str | None = None) -> list[Mention]:
    """Park mentions in text[start:end]; `scope_place` (a short place name) completes bare 高新区/经开区."""
    window = text[start:end]
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []
    gazetteer = load_parks()
    for hit in park_matcher().find(window):
        entry = gazetteer[hit.values[0]]
        mentions.append(Mention("Park", start + hit.start, start + hit.end, hit.surface, entry.id, entry.name,
                                {"kind": entry.props["kind"], "tier": entry.props.get("tier"),
                                 "city": entry.props.get("city")}))
        taken.append((hit.start, hit.end))
    for match in PARK_PATTERN.finditer(window):
        s, e = match.start(), match.end()
        name = match.group(0)
        lead = LEAD_WORDS.match(name[: -len(_suffix(name))]) if len(name) > len(_suffix(name)) else None
        if lead:
            s += lead.end()
            name = window[s:e]
        name = name.strip("“”")
        if any(a < e and s < b for a, b in taken):
            continue
        suffix = _suffix(name)
        prefix = name[: -len(suffix)]
        if name in BARE_ABBREVIATIONS and scope_place:
            canonical = expand_abbreviation(scope_place + name)
        elif prefix in GENERIC_PREFIXES or len(prefix) < 2:
            continue
        else:
            canonical = expand_abbreviation(name)
        key = park_id(canonical)
        known = gazetteer.get(key)
        mentions.append(Mention("Park", start + s, start + e, name, key, known.name if known else canonical,
                                {"kind": park_kind(canonical), "tier": known.props.get("tier") if known else None,
                                 "city": known.props.get("city") if known else None}))
        taken.append((s, e))
    return sorted(mentions, key=lambda m: m.start)


def _suffix(name: str) -> str:
    match = re.search(rf"{SUFFIX}$", name)
    return match.group(0) if match else ""
