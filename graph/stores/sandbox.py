"""Analysts' free-form Cypher in worker processes: a crash or a memory bomb costs one worker, not the service.

`/cypher`, `/export` with a Cypher selection and `policykg query` run Cypher that nobody reviewed. The guard
(`graph/readonly.py`) decides by parsing that it only reads; this module bounds what a reading query can
cost, because reads can still crash a store (LadybugDB has segfaulted on queries), take gigabytes
(`size(range(1, 300000000))`) or run for minutes. Each query runs in a worker process that

- opens the graph read-only (LadybugDB: a small buffer pool and a bounded address-space reservation, so
  the whole process fits under `RLIMIT_AS`; Neo4j: a READ session, the server's own limits apply);
- is capped at `memory_mb` of address space: past it allocations fail and the query ends with an error;
- is killed when the query runs `timeout_ms` plus a grace period (the store's own timeout comes first);
- sends back at most `max_rows` rows and `max_result_bytes` of them.

A killed or crashed worker is replaced on the next query. At most `workers` queries run at once and
`queue` more wait; past that `run` raises `Busy` at once (the API answers 503 with Retry-After), so a flood
of slow queries never holds the threads that serve `/health` and the named queries.
"""

from __future__ import annotations

import os
import pickle
import queue
import resource
import signal
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from graph.params import params_problem
from graph.readonly import check_read_only
from graph.stores.base import QueryResult, QueryStopped, ReadOnlyViolation, StoreError

MB = 1024 * 1024
GRACE_SECONDS = 2.0  # past the store's own timeout, before the worker is killed
START_SECONDS = 60.0  # a worker that cannot open the graph in this time is given up


class Busy(StoreError):
    """Every worker is busy and the queue is full: try again later (`retry_after` seconds)."""

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True)
class SandboxLimits:
    """What one analyst's query may cost. Documented in app/settings.py (POLICYKG_CYPHER_*)."""

    workers: int = 2
    queue: int = 8
    timeout_ms: int = 10_000
    memory_mb: int = 1024
    max_rows: int = 1_000
    max_result_bytes: int = 16 * MB
    max_params_bytes: int = 64 * 1024
    buffer_pool_mb: int = 128


@dataclass(frozen=True)
class WorkerSpec:
    """What a worker needs to open the graph (picklable: it crosses into the spawned process)."""

    db_path: str
    kind: str
    limits: SandboxLimits
    neo4j: Any = None  # a Neo4jConfig for kind neo4j


class QueryPool:
    """Worker processes that run read-only Cypher against one graph, started when first needed."""

    def __init__(self, spec: WorkerSpec):
        self.spec = spec
        limits = spec.limits
        self._admitted = threading.BoundedSemaphore(limits.workers + limits.queue)
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()
        self._closed = False
        for _ in range(max(1, limits.workers)):
            self._idle.put(_Worker(spec))

    @classmethod
    def open(cls, db_path: str | Path, kind: str = "ladybug", limits: SandboxLimits | None = None,
             neo4j: Any = None) -> QueryPool:
        return cls(WorkerSpec(str(db_path), kind, limits or SandboxLimits(), neo4j))

    def run(self, query: str, params: dict[str, Any] | None = None, *, max_rows: int | None = None,
            timeout_ms: int | None = None) -> QueryResult:
        """Rows of one read-only statement, or ReadOnlyViolation (refused), Busy, QueryStopped or StoreError."""
        limits = self.spec.limits
        statement = check_read_only(query)
        params = params or {}
        problem = params_problem(params, limits.max_params_bytes)
        if problem:
            raise ReadOnlyViolation(f"read-only endpoint: {problem}")
        max_rows = min(max_rows or limits.max_rows, limits.max_rows * 1000)
        timeout_ms = min(timeout_ms or limits.timeout_ms, limits.timeout_ms)
        retry_after = max(1, round(timeout_ms / 1000))
        if not self._admitted.acquire(blocking=False):
            raise Busy(f"{limits.workers} analyst queries are running and {limits.queue} are waiting; "
                       f"try again in {retry_after} s", retry_after)
        try:
            try:
                worker = self._idle.get(timeout=timeout_ms / 1000 + GRACE_SECONDS)
            except queue.Empty as exc:
                raise Busy(f"no query worker became free within {timeout_ms} ms; try again in {retry_after} s",
                           retry_after) from exc
            try:
                return worker.run(statement, params, max_rows, timeout_ms)
            finally:
                if self._closed:
                    worker.stop()
                else:
                    self._idle.put(worker)
        finally:
            self._admitted.release()

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                self._idle.get_nowait().stop()
            except queue.Empty:
                break


class _Worker:
    """One worker process and the parent's end of its socket; restarted after a kill or a crash.

    The worker is a fresh interpreter (`python -m graph.stores.sandbox FD`), not a multiprocessing child:
    it inherits no open store, no threads, and never re-imports the parent's main script (a notebook, the
    CLI, uvicorn), which multiprocessing's spawn would.
    """

    def __init__(self, spec: WorkerSpec):
        self.spec = spec
        self.process: subprocess.Popen | None = None
        self.conn: Connection | None = None

    def _start(self) -> None:
        parent_socket, child_socket = socket.socketpair()
        try:
            process = subprocess.Popen([sys.executable, "-m", "graph.stores.sandbox", str(child_socket.fileno())],
                                       pass_fds=(child_socket.fileno(),), stdin=subprocess.DEVNULL,
                                       start_new_session=True)  # Ctrl-C in a terminal is the parent's to handle
        finally:
            child_socket.close()
        conn = Connection(parent_socket.detach())
        self.process, self.conn = process, conn
        conn.send(self.spec)
        if not conn.poll(START_SECONDS):
            self.stop()
            raise StoreError("the query worker did not start")
        try:
            status, message = conn.recv()
        except (EOFError, OSError) as exc:
            code = self._reap()
            raise StoreError(f"the query worker could not start ({_describe_exit(code)})") from exc
        if status != "ready":
            self.stop()
            raise StoreError(message)

    def run(self, statement: str, params: dict[str, Any], max_rows: int, timeout_ms: int) -> QueryResult:
        if self.process is None or self.process.poll() is not None:
            self.stop()
            self._start()
        assert self.conn is not None and self.process is not None
        self.conn.send((statement, params, max_rows, timeout_ms))
        if not self.conn.poll(timeout_ms / 1000 + GRACE_SECONDS):
            self.stop()
            raise QueryStopped(f"the query ran past its {timeout_ms} ms timeout and was stopped")
        try:
            status, payload = self.conn.recv()
        except (EOFError, OSError) as exc:
            code = self._reap()
            raise QueryStopped(f"the query stopped its worker process ({_describe_exit(code)}); "
                               "the service is unaffected") from exc
        if status == "ok":
            columns, rows, truncated = payload
            return QueryResult(columns, rows, truncated)
        kind, message = payload
        if kind == "memory":
            self.stop()  # an allocation failure may leave the store's state uncertain: start afresh
        raise {"readonly": ReadOnlyViolation, "memory": QueryStopped, "stopped": QueryStopped,
               "store": StoreError}[kind](message)

    def _reap(self) -> int | None:
        process = self.process
        self.stop()
        return process.returncode if process is not None else None

    def stop(self) -> None:
        if self.process is not None:
            if self.process.poll() is None:
                self.process.kill()
            self.process.wait(5)
        if self.conn is not None:
            self.conn.close()
        self.process, self.conn = None, None


def _describe_exit(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


# -- in the worker process -----------------------------------------------------------------------------------

def _serve(conn: Connection) -> None:
    """The worker's loop: read the spec, open the graph read-only under the memory cap, answer until EOF."""
    try:
        spec: WorkerSpec = conn.recv()
        store = _open(spec)
    except Exception as exc:  # the parent reports it; nothing else can be done here
        conn.send(("error", f"the query worker cannot open the graph: {exc}"))
        return
    conn.send(("ready", None))
    while True:
        try:
            statement, params, max_rows, timeout_ms = conn.recv()
        except (EOFError, OSError):
            break
        conn.send(_answer(store, statement, params, max_rows, timeout_ms, spec.limits))
    store.close()


def _open(spec: WorkerSpec):
    limits = spec.limits
    if spec.kind == "ladybug":
        from graph.stores.ladybug import LadybugStore

        size = os.path.getsize(spec.db_path) if os.path.isfile(spec.db_path) else 0
        # LadybugDB reserves address space for the largest file it may map; read-only, that is the file.
        reserve = _power_of_two_at_least(max(2 * size, 64 * MB))
        cap = (limits.memory_mb + limits.buffer_pool_mb) * MB + reserve
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        return LadybugStore(spec.db_path, read_only=True, buffer_pool_bytes=limits.buffer_pool_mb * MB,
                            max_db_bytes=reserve, threads=1)
    cap = limits.memory_mb * MB
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    from graph.stores import open_store

    return open_store(spec.db_path, spec.kind, read_only=True, neo4j=spec.neo4j)


def _answer(store, statement: str, params: dict, max_rows: int, timeout_ms: int,
            limits: SandboxLimits) -> tuple[str, Any]:
    try:
        result = store.read_only(statement, params, timeout_ms=timeout_ms, max_rows=max_rows)
    except ReadOnlyViolation as exc:
        return "error", ("readonly", str(exc))
    except QueryStopped as exc:
        return "error", ("stopped", str(exc))
    except MemoryError:
        return "error", ("memory", _memory_message(limits))
    except StoreError as exc:
        if "bad_alloc" in str(exc) or "Mmap" in str(exc) or "out of memory" in str(exc).lower():
            return "error", ("memory", _memory_message(limits))
        return "error", ("store", str(exc))
    payload = (result.columns, result.rows, result.truncated)
    try:
        size = len(pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
    except MemoryError:
        return "error", ("memory", _memory_message(limits))
    if size > limits.max_result_bytes:
        return "error", ("store", f"the answer is {size / MB:.1f} MB, over the {limits.max_result_bytes / MB:.0f} MB "
                                  "limit: return fewer columns or rows (LIMIT)")
    return "ok", payload


def _memory_message(limits: SandboxLimits) -> str:
    return f"the query needed more than {limits.memory_mb} MB of memory and was stopped"


def _power_of_two_at_least(value: int) -> int:
    return 1 << max(0, (value - 1).bit_length())


if __name__ == "__main__":
    _serve(Connection(int(sys.argv[1])))
