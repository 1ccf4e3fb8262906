"""Figures of the analyses (matplotlib, Agg backend): co-targeting network, similarity heat map, alignment bars.

Labels are Chinese: `fonts` finds the CJK font they are drawn with (also when matplotlib's font cache
predates its installation). Without one, the figures still draw, with one warning instead of one per
character. SVGs keep text as paths, so they show the same glyphs in any viewer whether or not it has the font.

Figures are drawn from analysis results, never from the store, and each returns a matplotlib Figure;
`render` turns one into PNG or SVG bytes and `save` writes it to a path.
"""

from __future__ import annotations

import io
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import matplotlib
import networkx as nx
import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from graph.analysis.alignment import Alignment
from graph.analysis.communities import Communities
from graph.analysis.cotargeting import CoTargeting
from graph.analysis.evidence import MEANS, Evidence
from graph.analysis.fonts import MISSING_GLYPH_WARNING, cjk_font
from graph.analysis.load import display

# No display on servers and CI. Figures are made as bare `Figure`s, never through pyplot, so there is no
# global figure registry to leak between API requests and threads.
matplotlib.use("Agg")

FORMATS = ("png", "svg")
PALETTE = matplotlib.colormaps["tab20"].colors
SEED = 42


_LOCK = threading.RLock()


@contextmanager
def _styled() -> Iterator[None]:
    """The CJK style, for one figure or one rendering at a time: rcParams are global and matplotlib is not
    thread-safe, and the API renders from a thread pool."""
    with _LOCK, matplotlib.rc_context(_style()), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=MISSING_GLYPH_WARNING)
        yield


def _style() -> dict[str, object]:
    font = cjk_font()
    return {"font.family": "sans-serif", "font.sans-serif": [font, "DejaVu Sans"] if font else ["DejaVu Sans"],
            "axes.unicode_minus": False, "svg.fonttype": "path", "svg.hashsalt": "policykg"}


def _figure(width: float, height: float) -> Figure:
    """A figure of this size, outside pyplot."""
    return Figure(figsize=(width, height), dpi=100)


def render(figure: Figure, fmt: str) -> bytes:
    """The figure as PNG or SVG bytes."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    buffer = io.BytesIO()
    with _styled():
        figure.savefig(buffer, format=fmt, bbox_inches="tight", metadata={"Date": None} if fmt == "svg" else None)
    return buffer.getvalue()


def save(figure: Figure, path: Path) -> list[Path]:
    """Write the figure to `path` (.png or .svg), or to both `path`.png and `path`.svg for any other suffix."""
    path = Path(path)
    suffix = path.suffix.lower().lstrip(".")
    targets = [path] if suffix in FORMATS else [path.with_name(path.name + f".{fmt}") for fmt in FORMATS]
    for target in targets:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(render(figure, target.suffix.lstrip(".").lower()))
    return targets


def network_figure(comms: Communities, top: int = 60, title: str | None = None) -> Figure:
    """The projection's `top` nodes by weighted degree, coloured by community, sized by weighted degree."""
    graph = comms.graph
    strength = dict(graph.degree(weight="weight"))
    keep = sorted(sorted(graph, key=lambda n: (-strength[n], n))[:top])
    sub = _induced(graph, keep)
    membership = comms.membership()
    with _styled():
        figure = _figure(12, 10)
        ax = figure.add_subplot()
        if sub.number_of_nodes():
            layout = nx.spring_layout(sub, weight="weight", seed=SEED)
            top_strength = max(strength[n] for n in keep) or 1
            # All edges place the nodes; only the strongest fifth is drawn, or a dense projection is a hairball.
            weights = [w for *_, w in sub.edges(data="weight")]
            cut = float(np.percentile(weights, 80)) if weights else 0.0
            strong = [(a, b) for a, b, w in sub.edges(data="weight") if w >= cut]
            widths = [0.3 + 2.5 * sub.edges[e]["weight"] / max(weights) for e in strong]
            nx.draw_networkx_edges(sub, layout, ax=ax, edgelist=strong, width=widths, alpha=0.3, edge_color="#777777")
            nx.draw_networkx_nodes(sub, layout, ax=ax, nodelist=keep, node_size=[80 + 900 * strength[n] / top_strength for n in keep],
                                   node_color=[PALETTE[membership.get(n, 0) % len(PALETTE)] for n in keep],
                                   edgecolors="white", linewidths=0.5)
            nx.draw_networkx_labels(sub, layout, ax=ax, labels={n: display(graph, n) for n in keep}, font_size=8)
            handles = [Patch(color=PALETTE[c.index % len(PALETTE)], label=f"{c.index}: {c.name}")
                       for c in comms.communities if set(c.members) & set(keep)]
            ax.legend(handles=handles, loc="lower left", fontsize=8, frameon=False)
        shown = f"top {len(keep)} of {graph.number_of_nodes()}" if len(keep) < graph.number_of_nodes() else "all"
        weighed = f"\nevidence: {comms.evidence} ({MEANS[Evidence(comms.evidence)]})" if comms.evidence else ""
        ax.set_title(title or f"Co-targeting of {comms.of} ({shown}), Louvain communities, "
                              f"modularity {comms.modularity:.3f}; edges drawn: strongest fifth{weighed}")
        ax.set_axis_off()
    return figure


def _induced(graph: nx.Graph, keep: list[str]) -> nx.Graph:
    """The subgraph on `keep`, nodes and edges in `keep`'s order. `graph.subgraph` would iterate its nodes in
    set order (a different layout on every run) and filter every edge on each pass (slow)."""
    chosen = set(keep)
    sub = nx.Graph()
    sub.add_nodes_from((n, graph.nodes[n]) for n in keep)
    sub.add_edges_from((a, b, d) for a in keep for b, d in sorted(graph[a].items()) if b in chosen and a < b)
    return sub


def heatmap_rows(cot: CoTargeting, comms: Communities | None = None, top: int = 30) -> list[str]:
    """The heat map's places: the `top` with the most weighted ties, by community (Communities.by_ties)."""
    inc = cot.incidence
    weighted = dict(zip(inc.cities, inc.city_weight.tolist(), strict=True))
    cities = sorted(inc.cities, key=lambda c: (-weighted[c], c))[:top]
    return comms.by_ties(cities) if comms else cities


def heatmap_figure(cot: CoTargeting, comms: Communities | None = None, top: int = 30) -> Figure:
    """Jaccard similarity of the `top` places with the most targeted industries (weighed by what their
    statements state: cot.evidence), grouped by community, the community with the most weighted ties first
    (Communities.by_ties)."""
    cities = heatmap_rows(cot, comms, top)
    matrix = cot.similarity_matrix(cities) if cities else np.zeros((0, 0))
    names = [display(cot.city_graph, c) for c in cities]
    with _styled():
        size = max(5.0, 0.32 * len(cities) + 3)
        figure = _figure(size + 1.5, size)
        ax = figure.add_subplot()
        # One quad per cell, not imshow: imshow resamples the matrix to the output's pixels in float arrays
        # (~36 MiB per render at 30 places, most of a serving process's growth for this figure), and an SVG
        # gets crisp vector cells instead of an embedded raster.
        image = ax.pcolormesh(matrix, cmap="viridis", vmin=0, vmax=1)
        ax.set_aspect("equal")
        ax.invert_yaxis()  # the first place top left, as in a table
        centres = np.arange(len(names)) + 0.5
        ax.set_xticks(centres, names, rotation=90, fontsize=8)
        ax.set_yticks(centres, names, fontsize=8)
        figure.colorbar(image, ax=ax, fraction=0.046, pad=0.04, label="Jaccard similarity of targeted industries")
        ax.set_title("Places by industry profile" + (" (grouped by community)" if comms else "")
                     + f"\nevidence: {cot.evidence.value} ({MEANS[cot.evidence]})", fontsize=9)
    return figure


def alignment_figure(result: Alignment) -> Figure:
    """Per place: industries shared by provincial and own plans, only provincial, only the place's own
    (weighted counts: result.evidence)."""
    rows = result.rows
    with _styled():
        figure = _figure(10, max(3.0, 0.45 * len(rows) + 1.5))
        ax = figure.add_subplot()
        y = np.arange(len(rows))
        shared = np.array([r.counts["shared"] for r in rows])
        provincial = np.array([r.counts["only_provincial"] for r in rows])
        own = np.array([r.counts["only_city"] for r in rows])
        ax.barh(y, shared, color="#2a9d8f", label="shared")
        ax.barh(y, provincial, left=shared, color="#e9c46a", label="only provincial")
        ax.barh(y, own, left=shared + provincial, color="#e76f51", label="only the place's own")
        labels = [f"{r.name}" + ("" if r.has_own_documents else " *") for r in rows]
        ax.set_yticks(y, labels)
        ax.invert_yaxis()
        for k, r in enumerate(rows):
            if r.jaccard is not None:
                ax.text(shared[k] + provincial[k] + own[k] + 0.5, k, f"J={r.jaccard:.2f}", va="center", fontsize=8)
        ax.set_xlabel("industries targeted" + ("" if result.evidence is Evidence.all else " (weighted)"))
        ax.set_title("Provincial assignments vs the place's own plans (* no documents of its own)"
                     f"\nevidence: {result.evidence.value} ({MEANS[result.evidence]})", fontsize=10)
        ax.legend(loc="best", frameon=False)
    return figure
