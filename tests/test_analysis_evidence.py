"""Analyses weigh a plan's targets above descriptive statements (graph/analysis/evidence.py, issue 14).

A research report lists benchmark cities (第二梯队包括苏州、武汉、杭州…，是我国先进制造业的骨干城市): each of
them TARGETS 先进制造业 with strength `other`. Counted like plans' targets, those places were identical to each
other (Jaccard 1: identical dark rows in the heat map) and 先进制造业 the most targeted industry. The tests run
on a small graph written in the style of such documents and on the bundled corpus, with every choice.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from graph.analysis import figures
from graph.analysis.alignment import alignment
from graph.analysis.centrality import centrality
from graph.analysis.cluster import cluster_links
from graph.analysis.communities import communities
from graph.analysis.cotargeting import cotargeting
from graph.analysis.evidence import DEFAULT, WEIGHTS, Evidence, describe, parse, ties, weight
from graph.analysis.load import build_graph, edges_of

DESCRIBED = WEIGHTS[Evidence.weighted]["descriptive"]
REPORT = "第二梯队包括苏州、武汉、杭州、青岛、成都、南京等，主要是沿海发达城市群的次中心城市，是我国先进制造业的骨干城市。"
BENCHMARKS = {"city:苏州": "苏州市", "city:武汉": "武汉市", "city:杭州": "杭州市", "city:青岛": "青岛市",
              "city:成都": "成都市", "city:南京": "南京市"}
PLANNERS = {"city:宝鸡": "宝鸡市", "city:汉中": "汉中市", "city:渭南": "渭南市"}
INDUSTRIES = ["增材制造", "航空", "新材料", "机器人", "现代中药", "先进制造业"]
UMBRELLA = "industry:先进制造业"
# (place, industry, strength, document, sentence): a provincial plan, 汉中's own plan and a research report
STATEMENTS = [
    *[("city:宝鸡", i, s, "doc:province", "宝鸡：重点发展增材制造、航空、新材料产业，培育机器人产业。")
      for i, s in [("增材制造", "key"), ("航空", "key"), ("新材料", "key"), ("机器人", "cultivate")]],
    *[("city:汉中", i, "key", "doc:province", "汉中：重点发展航空、新材料、现代中药产业。") for i in ("航空", "新材料", "现代中药")],
    *[("city:渭南", i, s, "doc:province", "渭南：重点发展增材制造、新材料产业，培育机器人产业。")
      for i, s in [("增材制造", "key"), ("新材料", "key"), ("机器人", "cultivate")]],
    *[("city:汉中", i, "key", "doc:hanzhong", "做强航空、现代中药两大主导产业。") for i in ("航空", "现代中药")],
    ("city:汉中", "先进制造业", "other", "doc:hanzhong", "推动先进制造业和现代服务业深度融合。"),
    ("city:汉中", "新材料", "other", "doc:hanzhong", "2023年新材料产业实现产值约15亿元。"),
    *[(place, "先进制造业", "other", "doc:report", REPORT) for place in BENCHMARKS],
]


@pytest.fixture(scope="module")
def written():
    """The small graph: three planning places, six benchmark places a report lists, three documents."""
    nodes = [{"id": "doc:province", "label": "Document", "name": "陕西省制造业发展规划", "level": "province",
              "jurisdiction": "陕西省"},
             {"id": "doc:hanzhong", "label": "Document", "name": "汉中市工业实施方案", "level": "city",
              "jurisdiction": "汉中市"},
             {"id": "doc:report", "label": "Document", "name": "先进制造业发展研究报告", "level": "new_area",
              "jurisdiction": "西咸新区"}]
    nodes += [{"id": i, "label": "City", "name": n, "level": "city"} for i, n in {**PLANNERS, **BENCHMARKS}.items()]
    nodes += [{"id": f"industry:{n}", "label": "Industry", "name": n} for n in INDUSTRIES]
    edges = [{"source": c, "target": f"industry:{i}", "type": "TARGETS", "strength": s, "doc": d, "evidence": e}
             for c, i, s, d, e in STATEMENTS]
    edges += [{"source": "doc:hanzhong", "target": "city:汉中", "type": "APPLIES_TO", "doc": "doc:hanzhong"}]
    return build_graph(sorted(nodes, key=lambda n: n["id"]), edges)


# -- the weights ----------------------------------------------------------------------------------------------
def test_one_table_of_weights_and_the_default_makes_plans_dominate():
    assert DEFAULT is Evidence.weighted and parse(None) is DEFAULT
    for strength in ("key", "cultivate", "pillar", "emerging", "future"):
        assert weight(strength) == 1.0 and weight(strength, "plans") == 1.0 and weight(strength, "all") == 1.0
    assert weight("other") == DESCRIBED and 0 < DESCRIBED < 1
    assert weight(None) == DESCRIBED  # a statement without a strength is loaded as `other`
    assert weight("other", "plans") == 0.0 and weight("other", "all") == 1.0
    assert describe("plans")["weights"] == {"target": 1.0, "descriptive": 0.0}
    with pytest.raises(ValueError, match="weighted, plans, all"):
        parse("equal")


def test_a_tie_weighs_its_strongest_statement(written):
    found = ties(written)
    assert found[("city:汉中", "industry:新材料")] == 1.0  # a target in the provincial plan, described in its own
    assert found[("city:汉中", UMBRELLA)] == DESCRIBED
    assert ("city:汉中", UMBRELLA) not in ties(written, "plans")


# -- the small graph ------------------------------------------------------------------------------------------
def test_benchmark_places_of_a_report_are_no_longer_identical(written):
    equal = cotargeting(written, evidence="all")
    for a, b in itertools.combinations(sorted(BENCHMARKS), 2):
        assert equal.city_graph.edges[a, b]["weight"] == 1.0  # the old behaviour: identical
    weighted = cotargeting(written)
    for a, b in itertools.combinations(sorted(BENCHMARKS), 2):  # both only described: 0.2 · 0.2
        assert weighted.city_graph.edges[a, b]["weight"] == pytest.approx(DESCRIBED ** 2)
    # places that plan alike stay alike: 宝鸡 and 渭南 plan 增材制造, 新材料 and 机器人 (宝鸡 also 航空)
    assert weighted.city_graph.edges["city:宝鸡", "city:渭南"]["weight"] == pytest.approx(3 / 4)
    best = weighted.city_pairs(limit=1)[0]
    assert {best["a"], best["b"]} == {"city:宝鸡", "city:渭南"}
    assert {equal.city_pairs(limit=1)[0]["a"]} <= set(BENCHMARKS)
    assert not set(BENCHMARKS) & set(cotargeting(written, evidence="plans").city_graph)


def test_the_umbrella_term_of_a_report_is_no_longer_the_most_targeted(written):
    equal = cotargeting(written, evidence="all").to_dict()
    assert equal["most_targeted"][0]["id"] == UMBRELLA and equal["most_targeted"][0]["ties"] == 7
    weighted = cotargeting(written).to_dict()
    first = weighted["most_targeted"][0]
    assert first["id"] == "industry:新材料" and first["ties"] == 3.0
    umbrella = next(i for i in weighted["most_targeted"] if i["id"] == UMBRELLA)
    assert umbrella["ties"] == pytest.approx(7 * DESCRIBED) and umbrella["cities"] == 7
    assert weighted["evidence"]["choice"] == "weighted"
    assert equal["evidence"]["choice"] == "all"
    degree = {e: centrality(written, evidence=e).ranking("Industry", "degree", 1)[0]["id"] for e in Evidence}
    assert degree == {Evidence.all: UMBRELLA, Evidence.weighted: "industry:新材料", Evidence.plans: "industry:新材料"}


def test_the_heat_map_puts_planning_places_first(written):
    weighted = cotargeting(written)
    rows = figures.heatmap_rows(weighted, communities(weighted, "cities"), top=30)
    assert set(rows[:3]) == set(PLANNERS) and set(rows[3:]) == set(BENCHMARKS)
    block = weighted.similarity_matrix(rows)[3:, 3:]
    off_diagonal = ~np.eye(len(BENCHMARKS), dtype=bool)
    assert np.allclose(block[off_diagonal], DESCRIBED ** 2)  # a nearly white block, not a dark one
    assert figures.heatmap_rows(weighted, communities(weighted, "cities"), top=3) == rows[:3]
    plans = cotargeting(written, evidence="plans")
    assert set(figures.heatmap_rows(plans, communities(plans, "cities"))) == set(PLANNERS)
    equal = cotargeting(written, evidence="all")
    assert (equal.similarity_matrix(sorted(BENCHMARKS)) == 1.0).all()  # the old identical rows


def test_alignment_counts_a_described_assignment_by_its_weaker_side(written):
    # the province targets 航空, 新材料, 现代中药 for 汉中; 汉中's plan targets 航空 and 现代中药, describes 新材料
    # and mentions 先进制造业 in passing
    row = alignment(written).row("汉中市")
    assert row.shared == ["industry:新材料", "industry:现代中药", "industry:航空"]
    assert row.counts == {"shared": 2 + DESCRIBED, "only_provincial": 0.0, "only_city": DESCRIBED}
    assert row.jaccard == pytest.approx((2 + DESCRIBED) / 4)
    assert alignment(written, "all").row("汉中市").jaccard == pytest.approx(3 / 4)
    plans = alignment(written, "plans").row("汉中市")
    assert plans.shared == ["industry:现代中药", "industry:航空"] and plans.only_provincial == ["industry:新材料"]
    assert plans.jaccard == pytest.approx(2 / 3)


def test_cluster_links_attach_the_places_the_choice_counts(written):
    def attached(evidence: str) -> dict[str, float]:
        comms = communities(cotargeting(written, evidence=evidence))
        return {c["id"]: c["weight"] for c in cluster_links(written, comms, industry=UMBRELLA).attached["cities"]}

    listed = {place: DESCRIBED for place in BENCHMARKS} | {"city:汉中": DESCRIBED}
    assert attached("weighted") == listed
    assert attached("all") == dict.fromkeys(listed, 1.0)
    assert attached("plans") == {}  # no plan targets it
    planned = cluster_links(written, communities(cotargeting(written, evidence="plans")), industry="industry:航空")
    assert {c["id"]: c["weight"] for c in planned.attached["cities"]} == {"city:宝鸡": 1.0, "city:汉中": 1.0}


# -- the bundled corpus ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def corpus(corpus_graph):
    return corpus_graph


def described_only(graph) -> set[str]:
    """Places every TARGETS statement of which is descriptive (a report's benchmark cities, …)."""
    strengths: dict[str, set[str]] = {}
    for city, _, data in edges_of(graph, "TARGETS"):
        strengths.setdefault(city, set()).add(data["strength"])
    return {c for c, found in strengths.items() if found == {"other"}}


def test_corpus_heat_map_rows_are_planning_places_and_listed_places_are_not_alike(corpus):
    listed = described_only(corpus)
    equal, weighted = cotargeting(corpus, evidence="all"), cotargeting(corpus)
    listed &= set(weighted.city_graph)
    assert len(listed) >= 10  # the report's benchmark cities
    # before (all): the most alike pairs are listed places, identical to each other
    top = equal.city_pairs(limit=10)
    assert all({p["a"], p["b"]} <= listed and p["jaccard"] == 1.0 for p in top)
    # default: listed places are alike only as much as two descriptions make them (0.2 · 0.2), below every
    # pair of places that plan the same industries
    listed_pairs = [p for p in weighted.city_pairs() if {p["a"], p["b"]} <= listed]
    assert listed_pairs and max(p["jaccard"] for p in listed_pairs) <= DESCRIBED ** 2
    first = weighted.city_pairs(limit=30)
    assert not {x for p in first for x in (p["a"], p["b"])} & listed
    # the heat map figure's top rows are places with plan targets, no two of them alike
    rows = figures.heatmap_rows(weighted, communities(weighted, "cities"), top=30)
    assert not set(rows[:10]) & listed
    assert len({tuple(row) for row in weighted.similarity_matrix(rows)[:10]}) == 10
    # and the listed places that fill the figure's bottom rows are a nearly white block
    bottom = [r for r in rows if r in listed]
    matrix = weighted.similarity_matrix(bottom)
    assert len(bottom) >= 5 and matrix[~np.eye(len(bottom), dtype=bool)].max() <= DESCRIBED ** 2


def test_corpus_umbrella_industry_no_longer_dominates(corpus):
    equal, weighted = cotargeting(corpus, evidence="all").to_dict(10), cotargeting(corpus).to_dict(10)
    listed = described_only(corpus)
    umbrella = equal["most_targeted"][0]["id"]
    places = {c for c, i, _ in edges_of(corpus, "TARGETS") if i == umbrella}
    assert len(places & listed) > len(places) / 2  # mostly from the report's list
    assert umbrella not in [i["id"] for i in weighted["most_targeted"][:3]]
    assert centrality(corpus, evidence="all").ranking("Industry", "pagerank", 1)[0]["id"] == umbrella
    assert centrality(corpus).ranking("Industry", "pagerank", 1)[0]["id"] != umbrella
