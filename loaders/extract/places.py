"""Place mentions, resolved to one division each by the document's province.

A surface form may stand for several places (长安区 is in 西安 and in 石家庄); the candidate in the
document's province wins, then the higher-level place. Short forms that are also common words
(`data/place_common_words.txt`) are never matched alone.

A document also names its own jurisdiction without its name: 我省/全省/本省 in a provincial plan, 我市/全市/本市
in a city's, 我区/全区 in a district's or a new area's, 我县/全县 in a county's. "全省重点发展…" gives the
province the industries as surely as "陕西重点发展…" does, so with `own=` the jurisdiction is found there too.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from importlib import resources

from loaders.extract import Mention
from loaders.gazetteers import DATA_PACKAGE, Entry
from loaders.gazetteers.places import load_places, place_matcher, province_of
from loaders.gazetteers.scan import find_in

LEVEL_RANK = {"province": 0, "area": 1, "new_area": 1, "city": 2, "zone": 2, "new_town": 3, "district": 3, "county": 3}


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    text = resources.files(DATA_PACKAGE).joinpath("data", "place_common_words.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def choose(candidates: tuple[str, ...], province: str | None) -> Entry:
    places = load_places()
    if len(candidates) == 1:  # most surface forms name one place: nothing to rank
        return places[candidates[0]]
    entries = [places[c] for c in candidates]

    def rank(entry: Entry) -> tuple:
        in_province = province is not None and province_of(entry) == province
        return (0 if in_province else 1, LEVEL_RANK.get(entry.props.get("level"), 4), entry.id)

    return min(entries, key=rank)


# 我/全/本 + the kind of division, written by the last character of the jurisdiction's name. Not inside
# words: 安全区, 完全市场化, 健全省级…, 自我; not 全市场, 本区域, 全省份, 全区块链.
# Written to open with 我/全/本 (the lookbehind reads it too), so the regex engine skips to those characters.
OWN_PLACE = re.compile(r"[我全本](?<![安完健齐周保顾十成两双自][我全本])(?P<kind>[省市区县州旗])(?![场域块份界])")


def find_places(text: str, province: str | None, start: int = 0, end: int | None = None,
                own: Mention | None = None) -> list[Mention]:
    """Place mentions in text[start:end] (offsets into the whole text), in reading order.

    With `own` (the document's jurisdiction), 全省/我市/本区… are mentions of it too (`own_places`).
    """
    mentions = []
    for hit in find_in(place_matcher(), text, start, end, common_words()):
        entry = choose(hit.values, province)
        mentions.append(
            Mention("City", hit.start, hit.end, hit.surface, entry.id, entry.name,
                    {"level": entry.props.get("level")})
        )
    if own is not None:
        named = [(m.start, m.end) for m in mentions]
        mentions.extend(m for m in own_places(text, own, start, len(text) if end is None else end)
                        if not any(a < m.end and m.start < b for a, b in named))
        mentions.sort(key=lambda m: m.start)
    return mentions


def own_places(text: str, jurisdiction: Mention, start: int, end: int) -> list[Mention]:
    """全省/我市/本区… in text[start:end] that name `jurisdiction`: the word's kind must be the last character
    of the jurisdiction's name (全市 in a provincial plan means some city, not the province).

    The mention spans the words as written but keeps the jurisdiction's own surface, so the place node
    never takes 全省 as one of its names.
    """
    kind = jurisdiction.name[-1:]
    return [Mention("City", m.start(), m.end(), jurisdiction.surface, jurisdiction.key, jurisdiction.name,
                    {**jurisdiction.props, "own": m.group(0)})
            for m in OWN_PLACE.finditer(text, start, end) if m.group("kind") == kind]


def guess_province(text: str) -> str | None:
    """The province most places of the text belong to (unambiguous mentions only)."""
    places = load_places()
    counts: Counter[str] = Counter()
    for hit in find_in(place_matcher(), text, skip=common_words()):
        if len(hit.values) == 1:
            province = province_of(places[hit.values[0]])
            if province:
                counts[province] += 1
    return counts.most_common(1)[0][0] if counts else None
