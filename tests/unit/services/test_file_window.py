"""The window's exports: an archive file keeps encrypted conversations encrypted."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

from archiveviewer.domain import (
    Collection,
    CollectionId,
    Direction,
    EncryptedItem,
    EncryptedKind,
    Message,
)
from archiveviewer.formats.xep0136_file import read_archive
from archiveviewer.ports.files import ExportChoice, ExportControl
from archiveviewer.services.file_window import WindowFiles
from archiveviewer.services.replica_reader import ReplicaReader
from archiveviewer.services.worker import Worker
from archiveviewer.store import Replica

T = datetime(2024, 3, 1, 20, 0, tzinfo=UTC)
SECRET = EncryptedItem(
    EncryptedKind.DATA, "<EncryptedData xmlns='http://www.w3.org/2001/04/xmlenc#'/>"
)


def test_the_archive_file_keeps_encrypted_conversations_and_text_shows_them_decrypted(
    tmp_path: Path,
) -> None:
    collection_id = CollectionId(T, "juliet@capulet.lit")
    worker = Worker()
    with Replica(tmp_path / "r.sqlite3") as replica:
        replica.replace_collection(Collection(collection_id, crypt=True, items=(SECRET,)))
        replica.store_decrypted(collection_id, [Message(Direction.FROM, T, "plaintext here")])
        files = WindowFiles(worker, "romeo@montague.lit")
        reader = ReplicaReader(replica)
        archive, text = tmp_path / "a.xml", tmp_path / "a.txt"
        for fmt, path in (("xep0136", archive), ("text", text)):
            asyncio.run(files.export(reader, ExportChoice(fmt, path), ExportControl()))
        reader.close()
    worker.shutdown()
    (written,) = read_archive(archive)
    assert written.encrypted
    assert "plaintext here" not in archive.read_text(encoding="utf-8")
    assert "plaintext here" in text.read_text(encoding="utf-8")
