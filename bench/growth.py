"""Growth: does a document cost more to load the bigger the graph it goes into? (issue 15)

For each scale ×N (default 1, 10, 50, 100 copies of the bundled corpus as distinct documents: each copy its
own file name and a line naming the copy, as bench/build.py makes them), in one run:

- the base graph ×N is bulk loaded into a fresh embedded store (`bulk_load`, COPY FROM: the quick way to a
  graph of that size; its time is printed but is not what is measured);
- then the same `--added` new documents (copies beyond the largest scale, identical at every scale) are
  added one by one with `replace_document`, as a user adding documents to a graph of that size does: the
  median seconds per document;
- and, into a second copy of the same base, the same new documents added in one bulk load
  (`bulk_load(…, doc_ids=…)`, COPY FROM): seconds per document;
- then `--replaced` re-loads of documents already present (copy 0's five documents, each changed by one
  line, then back): the median seconds per re-load, and of that the part spent deleting the document's old
  facts (`_delete_document`, timed here from outside).

Extraction is pure (it never touches the store), so its cost cannot depend on the graph's size; it is timed
per document over each scale's own copies all the same (the table's extract column), with the gazetteers warm.
Ratios are to ×1 in the same run; the load average is printed before and after (2 shared cores: compare
figures from one run, not across runs).

usage: python bench/growth.py [--scales 1,10,50,100] [--added 20] [--replaced 10]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.build import replicate  # noqa: E402
from graph.model import FactBatch  # noqa: E402
from graph.stores import open_store  # noqa: E402
from loaders.pipeline import discover, process  # noqa: E402


def load() -> float:
    return round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else float("nan")


def changed(folder: Path, sources: list[Path]) -> list[Path]:
    """Copies of `sources` under the same names (so the same document ids) with one more line: a changed version."""
    folder.mkdir()
    for source in sources:
        (folder / source.name).write_bytes(source.read_bytes() + "\n\n修订：本文件已更新。\n".encode())
    return discover([folder])


def timed_loads(store, batches: list[FactBatch]) -> tuple[list[float], list[float]]:
    """Seconds of each replace_document, and of the delete of the old facts inside it."""
    deleting: list[float] = []
    delete = store._delete_document

    def timed_delete(doc_id: str) -> None:
        began = time.perf_counter()
        try:
            delete(doc_id)
        finally:
            deleting.append(time.perf_counter() - began)

    store._delete_document = timed_delete
    seconds = []
    try:
        for batch in batches:
            began = time.perf_counter()
            store.replace_document(batch)
            seconds.append(time.perf_counter() - began)
    finally:
        del store._delete_document
    return seconds, deleting


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,50,100", help="copies of the corpus in the base graph")
    parser.add_argument("--added", type=int, default=20, help="new documents added to each base graph")
    parser.add_argument("--replaced", type=int, default=10, help="re-loads of changed documents already present")
    args = parser.parse_args()
    scales = sorted(int(s) for s in args.scales.split(","))
    corpus = len(discover([ROOT / "data" / "corpus"]))
    extra = -(-args.added // corpus)  # copies beyond the largest scale, for the added documents
    before = load()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        paths = replicate(folder, scales[-1] + extra)
        process(paths[0])  # warm the gazetteers, as a running service would have them
        extract_seconds, batches = [], []
        for path in paths:
            began = time.perf_counter()
            batches.append(process(path))
            extract_seconds.append(time.perf_counter() - began)
        added = batches[scales[-1] * corpus:][: args.added]
        originals = batches[:corpus]
        versions = [process(p) for p in changed(Path(tmp) / "changed", paths[:corpus])]
        rounds = [versions, originals] * (-(-args.replaced // (2 * corpus)))
        reloads = [b for round_ in rounds for b in round_][: args.replaced]

        rows = []
        for scale in scales:
            store = open_store(Path(tmp) / f"x{scale}.lbug")
            try:
                began = time.perf_counter()
                store.bulk_load(batches[: scale * corpus])
                bulk = time.perf_counter() - began
                edges = sum(v for k, v in store.counts().items() if k.isupper())
                add_s, _ = timed_loads(store, added)
                replace_s, delete_s = timed_loads(store, reloads)
            finally:
                store.close()
            store = open_store(Path(tmp) / f"x{scale}_bulk_add.lbug")
            try:  # the same new documents added to the same base in one bulk load
                store.bulk_load(batches[: scale * corpus])
                began = time.perf_counter()
                store.bulk_load(added, doc_ids=[b.doc_id for b in added])
                bulk_add = (time.perf_counter() - began) / len(added)
            finally:
                store.close()
            extract = statistics.median(extract_seconds[: scale * corpus])
            rows.append((scale, scale * corpus, edges, bulk, extract, statistics.median(add_s),
                         statistics.median(replace_s), statistics.median(delete_s), bulk_add))
            print(f"  ×{scale} done (load {load()})", file=sys.stderr, flush=True)
    after = load()

    print(f"growth: {args.added} documents added and {args.replaced} re-loads of changed documents per scale, "
          f"medians per document; {os.cpu_count()} cores, load average {before} before, {after} after")
    print(f"{'scale':>6}{'docs':>7}{'edges':>9}{'bulk s':>8}{'extract s':>11}{'add s':>9}{'bulk add s':>12}"
          f"{'replace s':>11}{'of it delete s':>16}   ratios to ×1 (extract / add / bulk add / replace / delete)")
    base = rows[0]
    for scale, docs, edges, bulk, extract, add, replace, delete, bulk_add in rows:
        print(f"{'×' + str(scale):>6}{docs:>7}{edges:>9}{bulk:>8.2f}{extract:>11.3f}{add:>9.3f}{bulk_add:>12.3f}"
              f"{replace:>11.3f}{delete:>16.3f}   {extract / base[4]:.2f} / {add / base[5]:.2f} / "
              f"{bulk_add / base[8]:.2f} / {replace / base[6]:.2f} / {delete / base[7]:.2f}")


if __name__ == "__main__":
    main()
