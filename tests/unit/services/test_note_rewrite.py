"""Rewriting a note against a server that changes under it or keeps less than it was given."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from archiveviewer.domain import Collection, CollectionId, Direction, Message, Note
from archiveviewer.errors import KnownError
from archiveviewer.services.note_rewrite import READS, rewrite_note
from archiveviewer.xmpp.xep_0136.pages import RemoveOutcome

T = datetime(2024, 3, 1, 20, 0, tzinfo=UTC)
NOTE = Note("Remember the wall.", T + timedelta(minutes=1))
TALK = Collection(CollectionId(T, "juliet@capulet.example"), items=(
    Message(Direction.FROM, T, "Art thou not Romeo?"), NOTE,
    Message(Direction.TO, T + timedelta(minutes=2), "Neither, fair saint."),
))  # fmt: skip


class Server:
    """One collection; ``busy`` appends a message on every read; ``forgets`` drops stores."""

    def __init__(self, *, busy: bool = False, forgets: int = 0) -> None:
        self.held: Collection | None = TALK
        self.busy = busy
        self.forgets = forgets
        self.removes = 0

    async def retrieve(self, id: CollectionId) -> Collection:
        assert self.held is not None
        read = self.held
        if self.busy:
            late = Message(Direction.FROM, T + timedelta(minutes=5), f"late {len(read.items)}")
            self.held = replace(read, items=(*read.items, late))
        return read

    async def remove(self, id: CollectionId) -> RemoveOutcome:
        self.removes += 1
        self.held = None
        return RemoveOutcome(removed=(id,))

    async def store(self, collection: Collection) -> None:
        items = collection.items[: len(collection.items) - self.forgets]
        self.forgets = 0
        self.held = replace(collection, items=(*(self.held.items if self.held else ()), *items))


@pytest.mark.asyncio
async def test_a_conversation_that_keeps_changing_is_left_alone() -> None:
    server = Server(busy=True)
    with pytest.raises(KnownError, match="kept changing"):
        await rewrite_note(server, TALK.id, NOTE, Note("new", NOTE.time))
    assert server.removes == 0
    assert server.held is not None
    assert len(server.held.items) == len(TALK.items) + READS + 1  # every late one is there


@pytest.mark.asyncio
async def test_what_the_server_did_not_keep_of_the_new_copy_is_stored_again() -> None:
    server = Server(forgets=1)
    done = await rewrite_note(server, TALK.id, NOTE, Note("Over the wall.", NOTE.time))
    edited = Note("Over the wall.", NOTE.time)
    assert done.collection.items == (TALK.items[0], edited, TALK.items[2])
    assert done.collection == server.held
