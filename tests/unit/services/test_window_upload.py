"""The window's upload of an archive file: Cancel while it is being encrypted stops at once.

A real archive file of a few thousand messages, real keys, the program's worker;
only the server is a fake that records what it is asked to store.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from archiveviewer.crypto import KeyStore
from archiveviewer.domain import Collection, CollectionId, Dialect, Direction, Message, SaveMode
from archiveviewer.formats.xep0136_file import write_archive
from archiveviewer.ports.upload import UploadChoice
from archiveviewer.protocol.features import ArchiveSupport
from archiveviewer.services.window_upload import WindowUploader
from archiveviewer.services.worker import Worker
from archiveviewer.xmpp.xep_0136.pages import CollectionPage, RetrievePage

START = datetime(2024, 3, 1, 20, 0, tzinfo=UTC)
CONVERSATIONS = 6
MESSAGES = 600  # 3,600 messages in all


@dataclass
class _Server:
    """Holds nothing; records every conversation it is asked to store."""

    stored: list[CollectionId] = field(default_factory=list)

    async def list_pages(self, with_: str | None = None) -> AsyncIterator[CollectionPage]:
        yield CollectionPage((), None, None, 0)

    async def store(
        self, collection: Collection, *, save: SaveMode = SaveMode.BODY, from_item: int = 0
    ) -> None:
        self.stored.append(collection.id)

    async def retrieve_page(self, id: CollectionId, *, max: int | None = None) -> RetrievePage:
        raise AssertionError("nothing is on the server")

    async def discover(self) -> ArchiveSupport:
        return ArchiveSupport(dialect=Dialect.SEED)


def _file(path: Path) -> Path:
    conversations = []
    for n in range(CONVERSATIONS):
        start = START + timedelta(days=n)
        items = tuple(
            Message(Direction.FROM, start + timedelta(seconds=i), f"line {i} of night {n}")
            for i in range(MESSAGES)
        )
        conversations.append(Collection(CollectionId(start, f"c{n}@capulet.example"), items=items))
    write_archive(conversations, path)
    return path


@pytest.mark.asyncio
async def test_cancel_while_encrypting_stops_there_and_nothing_is_stored(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys")
    store.generate("pw", name="laptop")
    server = _Server()
    worker = Worker()
    steps: list[tuple[int, int]] = []
    cancelled: list[bool] = []

    def should_stop() -> bool:  # the user presses Cancel once the second one is encrypted
        cancelled.append(len(steps) >= 2)
        return cancelled[-1]

    try:
        uploader = WindowUploader(store, worker, lambda: server)
        choice = UploadChoice(_file(tmp_path / "nights.xml"), ("laptop",))
        summary = await uploader.upload(
            choice, lambda done, total: steps.append((done, total)), should_stop
        )
    finally:
        worker.shutdown()
    assert steps == [(1, CONVERSATIONS), (2, CONVERSATIONS)]  # the progress while encrypting
    assert cancelled == [False, False, True]  # stopped at once, not after encrypting them all
    assert server.stored == []
    assert summary.cancelled
    assert (summary.stored, summary.skipped, summary.done) == (0, 0, 0)


@pytest.mark.asyncio
async def test_an_encrypted_upload_not_cancelled_stores_every_conversation(
    tmp_path: Path,
) -> None:
    store = KeyStore(tmp_path / "keys")
    store.generate("pw", name="laptop")
    server = _Server()
    worker = Worker()
    try:
        uploader = WindowUploader(store, worker, lambda: server)
        choice = UploadChoice(_file(tmp_path / "nights.xml"), ("laptop",))
        summary = await uploader.upload(choice, lambda done, total: None, lambda: False)
    finally:
        worker.shutdown()
    assert len(server.stored) == CONVERSATIONS
    assert not summary.cancelled
    assert (summary.stored, summary.encrypted) == (CONVERSATIONS, True)
