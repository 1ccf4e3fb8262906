"""What tools/lint-cypher.mjs lints, as JSON on stdout: the graph schema and every Neo4j statement.

Python builds the list so the linter sees exactly the text the Neo4j store runs: `graph/queries.py` picks
each named query's `neo4j` variant (else the shared text), `schema_statements("neo4j")` splits
cypher/schema/neo4j.cypher, and `generated_statements()` lists the Cypher graph/stores/neo4j.py builds.
Labels, relationship types, property keys and the allowed endpoints come from graph/model.py, so a query
naming a label or property the schema lacks is reported too.

    .venv/bin/python tools/cypher_lint_payload.py > payload.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph import queries  # noqa: E402
from graph.model import COMMON_NODE_PROPERTIES, EDGE_ENDPOINTS, EDGE_PROPERTIES, NODE_LABELS, NODE_PROPERTIES  # noqa: E402
from graph.stores.neo4j import generated_statements  # noqa: E402


def graph_schema() -> dict[str, Any]:
    """The DbSchema fields @neo4j-cypher/language-support reads: labels, types, keys and the graph's shape."""
    keys = {"id", *COMMON_NODE_PROPERTIES, *EDGE_PROPERTIES}
    for properties in NODE_PROPERTIES.values():
        keys.update(properties)
    return {
        "labels": list(NODE_LABELS),
        "relationshipTypes": list(EDGE_ENDPOINTS),
        "propertyKeys": sorted(keys),
        "graphSchema": [{"from": a, "to": b, "relType": t} for t, pairs in EDGE_ENDPOINTS.items() for a, b in pairs],
    }


def statements() -> list[dict[str, Any]]:
    """Each statement with where it comes from and the parameters it may use."""
    out: list[dict[str, Any]] = []
    for query in queries.registry().values():
        variant = "neo4j" if "neo4j" in query.variants else "shared"
        source = f"{query.path.relative_to(ROOT)} ({variant} text)" if query.path else query.name
        if not query.labels:
            out.append({"source": source, "text": query.text("neo4j"), "params": list(query.params)})
            continue
        # Label slots are filled before the query runs (NamedQuery.prepare): lint the two texts it can give,
        # ends labelled (ids with a known prefix) and unlabelled (any other id).
        labelled = {id_param: f"{NODE_LABELS[0].lower()}:x" for _, id_param in query.labels}
        for form, params in (("labelled ends", labelled), ("unlabelled ends", {})):
            _, text = query.prepare("neo4j", params)
            out.append({"source": f"{source}, {form}", "text": text, "params": list(query.params)})
    schema_file = Path(queries.CYPHER_DIR / "schema" / "neo4j.cypher").relative_to(ROOT)
    for number, statement in enumerate(queries.schema_statements("neo4j"), 1):
        out.append({"source": f"{schema_file} statement {number}", "text": statement, "params": []})
    for name, text, params in generated_statements():
        out.append({"source": f"graph/stores/neo4j.py: {name}", "text": text, "params": list(params)})
    return out


def payload() -> dict[str, Any]:
    return {"schema": graph_schema(), "statements": statements()}


if __name__ == "__main__":
    json.dump(payload(), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
