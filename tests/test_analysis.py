"""Cluster-link analyses (graph/analysis/) on the corpus graph: loader, co-targeting, communities, centrality,
cluster links, alignment, figures, and their API and CLI. The store is only ever opened read-only (the API
server fixture may hold it at the same time)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from app.cli import cli
from graph.analysis import figures
from graph.analysis.alignment import alignment
from graph.analysis.centrality import LABELS, METRICS, centrality, sample_size
from graph.analysis.cluster import cluster_links
from graph.analysis.communities import communities
from graph.analysis.cotargeting import cotargeting
from graph.analysis.evidence import WEIGHTS, Evidence
from graph.analysis.load import STRUCTURAL_TYPES, edges_of, from_export, load_graph
from graph.stores import open_store

ROOT = Path(__file__).resolve().parent.parent
XIAN, XIANYANG, WEINAN, HANZHONG, BAOJI = "city:610100", "city:610400", "city:610500", "city:610700", "city:610300"
AM = "industry:增材制造"
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def loaded(corpus_db):
    """The corpus graph, its store's counts and export, and the loader's Cypher trail."""
    store = open_store(corpus_db, read_only=True)
    try:
        trail: list[dict] = []
        graph = load_graph(store, trail=trail, text=True)
        filtered = load_graph(store, labels=["City", "Industry"], types=["TARGETS"])
        yield {"graph": graph, "filtered": filtered, "trail": trail, "counts": store.counts(),
               "export": store.export()}
    finally:
        store.close()


@pytest.fixture(scope="module")
def graph(loaded):
    return loaded["graph"]


@pytest.fixture(scope="module")
def cot(graph):
    return cotargeting(graph)


def targeted(graph, city: str) -> set[str]:
    """Industries a place TARGETS, straight from the edges (the independent check of the projections)."""
    return {i for c, i, _ in edges_of(graph, "TARGETS") if c == city}


def statement(data: dict, evidence: str) -> float:
    """What one TARGETS edge weighs, from the weight table: `other` is descriptive, any other strength a target."""
    table = WEIGHTS[Evidence(evidence)]
    return table["descriptive"] if data["strength"] == "other" else table["target"]


def weighed(graph, evidence: str, source: str | None = None, industry: str | None = None,
            docs: set[str] | None = None) -> dict[tuple[str, str], float]:
    """(place, industry) → its strongest statement's weight (in `docs`, if given), straight from the edges
    (the independent check of the weighting); ties weighing nothing left out."""
    out: dict[tuple[str, str], float] = {}
    for c, i, d in edges_of(graph, "TARGETS"):
        if (source in (None, c)) and (industry in (None, i)) and (docs is None or d["doc"] in docs):
            out[(c, i)] = max(statement(d, evidence), out.get((c, i), 0.0))
    return {k: w for k, w in out.items() if w > 0}


def neighbour_weights(graph, node: str, evidence: str) -> dict[str, float]:
    """An entity's neighbours over structural ties (documents left out) → the strongest tie's weight."""
    out: dict[str, float] = {}
    for s, t, d in [*graph.in_edges(node, data=True), *graph.out_edges(node, data=True)]:
        other = t if s == node else s
        if d["type"] in STRUCTURAL_TYPES and graph.nodes[other]["label"] != "Document" and other != node:
            out[other] = max(statement(d, evidence) if d["type"] == "TARGETS" else 1.0, out.get(other, 0.0))
    return {k: w for k, w in out.items() if w > 0}


# -- loader ---------------------------------------------------------------------------------------------------
def test_loader_holds_every_node_and_relationship_with_attributes(loaded):
    graph, counts = loaded["graph"], loaded["counts"]
    labels = {label for label in counts if not label.isupper()}
    assert graph.number_of_nodes() == sum(counts[label] for label in labels)
    assert graph.number_of_edges() == sum(v for k, v in counts.items() if k.isupper())
    assert graph.nodes[HANZHONG].items() >= {"label": "City", "name": "汉中市", "level": "city"}.items()
    assert graph.nodes[AM]["name_en"]
    doc = graph.nodes["document:003_d17b420203dd7a74.txt"]
    assert doc["level"] == "city" and doc["jurisdiction"] == "汉中市"
    target_edges = list(edges_of(graph, "TARGETS"))
    assert target_edges and all(d["strength"] in ("key", "cultivate", "other") and d["doc"] and d["evidence"]
                                for _, _, d in target_edges)
    assert [q["name"] for q in loaded["trail"]] == ["analysis_nodes", "analysis_edges"]
    assert all("MATCH" in q["query"] for q in loaded["trail"])


def test_loader_filters_by_label_and_type(loaded):
    filtered = loaded["filtered"]
    assert {d["label"] for _, d in filtered.nodes(data=True)} == {"City", "Industry"}
    assert {d["type"] for *_, d in filtered.edges(data=True)} == {"TARGETS"}
    assert filtered.number_of_edges() == loaded["counts"]["TARGETS"]


def test_loader_and_export_give_the_same_graph(loaded):
    graph, again = loaded["graph"], from_export(loaded["export"])
    assert set(graph.nodes) == set(again.nodes)
    assert set(graph.edges(keys=True)) == set(again.edges(keys=True))


# -- co-targeting ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("evidence", list(Evidence))
def test_xian_and_xianyang_share_industries(graph, evidence):
    cot = cotargeting(graph, evidence=evidence)
    a = {i: w for (_, i), w in weighed(graph, evidence, XIAN).items()}
    b = {i: w for (_, i), w in weighed(graph, evidence, XIANYANG).items()}
    both = set(a) & set(b)
    assert both
    if evidence == "all":
        assert set(a) == targeted(graph, XIAN) and set(b) == targeted(graph, XIANYANG)
    shared = sum(a[i] * b[i] for i in both)  # each shared industry: the product of its two statements' weights
    similarity = cot.similarity(XIAN, XIANYANG)
    assert similarity["shared"] == pytest.approx(shared) and similarity["industries"] == len(both)
    assert similarity["jaccard"] == pytest.approx(shared / len(set(a) | set(b))) and similarity["jaccard"] > 0
    assert similarity["cosine"] == pytest.approx(shared / (len(a) * len(b)) ** 0.5)
    edge = cot.city_graph.edges[XIAN, XIANYANG]
    assert edge["weight"] == pytest.approx(similarity["jaccard"]) and edge["shared"] == pytest.approx(shared)


@pytest.mark.parametrize("evidence", list(Evidence))
def test_additive_manufacturing_is_co_targeted_with_other_industries(graph, evidence):
    cot = cotargeting(graph, evidence=evidence)
    pairs = cot.industry_pairs(industry=AM)
    assert pairs and all(AM in (p["a"], p["b"]) for p in pairs)
    places = {c: w for (c, _), w in weighed(graph, evidence, industry=AM).items() if c in cot.city_graph}
    for pair in pairs[:10]:
        other = pair["b"] if pair["a"] == AM else pair["a"]
        with_other = {c: w for (c, _), w in weighed(graph, evidence, industry=other).items() if c in cot.city_graph}
        both = set(places) & set(with_other)
        assert pair["shared"] == pytest.approx(sum(places[c] * with_other[c] for c in both))
        assert pair["places"] == len(both)
        assert pair["jaccard"] == pytest.approx(pair["shared"] / len(set(places) | set(with_other)))
    assert [p["shared"] for p in pairs] == sorted((p["shared"] for p in pairs), reverse=True)


def test_cotargeting_leaves_out_provinces_and_areas_by_default(graph, cot):
    assert "city:610000" not in cot.city_graph and "city:关中" not in cot.city_graph
    assert "city:610000" in cotargeting(graph, levels=["province", "city"]).city_graph


def test_city_top_k_keeps_each_places_most_similar(graph, cot):
    cut = cotargeting(graph, city_top_k=1)
    for city in cut.city_graph:
        if cot.city_graph.degree(city):
            best = min(cot.city_graph[city].items(), key=lambda kv: (-kv[1]["weight"], kv[0]))  # ties: by id
            assert cut.city_graph.has_edge(city, best[0])
    assert cut.city_graph.number_of_edges() < cot.city_graph.number_of_edges()


# -- communities ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("of", ["industries", "cities"])
def test_communities_cover_the_projection_and_repeat(cot, of):
    first, second = communities(cot, of), communities(cot, of)
    members = [m for c in first.communities for m in c.members]
    assert sorted(members) == sorted(first.graph.nodes) and len(members) == len(set(members))
    assert [c.members for c in first.communities] == [c.members for c in second.communities]
    assert first.modularity == second.modularity
    assert isinstance(first.modularity, float) and -0.5 <= first.modularity <= 1
    assert [len(c.members) for c in first.communities] == sorted((len(c.members) for c in first.communities),
                                                                 reverse=True)
    for community in first.communities:
        assert community.central[0]["id"] in community.members
        assert community.name.startswith(community.central[0]["name"])


def test_communities_are_the_same_in_another_process(corpus_db, cot):
    """Louvain and modularity iterate sets of node ids; without care the result changes with the hash seed."""
    script = ("import json,sys; from graph.stores import open_store; from graph.analysis.load import load_graph;"
              "from graph.analysis.cotargeting import cotargeting; from graph.analysis.communities import communities;"
              "s=open_store(sys.argv[1], read_only=True); c=cotargeting(load_graph(s)); s.close();"
              "print(json.dumps([[x.members for x in r.communities] + [r.modularity] for r in "
              "(communities(c, of) for of in ('industries','cities'))]))")
    here = [[c.members for c in r.communities] + [r.modularity]
            for r in (communities(cot, of) for of in ("industries", "cities"))]
    for seed in ("1", "2"):
        out = subprocess.run([sys.executable, "-c", script, str(corpus_db)], cwd=ROOT, capture_output=True,
                             text=True, env={**os.environ, "PYTHONHASHSEED": seed}, timeout=120)
        assert out.returncode == 0, out.stderr
        assert json.loads(out.stdout) == here


# -- centrality -----------------------------------------------------------------------------------------------
def test_centrality_rankings_are_sorted_labelled_and_deterministic(graph):
    first, second = centrality(graph), centrality(graph)
    # the corpus graph's 1,312 entities are above EXACT_LIMIT: betweenness sampled, k chosen from its size
    assert first.betweenness_k == sample_size(first.graph.number_of_nodes(), first.graph.number_of_edges())
    assert "Document" not in {d["label"] for _, d in first.graph.nodes(data=True)}
    for label in LABELS:
        for metric in METRICS:
            ranking = first.ranking(label, metric, top=None)
            assert ranking and ranking == second.ranking(label, metric, top=None)
            assert all(graph.nodes[r["id"]]["label"] == label for r in ranking)
            keys = [(-r["score"], r["id"]) for r in ranking]
            assert keys == sorted(keys)
    sentences = {first.meaning(label, metric) for label in LABELS for metric in METRICS}
    assert len(sentences) == len(LABELS) * len(METRICS)
    unweighted = centrality(graph, evidence="all")
    assert unweighted.ranking("Industry", "degree", 1)[0]["neighbours"] == max(
        unweighted.graph.degree(n) for n, d in unweighted.graph.nodes(data=True) if d["label"] == "Industry")
    # weighted degree: a place's tie to an industry weighs its strongest statement, every other tie 1.0
    top = first.ranking("Industry", "degree", 1)[0]
    ties = neighbour_weights(graph, top["id"], "weighted")
    assert top["neighbours"] == len(ties)
    assert top["score"] == pytest.approx(sum(ties.values()) / (first.graph.number_of_nodes() - 1))


def test_betweenness_is_sampled_on_large_graphs_and_says_so(graph):
    sampled = centrality(graph, exact_limit=100, sample_k=40)
    assert sampled.betweenness_k == 40
    assert "sampled, k=40" in sampled.to_dict(top=1)["betweenness"]
    assert "40 sampled sources" in sampled.meaning("Industry", "betweenness")
    assert sampled.scores["betweenness"] == centrality(graph, exact_limit=100, sample_k=40).scores["betweenness"]


# -- cluster links --------------------------------------------------------------------------------------------
def test_cluster_links_of_additive_manufacturing(graph, cot):
    comms = communities(cot)
    links = cluster_links(graph, comms, industry=AM)
    cities = {c["id"] for c in links.attached["cities"]}
    assert WEINAN in cities
    assert cities == {c for c, i, _ in edges_of(graph, "TARGETS") if i == AM}
    parks = links.attached["parks"]
    assert parks and all(p["evidence"] and p["evidence"][0]["sentence"] for p in parks)
    assert {p["id"] for p in parks} == {p for p, i, _ in edges_of(graph, "HOSTS") if i == AM}
    assert links.agencies == [] and links.agencies_note.startswith("none")
    assert links.bridge_nodes and all(b["inside"] and b["reaches"] for b in links.bridge_nodes)
    assert all(e["industry_id"] == AM and e["other_id"] != AM for e in links.bridge_edges)


def test_cluster_links_of_a_sector_include_its_subsectors_and_agencies(graph, cot):
    links = cluster_links(graph, communities(cot), industry="industry:装备制造")
    ids = {i["id"] for i in links.industries}
    children = {c for c, p, _ in edges_of(graph, "SUBSECTOR_OF") if p == "industry:装备制造"}
    assert children and children <= ids
    assert links.agencies and links.agencies_note is None
    assert "agency:汉中市工业和信息化局" in {a["id"] for a in links.agencies}


def test_cluster_links_of_a_community(graph, cot):
    comms = communities(cot)
    links = cluster_links(graph, comms, community=0)
    assert [i["id"] for i in links.industries] == comms.communities[0].members
    assert all(e["other_community"] != 0 for e in links.bridge_edges)
    with pytest.raises(LookupError):
        cluster_links(graph, comms, community=len(comms.communities))
    with pytest.raises(LookupError):
        cluster_links(graph, comms, industry="industry:no such industry")


# -- alignment ------------------------------------------------------------------------------------------------
def test_alignment_of_hanzhong_against_the_provincial_plan(graph):
    row = alignment(graph).row("汉中市")
    provincial_docs = {d for d, data in graph.nodes(data=True) if data.get("level") == "province"
                       and data.get("label") == "Document"}
    assigned = {i for c, i, d in edges_of(graph, "TARGETS") if c == HANZHONG and d["doc"] in provincial_docs}
    planned = {i for c, i, d in edges_of(graph, "TARGETS")
               if c == HANZHONG and d["doc"] == "document:003_d17b420203dd7a74.txt"}
    from_000 = {i for c, i, d in edges_of(graph, "TARGETS")
                if c == HANZHONG and d["doc"] == "document:000_50705bad865ec84b.txt"}
    assert from_000 and planned
    assert "document:000_50705bad865ec84b.txt" in row.provincial_docs
    assert row.own_docs == ["document:003_d17b420203dd7a74.txt"] and row.has_own_documents
    assert from_000 <= set(row.shared) | set(row.only_provincial)
    assert set(row.shared) == assigned & planned
    assert set(row.only_provincial) == assigned - planned and set(row.only_city) == planned - assigned
    assert alignment(graph, "all").row("汉中市").jaccard == pytest.approx(
        len(assigned & planned) / len(assigned | planned))
    # weighted (the default): a shared industry counts the product of both sides' weights
    strongest = weighed(graph, "weighted", HANZHONG, docs=provincial_docs)
    own = weighed(graph, "weighted", HANZHONG, docs={"document:003_d17b420203dd7a74.txt"})
    shared = sum(strongest[(HANZHONG, i)] * own[(HANZHONG, i)] for i in assigned & planned)
    assert shared < len(assigned & planned)  # some of them are descriptive on one side
    assert row.counts["shared"] == pytest.approx(shared)
    assert row.jaccard == pytest.approx(shared / len(assigned | planned))


def test_alignment_flags_places_without_their_own_documents(graph):
    result = alignment(graph)
    baoji = result.row(BAOJI)
    assert not baoji.has_own_documents and baoji.jaccard is None
    assert baoji.only_provincial and not baoji.shared and not baoji.only_city
    assert {r.city for r in result.rows}.isdisjoint({"city:610000", "city:关中", "city:陕南", "city:陕北"})
    assert result.row(XIAN).has_own_documents


# -- figures --------------------------------------------------------------------------------------------------
def test_figures_render_png_and_svg(graph, cot):
    comms = communities(cot)
    drawn = [figures.network_figure(comms), figures.heatmap_figure(cot, communities(cot, "cities")),
             figures.alignment_figure(alignment(graph))]
    for figure in drawn:
        assert figures.render(figure, "png").startswith(PNG)
        assert b"<svg" in figures.render(figure, "svg")[:2000]
    with pytest.raises(ValueError):
        figures.render(drawn[0], "gif")


def test_figure_save_writes_both_formats(tmp_path, graph):
    written = figures.save(figures.alignment_figure(alignment(graph)), tmp_path / "bars")
    assert [p.name for p in written] == ["bars.png", "bars.svg"]
    assert written[0].read_bytes().startswith(PNG) and b"<svg" in written[1].read_bytes()[:2000]


# -- API ------------------------------------------------------------------------------------------------------
def get(server: str, path: str, **params) -> httpx.Response:
    return httpx.get(f"{server}{path}", params=params, timeout=120)


def test_api_cotargeting_and_communities(server):
    answer = get(server, "/analysis/cotargeting", industry=AM, limit=5).json()
    assert answer["industry_pairs"] and all(AM in (p["a"], p["b"]) for p in answer["industry_pairs"])
    assert [q["name"] for q in answer["cypher"]] == ["analysis_nodes", "analysis_edges"]
    pair = get(server, "/analysis/cotargeting", city=XIAN, limit=100).json()["city_pairs"]
    assert any({p["a"], p["b"]} == {XIAN, XIANYANG} and p["jaccard"] > 0 for p in pair)
    for of in ("industries", "cities"):
        found = get(server, "/analysis/communities", of=of).json()
        assert found["of"] == of and -0.5 <= found["modularity"] <= 1 and found["communities"]
    assert get(server, "/analysis/communities", of="firms").status_code == 422


def test_api_centrality_cluster_alignment(server):
    ranked = get(server, "/analysis/centrality", label="industry", top=5).json()
    assert list(ranked["rankings"]) == ["Industry"]
    assert ranked["rankings"]["Industry"]["pagerank"]["meaning"]
    assert len(ranked["rankings"]["Industry"]["degree"]["items"]) == 5
    assert get(server, "/analysis/centrality", label="Document").status_code == 422
    links = get(server, "/analysis/cluster", industry=AM).json()
    assert WEINAN in {c["id"] for c in links["cities"]} and links["parks"]
    for name in ["增材制造", "3D打印", "additive manufacturing"]:  # a name, an alias, the English name
        assert get(server, "/analysis/cluster", industry=name).json()["selection"]["industry"] == AM, name
    unknown = get(server, "/analysis/cluster", industry="additve manufacturing")
    assert unknown.status_code == 404 and AM in [c["id"] for c in unknown.json()["detail"]["candidates"]]
    assert get(server, "/analysis/cluster", community=0).json()["selection"]["community"] == 0
    assert get(server, "/analysis/cluster").status_code == 422
    assert get(server, "/analysis/cluster", industry="industry:nothing").status_code == 404
    rows = get(server, "/analysis/alignment").json()["rows"]
    hanzhong = next(r for r in rows if r["city"] == HANZHONG)
    assert hanzhong["has_own_documents"] and 0 < hanzhong["jaccard"] < 1


@pytest.mark.parametrize("path", ["/analysis/cotargeting/figure", "/analysis/communities/figure",
                                  "/analysis/alignment/figure"])
def test_api_figures_are_real_png_and_svg(server, path):
    png = get(server, f"{path}.png")
    assert png.status_code == 200 and png.headers["content-type"] == "image/png" and png.content.startswith(PNG)
    svg = get(server, f"{path}.svg")
    assert svg.headers["content-type"].startswith("image/svg+xml") and b"<svg" in svg.content[:2000]
    assert get(server, f"{path}.gif").status_code == 422


def test_api_heatmap(server):
    heat = get(server, "/analysis/cotargeting/figure.png", kind="heatmap")
    assert heat.status_code == 200 and heat.content.startswith(PNG)
    assert heat.content != get(server, "/analysis/cotargeting/figure.png").content


ANALYSES = ["/analysis/cotargeting", "/analysis/communities", "/analysis/centrality", "/analysis/alignment",
            "/analysis/cotargeting/figure.png", "/analysis/communities/figure.svg", "/analysis/alignment/figure.png"]


def test_api_evidence_is_a_validated_choice_on_every_analysis(server):
    for path in [*ANALYSES, "/analysis/cluster?industry=增材制造"]:
        path, _, query = path.partition("?")
        params = dict([query.split("=")]) if query else {}
        bad = get(server, path, **params, evidence="equal")
        assert bad.status_code == 422 and "weighted" in bad.text, (path, bad.text)
        assert get(server, path, **params, evidence="plans").status_code == 200, path
    spec = httpx.get(f"{server}/openapi.json", timeout=30).json()
    for path in ("/analysis/cotargeting", "/analysis/alignment", "/analysis/cluster",
                 "/analysis/cotargeting/figure.{fmt}"):
        parameter = next(p for p in spec["paths"][path]["get"]["parameters"] if p["name"] == "evidence")
        assert "0.2" in parameter["description"] and "benchmark" in parameter["description"]
        schema = parameter["schema"]
        enum = schema.get("enum") or spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]["enum"]
        assert enum == ["weighted", "plans", "all"] and schema.get("default") == "weighted"


def test_api_default_weighs_plans_and_all_gives_the_old_answers(server, graph):
    default = get(server, "/analysis/cotargeting", limit=5).json()
    equal = get(server, "/analysis/cotargeting", limit=5, evidence="all").json()
    assert default["evidence"]["choice"] == "weighted" and equal["evidence"]["weights"]["descriptive"] == 1.0
    old = cotargeting(graph, evidence="all")
    assert equal["most_targeted"][0]["id"] == old.to_dict(1)["most_targeted"][0]["id"]
    assert default["most_targeted"][0]["id"] != equal["most_targeted"][0]["id"]
    assert equal["city_pairs"][0]["jaccard"] == 1.0 > default["city_pairs"][0]["jaccard"]
    for of in ("industries", "cities"):
        answers = [get(server, "/analysis/communities", of=of, evidence=e).json() for e in ("weighted", "all")]
        assert [a["evidence"]["choice"] for a in answers] == ["weighted", "all"]
        assert answers[0]["communities"] != answers[1]["communities"]
    hanzhong = [next(r for r in get(server, "/analysis/alignment", evidence=e).json()["rows"] if r["city"] == HANZHONG)
                for e in ("weighted", "all")]
    assert hanzhong[0]["jaccard"] < hanzhong[1]["jaccard"]
    assert hanzhong[1]["counts"]["shared"] == hanzhong[1]["industries"]["shared"] == len(hanzhong[1]["shared"])
    heat = [get(server, "/analysis/cotargeting/figure.png", kind="heatmap", evidence=e).content for e in ("weighted", "all")]
    assert heat[0].startswith(PNG) and heat[0] != heat[1]


# -- CLI ------------------------------------------------------------------------------------------------------
def test_cli_analyze_takes_the_evidence_choice(corpus_db):
    runner = CliRunner()
    runs = {e: runner.invoke(cli, ["analyze", "cotargeting", "--db", str(corpus_db), "--top", "3", "--evidence", e])
            for e in ("weighted", "plans", "all")}
    assert all(r.exit_code == 0 for r in runs.values()), {e: r.output for e, r in runs.items()}
    assert "evidence: weighted" in runs["weighted"].output and "evidence: all" in runs["all"].output
    assert len({r.output for r in runs.values()}) == 3
    default = runner.invoke(cli, ["analyze", "cotargeting", "--db", str(corpus_db), "--top", "3"])
    assert default.output == runs["weighted"].output
    bad = runner.invoke(cli, ["analyze", "alignment", "--db", str(corpus_db), "--evidence", "equal"])
    assert bad.exit_code == 2 and "weighted|plans|all" in bad.output
def test_cli_analyze_prints_tables_and_writes_figures(corpus_db, tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["analyze", "alignment", "--db", str(corpus_db), "--figure", str(tmp_path / "align")])
    assert result.exit_code == 0, result.output
    assert "汉中市" in result.output and "Jaccard" in result.output
    assert (tmp_path / "align.png").read_bytes().startswith(PNG)
    assert b"<svg" in (tmp_path / "align.svg").read_bytes()[:2000]
    for args in (["cotargeting"], ["communities", "--of", "cities"], ["centrality", "--label", "Park", "--top", "3"],
                 ["cluster", "--industry", "增材制造"]):
        result = runner.invoke(cli, ["analyze", *args, "--db", str(corpus_db)])
        assert result.exit_code == 0, (args, result.output)
    assert runner.invoke(cli, ["analyze", "nonsense", "--db", str(corpus_db)]).exit_code == 2
    assert runner.invoke(cli, ["analyze", "cluster", "--db", str(corpus_db)]).exit_code == 2
    assert runner.invoke(cli, ["analyze", "centrality", "--db", str(corpus_db), "--figure",
                               str(tmp_path / "c.png")]).exit_code == 2
