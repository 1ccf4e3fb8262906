"""Build the graph from documents: extract each (pure), then replace its facts in the store (atomic).

A document that cannot be read or extracted is reported and skipped; the store keeps what it had for it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from graph.stores import GraphStore
from loaders.pipeline import discover, process
from loaders.read import ReadError


@dataclass
class BuildReport:
    loaded: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    nodes: int = 0
    edges: int = 0


def build(store: GraphStore, paths: list[Path], progress: Callable[[Path], None] | None = None) -> BuildReport:
    report = BuildReport()
    for path in discover(paths):
        try:
            batch = process(path)
            store.replace_document(batch)
        except ReadError as exc:
            report.failed[str(path)] = str(exc)
        except Exception as exc:  # one bad document must not stop the others; the store rolled back
            report.failed[str(path)] = f"{path.name}: {type(exc).__name__}: {exc}"
        else:
            report.loaded.append(str(path))
            report.nodes += len(batch.nodes)
            report.edges += len(batch.edges)
        if progress:
            progress(path)
    return report
