"""The `policykg` command: build, query, export, serve."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from typer.core import TyperGroup

from app.progress import build_progress
from app.settings import BUNDLED_CORPUS, load_settings
from graph.export import FORMAT_ALIASES, FORMATS, write_export
from graph.search import SearchIndex
from graph.stores import QueryStopped, ReadOnlyViolation, StoreError, open_store, require_graph
from graph.stores.sandbox import QueryPool
from graph.subgraph import ID_PREFIXES, MAX_DEPTH, Selection, SelectionError, parse_params

console = Console()
err = Console(stderr=True)
# Tables and lines made of names, values and paths: data, never rich markup, so "[TARGETS]" in a cell, a
# column name or a file name is printed as written. Messages with markup go through `console`/`err`, their
# data escaped.
data = Console(markup=False, highlight=False)


class Commands(TyperGroup):
    """Every command's store errors end the same way: one line saying what to do, exit code 2, no traceback.
    A missing graph ("no graph at X: run policykg build first") or a database held by a server is a
    situation to explain, not a bug to debug, and the check lives in the store, so no command repeats it."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except StoreError as exc:
            err.print(f"[red]error[/red]: {escape(str(exc))}", soft_wrap=True)
            raise typer.Exit(2) from exc


cli = typer.Typer(help="policykg: a knowledge graph of industries, regions and industrial policies.",
                  no_args_is_help=True, cls=Commands)
DB_OPTION = typer.Option(None, "--db", help="embedded database path (default: $POLICYKG_DB, else "
                         "var/policykg.lbug); ignored when POLICYKG_STORE=neo4j, which uses NEO4J_URI")


@cli.command()
def build(paths: list[Path] = typer.Argument(None, help="files or folders (default: the bundled corpus)"),
          db: Path = DB_OPTION, if_missing: bool = typer.Option(False, help="do nothing if the database exists"),
          workers: int = typer.Option(None, "--workers", min=1, help="extract in this many processes (default: "
                                      "the number of cores, or 1 for a few documents; 1 = in this process); "
                                      "this process alone writes"),
          dask: str = typer.Option(None, "--dask", metavar="ADDRESS", help="extract on the Dask scheduler at "
                                   "ADDRESS (tcp://host:8786); its workers must see the same files")):
    """Extract facts from documents and load them into the graph (each document replaced atomically)."""
    # Imported here, not with the module: the extraction pipeline (jieba's dictionary, the gazetteers) is
    # ~1 s and ~130 MiB that no other command needs, and `serve --workers N` keeps this process as the
    # workers' supervisor for as long as it serves.
    from app.build import ClusterError, auto_workers
    from app.build import build as build_graph
    from loaders.pipeline import discover

    settings = load_settings(db)
    if dask and workers is not None:
        err.print("[red]error[/red]: give --workers or --dask, not both (with --dask the cluster's workers extract)")
        raise typer.Exit(2)
    if if_missing and settings.db_path.exists():
        console.print(f"[dim]{escape(str(settings.db_path))} exists; not rebuilding[/dim]")
        return
    files = discover(paths or [BUNDLED_CORPUS])
    workers = workers or auto_workers(len(files))
    mode = f"Dask {dask}" if dask else ("1 process" if workers == 1 else f"{workers} processes")
    store = open_store(settings.db_path, settings.store)
    try:
        with build_progress(err) as progress:
            task = progress.add_task("loading documents", total=len(files), mode=mode)
            report = build_graph(store, files, lambda p: progress.update(task, advance=1, description=p.name),
                                 workers=workers, dask=dask)
        counts = store.counts()
    except ClusterError as exc:
        err.print(f"[red]error[/red]: {escape(str(exc))}", soft_wrap=True)
        raise typer.Exit(2) from exc
    finally:
        store.close()
    where = settings.neo4j.uri if settings.store == "neo4j" else settings.db_path
    data.print(f"loaded {len(report.loaded)} document(s) into {where}: "
                  f"{sum(v for k, v in counts.items() if k[0].isupper() and not k.isupper())} nodes, "
                  f"{sum(v for k, v in counts.items() if k.isupper())} edges")
    for reason in report.skipped.values():
        err.print(f"[yellow]skipped[/yellow] {escape(reason)}", soft_wrap=True)
    for reason in report.failed.values():
        err.print(f"[red]failed[/red] {escape(reason)}", soft_wrap=True)
    if report.failed:
        raise typer.Exit(1)


@cli.command()
def query(cypher: str = typer.Argument(..., help="a read-only Cypher query"), db: Path = DB_OPTION,
          params: str = typer.Option("{}", help="query parameters as JSON"),
          as_json: bool = typer.Option(False, "--json", help="print JSON instead of a table")):
    """Run a read-only Cypher query and print the rows. The query is checked by parsing it and runs in a worker
    process on a read-only open, under the same memory and time limits as the API's /cypher."""
    settings = load_settings(db)
    require_graph(settings.db_path, settings.store)  # here, in one line, rather than from inside the worker
    pool = QueryPool.open(settings.db_path, settings.store, settings.sandbox_limits(workers=1, queue=0),
                          neo4j=settings.neo4j)
    try:
        result = pool.run(cypher, parse_params(params))
    except (StoreError, SelectionError) as exc:
        err.print(f"[red]{_verdict(exc)}[/red]: {escape(str(exc))}", soft_wrap=True)
        raise typer.Exit(2) from exc
    finally:
        pool.close()
    if as_json:
        sys.stdout.write(json.dumps(result.records(), ensure_ascii=False, default=str, indent=1) + "\n")
        return
    table = Table(*result.columns)
    for row in result.rows:
        table.add_row(*(json.dumps(v, ensure_ascii=False, default=str) if not isinstance(v, str) else v for v in row))
    data.print(table)
    if result.truncated:
        err.print(f"[yellow]truncated at {settings.cypher_max_rows} rows[/yellow]")


@cli.command()
def export(out: Path = typer.Option(..., "--out", help="output file (csv: a folder, or a zip if it ends in .zip)"),
           db: Path = DB_OPTION,
           format: str = typer.Option("json", "--format",
                                      help=f"one of {', '.join([*FORMATS, *FORMAT_ALIASES])} "
                                           "(neo4j-admin = csv, the neo4j-admin import layout)"),
           center: str = typer.Option(None, "--center", help="export this entity (an id, or a name, alias or English name) and its neighbourhood"),
           depth: int = typer.Option(1, "--depth", min=0, max=MAX_DEPTH, help="hops around --center"),
           query_name: str = typer.Option(None, "--query", help="export the nodes a named query's rows mention"),
           params: str = typer.Option("{}", "--params", help="parameters of --query or --cypher, as JSON"),
           cypher: str = typer.Option(None, "--cypher", help="export the nodes a read-only Cypher query mentions")):
    """Export the graph, or a subgraph (a centre and its neighbours, or the nodes a query mentions plus the
    edges among them), as json, graphml, gexf, csv (neo4j-admin import) or a cypher script.
    Each format's conventions (list delimiters, CSV layout) are in graph/export.py's docstring."""
    settings = load_settings(db)
    if format not in FORMATS and format not in FORMAT_ALIASES:
        err.print(f"[red]unknown format[/red] {escape(repr(format))}: choose one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    store = open_store(settings.db_path, settings.store, read_only=True)
    try:
        selection = Selection(center=_resolved(store, center), depth=depth, query=query_name, cypher=cypher,
                              params=parse_params(params))
    except (SelectionError, typer.Exit) as exc:
        store.close()
        if isinstance(exc, SelectionError):
            err.print(f"[red]refused[/red]: {escape(str(exc))}")
        raise typer.Exit(2) from exc
    pool = QueryPool.open(settings.db_path, settings.store, settings.sandbox_limits(workers=1, queue=0),
                          neo4j=settings.neo4j) if cypher else None
    try:
        summary = write_export(store, format, out, selection, timeout_ms=settings.cypher_timeout_ms,
                               run_cypher=pool.run if pool else None)
    except (StoreError, SelectionError) as exc:
        err.print(f"[red]{_verdict(exc)}[/red]: {escape(str(exc))}", soft_wrap=True)
        raise typer.Exit(2) from exc
    finally:
        store.close()
        if pool:
            pool.close()
    data.print(f"wrote {out}: {summary}")


@cli.command("eval")
def eval_command(gold: Path = typer.Option(..., "--gold", help="folder of <doc>.gold.jsonl files"),
                 corpus: list[Path] = typer.Option(None, help="folders holding the documents the gold names "
                                                   "(default: data/corpus and the docs/ folder beside the gold)"),
                 scorer: Path = typer.Option(None, help="score.py (default: the one beside the gold folder)"),
                 baseline: bool = typer.Option(True, help="also score the jieba.posseg baseline")):
    """Build a fresh graph from the gold's documents and print precision, recall and F1 per fact type."""
    from app.evaluate import BASELINE_TYPES, evaluate

    if not gold.is_dir() or not any(gold.glob("*.gold.jsonl")):
        err.print(f"[red]no gold at {escape(str(gold))}[/red]: pass --gold, a folder of <doc>.gold.jsonl files",
                  soft_wrap=True)
        raise typer.Exit(2)
    try:
        result = evaluate(gold, corpus or None, scorer, baseline)
    except FileNotFoundError as exc:  # no scorer beside the gold, or a --scorer that is not there
        err.print(f"[red]error[/red]: {escape(str(exc))}", soft_wrap=True)
        raise typer.Exit(2) from exc
    if result.missing:
        err.print(f"[yellow]not found[/yellow]: {escape(', '.join(result.missing))}", soft_wrap=True)
    table = Table("type", "system", "P", "R", "F1", "tp", "fp", "fn")
    rows = [("policykg", result.project)] + ([("jieba baseline", result.baseline)] if result.baseline else [])
    for fact_type in [k for k in result.project if k != "overall"]:
        for system, report in rows:
            if system != "policykg" and fact_type not in BASELINE_TYPES:
                continue
            r = report[fact_type]
            table.add_row(fact_type, system, f"{r['precision']:.3f}", f"{r['recall']:.3f}", f"{r['f1']:.3f}",
                          str(r["tp"]), str(r["fp"]), str(r["fn"]))
    data.print(table)
    overall = result.project["overall"]
    data.print(f"policykg macro-F1 {overall['macro_f1']:.3f}, micro-F1 {overall['micro_f1']:.3f} "
                  f"on {len(result.documents)} document(s)")
    for folder, report in result.by_folder.items():
        data.print(f"  {folder}: macro-F1 {report['overall']['macro_f1']:.3f}, "
                      f"micro-F1 {report['overall']['micro_f1']:.3f}")
    documents = Table("document", "macro-F1", "micro-F1", "P", "R")
    documents.columns[0].overflow = "fold"  # file names are the key: show them whole
    for name, report in result.by_document.items():
        overall = report["overall"]
        documents.add_row(name, f"{overall['macro_f1']:.3f}", f"{overall['micro_f1']:.3f}",
                          f"{overall['micro_precision']:.3f}", f"{overall['micro_recall']:.3f}")
    data.print(documents)


@cli.command()
def serve(host: str = typer.Option("127.0.0.1"), port: int = typer.Option(8000), db: Path = DB_OPTION,
          workers: int = typer.Option(1, min=1, max=64, help="server processes; each holds its own read-only "
                                      "store, analysis caches and Cypher workers (README: Sizing)")):
    """Serve the HTTP API (read-only; a build into the database it serves is refused while it runs).

    One process answers a request's Python part (routing, validation, JSON) on one core at a time, whatever
    the store does in parallel: on the bundled graph it served 0.51-0.81 of the bare store's queries/s at 32
    clients with one process, 0.67-0.84 with two (bench/api.py --workers, 2 cores). Each process opens the
    database read-only (LadybugDB allows many such openers) and builds its own caches, so memory grows with
    `--workers`; the supervisor stops them all when it is stopped."""
    import importlib.util
    import os

    import uvicorn

    settings = load_settings(db)
    # Open and close once before uvicorn starts: a missing or busy database is then one line and exit code 2
    # here, instead of a lifespan traceback from the server.
    open_store(settings.db_path, settings.store, read_only=True).close()
    os.environ["POLICYKG_DB"] = str(settings.db_path)
    # httptools (llhttp's parser in C) instead of h11 in Python: 0.05-0.35 ms less per request (bench/api.py
    # --http). Each parser refuses some request lines itself, before the app: httptools one over ~64 kB with a 400
    # "Invalid HTTP request received.", h11 one of ~300 kB by resetting the connection, no answer at all. The GET
    # parameters' limits (app/api/queries.py) are far below 64 kB, so the app answers those with its JSON 422 naming
    # the parameter; only an /export `params` of thousands of Chinese characters, percent-encoded, can pass it, and
    # POST /export takes the same in its body (tests/test_api_bounds.py). uvloop (libuv's event loop) is a
    # dependency except on Windows, where asyncio's loop serves.
    loop = "uvloop" if importlib.util.find_spec("uvloop") is not None else "asyncio"
    uvicorn.run("app.api.main:create_app", factory=True, host=host, port=port, workers=workers, http="httptools",
                loop=loop)


def _resolved(store: Any, value: str | None, *labels: str) -> str | None:
    """An entity id given as an id, or as a name, alias or English name resolved as the API's parameters are
    (graph/search.py). Several entities bearing it, or none: one line listing them, exit 2."""
    if value is None or value.startswith(ID_PREFIXES):
        return value
    found = SearchIndex.from_store(store).resolve(value, labels)
    if found.id:
        return found.id
    names = ", ".join(f"{h.name} ({h.id})" for h in found.candidates) or "no close name"
    verdict = "names several entities" if found.ambiguous else "names no entity"
    err.print(f"[red]{escape(repr(value))} {verdict}[/red]: {escape(names)}; give one's id", soft_wrap=True)
    raise typer.Exit(2)


def _verdict(exc: Exception) -> str:
    """How a failed query is introduced: refused by the guard, stopped by the sandbox, or the store's error."""
    return "refused" if isinstance(exc, (ReadOnlyViolation, SelectionError)) else (
        "stopped" if isinstance(exc, QueryStopped) else "error")


def main() -> None:
    cli()


@cli.command()
def analyze(analysis: str = typer.Argument(..., help="cotargeting, communities, centrality, cluster or alignment"),
            db: Path = DB_OPTION,
            figure: Path = typer.Option(None, "--figure", help="write a figure: .png, .svg, or both for any other name"),
            of: str = typer.Option("industries", "--of", help="communities of: industries or cities"),
            label: list[str] = typer.Option([], "--label", help="centrality: Industry, Firm, Park, City"),
            industry: str = typer.Option(None, "--industry", help="cluster: an industry id (or name) and its sub-industries"),
            community: int = typer.Option(None, "--community", help="cluster: an industry community's index"),
            kind: str = typer.Option("network", "--kind", help="cotargeting figure: network or heatmap"),
            evidence: str = typer.Option("weighted", "--evidence",
                                         help="how a place's ties to industries count: weighted (plans' targets 1.0, "
                                              "descriptive statements 0.2), plans (descriptions left out) or all "
                                              "(every statement 1.0)"),
            top: int = typer.Option(15, "--top", min=1, help="rows per table")):
    """Cluster-link analyses with NetworkX: co-targeting, Louvain communities, centrality, cluster links and
    provincial/city alignment, printed as tables; --figure writes the network, heat map or alignment bars."""
    from graph.analysis import figures, tables
    from graph.analysis.alignment import alignment
    from graph.analysis.centrality import centrality
    from graph.analysis.cluster import cluster_links
    from graph.analysis.communities import communities
    from graph.analysis.cotargeting import cotargeting
    from graph.analysis.evidence import Evidence
    from graph.analysis.load import ANALYSED_TYPES, load_graph

    known = ("cotargeting", "communities", "centrality", "cluster", "alignment")
    choices = [e.value for e in Evidence]
    if (analysis not in known or of not in ("industries", "cities") or kind not in ("network", "heatmap")
            or evidence not in choices):
        err.print(f"[red]unknown choice[/red]: analysis is one of {', '.join(known)}; --of industries|cities; "
                  f"--kind network|heatmap; --evidence {'|'.join(choices)}")
        raise typer.Exit(2)
    if analysis == "cluster" and (industry is None) == (community is None):
        err.print("[red]cluster needs exactly one of --industry or --community[/red]")
        raise typer.Exit(2)
    settings = load_settings(db)
    store = open_store(settings.db_path, settings.store, read_only=True)
    try:
        industry = _resolved(store, industry, "Industry")
        graph = load_graph(store, types=ANALYSED_TYPES)
    finally:
        store.close()
    drawing = None
    try:
        if analysis == "centrality":
            shown = tables.centrality_tables(centrality(graph, evidence=evidence), top,
                                             [x.capitalize() for x in label] or None)
        elif analysis == "alignment":
            result = alignment(graph, evidence)
            shown, drawing = tables.alignment_tables(result, top), figures.alignment_figure(result)
        else:
            cot = cotargeting(graph, evidence=evidence)
            comms = communities(cot, "industries" if analysis == "cluster" else of)
            if analysis == "cotargeting":
                shown = tables.cotargeting_tables(cot, top)
                drawing = (figures.heatmap_figure(cot, communities(cot, "cities")) if kind == "heatmap"
                           else figures.network_figure(communities(cot, "industries")))
            elif analysis == "communities":
                shown, drawing = tables.communities_tables(comms, top), figures.network_figure(comms)
            else:
                shown = tables.cluster_tables(cluster_links(graph, comms, industry=industry, community=community), top)
    except (LookupError, KeyError) as exc:
        err.print(f"[red]not found[/red]: {escape(str(exc))}", soft_wrap=True)
        raise typer.Exit(1) from exc
    for table in shown:
        data.print(table)
    if figure is not None:
        if drawing is None:
            err.print(f"[yellow]{analysis} has no figure[/yellow]; figures: cotargeting, communities, alignment")
            raise typer.Exit(2)
        data.print("wrote " + ", ".join(str(p) for p in figures.save(drawing, figure)))


@cli.command()
def migrate(to: str = typer.Option(..., "--to", help="the store to copy into: neo4j (NEO4J_URI, NEO4J_USER, …)"),
            db: Path = typer.Option(None, "--db", help="the embedded database to copy (default: $POLICYKG_DB, "
                                                       "else var/policykg.lbug), whatever POLICYKG_STORE says")):
    """Copy the embedded graph (--db) into Neo4j, document by document (each replaced atomically; re-running
    is safe), and print the node and edge counts of both stores."""
    from app.migrate import migrate as migrate_graph

    if to != "neo4j":
        err.print(f"[red]unknown target[/red] {escape(repr(to))}: migrate copies the embedded graph into neo4j")
        raise typer.Exit(2)
    settings = load_settings(db)
    if not settings.db_path.exists():
        err.print(f"[red]no embedded graph at {escape(str(settings.db_path))}[/red]: "
                  "build it first (policykg build --db …)", soft_wrap=True)
        raise typer.Exit(2)
    try:
        source = open_store(settings.db_path, "ladybug", read_only=True)
    except StoreError as exc:
        err.print(f"[red]cannot open[/red] {escape(str(settings.db_path))}: {escape(str(exc))}", soft_wrap=True)
        raise typer.Exit(2) from exc
    try:
        target = open_store(settings.db_path, "neo4j", neo4j=settings.neo4j)
    except StoreError as exc:
        source.close()
        err.print(f"[red]cannot open Neo4j[/red]: {escape(str(exc))}", soft_wrap=True)
        raise typer.Exit(2) from exc
    try:
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=err) as progress:
            task = progress.add_task("copying", total=None)
            report = migrate_graph(source, target,
                                   lambda batch: progress.update(task, advance=1, description=batch.doc_id))
    except StoreError as exc:
        err.print("[red]migration stopped[/red] (documents already copied stay; run again to finish): "
                  f"{escape(str(exc))}", soft_wrap=True)
        raise typer.Exit(1) from exc
    finally:
        source.close()
        target.close()
    table = Table("label / type", f"embedded ({settings.db_path.name})", f"neo4j ({settings.neo4j.uri})")
    for key in report.source_counts:
        table.add_row(key, str(report.source_counts[key]), str(report.target_counts.get(key, 0)))
    data.print(table)
    data.print(f"copied {report.documents} document(s), {report.nodes} nodes, {report.edges} edges")
    if report.differences:
        err.print("[yellow]the stores differ[/yellow] (Neo4j held other facts before, or a copy failed): "
                  + ", ".join(f"{k} {a}≠{b}" for k, (a, b) in report.differences.items()))
