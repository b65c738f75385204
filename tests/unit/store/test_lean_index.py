"""Migration 12: a replica an earlier program brought to version 11 gets the lean index.

Version 11 as earlier programs wrote it: the prefix indexes, FTS5's per-row
sizes, and filter tags spelt ``dto``, ``dfrom``, ``knote``, ``ksubject``. The
upgrade must rebuild the index in this program's layout (no sizes, one-letter
tags) without losing a row, with progress, resumably, and every filter must
find what it found before.
"""

# ruff: noqa: S608 -- fixed SQL of an earlier program, our own table names

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from archiveviewer.domain import Direction
from archiveviewer.services.upgrade import upgrade
from archiveviewer.store import HitKind, Replica, SearchFilter, SearchOrder, prefix_index
from archiveviewer.store.index import HASH_BYTES, LAYOUT_MARK
from archiveviewer.store.schema import LATEST_VERSION, migrate

from .conftest import T0, conversation
from .test_reindex import COLLECTIONS, _check_whole, _version_4_file

#: What earlier programs' migration 11 wrote, kept here verbatim (the program no longer has it).
_OLD_TAGS = (
    "'c' || hex(c.contact) || CASE i.kind WHEN 'message' THEN ' d' || i.direction"
    " ELSE ' k' || i.kind END"
)
_OLD_VIEW = (
    "CREATE VIEW search_content AS"
    " SELECT i.id AS id, i.collection AS collection, i.decrypted AS decrypted,"
    f" coalesce(i.search_text, i.text) AS text, {_OLD_TAGS} AS tags"
    " FROM items i JOIN collections c ON c.id = i.collection"
)
_OLD_INDEX = (
    "CREATE VIRTUAL TABLE {name} USING fts5 (text, tags, content = 'search_content',"
    " content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4')"
)


def _old_index(db: sqlite3.Connection, name: str) -> None:
    db.execute(_OLD_INDEX.format(name=name))
    db.execute(f"INSERT INTO {name} (rowid, text, tags) SELECT id, text, tags FROM search_content")


def _version_10_file(path: Path) -> list[tuple[object, ...]]:
    """A replica at version 10 (this program's steps up to there); returns its rows."""
    before = _version_4_file(path)
    with sqlite3.connect(path, isolation_level=None) as db:
        migrate(db, 10)
    return before


def _earlier_migration_11(path: Path) -> None:
    """What an earlier program's migration 11 does to a version-10 file."""
    db = sqlite3.connect(path, isolation_level=None)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 10
    db.execute("BEGIN")
    db.execute("DROP VIEW search_content")
    db.execute(_OLD_VIEW)
    db.execute("DROP TABLE items_fts")
    _old_index(db, "items_fts")
    db.execute("PRAGMA user_version = 11")
    db.execute("COMMIT")
    db.close()


def _version_11_file(path: Path) -> list[tuple[object, ...]]:
    """A replica as an earlier program's migration 11 left it; returns its rows."""
    before = _version_10_file(path)
    _earlier_migration_11(path)
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM items_fts_docsize").fetchone()[0] == len(before)
    return before


def _check_filters(replica: Replica) -> None:
    """Every filter the tags carry finds what it should, and FTS5 agrees with its content."""
    assert replica.count_hits("hello", SearchFilter(direction=Direction.TO)) == COLLECTIONS * 2
    assert replica.count_hits("hello", SearchFilter(direction=Direction.FROM)) == COLLECTIONS * 3
    notes = SearchFilter(kinds=frozenset({HitKind.NOTE}))
    subjects = SearchFilter(kinds=frozenset({HitKind.SUBJECT}))
    messages = SearchFilter(kinds=frozenset({HitKind.MESSAGE}))
    assert replica.count_hits("note", notes) == COLLECTIONS
    assert replica.count_hits("topic", subjects) == (COLLECTIONS + 2) // 3
    assert replica.count_hits("topic", messages) == 0
    assert replica.count_hits("hel*", SearchFilter(contact="friend1@example.org")) == 50
    db = replica._db
    sql = db.execute("SELECT sql FROM sqlite_master WHERE name = 'items_fts'").fetchone()[0]
    assert LAYOUT_MARK in sql
    assert "prefix = '2 3 4'" in sql
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
    assert "items_fts_docsize" not in names
    assert not names & {"items_fts_prefixed", "prefix_progress", "items_fts_lean", "lean_progress"}
    triggers = db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall()
    assert triggers == []
    config = dict(db.execute("SELECT k, v FROM items_fts_config").fetchall())
    assert config["hashsize"] == HASH_BYTES
    db.execute("INSERT INTO items_fts (items_fts, rank) VALUES ('integrity-check', 1)")


def test_an_earlier_version_11_is_rebuilt_lean_with_progress(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "replica.sqlite"
    before = _version_11_file(path)
    monkeypatch.setattr(prefix_index, "BATCH_ROWS", 100)
    told: list[tuple[int, int]] = []
    with Replica(path, progress=lambda done, total: told.append((done, total))) as replica:
        assert replica._db.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION == 12
        _check_whole(replica, before)
        _check_filters(replica)
    rows = len(before)
    assert told == [(100, rows), (200, rows), (rows, rows)]


def test_a_version_11_stopped_by_an_earlier_program_is_begun_again_lean(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An earlier program killed during its migration 11 left a half-built old-layout index."""
    path = tmp_path / "replica.sqlite"
    before = _version_10_file(path)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("BEGIN")
    db.execute("DROP VIEW search_content")
    db.execute(_OLD_VIEW)
    _old_index(db, "items_fts_prefixed")  # all of it, as if killed just before the swap
    db.execute(
        "CREATE TABLE prefix_progress (id INTEGER PRIMARY KEY CHECK (id = 1),"
        " last INTEGER, done INTEGER NOT NULL, total INTEGER NOT NULL)"
    )
    db.execute("INSERT INTO prefix_progress SELECT 1, max(id), count(*), count(*) FROM items")
    db.execute("COMMIT")
    db.close()
    monkeypatch.setattr(prefix_index, "BATCH_ROWS", 100)
    told: list[tuple[int, int]] = []
    with Replica(path, progress=lambda done, total: told.append((done, total))) as replica:
        _check_whole(replica, before)
        _check_filters(replica)
    rows = len(before)
    assert told == [(100, rows), (200, rows), (rows, rows)]  # from zero, once


def test_the_lean_index_takes_writes_removals_and_decrypted_text(tmp_path: Path) -> None:
    path = tmp_path / "replica.sqlite"
    _version_11_file(path)
    with Replica(path) as replica:
        fresh = conversation("Friend0@Example.org/home", T0 + timedelta(days=9), "brand", "new")
        replica.replace_collection(fresh)
        sent = replica.search_page("new", SearchFilter(direction=Direction.TO))
        assert [h.highlights()[0] for h in sent.hits] == ["new"]
        assert replica.count_hits("brand", SearchFilter(direction=Direction.TO)) == 0
        assert replica.count_hits("bra*", SearchFilter(contact="friend0@example.org")) == 1
        replica.replace_collection(conversation("Friend0@Example.org/home", T0, "replaced"))
        assert replica.count_hits("hello", SearchFilter(contact="friend0@example.org")) == 45
        page = replica.search_page("replaced", order=SearchOrder.RELEVANCE)
        assert len(page.hits) == 1
        replica._db.execute("INSERT INTO items_fts (items_fts, rank) VALUES ('integrity-check', 1)")


def test_stopped_in_12_then_written_by_an_earlier_program_begins_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The earlier program goes on using its version 11; the half-built index is stale then."""
    path = tmp_path / "replica.sqlite"
    before = _version_11_file(path)
    monkeypatch.setattr(prefix_index, "BATCH_ROWS", 100)
    told: list[int] = []
    assert not upgrade(path, lambda done, total: told.append(done), lambda: True)
    assert told == [100]
    # The earlier program replaces a conversation's text (its old index kept up by hand).
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("BEGIN")
    (row,) = db.execute("SELECT id FROM items WHERE text = 'hello 0 word0'").fetchone()
    db.execute(
        "INSERT INTO items_fts (items_fts, rowid, text, tags)"
        " SELECT 'delete', id, text, tags FROM search_content WHERE id = ?",
        (row,),
    )
    db.execute("UPDATE items SET text = 'hello, rewritten elsewhere' WHERE id = ?", (row,))
    db.execute(
        "INSERT INTO items_fts (rowid, text, tags) SELECT id, text, tags FROM search_content"
        " WHERE id = ?",
        (row,),
    )
    db.execute("COMMIT")
    db.close()
    told.clear()
    with Replica(path, progress=lambda done, total: told.append(done)) as replica:
        assert told[0] == 100  # from zero again, not from the stale 100
        assert replica.count_hits("rewritten") == 1
        assert replica.count_hits("hello") == COLLECTIONS * 5
        _check_filters(replica)
    assert len(before) == told[-1]


def test_stopped_in_11_then_finished_by_an_earlier_program_is_rebuilt_lean(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The earlier program does its own migration 11 beside our half-built index."""
    path = tmp_path / "replica.sqlite"
    before = _version_10_file(path)
    monkeypatch.setattr(prefix_index, "BATCH_ROWS", 100)
    assert not upgrade(path, lambda done, total: None, lambda: True)
    _earlier_migration_11(path)
    told: list[int] = []
    with Replica(path, progress=lambda done, total: told.append(done)) as replica:
        _check_whole(replica, before)
        _check_filters(replica)
    assert told[0] == 200  # its items were not written: ours went on where it stopped
