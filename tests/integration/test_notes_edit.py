"""Changing and deleting a note against a real Prosody: the server keeps the new text, the
messages and the other notes, with their times; the local copy shows what the server has."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from archiveviewer.crypto import KeyStore
from archiveviewer.domain import Collection, Direction, Message, Note
from archiveviewer.errors import KnownError
from archiveviewer.services.archive import AccountCommands
from archiveviewer.services.connection import Connection
from archiveviewer.services.sync import PluginArchive
from archiveviewer.services.worker import Worker
from archiveviewer.store import Replica
from archiveviewer.sync import Replicator
from tests.integration.personalities import PERSONALITIES
from tests.integration.test_sync import conversation, server_archive, session_of
from tests.server.prosody import ProsodyServer

pytestmark = [pytest.mark.prosody, pytest.mark.asyncio]


def with_notes(talk: Collection) -> Collection:
    """The talk with a note after its second message and one at its end, each with a time."""
    first = Note("Remember the orchard wall.", talk.start + timedelta(seconds=1, minutes=1))
    last = Note("She said yes.", talk.start + timedelta(minutes=2))
    items = (*talk.items[:2], first, *talk.items[2:], last)
    return replace(talk, subject="At the balcony", items=items)


@pytest.mark.parametrize("name", ["text", "start_is_range"])
async def test_a_note_is_changed_then_deleted_and_everything_else_stays(
    name: str, make_prosody: Any, tmp_path: Path
) -> None:
    server: ProsodyServer = make_prosody(**PERSONALITIES[name])
    jid, password = server.new_user("romeo")
    talk, other = with_notes(conversation(0)), conversation(5)  # the same contact
    worker = Worker()
    try:
        async with session_of(server, jid, password) as session:
            for c in (talk, other):
                await session.archive.store(c)
            with Replica(tmp_path / "replica.sqlite3") as replica:
                await Replicator(PluginArchive(session.archive), replica).run()
                connection = Connection()
                connection.network = session
                commands = AccountCommands(replica, KeyStore(tmp_path / "keys"), connection, worker)
                shown = replica.collection(talk.id)
                assert shown is not None
                note = shown.notes[0]

                await commands.edit_note(talk.id, note, "Remember the orchard wall, at midnight.")
                edited_local = replica.collection(talk.id)
                edited_server = await session.archive.retrieve(talk.id)

                await commands.remove_note(talk.id, edited_server.notes[1])
                removed_local = replica.collection(talk.id)
                on_server = await server_archive(session)
    finally:
        worker.shutdown()

    assert edited_local is not None
    assert removed_local is not None
    for edited in (edited_local, edited_server):
        assert [(n.text, n.time) for n in edited.notes] == [
            ("Remember the orchard wall, at midnight.", note.time),  # its time kept
            ("She said yes.", talk.notes[1].time),
        ]
        assert [(m.time, m.body) for m in edited.messages] == [
            (m.time, m.body) for m in talk.messages
        ]
        assert isinstance(edited.items[2], Note)  # still in its place among the messages
        assert edited.subject == "At the balcony"
    after = on_server[talk.id]
    assert [n.text for n in after.notes] == ["Remember the orchard wall, at midnight."]
    assert [n.text for n in removed_local.notes] == ["Remember the orchard wall, at midnight."]
    assert len(after.messages) == len(talk.messages)
    assert set(on_server) == {talk.id, other.id}  # the other conversation untouched
    assert [m.body for m in on_server[other.id].messages] == [m.body for m in other.messages]


async def test_a_note_changed_elsewhere_is_not_overwritten(
    make_prosody: Any, tmp_path: Path
) -> None:
    server: ProsodyServer = make_prosody()
    jid, password = server.new_user("romeo")
    talk = with_notes(conversation(0))
    worker = Worker()
    try:
        async with session_of(server, jid, password) as session:
            await session.archive.store(talk)
            with Replica(tmp_path / "replica.sqlite3") as replica:
                connection = Connection()
                connection.network = session
                commands = AccountCommands(replica, KeyStore(tmp_path / "keys"), connection, worker)
                gone = Note("A note another client removed.", talk.start)
                with pytest.raises(KnownError) as raised:
                    await commands.edit_note(talk.id, gone, "new text")
                on_server = await session.archive.retrieve(talk.id)
                local = replica.collection(talk.id)
    finally:
        worker.shutdown()
    assert "changed or removed elsewhere" in raised.value.user_message
    assert [n.text for n in on_server.notes] == [n.text for n in talk.notes]
    assert local is not None
    assert [n.text for n in local.notes] == [n.text for n in talk.notes]


class _AnotherClientWrites:
    """The session's ``retrieve``, after which another client archives one more message into
    the conversation: the moment between the rewrite's read and its remove."""

    def __init__(self, session: Any, other: Any, talk: Collection, times: int) -> None:
        self._retrieve = session.archive.retrieve
        self._other = other
        self._talk = talk
        self._left = times
        self.arrived: list[Message] = []

    async def __call__(self, collection_id: Any, *args: Any, **kwargs: Any) -> Collection:
        read = await self._retrieve(collection_id, *args, **kwargs)
        if self._left and collection_id == self._talk.id:
            self._left -= 1
            n = len(self.arrived)
            late = Message(
                Direction.FROM, self._talk.start + timedelta(minutes=3, seconds=n), f"late {n}"
            )
            await self._other.archive.store(replace(self._talk, subject=None, items=(late,)))
            self.arrived.append(late)
        return read


@pytest.mark.parametrize("times", [1, 2])
async def test_a_message_archived_while_the_note_is_rewritten_is_kept(
    times: int, make_prosody: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server: ProsodyServer = make_prosody()
    jid, password = server.new_user("romeo")
    talk = with_notes(conversation(0))
    worker = Worker()
    try:
        async with session_of(server, jid, password) as session, session_of(
            server, jid, password
        ) as other:
            await session.archive.store(talk)
            with Replica(tmp_path / "replica.sqlite3") as replica:
                await Replicator(PluginArchive(session.archive), replica).run()
                connection = Connection()
                connection.network = session
                commands = AccountCommands(replica, KeyStore(tmp_path / "keys"), connection, worker)
                writes = _AnotherClientWrites(session, other, talk, times)
                monkeypatch.setattr(session.archive, "retrieve", writes)
                await commands.edit_note(talk.id, talk.notes[0], "Over the orchard wall.")
                monkeypatch.undo()
                on_server = await session.archive.retrieve(talk.id)
                local = replica.collection(talk.id)
    finally:
        worker.shutdown()
    bodies = [m.body for m in on_server.messages]
    assert bodies == [m.body for m in talk.messages] + [m.body for m in writes.arrived]
    assert [n.text for n in on_server.notes] == ["Over the orchard wall.", "She said yes."]
    assert local == on_server
