"""Shared fixtures: one graph built from the bundled corpus into a real embedded store, per test session."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from app.build import build
from app.settings import BUNDLED_CORPUS
from graph.stores import open_store

ROOT = Path(__file__).resolve().parent.parent


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
def server(corpus_db) -> str:
    """A real uvicorn server on a free loopback port, serving the corpus graph."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "POLICYKG_DB": str(corpus_db)}
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "app.api.main:create_app", "--factory", "--host", "127.0.0.1",
         "--port", str(port), "--workers", "1", "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"uvicorn exited: {process.stdout.read().decode(errors='replace')}")
        try:
            if httpx.get(url + "/health", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.3)
    else:
        process.kill()
        raise RuntimeError("uvicorn did not answer /health within 60 s")
    yield url
    process.terminate()
    process.wait(timeout=20)
