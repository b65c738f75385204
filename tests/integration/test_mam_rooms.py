"""Group-chat archives (Prosody's mod_muc_mam) of bookmarked rooms, and MAM preferences."""

from __future__ import annotations

from pathlib import Path

import pytest

from archiveviewer.domain import Conference, Direction
from archiveviewer.protocol.mam import ArchivePrefs
from archiveviewer.services.history import sync_history
from archiveviewer.store import Replica
from archiveviewer.store.archives import ArchiveStore
from archiveviewer.sync.conversations import ConversationRule
from archiveviewer.xmpp.bookmarks import BookmarkService
from archiveviewer.xmpp.mam import MessageArchive
from tests.integration.mam_helpers import chat, join, mam_prosody, online, say
from tests.server.prosody import MUC_HOST, ProsodyServer

pytestmark = [pytest.mark.prosody, pytest.mark.asyncio]
__all__ = ["mam_prosody"]  # the fixture, imported for this module


async def test_a_bookmarked_room_is_synced_with_its_nicks(
    mam_prosody: ProsodyServer, tmp_path: Path
) -> None:
    room = f"tea@{MUC_HOST}"
    alice, alice_pw = mam_prosody.new_user("alice")
    bob, bob_pw = mam_prosody.new_user("bob")
    async with online(mam_prosody, alice, alice_pw) as a, online(mam_prosody, bob, bob_pw) as b:
        await join(a, room, "Alice")
        await join(b, room, "Bobby")
        await say(a, room, ["Tea, anyone?"])
        await say(b, room, ["Yes please", "Milk, no sugar"])
        await chat(b, alice, ["(and a biscuit)"])
        bookmarks = BookmarkService(a.client)
        await bookmarks.save(Conference(room, name="Tea room", nick="Alice"))
        path = tmp_path / "alice.sqlite"
        with Replica(path) as replica:
            result = await sync_history(a, replica)
    assert result.rooms == (room,)
    assert result.sync.messages_stored == 4
    with Replica(path) as replica:
        by_contact = {}
        for summary in replica.collections():
            collection = replica.collection(summary.id)
            assert collection is not None
            by_contact[summary.id.with_jid] = [
                (m.nick, m.direction, m.body) for m in collection.messages
            ]
        store = ArchiveStore(replica, ConversationRule())
        [room_conversation] = [s for s in replica.collections() if s.id.with_jid == room]
        assert store.archive_of(room_conversation.id) == room
    assert by_contact[room] == [
        ("Alice", Direction.TO, "Tea, anyone?"),
        ("Bobby", Direction.FROM, "Yes please"),
        ("Bobby", Direction.FROM, "Milk, no sugar"),
    ]
    assert by_contact[bob] == [(None, Direction.FROM, "(and a biscuit)")]


async def test_a_room_that_does_not_exist_is_skipped_with_a_reason(
    mam_prosody: ProsodyServer, tmp_path: Path
) -> None:
    alice, alice_pw = mam_prosody.new_user("alice")
    async with online(mam_prosody, alice, alice_pw) as a:
        with Replica(tmp_path / "r.sqlite") as replica:
            gone = Conference(f"nobody-here@{MUC_HOST}", nick="Alice")
            result = await sync_history(a, replica, rooms=[gone])
    assert result.rooms == ()
    [(jid, sentence)] = result.skipped
    assert jid == gone.jid
    assert sentence.endswith(".")


async def test_preferences_say_what_the_server_will_keep(mam_prosody: ProsodyServer) -> None:
    alice, alice_pw = mam_prosody.new_user("alice")
    async with online(mam_prosody, alice, alice_pw) as a:
        archive = MessageArchive(a.client)
        wanted = ArchivePrefs("roster", always=("bob@localhost",), never=("spam@localhost",))
        assert await archive.set_prefs(wanted) == wanted
        assert await archive.prefs() == wanted
        assert (await archive.set_prefs(ArchivePrefs("never"))).default == "never"
