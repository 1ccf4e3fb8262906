"""Ingest throughput: extraction on distinct documents, then loading the bundled corpus replicated ×N.

Extraction: read+normalise+extract throughput (MB/s of source text) over the distinct documents at hand (the
bundled corpus and, when the checkout sits beside it, ../shared/eval/docs), --rounds times, with every
per-text cache (the matchers' find caches, the lru_caches of loaders.*) cleared before each document: a
user's corpus is distinct documents, so copies that answer from caches a first copy filled would flatter the
figure. Printed with the ratio to a bare multi-pattern scan of the same texts, the same number of times, with
pyahocorasick over every gazetteer and taxonomy term — the practical ceiling for dictionary extraction.

Load throughput into the embedded store (edges/s) uses the bundled corpus replicated ×N (default 100).

Then the first load of the same facts (the corpus ×--bulk-copies, each copy distinct documents) into an empty
store two ways, in one run: the per-document path (replace_document, one transaction per document) and the
bulk first load (bulk_load: COPY FROM, one transaction), with seconds, edges/s and the ratio; both stores'
node and edge counts are checked equal.

usage: python bench/ingest.py [--rounds 5] [--extract-only] [--copies 100] [--load-copies 10] [--bulk-copies 50]
"""

from __future__ import annotations

import argparse
import functools
import gc
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.settings import BUNDLED_CORPUS  # noqa: E402
from graph.stores import open_store  # noqa: E402
from loaders.gazetteers.industries import surface_index  # noqa: E402
from loaders.gazetteers.matcher import SurfaceMatcher  # noqa: E402
from loaders.gazetteers.parks import load_parks  # noqa: E402
from loaders.gazetteers.places import load_places  # noqa: E402
from loaders.pipeline import discover, process  # noqa: E402

EVAL_DOCS = ROOT.parent / "shared" / "eval" / "docs"


def replicate(folder: Path, copies: int) -> list[Path]:
    sources = [p for p in discover([BUNDLED_CORPUS])]
    paths = []
    for copy in range(copies):
        for source in sources:
            target = folder / f"{copy:04d}_{source.name}"
            shutil.copyfile(source, target)
            paths.append(target)
    return paths


def distinct_documents() -> list[Path]:
    """The bundled corpus and the evaluation documents, when present: every document once."""
    return discover([BUNDLED_CORPUS]) + (discover([EVAL_DOCS]) if EVAL_DOCS.is_dir() else [])


def text_caches() -> list:
    """Every cache keyed by text: the lru_caches of loaders.* that hold more than one answer (maxsize 1 is a
    loaded gazetteer, which a running service keeps) and the SurfaceMatchers' find caches."""
    caches = []
    for name, module in list(sys.modules.items()):
        if name.startswith("loaders"):
            for value in vars(module).values():
                wrapped = value if isinstance(value, functools._lru_cache_wrapper) else None
                if wrapped is not None and wrapped.cache_parameters()["maxsize"] != 1 and wrapped not in caches:
                    caches.append(wrapped)
    # gc.get_objects leaves out frozen objects, and the pipeline freezes its gazetteers once loaded: they are
    # listed unfrozen, then everything is frozen again (the bench's own texts too, which nothing collects).
    frozen = gc.get_freeze_count()
    gc.unfreeze()
    objects = gc.get_objects()
    if frozen:
        gc.freeze()
    for value in objects:
        if isinstance(value, SurfaceMatcher) and isinstance(getattr(value, "_found", None), dict):
            caches.append(value._found)
    return caches


def clear(caches: list) -> None:
    for cache in caches:
        (cache.cache_clear if hasattr(cache, "cache_clear") else cache.clear)()


def bench_extraction(rounds: int) -> None:
    """Extraction MB/s on distinct documents with cold per-text caches, and its ratio to the bare scan."""
    paths = distinct_documents()
    megabytes = rounds * sum(p.stat().st_size for p in paths) / 1e6
    matcher = bare_matcher()
    texts = [p.read_text(encoding="utf-8") for p in paths]
    process(paths[0])  # warm the gazetteers, as a running service would have them
    caches = text_caches()
    scan_seconds = extract_seconds = scan_cpu = extract_cpu = 0.0
    edges = hits = 0
    for _ in range(rounds):
        began, began_cpu = time.perf_counter(), time.process_time()
        hits += sum(len(matcher.find_all(t)) for t in texts)
        scan_seconds += time.perf_counter() - began
        scan_cpu += time.process_time() - began_cpu
        for path in paths:
            clear(caches)
            began, began_cpu = time.perf_counter(), time.process_time()
            edges += len(process(path).edges)
            extract_seconds += time.perf_counter() - began
            extract_cpu += time.process_time() - began_cpu
    print(f"distinct documents ×{rounds} rounds: {len(paths)} documents, {megabytes:.2f} MB, {edges} edges extracted"
          f" (per-text caches cleared before each document: {len(caches)} caches)")
    print(f"bare Aho-Corasick scan ({matcher.size} terms): {scan_seconds:.2f} s = {megabytes / scan_seconds:.2f} MB/s"
          f" ({hits} hits)")
    print(f"read+normalise+extract:            {extract_seconds:.2f} s = {megabytes / extract_seconds:.2f} MB/s"
          f" ({rounds * len(paths) / extract_seconds:.1f} docs/s)")
    print(f"ratio extract / bare scan:         {scan_seconds / extract_seconds:.3f}"
          f" (extraction runs at {100 * scan_seconds / extract_seconds:.1f}% of the ceiling)")
    # On a shared machine the wall-clock ratio moves with other processes; the CPU seconds of this process do not.
    print(f"in CPU seconds: extract {extract_cpu:.2f} s = {megabytes / extract_cpu:.2f} MB/s, bare scan {scan_cpu:.2f} s,"
          f" ratio {scan_cpu / extract_cpu:.3f} ({100 * scan_cpu / extract_cpu:.1f}% of the ceiling)")


def bare_matcher() -> SurfaceMatcher:
    forms = [(s, "place") for e in load_places().values() for s in [e.name, *e.aliases]]
    forms += [(s, "industry") for s in surface_index() if not s.isascii()]
    forms += [(s, "park") for e in load_parks().values() for s in [e.name, *e.aliases]]
    return SurfaceMatcher(forms)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5, help="passes over the distinct documents for extraction")
    parser.add_argument("--extract-only", action="store_true", help="extraction alone, not the load sections")
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--load-copies", type=int, default=10,
                        help="copies loaded into the store (each copy is a distinct document)")
    parser.add_argument("--bulk-copies", type=int, default=50,
                        help="copies loaded both per document and by COPY FROM (at most --copies)")
    args = parser.parse_args()
    bench_extraction(args.rounds)
    if args.extract_only:
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        paths = replicate(folder, args.copies)
        batches = [process(p) for p in paths]  # the facts to load (copies after the first answer from caches)
        edges = sum(len(b.edges) for b in batches)

        load_batches = batches[: len(discover([BUNDLED_CORPUS])) * args.load_copies]
        store = open_store(Path(tmp) / "bench.lbug")
        began = time.perf_counter()
        for batch in load_batches:
            store.replace_document(batch)
        load_seconds = time.perf_counter() - began
        loaded_edges = sum(len(b.edges) for b in load_batches)
        store.close()

        first = batches[: len(discover([BUNDLED_CORPUS])) * min(args.bulk_copies, args.copies)]
        first_edges = sum(len(b.edges) for b in first)
        store = open_store(Path(tmp) / "per_document.lbug")
        began = time.perf_counter()
        for batch in first:
            store.replace_document(batch)
        per_document_seconds = time.perf_counter() - began
        per_document_counts = store.counts()
        store.close()
        store = open_store(Path(tmp) / "bulk.lbug")
        began = time.perf_counter()
        store.bulk_load(first)
        bulk_seconds = time.perf_counter() - began
        bulk_counts = store.counts()
        store.close()
        if bulk_counts != per_document_counts:
            raise SystemExit(f"the two first loads differ: {per_document_counts} vs {bulk_counts}")

    print(f"corpus ×{args.copies}: {len(paths)} documents, {edges} edges extracted")
    print(f"load into embedded store (×{args.load_copies}): {len(load_batches)} documents, {loaded_edges} edges in "
          f"{load_seconds:.2f} s = {loaded_edges / load_seconds:.0f} edges/s")
    print(f"first load of the corpus ×{min(args.bulk_copies, args.copies)} into an empty store: {len(first)} documents, "
          f"{first_edges} edges, {sum(bulk_counts.values())} nodes+edges stored (equal counts both ways)")
    print(f"  per document (replace_document): {per_document_seconds:.2f} s = "
          f"{first_edges / per_document_seconds:.0f} edges/s")
    print(f"  bulk (bulk_load, COPY FROM):     {bulk_seconds:.2f} s = {first_edges / bulk_seconds:.0f} edges/s")
    print(f"  ratio per document / bulk:       {per_document_seconds / bulk_seconds:.1f}×")


if __name__ == "__main__":
    main()
