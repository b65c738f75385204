"""Shared helpers for the message-archive (XEP-0313) tests against the real Prosody."""

from __future__ import annotations

import asyncio
import sqlite3
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any

import pytest

from archiveviewer.domain import ArchivedMessage
from archiveviewer.protocol.mam import ArchiveTarget, MamQuery
from archiveviewer.store import Replica
from archiveviewer.store.archives import ArchiveStore
from archiveviewer.sync.conversations import ConversationRule
from archiveviewer.xmpp import iq
from archiveviewer.xmpp.mam import MessageArchive
from archiveviewer.xmpp.session import AccountSession
from tests.integration import xmpp_helpers
from tests.server.prosody import ProsodyServer


@pytest.fixture(scope="module")
def mam_prosody(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProsodyServer]:
    """A Prosody with Prosody's own mod_mam and a group-chat component with mod_muc_mam."""
    server = ProsodyServer(tmp_path_factory.mktemp("prosody-mam"), mam={})
    server.start()
    yield server
    server.stop()


def online(
    server: ProsodyServer, jid: str, password: str
) -> AbstractAsyncContextManager[AccountSession]:
    """A connected session of ``jid``, disconnected afterwards (MAM pages may be slow: 30 s)."""
    return xmpp_helpers.online(server, jid, password, timeout=30.0)


async def chat(sender: AccountSession, to: str, texts: list[str]) -> None:
    """Send ``texts`` as chat messages through the server, and wait until it has routed them."""
    for text in texts:
        sender.client.send_message(mto=to, mbody=text, mtype="chat")
    await routed(sender)


async def routed(session: AccountSession) -> None:
    """Wait until the server has handled everything the session sent so far.

    The server handles a session's stanzas in order: once it answers a ping,
    every message sent before is routed (and archived on both sides).
    """
    ping = ET.Element("{urn:xmpp:ping}ping")
    await iq.send(session.client, "get", ping, timeout=300, action="ping", to="localhost")


async def server_messages(
    session: AccountSession, target: ArchiveTarget | None = None
) -> list[ArchivedMessage]:
    """The whole archive as the server returns it now, oldest first."""
    archive = MessageArchive(session.client)
    target = target or ArchiveTarget(archive.account)
    found: list[ArchivedMessage] = []
    after: str | None = None
    while True:
        page = await archive.query(target, MamQuery(100, after=after))
        found += page.messages
        if page.complete or not page.messages:
            return found
        after = page.last


def stored_messages(path: Path, archive: str) -> list[ArchivedMessage]:
    """Every message of ``archive`` in the replica at ``path``, in archive order."""
    with Replica(path) as replica:
        return ArchiveStore(replica, ConversationRule()).messages(archive)


async def settle() -> None:
    """Let the loop run the callbacks already due."""
    await asyncio.sleep(0)


async def join(session: AccountSession, room: str, nick: str) -> None:
    """Enter ``room`` as ``nick`` and wait for the room's own presence echo."""
    joined = asyncio.get_running_loop().create_future()

    def on_presence(presence: Any) -> None:
        if str(presence["from"]) == f"{room}/{nick}" and not joined.done():
            joined.set_result(None)

    session.client.add_event_handler("presence", on_presence)
    presence = session.client.make_presence(pto=f"{room}/{nick}")
    presence.append(ET.Element("{http://jabber.org/protocol/muc}x"))
    presence.send()
    try:
        await asyncio.wait_for(joined, 10)
    finally:
        session.client.del_event_handler("presence", on_presence)


async def say(session: AccountSession, room: str, texts: list[str]) -> None:
    """Send ``texts`` to a room, and wait until the server has handled them."""
    for text in texts:
        session.client.send_message(mto=room, mbody=text, mtype="groupchat")
    await routed(session)


def seed_archive(
    server: ProsodyServer,
    owner: str,
    contacts: list[str],
    count: int,
    *,
    start: int = 1_700_000_000,
    burst: int = 1,
) -> None:
    """Put ``count`` messages straight into Prosody's SQL archive of ``owner``.

    For tests about volume, where routing each message would only add minutes:
    the rows are what mod_mam itself writes (see ``prosodyarchive``), a few
    seconds apart with an hour's silence every 40 messages, to and from
    ``contacts`` in turn; ``burst`` messages at a time share one second.
    Prosody creates its tables on the first archive query after it starts:
    make one before.
    """
    user, host = owner.split("@")
    rows = []
    when = start
    for n in range(count):
        if n % burst == 0:
            when += 3600 if n % 40 == 0 else 1 + n % 7
        contact = contacts[(n // 10) % len(contacts)]
        sender, receiver = (owner, contact) if n % 3 == 0 else (contact, owner)
        xml = (
            f"<message to='{receiver}' from='{sender}/res' type='chat' id='m{n}'>"
            f"<body>message {n} of {count}</body></message>"
        )
        rows.append((host, user, "archive", str(uuid.uuid4()), when, contact, "xml", xml))
    with sqlite3.connect(server.sql_path, timeout=30) as db:
        db.executemany(
            'INSERT INTO prosodyarchive (host, user, store, key, "when", with, type, value)'
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
