"""Removing conversations when the server takes more than asked: the extra ones go back to
the server from the local copy, the user is told, and nothing the user did not remove is
lost (the services layer over a fake archive plugin and a real replica)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from archiveviewer.crypto import KeyStore
from archiveviewer.domain import Collection, CollectionId
from archiveviewer.services.archive import AccountCommands
from archiveviewer.services.connection import Connection
from archiveviewer.services.worker import Worker
from archiveviewer.store import Replica
from archiveviewer.xmpp.xep_0136.pages import RemoveOutcome
from tests.integration.test_sync import conversation

pytestmark = pytest.mark.asyncio

FIRST, SECOND, THIRD, OTHER = (conversation(n) for n in (0, 5, 10, 1))


class RangeReadingArchive:
    """A server that removes a contact's later conversations with the one asked for."""

    def __init__(self, held: list[Collection]) -> None:
        self.held = {c.id: c for c in held}
        self.stored: list[CollectionId] = []

    async def remove(self, collection_id: CollectionId) -> RemoveOutcome:
        taken = sorted(
            i for i in self.held
            if i.with_jid == collection_id.with_jid and i.start >= collection_id.start
        )
        for i in taken:
            del self.held[i]
        return RemoveOutcome((collection_id,), tuple(i for i in taken if i != collection_id))

    async def store(self, collection: Collection) -> None:
        self.stored.append(collection.id)
        self.held[collection.id] = collection


class Online:
    connected = True

    def __init__(self, archive: RangeReadingArchive) -> None:
        self.archive = archive


@pytest.fixture
def worker() -> Iterator[Worker]:
    worker = Worker()
    yield worker
    worker.shutdown()


def commands_over(
    archive: RangeReadingArchive, replica: Replica, tmp_path: Path, worker: Worker
) -> AccountCommands:
    connection = Connection()
    connection.network = Online(archive)  # type: ignore[assignment]
    return AccountCommands(replica, KeyStore(tmp_path / "keys"), connection, worker)


async def test_what_the_server_removed_unasked_is_stored_again_and_the_user_told(
    tmp_path: Path, worker: Worker
) -> None:
    archive = RangeReadingArchive([FIRST, SECOND, THIRD, OTHER])
    with Replica(tmp_path / "r.sqlite3") as replica:
        for talk in (FIRST, SECOND, THIRD, OTHER):
            replica.replace_collection(talk)
        commands = commands_over(archive, replica, tmp_path, worker)

        told = await commands.remove_collections([FIRST.id])

        assert set(archive.held) == {SECOND.id, THIRD.id, OTHER.id}
        assert sorted(archive.stored) == sorted([SECOND.id, THIRD.id])
        assert archive.held[SECOND.id].items == SECOND.items  # the local copy, whole
        assert replica.collection(FIRST.id) is None
        assert replica.collection(THIRD.id) is not None
    assert told is not None
    assert "2 other conversations that you did not ask to remove" in told
    assert told.endswith("They were stored on the server again from the local copy.")


async def test_removing_several_that_one_remove_took_together_tells_nothing(
    tmp_path: Path, worker: Worker
) -> None:
    archive = RangeReadingArchive([FIRST, SECOND, OTHER])
    with Replica(tmp_path / "r.sqlite3") as replica:
        for talk in (FIRST, SECOND, OTHER):
            replica.replace_collection(talk)
        commands = commands_over(archive, replica, tmp_path, worker)

        told = await commands.remove_collections([FIRST.id, SECOND.id])

        assert set(archive.held) == {OTHER.id}
        assert archive.stored == []
        assert replica.collection(SECOND.id) is None
    assert told is None


async def test_a_conversation_without_a_local_copy_is_named_as_lost(
    tmp_path: Path, worker: Worker
) -> None:
    archive = RangeReadingArchive([FIRST, SECOND, OTHER])
    with Replica(tmp_path / "r.sqlite3") as replica:
        replica.replace_collection(FIRST)  # SECOND was never synced here
        commands = commands_over(archive, replica, tmp_path, worker)

        told = await commands.remove_collections([FIRST.id])

    assert archive.stored == []
    assert told is not None
    assert told == (
        "The server removed another conversation that you did not ask to remove. "
        "It had no local copy and could not be put back."
    )
