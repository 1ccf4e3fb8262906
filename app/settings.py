"""Configuration in one place, from the environment.

| variable | meaning | default |
|---|---|---|
| POLICYKG_STORE | `ladybug` (embedded, one file) or `neo4j` (production server) | ladybug |
| POLICYKG_DB | the embedded database file (ignored for neo4j) | var/policykg.lbug |
| NEO4J_URI | the Neo4j server (bolt:// or neo4j://) | bolt://localhost:7687 |
| NEO4J_USER, NEO4J_PASSWORD | its credentials (no password: no authentication) | neo4j, "" |
| NEO4J_DATABASE | the database on that server | neo4j |
| POLICYKG_NEO4J_BATCH | rows per UNWIND batch when writing to Neo4j | 1000 |
| POLICYKG_CYPHER_TIMEOUT_MS, POLICYKG_CYPHER_MAX_ROWS | limits of analysts' read-only Cypher | 10000, 1000 |
| POLICYKG_CYPHER_WORKERS, POLICYKG_CYPHER_QUEUE | worker processes for analysts' Cypher, and queries that may wait for one (more: 503) | 2, 8 |
| POLICYKG_CYPHER_MEMORY_MB | memory one analyst's query may use before it is stopped | 1024 |
| POLICYKG_DOC_SECONDS | seconds to read and extract one document when building (0: no limit; app/build.py) | 120 |
| POLICYKG_MAX_BYTES | size of a document's file on disk (loaders/read.py, as are the limits below) | 25 MiB |
| POLICYKG_MAX_CHARS | characters of text one document may yield, in any format | 2000000 |
| POLICYKG_DOCX_MAX_ENTRIES | files inside a .docx | 1000 |
| POLICYKG_DOCX_MAX_UNPACKED | bytes a .docx's entries unpack to, summed | 100 MiB |
| POLICYKG_DOCX_MAX_RATIO | unpacked/packed size of one .docx entry over 1 MiB (a zip bomb is refused) | 500 |
| POLICYKG_HTML_MAX_CHARS | characters of decoded HTML | 16000000 |
| POLICYKG_HTML_MAX_DEPTH | element nesting in HTML | 512 |

The document limits are not Settings fields: the builder and the readers read them from the environment
themselves (`app.build.doc_seconds_from_env`, `loaders.read.Limits.from_env`), and a document over one is
reported and skipped. loaders/read.py's docstring gives the reason for each number. Sizes are set in bytes
(POLICYKG_MAX_BYTES=52428800 for 50 MiB).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from graph.stores import Neo4jConfig
from graph.stores.sandbox import SandboxLimits

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_CORPUS = PROJECT_ROOT / "data" / "corpus"


@dataclass(frozen=True)
class Settings:
    db_path: Path
    store: str
    cypher_timeout_ms: int
    cypher_max_rows: int
    neo4j: Neo4jConfig = field(default_factory=Neo4jConfig)
    cypher_workers: int = 2
    cypher_queue: int = 8
    cypher_memory_mb: int = 1024

    def sandbox_limits(self, **changes: int) -> SandboxLimits:
        """The limits of analysts' Cypher (graph/stores/sandbox.py); the CLI runs one worker and no queue."""
        limits = {"workers": self.cypher_workers, "queue": self.cypher_queue, "timeout_ms": self.cypher_timeout_ms,
                  "memory_mb": self.cypher_memory_mb, "max_rows": self.cypher_max_rows}
        return SandboxLimits(**(limits | changes))


def load_settings(db: str | Path | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if environ is None else environ
    return Settings(
        db_path=Path(db or env.get("POLICYKG_DB") or PROJECT_ROOT / "var" / "policykg.lbug"),
        store=env.get("POLICYKG_STORE", "ladybug"),
        cypher_timeout_ms=int(env.get("POLICYKG_CYPHER_TIMEOUT_MS", "10000")),
        cypher_max_rows=int(env.get("POLICYKG_CYPHER_MAX_ROWS", "1000")),
        cypher_workers=max(1, int(env.get("POLICYKG_CYPHER_WORKERS", "2"))),
        cypher_queue=max(0, int(env.get("POLICYKG_CYPHER_QUEUE", "8"))),
        cypher_memory_mb=max(64, int(env.get("POLICYKG_CYPHER_MEMORY_MB", "1024"))),
        neo4j=Neo4jConfig.from_env(env),
    )
