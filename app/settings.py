"""Configuration in one place, from the environment: POLICYKG_DB, POLICYKG_STORE, API limits."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_CORPUS = PROJECT_ROOT / "data" / "corpus"


@dataclass(frozen=True)
class Settings:
    db_path: Path
    store: str
    cypher_timeout_ms: int
    cypher_max_rows: int


def load_settings(db: str | Path | None = None) -> Settings:
    return Settings(
        db_path=Path(db or os.environ.get("POLICYKG_DB") or PROJECT_ROOT / "var" / "policykg.lbug"),
        store=os.environ.get("POLICYKG_STORE", "ladybug"),
        cypher_timeout_ms=int(os.environ.get("POLICYKG_CYPHER_TIMEOUT_MS", "10000")),
        cypher_max_rows=int(os.environ.get("POLICYKG_CYPHER_MAX_ROWS", "1000")),
    )
