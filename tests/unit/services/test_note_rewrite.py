"""Rewriting a note against a server that changes under it or keeps less than it was given."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from archiveviewer.domain import (
    Collection,
    CollectionId,
    Dialect,
    Direction,
    Message,
    Note,
    SaveMode,
)
from archiveviewer.errors import KnownError
from archiveviewer.protocol import codec
from archiveviewer.protocol.paging import collection_of_upload
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

    async def store(
        self, collection: Collection, *, save: SaveMode = SaveMode.BODY, from_item: int = 0
    ) -> None:
        items = collection.items[from_item : len(collection.items) - self.forgets]
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


class WireServer:
    """Keeps what a real server would: each store read back from its XEP-0136 element
    (``save`` decides whether payloads go; times as the wire carries them), appended."""

    def __init__(self, held: Collection, dialect: Dialect) -> None:
        self.held: Collection | None = held
        self.dialect = dialect

    async def retrieve(self, id: CollectionId) -> Collection:
        assert self.held is not None
        return self.held

    async def remove(self, id: CollectionId) -> RemoveOutcome:
        self.held = None
        return RemoveOutcome(removed=(id,))

    async def store(
        self, collection: Collection, *, save: SaveMode = SaveMode.BODY, from_item: int = 0
    ) -> None:
        element = collection_of_upload(
            codec.store_element(collection, self.dialect, save=save), self.dialect
        )
        sent = codec.collection_from_element(element, self.dialect)
        new = sent.items[from_item:]
        if self.held is None:
            self.held = replace(sent, items=new)
        else:
            self.held = replace(self.held, items=(*self.held.items, *new))


@pytest.mark.parametrize("dialect", list(Dialect))
@pytest.mark.asyncio
async def test_a_rewrite_keeps_payloads_and_doubles_no_message(dialect: Dialect) -> None:
    payload = '<x xmlns="jabber:x:oob"><url>https://verona.example/rose.png</url></x>'
    talk = Collection(CollectionId(T, "juliet@capulet.example"), items=(
        Message(Direction.FROM, T, "A rose", payload=(payload,)),
        NOTE,
        Message(Direction.TO, T + timedelta(seconds=61, milliseconds=600), "By any other name"),
    ))  # fmt: skip
    server = WireServer(talk, dialect)
    held = await server.retrieve(talk.id)  # as the server gives it back
    note = next(i for i in held.items if isinstance(i, Note))
    edited = Note("Smell as sweet.", note.time)
    done = await rewrite_note(server, talk.id, note, edited)
    assert done.collection == server.held
    bodies = [i.body for i in done.collection.items if isinstance(i, Message)]
    assert bodies == ["A rose", "By any other name"]  # each once
    first = done.collection.items[0]
    assert isinstance(first, Message)
    assert first.payload == (payload,)  # not stripped by storing bodies only
    assert [i for i in done.collection.items if isinstance(i, Note)] == [edited]
