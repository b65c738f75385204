"""Hostile data on the real network path: a scripted server on loopback, a real session.

Each case is something a broken or malicious server can send. The session
must close the connection and say what happened in one sentence ("the
server sent data that is not valid XML", "the certificate … has expired"),
never report it as "no connection", and never send the password unless
TLS was verified.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from archiveviewer.domain import CollectionId
from archiveviewer.errors import InsecureConnection, MalformedInput, UntrustedCertificate
from archiveviewer.protocol.streamguard import StreamRefused
from archiveviewer.protocol.xep0082 import format_datetime
from archiveviewer.xmpp.session import AccountSession
from tests.integration.hostile_archive import (
    FEATURES,
    PASSWORD,
    STARTS,
    HostileArchive,
    settings,
    sync_once,
    trusted_certificates,
)
from tests.server.certs import make_authority, make_leaf
from tests.server.fake_xmpp import DOMAIN, JID, FakeServer, Script, result

pytestmark = pytest.mark.asyncio

HEADER = (
    "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
    "xmlns:stream='http://etherx.jabber.org/streams' id='h' "
    f"from='{DOMAIN}' version='1.0'>"
)
LAUGHS = (
    "<?xml version='1.0'?><!DOCTYPE stream:stream [<!ENTITY lol 'lol'>"
    "<!ENTITY lol2 '&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'>"
    "<!ENTITY lol3 '&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;'>]>"
    + HEADER.removeprefix("<?xml version='1.0'?>")
    + "<stream:features>&lol3;</stream:features>"
)
START = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
COLLECTION = CollectionId(start=START, with_jid="juliet@capulet.test")


@pytest.fixture
def trusted(tmp_path: Path) -> tuple[Path, tuple[Path, Path]]:
    """A trusted authority's certificate file and a leaf it signed for the domain."""
    return trusted_certificates(tmp_path)


@pytest.mark.parametrize(
    ("greeting", "words"),
    [
        (LAUGHS.encode(), "document type declaration"),
        ((HEADER + "<stream:features>&xxe;</stream:features>").encode(), "undefined entity"),
        (HEADER.encode() + b"<stream:features>\xff\xfe\xfd</stream:features>", "not well-formed"),
        (b"HTTP/1.1 400 Bad Request\r\n\r\n<html>", "not well-formed"),
        ((HEADER + "<a>" * 10_000).encode(), "nested more than 128 levels"),
        ((HEADER + "<stream:features a='" + "x" * 3_000_000 + "'/>").encode(), "one tag is longer"),
        (
            (HEADER + "<message><body>" + "y" * (17 * 1024 * 1024)).encode(),
            "a text is longer",
        ),
        (
            (HEADER + "<message>" + ("<x>" + "y" * 1000 + "</x>") * 17_000 + "</message>").encode(),
            "one element is larger",
        ),
    ],
    ids=["billion-laughs", "entity", "utf8", "garbage", "deep", "attribute", "text", "stanza"],
)
async def test_a_hostile_stream_is_closed_and_named_at_login(greeting: bytes, words: str) -> None:
    async with FakeServer(Script(greeting=greeting)) as server:
        session = AccountSession(settings(server))
        with pytest.raises(StreamRefused) as caught:
            await session.connect()
    sentence = caught.value.user_message
    assert sentence.startswith("The server sent data that is not valid XML")
    assert words in sentence
    assert "no connection" not in sentence
    assert PASSWORD.encode() not in server.received


async def test_no_encryption_offered_is_named_and_the_password_is_not_sent() -> None:
    async with FakeServer(Script(tls=None)) as server:
        session = AccountSession(settings(server))
        with pytest.raises(InsecureConnection, match="does not offer an encrypted connection"):
            await session.connect()
    assert b"<auth" not in server.received


@pytest.mark.parametrize(
    ("case", "words"),
    [
        ("mismatch", f"issued for another name, not for {DOMAIN}"),
        ("expired", "it has expired"),
        ("unknown-issuer", "not issued by an authority this computer trusts"),
    ],
)
async def test_a_refused_certificate_says_why_and_that_the_password_was_not_sent(
    tmp_path: Path, case: str, words: str
) -> None:
    authority = make_authority()
    ca = authority.write(tmp_path / "ca.pem")
    if case == "mismatch":
        leaf = make_leaf(authority, tmp_path, "other.test")
    elif case == "expired":
        leaf = make_leaf(authority, tmp_path, DOMAIN, expired=True)
    else:
        leaf = make_leaf(make_authority("Someone else"), tmp_path, DOMAIN)
    async with FakeServer(Script(tls=leaf)) as server:
        session = AccountSession(settings(server, ca))
        with pytest.raises(UntrustedCertificate) as caught:
            await session.connect()
    assert words in caught.value.user_message
    assert "The password was not sent." in caught.value.user_message
    assert caught.value.fingerprint  # the user can still compare and pin it
    assert b"<auth" not in server.received


def archive_answer(collection_xml: str) -> Script:
    def answer(request: bytes, request_id: str) -> bytes:
        if b"disco#info" in request:
            return result(
                request_id,
                f"<query xmlns='http://jabber.org/protocol/disco#info'>{FEATURES}</query>",
            )
        return (
            f"<iq type='result' id='{request_id}' to='{JID}/r'>{collection_xml}</iq>".encode()
        )

    return Script(answer=answer)


async def _retrieve(script: Script, trusted: tuple[Path, tuple[Path, Path]]) -> None:
    ca, leaf = trusted
    script.tls = leaf
    async with FakeServer(script) as server:
        session = AccountSession(settings(server, ca))
        await session.connect()
        try:
            await session.archive.retrieve(COLLECTION)
        finally:
            await session.disconnect()


STORE = (
    "<store xmlns='http://jabber.org/protocol/archive' with='juliet@capulet.test' "
    "start='2026-11-30T12:00:00Z'>{}</store>"
)


async def test_deep_nesting_inside_a_message_closes_the_stream_with_a_sentence(
    trusted: tuple[Path, tuple[Path, Path]],
) -> None:
    deep = "<to secs='1'><body>hi</body>" + "<x>" * 10_000 + "</x>" * 10_000 + "</to>"
    with pytest.raises(StreamRefused) as caught:
        await _retrieve(archive_answer(STORE.format(deep)), trusted)
    assert caught.value.user_message.startswith("Could not read the conversation.")
    assert "not valid XML" in caught.value.user_message
    assert "nested more than" in caught.value.user_message


@pytest.mark.parametrize(
    ("items", "words"),
    [
        ("<to secs='99999999999999'><body>a</body></to>", "“secs” of a message"),
        ("<to secs='1' utc='2026-02-30T00:00:00Z'><body>a</body></to>", "not a valid date"),
        ("<to secs='" + "9" * 5000 + "'><body>a</body></to>", "not a whole number"),
        ("<note utc='99999-01-01T00:00:00Z'>n</note>", "not a valid date"),
    ],
    ids=["secs-overflow", "impossible-date", "huge-number", "year-99999"],
)
async def test_an_out_of_range_value_is_malformed_input_naming_the_conversation(
    trusted: tuple[Path, tuple[Path, Path]], items: str, words: str
) -> None:
    with pytest.raises(MalformedInput) as caught:
        await _retrieve(archive_answer(STORE.format(items)), trusted)
    sentence = caught.value.user_message
    assert "The conversation with juliet@capulet.test that starts at 2026-11-30T12:00:00Z" in (
        sentence
    )
    assert words in sentence


# --- a sync over the real network path, one conversation unreadable ---------------------

VICTIM = STARTS[2]


async def test_a_sync_over_the_network_stores_the_rest_and_names_the_unreadable_one(
    trusted: tuple[Path, tuple[Path, Path]], tmp_path: Path
) -> None:
    archive = HostileArchive()
    archive.retrieved[VICTIM] = "<to secs='99999999999999'><body>wherefore art thou</body></to>"
    outcome, stored, recorded = await sync_once(archive, trusted, tmp_path / "r.sqlite3")
    assert stored == [s for s in STARTS if s != VICTIM]
    assert [format_datetime(s.id.start) for s in outcome.skipped] == [VICTIM]
    assert "“secs” of a message" in outcome.skipped[0].reason
    assert [format_datetime(cid.start) for cid in recorded] == [VICTIM]
