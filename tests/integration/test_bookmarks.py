"""Bookmarks and private XML against the real Prosody (mod_private, mod_pep, mod_bookmarks).

Prosody's mod_bookmarks keeps XEP-0048 private storage, the XEP-0048 PEP node
and XEP-0402 in step by itself, so whatever home is written, the user sees
the bookmark in all three; these tests assert what the user sees. Each test
uses a fresh account on the session's server; every client connects with
TLS verification on, trusting only the fixture's certificate.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

import pytest
import pytest_asyncio
from slixmpp import ClientXMPP
from slixmpp.xmlstream import StanzaBase

from archiveviewer.domain import BookmarkEntry, BookmarkHome, Conference, UrlBookmark
from archiveviewer.errors import KnownError, MalformedInput, NotConnected, ServerError
from archiveviewer.protocol import bookmarks as codec
from archiveviewer.protocol import pep, private_xml
from archiveviewer.protocol.bookmarks import InvalidBookmark
from archiveviewer.protocol.private_xml import InvalidPrivateXml
from archiveviewer.protocol.untrusted_xml import parse_untrusted
from archiveviewer.xmpp import iq
from archiveviewer.xmpp.bookmarks import BookmarkService
from archiveviewer.xmpp.private_xml import PrivateXmlStore
from tests.helpers import close_client, connect_client
from tests.server.prosody import ProsodyServer

pytestmark = [pytest.mark.prosody, pytest.mark.asyncio]

ALL_HOMES = frozenset(BookmarkHome)
WAIT = 10.0


@dataclass(frozen=True)
class Account:
    """A fresh account on the session's Prosody."""

    server: ProsodyServer
    jid: str
    password: str


@pytest.fixture
def account(prosody: ProsodyServer) -> Account:
    jid, password = prosody.new_user("bookmarks")
    return Account(prosody, jid, password)


class Session:
    """A connected client, its outgoing stanzas counted, and its bookmark services."""

    def __init__(self, client: ClientXMPP) -> None:
        self.client = client
        self.sent: list[StanzaBase] = []
        client.add_filter("out", self._count)
        self.bookmarks = BookmarkService(client, timeout=WAIT)
        self.private = PrivateXmlStore(client, timeout=WAIT)

    def _count(self, stanza: StanzaBase) -> StanzaBase:
        self.sent.append(stanza)
        return stanza

    async def sent_count(self) -> int:
        """How many stanzas went out, once slixmpp's send queue is empty."""
        await asyncio.wait_for(self.client.waiting_queue.join(), WAIT)
        return len(self.sent)


async def connect(account: Account, resource: str) -> Session:
    """A session of ``account`` with TLS verified, presence sent and bookmarks started."""
    client = await connect_client(account.server, f"{account.jid}/{resource}", account.password)
    client.send_presence()
    session = Session(client)
    await session.bookmarks.start()
    return session


async def disconnect(session: Session) -> None:
    session.bookmarks.close()
    await close_client(session.client)


@pytest_asyncio.fixture
async def sessions(account: Account) -> AsyncIterator[Callable[[str], Awaitable[Session]]]:
    opened: list[Session] = []

    async def open_session(resource: str) -> Session:
        session = await connect(account, resource)
        opened.append(session)
        return session

    yield open_session
    for session in opened:
        await disconnect(session)


def entry(entries: tuple[BookmarkEntry, ...], key: str) -> BookmarkEntry | None:
    return next((e for e in entries if e.key == key), None)


async def until(condition: Callable[[], bool], service: BookmarkService) -> None:
    """Wait (bounded) until ``condition`` holds after a change reaches ``service``."""
    changed = asyncio.Event()
    remove = service.add_listener(lambda _: changed.set())
    try:
        async with asyncio.timeout(WAIT):
            while not condition():
                changed.clear()
                await changed.wait()
    finally:
        remove()


async def raw_native_item(session: Session, item_id: str) -> ET.Element | None:
    reply = await iq.send(
        session.client,
        "get",
        pep.build_items_request(codec.NATIVE_NODE),
        timeout=WAIT,
        sentence=lambda r: r.condition,
    )
    items = dict(pep.parse_items(reply.find("{" + pep.NS_PUBSUB + "}pubsub")))
    return items.get(item_id)


ROOM = Conference(
    jid="council@muc.example.org",
    name="Council",
    autojoin=True,
    nick="hamlet",
    password="rosemary-for-remembrance",
)


# --- discovery and the three homes ----------------------------------------------------


async def test_discovery_shows_private_pep_and_xep0402_compat(sessions) -> None:
    alice = await sessions("desk")
    support = alice.bookmarks.support
    assert support is not None
    assert support.pep
    assert support.publish_options
    assert support.native_compat
    assert support.homes == ALL_HOMES


async def test_a_new_account_has_no_bookmarks(sessions) -> None:
    alice = await sessions("desk")
    assert await alice.bookmarks.load() == ()


@pytest.mark.parametrize("home", list(BookmarkHome))
async def test_each_home_written_is_read_back_by_another_session(sessions, home) -> None:
    alice = await sessions("desk")
    await alice.bookmarks.save(ROOM, homes={home})
    later = await sessions("laptop")
    seen = entry(await later.bookmarks.load(), ROOM.jid)
    assert seen is not None
    assert home in seen.homes
    assert seen.homes == ALL_HOMES  # Prosody copies it to the other homes by itself
    for _, copy in seen.copies:
        assert (copy.name, copy.autojoin, copy.nick, copy.password) == (
            "Council",
            True,
            "hamlet",
            "rosemary-for-remembrance",
        )


async def test_merged_view_lists_each_bookmark_once_with_its_homes(sessions) -> None:
    alice = await sessions("desk")
    await alice.bookmarks.save(ROOM)
    entries = await alice.bookmarks.save(Conference(jid="Orchard@MUC.example.org", name="Orchard"))
    assert sorted(e.key for e in entries) == ["council@muc.example.org", "orchard@muc.example.org"]
    for item in entries:
        assert item.homes == ALL_HOMES
        assert item.agrees


async def test_removing_takes_the_bookmark_out_of_every_home(sessions) -> None:
    alice = await sessions("desk")
    await alice.bookmarks.save(ROOM)
    await alice.bookmarks.save(Conference(jid="orchard@muc.example.org"))
    entries = await alice.bookmarks.remove("Council@muc.example.org")
    assert [e.key for e in entries] == ["orchard@muc.example.org"]
    later = await sessions("laptop")
    assert [e.key for e in await later.bookmarks.load()] == ["orchard@muc.example.org"]
    legacy = await later.private.show("storage", "storage:bookmarks")
    assert "orchard@muc.example.org" in legacy
    assert "council" not in legacy


async def test_editing_keeps_another_clients_extensions(sessions) -> None:
    other = await sessions("other-client")
    theirs = parse_untrusted(
        "<conference xmlns='urn:xmpp:bookmarks:1' name='Old name' autojoin='true' colour='teal'>"
        "<nick>ophelia</nick>"
        "<extensions><pinned xmlns='urn:xmpp:bookmarks-pinning:0'/>"
        "<state xmlns='http://client.example/state' minimized='true'>x</state></extensions>"
        "</conference>"
    )
    await iq.send(
        other.client,
        "set",
        pep.build_publish(
            codec.NATIVE_NODE, "garden@muc.example.org", theirs, codec.NATIVE_PUBLISH_OPTIONS
        ),
        timeout=WAIT,
        sentence=lambda r: r.condition,
    )
    alice = await sessions("desk")
    loaded = entry(await alice.bookmarks.load(), "garden@muc.example.org")
    assert loaded is not None
    await alice.bookmarks.save(dataclasses.replace(loaded.bookmark, name="New name"))

    stored = await raw_native_item(other, "garden@muc.example.org")
    assert stored is not None
    assert stored.get("name") == "New name"
    assert stored.get("colour") == "teal"
    extensions = stored.find("{urn:xmpp:bookmarks:1}extensions")
    assert extensions is not None
    assert extensions.find("{urn:xmpp:bookmarks-pinning:0}pinned") is not None
    state = extensions.find("{http://client.example/state}state")
    assert state is not None
    assert (state.get("minimized"), state.text) == ("true", "x")


async def test_editing_keeps_another_clients_namespaced_attribute(sessions) -> None:
    """An attribute in a namespace of its own (``c:seen='…'``) is kept through our edit."""
    other = await sessions("other-client")
    theirs = parse_untrusted(
        "<conference xmlns='urn:xmpp:bookmarks:1' xmlns:c='http://client.example/attrs'"
        " name='Old name' c:seen='2024-05-01'><nick>ophelia</nick></conference>"
    )
    await iq.send(
        other.client,
        "set",
        pep.build_publish(
            codec.NATIVE_NODE, "yard@muc.example.org", theirs, codec.NATIVE_PUBLISH_OPTIONS
        ),
        timeout=WAIT,
        sentence=lambda r: r.condition,
    )
    stored = await raw_native_item(other, "yard@muc.example.org")
    assert stored is not None
    assert stored.get("{http://client.example/attrs}seen") == "2024-05-01"

    alice = await sessions("desk")
    loaded = entry(await alice.bookmarks.load(), "yard@muc.example.org")
    assert loaded is not None
    await alice.bookmarks.save(dataclasses.replace(loaded.bookmark, name="New name"))

    stored = await raw_native_item(other, "yard@muc.example.org")
    assert stored is not None
    assert stored.get("name") == "New name"
    assert stored.get("{http://client.example/attrs}seen") == "2024-05-01"


async def test_a_change_by_another_resource_arrives_by_notification(sessions) -> None:
    alice = await sessions("desk")
    await alice.bookmarks.load()
    phone = await sessions("phone")
    await phone.bookmarks.load()

    await phone.bookmarks.save(ROOM)
    await until(
        lambda: (
            (e := entry(alice.bookmarks.entries, ROOM.jid)) is not None
            and BookmarkHome.NATIVE in e.homes
        ),
        alice.bookmarks,
    )
    seen = entry(alice.bookmarks.entries, ROOM.jid)
    assert seen is not None
    assert seen.bookmark == ROOM

    await phone.bookmarks.save(dataclasses.replace(ROOM, name="Renamed on the phone"))
    await until(
        lambda: (
            (e := entry(alice.bookmarks.entries, ROOM.jid)) is not None
            and e.bookmark.name == "Renamed on the phone"
        ),
        alice.bookmarks,
    )

    await phone.bookmarks.remove(ROOM.jid)
    await until(
        lambda: (
            (e := entry(alice.bookmarks.entries, ROOM.jid)) is None
            or BookmarkHome.NATIVE not in e.homes
        ),
        alice.bookmarks,
    )


async def test_both_sessions_editing_at_once_keep_both_bookmarks(sessions) -> None:
    alice = await sessions("desk")
    phone = await sessions("phone")
    await asyncio.gather(alice.bookmarks.load(), phone.bookmarks.load())
    await asyncio.gather(
        alice.bookmarks.save(ROOM),
        phone.bookmarks.save(Conference(jid="orchard@muc.example.org", name="Orchard")),
    )
    keys = sorted(e.key for e in await alice.bookmarks.load())
    assert keys == ["council@muc.example.org", "orchard@muc.example.org"]


# --- refusals -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "bookmark",
    [
        Conference(jid="council@muc.example.org/hamlet"),
        UrlBookmark(url="ftp://files.example.org/"),
    ],
)
async def test_invalid_bookmark_is_refused_before_anything_is_sent(sessions, bookmark) -> None:
    alice = await sessions("desk")
    await alice.bookmarks.load()
    before = await alice.sent_count()
    with pytest.raises(InvalidBookmark):
        await alice.bookmarks.save(bookmark)
    assert await alice.sent_count() == before


async def test_conflicting_node_settings_give_a_clear_message(sessions) -> None:
    other = await sessions("other-client")
    await iq.send(
        other.client,
        "set",
        pep.build_publish(
            codec.NATIVE_NODE,
            "public@muc.example.org",
            parse_untrusted("<conference xmlns='urn:xmpp:bookmarks:1'/>"),
            [("pubsub#access_model", "open")],
        ),
        timeout=WAIT,
        sentence=lambda r: r.condition,
    )
    alice = await sessions("desk")
    with pytest.raises(ServerError) as caught:
        await alice.bookmarks.save(ROOM)
    assert caught.value.condition == "conflict"
    assert "settings other than private, persistent storage" in caught.value.user_message


async def test_a_web_address_prosody_does_not_keep_is_reported(sessions) -> None:
    """Prosody's mod_bookmarks keeps rooms only: the user is told, not shown a false success."""
    alice = await sessions("desk")
    with pytest.raises(KnownError) as caught:
        await alice.bookmarks.save(UrlBookmark(url="https://xmpp.org/", name="XSF"))
    assert "did not keep it" in caught.value.user_message


async def test_password_never_reaches_the_log(sessions, caplog) -> None:
    alice = await sessions("desk")
    phone = await sessions("phone")
    with caplog.at_level(logging.DEBUG):
        await alice.bookmarks.save(ROOM)
        await until(lambda: entry(phone.bookmarks.entries, ROOM.jid) is not None, phone.bookmarks)
        await phone.bookmarks.load()
        await alice.private.show("storage", "storage:bookmarks")
    # slixmpp did log the stanzas, the password element included
    assert "SEND:" in caplog.text
    assert "RECV:" in caplog.text
    assert "<password>" in caplog.text
    assert ROOM.password is not None
    assert ROOM.password not in caplog.text


# --- generic private XML (XEP-0049) ---------------------------------------------------

PREFS = "<prefs xmlns='urn:example:prefs' theme='dark'><font size='12'>Sans</font></prefs>"


def canonical(text: str) -> str:
    return ET.canonicalize(xml_data=text, strip_text=True, rewrite_prefixes=True)


async def test_private_xml_is_replaced_and_shown(sessions) -> None:
    alice = await sessions("desk")
    assert await alice.private.show("prefs", "urn:example:prefs") == ""
    await alice.private.replace(PREFS)
    later = await sessions("laptop")
    assert canonical(await later.private.show("prefs", "urn:example:prefs")) == canonical(PREFS)
    await later.private.clear("prefs", "urn:example:prefs")
    assert await alice.private.read("prefs", "urn:example:prefs") is None


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("<vCard xmlns='vcard-temp'><FN>Hamlet</FN></vCard>", InvalidPrivateXml),
        ("<prefs theme='dark'/>", InvalidPrivateXml),
        ("<!DOCTYPE p [<!ENTITY x 'y'>]><p xmlns='urn:p'>&x;</p>", MalformedInput),
        (
            "<storage xmlns='storage:bookmarks'><conference jid='nobody'/></storage>",
            InvalidBookmark,
        ),
    ],
)
async def test_unacceptable_private_xml_is_refused_before_sending(sessions, text, error) -> None:
    alice = await sessions("desk")
    before = await alice.sent_count()
    with pytest.raises(error):
        await alice.private.replace(text)
    assert await alice.sent_count() == before


async def test_reading_a_reserved_namespace_is_refused_before_sending(sessions) -> None:
    alice = await sessions("desk")
    before = await alice.sent_count()
    with pytest.raises(InvalidPrivateXml):
        await alice.private.read("vCard", "vcard-temp")
    assert await alice.sent_count() == before


def private_sentence(refusal: iq.Refusal) -> str:
    return private_xml.error_sentence(refusal.condition, "urn:example:prefs", refusal.text)


async def test_a_query_without_a_namespace_child_is_a_server_error_not_a_timeout(sessions) -> None:
    alice = await sessions("desk")
    with pytest.raises(ServerError) as caught:
        await iq.send(
            alice.client,
            "get",
            ET.Element("{jabber:iq:private}query"),
            timeout=WAIT,
            sentence=private_sentence,
        )
    assert caught.value.condition == "bad-format"
    assert "badly formed" in caught.value.user_message


async def test_another_accounts_private_xml_is_refused(sessions, account) -> None:
    alice = await sessions("desk")
    other, _ = account.server.new_user("someone-else")
    with pytest.raises(ServerError) as caught:
        await iq.send(
            alice.client,
            "get",
            private_xml.build_get("prefs", "urn:example:prefs"),
            timeout=WAIT,
            sentence=private_sentence,
            to=other,
        )
    assert caught.value.condition in ("forbidden", "service-unavailable")
    assert "urn:example:prefs" in caught.value.user_message


async def test_without_a_connection_nothing_waits(sessions) -> None:
    alice = await sessions("desk")
    await disconnect(alice)
    with pytest.raises(NotConnected):
        await alice.bookmarks.load()
    with pytest.raises(NotConnected):
        await alice.private.show("prefs", "urn:example:prefs")
