"""Every Neo4j statement the project runs passes Neo4j's own parser and semantic analysis.

No Neo4j server runs here, so tools/lint-cypher.mjs (@neo4j-cypher/language-support) stands in: it lints
each named query's Neo4j text, cypher/schema/neo4j.cypher and the Cypher graph/stores/neo4j.py generates,
against graph/model.py's labels, types and properties and each query's declared parameters. The last
tests feed it broken queries, so a linter that silently passes everything cannot go unnoticed.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tools" / "lint-cypher.mjs"
NODE = shutil.which("node")

pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed: the Cypher lint needs Node.js "
                                                     "(Debian's nodejs) and `npm ci` (make install-dev)")


def _payload_module():
    spec = importlib.util.spec_from_file_location("cypher_lint_payload", ROOT / "tools" / "cypher_lint_payload.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _lint(payload: dict[str, Any] | None = None) -> tuple[int, dict[str, Any], str]:
    if not (ROOT / "node_modules" / "@neo4j-cypher" / "language-support").is_dir():
        pytest.fail("node_modules lacks @neo4j-cypher/language-support: run `make install-dev` (it runs npm ci)")
    args = [NODE, str(SCRIPT), "--json"] + (["--payload", "-"] if payload is not None else [])
    run = subprocess.run(args, cwd=ROOT, input=json.dumps(payload) if payload is not None else None,
                         capture_output=True, text=True, timeout=300)
    assert run.stdout, f"the linter printed nothing (exit {run.returncode}): {run.stderr}"
    return run.returncode, json.loads(run.stdout), run.stderr


def _broken(*texts: str) -> dict[str, Any]:
    schema = _payload_module().graph_schema()
    return {"schema": schema, "statements": [{"source": f"broken {i}", "text": t, "params": []}
                                             for i, t in enumerate(texts)]}


def test_the_payload_holds_every_named_query_and_schema_statement():
    from graph import queries

    sources = [s["source"] for s in _payload_module().statements()]
    for query in queries.registry().values():
        assert any(s.startswith(str(query.path.relative_to(ROOT))) for s in sources), query.name
    assert sum("cypher/schema/neo4j.cypher" in s for s in sources) == len(queries.schema_statements("neo4j"))
    assert any(s.startswith("graph/stores/neo4j.py") for s in sources)


def test_the_projects_neo4j_cypher_has_no_diagnostics():
    code, report, stderr = _lint()
    problems = "\n".join(f"{d['source']}:{d['line']}:{d['column']}: {d['severity']}: {d['message']}"
                         for d in report["diagnostics"])
    assert report["diagnostics"] == [], problems
    assert code == 0, stderr
    assert report["statements"] > 40


def test_a_syntax_error_is_reported_and_fails_the_lint():
    code, report, _ = _lint(_broken("MATCH (n:City RETURN n"))
    assert code == 1
    assert any(d["severity"] == "error" and "Invalid input" in d["message"] for d in report["diagnostics"])


def test_an_unknown_function_is_reported():
    # label() is LadybugDB's; Neo4j has labels()/type(): the exact mistake a shared query text would make.
    code, report, _ = _lint(_broken("MATCH (n:City) RETURN label(n) AS l", "RETURN apoc.coll.sum([1, 2]) AS s"))
    assert code == 1
    messages = [d["message"] for d in report["diagnostics"] if d["severity"] == "error"]
    assert any("Function label is not present" in m for m in messages)
    assert any("apoc.coll.sum" in m for m in messages)  # the community image ships no APOC


def test_undeclared_parameters_and_ladybug_only_syntax_are_reported():
    code, report, _ = _lint(_broken("MATCH (c:City {id: $nobody}) RETURN c",
                                    "MATCH p = (a:City)-[* ALL SHORTEST 1..4]-(b:City) RETURN p"))
    assert code == 1
    sources = {d["source"] for d in report["diagnostics"] if d["severity"] == "error"}
    assert sources == {"broken 0", "broken 1"}


def test_unknown_labels_are_warned_about():
    code, report, _ = _lint(_broken("MATCH (n:Spaceship) RETURN n"))
    assert code == 0  # a warning, as Neo4j itself only warns
    assert any("Spaceship" in d["message"] for d in report["diagnostics"])


def test_statements_the_read_only_guard_rebuilds_still_parse_in_neo4j():
    """The guard hands the store a statement rebuilt from its tokens (names in backticks, strings re-quoted,
    comments dropped); on Neo4j that text must be the analyst's query, read by Neo4j's own parser."""
    from graph.readonly import check_read_only

    analysts = [
        "MATCH (c:City)-[t:TARGETS]->(i:Industry) /* evidence */ WHERE t.start >= 0 "
        "RETURN c.name, i.name, t.start, t.end, type(t) AS kind ORDER BY t.start LIMIT 5 // the first",
        "MATCH p = shortestPath((a:City {id: $a})-[*..4]-(b:Industry {id: $b})) RETURN length(p) AS hops",
        "MATCH (f:Firm) WHERE f.name CONTAINS 'it\\'s' OR f.name =~ \"a.*\" RETURN f {.name, .id} AS firm",
        "UNWIND [1, 2] AS x WITH x WHERE x > 1 RETURN x UNION ALL RETURN 0 AS x",
        "MATCH (c:City) RETURN c.name, CASE WHEN c.level IS NULL THEN 'unknown' ELSE c.level END AS level, "
        "COUNT { (c)-[:TARGETS]->() } AS targets",
    ]
    payload = _broken(*(check_read_only(query) for query in analysts))
    for statement in payload["statements"]:
        statement["params"] = ["a", "b"]
    code, report, stderr = _lint(payload)
    errors = [d for d in report["diagnostics"] if d["severity"] == "error"]
    assert errors == [] and code == 0, (errors, stderr)
