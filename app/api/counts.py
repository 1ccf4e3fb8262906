"""The served graph's node and edge counts, read once instead of on every request.

`store.counts()` is one count query per label and relationship type (25 today). /health answered with it on
every call, and the analyses used it as their cache key on every call; under 32 concurrent clients each of
those queries waits its turn for the interpreter, and /health's p99 passed a second (bench/abuse.py). The
embedded graph cannot change while it is served (the server holds it open read-only and a build into it is
refused: graph/stores/lock.py), so its counts are read once; a Neo4j graph can be written by another process,
so its counts are read again when they are older than `ttl_s`.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from graph.stores import GraphStore

NEO4J_TTL_S = 30.0
_by_store: dict[int, GraphCounts] = {}


class GraphCounts:
    """Counts of one store, refreshed after `ttl_s` seconds (None: never, the graph cannot change)."""

    def __init__(self, store: GraphStore, ttl_s: float | None):
        self.store = store
        self.ttl_s = ttl_s
        self._lock = threading.Lock()
        self._counts: dict[str, int] | None = None
        self._read_at = 0.0

    @property
    def stale(self) -> bool:
        return self._counts is None or (self.ttl_s is not None and time.monotonic() - self._read_at > self.ttl_s)

    def get(self) -> dict[str, int]:
        with self._lock:
            if self.stale:
                self._counts, self._read_at = self.store.counts(), time.monotonic()
            return dict(self._counts)

    def health(self) -> dict[str, Any]:
        counts = self.get()
        return {"status": "ok", "documents": counts.get("Document", 0),
                "nodes": sum(v for k, v in counts.items() if not k.isupper()),
                "edges": sum(v for k, v in counts.items() if k.isupper())}


def register(store: GraphStore) -> GraphCounts:
    """The counts of a store the app serves (embedded: read once; Neo4j: every NEO4J_TTL_S seconds)."""
    counts = GraphCounts(store, None if getattr(store, "dialect", "ladybug") == "ladybug" else NEO4J_TTL_S)
    _by_store[id(store)] = counts
    return counts


def unregister(store: GraphStore) -> None:
    _by_store.pop(id(store), None)


def counts_of(store: GraphStore) -> dict[str, int]:
    """A served store's counts from its register()ed reader, else read now (a store the app does not serve)."""
    counts = _by_store.get(id(store))
    return counts.get() if counts is not None else store.counts()
