"""``restore``: bookmarks and private XML from a XEP-0227 export, merged into the live account.

Against the real Prosody: the server holds a bookmark, a private namespace
the file also has (with other content) and one the file does not have. The
dry run lists what would change and sends nothing; the restore adds the
file's bookmarks, merges the one both hold, stores the namespace the server
lacked and keeps the two others; ``--replace-private`` then replaces the
namespace that differs, and still leaves the other alone.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from archiveviewer import cli
from archiveviewer.formats.xep0227 import PepItem, PepNode, PortableAccount, write_account
from archiveviewer.services.bookmarks import BookmarkCommands
from archiveviewer.services.connection import Connection
from archiveviewer.services.passwords import PASSWORD_VARIABLE
from archiveviewer.xmpp.private_xml import PrivateXmlStore
from tests.helpers import close_client, connect_client, login_args, send_raw
from tests.integration.test_sync import session_of
from tests.server.prosody import ProsodyServer

pytestmark = [pytest.mark.prosody]

ROOM_A, ROOM_B, ROOM_C = (f"{r}@conference.localhost" for r in ("verona", "mantua", "friary"))
NOTES = "<query xmlns='urn:example:notes'><note>{}</note></query>"
OTHER = "<query xmlns='urn:example:other'><kept/></query>"
NEW = "<query xmlns='urn:example:new'><fresh/></query>"


def _legacy(*rooms: tuple[str, str]) -> str:
    inner = "".join(f"<conference jid='{jid}' name='{name}'/>" for jid, name in rooms)
    return f"<storage xmlns='storage:bookmarks'>{inner}</storage>"


async def _prepare(server: ProsodyServer, jid: str, password: str) -> None:
    client = await connect_client(server, jid + "/old", password)
    try:
        for data in (_legacy((ROOM_A, "Verona (old)")), NOTES.format("server copy"), OTHER):
            await send_raw(client, f"<iq type='set'><query xmlns='jabber:iq:private'>{data}"
                           "</query></iq>")  # fmt: skip
    finally:
        await close_client(client)


async def _state(server: ProsodyServer, jid: str, password: str) -> dict[str, object]:
    async with session_of(server, jid, password) as session:
        connection = Connection()
        connection.network = session
        view = await BookmarkCommands(connection).load()
        store = PrivateXmlStore(session.client)
        texts = {ns: await store.show("query", ns) for ns in
                 ("urn:example:notes", "urn:example:other", "urn:example:new")}  # fmt: skip
    return {
        "bookmarks": sorted((r.entry.key, r.entry.bookmark.name) for r in view.rows),
        "notes": texts["urn:example:notes"],
        "other": bool(texts["urn:example:other"]),
        "new": bool(texts["urn:example:new"]),
    }


def _restore(server: ProsodyServer, jid: str, path: Path, *extra: str) -> int:
    return cli.main(["restore", *login_args(server, jid), *extra, str(path)])


def test_restore_previews_then_merges_without_losing_the_servers_data(
    prosody: ProsodyServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    jid, password = prosody.new_user("restore")
    monkeypatch.setenv(PASSWORD_VARIABLE, password)
    asyncio.run(_prepare(prosody, jid, password))
    path = tmp_path / "export.xml"
    native = (
        "<conference xmlns='urn:xmpp:bookmarks:1' name='Friary'><nick>romeo</nick></conference>"
    )
    write_account(PortableAccount(
        jid,
        private=(_legacy((ROOM_A, "Verona"), (ROOM_B, "Mantua")), NOTES.format("file copy"), NEW),
        pep=(PepNode("urn:xmpp:bookmarks:1", (), (PepItem(ROOM_C, native),)),),
    ), path)  # fmt: skip
    before = asyncio.run(_state(prosody, jid, password))

    assert _restore(prosody, jid, path, "--dry-run") == cli.EXIT_OK
    listing = capsys.readouterr().out
    assert f"bookmark  {ROOM_A}  would be merged with the server's" in listing
    assert f"bookmark  {ROOM_B}  would be added" in listing
    assert f"bookmark  {ROOM_C}  would be added" in listing
    assert "private   urn:example:notes  differs on the server: kept" in listing
    assert "private   urn:example:new  would be added" in listing
    assert "urn:example:other" not in listing
    assert asyncio.run(_state(prosody, jid, password)) == before  # nothing was sent

    assert _restore(prosody, jid, path) == cli.EXIT_OK
    assert "2 bookmarks added, 1 merged, 1 private XML namespaces stored" in capsys.readouterr().out
    after = asyncio.run(_state(prosody, jid, password))
    assert after["bookmarks"] == sorted(
        [(ROOM_A, "Verona"), (ROOM_B, "Mantua"), (ROOM_C, "Friary")]
    )
    assert "server copy" in str(after["notes"])
    assert after["other"]
    assert after["new"]

    assert _restore(prosody, jid, path, "--replace-private") == cli.EXIT_OK
    assert "0 bookmarks added, 0 merged, 1 private XML namespaces stored" in capsys.readouterr().out
    replaced = asyncio.run(_state(prosody, jid, password))
    assert "file copy" in str(replaced["notes"])
    assert replaced["other"]
    assert replaced["bookmarks"] == after["bookmarks"]
