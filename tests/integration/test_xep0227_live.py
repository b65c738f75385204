"""A XEP-0227 export of a live account, read by Prosody's migrator into a fresh server.

The account on the first server holds a roster with a mutual subscription,
private XML in two namespaces (legacy bookmarks, and one only the user
knows of), XEP-0402 bookmarks in PEP with their access model, and a MAM
archive. ``sync`` then ``export --format xep0227 --from-server`` writes it
here; ``prosody-migrator`` imports the file into a second, empty server,
and a client logging in there finds every one of them.
"""

from __future__ import annotations

import asyncio
import dataclasses
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from slixmpp import ClientXMPP
from slixmpp.xmlstream.handler import Callback
from slixmpp.xmlstream.matcher import MatchXPath

from archiveviewer import cli
from archiveviewer.formats.xep0227_file import read_export
from archiveviewer.ports.files import ExportChoice, ExportControl
from archiveviewer.services.connection import Connection
from archiveviewer.services.file_window import WindowFiles
from archiveviewer.services.passwords import PASSWORD_VARIABLE
from archiveviewer.services.replica_reader import ReplicaReader
from archiveviewer.services.worker import Worker
from archiveviewer.store import Replica
from tests.helpers import close_client, connect_client, login_args, send_raw
from tests.integration.prosody_export import migrate
from tests.integration.test_xep0227_prosody import NATIVE, PUBLISH, ROOM, roster_rows
from tests.integration.xmpp_helpers import connected, new_account
from tests.server.prosody import ProsodyServer

pytestmark = [pytest.mark.prosody]

ROSTER = "jabber:iq:roster"
PING = "<iq type='get'><ping xmlns='urn:xmpp:ping'/></iq>"
NOTES = "<query xmlns='urn:example:notes'><note>Buy poison</note></query>"
LEGACY = (
    "<storage xmlns='storage:bookmarks'><conference jid='capulets@conference.localhost' "
    "name='Capulets' autojoin='false'><nick>romeo</nick></conference></storage>"
)
OWNER = "http://jabber.org/protocol/pubsub#owner"


async def _presence(client: ClientXMPP, to: str, kind: str) -> None:
    client.send_presence(pto=to, ptype=kind)
    await send_raw(client, PING)  # handled in order: the presence went before the answer


async def _fill(server: ProsodyServer, romeo: tuple[str, str], juliet: tuple[str, str]) -> None:
    r = await connect_client(server, romeo[0] + "/orchard", romeo[1])
    j = await connect_client(server, juliet[0] + "/balcony", juliet[1])
    try:
        await send_raw(r, f"<iq type='set'><query xmlns='{ROSTER}'><item jid='{juliet[0]}' "
                       "name='Juliet'><group>Capulets</group></item></query></iq>")  # fmt: skip
        await _presence(r, juliet[0], "subscribe")
        await _presence(j, romeo[0], "subscribed")
        await _presence(j, romeo[0], "subscribe")
        await _presence(r, juliet[0], "subscribed")
        for data in (NOTES, LEGACY):
            await send_raw(r, f"<iq type='set'><query xmlns='jabber:iq:private'>{data}</query>"
                           "</iq>")  # fmt: skip
        await send_raw(r, PUBLISH)
        r.send_message(mto=juliet[0], mbody="Art thou not Romeo?", mtype="chat")
        await send_raw(r, PING)
        j.send_message(mto=romeo[0], mbody="Neither, fair saint.", mtype="chat")
        await send_raw(j, PING)
    finally:
        await close_client(r)
        await close_client(j)


async def _found(server: ProsodyServer, jid: str, password: str) -> dict[str, object]:
    client = await connect_client(server, jid + "/check", password)
    results: list[ET.Element] = []
    client.register_handler(Callback(
        "mam", MatchXPath("{jabber:client}message/{urn:xmpp:mam:2}result"),
        lambda message: results.append(message.xml),
    ))  # fmt: skip
    try:
        roster = await send_raw(client, f"<iq type='get'><query xmlns='{ROSTER}'/></iq>")
        notes = await send_raw(client, "<iq type='get'><query xmlns='jabber:iq:private'>"
                               "<query xmlns='urn:example:notes'/></query></iq>")  # fmt: skip
        legacy = await send_raw(client, "<iq type='get'><query xmlns='jabber:iq:private'>"
                                "<storage xmlns='storage:bookmarks'/></query></iq>")  # fmt: skip
        items = await send_raw(client, "<iq type='get'><pubsub xmlns='http://jabber.org/protocol/"
                               f"pubsub'><items node='{NATIVE}'/></pubsub></iq>")  # fmt: skip
        config = await send_raw(client, f"<iq type='get'><pubsub xmlns='{OWNER}'>"
                                f"<configure node='{NATIVE}'/></pubsub></iq>")  # fmt: skip
        await send_raw(client, "<iq type='set'><query xmlns='urn:xmpp:mam:2'/></iq>")
    finally:
        await close_client(client)
    access = [
        [v.text for v in f.findall("{jabber:x:data}value")]  # not the offered options
        for f in config.iter("{jabber:x:data}field")
        if f.get("var") == "pubsub#access_model"
    ]
    return {
        "roster": roster_rows(roster),
        "notes": [e.text for e in notes.iter("{urn:example:notes}note")],
        "legacy": sorted(c.get("jid") or "" for c in legacy.iter("{storage:bookmarks}conference")),
        "native": sorted(
            (i.get("id"), c.get("name"))
            for i in items.iter("{http://jabber.org/protocol/pubsub}item")
            for c in i.iter("{urn:xmpp:bookmarks:1}conference")
        ),
        "access": access,
        "archive": sorted(b.text or "" for r in results for b in r.iter("{jabber:client}body")),
    }


def _cli(server: ProsodyServer, command: str, jid: str, data: Path, *extra: str) -> int:
    return cli.main([command, *login_args(server, jid, data), *extra])


def test_a_live_accounts_export_is_imported_by_prosody_with_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = ProsodyServer(tmp_path / "first", extra_modules=("mam",))
    first.modules = tuple(m for m in first.modules if m != "archive")  # MAM only
    romeo, juliet = first.new_user("romeo"), first.new_user("juliet")
    folder = tmp_path / "export"
    folder.mkdir()
    with first:
        asyncio.run(_fill(first, romeo, juliet))
        monkeypatch.setenv(PASSWORD_VARIABLE, romeo[1])
        assert _cli(first, "sync", romeo[0], tmp_path / "data") == cli.EXIT_OK
        assert _cli(
            first, "export", romeo[0], tmp_path / "data", "--format", "xep0227",
            "--from-server", "--private", "urn:example:notes", str(folder / f"{romeo[0]}.xml"),
        ) == cli.EXIT_OK  # fmt: skip
        expected = asyncio.run(_found(first, *romeo))

    second = ProsodyServer(tmp_path / "second", extra_modules=("mam",))
    second.modules = tuple(m for m in second.modules if m != "archive")
    second.start()  # writes the config and the data folder
    second.stop()
    migrate(second, folder, to_xep0227=False)
    second.register(romeo[0].split("@")[0], "secret")  # a client's export has no credentials
    with second:
        found = asyncio.run(_found(second, romeo[0], "secret"))
    assert found == expected
    assert found == {
        "roster": [(juliet[0], "Juliet", "both", ["Capulets"])],
        "notes": ["Buy poison"],
        # Prosody keeps legacy and XEP-0402 bookmarks in step: each home holds both rooms.
        "legacy": ["capulets@conference.localhost", ROOM],
        "native": [("capulets@conference.localhost", "Capulets"), (ROOM, "Verona")],
        "access": [["whitelist"]],
        "archive": ["Art thou not Romeo?", "Neither, fair saint."],
    }


async def _export_from_window(server: ProsodyServer, jid: str, password: str, out: Path) -> None:
    settings = dataclasses.replace(new_account(server), jid=jid, password=password)
    worker = Worker()
    try:
        async with connected(settings) as session:
            connection = Connection()
            connection.network = session
            files = WindowFiles(worker, jid, connection=lambda: connection)
            with Replica(out.parent / "window.sqlite3") as replica:
                reader = ReplicaReader(replica)
                await files.export(reader, ExportChoice("xep0227", out), ExportControl())
                reader.close()
    finally:
        worker.shutdown()


def test_the_windows_export_while_connected_carries_what_the_server_holds(
    tmp_path: Path,
) -> None:
    server = ProsodyServer(tmp_path / "server", extra_modules=("mam",))
    server.modules = tuple(m for m in server.modules if m != "archive")
    romeo, juliet = server.new_user("romeo"), server.new_user("juliet")
    out = tmp_path / "romeo.xml"
    with server:
        asyncio.run(_fill(server, romeo, juliet))
        asyncio.run(_export_from_window(server, *romeo, out))
    (account,) = read_export(out)
    assert [(r.jid, r.name, r.subscription) for r in account.roster] == [
        (juliet[0], "Juliet", "both")
    ]
    assert any("capulets@conference.localhost" in text for text in account.private)
    nodes = {n.node: n for n in account.pep}
    assert ("pubsub#access_model", ("whitelist",)) in nodes[NATIVE].config
    assert {i.id for i in nodes[NATIVE].items} >= {ROOM}
