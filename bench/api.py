"""API latency and throughput against a real uvicorn server, on the bundled graph and on one scaled ×N.

For each main endpoint and 1, 8 and 32 concurrent clients: p50 and p99 latency (ms) and requests/s of the API,
and the same of the bare store at the same concurrency (the named queries of that answer called from as many
threads of this process on one read-only store), with the two ratios issue 15 sets goals for: API p50 / store
p50 (the service's overhead on one request; goal <= 1.5 at 1 client) and API req/s / store calls/s (what serving
costs in throughput; goal >= 0.70 at 32 clients). At 1 client the two p50s are also taken with the calls
alternated (the row `1 alt`), so that both see the same load. Each figure is printed with the machine's load
average: on a shared machine only figures taken at a like load compare.

The clients run in this process, on the same cores as the server. `--client lean` (the default) sends each
request over one kept-alive connection of the standard library's http.client; `--client httpx` uses httpx,
whose pure-Python HTTP handling took 0.2-1.3 ms more per request than lean on the same server (more the larger
the answer) and, at 32 clients, CPU the server then lacked. Each run prints the HTTP floor (GET /health, which
does no work: the round trip of that client and uvicorn) and the clients' own CPU per request, so the service's
share can be read apart from the client's. `--workers N` serves with N uvicorn processes (`policykg serve
--workers`).

The scaled graph loads the bundled corpus N times as distinct documents (synthetic copies), so places and
industries are shared and facts and evidence multiply, as they would with N times as many plans.
On the bundled graph also POST /ask: p50 and p99 over a fixed sample of the question set of
tests/questions/ask_questions.jsonl (every intent, both languages), each question asked --ask-rounds times, by
1 and 8 concurrent clients; answers that are not 200 are counted (a refusal is an answer, and timed).

Copies of a document carry a line of their own (a byte-identical copy would be loaded once, as skipped).
`--root` serves another tree's code (a git worktree of an earlier commit: before/after on one machine),
`--loop`/`--http` choose uvicorn's event loop and HTTP parser; `--scale 0` leaves the scaled graph out;
`--graphs DIR` keeps the built graphs there and reuses them on the next run (repeated runs, before/after).

usage: python bench/api.py [--scale 100] [--requests 200] [--ask-sample 60] [--ask-rounds 3] [--ask-only]
                           [--no-ask] [--client lean|httpx] [--workers 1] [--root DIR]
                           [--loop auto|asyncio|uvloop] [--http auto|h11|httptools] [--graphs DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.build import build  # noqa: E402
from app.settings import BUNDLED_CORPUS  # noqa: E402
from graph.stores import open_store  # noqa: E402
from loaders.pipeline import discover  # noqa: E402

# Each endpoint with the named queries it runs for that answer, in order: the bare store's figures are for all of
# them, so the ratios are the service's own cost (/cities first looks the industry's words up, then its places).
ENDPOINTS = [
    ("/cities?industry=增材制造", [
        ("industry_lookup", {"q": "增材制造"}),
        ("cities_by_industry",
         {"industry_ids": ["industry:增材制造"], "strengths": [], "levels": [], "skip": 0, "limit": 50})]),
    ("/cities/city:610700/industries", [
        ("industries_by_city", {"city_id": "city:610700", "strengths": [], "skip": 0, "limit": 50})]),
    ("/targets?city=city:610700", [
        ("targets_timeline", {"city_id": "city:610700", "industry_id": "", "year": 0, "skip": 0, "limit": 50})]),
    ("/evidence?source=city:610700&type=TARGETS&target=industry:增材制造", [
        ("edge_evidence", {"source": "city:610700", "type": "TARGETS", "target": "industry:增材制造"})]),
    ("/paths?from=city:610700&to=industry:增材制造&depth=2", [
        ("shortest_paths", {"source": "city:610700", "target": "industry:增材制造"})]),
]
CONCURRENCY = (1, 8, 32)
QUESTIONS = ROOT / "tests" / "questions" / "ask_questions.jsonl"
ASK_CONCURRENCY = (1, 8)


def scaled_corpus(folder: Path, copies: int) -> list[Path]:
    paths = []
    for copy in range(copies):
        for source in discover([BUNDLED_CORPUS]):
            target = folder / f"{copy:04d}_{source.name}"
            # a line of its own makes each copy a distinct document: a byte-identical copy is loaded once
            # (reported as skipped), and the "scaled" graph would be the bundled one
            target.write_bytes(source.read_bytes() + f"\n（副本{copy:04d}）\n".encode())
            paths.append(target)
    return paths


def build_db(path: Path, documents: list[Path]) -> float | None:
    """Build the graph at `path` and return the seconds it took; None when it was built before (--graphs)."""
    if path.exists():
        return None
    began = time.perf_counter()
    store = open_store(path)
    report = build(store, documents)
    store.close()
    if report.failed:
        raise SystemExit(f"build failed: {report.failed}")
    return time.perf_counter() - began


def built(seconds: float | None) -> str:
    return "reused (--graphs)" if seconds is None else f"built in {seconds:.1f} s"


SERVER = {"root": ROOT, "loop": "auto", "http": "auto", "pythonpath": "", "workers": 1}  # set from the command line
CLIENT = {"kind": "lean"}  # lean or httpx, set from the command line


def start_server(db: Path) -> tuple[subprocess.Popen, str]:
    """uvicorn serving `db` from the tree SERVER["root"] (PYTHONPATH first, so a baseline worktree's code runs),
    with SERVER's event loop and HTTP parser."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    root = Path(SERVER["root"])
    path = os.pathsep.join(p for p in (str(root), SERVER["pythonpath"]) if p)
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "app.api.main:create_app", "--factory", "--host", "127.0.0.1", "--port",
         str(port), "--log-level", "warning", "--loop", SERVER["loop"], "--http", SERVER["http"],
         "--workers", str(SERVER["workers"])], cwd=root,
        env={**os.environ, "POLICYKG_DB": str(db), "PYTHONPATH": path})
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(url + "/health", timeout=2).status_code == 200:
                return process, url
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("server did not start")


class LeanClient:
    """GETs over one kept-alive HTTP/1.1 connection of the standard library's http.client: the request line is
    httpx's (the same percent-encoding), the body is read whole and not decoded, an error status raises."""

    def __init__(self, url: str) -> None:
        self.base = httpx.URL(url)
        self.connection = http.client.HTTPConnection(self.base.host, self.base.port, timeout=60)

    def get(self, path: str) -> bytes:
        self.connection.request("GET", self.base.join(path).raw_path.decode("ascii"))
        response = self.connection.getresponse()
        body = response.read()
        if response.status >= 400:
            raise RuntimeError(f"GET {path}: {response.status} {body[:200]!r}")
        return body

    def __enter__(self) -> LeanClient:
        return self

    def __exit__(self, *_: object) -> None:
        self.connection.close()


def http_client(url: str):
    """A client of the kind --client chose, as a context manager with get(path) that raises on an error status."""
    if CLIENT["kind"] == "lean":
        return LeanClient(url)
    client = httpx.Client(base_url=url, timeout=60)
    get = client.get
    client.get = lambda path: get(path).raise_for_status()  # type: ignore[method-assign]
    return client


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def concurrently(clients: int, calls: int, open_client, call) -> tuple[float, float, float, float]:
    """p50 ms, p99 ms and calls/s of `calls` calls spread over `clients` threads, and the CPU ms the calling
    threads spent per call. Each thread opens its client (`open_client()`: an HTTP connection, or nothing) and
    makes one untimed call (connection set up, plan cached) before all of them start together; the rate is the
    timed calls over the span of the timed ones, the CPU that of the timed calls alone (each thread's own clock)."""
    per_client = max(1, calls // clients)
    ready = threading.Barrier(clients)

    def worker(_: int) -> tuple[list[float], float, float, float]:
        with open_client() as client:
            call(client)
            ready.wait()
            began, cpu = time.perf_counter(), time.thread_time()
            timings = []
            for _ in range(per_client):
                start = time.perf_counter()
                call(client)
                timings.append(time.perf_counter() - start)
            return timings, began, time.perf_counter(), time.thread_time() - cpu

    with ThreadPoolExecutor(clients) as pool:
        chunks = list(pool.map(worker, range(clients)))
    timings = [t for chunk, *_ in chunks for t in chunk]
    elapsed = max(end for _, _, end, _ in chunks) - min(began for _, began, _, _ in chunks)
    cpu = sum(c for *_, c in chunks) * 1e3 / len(timings)
    return percentile(timings, 0.5) * 1e3, percentile(timings, 0.99) * 1e3, len(timings) / elapsed, cpu


def load(url: str, path: str, clients: int, requests: int) -> tuple[float, float, float, float]:
    """p50 ms, p99 ms, requests/s for `requests` GETs spread over `clients` concurrent HTTP clients, and the CPU ms
    the clients spent per request."""
    return concurrently(clients, requests, lambda: http_client(url), lambda client: client.get(path))


def paired(db: Path, url: str, path: str, named: list[tuple[str, dict]], requests: int) -> tuple[float, float]:
    """p50 ms of the API and of the bare store at one client, their calls alternated (store, API, store, …): on a
    shared machine the load drifts between two runs taken one after the other, and the ratio of their p50s moved
    by ±0.4 from run to run; alternated, both medians are taken under the same load."""
    store = open_store(db, read_only=True)
    try:
        with http_client(url) as client:
            api_times, store_times = [], []
            for timed in range(requests + 10):  # the first 10 of each untimed: connection, plans, caches
                began = time.perf_counter()
                for name, params in named:
                    store.named(name, params)
                middle = time.perf_counter()
                client.get(path)
                if timed >= 10:
                    store_times.append(middle - began)
                    api_times.append(time.perf_counter() - middle)
    finally:
        store.close()
    return percentile(api_times, 0.5) * 1e3, percentile(store_times, 0.5) * 1e3


def store_load(db: Path, named: list[tuple[str, dict]], clients: int, requests: int) -> tuple[float, float, float]:
    """p50 ms, p99 ms, calls/s of the bare store at the same concurrency: a call runs the endpoint's named queries
    in order, from `clients` threads of this process on one read-only store (a connection per thread, as in the
    server)."""
    store = open_store(db, read_only=True)

    def call(_: object) -> None:
        for name, params in named:
            store.named(name, params)

    try:
        return concurrently(clients, requests, contextlib.nullcontext, call)[:3]
    finally:
        store.close()


def loadavg() -> str:
    """The machine's load (1, 5, 15 min): the figures are only comparable at a like load (a shared 2-core box)."""
    return "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def ask_sample(size: int) -> list[str]:
    """A fixed sample of the question set (seeded), drawn per intent so every intent and language is in it."""
    questions = [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    rng = random.Random(13)
    rng.shuffle(questions)
    questions.sort(key=lambda q: q["intent"])  # stable: shuffled within each intent
    by_intent: dict[str, list[str]] = {}
    for q in questions:
        by_intent.setdefault(q["intent"], []).append(q["q"])
    sample: list[str] = []
    while len(sample) < min(size, len(questions)):
        for qs in by_intent.values():
            if qs and len(sample) < size:
                sample.append(qs.pop())
    return sample


def load_ask(url: str, questions: list[str], clients: int, rounds: int) -> tuple[float, float, float, int]:
    """p50 ms, p99 ms, requests/s and the number of non-200 answers for POST /ask over the questions, `rounds`
    times each, spread over `clients` concurrent clients."""
    work = [q for _ in range(rounds) for q in questions]

    def worker(part: int) -> tuple[list[float], int]:
        timings, refused = [], 0
        with httpx.Client(base_url=url, timeout=60) as client:
            for q in work[part::clients]:
                began = time.perf_counter()
                response = client.post("/ask", json={"q": q})
                timings.append(time.perf_counter() - began)
                if response.status_code >= 500:
                    response.raise_for_status()
                refused += response.status_code != 200
        return timings, refused

    began = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        chunks = list(pool.map(worker, range(clients)))
    elapsed = time.perf_counter() - began
    timings = [t for chunk, _ in chunks for t in chunk]
    refused = sum(r for _, r in chunks)
    return percentile(timings, 0.5) * 1e3, percentile(timings, 0.99) * 1e3, len(timings) / elapsed, refused


def bench_ask(url: str, sample: int, rounds: int) -> None:
    questions = ask_sample(sample)
    with httpx.Client(base_url=url, timeout=60) as client:  # warm: the search index is built on first use
        client.post("/ask", json={"q": questions[0]})
    print(f"\nPOST /ask: {len(questions)} questions of {QUESTIONS.name} × {rounds}")
    print(f"{'endpoint':58s} {'clients':>7s} {'p50 ms':>8s} {'p99 ms':>8s} {'req/s':>8s} {'not 200':>9s}")
    for clients in ASK_CONCURRENCY:
        p50, p99, rps, refused = load_ask(url, questions, clients, rounds)
        print(f"{'/ask (question set sample)':58s} {clients:7d} {p50:8.2f} {p99:8.2f} {rps:8.1f} {refused:9d}")


def bench(label: str, db: Path, requests: int, ask: tuple[int, int] | None = None, endpoints: bool = True) -> None:
    process, url = start_server(db)
    try:
        print(f"\n== {label} ==")
        if ask:
            bench_ask(url, *ask)
        if not endpoints:
            return
        floor50, _, _, floor_cpu = load(url, "/health", 1, requests)
        print(f"HTTP floor ({CLIENT['kind']} client): GET /health, no work, p50 {floor50:.2f} ms, "
              f"client CPU {floor_cpu:.2f} ms per request")
        print(f"{loadavg()}. API: over HTTP; store: the endpoint's named queries called directly from as many threads. "
              "p50 x = API p50 / store p50 (goal at 1 client <= 1.5; `1 alt`: the same, "
              "the two called alternately); rate x = API req/s / store q/s (goal at 32 >= 0.70)")
        print(f"{'endpoint':44s} {'clients':>7s} {'p50 ms':>8s} {'p99 ms':>8s} {'req/s':>8s} "
              f"{'store p50':>9s} {'p99':>7s} {'q/s':>8s} {'p50 x':>6s} {'rate x':>6s} {'client CPU':>10s}")
        for path, named in ENDPOINTS:
            for clients in CONCURRENCY:
                s50, s99, qps = store_load(db, named, clients, requests)
                p50, p99, rps, cpu = load(url, path, clients, requests)
                print(f"{path[:44]:44s} {clients:7d} {p50:8.2f} {p99:8.2f} {rps:8.1f} "
                      f"{s50:9.2f} {s99:7.2f} {qps:8.1f} {p50 / s50:6.2f} {rps / qps:6.2f} {cpu:10.2f}")
            api50, store50 = paired(db, url, path, named, requests)
            print(f"{path[:44]:44s} {'1 alt':>7s} {api50:8.2f} {'':8s} {'':8s} {store50:9.2f} {'':7s} {'':8s} "
                  f"{api50 / store50:6.2f}")
        print(loadavg())
    finally:
        process.terminate()
        process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--ask-sample", type=int, default=60, help="questions of the set asked of /ask")
    parser.add_argument("--ask-rounds", type=int, default=3, help="times each sampled question is asked")
    parser.add_argument("--ask-only", action="store_true", help="only /ask, on the bundled graph")
    parser.add_argument("--no-ask", action="store_true", help="leave /ask out")
    parser.add_argument("--client", choices=("lean", "httpx"), default="lean",
                        help="the HTTP client: lean (http.client, one kept-alive connection) or httpx")
    parser.add_argument("--root", type=Path, default=ROOT, help="serve this tree's code (e.g. a baseline worktree)")
    parser.add_argument("--loop", default="auto", help="uvicorn --loop: auto, asyncio, uvloop")
    parser.add_argument("--http", default="auto", help="uvicorn --http: auto, h11, httptools")
    parser.add_argument("--pythonpath", default="", help="more import paths for the server (a parser installed aside)")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes serving the API")
    parser.add_argument("--graphs", type=Path, help="keep the built graphs in this folder and reuse them")
    args = parser.parse_args()
    SERVER.update(root=args.root.resolve(), loop=args.loop, http=args.http, pythonpath=args.pythonpath,
                  workers=args.workers)
    CLIENT["kind"] = args.client
    print(f"server: {SERVER['root']}, {args.workers} worker(s), loop {args.loop}, http {args.http}; "
          f"client: {args.client}")
    with tempfile.TemporaryDirectory() as tmp:
        graphs = args.graphs or Path(tmp)
        graphs.mkdir(parents=True, exist_ok=True)
        bundled = graphs / "bundled.lbug"
        print(f"bundled graph {built(build_db(bundled, discover([BUNDLED_CORPUS])))}")
        bench("bundled corpus (5 documents)", bundled, args.requests,
              None if args.no_ask else (args.ask_sample, args.ask_rounds), endpoints=not args.ask_only)
        if args.ask_only or not args.scale:
            return
        folder = Path(tmp) / "scaled"
        folder.mkdir()
        documents = scaled_corpus(folder, args.scale)
        scaled = graphs / f"scaled{args.scale}.lbug"
        print(f"\nscaled graph ×{args.scale} ({len(documents)} documents) {built(build_db(scaled, documents))}")
        bench(f"corpus ×{args.scale} ({len(documents)} documents)", scaled, args.requests)


if __name__ == "__main__":
    main()
