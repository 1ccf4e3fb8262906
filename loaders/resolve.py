"""Mentions → canonical nodes: deterministic ids, display names, aliases, and the gazetteer hierarchy.

A mention resolved by a gazetteer becomes that entry's node (西安 → 西安市, adcode 610100, with 陕西省 above
it); an industry phrase outside the taxonomy becomes its own node, named as written, so nothing a document
says is lost. The hierarchy edges a gazetteer knows (PART_OF, SUBSECTOR_OF) come along with no document:
they are facts of the gazetteer, not of the text.

An Industry node whose name is a class of a national classification (the lexicon) carries that class's
`code` and, where known, its English name; once a document's facts are all in, `link_lexicon_hierarchy`
joins such a node to the nearest broader class that is also a node of the document.
"""

from __future__ import annotations

from functools import lru_cache

from graph.model import Edge, FactBatch, Node
from loaders.extract import Mention
from loaders.gazetteers import Entry
from loaders.gazetteers.industries import load_industries, lookup, strip_suffix
from loaders.gazetteers.lexicon import LexiconEntry, ancestors, lexicon_lookup, load_lexicon
from loaders.gazetteers.places import load_places

GAZETTEER_EVIDENCE = {"City": "gazetteer: China's administrative divisions (cpca) and places_extra.csv",
                      "Industry": "gazetteer: industries.csv (national classifications)"}
OPEN_PHRASE_EVIDENCE = "taxonomy: the industry term the phrase ends with, or the one it was listed under"
LEXICON_EVIDENCE = "gazetteer: industry_lexicon.csv (GB/T 4754-2017, 战略性新兴产业分类2018, 数字经济分类2021)"


def entry_node(entry: Entry) -> Node:
    props = {k: v for k, v in entry.props.items() if k not in ("members", "city")}
    return Node(entry.label, entry.id, entry.name, list(entry.aliases), entry.name_en, props)


def _add_entry(batch: FactBatch, entry: Entry) -> Node:
    """The batch's node of a gazetteer entry, added if new.

    Every mention of a place or an industry adds its whole chain of parents again, tens of thousands of
    times a document. The node of an entry is only ever made from that entry and merging only adds, so
    folding the entry into its node again would change nothing: it is not built to be folded in."""
    node = batch.nodes.get(entry.id)
    return node if node is not None else batch.add_node(entry_node(entry))


def add_place(batch: FactBatch, entry_id: str, surface: str | None = None) -> Node:
    """The place node, with its chain of parents and the areas it belongs to (PART_OF)."""
    places = load_places()
    entry = places[entry_id]
    node = _add_entry(batch, entry)
    if surface and surface != node.name and surface not in node.aliases:
        node.aliases.append(surface)
    child = entry
    while child.parent and child.parent in places:
        parent = places[child.parent]
        _add_entry(batch, parent)
        _hierarchy_edge(batch, "PART_OF", child, parent)
        child = parent
    for area in _areas_of(entry.id):
        _add_entry(batch, area)
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
        broader = _broader_term(mention)
        if broader is not None and broader.id != node.id:
            add_industry(batch, Mention("Industry", mention.start, mention.end, broader.name, broader.id, broader.name,
                                        {"taxonomy": True}))
            batch.add_edge(Edge("SUBSECTOR_OF", node.id, broader.id, "Industry", "Industry",
                                {"doc": None, "evidence": OPEN_PHRASE_EVIDENCE, "start": None, "end": None}))
    elif entry.id in batch.nodes:
        # A taxonomy node enters the batch only here or as a parent in the walk below, and either way its whole
        # chain of parents and their edges entered with it: walking it again for every mention adds nothing.
        node = batch.nodes[entry.id]
    else:
        node = _add_entry(batch, entry)
        child = entry
        while child.parent and child.parent in taxonomy:
            parent = taxonomy[child.parent]
            _add_entry(batch, parent)
            _hierarchy_edge(batch, "SUBSECTOR_OF", child, parent)
            child = parent
    _label_from_lexicon(node)
    surface = mention.surface
    # "航空航天产业" adds nothing to 航空航天装备's names but would swallow 航天产业 in name containment.
    if strip_suffix(surface) not in (node.name, *node.aliases) and surface not in node.aliases:
        node.aliases.append(surface)
    return node


def _broader_term(mention: Mention) -> Entry | None:
    """The taxonomy industry an open phrase is a kind of: the parent it was listed under ("新材料（超导…）"), else
    the longest taxonomy term it ends with (行业大模型 → 大模型, 车规级芯片 → 芯片). Distinct phrases stay distinct
    nodes; the edge says how they relate."""
    parent = mention.props.get("parent_surface")
    if parent:
        entry = lookup(parent)
        if entry is not None:
            return entry
    name = mention.name
    for start in range(1, len(name) - 1):
        entry = lookup(name[start:])
        if entry is not None:
            return entry
    return None


def _label_from_lexicon(node: Node) -> None:
    """The national class a node's name denotes: its code (unless the taxonomy gave one) and English name."""
    entry = lexicon_lookup(node.name)
    if entry is None:
        return
    if not node.props.get("code"):
        node.props["code"] = entry.node_code
    if not node.name_en and entry.name_en:
        node.name_en = entry.name_en


def _lexicon_entry(node: Node) -> LexiconEntry | None:
    """The lexicon class of an Industry node: the one its code names, else the one its name denotes."""
    scheme, _, code = (node.props.get("code") or "").partition(":")
    return load_lexicon().get((scheme, code)) or lexicon_lookup(node.name)


def link_lexicon_hierarchy(batch: FactBatch) -> None:
    """SUBSECTOR_OF from each classified industry to the nearest broader class that is a node of the batch.

    Only nodes the taxonomy does not already place (a phrase as written, or a taxonomy root) are linked, so the
    taxonomy's own hierarchy is never contradicted; classes absent from the batch are not added, so the
    lexicon never fills the graph with classes no document names.
    """
    taxonomy = load_industries()
    classified = [(node, entry) for node in batch.nodes.values() if node.label == "Industry"
                  for entry in [_lexicon_entry(node)] if entry is not None]
    present = {}
    for node, entry in classified:
        present.setdefault((entry.scheme, entry.code), node)
    for node, entry in classified:
        if node.id in taxonomy and taxonomy[node.id].parent:
            continue
        for broader in ancestors(entry):
            parent = present.get((broader.scheme, broader.code))
            if parent is not None and parent.id != node.id:
                batch.add_edge(Edge("SUBSECTOR_OF", node.id, parent.id, "Industry", "Industry",
                                    {"doc": None, "evidence": LEXICON_EVIDENCE, "start": None, "end": None}))
                break


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
    if (child.id, kind, parent.id, None) in batch.edges:
        return  # a gazetteer's edge is the same every time: adding it again would keep the first
    batch.add_edge(Edge(kind, child.id, parent.id, child.label, parent.label,
                        {"doc": None, "evidence": GAZETTEER_EVIDENCE[child.label], "start": None, "end": None}))
