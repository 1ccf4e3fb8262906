"""Build the graph from documents: extract each (pure), then replace its facts in the store (atomic).

A document that cannot be read or extracted is reported and skipped; the store keeps what it had for it.
A document is its content at a path (see `loaders.pipeline.document_id`): the same bytes found at two
paths in one build are loaded once and the second is reported in `skipped`; two files that would get the
same id are not merged, the second is refused.

Each document's read and extraction runs under a time budget (POLICYKG_DOC_SECONDS, default 120; 0 turns
it off), so one pathological file fails with its reason and the others still load. The budget is a
SIGALRM timer, so it works where signals do: the main thread of a process on a POSIX system (the CLI, a
test, a worker process). There the alarm interrupts Python code (the extraction, pdfminer) between two
bytecodes, as Ctrl-C does; a call into C (lexbor, lxml, zlib) finishes first, which is why the readers
bound what they give those libraries. Elsewhere (another thread, Windows) no alarm is set and a document
over the budget is only failed once it returns; the readers' limits still bound it. The store write is
never interrupted: the budget covers `process` alone.

Extraction runs in one of three places, and the store is written by this process alone in every case:
serially here (`workers=1`), in `workers` processes of a ProcessPoolExecutor (forkserver, else spawn: a
fresh interpreter that never inherits the open store), or on a Dask cluster (`dask=ADDRESS`). Each
document's outcome (a FactBatch, or the reason it failed) comes back to the one writer, which replaces the
document in the store as soon as it and every document before it have arrived (into a store that holds none
of the documents, hands it on to one bulk load in that order instead: `GraphStore.bulk_load`, COPY FROM). The order is the serial
order because the store merges a node several documents share in load order (a later non-null property
wins, aliases are appended), so loading in arrival order could give a different graph. At most a few
documents per worker are in flight or waiting for the writer (a bulk load itself holds what it was
given until its COPY; the per-document path holds one document at a time). In a worker process
the extraction runs in the main thread, so the time budget interrupts as it does serially; a Dask worker
runs tasks in threads, which no alarm interrupts, so there the build stops waiting for a document at its
budget and fails it (see `_on_dask`).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from graph.model import FactBatch
from graph.stores import GraphStore, StoreError, StoreNotEmpty
from loaders.pipeline import discover, document_id, process
from loaders.read import Limits, ReadError

DEFAULT_DOC_SECONDS = 120.0


@dataclass
class BuildReport:
    loaded: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    # Documents not loaded because an identical one was: path → "same content as <path>".
    skipped: dict[str, str] = field(default_factory=dict)
    nodes: int = 0
    edges: int = 0


class DocumentTimeout(ReadError):
    """A document whose read and extraction took longer than the per-document budget."""


def doc_seconds_from_env() -> float:
    raw = os.environ.get("POLICYKG_DOC_SECONDS", "").strip()
    try:
        return float(raw) if raw else DEFAULT_DOC_SECONDS
    except ValueError as exc:
        raise ValueError(f"POLICYKG_DOC_SECONDS={raw!r} is not a number of seconds") from exc


# Documents in flight or extracted and waiting for the writer, per worker: enough to keep every worker
# busy while the writer loads, few enough that a slow document does not pile up the others in memory.
IN_FLIGHT_PER_WORKER = 4


class ClusterError(Exception):
    """The Dask scheduler given to the build could not be reached."""


@dataclass(frozen=True)
class Extracted:
    """One document's extraction, as it crosses back from a worker: its batch, or why it failed."""

    batch: FactBatch | None
    error: str | None = None


def default_workers() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


# `policykg build` without --workers extracts serially below this many documents. Starting the pool costs
# POOL_START_SECONDS whatever the work (the fork server and its preload of the pipeline, then each worker's
# start), and a document takes DOC_SECONDS to extract, so with two or more workers the pool saves at most
# half of n·DOC_SECONDS: it pays only from 2·POOL_START_SECONDS/DOC_SECONDS documents (27). Measured on this
# project's 2-core machine: a warm extraction 0.14-0.16 s per bundled document; a 2-process pool on the five
# bundled documents 2.5 s with the fork server already running, 6.6 s with its start, at a load average of
# 3.6 (about 2 s on an idle machine, the previous measurement), against 0.75 s serially. Under load a pool loses at any size
# (bench/build.py: 0.85x at 40 documents, load 3.9), so the threshold is the idle machine's.
POOL_START_SECONDS = 2.0
DOC_SECONDS = 0.15
POOL_MIN_DOCUMENTS = round(2 * POOL_START_SECONDS / DOC_SECONDS)
# New documents added to a graph go to one bulk load (COPY FROM) from this many on; fewer are replaced one by
# one. Into a graph, the bulk load's commit checkpoints the tables it copied into: a fixed ~2.5-3.2 s on this
# machine (the corpus x1 plus 4, 20 or 100 new documents, quiet: 3.2 s, 3.5 s, 5.2 s in all), against
# ~0.1 s per document one by one (bench/growth.py), so it pays from a few dozen. A first build into an empty
# store always goes to the bulk load.
BULK_ADD_MIN_DOCUMENTS = 50


def auto_workers(documents: int) -> int:
    """The worker processes a build of `documents` documents gets when none are asked for: one per core,
    or none (extraction here) when there are too few documents for a pool to pay for its start."""
    return 1 if documents < POOL_MIN_DOCUMENTS else default_workers()


def build(store: GraphStore, paths: list[Path], progress: Callable[[Path], None] | None = None,
          doc_seconds: float | None = None, workers: int = 1, dask: str | None = None) -> BuildReport:
    """Load every document under `paths`; `doc_seconds` defaults to POLICYKG_DOC_SECONDS.

    Extraction runs here (`workers=1`), in `workers` processes, or on the Dask scheduler at `dask`; the store
    is written here, in the order the documents were found, so every way gives the same graph. Into an empty
    store, or when at least BULK_ADD_MIN_DOCUMENTS new documents go into a graph that holds none of them, the
    batches go to `store.bulk_load` (one COPY FROM on the embedded store, the graph replace_document would
    leave); otherwise, or when the bulk load fails as a whole, each document is replaced on its own."""
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    seconds = doc_seconds_from_env() if doc_seconds is None else doc_seconds
    report = BuildReport()
    todo = _plan(paths, report, progress)

    def outcomes(paths: list[Path]) -> Iterator[tuple[Path, Extracted]]:
        if dask:
            return _on_dask(dask, paths, seconds)
        if workers > 1 and len(paths) > 1:
            return _in_processes(paths, seconds, min(workers, len(paths)))
        return ((path, extract(path, seconds)) for path in paths)

    counted: set[str] = set()  # documents the progress bar has already counted
    if todo:
        redo = _bulk_load(store, todo, outcomes(todo), report, progress)
        if redo is None:
            return report
        todo, counted = redo
    for path, outcome in outcomes(todo):
        _write(store, path, outcome, report)
        if progress and str(path) not in counted:
            progress(path)
    return report


def _bulk_load(store: GraphStore, todo: list[Path], outcomes: Iterator[tuple[Path, Extracted]],
                     report: BuildReport, progress: Callable[[Path], None] | None
                     ) -> tuple[list[Path], set[str]] | None:
    """Hand the extracted batches, as they arrive, to one bulk load; None when that loaded them.

    Otherwise the documents still to load one by one, and those the progress bar has already counted: all of
    `todo` when the store holds one of them (StoreNotEmpty comes before the first batch is taken, so nothing
    was extracted yet), or, when the bulk load failed as a whole (the store keeps none of it), the documents it
    had taken, to extract and load again one by one, followed by those not extracted yet."""
    handed: list[tuple[Path, int, int]] = []
    seen: set[str] = set()

    def batches() -> Iterator[FactBatch]:
        for path, outcome in outcomes:
            seen.add(str(path))
            if progress:  # extracted; the bulk load writes them all at its end
                progress(path)
            if outcome.batch is None:
                report.failed[str(path)] = outcome.error or f"{path.name}: no facts came back"
            else:
                handed.append((path, len(outcome.batch.nodes), len(outcome.batch.edges)))
                yield outcome.batch

    try:
        store.bulk_load(batches(), doc_ids=[document_id(path) for path in todo]
                        if len(todo) >= BULK_ADD_MIN_DOCUMENTS else None)
    except StoreNotEmpty:
        return todo, set()
    except StoreError:  # one bad batch fails the whole load: fall back to one transaction per document
        close = getattr(outcomes, "close", None)
        if close:
            close()  # stops its workers
        again = [path for path, _, _ in handed]
        return again + [path for path in todo if str(path) not in seen], {str(path) for path in again}
    for path, nodes, edges in handed:
        report.loaded.append(str(path))
        report.nodes += nodes
        report.edges += edges
    return None


def _plan(paths: list[Path], report: BuildReport, progress: Callable[[Path], None] | None) -> list[Path]:
    """The documents to extract, in the order found; copies and clashing ids go to the report now."""
    max_bytes = Limits.from_env().max_bytes
    by_content: dict[str, Path] = {}
    by_id: dict[str, Path] = {}
    todo: list[Path] = []
    for path in discover(paths):
        doc_id = document_id(path)
        digest = _sha256(path, max_bytes)
        if digest is not None and digest in by_content:
            report.skipped[str(path)] = f"{path.name}: same content as {by_content[digest]}; loaded once"
        elif doc_id in by_id:
            report.failed[str(path)] = (f"{path.name}: {by_id[doc_id]} in this build has the same id {doc_id}; "
                                        "give the folder that holds both instead of each on its own")
        else:
            if digest is not None:
                by_content[digest] = path
            by_id[doc_id] = path
            todo.append(path)
            continue
        if progress:
            progress(path)
    return todo


def extract(path: Path, seconds: float) -> Extracted:
    """Read and extract one document under the time budget; never raises (what went wrong is `error`).
    Runs wherever extraction runs (here, a worker process, a Dask worker), so it touches no store."""
    try:
        with time_budget(seconds, path.name):
            return Extracted(process(path))
    except ReadError as exc:
        return Extracted(None, str(exc))
    except Exception as exc:  # one bad document must not stop the others
        return Extracted(None, f"{path.name}: {type(exc).__name__}: {exc}")


def _write(store: GraphStore, path: Path, outcome: Extracted, report: BuildReport) -> None:
    if outcome.batch is None:
        report.failed[str(path)] = outcome.error or f"{path.name}: no facts came back"
        return
    batch = outcome.batch
    try:
        store.replace_document(batch)
    except Exception as exc:  # the store rolled back: the graph keeps what it had for this document
        report.failed[str(path)] = f"{path.name}: {type(exc).__name__}: {exc}"
    else:
        report.loaded.append(str(path))
        report.nodes += len(batch.nodes)
        report.edges += len(batch.edges)


def _start_method() -> multiprocessing.context.BaseContext:
    """forkserver where there is one (POSIX), else spawn: a worker never inherits the parent's open store,
    its lock or its threads, as a plain fork of this process would."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    # The fork server imports the pipeline once and every worker forks from it ready, instead of each worker
    # importing it on its own (jieba and the extractors: seconds per worker on a busy machine). '__main__' is
    # the default preload, kept for whoever else uses the fork server; a server already running keeps its list.
    context.set_forkserver_preload(["__main__", __name__])
    return context


def _in_processes(paths: list[Path], seconds: float, workers: int,
                  task: Callable[[Path, float], Extracted] = extract) -> Iterator[tuple[Path, Extracted]]:
    """Each document's outcome, in the order of `paths`, extracted by `workers` processes.

    A worker that dies (a crash in a C library, the kernel's OOM killer) breaks the whole pool; the documents
    that were in flight are then tried again one at a time in a new pool, so the one that kills its worker
    on its own is failed with the reason and the others load."""
    window = IN_FLIGHT_PER_WORKER * workers
    pending: dict[Future, int] = {}
    ready: dict[int, Extracted] = {}
    suspects: deque[int] = deque()
    alone: set[int] = set()
    submitted = written = 0
    pool = ProcessPoolExecutor(workers, mp_context=_start_method())
    try:
        while written < len(paths):
            if suspects:
                if not pending:
                    index = suspects.popleft()
                    alone.add(index)
                    pending[pool.submit(task, paths[index], seconds)] = index
            else:
                while submitted < len(paths) and len(pending) + len(ready) < window:
                    pending[pool.submit(task, paths[submitted], seconds)] = submitted
                    submitted += 1
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            broken = False
            for future in finished:
                index = pending.pop(future)
                name = paths[index].name
                try:
                    ready[index] = future.result()
                except BrokenProcessPool as exc:
                    broken = True
                    if index in alone:
                        ready[index] = Extracted(None, f"{name}: the process extracting it died ({exc})")
                    else:
                        suspects.append(index)
                except Exception as exc:  # the outcome did not survive the trip back (pickling)
                    ready[index] = Extracted(None, f"{name}: {type(exc).__name__}: {exc}")
            if broken:
                suspects.extend(pending.values())  # the rest of the broken pool's work
                pending.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                pool = ProcessPoolExecutor(workers, mp_context=_start_method())
            while written in ready:
                yield paths[written], ready.pop(written)
                written += 1
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _on_dask(address: str, paths: list[Path], seconds: float,
             task: Callable[[Path, float], Extracted] = extract) -> Iterator[tuple[Path, Extracted]]:
    """Each document's outcome, in the order of `paths`, extracted on the Dask cluster at `address`.

    The workers read the files at these paths (a shared filesystem) and import this project (the same
    environment); results stream back as they complete and wait here only for the documents before them.

    A Dask worker runs tasks in threads, where no alarm can interrupt the extraction, so the time budget is
    kept here: once the document next in line to be written has been waited for `seconds` (counted from when
    every document before it had come back, so never before it could have started: the scheduler hands tasks
    out in submission order), it is failed with the budget's reason and its future cancelled. The build stops
    waiting for it; the worker's thread cannot be stopped and finishes it in the background, its result
    dropped (dask/distributed#3681), so a cluster of one-thread workers loses that worker until it does."""
    from dask.distributed import Client
    from dask.distributed import wait as dask_wait

    if not paths:
        return
    try:
        client = Client(address, timeout=30, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    run = uuid.uuid4().hex[:8]
    try:
        threads = sum(client.nthreads().values()) or 1
        window = IN_FLIGHT_PER_WORKER * threads
        pending: dict[int, object] = {}  # index → its future
        ready: dict[int, Extracted] = {}
        submitted = written = 0
        head_since = time.monotonic()  # when the document at `written` became the next to write
        while written < len(paths):
            while submitted < len(paths) and len(pending) + len(ready) < window:
                pending[submitted] = client.submit(task, paths[submitted], seconds,
                                                   key=f"policykg-extract-{run}-{submitted}", pure=False)
                submitted += 1
            timeout = max(head_since + seconds - time.monotonic(), 0) if seconds > 0 else None
            try:
                with client.as_current():  # wait() asks for the default client; this one is not the default
                    done = dask_wait(list(pending.values()), timeout=timeout, return_when="FIRST_COMPLETED").done
            except TimeoutError:
                done = set()
            for index in [i for i, future in pending.items() if future in done]:
                future = pending.pop(index)
                try:
                    ready[index] = future.result()
                except Exception as exc:  # the task failed on the cluster (a worker killed too often, pickling)
                    ready[index] = Extracted(None, f"{paths[index].name}: on the Dask cluster: "
                                                   f"{type(exc).__name__}: {exc}")
                future.release()
            if written in pending and seconds > 0 and time.monotonic() >= head_since + seconds:
                pending.pop(written).cancel()
                ready[written] = Extracted(None, over_budget(paths[written].name, seconds))
            while written in ready:
                yield paths[written], ready.pop(written)
                written += 1
                head_since = time.monotonic()
    finally:
        client.close()


def _sha256(path: Path, max_bytes: int) -> str | None:
    """The file's content hash, or None when it cannot be or need not be hashed (unreadable, or over the
    size limit: the reader refuses it without reading it, so neither should we)."""
    try:
        if path.stat().st_size > max_bytes:
            return None
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def over_budget(name: str, seconds: float) -> str:
    """Why a document over the time budget failed (the same words wherever the budget is kept)."""
    return (f"{name}: reading and extracting took over {seconds:g} s, the limit per document "
            "(set POLICYKG_DOC_SECONDS to raise it)")


@contextmanager
def time_budget(seconds: float, name: str) -> Iterator[None]:
    """Raise DocumentTimeout in this block once `seconds` have passed (see the module docstring for where
    an alarm can be set); a timer someone else had running is put back, less the time spent here."""
    if seconds <= 0:
        yield
        return
    started = time.monotonic()

    def expired(signum, frame) -> None:
        raise DocumentTimeout(over_budget(name, seconds))

    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
    else:
        previous_handler = signal.signal(signal.SIGALRM, expired)
        previous_delay, previous_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            # One-shot: once it has fired there is nothing left to cancel, so an alarm arriving here cannot
            # leave a timer behind that would interrupt the store write.
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous_handler)
            if previous_delay:
                remaining = previous_delay - (time.monotonic() - started)
                signal.setitimer(signal.ITIMER_REAL, max(remaining, 0.001), previous_interval)
    # Without an alarm, or when code in the block caught the alarm's exception and carried on, the block
    # returns late: the document is over its budget all the same.
    if time.monotonic() - started > seconds:
        expired(None, None)
