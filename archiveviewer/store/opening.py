"""Opening a replica that cannot be written, and checking one before writing to it.

A replica kept on backup media (a read-only file system, a write-protected
file or folder) is still worth reading and searching. SQLite in WAL mode
needs to create ``-wal`` and ``-shm`` files beside the database even to
read, so such a file is opened read-only, and as *immutable* when even that
cannot be done (nothing else can change it there). Every write then fails
with a sentence that says why syncing is not possible.

A damaged file must be noticed before anything is written into it, or a
sync would add good data to a broken file: :func:`quick_check` runs
SQLite's ``quick_check`` (page structure, no index contents) before the
first write; :func:`full_check` runs ``integrity_check`` on demand.
"""

from __future__ import annotations

import os
import sqlite3
import urllib.parse
from pathlib import Path

from archiveviewer.errors import StoreError

#: How many problems a check reports at most.
_MAX_PROBLEMS = 20


def read_only_reason(path: Path) -> str | None:
    """Why the existing replica at ``path`` cannot be written, as the end of a sentence.

    None when it can be written, or does not exist yet.
    """
    if not path.exists():
        return None
    folder = path.parent
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return "is on a read-only disk"
    except OSError:
        return None  # let the ordinary opening report what is wrong
    if not os.access(path, os.W_OK):
        return "is a read-only file"
    if not os.access(folder, os.W_OK):
        return "is in a folder that cannot be written"
    return None


def connect_read_only(path: Path) -> sqlite3.Connection:
    """Open ``path`` for reading only; immutable when SQLite cannot share it read-only."""
    uri = "file:" + urllib.parse.quote(str(path.resolve()))
    db = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None, check_same_thread=False)
    try:
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return db
    except sqlite3.OperationalError:
        db.close()  # a WAL file that needs a -shm SQLite cannot create here
    return sqlite3.connect(
        f"{uri}?mode=ro&immutable=1", uri=True, isolation_level=None, check_same_thread=False
    )


def not_writable(path: Path, reason: str) -> StoreError:
    """The error of every write to a replica opened read-only."""
    return StoreError(
        f"The local archive copy “{path}” {reason}: it can be read and searched, "
        "but not synchronised or changed. Copy it to a folder you can write to "
        "in order to synchronise it."
    )


class DamagedReplica(StoreError):
    """The replica's check found damage; nothing was written into it."""


def damaged(path: Path, problems: list[str]) -> DamagedReplica:
    """The error for a replica whose check found problems."""
    # SQLite may give many problems in one row, a line each, under a "*** in database" header.
    lines = [
        line.strip()
        for problem in problems
        for line in problem.splitlines()
        if line.strip() and not line.lstrip().startswith("***")
    ]
    shown = "; ".join(lines[:3]) + (f"; {len(lines) - 3} more" if len(lines) > 3 else "")
    return DamagedReplica(
        f"The local archive copy “{path}” is damaged ({shown}), so nothing was written "
        "into it. Rebuild it from the server: what only this copy holds (decrypted "
        "conversations) is kept where it can still be read."
    )


def quick_check(db: sqlite3.Connection) -> list[str]:
    """The problems SQLite's ``quick_check`` finds; empty when the file is sound."""
    return _problems(db, "quick_check")


def full_check(db: sqlite3.Connection) -> list[str]:
    """The problems SQLite's ``integrity_check`` (and the search index's) finds."""
    problems = _problems(db, "integrity_check")
    try:
        db.execute("INSERT INTO items_fts (items_fts, rank) VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError as exc:
        if not isinstance(exc, sqlite3.OperationalError) or "readonly" not in str(exc):
            problems.append(f"the search index: {exc}")
    return problems


def _problems(db: sqlite3.Connection, pragma: str) -> list[str]:
    try:
        rows = db.execute(f"PRAGMA {pragma}({_MAX_PROBLEMS})").fetchall()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    found = [str(row[0]) for row in rows]
    return [] if found == ["ok"] else found
