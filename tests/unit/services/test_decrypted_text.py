"""Decrypted text in the local copy: kept only when asked, searchable then, forgotten on request."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from archiveviewer.crypto import KeyStore
from archiveviewer.domain import (
    Collection,
    CollectionId,
    Direction,
    EncryptedItem,
    EncryptedKind,
    Message,
)
from archiveviewer.ports.archive import ResultOrder, SearchFilters
from archiveviewer.services.archive import AccountCommands
from archiveviewer.services.connection import Connection
from archiveviewer.services.replica_reader import ReplicaReader
from archiveviewer.services.worker import Worker
from archiveviewer.store import Replica

START = datetime(2024, 4, 1, 6, 15, tzinfo=UTC)
SEALED = Collection(
    CollectionId(START, "friar@church.example"),
    crypt=True,
    items=(EncryptedItem(EncryptedKind.DATA, "<EncryptedData/>", "friar-2024"),),
)
PLAIN = replace(SEALED, items=(Message(Direction.FROM, START, "The potion works at dawn."),))


def test_kept_text_is_searchable_and_forgetting_removes_it_from_disk(tmp_path: Path) -> None:
    worker = Worker()
    try:
        with Replica(tmp_path / "r.sqlite3") as replica:
            replica.replace_collection(SEALED)
            reader = ReplicaReader(replica)
            commands = AccountCommands(replica, KeyStore(tmp_path / "keys"), Connection(), worker)
            assert found(reader, "potion") == []  # never kept: not found

            asyncio.run(commands.keep_decrypted(PLAIN))
            assert found(reader, "potion") == [SEALED.id]
            assert reader.collection(SEALED.id).messages[0].body == "The potion works at dawn."

            assert asyncio.run(commands.forget_decrypted()) == 1
            assert found(reader, "potion") == []
            assert reader.collection(SEALED.id).encrypted  # only the ciphertext is left
            assert asyncio.run(commands.forget_decrypted()) == 0  # nothing more to forget
            reader.close()
        raw = (tmp_path / "r.sqlite3").read_bytes() + _wal(tmp_path / "r.sqlite3")
        assert b"potion" not in raw  # not on disk either, not even in the search index
    finally:
        worker.shutdown()


def found(reader: ReplicaReader, query: str) -> list[CollectionId]:
    page = reader.search_page(query, SearchFilters(), ResultOrder.NEWEST, None, 10)
    return [r.collection_id for r in page.results]


def _wal(path: Path) -> bytes:
    wal = path.with_name(path.name + "-wal")
    return wal.read_bytes() if wal.exists() else b""
