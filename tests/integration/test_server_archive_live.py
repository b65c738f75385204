"""mod_archive with real traffic: preference pushes, auto-archiving between two users,
administrator policies and a restart that keeps the archive."""

from __future__ import annotations

import asyncio
import xml.etree.ElementTree as ET

import pytest
from slixmpp import ClientXMPP
from slixmpp.xmlstream.handler import Callback
from slixmpp.xmlstream.matcher import MatchXPath

from tests.helpers import client_session
from tests.integration.archive_wire import (
    NS09,
    NS1,
    SEED,
    V1,
    Dialect,
    assert_result,
    collections_of,
    error_condition,
    exchange,
    rsm,
    seed_request,
    starts,
    store_request,
)
from tests.server.prosody import ProsodyServer

pytestmark = [pytest.mark.prosody, pytest.mark.asyncio]

WAIT = 5.0
SAVE_BODIES = f"<iq type='set'><pref xmlns='{NS09}'><default save='body' otr='allow'/></pref></iq>"


def collect_pushes(client: ClientXMPP, ns: str, name: str = "pref") -> list[ET.Element]:
    """Start recording the archive preference pushes (iq set) that reach ``client``."""
    pushes: list[ET.Element] = []

    def record(iq):
        if iq["type"] == "set":  # answers to our own requests match the path too
            pushes.append(iq.xml)
            iq.reply().send()

    client.register_handler(
        Callback(f"push {ns} {name}", MatchXPath(f"{{jabber:client}}iq/{{{ns}}}{name}"), record)
    )
    return pushes


async def wait_for(condition, what: str) -> None:
    """Wait (without a timing assertion) until ``condition()`` holds."""
    async with asyncio.timeout(WAIT):
        while not condition():
            await asyncio.sleep(0.01)


async def test_preference_changes_are_pushed_to_resources_that_asked(prosody: ProsodyServer):
    jid, password = prosody.new_user("juliet")
    async with (
        client_session(prosody, jid, password, "chamber") as chamber,
        client_session(prosody, jid, password, "pda") as pda,
        client_session(prosody, jid, password, "balcony") as balcony,
    ):
        pushes_09 = collect_pushes(chamber, NS09)
        pushes_1 = collect_pushes(pda, NS1)
        silent = collect_pushes(balcony, NS09) + collect_pushes(balcony, NS1)
        assert_result(await exchange(chamber, SEED, seed_request(3)))  # asks: gets pushes
        assert_result(await exchange(pda, V1, seed_request(3)))
        for example in (6, 9, 12):
            assert_result(await exchange(balcony, SEED, seed_request(example)))
        assert_result(await exchange(balcony, SEED, seed_request(22)))  # auto: never pushed
        await wait_for(lambda: len(pushes_09) == 3 and len(pushes_1) == 3, "the pushes")
        assert_result(
            await exchange(balcony, SEED, "<iq type='get'><ping xmlns='urn:xmpp:ping'/></iq>")
        )
    assert silent == []
    default = pushes_09[0].find(f"{{{NS09}}}pref/{{{NS09}}}default")
    assert (default.get("save"), default.get("otr")) == ("false", "try")
    item = pushes_1[1].find(f"{{{NS1}}}pref/{{{NS1}}}item")
    assert (item.get("jid"), item.get("otr"), item.get("expire")) == (
        "romeo@montague.net",
        "concede",
        "604800",
    )
    methods = pushes_09[2].findall(f"{{{NS09}}}pref/{{{NS09}}}method")
    assert {m.get("type"): m.get("use") for m in methods} == {
        "auto": "allow",
        "local": "never",
        "manual": "prefer",
    }
    assert all(p.get("type") == "set" and p.get("to").startswith(jid) for p in pushes_09)


async def test_items_and_sessions_removed_in_the_1x_dialect(prosody: ProsodyServer):
    jid, password = prosody.new_user("juliet")
    async with (
        client_session(prosody, jid, password, "a") as a,
        client_session(prosody, jid, password, "b") as b,
    ):
        removals = collect_pushes(b, NS1, "itemremove")
        assert_result(await exchange(b, V1, seed_request(3)))
        assert_result(await exchange(a, V1, seed_request(9)))
        assert_result(
            await exchange(
                a,
                V1,
                (
                    f"<iq type='set'><pref xmlns='{NS1}'><session thread='t1' save='body' "
                    "timeout='60'/></pref></iq>"
                ),
            )
        )
        assert_result(
            await exchange(
                a,
                V1,
                (
                    f"<iq type='set'><itemremove xmlns='{NS1}'><item jid='romeo@montague.net'/>"
                    "</itemremove></iq>"
                ),
            )
        )
        assert_result(
            await exchange(
                a,
                V1,
                (
                    f"<iq type='set'><sessionremove xmlns='{NS1}'><session thread='t1'/>"
                    "</sessionremove></iq>"
                ),
            )
        )
        again = await exchange(
            a,
            V1,
            (
                f"<iq type='set'><itemremove xmlns='{NS1}'><item jid='romeo@montague.net'/>"
                "</itemremove></iq>"
            ),
        )
        prefs = await exchange(a, V1, seed_request(3))
        await wait_for(lambda: len(removals) == 1, "the itemremove push")
    assert prefs.find(f"{{{NS1}}}pref/{{{NS1}}}item") is None
    assert prefs.find(f"{{{NS1}}}pref/{{{NS1}}}session") is None
    assert error_condition(again) == "item-not-found"


async def _chat(sender: ClientXMPP, receiver: ClientXMPP, body: str, extra: str = "") -> None:
    """Send a chat message to the receiver's full JID and wait until it arrives."""
    arrived = asyncio.get_running_loop().create_future()

    def on_message(msg):
        if msg["body"] == body and not arrived.done():
            arrived.set_result(None)

    receiver.add_event_handler("message", on_message)
    message = sender.make_message(mto=receiver.boundjid.full, mbody=body, mtype="chat")
    if extra:
        message.append(ET.fromstring(extra))  # noqa: S314 (our own constant)
    message.send()
    await asyncio.wait_for(arrived, WAIT)
    receiver.del_event_handler("message", on_message)


async def _everything(client: ClientXMPP, d: Dialect) -> list[ET.Element]:
    answer = assert_result(await exchange(client, d, f"<iq type='get'><list xmlns='{NS09}'/></iq>"))
    return collections_of(answer, d)


async def _items(client: ClientXMPP, d: Dialect, collection: ET.Element) -> list[ET.Element]:
    answer = assert_result(
        await exchange(
            client,
            d,
            (
                f"<iq type='get'><retrieve xmlns='{NS09}' with='{collection.get('with')}' "
                f"start='{collection.get('start')}'/></iq>"
            ),
        )
    )
    return [el for el in answer.find(d.q(d.collection)) if not el.tag.endswith("}set")]


@pytest.mark.parametrize("d", [SEED, V1], ids=["v0.9", "v1"])
async def test_auto_archiving_records_a_conversation_between_two_users(
    prosody: ProsodyServer, d: Dialect
):
    async with (
        client_session(prosody, resource="orchard") as romeo,
        client_session(prosody, resource="chamber") as juliet,
    ):
        assert_result(await exchange(romeo, d, SAVE_BODIES))
        assert_result(await exchange(romeo, d, seed_request(22)))
        await _chat(romeo, juliet, "Lady, by yonder blessed moon I swear")
        await _chat(juliet, romeo, "O, swear not by the moon")
        [collection] = await _everything(romeo, d)
        items = await _items(romeo, d, collection)
        nothing = await _everything(juliet, d)  # she never switched auto-archiving on
        assert_result(
            await exchange(romeo, d, f"<iq type='set'><auto xmlns='{NS09}' save='false'/></iq>")
        )
        await _chat(romeo, juliet, "not recorded")
        # switching off closed the collection: switched on again, a new one begins
        assert_result(await exchange(romeo, d, seed_request(22)))
        await _chat(juliet, romeo, "Sweet, so would I")
        first, second = await _everything(romeo, d)
        later = await _items(romeo, d, second)
    assert first.get("start") == collection.get("start")
    assert [el.findtext(d.q("body")) for el in later] == ["Sweet, so would I"]
    assert collection.get("with") == str(juliet.boundjid)
    assert [(el.tag.split("}")[1], el.findtext(d.q("body"))) for el in items] == [
        ("to", "Lady, by yonder blessed moon I swear"),
        ("from", "O, swear not by the moon"),
    ]
    assert all(el.get("secs", "").isdigit() for el in items)
    assert nothing == []


async def test_save_modes_decide_what_auto_archiving_keeps(prosody: ProsodyServer):
    d = SEED
    extra = "<x xmlns='urn:example:mood'>happy</x>"
    async with (
        client_session(prosody) as romeo,
        client_session(prosody, resource="a") as juliet,
        client_session(prosody, resource="b") as nurse,
        client_session(prosody, resource="c") as friar,
    ):
        prefs = (
            f"<iq type='set'><pref xmlns='{NS09}'><default save='body' otr='allow'/>"
            f"<item jid='{juliet.boundjid.bare}' save='all' otr='allow'/>"
            f"<item jid='{nurse.boundjid.full}' save='false' otr='allow'/>"
            f"<item jid='{friar.boundjid.bare}' save='body' otr='allow' expire='0'/>"
            "</pref></iq>"
        )
        assert_result(await exchange(romeo, d, prefs))
        assert_result(await exchange(romeo, d, seed_request(22)))
        for contact in (juliet, nurse, friar):
            await _chat(romeo, contact, "hello", extra)
        collections = await _everything(romeo, d)
        [everything] = await _items(romeo, d, collections[0])
    # the nurse is never archived; the friar's collection expired at once
    assert [c.get("with") for c in collections] == [str(juliet.boundjid)]
    assert everything.find("{urn:example:mood}x").text == "happy"
    assert everything.findtext(d.q("body")) == "hello"


async def test_an_idle_gap_starts_a_new_collection_and_open_ones_can_be_removed(make_prosody):
    server = make_prosody(auto_idle_gap=1)
    d = SEED
    async with client_session(server) as romeo, client_session(server) as juliet:
        assert_result(await exchange(romeo, d, SAVE_BODIES))
        assert_result(await exchange(romeo, d, seed_request(22)))
        await _chat(romeo, juliet, "one")
        await _chat(romeo, juliet, "two")
        await asyncio.sleep(1.3)  # longer than the idle gap
        await _chat(romeo, juliet, "three")
        first, second = await _everything(romeo, d)
        texts = [
            [el.findtext(d.q("body")) for el in await _items(romeo, d, c)] for c in (first, second)
        ]
        # the second collection is being recorded: remove open='true' takes it, not the first
        assert_result(
            await exchange(
                romeo,
                d,
                seed_request(43).replace("juliet@capulet.com/chamber", str(juliet.boundjid)),
            )
        )
        remaining = await _everything(romeo, d)
    assert texts == [["one", "two"], ["three"]]
    assert starts(remaining) == [first.get("start")]


async def test_the_administrator_may_require_archiving(make_prosody):
    server = make_prosody(required_save="body")
    d = SEED
    async with client_session(server) as client:
        prefs = await exchange(client, d, seed_request(3))
        off = await exchange(client, d, f"<iq type='set'><auto xmlns='{NS09}' save='false'/></iq>")
        nothing = await exchange(client, d, seed_request(6))  # default save='false'
        body = await exchange(client, d, seed_request(9))  # item save='body'
    assert prefs.find(d.q("pref")).find(d.q("auto")).get("save") == "true"
    assert error_condition(off) == "feature-not-implemented"
    assert error_condition(nothing) == "feature-not-implemented"
    assert_result(body)


async def test_the_administrator_may_refuse_to_save_whole_stanzas(make_prosody):
    server = make_prosody(allow_save_all=False)
    d = SEED
    save_all = (
        f"<iq type='set'><pref xmlns='{NS09}'>"
        "<item jid='benvolio@montague.net' save='all' otr='allow'/></pref></iq>"
    )
    async with client_session(server) as client, client_session(server) as other:
        assert_result(await exchange(client, d, save_all))  # no stream archives yet: fine
        refused_auto = await exchange(client, d, seed_request(22))
        assert_result(await exchange(other, d, seed_request(22)))
        refused_pref = await exchange(other, d, save_all)
    assert error_condition(refused_auto) == "feature-not-implemented"
    assert error_condition(refused_pref) == "feature-not-implemented"


async def test_a_restart_keeps_collections_changes_and_preferences(make_prosody):
    # A long flush delay: what survives was written when the server stopped.
    fresh_prosody = make_prosody(flush_delay=30)
    d = SEED
    jid, password = fresh_prosody.new_user("romeo")
    async with client_session(fresh_prosody, jid, password) as client:
        for example in (15, 19, 21, 9):
            assert_result(await exchange(client, d, seed_request(example)))
        assert_result(await exchange(client, d, seed_request(38)))
        before = [ET.tostring(await exchange(client, d, seed_request(n))) for n in (26, 50, 35)]
    fresh_prosody.restart()
    async with client_session(fresh_prosody, jid, password) as client:
        after = [ET.tostring(await exchange(client, d, seed_request(n))) for n in (26, 50, 35)]
        prefs = await exchange(client, d, seed_request(3))
        later = await exchange(
            client,
            d,
            store_request(
                d, "juliet@capulet.com/chamber", "1469-07-21T02:56:15Z", "<note>back</note>"
            ),
        )
        modified = await exchange(client, d, seed_request(50))

    def without_ids(xml: bytes) -> str:
        el = ET.fromstring(xml)  # noqa: S314 (the server's answer, parsed by slixmpp already)
        el.attrib.pop("id")
        return ET.canonicalize(ET.tostring(el, encoding="unicode"))  # attribute order aside

    assert [without_ids(x) for x in after] == [without_ids(x) for x in before]
    assert rsm(ET.fromstring(after[0]).find(d.q("list")))["count"] == "2"  # noqa: S314
    assert prefs.find(d.q("pref")).find(d.q("item")).get("jid") == "romeo@montague.net"
    assert_result(later)
    entries = [el.tag.split("}")[1] for el in modified.find(d.q("modified"))][:-1]  # no <set>
    assert entries[-1] == "changed"  # the re-created collection comes last, after the removal
