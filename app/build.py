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
"""

from __future__ import annotations

import hashlib
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from graph.stores import GraphStore
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


def build(store: GraphStore, paths: list[Path], progress: Callable[[Path], None] | None = None,
          doc_seconds: float | None = None) -> BuildReport:
    """Load every document under `paths`; `doc_seconds` defaults to POLICYKG_DOC_SECONDS."""
    seconds = doc_seconds_from_env() if doc_seconds is None else doc_seconds
    max_bytes = Limits.from_env().max_bytes
    report = BuildReport()
    by_content: dict[str, Path] = {}
    by_id: dict[str, Path] = {}
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
            _load(store, path, seconds, report)
        if progress:
            progress(path)
    return report


def _load(store: GraphStore, path: Path, seconds: float, report: BuildReport) -> None:
    try:
        with time_budget(seconds, path.name):
            batch = process(path)
        store.replace_document(batch)
    except ReadError as exc:
        report.failed[str(path)] = str(exc)
    except Exception as exc:  # one bad document must not stop the others; the store rolled back
        report.failed[str(path)] = f"{path.name}: {type(exc).__name__}: {exc}"
    else:
        report.loaded.append(str(path))
        report.nodes += len(batch.nodes)
        report.edges += len(batch.edges)


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


@contextmanager
def time_budget(seconds: float, name: str) -> Iterator[None]:
    """Raise DocumentTimeout in this block once `seconds` have passed (see the module docstring for where
    an alarm can be set); a timer someone else had running is put back, less the time spent here."""
    if seconds <= 0:
        yield
        return
    started = time.monotonic()

    def expired(signum, frame) -> None:
        raise DocumentTimeout(f"{name}: reading and extracting took over {seconds:g} s, the limit per document "
                              "(set POLICYKG_DOC_SECONDS to raise it)")

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
