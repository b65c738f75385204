"""SQLite failures a user can act on become StoreError sentences; bugs stay bugs."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from archiveviewer.domain import CollectionId
from archiveviewer.errors import KnownError, StoreError
from archiveviewer.store import Replica
from archiveviewer.store.failures import translated

from .conftest import balcony


def test_a_damaged_file_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "replica.sqlite"
    with Replica(path) as replica:
        for n in range(30):
            other = CollectionId(start=balcony().start, with_jid=f"u{n}@x")
            replica.replace_collection(replace(balcony(), id=other))
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page:] = b"\xa5" * (len(data) - page)  # keep the schema page, smash every other
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError) as caught:
        _open_and_read(path)
    assert isinstance(caught.value, KnownError)
    assert "damaged" in caught.value.user_message


def _open_and_read(path: Path) -> None:
    with Replica(path) as replica:
        replica.search("romeo")
        replica.collections(limit=1000)


def test_a_file_locked_by_another_writer_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "replica.sqlite"
    with Replica(path) as replica:
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        replica._db.execute("PRAGMA busy_timeout = 0")
        try:
            with pytest.raises(StoreError, match="locked"):
                replica.replace_collection(balcony())
        finally:
            other.execute("ROLLBACK")
            other.close()
        # The replica is usable again once the other writer is done.
        replica.replace_collection(balcony())
        assert replica.collection(balcony().id) == balcony()


def test_a_full_disk_is_a_store_error(tmp_path: Path) -> None:
    with Replica(tmp_path / "replica.sqlite") as replica:
        pages = replica._db.execute("PRAGMA page_count").fetchone()[0]
        replica._db.execute(f"PRAGMA max_page_count = {pages + 2}")
        big = replace(balcony(), items=balcony().items * 2000)
        with pytest.raises(StoreError, match="disk is full"):
            replica.replace_collection(big)
        assert replica.collection(big.id) is None


def test_a_bug_is_not_disguised_as_a_known_error() -> None:
    db = sqlite3.connect(":memory:")
    with pytest.raises(sqlite3.OperationalError, match="no such table"), translated():
        db.execute("SELECT * FROM nowhere")
    db.close()
