"""Build throughput in one run: serial vs --workers N processes vs an N-worker Dask LocalCluster.

The bundled corpus is replicated ×--copies as distinct documents (each copy its own file name and one line
naming the copy at its end, so the build's same-content check does not fold the copies together), then
built three times into fresh embedded stores through app.build.build, as `policykg build` does:
`workers=1`, `workers=N`, and `dask=` the scheduler of a LocalCluster(n_workers=N, threads_per_worker=1,
processes=True). Prints seconds, documents/s, the ratio to the serial build and how long the one writer
spent in the store (a first build into an empty store: the bulk load), and the machine's load average
before and after (other work on the cores weighs on the parallel builds most); checks that the three graphs
are equal (their JSON exports). The pool's start is part of a --workers build (it starts per build); the
LocalCluster is started before its build is timed (a cluster outlives builds), but its workers import the
pipeline and load the gazetteers on their first document, inside the timing, as a fresh cluster's would.

usage: python bench/build.py [--copies 20] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.build import build  # noqa: E402
from app.settings import BUNDLED_CORPUS  # noqa: E402
from graph.stores import open_store  # noqa: E402
from loaders.pipeline import discover  # noqa: E402


def replicate(folder: Path, copies: int) -> list[Path]:
    """The corpus ×copies as distinct documents: distinct names and distinct bytes (a last line naming the copy)."""
    sources = discover([BUNDLED_CORPUS])
    for copy in range(copies):
        for source in sources:
            data = source.read_bytes()
            (folder / f"{copy:04d}_{source.name}").write_bytes(data + f"\n\n副本{copy:04d}\n".encode())
    return discover([folder])


class TimedStore:
    """The store, with the time the one writer spends in it added up: each replace_document, and for a bulk
    first load the time in bulk_load less the time it waited for the next extracted batch."""

    def __init__(self, store):
        self.store, self.seconds = store, 0.0

    def replace_document(self, batch) -> None:
        began = time.perf_counter()
        try:
            self.store.replace_document(batch)
        finally:
            self.seconds += time.perf_counter() - began

    def bulk_load(self, batches, doc_ids=None) -> None:
        waited = 0.0

        def timed():
            nonlocal waited
            iterator = iter(batches)
            while True:
                began = time.perf_counter()
                try:
                    batch = next(iterator)
                except StopIteration:
                    return
                finally:
                    waited += time.perf_counter() - began
                yield batch

        began = time.perf_counter()
        try:
            self.store.bulk_load(timed(), doc_ids)
        finally:
            self.seconds += time.perf_counter() - began - waited


def timed_build(db: Path, paths: list[Path], **how) -> tuple[float, float, int, str]:
    """Seconds, writer seconds, documents loaded and the exported graph (canonical JSON) of one build."""
    store = open_store(db)
    timed = TimedStore(store)
    try:
        began = time.perf_counter()
        report = build(timed, paths, **how)
        seconds = time.perf_counter() - began
        graph = json.dumps(store.export(), sort_keys=True, ensure_ascii=False, default=str)
    finally:
        store.close()
    if report.failed:
        raise SystemExit(f"{len(report.failed)} document(s) failed: {next(iter(report.failed.values()))}")
    return seconds, timed.seconds, len(report.loaded), graph


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2, help="processes, and Dask workers (one thread each)")
    args = parser.parse_args()
    logging.getLogger("distributed").setLevel(logging.ERROR)
    from dask.distributed import LocalCluster

    load_before = round(os.getloadavg()[0], 1) if hasattr(os, "getloadavg") else None
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        paths = replicate(folder, args.copies)
        megabytes = sum(p.stat().st_size for p in paths) / 1e6
        rows = [("serial (--workers 1)", *timed_build(Path(tmp) / "serial.lbug", paths, workers=1))]
        rows.append((f"--workers {args.workers}", *timed_build(Path(tmp) / "workers.lbug", paths, workers=args.workers)))
        with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=None,
                          silence_logs=logging.ERROR) as cluster:
            rows.append((f"Dask LocalCluster ({args.workers} workers)",
                         *timed_build(Path(tmp) / "dask.lbug", paths, dask=cluster.scheduler_address)))

    load_after = round(os.getloadavg()[0], 1) if hasattr(os, "getloadavg") else None
    print(f"corpus ×{args.copies}: {len(paths)} documents, {megabytes:.1f} MB; {os.cpu_count()} cores, "
          f"load average {load_before} before, {load_after} after")
    serial = rows[0][1]
    for name, seconds, writer, loaded, _ in rows:
        print(f"{name:<30} {seconds:7.2f} s  {loaded / seconds:6.2f} docs/s  ratio to serial {serial / seconds:5.2f}×"
              f"  (writer in the store {writer:.2f} s)")
    same = all(row[4] == rows[0][4] for row in rows)
    print(f"graphs equal (JSON export): {same}")
    if not same:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
