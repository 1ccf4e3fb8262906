"""Time and peak memory of each cluster-link analysis, on the bundled graph and on a synthetic 100k/1M graph.

The bundled graph is built from the corpus into a temporary database and loaded through the analysis
loader (graph/analysis/load.py), whose time is reported too. The synthetic graph (100,000 nodes and
1,000,000 edges by default, seeded) is generated directly as the NetworkX MultiDiGraph the loader would
produce — same labels, node attributes (level, jurisdiction, …) and edge attributes (type, strength, doc,
evidence, offsets), keyed `TYPE|doc` — because the question is how the analyses scale, not the store.
Its shape follows the corpus: few documents, industry popularity skewed (a few industries are named by
most places, Zipf-like), most edges MENTIONS.

At that size the place projection keeps each place's 10 most similar places (`city_top_k`), and betweenness
is estimated from k sampled sources (exact betweenness is O(nodes·edges)); the output says so.

Each analysis runs twice: once for its wall time, once under tracemalloc for its peak memory (tracing slows
allocation-heavy Python code several times, so the two are not measured together). Peaks are of Python
and NumPy allocations made during the analysis, above what was allocated before it.

The served analyses (`--serve-scale N`): `policykg serve` (the command, run with the tree's code) on the
corpus ×N (distinct copies, as bench/api.py builds them) is asked every analysis endpoint and figure once and then again; the table gives
each request's seconds, first and repeated, and the server's peak RSS (VmHWM) after all of them. With
`--baseline-root DIR` (a git worktree of an earlier commit) the same requests go to that tree's server on the
same database, for a before/after in one run.

usage: python bench/analysis.py [--nodes 100000] [--edges 1000000] [--sample-k K] [--skip-bundled] [--skip-synthetic]
       python bench/analysis.py --serve-scale 20 [--baseline-root /tmp/base] [--db existing.lbug]
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.build import build  # noqa: E402
from app.settings import BUNDLED_CORPUS  # noqa: E402
from graph.analysis.alignment import alignment  # noqa: E402
from graph.analysis.centrality import centrality  # noqa: E402
from graph.analysis.cluster import cluster_links  # noqa: E402
from graph.analysis.communities import communities  # noqa: E402
from graph.analysis.cotargeting import cotargeting  # noqa: E402
from graph.analysis.load import load_graph  # noqa: E402
from graph.stores import open_store  # noqa: E402

SEED = 42
# Share of nodes per label (sums to 1), and of City / Industry nodes per level.
LABEL_SHARE = {"Document": 0.02, "City": 0.03, "Industry": 0.05, "Park": 0.08, "Firm": 0.40, "Org": 0.10,
               "Agency": 0.06, "Task": 0.14, "Target": 0.12}
CITY_LEVELS = {"province": 0.01, "area": 0.02, "city": 0.2, "district": 0.4, "county": 0.27, "new_area": 0.03,
               "new_town": 0.04, "zone": 0.03}
INDUSTRY_LEVELS = {"pillar": 0.01, "sector": 0.1, "segment": 0.89}
# Edges per node of the source label, by type (MENTIONS fills up to the edge count).
EDGES_PER_SOURCE = {"TARGETS": ("City", "Industry", 30), "HOSTS": ("Park", "Industry", 10),
                    "IN_INDUSTRY": ("Firm", "Industry", 1.5), "LEADS_CHAIN": ("Firm", "Industry", 0.1),
                    "LEADS": ("Agency", "Task", 2.5), "SUPPORTS": ("Agency", "Task", 5),
                    "CONCERNS": ("Task", "Industry", 1.5), "FOR_INDUSTRY": ("Target", "Industry", 1),
                    "FOR_REGION": ("Target", "City", 1)}
STRENGTHS = ("key", "cultivate", "other")
PROVINCIAL_DOCS = 20  # the first documents are provincial plans
PROVINCIAL_TARGETS = 0.4


def synthetic_graph(nodes: int = 100_000, edges: int = 1_000_000, seed: int = SEED) -> nx.MultiDiGraph:
    """A seeded random graph with the loader's labels and attributes, exactly `nodes` nodes and `edges` edges."""
    rng = np.random.default_rng(seed)
    graph = nx.MultiDiGraph()
    ids: dict[str, list[str]] = {}
    counts = _split(nodes, LABEL_SHARE)
    for label, count in counts.items():
        ids[label] = [f"{label.lower()}:{k:06d}" for k in range(count)]
    docs = ids["Document"]
    evidence = [f"第{k}句：某市重点发展某产业，打造产业集群。" for k in range(20_000)]  # shared, like real sentences
    levels = {"City": _levels(counts["City"], CITY_LEVELS, rng), "Industry": _levels(counts["Industry"], INDUSTRY_LEVELS, rng)}
    for label in sorted(ids):
        for k, node in enumerate(ids[label]):
            attrs: dict[str, Any] = {"label": label, "name": f"{label}{k}"}
            if label in levels:
                attrs["level"] = levels[label][k]
            if label == "Industry":
                attrs["name_en"] = f"industry {k}"
            elif label == "Document":
                attrs |= {"level": "province" if k < PROVINCIAL_DOCS else "city", "title": f"规划{k}"}
            elif label == "Agency":
                attrs |= {"level": "city", "jurisdiction": f"City{k % counts['City']}"}
            elif label == "Park":
                attrs |= {"kind": "industrial_park", "tier": "provincial"}
            elif label in ("Task", "Target"):
                attrs |= {"doc": docs[k % len(docs)], "title": f"任务{k}"} if label == "Task" else {
                    "doc": docs[k % len(docs)], "metric": f"产值{k}", "value": float(k % 500), "unit": "亿元",
                    "year": 2025 + k % 6}
            graph.add_node(node, **attrs)

    def add(kind: str, sources: np.ndarray, targets: np.ndarray, source_ids: list[str], target_ids: list[str]) -> None:
        picked_docs = rng.integers(0, len(docs), len(sources))
        if kind == "TARGETS":  # as in the corpus, a large share of place–industry ties is the province's
            provincial = rng.random(len(sources)) < PROVINCIAL_TARGETS
            picked_docs[provincial] = rng.integers(0, PROVINCIAL_DOCS, int(provincial.sum()))
        picked_evidence = rng.integers(0, len(evidence), len(sources))
        strengths = rng.integers(0, 3, len(sources))
        for s, t, d, e, st in zip(sources, targets, picked_docs, picked_evidence, strengths, strict=True):
            source, target, doc = source_ids[s], target_ids[t], docs[d]
            attrs = {"type": kind, "doc": doc, "evidence": evidence[e], "start": int(e) * 40, "end": int(e) * 40 + 38}
            if kind == "TARGETS":
                attrs["strength"] = STRENGTHS[st]
            graph.add_edge(source, target, key=f"{kind}|{doc}", **attrs)

    industry_popularity = _zipf(len(ids["Industry"]), rng)
    for kind, (source_label, target_label, per_source) in EDGES_PER_SOURCE.items():
        n = int(len(ids[source_label]) * per_source)
        sources = rng.integers(0, len(ids[source_label]), n)
        if target_label == "Industry":
            targets = rng.choice(len(ids["Industry"]), n, p=industry_popularity)
        else:
            targets = rng.integers(0, len(ids[target_label]), n)
        add(kind, sources, targets, ids[source_label], ids[target_label])
    _structure(graph, ids, levels, rng, add)
    everything = [n for label in sorted(ids) if label != "Document" for n in ids[label]]
    while graph.number_of_edges() < edges:  # MENTIONS up to the exact count (a repeated key adds nothing)
        missing = edges - graph.number_of_edges()
        add("MENTIONS", rng.integers(0, len(docs), missing), rng.integers(0, len(everything), missing), docs, everything)
    return graph


def _structure(graph: nx.MultiDiGraph, ids: dict[str, list[str]], levels: dict[str, list[str]],
               rng: np.random.Generator, add: Callable[..., None]) -> None:
    """The hierarchical edges: PART_OF, SUBSECTOR_OF, LOCATED_IN, HAS_TARGET, APPLIES_TO, ISSUED."""
    def tree(label: str, child_levels: set[str], parent_levels: set[str], kind: str) -> None:
        children = [k for k, lv in enumerate(levels[label]) if lv in child_levels]
        parents = [k for k, lv in enumerate(levels[label]) if lv in parent_levels]
        picks = rng.integers(0, len(parents), len(children))
        for child, pick in zip(children, picks, strict=True):
            graph.add_edge(ids[label][child], ids[label][parents[pick]], key=f"{kind}|", type=kind)

    tree("City", {"district", "county", "new_town"}, {"city", "new_area"}, "PART_OF")
    tree("City", {"city", "new_area", "zone"}, {"province"}, "PART_OF")
    tree("Industry", {"segment"}, {"sector"}, "SUBSECTOR_OF")
    tree("Industry", {"sector"}, {"pillar"}, "SUBSECTOR_OF")
    for label in ("Park", "Firm", "Org"):
        n = len(ids[label])
        add("LOCATED_IN", np.arange(n), rng.integers(0, len(ids["City"]), n), ids[label], ids["City"])
    n = len(ids["Target"])
    add("HAS_TARGET", rng.integers(0, len(ids["Task"]), n), np.arange(n), ids["Task"], ids["Target"])
    n = len(ids["Document"])
    places = rng.integers(0, len(ids["City"]), n)
    add("APPLIES_TO", np.arange(n), places, ids["Document"], ids["City"])
    for doc, place in zip(ids["Document"], places, strict=True):
        graph.nodes[doc]["jurisdiction"] = graph.nodes[ids["City"][place]]["name"]
    add("ISSUED", rng.integers(0, len(ids["Agency"]), n), np.arange(n), ids["Agency"], ids["Document"])


def _split(total: int, shares: dict[str, float]) -> dict[str, int]:
    counts = {k: int(total * v) for k, v in shares.items()}
    counts[max(shares, key=shares.get)] += total - sum(counts.values())
    return counts


def _levels(n: int, shares: dict[str, float], rng: np.random.Generator) -> list[str]:
    names = list(shares)
    return [names[i] for i in rng.choice(len(names), n, p=np.array(list(shares.values())) / sum(shares.values()))]


def _zipf(n: int, rng: np.random.Generator) -> np.ndarray:
    weights = 1.0 / (np.arange(n) + 10.0)
    rng.shuffle(weights)
    return weights / weights.sum()


def measure(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    """(seconds, peak MiB under tracemalloc, result): one untraced run for time, one traced for memory."""
    gc.collect()
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    del result
    gc.collect()
    tracemalloc.start()
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    result = fn()
    peak = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()
    return seconds, peak / 2**20, result


def run_all(graph: nx.MultiDiGraph, title: str, city_top_k: int | None, exact_limit: int | None,
            sample_k: int | None) -> None:
    print(f"\n## {title}: {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges")
    print(f"{'analysis':<28}{'seconds':>10}{'peak MiB':>11}  notes")
    results: dict[str, Any] = {}

    def row(name: str, fn: Callable[[], Any], note: Callable[[Any], str]) -> None:
        seconds, peak, result = measure(fn)
        results[name] = result
        print(f"{name:<28}{seconds:>10.2f}{peak:>11.1f}  {note(result)}", flush=True)

    row("cotargeting", lambda: cotargeting(graph, city_top_k=city_top_k),
        lambda r: f"{len(r.incidence.cities):,} places × {len(r.incidence.industries):,} industries; "
                  f"{r.industry_graph.number_of_edges():,} industry pairs, {r.city_graph.number_of_edges():,} "
                  f"place pairs ({'all' if city_top_k is None else f'top {city_top_k} per place'})")
    cot = results["cotargeting"]
    for of in ("industries", "cities"):
        row(f"communities ({of})", lambda of=of: communities(cot, of),
            lambda r: f"{len(r.communities)} communities, modularity {r.modularity:.3f}")
    limit = {} if exact_limit is None else {"exact_limit": exact_limit}
    row("centrality", lambda: centrality(graph, sample_k=sample_k, **limit),
        lambda r: f"{r.graph.number_of_nodes():,} entities, {r.graph.number_of_edges():,} ties; betweenness "
                  + ("exact" if r.betweenness_k is None else f"SAMPLED with k={r.betweenness_k} sources (seed 42)"))
    comms = results["communities (industries)"]
    hub = max(comms.graph, key=lambda n: (comms.graph.degree(n, weight="weight"), n))
    row("cluster (industry)", lambda: cluster_links(graph, comms, industry=hub),
        lambda r: f"{r.selection['name']}: {len(r.attached['cities'])} places, {len(r.attached['parks'])} parks, "
                  f"{len(r.bridge_nodes)} bridge nodes")
    row("cluster (community 0)", lambda: cluster_links(graph, comms, community=0),
        lambda r: f"{len(r.industries)} industries, {len(r.attached['cities'])} places, {len(r.agencies)} agencies")
    row("alignment", lambda: alignment(graph),
        lambda r: f"{len(r.rows):,} places, {sum(x.has_own_documents for x in r.rows):,} with own documents")


def _top(scores: dict[str, float], nodes: list[str], count: int) -> list[str]:
    return sorted(nodes, key=lambda v: (-scores[v], v))[:count]


def betweenness_accuracy(graph: nx.MultiDiGraph) -> None:
    """Sampled against exact betweenness on this graph, per label and evidence choice: Spearman's rank correlation
    over exact's top 20 and how many of exact's top 10 the sampled top 10 holds."""
    from scipy.stats import spearmanr

    from graph.analysis.centrality import LABELS

    print(f"\n{'betweenness, sampled vs exact':<34}{'label':<10}{'k':>5}{'exact s':>9}{'sampled s':>10}"
          f"{'rho top20':>10}{'top10 kept':>11}")
    for evidence in ("weighted", "all"):
        began = time.perf_counter()
        sampled = centrality(graph, evidence=evidence)
        sampled_s = time.perf_counter() - began
        began = time.perf_counter()
        exact = centrality(graph, evidence=evidence, exact_limit=10**9)
        exact_s = time.perf_counter() - began
        for label in LABELS:
            nodes = [v for v, d in exact.graph.nodes(data=True) if d.get("label") == label]
            est, ref = sampled.scores["betweenness"], exact.scores["betweenness"]
            rho = spearmanr([ref[n] for n in _top(ref, nodes, 20)], [est[n] for n in _top(ref, nodes, 20)]).statistic
            kept = len(set(_top(ref, nodes, 10)) & set(_top(est, nodes, 10)))
            print(f"{'evidence=' + evidence:<34}{label:<10}{sampled.betweenness_k:>5}{exact_s:>9.2f}{sampled_s:>10.2f}"
                  f"{rho:>10.2f}{kept:>11}")


def bundled() -> nx.MultiDiGraph:
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "bench.lbug")
        build(store, [BUNDLED_CORPUS])
        store.close()
        store = open_store(Path(folder) / "bench.lbug", read_only=True)
        try:
            seconds, peak, graph = measure(lambda: load_graph(store))
        finally:
            store.close()
    print(f"\nload_graph (bundled db, named queries analysis_nodes/analysis_edges): {seconds:.2f} s, "
          f"peak {peak:.1f} MiB")
    return graph


SERVED = ["/analysis/cotargeting", "/analysis/communities?of=industries", "/analysis/communities?of=cities",
          "/analysis/centrality", "/analysis/cluster?community=0", "/analysis/cluster?industry=industry:增材制造",
          "/analysis/alignment", "/analysis/cotargeting/figure.png?kind=network",
          "/analysis/cotargeting/figure.png?kind=heatmap", "/analysis/communities/figure.png?of=cities",
          "/analysis/alignment/figure.png"]


def peak_rss_mib(pid: int) -> tuple[float, float]:
    """(VmHWM, VmRSS) of a live process, MiB (Linux)."""
    status = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return int(status["VmHWM"].split()[0]) / 1024, int(status["VmRSS"].split()[0]) / 1024


def serve_rss(db: Path, root: Path, label: str) -> None:
    """Every analysis endpoint twice against `policykg serve` of the tree at `root` serving `db`; then peak RSS."""
    import os
    import socket
    import subprocess

    import httpx

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "POLICYKG_DB": str(db), "PYTHONPATH": str(root)}
    # The command users run, `policykg serve`, as the tree at `root` has it: what its process imports besides the
    # app (the CLI's own modules) is served memory too.
    process = subprocess.Popen([sys.executable, "-c", "from app.cli import cli; cli()", "serve", "--db", str(db),
                                "--port", str(port)], cwd=root, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(url + "/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        started = peak_rss_mib(process.pid)
        print(f"\n## served analyses, {label} ({root}): {httpx.get(url + '/health').json()}")
        print(f"RSS after start: {started[1]:.0f} MiB")
        print(f"{'endpoint':<50}{'first s':>9}{'again s':>9}{'status':>8}{'peak RSS MiB':>14}")
        with httpx.Client(base_url=url, timeout=3600) as client:
            for path in SERVED:
                times, status = [], 0
                for _ in range(2):
                    began = time.perf_counter()
                    status = client.get(path).status_code
                    times.append(time.perf_counter() - began)
                print(f"{path:<50}{times[0]:>9.2f}{times[1]:>9.3f}{status:>8}{peak_rss_mib(process.pid)[0]:>14.0f}",
                      flush=True)
        peak, now = peak_rss_mib(process.pid)
        print(f"peak RSS (VmHWM) after every analysis: {peak:.0f} MiB; RSS now {now:.0f} MiB")
    finally:
        process.terminate()
        process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--edges", type=int, default=1_000_000)
    parser.add_argument("--sample-k", type=int, default=None,
                        help="betweenness sources sampled on the large graph (default: chosen from its size)")
    parser.add_argument("--city-top-k", type=int, default=10, help="similar places kept per place on the large graph")
    parser.add_argument("--skip-bundled", action="store_true")
    parser.add_argument("--skip-synthetic", action="store_true")
    parser.add_argument("--serve-scale", type=int, default=0, help="served analyses on the corpus ×N (only that)")
    parser.add_argument("--db", type=Path, help="with --serve-scale: serve this database instead of building one")
    parser.add_argument("--baseline-root", type=Path, help="with --serve-scale: also serve from this tree, first")
    args = parser.parse_args()
    if args.serve_scale:
        with tempfile.TemporaryDirectory() as folder:
            db = args.db
            if db is None:
                from bench.api import build_db, scaled_corpus

                corpus = Path(folder) / "corpus"
                corpus.mkdir()
                db = Path(folder) / "scaled.lbug"
                print(f"corpus ×{args.serve_scale} built in {build_db(db, scaled_corpus(corpus, args.serve_scale)):.0f} s")
            if args.baseline_root:
                serve_rss(db, args.baseline_root.resolve(), "before (baseline tree)")
            serve_rss(db, ROOT, "after (this tree)")
        return
    if not args.skip_bundled:
        graph = bundled()
        run_all(graph, "bundled corpus", None, None, args.sample_k)
        betweenness_accuracy(graph)
    if args.skip_synthetic:
        return
    start = time.perf_counter()
    graph = synthetic_graph(args.nodes, args.edges)
    print(f"\nsynthetic graph generated in {time.perf_counter() - start:.1f} s (seed {SEED}; not timed below)")
    run_all(graph, "synthetic", args.city_top_k, 0, args.sample_k)


if __name__ == "__main__":
    main()
