"""Upgrading a version-4 replica to the time-ordered index: nothing lost, resumable."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from archiveviewer.store import Replica, SearchFilter, SearchOrder, reindex
from archiveviewer.store.codec import contact_of, time_text
from archiveviewer.store.schema import LATEST_VERSION, migrate

from .conftest import T0, conversation

COLLECTIONS = 40
_ROWS = (
    "SELECT c.with_jid, c.start, i.decrypted, i.ordinal, i.kind, i.direction, i.time, i.text,"
    " i.nick, i.payload FROM items i JOIN collections c ON c.id = i.collection"
    " ORDER BY c.with_jid, c.start, i.decrypted, i.ordinal"
)


def _version_4_file(path: Path) -> list[tuple[object, ...]]:
    """A replica as version 4 wrote it, with every kind of row; returns its rows."""
    db = sqlite3.connect(path, isolation_level=None)
    migrate(db, 4)
    db.execute("BEGIN")
    for n in range(COLLECTIONS):
        with_jid = f"Friend{n % 4}@Example.org/home"
        # Collections of different contacts at the same instant, as in parallel chats.
        start = time_text(T0 + timedelta(hours=n // 2))
        row_id = db.execute(
            "INSERT INTO collections (with_jid, contact, start, subject) VALUES (?, ?, ?, ?)",
            (with_jid, contact_of(with_jid), start, f"topic {n}" if n % 3 == 0 else None),
        ).lastrowid
        rows = [
            (row_id, 0, k, "message", "to" if k % 2 else "from", start, f"hello {n} word{k}",
             "nick" if k == 1 else None, '["<x/>"]' if k == 2 else None)
            for k in range(5)
        ]  # fmt: skip
        rows.append((row_id, 0, 5, "note", None, None, f"undated note 日本語 {n}", None, None))
        if n % 3 == 0:
            rows.append((row_id, 0, -1, "subject", None, start, f"topic {n}", None, None))
        if n % 5 == 0:
            rows.append((row_id, 1, 0, "message", "to", start, f"decrypted secret {n}", None, None))
            db.execute(
                "INSERT INTO encrypted_items (collection, ordinal, kind, xml) VALUES (?, 0, ?, ?)",
                (row_id, "EncryptedData", "<EncryptedData/>"),
            )
            db.execute("UPDATE collections SET decrypted_at = start WHERE id = ?", (row_id,))
        db.executemany(
            "INSERT INTO items (collection, decrypted, ordinal, kind, direction, time, text, nick,"
            " payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    db.execute("INSERT INTO items_fts (items_fts) VALUES ('rebuild')")
    db.execute("COMMIT")
    before = db.execute(_ROWS).fetchall()
    db.close()
    return before


def _check_whole(replica: Replica, before: list[tuple[object, ...]]) -> None:
    assert replica._db.execute(_ROWS).fetchall() == before
    assert replica.count_hits("hello") == COLLECTIONS * 5
    assert replica.count_hits("secret") == COLLECTIONS // 5
    assert replica.count_hits("本語") == COLLECTIONS
    assert replica.count_hits("topic", SearchFilter(contact="friend0@example.org")) == 4
    newest = replica.search_page("hello", order=SearchOrder.NEWEST, limit=1).hits
    assert newest[0].time == T0 + timedelta(hours=(COLLECTIONS - 1) // 2)


def test_upgrade_keeps_every_row_and_reports_progress(tmp_path: Path) -> None:
    path = tmp_path / "replica.sqlite"
    before = _version_4_file(path)
    told: list[tuple[int, int]] = []
    with Replica(path, progress=lambda done, total: told.append((done, total))) as replica:
        _check_whole(replica, before)
        tables = {r[0] for r in replica._db.execute("SELECT name FROM sqlite_master")}
    # One batch for a small replica, then the prefix index of schema 11 (its rows).
    assert told == [(COLLECTIONS, COLLECTIONS), (len(before), len(before))]
    assert "reindex_progress" not in tables
    assert "items_v5" not in tables


_KILLED_HALF_WAY = """
import os, signal, sys
from archiveviewer.store import Replica, reindex
reindex.BATCH_COLLECTIONS = 7
def progress(done, total):
    print(done, total, flush=True)
    if done >= 14:
        os.kill(os.getpid(), signal.SIGKILL)
Replica(sys.argv[1], progress=progress)
"""


def test_an_upgrade_killed_half_way_goes_on_where_it_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "replica.sqlite"
    before = _version_4_file(path)
    killed = subprocess.run(
        [sys.executable, "-c", _KILLED_HALF_WAY, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert killed.stdout.split() == ["7", str(COLLECTIONS), "14", str(COLLECTIONS)]
    # Still a whole version-4 replica, with the copied batches kept aside.
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 4
    assert db.execute(_ROWS).fetchall() == before
    assert db.execute("SELECT done FROM reindex_progress").fetchone()[0] > 0
    db.close()

    monkeypatch.setattr(reindex, "BATCH_COLLECTIONS", 7)
    told: list[tuple[int, int]] = []
    with Replica(path, progress=lambda done, total: told.append((done, total))) as replica:
        _check_whole(replica, before)
        assert replica._db.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    # It went on after the 14 collections committed before the kill, not from zero.
    assert told == [(done, COLLECTIONS) for done in (21, 28, 35, 40)] + [(len(before),) * 2]


def test_an_upgraded_replica_takes_new_writes(tmp_path: Path) -> None:
    path = tmp_path / "replica.sqlite"
    _version_4_file(path)
    with Replica(path) as replica:
        replica.replace_collection(conversation("Friend0@Example.org/home", T0, "brand new"))
        assert [h.highlights()[0] for h in replica.search("brand")] == ["brand new"]
        assert replica.count_hits("hello") == (COLLECTIONS - 1) * 5
