"""Sampled betweenness (graph/analysis/centrality.py): how many sources, the same scores on every run, and
rankings that agree with exact betweenness on the corpus graph."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from graph.analysis.betweenness import betweenness
from graph.analysis.centrality import EXACT_LIMIT, K_MAX, K_MIN, LABELS, SEED, SOURCE_TIES, centrality, sample_size

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def graph(corpus_graph):
    return corpus_graph


def test_sample_size_follows_the_graph_size():
    assert sample_size(EXACT_LIMIT, 10 * EXACT_LIMIT) is None  # small: exact
    assert sample_size(200, 10, exact_limit=100) == 200  # never more sources than nodes
    assert sample_size(10_000, SOURCE_TIES // 100) == 100
    assert sample_size(10_000, SOURCE_TIES) == K_MIN  # large: the fewest sources
    assert sample_size(10_000, 10) == K_MAX
    sizes = [sample_size(100_000, ties) for ties in (1_000, 3_000, 10_000, 100_000, 1_000_000)]
    assert sizes == sorted(sizes, reverse=True)  # more ties, fewer sources


def test_the_corpus_graph_is_sampled_and_an_explicit_k_wins(graph):
    result = centrality(graph)
    n, m = result.graph.number_of_nodes(), result.graph.number_of_edges()
    assert n > EXACT_LIMIT and result.betweenness_k == sample_size(n, m)
    assert K_MIN <= result.betweenness_k < n
    assert centrality(graph, sample_k=50).betweenness_k == 50
    assert centrality(graph, exact_limit=n).betweenness_k is None


def _top(scores: dict[str, float], nodes: list[str], count: int) -> list[str]:
    return sorted(nodes, key=lambda v: (-scores[v], v))[:count]


def test_sampled_betweenness_is_the_same_in_another_process(graph, corpus_db):
    """Seeded sources over id-ordered nodes: another interpreter (another hash seed) gets the same scores."""
    here = centrality(graph).scores["betweenness"]
    code = ("import json, sys; from graph.stores import open_store; from graph.analysis.load import load_graph; "
            "from graph.analysis.centrality import centrality; s = open_store(sys.argv[1], read_only=True); "
            "print(json.dumps(centrality(load_graph(s)).scores['betweenness']))")
    out = subprocess.run([sys.executable, "-c", code, str(corpus_db)], cwd=ROOT, capture_output=True, text=True,
                         check=True, env={**os.environ, "PYTHONHASHSEED": "12345"})
    there = json.loads(out.stdout)
    assert there == pytest.approx(here, rel=1e-12, abs=1e-15)
    assert any(v > 0 for v in here.values())


@pytest.mark.parametrize("evidence", ["weighted", "all"])
def test_sampled_top_ranks_agree_with_exact(graph, evidence):
    """Against exact betweenness: at least 8 of each top 10 for industries, firms and places (parks' scores
    are small and close together, so their order is left to the benchmark's figures)."""
    sampled = centrality(graph, evidence=evidence)
    assert sampled.betweenness_k is not None
    entities = sampled.graph
    uniform = all(w == 1.0 for *_, w in entities.edges(data="weight"))
    exact = nx.betweenness_centrality(entities, weight=None if uniform else "distance")
    for label in LABELS:
        if label == "Park":
            continue
        nodes = [v for v, d in entities.nodes(data=True) if d.get("label") == label]
        overlap = set(_top(exact, nodes, 10)) & set(_top(sampled.scores["betweenness"], nodes, 10))
        assert len(overlap) >= 8, (label, evidence, len(overlap))


@pytest.mark.parametrize("k", [None, 40])
@pytest.mark.parametrize("weighted", [False, True])
def test_betweenness_gives_networkx_scores(k, weighted):
    """The C implementation answers what centrality's docstring promises: networkx's betweenness_centrality,
    exact or from the same k seeded sources, with lengths or without, on a graph with ties and parallel
    shortest paths (a random graph with a few distinct lengths)."""
    rng = random.Random(7)
    graph = nx.gnm_random_graph(300, 900, seed=7)
    graph = nx.relabel_nodes(graph, {v: f"industry:{v:03d}" for v in graph})
    for a, b in graph.edges():
        graph.edges[a, b]["distance"] = rng.choice([1.0, 1.0, 5.0, 2.5])
    weight = "distance" if weighted else None
    expected = nx.betweenness_centrality(graph, k=k, seed=SEED if k else None, weight=weight)
    found = betweenness(graph, k=k, seed=SEED if k else None, weight=weight)
    assert found.keys() == expected.keys()
    assert max(abs(found[v] - expected[v]) for v in graph) < 1e-12
    assert _top(found, list(graph), 30) == _top(
        {v: round(x, 12) for v, x in expected.items()}, list(graph), 30)
