"""Upgrading a version-8 replica to the prefix-indexed search index: nothing lost, resumable."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from archiveviewer.store import Replica, SearchFilter, SearchOrder, prefix_index
from archiveviewer.store.index import LAYOUT_MARK
from archiveviewer.store.schema import LATEST_VERSION, migrate

from .conftest import T0, conversation
from .test_reindex import _ROWS, COLLECTIONS, _check_whole, _version_4_file


def _version_8_file(path: Path) -> list[tuple[object, ...]]:
    """A replica as version 8 wrote it (every kind of row); returns its rows."""
    before = _version_4_file(path)
    db = sqlite3.connect(path, isolation_level=None)
    migrate(db, 8)
    db.close()
    return before


def _check_prefixes(replica: Replica) -> None:
    """Prefix queries find what the words they stand for find, through the prefix index."""
    assert replica.count_hits("hel*") == replica.count_hits("hello") == COLLECTIONS * 5
    assert replica.count_hits("secr*") == COLLECTIONS // 5
    assert replica.count_hits("to*", SearchFilter(contact="friend0@example.org")) == 4
    sql = replica._db.execute("SELECT sql FROM sqlite_master WHERE name = 'items_fts'").fetchone()
    assert "prefix = '2 3 4'" in sql[0]
    assert LAYOUT_MARK in sql[0]
    # FTS5's own check: the new index agrees with the rows it was built from.
    replica._db.execute("INSERT INTO items_fts (items_fts, rank) VALUES ('integrity-check', 1)")


def test_upgrade_keeps_every_row_and_reports_progress(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "replica.sqlite"
    before = _version_8_file(path)
    monkeypatch.setattr(prefix_index, "BATCH_ROWS", 100)
    told: list[tuple[int, int]] = []
    with Replica(path, progress=lambda done, total: told.append((done, total))) as replica:
        _check_whole(replica, before)
        _check_prefixes(replica)
        tables = {r[0] for r in replica._db.execute("SELECT name FROM sqlite_master")}
    rows = len(before)
    assert told == [(100, rows), (200, rows), (rows, rows)]
    assert "lean_progress" not in tables
    assert "items_fts_lean" not in tables


_KILLED_HALF_WAY = """
import os, signal, sys
from archiveviewer.store import Replica, prefix_index
prefix_index.BATCH_ROWS = 50
def progress(done, total):
    print(done, total, flush=True)
    if done >= 100:
        os.kill(os.getpid(), signal.SIGKILL)
Replica(sys.argv[1], progress=progress)
"""


def test_an_upgrade_killed_half_way_goes_on_where_it_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "replica.sqlite"
    before = _version_8_file(path)
    rows = len(before)
    killed = subprocess.run(
        [sys.executable, "-c", _KILLED_HALF_WAY, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert killed.stdout.split() == ["50", str(rows), "100", str(rows)]
    # Still a whole replica of the version before whose old index answers (the steps before
    # the prefix index are done), the new one half built aside.
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 10
    assert db.execute(_ROWS).fetchall() == before
    hits = db.execute("SELECT count(*) FROM items_fts WHERE items_fts MATCH 'hello'").fetchone()
    assert hits[0] == COLLECTIONS * 5
    assert db.execute("SELECT done FROM lean_progress").fetchone()[0] == 100
    db.close()

    monkeypatch.setattr(prefix_index, "BATCH_ROWS", 50)
    told: list[tuple[int, int]] = []
    with Replica(path, progress=lambda done, total: told.append((done, total))) as replica:
        _check_whole(replica, before)
        _check_prefixes(replica)
        assert replica._db.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    # It went on after the 100 rows committed before the kill, not from zero, and built the
    # index once: migration 12 found it current.
    assert told == [(done, rows) for done in (150, 200, 250)] + [(rows, rows)]


def test_an_upgraded_replica_takes_new_writes_and_finds_them_by_prefix(tmp_path: Path) -> None:
    path = tmp_path / "replica.sqlite"
    _version_8_file(path)
    with Replica(path) as replica:
        replica.replace_collection(conversation("Friend0@Example.org/home", T0, "brand new"))
        page = replica.search_page("bra*", order=SearchOrder.NEWEST)
        assert [h.highlights()[0] for h in page.hits] == ["brand new"]
        assert replica.count_hits("hel*") == (COLLECTIONS - 1) * 5
        replica._db.execute("INSERT INTO items_fts (items_fts, rank) VALUES ('integrity-check', 1)")
