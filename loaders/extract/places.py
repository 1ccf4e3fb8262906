"""Place mentions, resolved to one division each by the document's province.

A surface form may stand for several places (长安区 is in 西安 and in 石家庄); the candidate in the
document's province wins, then the higher-level place. Short forms that are also common words
(`data/place_common_words.txt`) are never matched alone.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from importlib import resources

from loaders.extract import Mention
from loaders.gazetteers import DATA_PACKAGE, Entry
from loaders.gazetteers.places import load_places, place_matcher, province_of

LEVEL_RANK = {"province": 0, "area": 1, "new_area": 1, "city": 2, "zone": 2, "new_town": 3, "district": 3, "county": 3}


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    text = resources.files(DATA_PACKAGE).joinpath("data", "place_common_words.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def choose(candidates: tuple[str, ...], province: str | None) -> Entry:
    places = load_places()
    entries = [places[c] for c in candidates]

    def rank(entry: Entry) -> tuple:
        in_province = province is not None and province_of(entry) == province
        return (0 if in_province else 1, LEVEL_RANK.get(entry.props.get("level"), 4), entry.id)

    return min(entries, key=rank)


def find_places(text: str, province: str | None, start: int = 0, end: int | None = None) -> list[Mention]:
    """Place mentions in text[start:end] (offsets into the whole text)."""
    window = text[start:end] if (start or end is not None) else text
    stop = common_words()
    mentions = []
    for hit in place_matcher().find(window, stop):
        entry = choose(hit.values, province)
        mentions.append(
            Mention("City", start + hit.start, start + hit.end, hit.surface, entry.id, entry.name,
                    {"level": entry.props.get("level")})
        )
    return mentions


def guess_province(text: str) -> str | None:
    """The province most places of the text belong to (unambiguous mentions only)."""
    places = load_places()
    counts: Counter[str] = Counter()
    for hit in place_matcher().find(text, common_words()):
        if len(hit.values) == 1:
            province = province_of(places[hit.values[0]])
            if province:
                counts[province] += 1
    return counts.most_common(1)[0][0] if counts else None
