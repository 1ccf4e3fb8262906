"""How much a place's statement about an industry counts in the analyses: a plan's target above a description.

A TARGETS edge (City → Industry) carries `strength`, what its sentence states. Every strength but `other`
(key, cultivate, and the plan classes pillar, emerging, future…) is a plan's target: the place is to develop
the industry. `other` is a descriptive statement: a research report's list of benchmark cities (第二梯队包括
苏州、武汉、杭州…，是我国先进制造业的骨干城市), an industry's output last year, a passing mention. Counted like
targets, one report's lists of eighteen benchmark cities made 先进制造业 the most targeted industry of the
bundled corpus and those places identical to each other (a block of identical dark rows in the heat map).

`WEIGHTS` is the one table of what a tie weighs under each choice; every analysis that counts City → Industry
ties (co-targeting and place similarity, their communities, centrality, the heat map, alignment) reads it
through `weight` or `ties`, and reports the choice it used (`describe`):

- `weighted` (the default): a target 1.0, a descriptive statement 0.2. A tie keeps the strongest statement
  made about it (a place that targets an industry in one document and describes it in another: 1.0).
- `plans`: descriptive statements left out (0): only plans' targets.
- `all`: every statement 1.0, the analyses as they were before the choice existed.

A weight reads as how likely the statement is a plan's target, so where two ties meet (two places sharing an
industry, a province's assignment and a place's own plan) they count the product: two places a report lists
for the same industry are 0.2 · 0.2 = 0.04 alike instead of identical.

Why 0.2 and not exclusion by default: the extractor also files as `other` plans' own sentences with weaker
verbs (推动钢铁延链升级, 发展生物医药产业): on the bundled corpus 28 of 西安's 91 industries and 25 of 汉中's 81
rest on such sentences alone. Left out, those places lose a third of their profile; at 0.2 those ties still
count, while a place known only from descriptions weighs a fifth of a planning one per tie and benchmark
lists no longer dominate. Excluding them is one choice away (`plans`).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any

import networkx as nx

from graph.analysis.load import edges_of


class Evidence(StrEnum):
    weighted = "weighted"
    plans = "plans"
    all = "all"


DEFAULT = Evidence.weighted
DESCRIPTIVE = "other"  # the strength of a descriptive statement; every other strength is a plan's target
# What a tie weighs under each choice: a plan's target, a descriptive statement.
WEIGHTS: dict[Evidence, dict[str, float]] = {
    Evidence.weighted: {"target": 1.0, "descriptive": 0.2},
    Evidence.plans: {"target": 1.0, "descriptive": 0.0},
    Evidence.all: {"target": 1.0, "descriptive": 1.0},
}
MEANS: dict[Evidence, str] = {
    Evidence.weighted: "plans' targets weigh 1.0, descriptive statements (strength other) 0.2",
    Evidence.plans: "only plans' targets count; descriptive statements (strength other) are left out",
    Evidence.all: "every statement counts 1.0, descriptive statements (strength other) like plans' targets",
}
DIGITS = 6  # weighted sums are rounded: 0.2 + 0.2 + 0.2 is 0.6, not 0.6000000000000001


def parse(evidence: str | Evidence | None) -> Evidence:
    """The choice named (None: the default); ValueError naming the choices for anything else."""
    if evidence is None:
        return DEFAULT
    try:
        return Evidence(evidence)
    except ValueError:
        raise ValueError(f"evidence must be one of {', '.join(e.value for e in Evidence)}, not {evidence!r}") from None


def weight(strength: str | None, evidence: str | Evidence | None = None) -> float:
    """What one TARGETS statement of this strength weighs (a missing strength is descriptive, as loaded)."""
    table = WEIGHTS[parse(evidence)]
    return table["descriptive"] if (strength or DESCRIPTIVE) == DESCRIPTIVE else table["target"]


def ties(graph: nx.MultiDiGraph, evidence: str | Evidence | None = None,
         edges: Iterable[tuple[str, str, dict[str, Any]]] | None = None) -> dict[tuple[str, str], float]:
    """(place, industry) → the weight of the strongest statement of that tie, over `edges` (default: every
    TARGETS edge of the graph); ties that weigh nothing under this choice are left out."""
    found: dict[tuple[str, str], float] = {}
    for city, industry, data in edges if edges is not None else edges_of(graph, "TARGETS"):
        w = weight(data.get("strength"), evidence)
        if w > found.get((city, industry), 0.0):
            found[(city, industry)] = w
    return found


def describe(evidence: str | Evidence | None = None) -> dict[str, Any]:
    """The choice, its weights and what it means, for an answer (so a reader knows how ties were counted)."""
    chosen = parse(evidence)
    return {"choice": chosen.value, "weights": dict(WEIGHTS[chosen]), "means": MEANS[chosen]}
