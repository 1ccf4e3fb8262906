"""Mentions → canonical nodes: deterministic ids, display names, aliases, and the gazetteer hierarchy.

A mention resolved by a gazetteer becomes that entry's node (西安 → 西安市, adcode 610100, with 陕西省 above
it); an industry phrase outside the taxonomy becomes its own node, named as written, so nothing a document
says is lost. The hierarchy edges a gazetteer knows (PART_OF, SUBSECTOR_OF) come along with no document:
they are facts of the gazetteer, not of the text.
"""

from __future__ import annotations

from functools import lru_cache

from graph.model import Edge, FactBatch, Node
from loaders.extract import Mention
from loaders.gazetteers import Entry
from loaders.gazetteers.industries import load_industries, strip_suffix
from loaders.gazetteers.places import load_places

GAZETTEER_EVIDENCE = {"City": "gazetteer: China's administrative divisions (cpca) and places_extra.csv",
                      "Industry": "gazetteer: industries.csv (national classifications)"}


def entry_node(entry: Entry) -> Node:
    props = {k: v for k, v in entry.props.items() if k not in ("members", "city")}
    return Node(entry.label, entry.id, entry.name, list(entry.aliases), entry.name_en, props)


def add_place(batch: FactBatch, entry_id: str, surface: str | None = None) -> Node:
    """The place node, with its chain of parents and the areas it belongs to (PART_OF)."""
    places = load_places()
    entry = places[entry_id]
    node = batch.add_node(entry_node(entry))
    if surface and surface != node.name and surface not in node.aliases:
        node.aliases.append(surface)
    child = entry
    while child.parent and child.parent in places:
        parent = places[child.parent]
        batch.add_node(entry_node(parent))
        _hierarchy_edge(batch, "PART_OF", child, parent)
        child = parent
    for area in _areas_of(entry.id):
        batch.add_node(entry_node(area))
        _hierarchy_edge(batch, "PART_OF", entry, area)
    return node


def _areas_of(place_id: str) -> list[Entry]:
    return _area_index().get(place_id, [])


@lru_cache(maxsize=1)
def _area_index() -> dict[str, list[Entry]]:
    """Member place id → the macro areas (关中, 长三角…) it belongs to."""
    index: dict[str, list[Entry]] = {}
    for entry in load_places().values():
        for member in entry.props.get("members", []):
            index.setdefault(member, []).append(entry)
    return index


def add_industry(batch: FactBatch, mention: Mention) -> Node:
    taxonomy = load_industries()
    entry = taxonomy.get(mention.key)
    if entry is None:
        node = batch.add_node(Node("Industry", mention.key, mention.name, [], None, {"level": "segment"}))
    else:
        node = batch.add_node(entry_node(entry))
        child = entry
        while child.parent and child.parent in taxonomy:
            parent = taxonomy[child.parent]
            batch.add_node(entry_node(parent))
            _hierarchy_edge(batch, "SUBSECTOR_OF", child, parent)
            child = parent
    surface = mention.surface
    # "航空航天产业" adds nothing to 航空航天装备's names but would swallow 航天产业 in name containment.
    if strip_suffix(surface) not in (node.name, *node.aliases) and surface not in node.aliases:
        node.aliases.append(surface)
    return node


def add_park(batch: FactBatch, mention: Mention) -> Node:
    props = {"kind": mention.props.get("kind"), "tier": mention.props.get("tier")}
    aliases = [mention.surface] if mention.surface != mention.name else []
    return batch.add_node(Node("Park", mention.key, mention.name, aliases, None, props))


def add_mention(batch: FactBatch, mention: Mention) -> Node:
    if mention.label == "City":
        return add_place(batch, mention.key, mention.surface)
    if mention.label == "Industry":
        return add_industry(batch, mention)
    if mention.label == "Park":
        return add_park(batch, mention)
    raise ValueError(f"no resolver for {mention.label}")


def _hierarchy_edge(batch: FactBatch, kind: str, child: Entry, parent: Entry) -> None:
    batch.add_edge(Edge(kind, child.id, parent.id, child.label, parent.label,
                        {"doc": None, "evidence": GAZETTEER_EVIDENCE[child.label], "start": None, "end": None}))
