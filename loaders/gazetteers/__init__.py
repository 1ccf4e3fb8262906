"""Gazetteers: the data files of places, industries and parks, and one matcher over all their surface forms.

The files under `data/` name general facts (China's divisions, the national industry classifications,
known development zones, company and agency abbreviations), never anything about one document.
"""

from __future__ import annotations

from dataclasses import dataclass, field

DATA_PACKAGE = "loaders.gazetteers"


@dataclass
class Entry:
    """One canonical entity a gazetteer knows: a place, an industry or a park."""

    label: str
    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    name_en: str | None = None
    parent: str | None = None  # id of the parent entry (province of a city, sector of a segment, …)
    props: dict = field(default_factory=dict)


def split_list(cell: str | None) -> list[str]:
    """`|`-separated cells of the data files."""
    return [part.strip() for part in (cell or "").split("|") if part.strip()]
