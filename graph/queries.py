"""The registry of named queries: one `.cypher` file per query in `cypher/queries/`, with a header.

Header lines at the top of a file: `// name: …`, `// params: a, b`, `// answers: …`. Where LadybugDB and
Neo4j differ, the file holds variants after `// dialect: ladybug` and `// dialect: neo4j` lines; text
before the first dialect line is shared by both. `// serial: why` makes the embedded store run the query on one
thread (LadybugStore.named).

A parameter that only narrows or pages (strengths, levels, roles, skip, limit) carries its default in the
header as JSON, `// params: industry_ids, strengths = [], skip = 0, limit = 50`: the value the API's endpoints
send when the user gives none (an empty filter means all; a page is the endpoints' first page, limit
DEFAULT_LIMIT). A caller that names a query by itself (an export's `query=`) then gives only what the query is
about, and `NamedQuery.bind` fills the rest or names what is missing.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from graph.model import NODE_LABELS

CYPHER_DIR = Path(__file__).resolve().parent.parent / "cypher"
HEADER = re.compile(r"^//\s*(name|params|answers|anchored|labels|serial)\s*:\s*(.*)$")
DIALECT = re.compile(r"^//\s*dialect\s*:\s*(\w+)\s*$")
PARAM = re.compile(r"^\s*([A-Za-z_]\w*)\s*(?:=\s*(.+?))?\s*$")
PAIR = re.compile(r"^\s*([A-Za-z_]\w*)\s*=\s*([A-Za-z_]\w*)\s*$")
LABELS_BY_PREFIX = {label.lower(): label for label in NODE_LABELS}  # make_id writes "<label lowercased>:<key>"
DEFAULT_LIMIT = 50  # rows of a page when none is asked for: the API's Page default (app/api/queries.py)


class MissingParameters(ValueError):
    """A named query asked for without a parameter it has no default for."""

    def __init__(self, name: str, missing: list[str]):
        super().__init__(f"named query {name} needs parameter{'s' if len(missing) > 1 else ''}: {', '.join(missing)}")
        self.missing = missing


@dataclass(frozen=True)
class NamedQuery:
    name: str
    params: tuple[str, ...]
    answers: str
    variants: dict[str, str] = field(default_factory=dict)
    path: Path | None = None
    defaults: dict[str, object] = field(default_factory=dict)
    anchored: tuple[tuple[str, str], ...] = ()  # (parameter, query answering the same when it is given)
    labels: tuple[tuple[str, str], ...] = ()  # (label slot, parameter holding the id it is the label of)
    # Why the embedded store must run it on one thread (`// serial: …`), or "": see LadybugStore.named.
    serial: str = ""

    def text(self, dialect: str) -> str:
        return self.variants.get(dialect) or self.variants["*"]

    def prepare(self, dialect: str, params: dict[str, object] | None) -> tuple[NamedQuery, str]:
        """The query to run for these parameters (itself, or the anchored one the first given parameter names)
        and its text in `dialect` with every label slot filled. The stores run this, and the API's answers cite
        it, so the Cypher an answer shows is the Cypher that ran."""
        params = params or {}
        query = next((get(other) for param, other in self.anchored if params.get(param) not in (None, "", 0)), self)
        text = query.text(dialect)
        for slot, id_param in query.labels:
            label = label_of(params.get(id_param))
            text = text.replace(f":$(${slot})", f":{label}" if label else "")
        return query, text

    @property
    def required(self) -> tuple[str, ...]:
        """The parameters a caller must give: those without a default."""
        return tuple(p for p in self.params if p not in self.defaults)

    def bind(self, params: dict[str, object] | None) -> dict[str, object]:
        """The declared parameters, defaults filled in where not given; MissingParameters names the rest."""
        params = params or {}
        missing = [p for p in self.required if p not in params]
        if missing:
            raise MissingParameters(self.name, missing)
        return {p: params[p] if p in params else json.loads(json.dumps(self.defaults[p])) for p in self.params}


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
    params, defaults = parse_params(header.get("params", ""), path)
    anchored, labels = parse_pairs(header.get("anchored", ""), path), parse_pairs(header.get("labels", ""), path)
    unknown = [p for p in (*(p for p, _ in anchored), *(p for _, p in labels)) if p not in params]
    if unknown:
        raise ValueError(f"{path}: anchored/labels name undeclared parameters {unknown}")
    for slot, _ in labels:
        if f":$(${slot})" not in texts.get("*", ""):  # a typo'd slot would leave the query silently unanchored
            raise ValueError(f"{path}: label slot :$(${slot}) is declared but not in the shared (embedded) text")
    return NamedQuery(name, params, header.get("answers", ""), texts, path, defaults, anchored, labels,
                      header.get("serial", ""))


def label_of(node_id: object) -> str | None:
    """The schema label an id's `label:` prefix names (make_id's shape), or None: parsed, never searched for."""
    if not isinstance(node_id, str):
        return None
    prefix, colon, key = node_id.partition(":")
    return LABELS_BY_PREFIX.get(prefix) if colon and key else None


def parse_pairs(text: str, path: Path | None = None) -> tuple[tuple[str, str], ...]:
    """`a = b, c = d` -> (("a", "b"), ("c", "d"))."""
    pairs = []
    for part in text.split(","):
        if not part.strip():
            continue
        match = PAIR.match(part)
        if not match:
            raise ValueError(f"{path}: bad pair {part.strip()!r} (want name = name)")
        pairs.append((match.group(1), match.group(2)))
    return tuple(pairs)


def parse_params(text: str, path: Path | None = None) -> tuple[tuple[str, ...], dict[str, object]]:
    """`a, b = [], c = 0` -> (("a", "b", "c"), {"b": [], "c": 0}); the defaults are JSON."""
    names: list[str] = []
    defaults: dict[str, object] = {}
    for part in _top_level_split(text):
        if not part.strip():
            continue
        match = PARAM.match(part)
        if not match:
            raise ValueError(f"{path}: bad parameter declaration {part.strip()!r}")
        names.append(match.group(1))
        if match.group(2) is not None:
            try:
                defaults[match.group(1)] = json.loads(match.group(2))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}: the default of {match.group(1)} is not JSON: {match.group(2)!r}") from exc
    return tuple(names), defaults


def _top_level_split(text: str) -> list[str]:
    """Split at commas outside brackets and strings, so a default may be a list `["key", "cultivate"]`."""
    parts, depth, quoted, current = [], 0, False, []
    for char in text:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in "[{":
            depth += 1
        elif not quoted and char in "]}":
            depth -= 1
        if char == "," and depth == 0 and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


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
