"""Ingest throughput on the bundled corpus replicated ×N (default 100).

Prints read+normalise+extract throughput (MB/s of source text), load throughput into the embedded store
(edges/s), and the ratio of extraction speed to a bare multi-pattern scan of the same text with
pyahocorasick over every gazetteer and taxonomy term — the practical ceiling for dictionary extraction.

Then the first load of the same facts (the corpus ×--bulk-copies, each copy distinct documents) into an empty
store two ways, in one run: the per-document path (replace_document, one transaction per document) and the
bulk first load (bulk_load: COPY FROM, one transaction), with seconds, edges/s and the ratio; both stores'
node and edge counts are checked equal.

usage: python bench/ingest.py [--copies 100] [--load-copies 10] [--bulk-copies 50]
"""

from __future__ import annotations

import argparse
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


def replicate(folder: Path, copies: int) -> list[Path]:
    sources = [p for p in discover([BUNDLED_CORPUS])]
    paths = []
    for copy in range(copies):
        for source in sources:
            target = folder / f"{copy:04d}_{source.name}"
            shutil.copyfile(source, target)
            paths.append(target)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--load-copies", type=int, default=10,
                        help="copies loaded into the store (each copy is a distinct document)")
    parser.add_argument("--bulk-copies", type=int, default=50,
                        help="copies loaded both per document and by COPY FROM (at most --copies)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        paths = replicate(folder, args.copies)
        total_bytes = sum(p.stat().st_size for p in paths)
        megabytes = total_bytes / 1e6

        forms = [(s, "place") for e in load_places().values() for s in [e.name, *e.aliases]]
        forms += [(s, "industry") for s in surface_index() if not s.isascii()]
        forms += [(s, "park") for e in load_parks().values() for s in [e.name, *e.aliases]]
        matcher = SurfaceMatcher(forms)
        texts = [p.read_text(encoding="utf-8") for p in paths]
        began = time.perf_counter()
        hits = sum(len(matcher.find_all(t)) for t in texts)
        scan_seconds = time.perf_counter() - began

        process(paths[0])  # warm the gazetteers, as a running service would have them
        began = time.perf_counter()
        batches = [process(p) for p in paths]
        extract_seconds = time.perf_counter() - began
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

    print(f"corpus ×{args.copies}: {len(paths)} documents, {megabytes:.1f} MB, {edges} edges extracted")
    print(f"bare Aho-Corasick scan ({matcher.size} terms): {scan_seconds:.2f} s = {megabytes / scan_seconds:.2f} MB/s"
          f" ({hits} hits)")
    print(f"read+normalise+extract:            {extract_seconds:.2f} s = {megabytes / extract_seconds:.2f} MB/s"
          f" ({len(paths) / extract_seconds:.1f} docs/s)")
    print(f"ratio extract / bare scan:         {scan_seconds / extract_seconds:.3f}"
          f" (extraction runs at {100 * scan_seconds / extract_seconds:.1f}% of the ceiling)")
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
