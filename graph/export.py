"""Exports of the graph: SCHEMA.md's JSON (what the scorer and researchers read)."""

from __future__ import annotations

import json
from pathlib import Path

from graph.stores import GraphStore

FORMATS = ("json",)


def write_export(store: GraphStore, fmt: str, out: Path) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; available: {', '.join(FORMATS)}")
    data = store.export()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return f"{len(data['nodes'])} nodes, {len(data['edges'])} edges"
