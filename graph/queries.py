"""The registry of named queries: one `.cypher` file per query in `cypher/queries/`, with a header.

Header lines at the top of a file: `// name: …`, `// params: a, b`, `// answers: …`. Where LadybugDB and
Neo4j differ, the file holds variants after `// dialect: ladybug` and `// dialect: neo4j` lines; text
before the first dialect line is shared by both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

CYPHER_DIR = Path(__file__).resolve().parent.parent / "cypher"
HEADER = re.compile(r"^//\s*(name|params|answers)\s*:\s*(.*)$")
DIALECT = re.compile(r"^//\s*dialect\s*:\s*(\w+)\s*$")


@dataclass(frozen=True)
class NamedQuery:
    name: str
    params: tuple[str, ...]
    answers: str
    variants: dict[str, str] = field(default_factory=dict)
    path: Path | None = None

    def text(self, dialect: str) -> str:
        return self.variants.get(dialect) or self.variants["*"]


def parse(path: Path) -> NamedQuery:
    header: dict[str, str] = {}
    variants: dict[str, list[str]] = {"*": []}
    current = "*"
    for line in path.read_text(encoding="utf-8").splitlines():
        match = HEADER.match(line)
        dialect = DIALECT.match(line)
        if match and current == "*" and not any(x.strip() for x in variants["*"]):
            header[match.group(1)] = match.group(2).strip()
        elif dialect:
            current = dialect.group(1)
            variants[current] = []
        else:
            variants[current].append(line)
    texts = {k: "\n".join(v).strip() for k, v in variants.items() if "\n".join(v).strip()}
    name = header.get("name") or path.stem
    params = tuple(p.strip() for p in header.get("params", "").split(",") if p.strip())
    return NamedQuery(name, params, header.get("answers", ""), texts, path)


@lru_cache(maxsize=1)
def registry() -> dict[str, NamedQuery]:
    return {q.name: q for q in (parse(p) for p in sorted((CYPHER_DIR / "queries").glob("*.cypher")))}


def get(name: str) -> NamedQuery:
    try:
        return registry()[name]
    except KeyError:
        raise KeyError(f"no named query {name!r}; known: {', '.join(sorted(registry()))}") from None


def schema_statements(store: str) -> list[str]:
    text = (CYPHER_DIR / "schema" / f"{store}.cypher").read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    return [s.strip() for s in body.split(";") if s.strip()]
