"""Shared fixtures: one graph built from the bundled corpus into a real embedded store, per test session."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from app.build import build
from app.settings import BUNDLED_CORPUS
from graph.stores import open_store

ROOT = Path(__file__).resolve().parent.parent
POLICYKG = str(Path(sys.executable).parent / "policykg")  # the command as users run it, from this environment
CHROMIUM = Path("/usr/bin/chromium")  # Debian's, installed by `make browser`; Playwright drives it
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory) -> Path:
    """The bundled corpus built into an embedded database (closed again, so servers can open it)."""
    path = tmp_path_factory.mktemp("db") / "corpus.lbug"
    store = open_store(path)
    report = build(store, [BUNDLED_CORPUS])
    store.close()
    assert not report.failed, report.failed
    return path


@pytest.fixture(scope="session")
def corpus_graph(corpus_db):
    """The analyses' graph of the bundled corpus (without evidence sentences, as the API loads it), read once
    for every test module that only reads it. A test that changes a graph loads its own."""
    from graph.analysis.load import load_graph

    store = open_store(corpus_db, read_only=True)
    try:
        return load_graph(store)
    finally:
        store.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def policykg(*args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    """Run the real `policykg` command from the checkout, output captured as text (wide, so no line wraps)."""
    return subprocess.run([POLICYKG, *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "COLUMNS": "200"})


@contextmanager
def started(command: list[str], port: int, log_path: Path, env: dict[str, str] | None = None
            ) -> Iterator[subprocess.Popen]:
    """A server process started by `command`, listening on `port`, its output in `log_path` (a pipe nobody
    reads fills up and blocks the server); yields the process once /health answers, stops it after."""
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=log,
                                   stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"{command[0]} exited: {log_path.read_text(errors='replace')}")
            try:
                if httpx.get(url + "/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        else:
            raise RuntimeError(f"{' '.join(command[:3])} did not answer /health within 60 s")
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@contextmanager
def running_server(db: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """A real uvicorn server on a free loopback port serving `db`, its log beside the database; yields its URL."""
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", "app.api.main:create_app", "--factory", "--host", "127.0.0.1",
               "--port", str(port), "--workers", "1", "--log-level", "warning", "--http", "httptools"]
    with started(command, port, Path(db).parent / f"uvicorn-{port}.log", {**(env or {}), "POLICYKG_DB": str(db)}):
        yield f"http://127.0.0.1:{port}"


@pytest.fixture(scope="session")
def server(corpus_db) -> Iterator[str]:
    """A real uvicorn server on a free loopback port, serving the corpus graph."""
    with running_server(corpus_db) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium under Playwright, shared by the web client's tests."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is a dev extra")
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (make browser)")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class BrowserPage:
    """A page of the web client that keeps every console error and page error it produced."""

    def __init__(self, page, server: str, timeout_ms: int = 30_000):
        self.page = page
        self.server = server
        self.errors: list[str] = []
        page.on("console", lambda m: self.errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        page.set_default_timeout(timeout_ms)

    def open(self, route: str = "") -> None:
        self.page.goto(f"{self.server}/{route}")
        self.page.wait_for_function("() => window.policykg && window.policykg.ready")
