"""Replication of Prosody's own message archive (mod_mam, XEP-0313) into the replica.

Two users chat through the real server (real routing: each side's archive
gets its copy), then one of them syncs and reads the conversations back.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from archiveviewer.domain import Direction
from archiveviewer.errors import NotConnected
from archiveviewer.protocol.mam import ArchiveBounds, ArchiveTarget, MamPage, MamQuery
from archiveviewer.store import Replica
from archiveviewer.store.archives import ArchiveStore
from archiveviewer.sync.conversations import ConversationRule
from archiveviewer.sync.mam import ArchiveReplicator
from archiveviewer.xmpp.mam import MessageArchive
from archiveviewer.xmpp.session import AccountSession
from tests.integration.mam_helpers import (
    chat,
    mam_prosody,
    online,
    seed_archive,
    server_messages,
    stored_messages,
)
from tests.server.prosody import ProsodyServer

pytestmark = [pytest.mark.prosody, pytest.mark.asyncio]
__all__ = ["mam_prosody"]  # the fixture, imported for this module


class Recording:
    """The account's archive, remembering every query asked of it."""

    def __init__(self, archive: MessageArchive) -> None:
        self.archive = archive
        self.queries: list[MamQuery] = []

    async def query(self, target: ArchiveTarget, request: MamQuery) -> MamPage:
        self.queries.append(request)
        return await self.archive.query(target, request)

    async def bounds(self, target: ArchiveTarget) -> ArchiveBounds | None:
        return None  # plain MAM: every page is asked for


async def sync(
    session: AccountSession, path: Path, page_size: int = 100, source: Recording | None = None
) -> int:
    archive = MessageArchive(session.client)
    with Replica(path) as replica:
        store = ArchiveStore(replica, ConversationRule())
        replicator = ArchiveReplicator(
            source or archive, store, [ArchiveTarget(archive.account)], page_size=page_size
        )
        return (await replicator.run()).messages_stored


async def test_a_chat_through_the_server_syncs_into_one_conversation(
    mam_prosody: ProsodyServer, tmp_path: Path
) -> None:
    alice, alice_pw = mam_prosody.new_user("alice")
    bob, bob_pw = mam_prosody.new_user("bob")
    async with online(mam_prosody, alice, alice_pw) as a, online(mam_prosody, bob, bob_pw) as b:
        await chat(a, bob, ["Hello Bob", "Are you there?"])
        await chat(b, alice, ["Hi Alice"])
        await chat(a, bob, ["Good."])
        support = await MessageArchive(a.client).support()
        assert support.mam
        path = tmp_path / "alice.sqlite"
        assert await sync(a, path) == 4
    with Replica(path) as replica:
        [summary] = replica.collections()
        conversation = replica.collection(summary.id)
    assert conversation is not None
    assert summary.id.with_jid == bob
    assert [(m.direction, m.body) for m in conversation.messages] == [
        (Direction.TO, "Hello Bob"),
        (Direction.TO, "Are you there?"),
        (Direction.FROM, "Hi Alice"),
        (Direction.TO, "Good."),
    ]


async def test_thousands_of_messages_arrive_whole_and_a_second_sync_adds_only_new_ones(
    mam_prosody: ProsodyServer, tmp_path: Path
) -> None:
    alice, alice_pw = mam_prosody.new_user("alice")
    bob, bob_pw = mam_prosody.new_user("bob")
    path = tmp_path / "bob.sqlite"
    async with online(mam_prosody, alice, alice_pw) as a, online(mam_prosody, bob, bob_pw) as b:
        await chat(a, bob, [f"message {n}" for n in range(2000)])
        assert await sync(b, path) == 2000
        await chat(b, alice, ["got them all"])
        assert await sync(b, path) == 1
        expected = await server_messages(b)
    stored = stored_messages(path, bob)
    assert stored == expected
    assert [m.message.body for m in stored][-2:] == ["message 1999", "got them all"]
    with Replica(path) as replica:
        reach = ArchiveStore(replica, ConversationRule()).history_reach(alice)
    assert reach is not None
    assert reach.complete


class FirstPageOnly:
    """The account's archive, as long as only one page is asked for."""

    def __init__(self, archive: MessageArchive) -> None:
        self.archive = archive
        self.asked = 0

    async def query(self, target: ArchiveTarget, request: MamQuery) -> MamPage:
        self.asked += 1
        if self.asked > 1:
            raise NotConnected("The connection to the server was lost before it answered.")
        return await self.archive.query(target, request)

    async def bounds(self, target: ArchiveTarget) -> ArchiveBounds | None:
        return None  # plain MAM: every page is asked for


async def test_the_newest_page_is_stored_first(mam_prosody: ProsodyServer, tmp_path: Path) -> None:
    alice, alice_pw = mam_prosody.new_user("alice")
    bob, bob_pw = mam_prosody.new_user("bob")
    async with online(mam_prosody, alice, alice_pw) as a, online(mam_prosody, bob, bob_pw) as b:
        await chat(a, bob, [f"message {n}" for n in range(250)])
        with Replica(tmp_path / "bob.sqlite") as replica:
            store = ArchiveStore(replica, ConversationRule())
            source = FirstPageOnly(MessageArchive(b.client))
            with pytest.raises(NotConnected):
                await ArchiveReplicator(source, store, [ArchiveTarget(bob)], page_size=50).run()
            bodies = [m.message.body for m in store.messages(bob)]
            reach = store.history_reach(alice)
    assert bodies == [f"message {n}" for n in range(200, 250)]
    assert reach is not None
    assert not reach.complete
    assert reach.back_to is not None


async def test_a_forgotten_id_is_recovered_by_time_and_overlapping_pages_are_deduplicated(
    mam_prosody: ProsodyServer, tmp_path: Path
) -> None:
    owner, password = mam_prosody.new_user("forgetful")
    async with online(mam_prosody, owner, password) as session:
        assert await server_messages(session) == []  # Prosody opens its SQL store on first use
        # Ten messages a second: asking by time from the newest stored one overlaps.
        seed_archive(mam_prosody, owner, ["ann@localhost"], 300, burst=10)
        path = tmp_path / "r.sqlite"
        assert await sync(session, path, page_size=40) == 300
        newest = stored_messages(path, owner)[-1]
        # The server loses the message the replica remembers as its newest (expired, say)...
        with sqlite3.connect(mam_prosody.sql_path) as db:
            db.execute("DELETE FROM prosodyarchive WHERE key = ?", (newest.archive_id,))
        seed_archive(mam_prosody, owner, ["ann@localhost"], 100, start=1_800_000_000)
        # ...so <after/> that id is item-not-found, and the sync asks by time instead.
        recording = Recording(MessageArchive(session.client))
        assert await sync(session, path, page_size=40, source=recording) == 100
        expected = await server_messages(session)
    assert recording.queries[0].after == newest.archive_id
    assert recording.queries[1].start == newest.message.time
    stored = stored_messages(path, owner)
    assert len(stored) == len({m.archive_id for m in stored}) == 400
    assert [m for m in stored if m.archive_id != newest.archive_id] == expected
