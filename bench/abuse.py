"""The service under abuse: mixed traffic from 32 clients, with and without a flood of slow analyst Cypher.

Builds the bundled corpus into a temporary embedded graph, starts a real uvicorn server on it (its output in
a log file beside the graph) and runs two phases of --seconds each on the same server:

  A  --clients threads (one httpx.Client each) loop over the mixed endpoints below, and one probe thread
     calls /health every 100 ms, recording its latency;
  B  the same, plus --slow threads each sending a slow /cypher in a loop (it runs past the 10 s timeout:
     the expected answers are 422, stopped, or 503, every worker busy, with Retry-After).

For each phase a table per endpoint: requests, errors, busy, p50/p99 ms and requests/s. An error is a 5xx
other than /cypher's 503, a connection error or a client timeout, or for the mixed clients' cheap /cypher any
answer but 200 and 503; a 503 there is counted as "busy" (the sandbox said so at once), not as an error.
Latencies are those of the answered requests that are neither errors nor busy. Then /health p99 and max from
the probe, the slow flood's answers by status, the ratios B/A, and a verdict: errors == 0 and the probe's
/health p99 under 1 s. Timing is printed, never asserted.

A slow thread that is told 503 waits --slow-pause seconds (default 1: an impatient client that ignores the
10 s Retry-After) before it sends again; a 422 is followed by the next query at once.

usage: python bench/abuse.py [--seconds 60] [--clients 32] [--slow 40] [--slow-pause 1]
"""

from __future__ import annotations

import argparse
import itertools
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.settings import BUNDLED_CORPUS  # noqa: E402
from bench.api import build_db, percentile  # noqa: E402
from loaders.pipeline import discover  # noqa: E402

CHEAP_CYPHER = "MATCH (c:City) RETURN count(c)"
SLOW_CYPHER = "UNWIND range(1, 100000) AS x UNWIND range(1, 100000) AS y WITH x * y AS p WHERE p % 7 = 3 RETURN sum(p)"
# (row label, method, path, JSON body or None); /search alternates an English and a Chinese name
MIXED = [
    ("/health", "GET", "/health", None),
    ("/cities?industry=增材制造", "GET", "/cities?industry=增材制造", None),
    ("/cities/city:610700/industries", "GET", "/cities/city:610700/industries", None),
    ("/industries/industry:增材制造", "GET", "/industries/industry:增材制造", None),
    ("/search?q=Baoji|宝鸡", "GET", "/search?q=Baoji", None),
    ("/targets?city=city:610700", "GET", "/targets?city=city:610700", None),
    ("/parks?industry=增材制造", "GET", "/parks?industry=增材制造", None),
    ("POST /ask", "POST", "/ask", {"q": "哪些城市发展增材制造"}),
    ("POST /cypher (cheap)", "POST", "/cypher", {"query": CHEAP_CYPHER}),
    ("/health", "GET", "/health", None),
    ("/search?q=Baoji|宝鸡", "GET", "/search?q=宝鸡", None),
]
ROWS = list(dict.fromkeys(label for label, *_ in MIXED))
CLIENT_TIMEOUT = 30.0  # a mixed request unanswered in this time is an error
SLOW_TIMEOUT = 120.0  # a slow query may wait ~12 s for a worker and run ~12 s more
PROBE_INTERVAL = 0.1


@dataclass
class Tally:
    requests: int = 0
    errors: int = 0
    busy: int = 0
    timings: list[float] = field(default_factory=list)
    busy_timings: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    samples: list[str] = field(default_factory=list)  # a few error descriptions


@dataclass
class Phase:
    name: str
    seconds: float = 0.0
    wall: float = 0.0  # to the last mixed client's last answer
    rows: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    probe: Tally = field(default_factory=Tally)
    slow: Tally = field(default_factory=Tally)
    slow_times: dict[int, list[float]] = field(default_factory=lambda: defaultdict(list))  # by status
    server_cpu: float = 0.0
    client_cpu: float = 0.0
    server_rss_mb: float = 0.0


def start_server(db: Path) -> tuple[subprocess.Popen, str, Path]:
    """A real uvicorn server on a free loopback port, its output in a log file beside the graph."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log_path = db.parent / f"uvicorn-{port}.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "app.api.main:create_app", "--factory", "--host", "127.0.0.1",
             "--port", str(port), "--workers", "1", "--log-level", "warning"],
            cwd=ROOT, env={**os.environ, "POLICYKG_DB": str(db)}, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        if process.poll() is not None:
            raise SystemExit(f"uvicorn exited: {log_path.read_text(errors='replace')}")
        try:
            if httpx.get(url + "/health", timeout=2).status_code == 200:
                return process, url, log_path
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("server did not start")


def process_tree_usage(pid: int) -> tuple[float, float]:
    """CPU seconds (user + system, of itself and reaped children) and RSS (MB) of the server and its live
    children (the Cypher workers), from /proc; zeros where /proc is not there."""
    cpu = rss = 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    pids = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*"):  # a child belongs to the thread that started it
        try:
            pids += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    for each in pids:
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
            cpu += sum(int(value) for value in fields[11:15]) / ticks  # utime stime cutime cstime
            rss += int(fields[21]) * os.sysconf("SC_PAGE_SIZE") / 2**20
        except (OSError, IndexError, ValueError):
            continue
    return cpu, rss


def record(tally: Tally, lock: threading.Lock, elapsed: float, status: int | None, error: str | None,
           busy: bool) -> None:
    with lock:
        tally.requests += 1
        tally.statuses[status if status is not None else "conn"] += 1
        if error is not None:
            tally.errors += 1
            if len(tally.samples) < 3:
                tally.samples.append(error)
        elif busy:
            tally.busy += 1
            tally.busy_timings.append(elapsed)
        else:
            tally.timings.append(elapsed)


def mixed_client(url: str, index: int, deadline: float, phase: Phase, lock: threading.Lock) -> None:
    order = itertools.islice(itertools.cycle(MIXED), index % len(MIXED), None)
    with httpx.Client(base_url=url, timeout=CLIENT_TIMEOUT) as client:
        for label, method, path, body in order:
            if time.perf_counter() >= deadline:
                return
            began = time.perf_counter()
            status, error = None, None
            try:
                response = client.request(method, path, json=body)
                status = response.status_code
            except httpx.HTTPError as exc:
                error = f"{type(exc).__name__}: {exc}"[:160]
            elapsed = time.perf_counter() - began
            cypher = path == "/cypher"
            busy = cypher and status == 503
            if error is None and status is not None:
                if cypher and status not in (200, 503):
                    error = f"{status}: {response.text[:120]}"
                elif status >= 500 and not busy:
                    error = f"{status}: {response.text[:120]}"
            record(phase.rows[label], lock, elapsed, status, error, busy)


def health_probe(url: str, deadline: float, phase: Phase, lock: threading.Lock) -> None:
    with httpx.Client(base_url=url, timeout=CLIENT_TIMEOUT) as client:
        while time.perf_counter() < deadline:
            began = time.perf_counter()
            status, error = None, None
            try:
                status = client.get("/health").status_code
                if status != 200:
                    error = f"status {status}"
            except httpx.HTTPError as exc:
                error = f"{type(exc).__name__}: {exc}"[:160]
            elapsed = time.perf_counter() - began
            record(phase.probe, lock, elapsed, status, error, False)
            time.sleep(max(0.0, PROBE_INTERVAL - elapsed))


def slow_client(url: str, deadline: float, pause: float, phase: Phase, lock: threading.Lock) -> None:
    """Sends the slow query until the deadline; answers that arrive after it are not counted."""
    with httpx.Client(base_url=url, timeout=SLOW_TIMEOUT) as client:
        while time.perf_counter() < deadline:
            began = time.perf_counter()
            status, error = None, None
            try:
                status = client.post("/cypher", json={"query": SLOW_CYPHER}).status_code
                if status not in (422, 503):
                    error = f"status {status}"  # 200 would mean the query finished: not an error, but told
            except httpx.HTTPError as exc:
                if time.perf_counter() >= deadline:
                    return  # the server went away after the phase ended
                error = f"{type(exc).__name__}: {exc}"[:160]
            if time.perf_counter() >= deadline:
                return
            elapsed = time.perf_counter() - began
            record(phase.slow, lock, elapsed, status, error, False)
            if status is not None:
                with lock:
                    phase.slow_times[status].append(elapsed)
            if status == 503:
                time.sleep(pause)


def run_phase(name: str, url: str, server: subprocess.Popen, seconds: float, clients: int, slow: int,
              pause: float) -> Phase:
    phase, lock = Phase(name), threading.Lock()
    cpu_before, _ = process_tree_usage(server.pid)
    client_before = time.process_time()
    began = time.perf_counter()
    deadline = began + seconds
    threads = [threading.Thread(target=mixed_client, args=(url, i, deadline, phase, lock), daemon=True)
               for i in range(clients)]
    threads.append(threading.Thread(target=health_probe, args=(url, deadline, phase, lock), daemon=True))
    slow_threads = [threading.Thread(target=slow_client, args=(url, deadline, pause, phase, lock), daemon=True)
                    for _ in range(slow)]
    for thread in slow_threads + threads:
        thread.start()
    rss_peak, tty = 0.0, sys.stderr.isatty()
    while (now := time.perf_counter()) < deadline:
        time.sleep(min(1.0 if tty else 10.0, deadline - now))
        _, rss = process_tree_usage(server.pid)
        rss_peak = max(rss_peak, rss)
        with lock:
            done = sum(t.requests for t in phase.rows.values())
            errors = sum(t.errors for t in phase.rows.values()) + phase.probe.errors + phase.slow.errors
            probe = max(phase.probe.timings[-10:], default=0.0)
            slow_done = phase.slow.requests
        line = (f"  [{name}] {min(time.perf_counter() - began, seconds):5.1f}/{seconds:.0f} s  {done:7d} requests  "
                f"{errors} errors  /health max of last 10 {probe * 1e3:7.1f} ms  slow answered {slow_done}")
        print("\r" + line if tty else line, end="" if tty else "\n", file=sys.stderr, flush=True)
    for thread in threads:  # the mixed clients finish their last request (at most CLIENT_TIMEOUT)
        thread.join()
    if sys.stderr.isatty():
        print(file=sys.stderr)
    phase.seconds, phase.wall = seconds, time.perf_counter() - began  # rates: requests sent in the phase / its length
    cpu_after, _ = process_tree_usage(server.pid)
    phase.server_cpu, phase.server_rss_mb = cpu_after - cpu_before, rss_peak
    phase.client_cpu = time.process_time() - client_before
    return phase


def summary(tally: Tally, seconds: float) -> tuple[float, float, float]:
    if not tally.timings:
        return float("nan"), float("nan"), tally.requests / seconds
    return percentile(tally.timings, 0.5) * 1e3, percentile(tally.timings, 0.99) * 1e3, tally.requests / seconds


def total(phase: Phase) -> Tally:
    merged = Tally()
    for tally in phase.rows.values():
        merged.requests += tally.requests
        merged.errors += tally.errors
        merged.busy += tally.busy
        merged.timings += tally.timings
    return merged


def print_phase(phase: Phase, clients: int, slow: int) -> None:
    print(f"\n== phase {phase.name}: {clients} mixed clients + /health probe every {PROBE_INTERVAL * 1e3:.0f} ms"
          f"{f' + {slow} slow /cypher' if slow else ''}, {phase.seconds:.0f} s "
          f"(last answer at {phase.wall:.1f} s) ==")
    print(f"{'endpoint':34s} {'requests':>8s} {'errors':>6s} {'busy':>6s} {'p50 ms':>8s} {'p99 ms':>8s} {'req/s':>8s}")
    for label in ROWS + ["all mixed"]:
        tally = total(phase) if label == "all mixed" else phase.rows[label]
        p50, p99, rps = summary(tally, phase.seconds)
        print(f"{label:34s} {tally.requests:8d} {tally.errors:6d} {tally.busy:6d} {p50:8.1f} {p99:8.1f} {rps:8.1f}")
    for label, tally in phase.rows.items():
        if tally.busy_timings:
            waited = tally.busy_timings
            print(f"{label} busy (503) answers: p50 {percentile(waited, 0.5) * 1e3:.1f} ms, max {max(waited):.1f} s; "
                  f"{sum(1 for t in waited if t > 1)} came after over 1 s in the queue (clients held "
                  f"{sum(waited):.0f} of {phase.seconds * clients:.0f} client-seconds waiting)")
    probe = phase.probe
    p50, p99, _ = summary(probe, phase.seconds)
    worst = max(probe.timings, default=float("nan")) * 1e3
    print(f"/health probe: {probe.requests} calls, {probe.errors} errors, p50 {p50:.1f} ms, p99 {p99:.1f} ms, "
          f"max {worst:.1f} ms")
    if slow:
        statuses = ", ".join(f"{status}: {count}" for status, count in sorted(phase.slow.statuses.items(), key=str))
        print(f"slow /cypher flood: {phase.slow.requests} answered ({statuses}); {phase.slow.errors} unexpected")
        for status, times in sorted(phase.slow_times.items()):
            print(f"  answered {status}: time to answer p50 {percentile(times, 0.5):.2f} s, max {max(times):.2f} s")
    print(f"server + Cypher workers: {phase.server_cpu:.1f} CPU s in the phase "
          f"({phase.server_cpu / phase.wall * 100:.0f}% of one core), peak RSS {phase.server_rss_mb:.0f} MB; "
          f"this load generator {phase.client_cpu:.1f} CPU s ({phase.client_cpu / phase.wall * 100:.0f}%)")
    for label, tally in list(phase.rows.items()) + [("/health probe", probe), ("slow /cypher", phase.slow)]:
        for sample in tally.samples:
            print(f"  error on {label}: {sample}")


def errors_of(phase: Phase) -> int:
    return total(phase).errors + phase.probe.errors + phase.slow.errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--slow", type=int, default=40)
    parser.add_argument("--slow-pause", type=float, default=1.0, help="seconds a slow client waits after a 503")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bundled.lbug"
        seconds = build_db(db, discover([BUNDLED_CORPUS]))
        print(f"bundled graph built in {seconds:.1f} s; {os.cpu_count()} CPUs")
        server, url, log_path = start_server(db)
        try:
            with httpx.Client(base_url=url, timeout=60) as client:  # warm-up: indexes and caches, not counted
                for _, method, path, body in MIXED:
                    client.request(method, path, json=body).raise_for_status()
            a = run_phase("A", url, server, args.seconds, args.clients, 0, args.slow_pause)
            print_phase(a, args.clients, 0)
            b = run_phase("B", url, server, args.seconds, args.clients, args.slow, args.slow_pause)
            print_phase(b, args.clients, args.slow)
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
            log = log_path.read_text(errors="replace").strip()
        if log:
            print(f"\nserver log ({len(log.splitlines())} lines), last 10:\n" + "\n".join(log.splitlines()[-10:]))
    (a50, a99, arps), (b50, b99, brps) = summary(total(a), a.seconds), summary(total(b), b.seconds)
    print(f"\nB/A (all mixed requests): p50 ×{b50 / a50:.2f}, p99 ×{b99 / a99:.2f}, requests/s ×{brps / arps:.2f}")
    for label in ROWS:
        (x50, x99, xrps), (y50, y99, yrps) = summary(a.rows[label], a.seconds), summary(b.rows[label], b.seconds)
        print(f"  {label:34s} p50 ×{y50 / x50:6.2f}  p99 ×{y99 / x99:6.2f}  requests/s ×{yrps / xrps:5.2f}")
    health = {name: summary(p.probe, p.seconds)[1] for name, p in (("A", a), ("B", b))}
    errors = {name: errors_of(p) for name, p in (("A", a), ("B", b))}
    ok = all(count == 0 for count in errors.values()) and all(p99 < 1000 for p99 in health.values())
    print(f"\nverdict: errors A {errors['A']}, B {errors['B']} (must be 0); /health p99 A {health['A']:.1f} ms, "
          f"B {health['B']:.1f} ms (must be < 1000): {'PASS' if ok else 'FAIL'}")


if __name__ == "__main__":
    main()
