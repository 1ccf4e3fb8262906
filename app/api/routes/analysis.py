"""Cluster-link analyses over HTTP: co-targeting, communities, centrality, cluster links, alignment, figures.

Each answer is computed from one NetworkX graph loaded through the analysis named queries (their Cypher is
in every answer's `cypher`), without evidence sentences: cluster links, the one answer that cites them, read
the sentences of the edges it shows (graph/analysis/load.py's add_text). Loading and the analyses take a
second or more on a large graph, so everything is cached per graph generation (the store and its node/edge
counts, app/api/counts.py: a new generation drops the lot): the graph, each analysis per `evidence` choice,
each cluster's links, and, the last `RECENT` of them, filtered co-targeting and rendered figures (their
parameters make too many combinations to keep them all).

Every analysis endpoint takes `evidence`: how a place's ties to industries count (graph/analysis/evidence.py
holds the weights). `weighted` (the default) weighs a plan's target 1.0 and a descriptive statement (strength
`other`: a research report's list of benchmark cities) 0.2; `plans` leaves descriptions out; `all` counts
every statement 1.0, as the analyses did before the choice. Any other value is a 422.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from enum import StrEnum
from typing import Any

import networkx as nx
from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import Response

from app.api import deps
from app.api.counts import counts_of
from app.api.queries import Item, errors, id_query, items_query, text_query
from graph.analysis import figures
from graph.analysis.alignment import Alignment, alignment
from graph.analysis.centrality import LABELS, Centrality, centrality
from graph.analysis.cluster import ClusterLinks, cluster_links
from graph.analysis.communities import Communities, communities
from graph.analysis.cotargeting import DEFAULT_LEVELS, CoTargeting, cotargeting
from graph.analysis.evidence import DEFAULT, MEANS, Evidence
from graph.analysis.load import ANALYSED_TYPES, add_text, load_graph
from graph.stores import GraphStore

router = APIRouter(prefix="/analysis", tags=["analysis"])
MEDIA = {"png": "image/png", "svg": "image/svg+xml"}
MAX_ROWS = 1000  # ranked rows of one answer (pairs, members, places): more than any province's graph has
# A figure is a PNG or an SVG, not JSON: documented so that clients (and schemathesis) expect those types.
FIGURE = {"response_class": Response, "responses": {
    200: {"content": {media: {} for media in MEDIA.values()}, "description": "the figure, as the path's format"},
    **errors(400, 422)}}


EVIDENCE_HELP = ("how a place's ties to industries count: " + "; ".join(f"`{e.value}`: {MEANS[e]}" for e in Evidence)
                 + f". Default `{DEFAULT.value}`: plans' targets dominate, a research report's list of benchmark cities "
                 "no longer makes them alike or its industry the most targeted.")


def evidence_query() -> Any:
    return Query(DEFAULT, description=EVIDENCE_HELP)


class Format(StrEnum):
    png = "png"
    svg = "svg"


class Of(StrEnum):
    industries = "industries"
    cities = "cities"


class Kind(StrEnum):
    network = "network"
    heatmap = "heatmap"


RECENT = 32  # filtered co-targeting results and rendered figures kept (the most recently used)


class _Cache:
    """Analysis results of one graph generation: one store with unchanged counts."""

    def __init__(self) -> None:
        self.lock = threading.RLock()  # analyses ask for the graph (and each other) while computing
        self.key: tuple | None = None
        self.values: dict[str, Any] = {}
        self.recent: OrderedDict[Any, Any] = OrderedDict()

    def get(self, store: GraphStore, name: Any, compute: Callable[[], Any], recent: bool = False) -> Any:
        """The cached value of `name`, computed once per generation; with `recent`, kept only while among the
        RECENT most recently used of its kind."""
        key = (id(store), tuple(sorted(counts_of(store).items())))
        with self.lock:
            if key != self.key:
                self.key, self.values, self.recent = key, {}, OrderedDict()
            if not recent:
                if name not in self.values:
                    self.values[name] = compute()
                return self.values[name]
            if name in self.recent:
                self.recent.move_to_end(name)
            else:
                self.recent[name] = compute()
                while len(self.recent) > RECENT:
                    self.recent.popitem(last=False)
            return self.recent[name]


_cache = _Cache()


def _graph(store: GraphStore) -> tuple[nx.MultiDiGraph, list[dict[str, Any]]]:
    def load() -> tuple[nx.MultiDiGraph, list[dict[str, Any]]]:
        trail: list[dict[str, Any]] = []
        return load_graph(store, types=ANALYSED_TYPES, trail=trail), trail

    return _cache.get(store, "graph", load)


def _cotargeting(store: GraphStore, evidence: Evidence) -> CoTargeting:
    return _cache.get(store, f"cotargeting:{evidence}", lambda: cotargeting(_graph(store)[0], evidence=evidence))


def _communities(store: GraphStore, of: str, evidence: Evidence) -> Communities:
    return _cache.get(store, f"communities:{of}:{evidence}", lambda: communities(_cotargeting(store, evidence), of))


def _centrality(store: GraphStore, evidence: Evidence) -> Centrality:
    return _cache.get(store, f"centrality:{evidence}", lambda: centrality(_graph(store)[0], evidence=evidence))


def _alignment(store: GraphStore, evidence: Evidence) -> Alignment:
    return _cache.get(store, f"alignment:{evidence}", lambda: alignment(_graph(store)[0], evidence))


def _figure(store: GraphStore, key: tuple, draw: Callable[[], Any], fmt: Format) -> Response:
    """A figure's bytes, drawn and rendered once per generation while among the RECENT figures asked for."""
    body = _cache.get(store, ("figure", *key, fmt.value), lambda: figures.render(draw(), fmt.value), recent=True)
    return Response(body, media_type=MEDIA[fmt.value])


@router.get("/cotargeting", responses=errors(400, 422))
@deps.offloaded
def cotargeting_answer(limit: int = Query(50, ge=1, le=MAX_ROWS),
                       industry: str | None = id_query(None, "an industry id: its pairs only"),
                       city: str | None = id_query(None, "a place id: its pairs only"),
                       strength: list[Item] = items_query("key, cultivate, other"),
                       level: list[Item] = items_query(f"place levels; default {DEFAULT_LEVELS}"),
                       evidence: Evidence = evidence_query(),
                       store: GraphStore = Depends(deps.store)) -> dict[str, Any]:
    """Industries planned together (places in common, Jaccard) and places planning alike (Jaccard, cosine),
    ties weighed by `evidence`: `shared` is the weighted count, `places`/`industries` the plain one."""
    graph, trail = _graph(store)
    if strength or level:
        levels, strengths = tuple(level or DEFAULT_LEVELS), tuple(strength)
        result = _cache.get(store, ("cotargeting", levels, strengths, evidence.value),
                            lambda: cotargeting(graph, levels, strengths, evidence=evidence), recent=True)
    else:
        result = _cotargeting(store, evidence)
    answer = result.to_dict(limit)
    if industry:
        answer["industry_pairs"] = result.industry_pairs(limit, industry)
    if city:
        answer["city_pairs"] = result.city_pairs(limit, city)
    return answer | {"cypher": trail}


@router.get("/cotargeting/figure.{fmt}", **FIGURE)
@deps.offloaded
def cotargeting_figure(fmt: Format, kind: Kind = Kind.network, top: int = Query(60, ge=2, le=300),
                       evidence: Evidence = evidence_query(), store: GraphStore = Depends(deps.store)) -> Response:
    """The industry co-targeting network coloured by community, or the place-similarity heat map."""
    if kind is Kind.heatmap:
        return _figure(store, ("heatmap", top, evidence.value), lambda: figures.heatmap_figure(
            _cotargeting(store, evidence), _communities(store, "cities", evidence), top), fmt)
    return _figure(store, ("network", "industries", top, evidence.value),
                   lambda: figures.network_figure(_communities(store, "industries", evidence), top), fmt)


@router.get("/communities", responses=errors(400, 422))
@deps.offloaded
def communities_answer(of: Of = Of.industries, members: int | None = Query(None, ge=1, le=MAX_ROWS),
                       evidence: Evidence = evidence_query(),
                       store: GraphStore = Depends(deps.store)) -> dict[str, Any]:
    """Louvain communities (seed 42) of the industry or place projection, with modularity and names."""
    return _communities(store, of.value, evidence).to_dict(members) | {"cypher": _graph(store)[1]}


@router.get("/communities/figure.{fmt}", **FIGURE)
@deps.offloaded
def communities_figure(fmt: Format, of: Of = Of.industries, top: int = Query(60, ge=2, le=300),
                       evidence: Evidence = evidence_query(), store: GraphStore = Depends(deps.store)) -> Response:
    return _figure(store, ("network", of.value, top, evidence.value),
                   lambda: figures.network_figure(_communities(store, of.value, evidence), top), fmt)


@router.get("/centrality", responses=errors(400, 422))
@deps.offloaded
def centrality_answer(label: list[Item] = items_query(", ".join(LABELS)),
                      top: int = Query(20, ge=1, le=MAX_ROWS), evidence: Evidence = evidence_query(),
                      store: GraphStore = Depends(deps.store)) -> dict[str, Any]:
    """Degree, betweenness and PageRank rankings, each with a sentence saying what it means."""
    known = {x.lower(): x for x in LABELS}
    unknown = [x for x in label if x.lower() not in known]
    if unknown:
        raise HTTPException(422, detail=f"unknown label {unknown}; use {', '.join(LABELS)}")
    labels = [known[x.lower()] for x in label] or list(LABELS)
    return _centrality(store, evidence).to_dict(labels, top) | {"cypher": _graph(store)[1]}


@router.get("/cluster", responses=errors(400, 404, 409, 422))
@deps.offloaded
def cluster_answer(industry: str | None = text_query(None, "an industry id (or name): it and its sub-industries"),
                   community: int | None = Query(None, ge=0, le=MAX_ROWS, description="an industry community's index"),
                   limit: int | None = Query(None, ge=1, le=MAX_ROWS), evidence: Evidence = evidence_query(),
                   store: GraphStore = Depends(deps.store)) -> dict[str, Any]:
    """Places, parks, firms, agencies and targets attached to an industry cluster, and its bridges (the
    communities, and so the bridges, of the co-targeting projection weighed by `evidence`)."""
    if (industry is None) == (community is None):
        raise HTTPException(422, detail="give exactly one of industry= or community=")
    if industry is not None:  # an id, or a name, alias or English name resolved as every id parameter is
        industry = deps.resolve_entity(store, industry, "Industry")
    graph, loaded = _graph(store)

    def links() -> tuple[ClusterLinks, list[dict[str, Any]]]:
        trail = list(loaded)  # and the sentences' query (graph/analysis/load.py add_text)
        return cluster_links(graph, _communities(store, "industries", evidence), industry=industry,
                             community=community, text=lambda nodes: add_text(store, graph, nodes, ANALYSED_TYPES, trail)), trail

    try:
        result, trail = _cache.get(store, ("cluster", industry, community, evidence.value), links)
    except LookupError as exc:
        raise HTTPException(404, detail=str(exc)) from exc
    return result.to_dict(limit) | {"cypher": trail}


@router.get("/alignment", responses=errors(400, 422))
@deps.offloaded
def alignment_answer(evidence: Evidence = evidence_query(), store: GraphStore = Depends(deps.store)) -> dict[str, Any]:
    """Per place: industries provincial documents assign to it against those its own documents target
    (`counts` weighted by `evidence`, `industries` the plain numbers)."""
    return _alignment(store, evidence).to_dict() | {"cypher": _graph(store)[1]}


@router.get("/alignment/figure.{fmt}", **FIGURE)
@deps.offloaded
def alignment_figure(fmt: Format, evidence: Evidence = evidence_query(),
                     store: GraphStore = Depends(deps.store)) -> Response:
    return _figure(store, ("alignment", evidence.value), lambda: figures.alignment_figure(_alignment(store, evidence)),
                   fmt)
