"""The bookmark editor (services) against real Prosodies: every home, divergence, conflicts.

Three servers: the session's (mod_private, mod_pep, mod_bookmarks: the homes
kept in step by the server), one without mod_bookmarks (three independent
homes, where divergence is made with raw stanzas) and one with private
storage only. What is asserted is what the user sees: the rows, their homes,
the phrases saying where homes disagree.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import pytest_asyncio

from archiveviewer.domain import BookmarkHome, Conference
from archiveviewer.ports.bookmarks import BookmarkView, EditConflict
from archiveviewer.protocol.bookmarks import InvalidBookmark
from archiveviewer.services.bookmarks import BookmarkCommands
from archiveviewer.services.connection import Connection
from tests.helpers import send_raw
from tests.integration.xmpp_helpers import connected, new_account
from tests.server.prosody import ProsodyServer

pytestmark = [pytest.mark.prosody, pytest.mark.asyncio]

N, P, V = BookmarkHome.NATIVE, BookmarkHome.PEP, BookmarkHome.PRIVATE
ROOM = "council@muc.example.org"
EXTENSION = "<state xmlns='urn:example:other-client'>pinned</state>"


def server_with(tmp: Path, *, drop: tuple[str, ...]) -> Iterator[ProsodyServer]:
    server = ProsodyServer(tmp)
    server.modules = tuple(m for m in server.modules if m not in drop)
    with server:
        yield server


@pytest.fixture(scope="module")
def independent(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProsodyServer]:
    """PEP and private storage, without mod_bookmarks: nobody keeps the homes in step."""
    yield from server_with(tmp_path_factory.mktemp("independent"), drop=("bookmarks",))


@pytest.fixture(scope="module")
def private_only(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProsodyServer]:
    yield from server_with(tmp_path_factory.mktemp("private"), drop=("bookmarks", "pep"))


class Editor:
    """One resource of an account: its session and its bookmark editor."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.bookmarks = BookmarkCommands(connection)

    async def raw(self, xml: str) -> None:
        assert self.connection.network is not None
        answer = await send_raw(self.connection.network.client, xml)
        assert answer.get("type") == "result", answer


@pytest_asyncio.fixture
async def editors() -> AsyncIterator:
    """Open editors on a server: ``await open(server)`` for a new account, or the same one."""
    stack: list = []
    accounts: dict[int, object] = {}

    async def open_editor(server: ProsodyServer, resource: str = "one") -> Editor:
        settings = accounts.setdefault(id(server), new_account(server))
        from dataclasses import replace

        manager = connected(replace(settings, jid=f"{settings.jid}/{resource}"))
        session = await manager.__aenter__()
        stack.append(manager)
        connection = Connection()
        connection.network = session
        return Editor(connection)

    yield open_editor
    for manager in reversed(stack):
        await manager.__aexit__(None, None, None)


def native_item(jid: str, nick: str, extra: str = "") -> str:
    return f"""<iq type='set'><pubsub xmlns='http://jabber.org/protocol/pubsub'>
      <publish node='urn:xmpp:bookmarks:1'><item id='{jid}'>
        <conference xmlns='urn:xmpp:bookmarks:1' name='Council' autojoin='true'>
          <nick>{nick}</nick>{f"<extensions>{extra}</extensions>" if extra else ""}
        </conference></item></publish>
      <publish-options><x xmlns='jabber:x:data' type='submit'>
        <field var='FORM_TYPE' type='hidden'>
          <value>http://jabber.org/protocol/pubsub#publish-options</value></field>
        <field var='pubsub#persist_items'><value>true</value></field>
        <field var='pubsub#access_model'><value>whitelist</value></field>
        <field var='pubsub#max_items'><value>max</value></field>
        <field var='pubsub#send_last_published_item'><value>never</value></field>
      </x></publish-options></pubsub></iq>"""


def legacy_storage(jid: str, nick: str) -> str:
    return (
        f"<storage xmlns='storage:bookmarks'><conference jid='{jid}' name='Council' "
        f"autojoin='true'><nick>{nick}</nick></conference></storage>"
    )


def pep_item(jid: str, nick: str) -> str:
    return f"""<iq type='set'><pubsub xmlns='http://jabber.org/protocol/pubsub'>
      <publish node='storage:bookmarks'><item id='current'>{legacy_storage(jid, nick)}</item>
      </publish>
      <publish-options><x xmlns='jabber:x:data' type='submit'>
        <field var='FORM_TYPE' type='hidden'>
          <value>http://jabber.org/protocol/pubsub#publish-options</value></field>
        <field var='pubsub#persist_items'><value>true</value></field>
        <field var='pubsub#access_model'><value>whitelist</value></field>
      </x></publish-options></pubsub></iq>"""


def private_set(jid: str, nick: str) -> str:
    return (
        f"<iq type='set'><query xmlns='jabber:iq:private'>{legacy_storage(jid, nick)}</query></iq>"
    )


RAW = {N: native_item, P: pep_item, V: private_set}


def row(view: BookmarkView, key: str = ROOM):
    return next((r for r in view.rows if r.key == key), None)


# --- each home alone, and all three --------------------------------------------------------


@pytest.mark.parametrize("home", [N, P, V], ids=lambda h: h.value)
async def test_a_bookmark_in_one_home_alone_is_listed_with_that_home(
    editors, independent, home
) -> None:
    editor = await editors(independent)
    await editor.raw(RAW[home](ROOM, "hamlet"))
    view = await editor.bookmarks.load()
    assert view.offered == frozenset(BookmarkHome)
    found = row(view)
    assert found is not None
    assert found.entry.homes == {home}
    assert found.bookmark.nick == "hamlet"
    assert found.differences[0].startswith("in ")
    assert "but not in" in found.differences[0]


async def test_the_same_bookmark_in_all_three_homes_is_one_row_in_step(
    editors, independent
) -> None:
    editor = await editors(independent)
    for home in (N, P, V):
        await editor.raw(RAW[home](ROOM, "hamlet"))
    view = await editor.bookmarks.load()
    assert [r.key for r in view.rows] == [ROOM]
    assert view.rows[0].entry.homes == frozenset(BookmarkHome)
    assert view.rows[0].differences == ()


async def test_a_server_with_private_storage_only_offers_that_home(editors, private_only) -> None:
    editor = await editors(private_only)
    view = await editor.bookmarks.load()
    assert view.offered == {V}
    view = await editor.bookmarks.save(Conference(jid=ROOM, name="Council"), None)
    assert row(view).entry.homes == {V}


async def test_a_new_room_goes_to_xep0402_and_private_storage_by_default(
    editors, independent
) -> None:
    editor = await editors(independent)
    view = await editor.bookmarks.load()
    assert view.new_homes == {N, V}
    view = await editor.bookmarks.save(Conference(jid=ROOM, name="Council"), None)
    assert row(view).entry.homes == {N, V}
    assert row(view).differences == (
        "in PEP (XEP-0402), private storage but not in PEP (XEP-0048)",
    )


async def test_the_setting_for_new_bookmarks_is_followed(editors, independent) -> None:
    editor = await editors(independent)
    editor.bookmarks.set_new_homes(frozenset({P}))
    await editor.bookmarks.load()
    view = await editor.bookmarks.save(Conference(jid=ROOM, name="Council"), None)
    assert row(view).entry.homes == {P}


async def test_with_mod_bookmarks_a_new_room_is_in_every_home_in_step(editors, prosody) -> None:
    editor = await editors(prosody)
    view = await editor.bookmarks.load()
    assert view.server_keeps_in_step
    view = await editor.bookmarks.save(Conference(jid=ROOM, name="Council", nick="h"), None)
    assert row(view).entry.homes == frozenset(BookmarkHome)
    assert row(view).differences == ()


# --- divergence made by raw stanzas, and repaired ---------------------------------------------


async def test_a_different_nick_is_shown_and_repaired_from_xep0402(editors, independent) -> None:
    editor = await editors(independent)
    await editor.raw(native_item(ROOM, "hamlet", EXTENSION))
    await editor.raw(pep_item(ROOM, "ophelia"))
    await editor.raw(private_set(ROOM, "ophelia"))
    view = await editor.bookmarks.load()
    assert row(view).differences == ("different nick",)
    view = await editor.bookmarks.align(ROOM, N)
    repaired = row(view)
    assert repaired.differences == ()
    assert {copy.nick for _, copy in repaired.entry.copies} == {"hamlet"}
    assert repaired.extensions  # the other client's element is still there


async def test_homes_are_brought_in_step_the_other_way_too(editors, independent) -> None:
    editor = await editors(independent)
    await editor.raw(native_item(ROOM, "hamlet", EXTENSION))
    await editor.raw(private_set(ROOM, "ophelia"))
    view = await editor.bookmarks.align(ROOM, V)
    repaired = row(view)
    assert repaired.entry.homes == frozenset(BookmarkHome)
    assert {copy.nick for _, copy in repaired.entry.copies} == {"ophelia"}
    assert repaired.extensions, "the XEP-0402 copy's extensions survive a repair from private"


async def test_aligning_from_a_home_without_the_bookmark_removes_it(editors, independent) -> None:
    editor = await editors(independent)
    await editor.raw(native_item(ROOM, "hamlet"))
    view = await editor.bookmarks.align(ROOM, V)
    assert row(view) is None


# --- edits: checks, extensions, a second resource --------------------------------------------


async def test_an_edit_keeps_the_extensions_of_another_client(editors, independent) -> None:
    editor = await editors(independent)
    await editor.raw(native_item(ROOM, "hamlet", EXTENSION))
    view = await editor.bookmarks.load()
    opened = row(view)
    from dataclasses import replace

    view = await editor.bookmarks.save(replace(opened.bookmark, nick="horatio"), opened.entry)
    saved = row(view)
    assert saved.bookmark.nick == "horatio"
    assert any("other-client" in e and "pinned" in e for e in saved.bookmark.extra)


async def test_bad_input_is_refused_before_sending(editors, independent) -> None:
    editor = await editors(independent)
    await editor.bookmarks.load()
    with pytest.raises(InvalidBookmark) as refused:
        await editor.bookmarks.save(Conference(jid="no room", password="s3cret-word"), None)
    assert "s3cret-word" not in refused.value.user_message
    assert (await editor.bookmarks.load()).rows == ()


async def test_a_concurrent_edit_by_another_resource_is_detected(editors, independent) -> None:
    mine = await editors(independent, "mine")
    theirs = await editors(independent, "theirs")
    await mine.bookmarks.save(Conference(jid=ROOM, name="Council", nick="hamlet"), None)
    opened = row(await mine.bookmarks.load())
    await theirs.bookmarks.load()
    changed = asyncio.Event()
    mine.bookmarks.listen(lambda view: changed.set())
    other = row(await theirs.bookmarks.load())
    from dataclasses import replace

    await theirs.bookmarks.save(replace(other.bookmark, nick="ophelia"), other.entry)
    await asyncio.wait_for(changed.wait(), 10)  # the notification reached the first resource
    with pytest.raises(EditConflict) as conflict:
        await mine.bookmarks.save(replace(opened.bookmark, nick="horatio"), opened.entry)
    assert conflict.value.theirs is not None
    assert conflict.value.theirs.bookmark.nick == "ophelia"
    view = await mine.bookmarks.overwrite(replace(opened.bookmark, nick="horatio"))
    assert row(view).bookmark.nick == "horatio"


async def test_export_then_import_into_another_account_merges_by_room_jid(
    editors, independent, prosody
) -> None:
    source = await editors(independent)
    await source.raw(native_item(ROOM, "hamlet", EXTENSION))
    await source.bookmarks.align(ROOM, N)
    exported = await source.bookmarks.export_xml()
    target = await editors(prosody)
    await target.bookmarks.save(Conference(jid=ROOM, name="Old", nick="yorick"), None)
    outcome = await target.bookmarks.import_xml(exported)
    assert (outcome.added, outcome.updated) == (0, 1)
    imported = row(await target.bookmarks.load())
    assert imported.bookmark.nick == "hamlet"
    assert imported.extensions
    again = await target.bookmarks.import_xml(exported)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 1)


async def test_a_nameless_room_of_another_client_can_be_edited_where_homes_are_kept_in_step(
    editors, prosody
) -> None:
    """XEP-0402 needs no name; the server (not we) writes the XEP-0048 copies that want one."""
    editor = await editors(prosody)
    await editor.raw(native_item(ROOM, "hamlet").replace(" name='Council'", ""))
    opened = row(await editor.bookmarks.load())
    assert opened.bookmark.name is None
    from dataclasses import replace

    view = await editor.bookmarks.save(replace(opened.bookmark, nick="horatio"), opened.entry)
    assert row(view).bookmark.nick == "horatio"
