"""The XEP-0136 plugin against the real Prosody with our module, in both dialects."""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import pytest_asyncio

from archiveviewer.domain import (
    Collection,
    CollectionId,
    Dialect,
    Direction,
    Message,
    MethodUse,
    Note,
    OtrMode,
    Prefs,
    SaveMode,
    SaveRule,
)
from archiveviewer.errors import KnownError, NotConnected, ServerError, Timeout
from archiveviewer.xmpp.session import SessionState
from archiveviewer.xmpp.xep_0136 import XEP_0136, StoreIncomplete
from tests.integration.xmpp_helpers import StateLog, connected, new_account
from tests.server.prosody import ProsodyServer

pytestmark = [pytest.mark.prosody, pytest.mark.asyncio]

START = datetime(1469, 7, 21, 2, 56, 15, tzinfo=UTC)
JULIET = "juliet@capulet.example/balcony"


@pytest.fixture(params=[Dialect.SEED, Dialect.URN], ids=["seed", "urn"])
def dialect(request: pytest.FixtureRequest) -> Dialect:
    return request.param  # type: ignore[no-any-return]


@pytest_asyncio.fixture
async def archive(prosody: ProsodyServer, dialect: Dialect) -> AsyncIterator[XEP_0136]:
    """The archive API of a fresh account, speaking *dialect*."""
    async with connected(new_account(prosody)) as session:
        await session.archive.discover(prefer=dialect)
        yield session.archive


def conversation(
    start: datetime = START, with_jid: str = JULIET, messages: int = 3, subject: str | None = None
) -> Collection:
    """A collection of alternating messages 7 seconds apart."""
    items = tuple(
        Message(
            Direction.FROM if n % 2 == 0 else Direction.TO,
            start + timedelta(seconds=7 * n),
            f"line {n}",
        )
        for n in range(messages)
    )
    return Collection(id=CollectionId(start, with_jid), subject=subject, items=items)


def record_uploads(archive: XEP_0136) -> list[Any]:
    """From now on, every upload request *archive* sends is appended to the returned list."""
    uploads: list[Any] = []

    def record(stanza: Any) -> Any:
        if stanza["type"] == "set" and stanza.xml.find(".//{*}from") is not None:
            uploads.append(stanza)
        return stanza

    archive.xmpp.add_filter("out", record)
    return uploads


def otr(dialect: Dialect) -> OtrMode:
    """A valid OTR mode of *dialect* ("allow" in the seed's words)."""
    return OtrMode.ALLOW if dialect is Dialect.SEED else OtrMode.CONCEDE


# --- discovery -------------------------------------------------------------------------


async def test_discovery_picks_the_preferred_dialect_and_its_features(
    archive: XEP_0136, dialect: Dialect
) -> None:
    support = await archive.discover(prefer=dialect)
    assert support.dialect is dialect
    assert (support.manage, support.manual, support.pref, support.auto) == (True,) * 4


# --- store, list, retrieve -------------------------------------------------------------


async def test_a_stored_conversation_comes_back_whole(archive: XEP_0136) -> None:
    note = Note("I think she might fancy me.", START + timedelta(minutes=8))
    stored = conversation(subject="She speaks!")
    stored = Collection(id=stored.id, subject=stored.subject, items=(*stored.items, note))
    await archive.store(stored)
    page = await archive.list_page()
    assert [(c.id, c.subject) for c in page.collections] == [(stored.id, "She speaks!")]
    assert page.count == 1
    back = await archive.retrieve(stored.id)
    assert back.items == stored.items
    assert back.subject == "She speaks!"


async def test_list_filters_by_full_jid_bare_jid_domain_and_time(archive: XEP_0136) -> None:
    await asyncio.gather(
        archive.store(conversation(START, "juliet@capulet.example/balcony")),
        archive.store(conversation(START + timedelta(hours=1), "juliet@capulet.example/tomb")),
        archive.store(conversation(START + timedelta(hours=2), "nurse@capulet.example")),
        archive.store(conversation(START + timedelta(hours=3), "romeo@montague.example")),
    )

    async def withs(**query: object) -> list[str]:
        page = await archive.list_page(**query)  # type: ignore[arg-type]
        return [c.with_jid for c in page.collections]

    assert await withs(with_="juliet@capulet.example/tomb") == ["juliet@capulet.example/tomb"]
    assert await withs(with_="juliet@capulet.example") == [
        "juliet@capulet.example/balcony",
        "juliet@capulet.example/tomb",
    ]
    assert len(await withs(with_="capulet.example")) == 3
    assert await withs(start=START + timedelta(minutes=90)) == [
        "nurse@capulet.example",
        "romeo@montague.example",
    ]
    assert await withs(end=START + timedelta(minutes=30)) == ["juliet@capulet.example/balcony"]


async def test_paging_walks_thousands_of_collections_in_order(archive: XEP_0136) -> None:
    total = 2000
    ids = [
        CollectionId(START + timedelta(minutes=n), f"c{n % 7}@example.net") for n in range(total)
    ]
    for batch in range(0, total, 200):  # pipelined: 200 stores in flight at once
        await asyncio.gather(
            *(archive.store(Collection(id=cid)) for cid in ids[batch : batch + 200])
        )
    seen: list[CollectionId] = []
    counts = set()
    async for page in archive.list_pages(max=100):
        seen += [c.id for c in page.collections]
        counts.add(page.count)
    assert seen == ids
    assert counts == {total}


async def test_a_collection_of_several_pages_keeps_its_times(archive: XEP_0136) -> None:
    long = conversation(messages=250)
    archive.page_size = 40
    await archive.store(long)
    whole = await archive.retrieve(long.id)
    assert whole.items == long.items
    first = await archive.retrieve_page(long.id, max=100)
    second = await archive.retrieve_page(long.id, max=100, after=first.last, clock=first.clock)
    assert second.collection.messages == long.messages[100:200]


async def test_retrieves_run_concurrently(archive: XEP_0136) -> None:
    stored = [conversation(START + timedelta(days=n), messages=n + 1) for n in range(30)]
    await asyncio.gather(*(archive.store(c) for c in stored))
    back = await asyncio.gather(*(archive.retrieve(c.id) for c in stored))
    assert [c.items for c in back] == [c.items for c in stored]


async def test_subject_and_notes_change_an_existing_collection(archive: XEP_0136) -> None:
    stored = conversation(subject="She speaks!")
    await archive.store(stored)
    await archive.set_subject(stored.id, "She speaks twice!")
    await archive.add_note(stored.id, Note("Remember the balcony."))
    back = await archive.retrieve(stored.id)
    assert back.subject == "She speaks twice!"
    assert back.notes == (Note("Remember the balcony."),)
    assert back.messages == stored.messages


async def test_an_upload_above_the_request_limit_is_split_and_keeps_its_times(
    archive: XEP_0136,
) -> None:
    uploads = record_uploads(archive)
    archive._store_limit = 500  # a few messages per request
    long = conversation(messages=60, subject="long")
    await archive.store(long)
    assert len(uploads) > 5
    back = await archive.retrieve(long.id)
    assert back.items == long.items
    assert back.subject == "long"


async def test_the_server_refusing_a_large_collection_stores_what_fits(
    make_prosody: Callable[..., ProsodyServer], dialect: Dialect
) -> None:
    server = make_prosody(max_store_size=3000)
    async with connected(new_account(server)) as session:
        archive = session.archive
        await archive.discover(prefer=dialect)
        long = conversation(messages=120)
        with pytest.raises(StoreIncomplete) as caught:
            await archive.store(long)
        refused = caught.value
        assert refused.condition == "not-acceptable"
        assert 0 < refused.stored < 120
        assert f"{refused.stored} of 120 items were stored" in refused.user_message
        back = await archive.retrieve(long.id)
        assert back.items == long.items[: refused.stored]
        uploads = record_uploads(archive)
        await archive.store(conversation(START + timedelta(days=1), messages=20))
        assert len(uploads) == 1  # later uploads are not split one item at a time


# --- removing --------------------------------------------------------------------------


async def test_removing_one_a_range_a_contact_and_everything(archive: XEP_0136) -> None:
    stored = [
        conversation(START + timedelta(hours=n), jid)
        for n, jid in enumerate(
            ["a@x.example/1", "a@x.example/2", "b@x.example", "c@y.example", "d@y.example"]
        )
    ]
    await asyncio.gather(*(archive.store(c) for c in stored))

    async def left() -> list[str]:
        return [c.with_jid for c in (await archive.list_page()).collections]

    await archive.remove(stored[0].id)
    assert await left() == ["a@x.example/2", "b@x.example", "c@y.example", "d@y.example"]
    await archive.remove_range(with_="a@x.example")
    assert await left() == ["b@x.example", "c@y.example", "d@y.example"]
    await archive.remove_range(start=START + timedelta(hours=2), end=START + timedelta(hours=3.5))
    assert await left() == ["d@y.example"]
    await archive.remove_range()
    assert await left() == []


async def test_removing_what_is_not_there_is_item_not_found(archive: XEP_0136) -> None:
    with pytest.raises(ServerError) as caught:
        await archive.remove(CollectionId(START, "nobody@example.net"))
    assert caught.value.condition == "item-not-found"
    assert caught.value.user_message.startswith("Could not remove the conversation")


# --- preferences -------------------------------------------------------------------------


async def test_preferences_are_read_and_changed(archive: XEP_0136, dialect: Dialect) -> None:
    before = await archive.get_prefs()
    assert before.default is not None
    assert before.default.unset
    await archive.set_default(SaveRule(SaveMode.BODY, otr(dialect), expire=3600))
    romeo = SaveRule(SaveMode.FALSE, OtrMode.REQUIRE, jid="romeo@montague.example", expire=60)
    await archive.set_item(romeo)
    prefer = MethodUse.PREFER
    never = MethodUse.NEVER if dialect is Dialect.SEED else MethodUse.FORBID
    await archive.set_methods([("auto", never), ("local", prefer), ("manual", prefer)])
    after = await archive.get_prefs()
    assert after.default == SaveRule(SaveMode.BODY, otr(dialect), expire=3600)
    assert after.items == (romeo,)
    assert dict(after.methods) == {"auto": never, "local": prefer, "manual": prefer}


async def test_removing_a_contact_preference(archive: XEP_0136, dialect: Dialect) -> None:
    await archive.set_item(SaveRule(SaveMode.BODY, otr(dialect), jid="romeo@montague.example"))
    if dialect is Dialect.SEED:
        with pytest.raises(KnownError, match="cannot remove"):
            await archive.remove_item("romeo@montague.example")
        return
    await archive.remove_item("romeo@montague.example")
    assert (await archive.get_prefs()).items == ()


async def test_a_preference_change_is_pushed_to_another_resource(
    prosody: ProsodyServer, dialect: Dialect
) -> None:
    account = new_account(prosody)
    async with connected(account) as phone, connected(account) as laptop:
        for session in (phone, laptop):
            await session.archive.discover(prefer=dialect)
        pushes: asyncio.Queue[Prefs] = asyncio.Queue()
        await laptop.archive.get_prefs()  # the server pushes to resources that asked
        laptop.archive.add_prefs_listener(pushes.put_nowait)
        rule = SaveRule(SaveMode.BODY, otr(dialect), jid="romeo@montague.example")
        await phone.archive.set_item(rule)
        pushed = await asyncio.wait_for(pushes.get(), 10)
    assert pushed.items == (rule,)


async def test_automatic_archiving_is_switched(archive: XEP_0136, dialect: Dialect) -> None:
    await archive.set_auto(True)
    assert (await archive.get_prefs()).auto.save is True  # type: ignore[union-attr]
    await archive.set_auto(False)
    assert (await archive.get_prefs()).auto.save is False  # type: ignore[union-attr]
    if dialect is Dialect.URN:
        with pytest.raises(KnownError, match="cannot encrypt"):
            await archive.set_auto(True, encrypt=True)
        return
    with pytest.raises(ServerError) as caught:  # our server does not encrypt
        await archive.set_auto(True, encrypt=True)
    assert caught.value.condition == "feature-not-implemented"


# --- replication -------------------------------------------------------------------------


async def test_modified_reports_changes_and_removals_after_a_cursor(archive: XEP_0136) -> None:
    first, second = conversation(START), conversation(START + timedelta(days=1))
    await archive.store(first)
    cursor = None
    async for page in archive.modified(max=10):
        cursor = page.cursor
    assert cursor is not None
    await archive.store(second)
    await archive.remove(first.id)
    changes = []
    async for page in archive.modified(cursor, max=1):
        changes += [(change.kind.value, change.id) for change in page.changes]
    assert changes == [("changed", second.id), ("removed", first.id)]


# --- keys (seed) ---------------------------------------------------------------------------

ENC = "http://www.w3.org/2001/04/xmlenc#"
DSIG = "http://www.w3.org/2000/09/xmldsig#"


def _encrypted_key(public_key: str) -> str:
    return (
        f"<EncryptedKey xmlns='{ENC}'><KeyInfo xmlns='{DSIG}'><KeyName>{public_key}</KeyName>"
        f"</KeyInfo><CipherData><CipherValue>AAAA</CipherValue></CipherData>"
        "<CarriedKeyName>dataKey1</CarriedKeyName></EncryptedKey>"
    )


def _encrypted_data(n: int) -> str:
    return (
        f"<EncryptedData xmlns='{ENC}'><KeyInfo xmlns='{DSIG}'><KeyName>dataKey1</KeyName>"
        f"</KeyInfo><CipherData><CipherValue>QkJC{n:04d}</CipherValue></CipherData>"
        "</EncryptedData>"
    )


async def test_encrypted_keys_are_listed_and_replaced(archive: XEP_0136, dialect: Dialect) -> None:
    from archiveviewer.domain import EncryptedItem, EncryptedKind

    data = tuple(
        EncryptedItem(EncryptedKind.DATA, _encrypted_data(n), "dataKey1") for n in range(5)
    )
    old, new = (
        EncryptedItem(EncryptedKind.KEY, _encrypted_key(name), name, "dataKey1")
        for name in ("oldKey", "newKey")
    )
    cid = CollectionId(START, JULIET)
    if dialect is Dialect.URN:
        with pytest.raises(KnownError, match="no way to replace"):
            await archive.delete_keys(cid, "oldKey")
        with pytest.raises(KnownError, match="no way to replace"):
            await archive.store_keys(cid, [new])
        return
    await archive.store(Collection(id=cid, items=(*data, old)))
    archive.page_size = 2  # the key comes back with every page; retrieve keeps it once
    assert [(found_id, item.key_name) async for found_id, item in archive.keys("oldKey")] == [
        (cid, "oldKey")
    ]
    await archive.store_keys(cid, [new])
    await archive.delete_keys(cid, "oldKey")
    back = await archive.retrieve(cid)
    assert back.crypt
    assert [item.key_name for item in back.encrypted if item.kind is EncryptedKind.KEY] == [
        "newKey"
    ]
    assert len([i for i in back.encrypted if i.kind is EncryptedKind.DATA]) == 5


# --- errors ------------------------------------------------------------------------------


async def test_an_unknown_collection_is_item_not_found(archive: XEP_0136) -> None:
    with pytest.raises(ServerError) as caught:
        await archive.retrieve(CollectionId(START, "nobody@example.net"))
    assert caught.value.condition == "item-not-found"
    assert caught.value.user_message.startswith(
        "Could not read the conversation: the server has no such item."
    )


async def test_a_malformed_request_is_bad_request(archive: XEP_0136) -> None:
    with pytest.raises(ServerError) as caught:
        await archive.list_page(with_="not a jid@@")
    assert caught.value.condition == "bad-request"


async def test_a_lost_server_in_the_middle_of_paging_is_raised_not_the_end(
    fresh_prosody: ProsodyServer, dialect: Dialect
) -> None:
    async with connected(new_account(fresh_prosody, reconnect_delays=(30.0,))) as session:
        archive = session.archive
        await archive.discover(prefer=dialect)
        await asyncio.gather(
            *(archive.store(conversation(START + timedelta(hours=n))) for n in range(6))
        )
        pages = archive.list_pages(max=2)
        await anext(pages)
        fresh_prosody.restart()
        with pytest.raises(NotConnected):
            await anext(pages)


async def test_a_collection_removed_between_pages_is_an_error(archive: XEP_0136) -> None:
    long = conversation(messages=10)
    await archive.store(long)
    first = await archive.retrieve_page(long.id, max=4)
    await archive.remove(long.id)
    with pytest.raises(ServerError) as caught:
        await archive.retrieve_page(long.id, max=4, after=first.last, clock=first.clock)
    assert caught.value.condition == "item-not-found"


async def test_a_request_without_a_connection_is_not_connected(
    prosody: ProsodyServer, dialect: Dialect
) -> None:
    async with connected(new_account(prosody, reconnect_delays=(30.0,))) as session:
        await session.archive.discover(prefer=dialect)
        session.client.transport.abort()
        with pytest.raises(NotConnected):
            await session.archive.list_page()


async def test_preference_pushes_resume_after_a_reconnection(
    prosody: ProsodyServer, dialect: Dialect
) -> None:
    account = new_account(prosody)
    async with connected(account) as phone, connected(account) as laptop:
        for session in (phone, laptop):
            await session.archive.discover(prefer=dialect)
        await laptop.archive.get_prefs()
        pushes: asyncio.Queue[Prefs] = asyncio.Queue()
        laptop.archive.add_prefs_listener(pushes.put_nowait)
        back = StateLog(laptop)
        laptop.client.transport.abort()
        await back.wait_for(SessionState.CONNECTED)  # reported once pushes are resumed
        rule = SaveRule(SaveMode.BODY, otr(dialect), jid="romeo@montague.example")
        await phone.archive.set_item(rule)
        pushed = await asyncio.wait_for(pushes.get(), 10)
    assert pushed.items == (rule,)


async def test_a_server_that_stops_answering_times_out(
    fresh_prosody: ProsodyServer, dialect: Dialect
) -> None:
    async with connected(new_account(fresh_prosody)) as session:
        archive = session.archive
        await archive.discover(prefer=dialect)
        archive.timeout = 0.5
        pid = int((fresh_prosody.workdir / "prosody.pid").read_text())
        os.kill(pid, signal.SIGSTOP)  # the process lives on but answers nothing
        try:
            with pytest.raises(Timeout) as caught:
                await archive.list_page()
        finally:
            os.kill(pid, signal.SIGCONT)
        assert caught.value.user_message == (
            "Could not list the archived conversations: "
            "the server did not answer within 0.5 seconds."
        )


async def test_requests_gathered_before_discovery_discover_once(
    prosody: ProsodyServer, dialect: Dialect
) -> None:
    async with connected(new_account(prosody)) as session:
        archive = session.archive
        archive.preferred_dialect = dialect
        sent: list[Any] = []

        def record(stanza: Any) -> Any:
            if stanza.xml.find("{http://jabber.org/protocol/disco#info}query") is not None:
                sent.append(stanza)
            return stanza

        archive.xmpp.add_filter("out", record)
        pages = await asyncio.gather(*(archive.list_page() for _ in range(10)))
        assert archive.support is not None
        assert archive.support.dialect is dialect
    assert [page.collections for page in pages] == [()] * 10
    assert len(sent) == 2  # the server's disco and the account's, once


async def test_payload_keeps_attributes_in_their_own_namespace(
    archive: XEP_0136, dialect: Dialect
) -> None:
    """Saved whole, a message's extension keeps an attribute like ``c:seen='…'`` on the server."""
    extension = (
        "<receipt xmlns='http://client.example/receipts'"
        " xmlns:c='http://client.example/attrs' c:seen='yes'/>"
    )
    sent = Collection(
        id=CollectionId(START, JULIET),
        items=(Message(Direction.FROM, START, "line 0", payload=(extension,)),),
    )
    await archive.store(sent, save=SaveMode.ALL if dialect is Dialect.SEED else SaveMode.MESSAGE)
    (message,) = (await archive.retrieve(sent.id)).messages
    assert len(message.payload) == 1
    assert "http://client.example/attrs" in message.payload[0]
    assert "seen=" in message.payload[0]
