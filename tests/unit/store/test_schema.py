"""The replica file: creation, permissions, versions and migrations, foreign files."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from archiveviewer.domain import CollectionId
from archiveviewer.errors import StoreError
from archiveviewer.store import Replica, index, schema
from archiveviewer.store.codec import time_text
from archiveviewer.store.schema import LATEST_VERSION, migrate

from .conftest import T0, balcony, conversation


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def test_new_replica_is_private_wal_and_at_latest_version(tmp_path: Path) -> None:
    path = tmp_path / "new" / "replica.sqlite"
    with Replica(path) as replica:
        replica.replace_collection(balcony())
        # The WAL and shared-memory files exist while the replica is open.
        for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            assert _mode(name) == 0o600, name
        assert _mode(path.parent) == 0o700
    db = _raw(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


def test_private_even_with_a_permissive_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        with Replica(tmp_path / "replica.sqlite") as replica:
            replica.replace_collection(balcony())
            modes = {f.name: _mode(f) for f in tmp_path.iterdir()}
    finally:
        os.umask(old)
    assert modes == {
        name: 0o600 for name in ("replica.sqlite", "replica.sqlite-wal", "replica.sqlite-shm")
    }


def test_existing_world_readable_replica_is_narrowed(tmp_path: Path) -> None:
    path = tmp_path / "replica.sqlite"
    Replica(path).close()
    path.chmod(0o644)
    with Replica(path) as replica:
        replica.replace_collection(balcony())
        assert {f.name: _mode(f) for f in tmp_path.iterdir()} == {
            name: 0o600 for name in ("replica.sqlite", "replica.sqlite-wal", "replica.sqlite-shm")
        }


def test_foreign_keys_are_enforced(replica: Replica) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        replica._db.execute("INSERT INTO items (collection, ordinal, kind) VALUES (999, 0, 'note')")


def test_reopening_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "replica.sqlite"
    with Replica(path) as replica:
        replica.apply([balcony()], [], "2008-07-19T00:00:00Z")
    with Replica(path) as replica:
        assert replica.collection(balcony().id) == balcony()
        assert replica.cursor() == "2008-07-19T00:00:00Z"


# --- files that are not ours ---------------------------------------------------------


def test_a_text_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    content = b"These are my notes, not a database.\n" * 200
    path.write_bytes(content)
    path.chmod(0o644)
    with pytest.raises(StoreError, match="not a local archive copy"):
        Replica(path)
    assert path.read_bytes() == content
    assert _mode(path) == 0o644


def test_another_programs_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    db = _raw(path)
    db.execute("CREATE TABLE recipes (name TEXT)")
    db.execute("INSERT INTO recipes VALUES ('soup')")
    db.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a local archive copy"):
        Replica(path)
    assert path.read_bytes() == before


def test_a_database_with_a_foreign_application_id_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    db = _raw(path)
    db.execute("PRAGMA application_id = 1234")
    db.execute("PRAGMA user_version = 1")
    db.close()
    with pytest.raises(StoreError, match="not a local archive copy"):
        Replica(path)


def test_a_newer_schema_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "replica.sqlite"
    Replica(path).close()
    db = _raw(path)
    db.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    db.close()
    with pytest.raises(StoreError, match="newer version"):
        Replica(path)
    db = _raw(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION + 1
    db.close()


def test_a_folder_that_cannot_be_made_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot be created"):
        Replica(blocker / "replica.sqlite")


# --- migrations -------------------------------------------------------------------


def _old_file(path: Path, version: int) -> None:
    """A replica as the program at ``version`` left it, with one conversation in it."""
    db = _raw(path)
    migrate(db, version)
    if version >= 1:
        _seed(db, version)
    db.close()


def _seed(db: sqlite3.Connection, version: int) -> None:
    """Write the balcony scene the way the code of ``version`` did."""
    scene = conversation(
        "Juliet@Capulet.com/balcony",
        T0,
        "Wherefore art thou Roméo?",
        "Deny thy father",
        subject="Names",
        version=2,
    )
    row_id = db.execute(
        "INSERT INTO collections (with_jid, start, subject, version, message_count,"
        " first_time, last_time) VALUES (?, ?, ?, ?, 2, ?, ?)",
        (
            scene.with_jid,
            time_text(T0),
            scene.subject,
            scene.version,
            time_text(T0),
            time_text(scene.messages[-1].time),
        ),
    ).lastrowid
    for n, message in enumerate(scene.messages):
        db.execute(
            "INSERT INTO items (collection, ordinal, kind, direction, time, text)"
            " VALUES (?, ?, 'message', ?, ?, ?)",
            (row_id, n, message.direction.value, time_text(message.time), message.body),
        )
    if version >= 2:
        db.execute(
            "INSERT INTO items (collection, ordinal, kind, time, text)"
            " VALUES (?, -1, 'subject', ?, ?)",
            (row_id, time_text(T0), scene.subject),
        )
    if version >= 3:
        db.execute("UPDATE collections SET contact = 'juliet@capulet.com' WHERE id = ?", (row_id,))
    if version >= 5:  # rows under time keys, indexed by the write itself
        rows = db.execute(
            "SELECT ordinal, kind, direction, time, text, nick, payload FROM items"
            " WHERE collection = ?",
            (row_id,),
        ).fetchall()
        db.execute("DELETE FROM items WHERE collection = ?", (row_id,))
        index.insert_items(db, row_id, rows, decrypted=False)
    db.execute("UPDATE sync_state SET cursor = '2008-07-18T21:00:00Z'")


@pytest.mark.parametrize("version", range(LATEST_VERSION))
def test_every_earlier_version_migrates_to_the_latest(tmp_path: Path, version: int) -> None:
    path = tmp_path / "replica.sqlite"
    _old_file(path, version)
    with Replica(path) as replica:
        assert replica._db.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        if version == 0:
            assert replica.collection_ids() == set()
            return
        scene_id = CollectionId(start=T0, with_jid="Juliet@Capulet.com/balcony")
        scene = replica.collection(scene_id)
        assert scene is not None
        assert [m.body for m in scene.messages] == ["Wherefore art thou Roméo?", "Deny thy father"]
        assert replica.cursor() == "2008-07-18T21:00:00Z"
        # The search index covers what was stored before it existed...
        assert [h.ordinal for h in replica.search("romeo")] == [0]
        assert [h.kind.value for h in replica.search("names")] == ["subject"]
        # ...and the contact column was filled in for old rows.
        assert [c.contact for c in replica.contacts()] == ["juliet@capulet.com"]
        assert len(replica.collections(contact="juliet@capulet.com")) == 1
        # New writes after the upgrade are indexed too.
        replica.replace_collection(conversation("romeo@montague.net", T0, "by yonder window"))
        assert len(replica.search("yonder")) == 1


def test_a_failed_migration_leaves_the_file_at_the_previous_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "replica.sqlite"
    _old_file(path, 1)

    def broken(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("power cut")

    steps = list(schema.MIGRATIONS)
    steps[2] = broken
    monkeypatch.setattr(schema, "MIGRATIONS", steps)
    db = _raw(path)
    with pytest.raises(RuntimeError, match="power cut"):
        migrate(db, 3)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 2
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "half_done" not in tables
    assert "items_fts" in tables
    db.close()
    monkeypatch.undo()
    with Replica(path) as replica:
        assert len(replica.search("romeo")) == 1
