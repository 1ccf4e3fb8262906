"""Store selection: the one place that knows which GraphStore implementation is in use.

`ladybug` (the default) is the embedded store, one file at `db_path`; `neo4j` is the production store, a
server reached with a `Neo4jConfig` (and `db_path` is ignored). Each implementation is imported only when
chosen, so the embedded path never loads the Neo4j driver and vice versa.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from graph.stores.base import GraphStore, QueryResult, QueryStopped, ReadOnlyViolation, StoreError, StoreNotEmpty
from graph.stores.lock import require_database

__all__ = ["STORES", "GraphStore", "Neo4jConfig", "QueryResult", "QueryStopped", "ReadOnlyViolation", "StoreError", "StoreNotEmpty", "open_store",
           "require_graph"]

STORES = ("ladybug", "neo4j")


@dataclass(frozen=True)
class Neo4jConfig:
    """Where the Neo4j store lives and how big its write batches are.

    `from_env` reads the variables app/settings.py documents (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD,
    NEO4J_DATABASE, POLICYKG_NEO4J_BATCH); it lives here, below app/, so that a caller holding only a store
    kind (the API's factory) opens the same server as one holding the settings.
    """

    uri: str = "bolt://localhost:7687"
    user: str = "neo4j"
    password: str = ""
    database: str = "neo4j"
    batch_size: int = 1000

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Neo4jConfig:
        env = os.environ if environ is None else environ
        try:
            batch_size = int(env.get("POLICYKG_NEO4J_BATCH") or cls.batch_size)
        except ValueError as exc:
            raise StoreError(f"POLICYKG_NEO4J_BATCH must be a whole number, not {env['POLICYKG_NEO4J_BATCH']!r}") from exc
        return cls(uri=env.get("NEO4J_URI") or cls.uri, user=env.get("NEO4J_USER") or cls.user,
                   password=env.get("NEO4J_PASSWORD", ""), database=env.get("NEO4J_DATABASE") or cls.database,
                   batch_size=max(1, batch_size))

    def __repr__(self) -> str:  # never print the password (logs, tracebacks)
        return (f"Neo4jConfig(uri={self.uri!r}, user={self.user!r}, password='***', database={self.database!r}, "
                f"batch_size={self.batch_size})")


def open_store(db_path: str | Path, kind: str = "ladybug", read_only: bool = False, *,
               neo4j: Neo4jConfig | None = None) -> GraphStore:
    """Open the configured store: `kind` is POLICYKG_STORE; `neo4j` defaults to the environment's settings.

    Every command that only reads passes `read_only=True`. For the embedded store that is what keeps the file
    unchanged and lets readers share it; it also makes a missing database a StoreError ("no graph at X: run
    policykg build first") instead of an empty database created at a mistyped path. Either mode raises
    StoreError when another process holds the file in the conflicting mode (graph/stores/lock.py).
    """
    if kind == "ladybug":
        from graph.stores.ladybug import LadybugStore

        return LadybugStore(db_path, read_only=read_only)
    if kind == "neo4j":
        from graph.stores.neo4j import Neo4jStore

        return Neo4jStore(neo4j or Neo4jConfig.from_env(), read_only=read_only)
    raise StoreError(f"unknown store {kind!r}: POLICYKG_STORE must be one of {', '.join(STORES)}")


def require_graph(db_path: str | Path, kind: str = "ladybug") -> None:
    """Raise StoreError ("no graph at X: run policykg build first") when the embedded database is missing; for
    callers that hand the path to another process (the query sandbox) and want the refusal here, in one line,
    rather than from inside a worker. A Neo4j store is a server: whether it answers is for opening to tell."""
    if kind == "ladybug":
        require_database(db_path)
