"""Store selection: the one place that knows which GraphStore implementation is in use."""

from __future__ import annotations

from pathlib import Path

from graph.stores.base import GraphStore, QueryResult, ReadOnlyViolation, StoreError

__all__ = ["GraphStore", "QueryResult", "ReadOnlyViolation", "StoreError", "open_store"]


def open_store(db_path: str | Path, kind: str = "ladybug", read_only: bool = False) -> GraphStore:
    """Open the configured store. Only the embedded store exists so far; Neo4j arrives with its own issue."""
    if kind == "ladybug":
        from graph.stores.ladybug import LadybugStore

        return LadybugStore(db_path, read_only=read_only)
    raise StoreError(f"unknown store {kind!r}: POLICYKG_STORE must be 'ladybug'")
