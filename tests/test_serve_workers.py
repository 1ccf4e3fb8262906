"""`policykg serve --workers 2`: two server processes, each on its own read-only store, answer the requests, and
stopping the server stops both, so the database is free to build into again.

Real processes throughout: the workers are uvicorn's, started by the real command, and the lock they hold is
the one between processes (graph/stores/lock.py), whose holders' lines name each process.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import httpx
import pytest
from conftest import POLICYKG, free_port, policykg, started

from app.build import build
from app.settings import BUNDLED_CORPUS
from graph.stores import open_store
from graph.stores.lock import lock_path

ONE_DOC = BUNDLED_CORPUS / "003_d17b420203dd7a74.txt"
OTHER_DOC = BUNDLED_CORPUS / "000_50705bad865ec84b.txt"


def parent_of(pid: int) -> int | None:
    """The parent pid of a live process (Linux /proc), None once it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])  # after "pid (command)": state, then the parent's pid


def readers_under(db: Path, parent: int) -> set[int]:
    """Processes started by `parent` that hold the database open for reading, by their lines in its lock file."""
    lines = lock_path(db).read_text(encoding="utf-8").splitlines() if lock_path(db).exists() else []
    holders = [json.loads(line) for line in lines if line.strip()]
    return {h["pid"] for h in holders if h.get("mode") == "read" and parent_of(h["pid"]) == parent}


@pytest.fixture
def small_db(tmp_path) -> Path:
    path = tmp_path / "db" / "kg.lbug"
    path.parent.mkdir()
    store = open_store(path)
    try:
        assert not build(store, [ONE_DOC]).failed
    finally:
        store.close()
    return path


def test_two_workers_each_open_the_store_answer_and_stop_with_the_server(small_db, tmp_path):
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [POLICYKG, "serve", "--db", str(small_db), "--port", str(port), "--workers", "2"]
    with started(command, port, tmp_path / "serve.log") as server:
        deadline = time.monotonic() + 60
        while len(readers_under(small_db, server.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.3)
        workers = readers_under(small_db, server.pid)
        assert len(workers) == 2, (tmp_path / "serve.log").read_text(errors="replace")

        # Fresh connections, which the kernel hands to either worker: every one answers the same.
        answers = [httpx.get(url + "/documents", timeout=30) for _ in range(12)]
        assert {a.status_code for a in answers} == {200}
        assert len({a.content for a in answers}) == 1
        assert "汉政办发〔2024〕11号" in answers[0].text

        refused = policykg("build", "--db", str(small_db), str(OTHER_DOC))
        assert refused.returncode == 2, refused.stdout + refused.stderr
        assert any(f"pid {pid}" in refused.stderr for pid in workers), refused.stderr

    assert server.returncode is not None
    deadline = time.monotonic() + 20
    while any(parent_of(pid) is not None for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert all(parent_of(pid) is None for pid in workers), "a worker outlived the server"
    built = policykg("build", "--db", str(small_db), str(OTHER_DOC))
    assert built.returncode == 0, built.stdout + built.stderr
