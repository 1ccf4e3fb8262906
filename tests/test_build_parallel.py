"""`policykg build --workers N` and `--dask ADDRESS`: extraction elsewhere, one writer here, the same graph.

The serial build (`--workers 1`) is the reference: the graph exported as JSON after a build in two worker
processes, or on a real two-process Dask LocalCluster, must equal it. The Dask test builds the whole bundled
corpus (five documents; the cluster's start and the workers' imports are most of its time). Speed is
measured in bench/build.py, not here.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.build import Extracted, _in_processes, _on_dask, build, extract
from app.cli import cli
from app.settings import BUNDLED_CORPUS
from graph.stores import StoreError, open_store
from graph.stores.ladybug import LadybugStore
from loaders.pipeline import discover

runner = CliRunner()
CRASHING = "crashes_its_worker.txt"


def built_graph(tmp_path: Path, name: str, *args: str) -> tuple[dict, str]:
    """Build with the CLI and `args`, export the graph as JSON; the graph and the build's output."""
    db = tmp_path / f"{name}.lbug"
    result = runner.invoke(cli, ["build", *args, "--db", str(db)])
    out = tmp_path / f"{name}.json"
    exported = runner.invoke(cli, ["export", "--format", "json", "--out", str(out), "--db", str(db)])
    assert exported.exit_code == 0, exported.output
    return json.loads(out.read_text(encoding="utf-8")), result


@pytest.fixture(scope="module")
def serial_graph(tmp_path_factory) -> dict:
    graph, result = built_graph(tmp_path_factory.mktemp("serial"), "serial", str(BUNDLED_CORPUS), "--workers", "1")
    assert result.exit_code == 0, result.output
    assert "loaded 5 document(s)" in result.output
    return graph


def test_two_worker_processes_build_the_same_graph_as_the_serial_build(tmp_path, serial_graph):
    graph, result = built_graph(tmp_path, "workers", str(BUNDLED_CORPUS), "--workers", "2")
    assert result.exit_code == 0, result.output
    assert "loaded 5 document(s)" in result.output
    assert "2 processes" in result.output and "docs/s" in result.output  # the progress bar says how and how fast
    assert graph["nodes"] and graph["edges"]
    assert graph == serial_graph


def test_a_dask_cluster_builds_the_same_graph_as_the_serial_build(tmp_path, serial_graph):
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        graph, result = built_graph(tmp_path, "dask", str(BUNDLED_CORPUS), "--dask", cluster.scheduler_address)
        assert result.exit_code == 0, result.output
        assert "loaded 5 document(s)" in result.output and "Dask" in result.output
        assert graph == serial_graph

        # The function the CLI calls: every document reaches the progress callback once, as serially.
        seen: list[str] = []
        store = open_store(tmp_path / "again.lbug")
        try:
            report = build(store, [BUNDLED_CORPUS], lambda p: seen.append(p.name), dask=cluster.scheduler_address)
        finally:
            store.close()
    assert seen == [p.name for p in discover([BUNDLED_CORPUS])]
    assert len(report.loaded) == 5 and not report.failed


def test_a_document_that_fails_in_a_worker_is_reported_and_leaves_its_facts_as_they_were(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    corpus = discover([BUNDLED_CORPUS])
    shutil.copyfile(corpus[3], folder / "a.txt")
    shutil.copyfile(corpus[4], folder / "b.txt")
    before, result = built_graph(tmp_path, "first", str(folder), "--workers", "2")
    assert result.exit_code == 0, result.output

    (folder / "a.txt").write_bytes(b"")  # a.txt can no longer be read: its facts from the first build stay
    after, result = built_graph(tmp_path, "first", str(folder), "--workers", "2")
    assert result.exit_code == 1
    assert "failed" in result.output and "a.txt" in result.output and "empty" in result.output
    assert "loaded 1 document(s)" in result.output
    assert after == before


def test_the_time_budget_holds_in_worker_processes(tmp_path):
    store = open_store(tmp_path / "kg.lbug")
    try:
        report = build(store, [BUNDLED_CORPUS], workers=2, doc_seconds=0.001)
        counts = store.counts()
    finally:
        store.close()
    assert not report.loaded and len(report.failed) == 5
    assert all("over 0.001 s, the limit per document" in reason for reason in report.failed.values())
    assert not counts.get("Document")


def extract_or_crash(path: Path, seconds: float) -> Extracted:
    """A worker task for the test below: dies like a segfaulting C library on one file, extracts the rest."""
    if path.name == CRASHING:
        os._exit(70)
    return extract(path, seconds)


def test_a_document_that_kills_its_worker_fails_alone_and_the_others_still_load(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    corpus = discover([BUNDLED_CORPUS])
    for source in corpus[1:]:
        shutil.copyfile(source, folder / source.name)
    shutil.copyfile(corpus[0], folder / CRASHING)
    paths = discover([folder])

    outcomes = list(_in_processes(paths, 0, 2, task=extract_or_crash))

    assert [p.name for p, _ in outcomes] == [p.name for p in paths]  # every document, in the order found
    by_name = {p.name: o for p, o in outcomes}
    assert by_name[CRASHING].batch is None and "the process extracting it died" in by_name[CRASHING].error
    assert all(o.batch is not None and o.batch.edges for n, o in by_name.items() if n != CRASHING)


def test_workers_and_dask_together_are_refused(tmp_path):
    result = runner.invoke(cli, ["build", "--workers", "2", "--dask", "tcp://127.0.0.1:1", "--db",
                                 str(tmp_path / "kg.lbug")])
    assert result.exit_code == 2 and "not both" in result.output
    assert not (tmp_path / "kg.lbug").exists()


class BulkLoadFailing:
    """A real embedded store whose bulk first load fails as a whole after taking two batches (as a COPY of a
    bad batch would), counting how documents reach it."""

    def __init__(self, store):
        self.store, self.bulk_loads, self.replaced = store, 0, 0

    def bulk_load(self, batches, doc_ids=None) -> None:
        self.bulk_loads += 1
        next(iter(batches)), next(iter(batches))
        raise StoreError("COPY failed")

    def replace_document(self, batch) -> None:
        self.replaced += 1
        self.store.replace_document(batch)


def test_a_first_build_that_the_bulk_load_fails_loads_every_document_one_by_one(tmp_path, serial_graph):
    db = tmp_path / "kg.lbug"
    store = open_store(db)
    failing = BulkLoadFailing(store)
    seen: list[str] = []
    try:
        report = build(failing, [BUNDLED_CORPUS], lambda p: seen.append(p.name), workers=2)
    finally:
        store.close()
    assert failing.bulk_loads == 1 and failing.replaced == 5
    assert len(report.loaded) == 5 and not report.failed
    assert seen == [p.name for p in discover([BUNDLED_CORPUS])]  # each document counted once
    out = tmp_path / "kg.json"
    assert runner.invoke(cli, ["export", "--format", "json", "--out", str(out), "--db", str(db)]).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8")) == serial_graph


def test_a_first_build_goes_to_the_bulk_load_and_a_rebuild_replaces_document_by_document(tmp_path):
    calls: list[str] = []

    class Counting:
        def __init__(self, store):
            self.store = store

        def bulk_load(self, batches, doc_ids=None) -> None:
            calls.append("bulk_load")
            self.store.bulk_load(batches, doc_ids)

        def replace_document(self, batch) -> None:
            calls.append("replace_document")
            self.store.replace_document(batch)

    store = open_store(tmp_path / "kg.lbug")
    try:
        first = build(Counting(store), [BUNDLED_CORPUS], workers=2)
        assert calls == ["bulk_load"] and len(first.loaded) == 5
        calls.clear()
        again = build(Counting(store), [BUNDLED_CORPUS], workers=2)
        counts = store.counts()
    finally:
        store.close()
    assert calls == ["bulk_load"] + ["replace_document"] * 5  # refused (not empty) before taking a batch
    assert len(again.loaded) == 5 and counts["Document"] == 5


@pytest.mark.parametrize("bulk_add_min, second", [(2, ["bulk_load 3"]), (None, ["bulk_load 0"] + ["replace_document"] * 3)])
def test_new_documents_built_into_a_graph_give_the_serial_graph(tmp_path, serial_graph, bulk_add_min, second):
    """A second build of documents the graph does not hold yet adds them with one bulk load (COPY FROM) when
    they are many (BULK_ADD_MIN_DOCUMENTS, lowered here to 2), else one by one (the bulk load, asked with no
    documents named, refuses a store that holds a graph); either way the graph is the serial build's."""
    calls: list[str] = []
    bulk_load, replace_document = LadybugStore.bulk_load, LadybugStore.replace_document

    def counting_bulk_load(self, batches, doc_ids=None):
        calls.append(f"bulk_load {len(doc_ids or [])}")
        return bulk_load(self, batches, doc_ids)

    def counting_replace_document(self, batch):
        calls.append("replace_document")
        return replace_document(self, batch)

    paths = list(discover([BUNDLED_CORPUS]))
    db = tmp_path / "grown.lbug"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(LadybugStore, "bulk_load", counting_bulk_load)
        patch.setattr(LadybugStore, "replace_document", counting_replace_document)
        if bulk_add_min is not None:
            patch.setattr("app.build.BULK_ADD_MIN_DOCUMENTS", bulk_add_min)
        for part in (paths[:2], paths[2:]):
            result = runner.invoke(cli, ["build", *map(str, part), "--db", str(db), "--workers", "1"])
            assert result.exit_code == 0, result.output
    assert calls == [f"bulk_load {2 if bulk_add_min else 0}", *second]
    out = tmp_path / "grown.json"
    assert runner.invoke(cli, ["export", "--format", "json", "--out", str(out), "--db", str(db)]).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8")) == serial_graph


def test_a_default_build_of_a_few_documents_extracts_here_without_a_pool(tmp_path, monkeypatch, serial_graph):
    """Five documents do not pay for a pool's start: without --workers they are extracted in this process,
    however many cores there are; --workers N still starts N processes (the test above)."""
    import app.build

    def no_pool(*args, **kwargs):
        raise AssertionError("a process pool was started for five documents")

    monkeypatch.setattr(app.build, "default_workers", lambda: 4)
    monkeypatch.setattr(app.build, "_in_processes", no_pool)
    graph, result = built_graph(tmp_path, "default", str(BUNDLED_CORPUS))
    assert result.exit_code == 0, result.output
    assert "loaded 5 document(s)" in result.output and "1 process" in result.output
    assert graph == serial_graph


def test_the_default_workers_are_one_per_core_from_the_threshold_on(monkeypatch):
    import app.build

    monkeypatch.setattr(app.build, "default_workers", lambda: 4)
    assert app.build.auto_workers(0) == 1
    assert app.build.auto_workers(app.build.POOL_MIN_DOCUMENTS - 1) == 1
    assert app.build.auto_workers(app.build.POOL_MIN_DOCUMENTS) == 4


RELEASE_SLOW = threading.Event()
SLOW = "never_finishes.txt"


def extract_or_hang(path: Path, seconds: float) -> Extracted:
    """A Dask task for the test below: hangs on one file until the test lets it go, extracts the rest."""
    if path.name == SLOW:
        RELEASE_SLOW.wait(120)
        return Extracted(None, "the hanging task finished: the build waited for it")
    return extract(path, seconds)


def test_on_dask_the_build_stops_waiting_for_a_document_at_its_budget(tmp_path):
    """A Dask worker runs the task in a thread no alarm interrupts: the build itself gives up on the document
    at the budget (its future cancelled) while the task still runs, and the documents after it load."""
    from dask.distributed import LocalCluster

    folder = tmp_path / "docs"
    folder.mkdir()
    corpus = discover([BUNDLED_CORPUS])
    shutil.copyfile(corpus[0], folder / SLOW)
    for source in corpus[1:3]:
        shutil.copyfile(source, folder / source.name)
    paths = discover([folder])
    extract(paths[0], 0)  # the gazetteers warm (the workers are threads of this process), not in the budget
    RELEASE_SLOW.clear()
    try:
        with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
            outcomes = []
            for path, outcome in _on_dask(cluster.scheduler_address, paths, 3.0, task=extract_or_hang):
                outcomes.append((path.name, outcome, RELEASE_SLOW.is_set()))
    finally:
        RELEASE_SLOW.set()
    assert [name for name, _, _ in outcomes] == [p.name for p in paths]
    by_name = {name: (outcome, released) for name, outcome, released in outcomes}
    slow, released = by_name[SLOW]
    assert not released  # given up on while the task was still hanging
    assert slow.batch is None and "over 3 s, the limit per document" in slow.error
    assert all(o.batch is not None and o.batch.edges for n, (o, _) in by_name.items() if n != SLOW)
