"""The analysis graph without evidence sentences (graph/analysis/load.py) and the API's per-generation cache
(app/api/routes/analysis.py): what loads without text, what add_text brings back, cluster links identical
either way, and results computed once per graph generation."""

from __future__ import annotations

import httpx
import pytest

from app.api.routes import analysis as route
from graph.analysis.cluster import cluster_links
from graph.analysis.communities import communities
from graph.analysis.cotargeting import cotargeting
from graph.analysis.load import TEXT_ATTRS, add_text, load_graph
from graph.stores import open_store

AM = "industry:增材制造"


@pytest.fixture(scope="module")
def store(corpus_db):
    opened = open_store(corpus_db, read_only=True)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def with_text(store):
    return load_graph(store, text=True)


def _edges(graph):
    return {(s, t, k): d for s, t, k, d in graph.edges(keys=True, data=True)}


def test_the_graph_loads_without_sentences_unless_asked(store, with_text):
    bare = load_graph(store)
    assert list(bare.nodes(data=True)) == list(with_text.nodes(data=True))
    full, lean = _edges(with_text), _edges(bare)
    assert full.keys() == lean.keys()
    assert sum(1 for d in full.values() if d.get("evidence")) > 1000
    assert not any(a in d for d in lean.values() for a in TEXT_ATTRS)
    # everything else an edge carries is the same
    assert all({k: v for k, v in full[e].items() if k not in TEXT_ATTRS} == lean[e] for e in full)


def test_add_text_gives_the_edges_into_the_nodes_their_sentences_and_nothing_else(store, with_text):
    bare = load_graph(store)
    trail: list[dict] = []
    add_text(store, bare, [AM, "city:610700"], trail=trail)
    full, lean = _edges(with_text), _edges(bare)
    into = {e for e in full if e[1] in (AM, "city:610700")}
    assert into and all(lean[e] == full[e] for e in into)
    assert not any(a in lean[e] for e in full.keys() - into for a in TEXT_ATTRS)
    assert trail and trail[0]["name"] == "analysis_edges" and trail[0]["params"]["into"] == ["city:610700", AM]
    assert trail[0]["params"]["text"] is True


@pytest.mark.parametrize("evidence", ["weighted", "plans"])
def test_cluster_links_read_the_same_sentences_from_a_graph_loaded_without(store, with_text, evidence):
    comms = communities(cotargeting(with_text, evidence=evidence))
    bare = load_graph(store)
    for selection in ({"industry": AM}, {"community": 0}, {"community": len(comms.communities) - 1}):
        expected = cluster_links(with_text, comms, **selection).to_dict()
        without = cluster_links(bare, comms, **selection).to_dict()
        assert without != expected  # the sentences are missing unless read
        asked: list[set[str]] = []

        def read(nodes: set[str], asked: list[set[str]] = asked) -> None:
            asked.append(nodes)
            add_text(store, bare, nodes)

        got = cluster_links(bare, comms, **selection, text=read).to_dict()
        assert got == expected and asked
        if "industry" in selection:
            sentences = [e["sentence"] for p in got["parks"] for e in p["evidence"]]
            assert sentences and all(sentences)


class _Store:
    """A stand-in store whose counts can change (a new graph generation)."""

    def __init__(self) -> None:
        self.generation = 1

    def counts(self) -> dict[str, int]:
        return {"Document": self.generation}


def test_the_cache_computes_once_per_generation_and_keeps_the_recent():
    cache, store, calls = route._Cache(), _Store(), []

    def compute(name):
        return lambda: calls.append(name) or f"{name}@{store.generation}"

    assert cache.get(store, "a", compute("a")) == cache.get(store, "a", compute("a")) == "a@1"
    for n in range(route.RECENT + 1):
        cache.get(store, ("figure", n), compute(n), recent=True)
    cache.get(store, ("figure", route.RECENT), compute(route.RECENT), recent=True)  # kept: no new call
    assert calls == ["a", *range(route.RECENT + 1)]
    cache.get(store, ("figure", 0), compute(0), recent=True)  # the oldest went: computed again
    assert calls[-1] == 0 and len(calls) == route.RECENT + 3
    assert cache.get(store, "a", compute("a")) == "a@1" and calls.count("a") == 1
    store.generation = 2
    assert cache.get(store, "a", compute("a")) == "a@2" and calls.count("a") == 2


def test_served_cluster_answers_cite_sentences_and_their_query(server):
    first = httpx.get(f"{server}/analysis/cluster", params={"industry": AM}, timeout=120)
    assert first.status_code == 200, first.text
    body = first.json()
    assert body["parks"] and all(e["sentence"] for p in body["parks"] for e in p["evidence"])
    assert body["cities"] and all(e["sentence"] for c in body["cities"] for e in c["evidence"])
    names = [q["name"] for q in body["cypher"]]
    assert names == ["analysis_nodes", "analysis_edges", "analysis_edges"]
    assert body["cypher"][1]["params"]["text"] is False and body["cypher"][2]["params"]["text"] is True
    assert AM in body["cypher"][2]["params"]["into"]
    again = httpx.get(f"{server}/analysis/cluster", params={"industry": AM}, timeout=120)
    assert again.json() == body
