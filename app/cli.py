"""The `policykg` command: build, query, export, serve."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from app.build import build as build_graph
from app.settings import BUNDLED_CORPUS, load_settings
from graph.export import FORMATS, write_export
from graph.stores import StoreError, open_store
from graph.subgraph import MAX_DEPTH, Selection, SelectionError, parse_params
from loaders.pipeline import discover

cli = typer.Typer(help="policykg: a knowledge graph of industries, regions and industrial policies.",
                  no_args_is_help=True)
console = Console()
err = Console(stderr=True)
DB_OPTION = typer.Option(None, "--db", help="database path (default: $POLICYKG_DB, else var/policykg.lbug)")


@cli.command()
def build(paths: list[Path] = typer.Argument(None, help="files or folders (default: the bundled corpus)"),
          db: Path = DB_OPTION, if_missing: bool = typer.Option(False, help="do nothing if the database exists")):
    """Extract facts from documents and load them into the graph (each document replaced atomically)."""
    settings = load_settings(db)
    if if_missing and settings.db_path.exists():
        console.print(f"[dim]{settings.db_path} exists; not rebuilding[/dim]")
        return
    files = discover(paths or [BUNDLED_CORPUS])
    store = open_store(settings.db_path, settings.store)
    try:
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=err) as progress:
            task = progress.add_task("loading documents", total=len(files))
            report = build_graph(store, files, lambda p: progress.update(task, advance=1, description=p.name))
        counts = store.counts()
    finally:
        store.close()
    console.print(f"loaded {len(report.loaded)} document(s) into {settings.db_path}: "
                  f"{sum(v for k, v in counts.items() if k[0].isupper() and not k.isupper())} nodes, "
                  f"{sum(v for k, v in counts.items() if k.isupper())} edges")
    for reason in report.failed.values():
        err.print(f"[red]failed[/red] {reason}")
    if report.failed:
        raise typer.Exit(1)


@cli.command()
def query(cypher: str = typer.Argument(..., help="a read-only Cypher query"), db: Path = DB_OPTION,
          params: str = typer.Option("{}", help="query parameters as JSON"),
          as_json: bool = typer.Option(False, "--json", help="print JSON instead of a table")):
    """Run a read-only Cypher query and print the rows."""
    settings = load_settings(db)
    store = open_store(settings.db_path, settings.store)
    try:
        result = store.read_only(cypher, json.loads(params), timeout_ms=settings.cypher_timeout_ms,
                                 max_rows=settings.cypher_max_rows)
    except StoreError as exc:
        err.print(f"[red]refused[/red]: {exc}")
        raise typer.Exit(2) from exc
    finally:
        store.close()
    if as_json:
        sys.stdout.write(json.dumps(result.records(), ensure_ascii=False, default=str, indent=1) + "\n")
        return
    table = Table(*result.columns)
    for row in result.rows:
        table.add_row(*(json.dumps(v, ensure_ascii=False, default=str) if not isinstance(v, str) else v for v in row))
    console.print(table)
    if result.truncated:
        err.print(f"[yellow]truncated at {settings.cypher_max_rows} rows[/yellow]")


@cli.command()
def export(out: Path = typer.Option(..., "--out", help="output file (csv: a folder, or a zip if it ends in .zip)"),
           db: Path = DB_OPTION,
           format: str = typer.Option("json", "--format", help=f"one of {', '.join(FORMATS)}"),
           center: str = typer.Option(None, "--center", help="export this node id and its neighbourhood"),
           depth: int = typer.Option(1, "--depth", min=0, max=MAX_DEPTH, help="hops around --center"),
           query_name: str = typer.Option(None, "--query", help="export the nodes a named query's rows mention"),
           params: str = typer.Option("{}", "--params", help="parameters of --query or --cypher, as JSON"),
           cypher: str = typer.Option(None, "--cypher", help="export the nodes a read-only Cypher query mentions")):
    """Export the graph, or a subgraph (a centre and its neighbours, or the nodes a query mentions plus the
    edges among them), as json, graphml, gexf, csv (neo4j-admin import) or a cypher script.
    Each format's conventions (list delimiters, CSV layout) are in graph/export.py's docstring."""
    settings = load_settings(db)
    if format not in FORMATS:
        err.print(f"[red]unknown format[/red] {format!r}: choose one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    try:
        selection = Selection(center=center, depth=depth, query=query_name, cypher=cypher,
                              params=parse_params(params))
    except SelectionError as exc:
        err.print(f"[red]refused[/red]: {exc}")
        raise typer.Exit(2) from exc
    store = open_store(settings.db_path, settings.store)
    try:
        summary = write_export(store, format, out, selection, timeout_ms=settings.cypher_timeout_ms)
    except (StoreError, SelectionError) as exc:
        err.print(f"[red]refused[/red]: {exc}")
        raise typer.Exit(2) from exc
    finally:
        store.close()
    console.print(f"wrote {out}: {summary}")


@cli.command("eval")
def eval_command(gold: Path = typer.Option(..., "--gold", help="folder of <doc>.gold.jsonl files"),
                 corpus: Path = typer.Option(BUNDLED_CORPUS, help="folder holding the documents the gold names"),
                 scorer: Path = typer.Option(None, help="score.py (default: the one beside the gold folder)"),
                 baseline: bool = typer.Option(True, help="also score the jieba.posseg baseline")):
    """Build a fresh graph from the gold's documents and print precision, recall and F1 per fact type."""
    from app.evaluate import BASELINE_TYPES, evaluate

    result = evaluate(gold, corpus, scorer, baseline)
    if result.missing:
        err.print(f"[yellow]not in {corpus}[/yellow]: {', '.join(result.missing)}")
    table = Table("type", "system", "P", "R", "F1", "tp", "fp", "fn")
    rows = [("policykg", result.project)] + ([("jieba baseline", result.baseline)] if result.baseline else [])
    for fact_type in [k for k in result.project if k != "overall"]:
        for system, report in rows:
            if system != "policykg" and fact_type not in BASELINE_TYPES:
                continue
            r = report[fact_type]
            table.add_row(fact_type, system, f"{r['precision']:.3f}", f"{r['recall']:.3f}", f"{r['f1']:.3f}",
                          str(r["tp"]), str(r["fp"]), str(r["fn"]))
    console.print(table)
    overall = result.project["overall"]
    console.print(f"policykg macro-F1 {overall['macro_f1']:.3f}, micro-F1 {overall['micro_f1']:.3f} "
                  f"on {len(result.documents)} document(s)")


@cli.command()
def serve(host: str = typer.Option("127.0.0.1"), port: int = typer.Option(8000), db: Path = DB_OPTION):
    """Serve the HTTP API (one process owns the database)."""
    import os

    import uvicorn

    settings = load_settings(db)
    os.environ["POLICYKG_DB"] = str(settings.db_path)
    uvicorn.run("app.api.main:create_app", factory=True, host=host, port=port, workers=1)


def main() -> None:
    cli()
