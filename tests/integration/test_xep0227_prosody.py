"""XEP-0227 against Prosody's own implementation (``mod_storage_xep0227`` and ``prosody-migrator``).

(a) An account filled through a client (roster, private XML, PEP bookmarks,
a MAM archive) and exported by Prosody is read here with every item.
(b) An export written here is imported by Prosody into a fresh server, and
a client logging in finds the same roster, bookmarks, private XML and archive.

Where Prosody differs from the specification (both are accepted here):
its node forms are ``type='submit'``, it adds SCRAM credentials, it writes
one ``user@host.xml`` per user without an XML declaration, and it keeps
XEP-0402 bookmarks and the ``storage:bookmarks`` PEP node side by side.
"""

from __future__ import annotations

import asyncio
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from slixmpp.xmlstream import StanzaBase
from slixmpp.xmlstream.handler import Callback
from slixmpp.xmlstream.matcher import MatchXPath

from archiveviewer.domain import Collection, CollectionId, Direction, Message
from archiveviewer.formats.conversations import conversations
from archiveviewer.formats.xep0227 import PepItem, PepNode, RosterItem
from archiveviewer.formats.xep0227_file import read_export
from archiveviewer.services.files import (
    AccountData,
    ExportFormat,
    ExportSelection,
    ReplicaSource,
    export_archive,
)
from archiveviewer.store import Replica
from tests.helpers import close_client, connect_client, send_raw
from tests.integration.prosody_export import migrate
from tests.server.prosody import ProsodyServer

pytestmark = [pytest.mark.prosody]

ROSTER = "jabber:iq:roster"
NATIVE = "urn:xmpp:bookmarks:1"
EXODUS = "<exodus xmlns='exodus:prefs'><defaultnick>Romeo</defaultnick></exodus>"
ROOM = "verona@conference.localhost"
PUBLISH = (
    "<iq type='set'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
    f"<publish node='{NATIVE}'><item id='{ROOM}'><conference xmlns='{NATIVE}' name='Verona' "
    "autojoin='true'><nick>romeo</nick></conference></item></publish><publish-options>"
    "<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'>"
    "<value>http://jabber.org/protocol/pubsub#publish-options</value></field>"
    "<field var='pubsub#persist_items'><value>true</value></field>"
    "<field var='pubsub#access_model'><value>whitelist</value></field></x></publish-options>"
    "</pubsub></iq>"
)
PING = "<iq type='get'><ping xmlns='urn:xmpp:ping'/></iq>"


async def _fill(server: ProsodyServer) -> tuple[str, str]:
    romeo, password = server.new_user("romeo")
    juliet, juliet_password = server.new_user("juliet")
    client = await connect_client(server, romeo + "/orchard", password)
    other = await connect_client(server, juliet + "/balcony", juliet_password)
    try:
        await send_raw(client, f"<iq type='set'><query xmlns='{ROSTER}'><item jid='{juliet}' "
                       "name='Juliet'><group>Capulets</group></item></query></iq>")  # fmt: skip
        await send_raw(
            client, f"<iq type='set'><query xmlns='jabber:iq:private'>{EXODUS}</query></iq>"
        )
        await send_raw(client, PUBLISH)
        client.send_message(mto=juliet, mbody="Art thou not Romeo?", mtype="chat")
        other.send_message(mto=romeo, mbody="Neither, fair saint.", mtype="chat")
        # The server handles a session's stanzas in order: after the pings, both are archived.
        await send_raw(other, PING)
        await send_raw(client, PING)
    finally:
        await close_client(client)
        await close_client(other)
    return romeo, juliet


RosterRow = tuple[str | None, str | None, str | None, list[str | None]]


def roster_rows(roster: ET.Element) -> list[RosterRow]:
    """(JID, name, subscription, groups) of each item of a roster answer."""
    return [
        (
            i.get("jid"),
            i.get("name"),
            i.get("subscription"),
            [g.text for g in i.iter("{jabber:iq:roster}group")],
        )
        for i in roster.iter("{jabber:iq:roster}item")
    ]

def test_prosodys_export_is_read_here_with_every_item(tmp_path: Path) -> None:
    server = ProsodyServer(tmp_path / "server", extra_modules=("mam",))
    server.start()
    try:
        romeo, juliet = asyncio.run(_fill(server))
    finally:
        server.stop()
    folder = migrate(server, tmp_path / "export", to_xep0227=True)

    accounts = {a.jid: a for a in read_export(folder / f"{romeo}.xml")}
    account = accounts[romeo]
    assert [(r.jid, r.name, r.groups) for r in account.roster] == [
        (juliet, "Juliet", ("Capulets",))
    ]
    assert any("exodus:prefs" in text and "Romeo" in text for text in account.private)
    nodes = {n.node: n for n in account.pep}
    (bookmark,) = nodes[NATIVE].items
    assert bookmark.id == ROOM
    assert "Verona" in (bookmark.payload or "")
    assert ("pubsub#access_model", ("whitelist",)) in nodes[NATIVE].config
    (conversation,) = conversations(account.archive)
    # Both were sent within one second: the stamps (whole seconds) do not order them.
    assert sorted((m.direction.value, m.body) for m in conversation.messages) == [
        ("from", "Neither, fair saint."),
        ("to", "Art thou not Romeo?"),
    ]


#: Recent: mod_mam removes messages older than a week (its default ``archive_expires_after``).
T = (datetime.now(UTC) - timedelta(hours=1)).replace(microsecond=0)


def _export_here(folder: Path, owner: str, juliet: str) -> None:
    folder.mkdir()
    with Replica(folder.parent / "replica.sqlite3") as replica:
        replica.replace_collection(Collection(CollectionId(T, juliet + "/balcony"), items=(
            Message(Direction.FROM, T, "Art thou not Romeo?"),
            Message(Direction.TO, T + timedelta(seconds=11), "Neither, fair saint."),
        )))  # fmt: skip
        data = AccountData(
            roster=(RosterItem(juliet, "Juliet", ("Capulets",), "both"),),
            private=(EXODUS,),
            pep=(PepNode(NATIVE, (("pubsub#persist_items", ("true",)),
                                  ("pubsub#access_model", ("whitelist",))),
                         (PepItem(ROOM, f"<conference xmlns='{NATIVE}' name='Verona' "
                                  "autojoin='true'><nick>romeo</nick></conference>"),)),),
        )  # fmt: skip
        export_archive(ReplicaSource(replica, ExportSelection()), owner, ExportFormat.XEP0227,
                       folder / f"{owner}.xml", account=data)  # fmt: skip


async def _what_a_client_finds(server: ProsodyServer, jid: str, password: str) -> dict[str, object]:
    client = await connect_client(server, jid + "/check", password)
    results: list[ET.Element] = []

    def on_result(message: StanzaBase) -> None:
        results.append(message.xml.find("{urn:xmpp:mam:2}result"))

    # slixmpp's "message" event skips messages without a body, as MAM results are.
    client.register_handler(
        Callback("mam", MatchXPath("{jabber:client}message/{urn:xmpp:mam:2}result"), on_result)
    )
    try:
        roster = await send_raw(client, f"<iq type='get'><query xmlns='{ROSTER}'/></iq>")
        private = await send_raw(client, "<iq type='get'><query xmlns='jabber:iq:private'>"
                                 "<exodus xmlns='exodus:prefs'/></query></iq>")  # fmt: skip
        items = await send_raw(client, "<iq type='get'><pubsub xmlns='http://jabber.org/protocol/"
                               f"pubsub'><items node='{NATIVE}'/></pubsub></iq>")  # fmt: skip
        await send_raw(client, "<iq type='set'><query xmlns='urn:xmpp:mam:2'/></iq>")
    finally:
        await close_client(client)
    pubsub = "{http://jabber.org/protocol/pubsub}"
    return {
        "roster": roster_rows(roster),
        "nick": [e.text for e in private.iter("{exodus:prefs}defaultnick")],
        "bookmarks": [
            (i.get("id"), c.get("name"))
            for i in items.iter(pubsub + "item")
            for c in i.iter("{urn:xmpp:bookmarks:1}conference")
        ],
        "archive": [b.text for r in results for b in r.iter("{jabber:client}body")],
    }


def test_an_export_from_here_is_imported_by_prosody(tmp_path: Path) -> None:
    server = ProsodyServer(tmp_path / "server", extra_modules=("mam",))
    server.start()  # writes the config and the data folder
    server.stop()
    owner, juliet = f"romeo@{server.host}", f"juliet@{server.host}"
    folder = tmp_path / "export"
    _export_here(folder, owner, juliet)
    migrate(server, folder, to_xep0227=False)
    server.register("romeo", "secret")  # an export from a client carries no credentials
    server.start()
    try:
        found = asyncio.run(_what_a_client_finds(server, owner, "secret"))
    finally:
        server.stop()
    assert found == {
        "roster": [(juliet, "Juliet", "both", ["Capulets"])],
        "nick": ["Romeo"],
        "bookmarks": [(ROOM, "Verona")],
        "archive": ["Art thou not Romeo?", "Neither, fair saint."],
    }
