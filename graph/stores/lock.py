"""One writer or many readers per embedded database, across processes: an advisory lock beside the file.

LadybugDB allows one read-write `Database` per file or many read-only ones, never both at once. Its own
lock (a POSIX lock on the database file) is taken by read-write opens only, so it stops a second writer but
lets a build run under a serving process, which then answers from a file changing beneath it (400s, 500s,
crashes). So every `LadybugStore` takes this lock before it opens the database: readers share it
(`flock` LOCK_SH), a writer holds it alone (LOCK_EX). Nobody waits: a build takes minutes and a server holds
its database for days, so a conflicting open is refused at once, naming who holds the file.

Why these mechanisms:
- `flock` locks belong to the open file, so the kernel drops them when the holder exits, however it exits
  (kill -9 included); there is no stale lock to clean up by hand.
- The lock file is `<db>.lock`, a name LadybugDB does not use (its siblings are `.wal`, `.wal.checkpoint`,
  `.shadow`, `.checkpoint.intent.lock`, `.checkpoint.apply.lock`), and never the database file itself:
  closing any descriptor of a file drops every POSIX lock the process holds on it, LadybugDB's included.
- The holders write themselves into the lock file (one JSON line each: pid, mode, command), so the refusal
  can say "open by a reader (policykg serve, pid 1234)". Those lines are only a description: the flock
  decides. A reader removes its own line when it closes, so a read leaves the lock file as it found it; a
  killed holder's line lingers until the next holder prunes lines whose process is gone.
- Edits of those lines are serialised by a POSIX lock (`lockf`) on the same descriptor, which on local
  filesystems is independent of `flock`. Every descriptor of a lock file this process opens is opened and
  closed under one in-process mutex, so no close can drop the edit lock half-way through an edit. Where the
  edit lock cannot be had within a moment (network filesystems emulate flock with POSIX locks), the line is
  not written: the description is lost, the exclusion is not.
- A forked child inherits the parent's flock with its descriptors; releasing in the child only closes its
  copy, so a child cannot unlock the parent's database.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from graph.stores.base import StoreError

EDIT_WAIT_S = 2.0  # how long to wait for another process's edit of the holders' lines (it takes microseconds)
_EDITS = threading.RLock()  # opens, closes and edits of lock files in this process, one at a time


class DatabaseBusy(StoreError):
    """The database is held in a conflicting mode by another opener (another process, or this one)."""


def require_database(db_path: str | Path) -> None:
    """Refuse to read a database that is not there, before anything (even a lock file) is created beside it:
    LadybugDB would refuse too, but only after the caller made the folder, and a read-write open would
    leave an empty database at a mistyped path."""
    if not Path(db_path).exists():
        raise StoreError(f"no graph at {db_path}: run policykg build first")


def lock_path(db_path: str | Path) -> Path:
    """The lock file beside a database: `var/x.lbug` → `var/x.lbug.lock`."""
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".lock")


def command_line() -> str:
    """This process as a person would name it: `policykg serve`, `uvicorn app.api.main:create_app`, …"""
    argv = sys.argv or [sys.executable]
    program = Path(argv[0]).name
    if program == "__main__.py":  # python -m uvicorn
        program = Path(argv[0]).parent.name
    elif program in ("-c", ""):  # python -c …: its arguments are the script's, not a command
        return f"python {program}".strip()
    words = [program, *[a for a in argv[1:] if not a.startswith("-")][:1]]
    return " ".join(words)[:80]


class DatabaseLock:
    """A held lock on one database: shared for a reader, exclusive for a writer. `release()` lets go."""

    def __init__(self, db_path: Path, fd: int | None, write: bool, writable: bool):
        self.db_path = db_path
        self.path = lock_path(db_path)
        self.write = write
        self._fd = fd
        self._writable = writable  # the lock file could be opened for writing, so our line can be recorded
        self._pid = os.getpid()
        self._id = uuid.uuid4().hex[:12]

    @classmethod
    def acquire(cls, db_path: str | Path, *, write: bool) -> DatabaseLock:
        """Take the lock without waiting, or raise DatabaseBusy saying who holds it and what to do."""
        db_path = Path(db_path)
        path = lock_path(db_path)
        with _EDITS:
            fd, writable = _open(path, write)
            if fd is None:  # a reader in a folder nobody can write: no writer can change the database either
                return cls(db_path, None, write, False)
            try:
                fcntl.flock(fd, (fcntl.LOCK_EX if write else fcntl.LOCK_SH) | fcntl.LOCK_NB)
            except BlockingIOError:
                holders = _live(_read(fd))
                os.close(fd)
                raise DatabaseBusy(_refusal(db_path, write, holders)) from None
            except BaseException:
                os.close(fd)
                raise
            lock = cls(db_path, fd, write, writable)
            lock._record()
            return lock

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        """Remove our line and let go; safe to call twice, and in a forked child it only closes the copy."""
        with _EDITS:
            fd, self._fd = self._fd, None
            if fd is None:
                return
            try:
                if os.getpid() == self._pid:
                    self._forget(fd)
                    fcntl.flock(fd, fcntl.LOCK_UN)
            finally:
                os.close(fd)

    # -- the holders' lines ------------------------------------------------------------------------------
    def _record(self) -> None:
        """Write our line: a writer, alone, replaces whatever killed holders left; a reader adds its line to
        the live readers' lines."""
        if not self._writable or self._fd is None:
            return
        mine = {"pid": self._pid, "mode": "write" if self.write else "read", "command": command_line(),
                "id": self._id}
        with _edit(self._fd) as editing:
            if editing:
                kept = [] if self.write else _live(_read(self._fd))
                _rewrite(self._fd, [*kept, mine])

    def _forget(self, fd: int) -> None:
        if not self._writable:
            return
        with _edit(fd) as editing:
            if editing:
                _rewrite(fd, [] if self.write else [h for h in _live(_read(fd)) if h.get("id") != self._id])

    def __repr__(self) -> str:
        return f"DatabaseLock({str(self.db_path)!r}, {'write' if self.write else 'read'}, held={self.held})"


def _open(path: Path, write: bool) -> tuple[int | None, bool]:
    """The lock file's descriptor, created if missing, and whether it is writable. A reader that can neither
    create nor write it (a read-only folder or mount) gets it read-only, or nothing when it does not exist."""
    flags = os.O_RDWR | os.O_CREAT | os.O_CLOEXEC
    try:
        return os.open(path, flags, 0o644), True
    except OSError as exc:
        if write or exc.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise StoreError(f"cannot open the lock file {path}: {exc.strerror}") from exc
    try:
        return os.open(path, os.O_RDONLY | os.O_CLOEXEC), False
    except FileNotFoundError:
        return None, False
    except OSError as exc:
        raise StoreError(f"cannot open the lock file {path}: {exc.strerror}") from exc


@contextmanager
def _edit(fd: int) -> Iterator[bool]:
    """Hold the edit lock on the holders' lines (yields False if another process kept it too long)."""
    deadline = time.monotonic() + EDIT_WAIT_S
    while True:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except OSError as exc:
            if exc.errno not in (errno.EACCES, errno.EAGAIN) or time.monotonic() > deadline:
                yield False
                return
            time.sleep(0.01)
    try:
        yield True
    finally:
        fcntl.lockf(fd, fcntl.LOCK_UN)


def _read(fd: int) -> list[dict[str, Any]]:
    """The holders' lines; a line that is not a holder (torn by a crash mid-edit) is skipped."""
    size = os.fstat(fd).st_size
    text = os.pread(fd, size, 0).decode("utf-8", errors="replace") if size else ""
    holders = []
    for line in text.splitlines():
        try:
            holder = json.loads(line)
        except ValueError:
            continue
        if isinstance(holder, dict) and isinstance(holder.get("pid"), int):
            holders.append(holder)
    return holders


def _rewrite(fd: int, holders: list[dict[str, Any]]) -> None:
    data = "".join(json.dumps(h, ensure_ascii=False) + "\n" for h in holders).encode("utf-8")
    os.ftruncate(fd, 0)
    if data:
        os.pwrite(fd, data, 0)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process, alive
        return True
    return True


def _live(holders: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [h for h in holders if _alive(h["pid"])]


def _named(holders: list[dict[str, Any]]) -> str:
    shown = "; ".join(f"{h.get('command') or 'unknown command'}, pid {h['pid']}" for h in holders[:3])
    return shown + (f"; and {len(holders) - 3} more" if len(holders) > 3 else "")


def _refusal(db_path: Path, write: bool, holders: list[dict[str, Any]]) -> str:
    writers = [h for h in holders if h.get("mode") == "write"]
    readers = [h for h in holders if h.get("mode") != "write"]
    if not write:
        who = f" ({_named(writers)})" if writers else ""
        return f"{db_path} is being written{who}: wait for the build to finish, then open it again"
    if writers:
        return f"{db_path} is already being written ({_named(writers)}): wait for it to finish or build into another path"
    if readers:
        many = f"{len(readers)} readers" if len(readers) > 1 else "a reader"
        return f"{db_path} is open by {many} ({_named(readers)}): stop it or build into another path"
    return f"{db_path} is open by another process: stop it or build into another path"
