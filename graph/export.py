"""Exports of the graph or a subgraph (graph/subgraph.py) for researchers' tools, in five formats.

Every writer starts from SCHEMA.md's JSON structure (`{"nodes": […], "edges": […]}`) as the store returns
it (without the Document node's `text`, which is big), so the formats cannot disagree about content. The one
exception is the Cypher script, which rebuilds a graph rather than describing it: `export_selection` (the one
path of the CLI and the API) adds each Document's normalised text to it, so the evidence offsets of the
re-imported graph still point into the text they were read from.

- `json`: SCHEMA.md's node-link structure, UTF-8, `ensure_ascii=False` (what the scorer reads).
- `graphml` and `gexf` (written with NetworkX, so Gephi, Cytoscape and NetworkX open them): a directed
  multigraph; node ids are SCHEMA ids. Neither format has list values, so a list (`aliases`) is its items
  joined with `|` (`LIST_DELIMITER`; an item's own `|` becomes the full-width `｜`). Attribute names are the
  same in both files and follow Neo4j APOC's GraphML export and Gephi's reserved names:
  node `labels` = the SCHEMA label (City, Industry …), node `label` = the node's `name` (what viewers
  display), then `name` and every property; edge `label` = the relationship type (TARGETS …), then its
  properties, except that the evidence offsets `start`/`end` are called `evidence_start`/`evidence_end`
  (GEXF reserves `start`/`end` for time intervals). Absent properties are left out, not written empty.
- `csv` (alias `neo4j-admin`): the layout `neo4j-admin database import full` reads: one `nodes_<Label>.csv` per label with the
  header `id:ID,:LABEL,name:string,aliases:string[],…,chars:long,value:double…`, one `rels_<TYPE>.csv` per
  relationship type with `:START_ID,:END_ID,:TYPE,doc:string,evidence:string,start:long,end:long,…`,
  and `import.sh` holding the neo4j-admin command. Arrays use neo4j-admin's default delimiter `;`
  (`ARRAY_DELIMITER`; an item's own `;` becomes `；`); evidence may hold line breaks, hence
  `--multiline-fields=true`. Written into a folder, or into a zip file when the path ends in `.zip` (the
  API always sends the zip). `import_csv` reads either back into a store.
- `cypher`: one statement a line, ending in `;`: LadybugDB's schema (`CREATE NODE TABLE IF NOT EXISTS`,
  harmless on a policykg database; drop those lines for Neo4j), then `MERGE` per node on its id with `SET`
  of its properties, then per edge `MATCH` both ends and `MERGE` the edge on its document (the store's
  rule: one relationship per source, type, target and document) with `SET` of the rest. Every name is
  backticked (`end` is a keyword); string literals escape quotes, backslashes and line breaks, so no
  statement spans lines. A Document's `SET` includes its `text` when the graph carries it (one long line).
  Runs statement by statement on the embedded store (`script_statements`).
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

import networkx as nx

from graph import queries
from graph.model import COMMON_NODE_PROPERTIES, EDGE_PROPERTIES, NODE_PROPERTIES, Edge, FactBatch, Node
from graph.stores import GraphStore
from graph.subgraph import SELECTION_MAX_ROWS, CypherRunner, Graph, Selected, Selection, select

FORMATS = ("json", "graphml", "gexf", "csv", "cypher")
# Other names of a format: `neo4j-admin` says what the csv layout is for (`neo4j-admin database import full`).
FORMAT_ALIASES = {"neo4j-admin": "csv"}
MEDIA_TYPES = {
    "json": "application/json",
    "graphml": "application/graphml+xml",
    "gexf": "application/gexf+xml",
    "csv": "application/zip",  # a folder of CSV files travels as one zip
    "cypher": "text/plain; charset=utf-8",
}
EXTENSIONS = {"json": "json", "graphml": "graphml", "gexf": "gexf", "csv": "zip", "cypher": "cypher"}
LIST_DELIMITER = "|"
ARRAY_DELIMITER = ";"
EXCLUDED_PROPERTIES = frozenset({"text"})  # the Document's full text: big, and served by /documents/{id}/text
WITH_TEXT = frozenset({"cypher"})  # formats that rebuild the graph, so carry the text its offsets point into
RENAMED_EDGE_KEYS = {"start": "evidence_start", "end": "evidence_end"}  # GEXF's time-interval names
NEO4J_TYPES = {"str": "string", "int": "long", "float": "double", "list": "string[]"}


# -- the entry points ------------------------------------------------------------------------------------
def write_export(store: GraphStore, fmt: str, out: Path, selection: Selection | None = None, *,
                 timeout_ms: int = 10_000, max_rows: int = SELECTION_MAX_ROWS,
                 run_cypher: CypherRunner | None = None) -> str:
    """Select, render and write; returns a one-line summary for the CLI (whose Cypher runs in the sandbox)."""
    fmt = canonical_format(fmt)
    selected = export_selection(store, selection or Selection(), fmt, timeout_ms=timeout_ms, max_rows=max_rows,
                                run_cypher=run_cypher)
    write(selected.graph, fmt, Path(out))
    summary = f"{len(selected.graph['nodes'])} nodes, {len(selected.graph['edges'])} edges"
    return summary + (f" (the query's rows were cut at {max_rows})" if selected.truncated else "")


def export_selection(store: GraphStore, selection: Selection, fmt: str, *, timeout_ms: int = 10_000,
                     max_rows: int = SELECTION_MAX_ROWS, run_cypher: CypherRunner | None = None) -> Selected:
    """The subgraph a selection denotes, as the format needs it: a Cypher script's Documents carry their text."""
    selected = select(store, selection, timeout_ms=timeout_ms, max_rows=max_rows, run_cypher=run_cypher)
    if canonical_format(fmt) in WITH_TEXT:
        selected.graph = with_document_texts(store, selected.graph)
    return selected


def with_document_texts(store: GraphStore, data: Graph) -> Graph:
    """The graph with each Document node's normalised text among its properties (a new graph; nodes copied)."""
    nodes = []
    for node in data["nodes"]:
        if node["label"] == "Document":
            text = store.document_text(node["id"])
            if text is not None:
                node = {**node, "properties": {**node["properties"], "text": text}}
        nodes.append(node)
    return {**data, "nodes": nodes}


def render(data: Graph, fmt: str) -> bytes:
    """The export as one file's bytes (csv: a zip of the CSV files), as the API sends it."""
    fmt = canonical_format(fmt)
    if fmt == "csv":
        return csv_zip(data)
    return {"json": to_json, "graphml": to_graphml, "gexf": to_gexf, "cypher": to_cypher}[fmt](data)


def write(data: Graph, fmt: str, out: Path) -> Path:
    """Write to `out`; csv goes into a folder unless `out` ends in `.zip`."""
    fmt = canonical_format(fmt)
    if fmt == "csv" and out.suffix.lower() != ".zip":
        write_csv_folder(data, out)
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(render(data, fmt))
    return out


def canonical_format(fmt: str) -> str:
    """The format's own name (an alias such as `neo4j-admin` resolved); unknown names are refused."""
    fmt = FORMAT_ALIASES.get(fmt, fmt)
    _check_format(fmt)
    return fmt


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; available: {', '.join(FORMATS)}")


# -- json ------------------------------------------------------------------------------------------------
def to_json(data: Graph) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


# -- graphml and gexf ------------------------------------------------------------------------------------
def to_networkx(data: Graph) -> nx.MultiDiGraph:
    """A directed multigraph (two documents may state the same fact) with flat, typed attributes."""
    graph = nx.MultiDiGraph()
    for node in data["nodes"]:
        graph.add_node(node["id"], **node_attributes(node))
    for number, edge in enumerate(data["edges"]):
        key = f"e{number}"
        graph.add_edge(edge["source"], edge["target"], key=key, id=key, **edge_attributes(edge))
    return graph


def node_attributes(node: dict[str, Any]) -> dict[str, Any]:
    """`label` (the display name), `labels` (the SCHEMA label), then the properties, lists joined."""
    attributes: dict[str, Any] = {"label": node["name"], "labels": node["label"], "name": node["name"]}
    attributes.update(_flat(node["properties"]))
    return attributes


def edge_attributes(edge: dict[str, Any]) -> dict[str, Any]:
    """`label` (the relationship type), then the properties with the offsets renamed."""
    properties = {RENAMED_EDGE_KEYS.get(k, k): v for k, v in edge["properties"].items()}
    return {"label": edge["type"], **_flat(properties)}


def _flat(properties: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in properties.items():
        if key in EXCLUDED_PROPERTIES or value is None:
            continue
        out[key] = join_list(value, LIST_DELIMITER) if isinstance(value, list) else value
    return out


def join_list(items: Iterable[Any], delimiter: str) -> str:
    """Items joined; an item's own delimiter becomes its full-width form so the split gives the items back."""
    wide = chr(ord(delimiter) + 0xFEE0)  # "|" -> "｜", ";" -> "；"
    return delimiter.join(str(item).replace(delimiter, wide) for item in items)


def to_graphml(data: Graph) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(to_networkx(data), buffer, encoding="utf-8")
    return buffer.getvalue()


def to_gexf(data: Graph) -> bytes:
    buffer = io.BytesIO()
    nx.write_gexf(to_networkx(data), buffer, encoding="utf-8")
    return buffer.getvalue()


# -- csv (neo4j-admin import) ----------------------------------------------------------------------------
def csv_files(data: Graph) -> dict[str, str]:
    """File name -> content: nodes per label, relationships per type, and the import command."""
    files: dict[str, str] = {}
    by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for node in data["nodes"]:
        by_label[node["label"]].append(node)
    for label, nodes in by_label.items():
        files[f"nodes_{label}.csv"] = _node_csv(label, nodes)
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for edge in data["edges"]:
        by_type[edge["type"]].append(edge)
    for rel_type, edges in by_type.items():
        files[f"rels_{rel_type}.csv"] = _rel_csv(edges)
    files["import.sh"] = _import_command(files)
    return files


def _node_kinds(label: str) -> dict[str, str]:
    return {k: v for k, v in {**COMMON_NODE_PROPERTIES, **NODE_PROPERTIES[label]}.items()
            if k not in EXCLUDED_PROPERTIES}


def _node_csv(label: str, nodes: list[dict[str, Any]]) -> str:
    kinds = _node_kinds(label)
    rows = [["id:ID", ":LABEL", *(f"{k}:{NEO4J_TYPES[kind]}" for k, kind in kinds.items())]]
    for node in nodes:
        props = node["properties"]
        rows.append([node["id"], label, *(_csv_value(props.get(k), kind) for k, kind in kinds.items())])
    return _csv_text(rows)


def _rel_csv(edges: list[dict[str, Any]]) -> str:
    rows = [[":START_ID", ":END_ID", ":TYPE", *(f"{k}:{NEO4J_TYPES[kind]}" for k, kind in EDGE_PROPERTIES.items())]]
    for edge in edges:
        props = edge["properties"]
        rows.append([edge["source"], edge["target"], edge["type"],
                     *(_csv_value(props.get(k), kind) for k, kind in EDGE_PROPERTIES.items())])
    return _csv_text(rows)


def _csv_value(value: Any, kind: str) -> str:
    """An empty field is an absent property to neo4j-admin, so None and an empty list both write ''."""
    if value is None:
        return ""
    if kind == "list":
        return join_list(value, ARRAY_DELIMITER)
    return str(value)


def _csv_text(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def _import_command(files: dict[str, str]) -> str:
    nodes = " ".join(f"--nodes={name}" for name in files if name.startswith("nodes_"))
    rels = " ".join(f"--relationships={name}" for name in files if name.startswith("rels_"))
    # Options after the database name reach neo4j-admin: an existing database (Neo4j 5 creates `neo4j` at
    # first start) is replaced only with --overwrite-destination=true.
    return ("#!/bin/sh\n# Load these CSV files into a Neo4j database (run beside them, the database stopped):\n"
            "#   sh import.sh [DATABASE] [NEO4J-ADMIN OPTIONS]  e.g. sh import.sh neo4j --overwrite-destination=true\n"
            "db=\"${1:-neo4j}\"\n[ $# -gt 0 ] && shift\n"
            f"neo4j-admin database import full --array-delimiter='{ARRAY_DELIMITER}' --multiline-fields=true "
            f"{nodes} {rels} \"$@\" \"$db\"\n")


def csv_zip(data: Graph) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in csv_files(data).items():
            archive.writestr(name, text)
    return buffer.getvalue()


def write_csv_folder(data: Graph, folder: Path) -> None:
    """Write the CSV files into `folder`, first removing CSV files a previous export left there."""
    folder.mkdir(parents=True, exist_ok=True)
    for stale in [*folder.glob("nodes_*.csv"), *folder.glob("rels_*.csv")]:
        stale.unlink()
    for name, text in csv_files(data).items():
        (folder / name).write_text(text, encoding="utf-8")


def read_csv_files(path: Path) -> dict[str, str]:
    """The CSV files of a folder or a zip written by `write`/`render`."""
    path = Path(path)
    if path.is_dir():
        return {p.name: p.read_text(encoding="utf-8") for p in sorted(path.glob("*.csv"))}
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist() if name.endswith(".csv")}


def import_csv(store: GraphStore, path: Path) -> FactBatch:
    """Load a csv export (folder or zip) into a store through its batch upsert; returns what was loaded.

    Meant for an empty store (or one without these facts): edges that carry a document are created, not merged.
    """
    files = read_csv_files(path)
    batch = FactBatch(doc_id="csv-import")
    for name, text in files.items():
        if name.startswith("nodes_"):
            for record in _typed_records(text):
                batch.add_node(_csv_node(record))
    labels = {node.id: node.label for node in batch.nodes.values()}
    for name, text in files.items():
        if name.startswith("rels_"):
            for record in _typed_records(text):
                batch.add_edge(_csv_edge(record, labels))
    store.upsert(batch)
    return batch


def _typed_records(text: str) -> list[dict[str, Any]]:
    """Rows as dicts keyed by the header's property name (`:LABEL` and friends keep their colon)."""
    reader = csv.reader(io.StringIO(text))
    header = next(reader)
    fields = [_header_field(column) for column in header]
    records = []
    for row in reader:
        records.append({name: _parse_value(value, kind) for (name, kind), value in zip(fields, row, strict=True)})
    return records


def _header_field(column: str) -> tuple[str, str]:
    """`chars:long` -> ("chars", "long"); `id:ID` -> ("id", "ID"); `:LABEL` -> (":LABEL", "LABEL")."""
    name, _, kind = column.partition(":")
    return (name or f":{kind}", kind or "string")


def _parse_value(value: str, kind: str) -> Any:
    if value == "":
        return [] if kind.endswith("[]") else None
    if kind.endswith("[]"):
        return value.split(ARRAY_DELIMITER)
    if kind in ("long", "int"):
        return int(value)
    if kind in ("double", "float"):
        return float(value)
    return value


def _csv_node(record: dict[str, Any]) -> Node:
    label = record[":LABEL"]
    props = {k: v for k, v in record.items() if k in NODE_PROPERTIES[label] and v is not None}
    return Node(label=label, id=record["id"], name=record["name"], aliases=record.get("aliases") or [],
                name_en=record.get("name_en"), props=props)


def _csv_edge(record: dict[str, Any], labels: dict[str, str]) -> Edge:
    source, target = record[":START_ID"], record[":END_ID"]
    missing = [i for i in (source, target) if i not in labels]
    if missing:
        raise ValueError(f"{record[':TYPE']} edge points at node(s) missing from the nodes files: {missing}")
    props = {k: v for k, v in record.items() if k in EDGE_PROPERTIES and v is not None}
    return Edge(type=record[":TYPE"], source=source, target=target, source_label=labels[source],
                target_label=labels[target], props=props)


# -- cypher ----------------------------------------------------------------------------------------------
def to_cypher(data: Graph) -> bytes:
    nodes, edges = data["nodes"], data["edges"]
    labels = {node["id"]: node["label"] for node in nodes}
    lines = [f"// policykg export: {len(nodes)} nodes, {len(edges)} edges; one statement a line.",
             "// LadybugDB needs its schema first (IF NOT EXISTS: harmless on a policykg database); "
             "drop these lines for Neo4j."]
    lines += [" ".join(statement.split()) + ";" for statement in queries.schema_statements("ladybug")]
    lines += [_node_statement(node) for node in nodes]
    # Edges without a document (gazetteer facts) merge on their ends alone, so they go first: later,
    # documented edges between the same ends would otherwise be matched by that pattern.
    ordered = sorted(edges, key=lambda e: e["properties"].get("doc") is not None)
    lines += [_edge_statement(edge, labels) for edge in ordered]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _node_statement(node: dict[str, Any]) -> str:
    kinds = {**COMMON_NODE_PROPERTIES, **NODE_PROPERTIES[node["label"]]}  # the text too, when the graph has it
    assignments = [f"n.{_name(k)} = {_literal(v, kinds.get(k))}" for k, v in node["properties"].items()
                   if k in kinds and v is not None]
    merge = f"MERGE (n:{_name(node['label'])} {{id: {_literal(node['id'])}}})"
    return merge + (" SET " + ", ".join(assignments) if assignments else "") + ";"


def _edge_statement(edge: dict[str, Any], labels: dict[str, str]) -> str:
    props = {k: v for k, v in edge["properties"].items() if k in EDGE_PROPERTIES and v is not None}
    doc = props.pop("doc", None)
    match = (f"MATCH (a:{_name(labels[edge['source']])} {{id: {_literal(edge['source'])}}}), "
             f"(b:{_name(labels[edge['target']])} {{id: {_literal(edge['target'])}}}) ")
    key = f" {{doc: {_literal(doc)}}}" if doc is not None else ""
    merge = f"MERGE (a)-[r:{_name(edge['type'])}{key}]->(b)"
    assignments = [f"r.{_name(k)} = {_literal(v, EDGE_PROPERTIES[k])}" for k, v in props.items()]
    return match + merge + (" SET " + ", ".join(assignments) if assignments else "") + ";"


def _name(name: str) -> str:
    return f"`{name}`"


def _literal(value: Any, kind: str | None = None) -> str:
    """A Cypher literal both LadybugDB and Neo4j parse; `kind` (NODE_PROPERTIES' types) keeps doubles doubles."""
    if isinstance(value, list):
        return "[" + ", ".join(_literal(item) for item in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if kind == "float" or isinstance(value, float):
        return _float_literal(float(value))
    if isinstance(value, int):
        return str(value)
    return _string_literal(str(value))


def _float_literal(value: float) -> str:
    """Plain decimal notation: LadybugDB's parser rejects exponents such as `1e+20`."""
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"{value} has no Cypher literal")
    text = format(Decimal(repr(value)), "f")
    return text if "." in text else text + ".0"


_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_SPECIAL = re.compile(r"[\\'\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _string_literal(text: str) -> str:
    """Single-quoted, with every character that could end the literal or the line escaped."""
    return "'" + _SPECIAL.sub(lambda m: _ESCAPES.get(m.group(), f"\\u{ord(m.group()):04x}"), text) + "'"


def script_statements(script: str) -> list[str]:
    """The statements of a cypher export, in order, without their `;` (comment lines skipped)."""
    return [line.rstrip().removesuffix(";") for line in script.splitlines()
            if line.strip() and not line.lstrip().startswith("//")]
