"""One writer or many readers per embedded database, across real processes.

A build into a database a server is serving used to succeed and leave the server answering 400/500; a
read-only `policykg query` rewrote the file; reading commands created an empty database at a mistyped path.
These tests run the real `policykg` command and a real `policykg serve` as separate processes, because the
lock they exercise is between processes (and, for the fork test, between a parent and its child).
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from conftest import POLICYKG, free_port, policykg, started

from app.build import build
from app.settings import BUNDLED_CORPUS
from graph.stores import StoreError, open_store
from graph.stores.lock import DatabaseBusy, DatabaseLock, lock_path

ROOT = Path(__file__).resolve().parent.parent
ONE_DOC = BUNDLED_CORPUS / "003_d17b420203dd7a74.txt"
OTHER_DOC = BUNDLED_CORPUS / "000_50705bad865ec84b.txt"


def files_around(db: Path) -> dict[str, str]:
    """sha256 of every file in the database's folder: the database, LadybugDB's siblings, our lock file."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(db.parent.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def small_db(tmp_path_factory) -> Path:
    """One document built into its own folder (closed again), so the folder holds only the database's files."""
    path = tmp_path_factory.mktemp("served") / "kg.lbug"
    store = open_store(path)
    try:
        report = build(store, [ONE_DOC])
    finally:
        store.close()
    assert not report.failed, report.failed
    return path


@pytest.fixture(scope="module")
def served(small_db, tmp_path_factory) -> tuple[str, subprocess.Popen, Path]:
    """`policykg serve` on the small database, as users start it: (url, process, database). Its output goes to
    a log file outside the database's folder (a pipe nobody reads fills up and blocks the server; the folder
    must stay byte-identical)."""
    port = free_port()
    log_path = tmp_path_factory.mktemp("serve-log") / "serve.log"
    with started([POLICYKG, "serve", "--db", str(small_db), "--port", str(port)], port, log_path) as process:
        yield f"http://127.0.0.1:{port}", process, small_db


def test_a_build_into_a_served_database_is_refused_and_the_server_keeps_answering(served):
    url, server, db = served
    before = httpx.get(url + "/health", timeout=10).json()
    files = files_around(db)

    result = policykg("build", "--db", str(db), str(OTHER_DOC))

    assert result.returncode == 2, result.stdout + result.stderr
    assert f"{db} is open by " in result.stderr  # the server, and any query workers it has started
    assert f"policykg serve, pid {server.pid}" in result.stderr
    assert "stop it or build into another path" in result.stderr
    assert "Traceback" not in result.stderr
    after = httpx.get(url + "/health", timeout=10)
    assert after.status_code == 200 and after.json() == before
    assert files_around(db) == files


def test_reading_commands_leave_every_file_beside_the_database_byte_identical(served, tmp_path):
    """query, export and analyze open read-only beside the server, and a read-only open writes nothing:
    LadybugDB's files stay as they were, and each reader's line in the lock file is gone once it exits."""
    _, server, db = served
    files = files_around(db)
    assert any(name.endswith(".lock") for name in files)  # the server's own line is in it

    runs = [
        policykg("query", "--db", str(db), "--json", "MATCH (d:Document) RETURN d.doc_number AS n"),
        policykg("export", "--db", str(db), "--format", "graphml", "--out", str(tmp_path / "kg.graphml")),
        policykg("analyze", "centrality", "--db", str(db)),
    ]

    for run in runs:
        assert run.returncode == 0, run.stdout + run.stderr
    assert '"汉政办发〔2024〕11号"' in runs[0].stdout
    assert (tmp_path / "kg.graphml").stat().st_size > 0
    assert files_around(db) == files
    assert server.poll() is None


@pytest.mark.parametrize("command", [
    ["query", "RETURN 1"],
    ["export", "--out", "{tmp}/out.json"],
    ["analyze", "centrality"],
    ["serve", "--port", "9"],
])
def test_reading_a_missing_database_is_refused_in_one_line_and_creates_nothing(tmp_path, command):
    db = tmp_path / "nowhere" / "missing.lbug"
    args = [arg.replace("{tmp}", str(tmp_path)) for arg in command]

    result = policykg(*args, "--db", str(db), timeout=60)

    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.strip() == f"error: no graph at {db}: run policykg build first"
    assert list(tmp_path.iterdir()) == []  # not the database, not its lock file, not even its folder


def test_eval_without_gold_says_so_in_one_line(tmp_path):
    result = policykg("eval", "--gold", str(tmp_path / "no-gold"), timeout=60)

    assert result.returncode == 2
    assert result.stderr.strip().startswith(f"no gold at {tmp_path / 'no-gold'}")
    assert len(result.stderr.strip().splitlines()) == 1


def _hold_writer(db: Path) -> subprocess.Popen:
    """Another process holding `db` open read-write (what a running build does), until killed."""
    script = ("import sys; from graph.stores import open_store; s = open_store(sys.argv[1]); "
              "print('ready', flush=True); sys.stdin.read()")
    process = subprocess.Popen([sys.executable, "-c", script, str(db)], cwd=ROOT, stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "ready"
    return process


def test_a_second_writer_and_any_reader_are_refused_while_a_build_runs_and_let_in_once_it_dies(tmp_path):
    db = tmp_path / "kg.lbug"
    writer = _hold_writer(db)
    try:
        second = policykg("build", "--db", str(db), str(ONE_DOC))
        reader = policykg("query", "--db", str(db), "RETURN 1")
        server = policykg("serve", "--db", str(db), "--port", "9", timeout=60)
    finally:
        writer.send_signal(signal.SIGKILL)  # no close(): the kernel must release the lock with the process
        writer.wait(timeout=20)

    assert second.returncode == 2
    assert f"{db} is already being written (python -c, pid {writer.pid}): wait for it to finish" in second.stderr
    for refused in (reader, server):
        assert refused.returncode == 2
        assert f"{db} is being written (python -c, pid {writer.pid}): wait for the build to finish" in refused.stderr
    assert str(writer.pid) in lock_path(db).read_text()  # the killed writer's line is left behind …

    again = policykg("build", "--db", str(db), str(ONE_DOC))

    assert again.returncode == 0, again.stdout + again.stderr  # … and neither it nor the lock stops the next build
    assert "loaded 1 document" in again.stdout
    assert lock_path(db).read_text() == ""


def test_readers_share_the_lock_and_each_takes_only_its_own_line_away(tmp_path):
    db = tmp_path / "kg.lbug"
    open_store(db).close()
    first, second = open_store(db, read_only=True), open_store(db, read_only=True)
    try:
        assert len(lock_path(db).read_text().splitlines()) == 2
        with pytest.raises(DatabaseBusy, match="is open by 2 readers"):
            open_store(db)
        first.close()
        first.close()  # closing twice is harmless and does not release the other reader's share
        with pytest.raises(DatabaseBusy, match="is open by a reader"):
            open_store(db)
        assert len(lock_path(db).read_text().splitlines()) == 1
    finally:
        second.close()
    open_store(db).close()


def test_a_forked_child_releasing_its_copy_does_not_unlock_the_parent(tmp_path):
    db = tmp_path / "kg.lbug"
    open_store(db).close()
    lock = DatabaseLock.acquire(db, write=False)
    try:
        child = os.fork()
        if child == 0:  # the child inherited the descriptor; releasing must only close its copy
            lock.release()
            os._exit(0)
        os.waitpid(child, 0)
        with pytest.raises(DatabaseBusy):
            DatabaseLock.acquire(db, write=True)
    finally:
        lock.release()
    DatabaseLock.acquire(db, write=True).release()


def test_a_store_that_cannot_open_its_database_lets_go_of_the_lock(tmp_path):
    db = tmp_path / "not-a-database.lbug"
    db.write_bytes(b"this is not a LadybugDB file" * 100)
    with pytest.raises(StoreError, match="cannot open the embedded database"):
        open_store(db, read_only=True)
    DatabaseLock.acquire(db, write=True).release()  # would be refused had the failed open kept its share
