"""What only XEP-0136 1.x (urn:xmpp:archive) has: versions, threads, links, forms, exactmatch,
and its own error conditions for administrator policies."""

from __future__ import annotations

import pytest

from tests.helpers import client_session
from tests.integration.archive_wire import (
    NS1,
    SEED,
    V1,
    assert_result,
    collections_of,
    error_condition,
    exchange,
    seed_request,
    starts,
    store_request,
)
from tests.server.prosody import ProsodyServer

pytestmark = [pytest.mark.prosody, pytest.mark.asyncio]

CHAT = "juliet@capulet.com/chamber"
START = "1469-07-21T02:56:15Z"


def save(body: str = "", **attrs: str) -> str:
    extra = "".join(f" {k}='{v}'" for k, v in attrs.items())
    return (
        f"<iq type='set'><save xmlns='{NS1}'><chat with='{CHAT}' start='{START}'{extra}>"
        f"{body}</chat></save></iq>"
    )


async def test_saving_answers_the_collection_version(prosody: ProsodyServer):
    async with client_session(prosody) as client:
        created = assert_result(
            await exchange(
                client,
                V1,
                save(
                    "<to secs='0'><body>hi</body></to>", thread="damduoeg08", subject="She speaks!"
                ),
            )
        )
        appended = assert_result(await exchange(client, V1, save("<note>n</note>")))
        listed = await exchange(client, V1, f"<iq type='get'><list xmlns='{NS1}'/></iq>")
        modified = await exchange(
            client,
            V1,
            (f"<iq type='get'><modified xmlns='{NS1}' start='1970-01-01T00:00:00Z'/></iq>"),
        )
        assert_result(
            await exchange(
                client,
                V1,
                (f"<iq type='set'><remove xmlns='{NS1}' with='{CHAT}' start='{START}'/></iq>"),
            )
        )
        removed = await exchange(
            client,
            V1,
            (f"<iq type='get'><modified xmlns='{NS1}' start='1970-01-01T00:00:00Z'/></iq>"),
        )
    chat = created.find(f"{{{NS1}}}save/{{{NS1}}}chat")
    assert chat.attrib == {
        "with": CHAT,
        "start": START,
        "thread": "damduoeg08",
        "subject": "She speaks!",
        "version": "0",
    }
    assert appended.find(f"{{{NS1}}}save/{{{NS1}}}chat").get("version") == "1"
    [listed_chat] = collections_of(listed, V1)
    assert (listed_chat.get("thread"), listed_chat.get("version")) == ("damduoeg08", "1")
    [changed] = modified.find(f"{{{NS1}}}modified").findall(f"{{{NS1}}}changed")
    assert changed.get("version") == "1"
    [gone] = removed.find(f"{{{NS1}}}modified").findall(f"{{{NS1}}}removed")
    assert (gone.get("with"), gone.get("start"), gone.get("version")) == (CHAT, START, "1")


async def test_links_and_form_come_first_and_are_replaced(prosody: ProsodyServer):
    form = "<x xmlns='jabber:x:data' type='submit'><field var='task'><value>{}</value></field></x>"
    async with client_session(prosody) as client:
        assert_result(
            await exchange(
                client,
                V1,
                save(
                    "<to secs='0'><body>O, I am fortune's fool!</body></to>"
                    "<next with='balcony@house.capulet.com' start='1469-07-21T03:16:37Z'/>"
                    + form.format(1)
                ),
            )
        )
        assert_result(
            await exchange(
                client,
                V1,
                save(
                    "<previous with='benvolio@montague.net' start='1469-07-21T02:01:54Z'/>"
                    + form.format(2)
                    + "<from secs='4'><body>Why dost thou stay?</body></from>"
                ),
            )
        )
        both = await exchange(client, V1, seed_request(30))
        assert_result(await exchange(client, V1, save("<next/>")))
        one = await exchange(client, V1, seed_request(30))
    names = [el.tag.split("}")[1] for el in both.find(f"{{{NS1}}}chat")]
    assert names == ["previous", "next", "x", "to", "from", "set"]
    assert (
        both.find(f"{{{NS1}}}chat/{{jabber:x:data}}x").findtext(
            "{jabber:x:data}field/{jabber:x:data}value"
        )
        == "2"
    )
    assert [el.tag.split("}")[1] for el in one.find(f"{{{NS1}}}chat")][:2] == ["previous", "x"]


async def test_exactmatch_limits_a_bare_jid_to_itself(prosody: ProsodyServer):
    async with client_session(prosody) as client:
        for with_ in ("juliet@capulet.com", "juliet@capulet.com/chamber"):
            assert_result(await exchange(client, V1, store_request(V1, with_, START)))
        loose = await exchange(
            client, V1, (f"<iq type='get'><list xmlns='{NS1}' with='juliet@capulet.com'/></iq>")
        )
        exact = await exchange(
            client,
            V1,
            (f"<iq type='get'><list xmlns='{NS1}' with='juliet@capulet.com' exactmatch='1'/></iq>"),
        )
        assert_result(
            await exchange(
                client,
                V1,
                (
                    f"<iq type='set'><remove xmlns='{NS1}' with='juliet@capulet.com' "
                    "exactmatch='true'/></iq>"
                ),
            )
        )
        left = await exchange(client, V1, f"<iq type='get'><list xmlns='{NS1}'/></iq>")
    assert len(collections_of(loose, V1)) == 2
    assert [c.get("with") for c in collections_of(exact, V1)] == ["juliet@capulet.com"]
    assert [c.get("with") for c in collections_of(left, V1)] == ["juliet@capulet.com/chamber"]
    assert starts(collections_of(left, V1)) == [START]


async def test_otr_require_needs_save_false(prosody: ProsodyServer):
    async with client_session(prosody) as client:
        for d in (SEED, V1):
            answer = await exchange(
                client,
                d,
                (
                    "<iq type='set'><pref xmlns='http://jabber.org/protocol/archive'>"
                    "<item jid='romeo@montague.net' save='body' otr='require'/></pref></iq>"
                ),
            )
            assert error_condition(answer) == "bad-request"


async def test_compulsory_archiving_speaks_the_1x_conditions(make_prosody):
    server = make_prosody(required_save="all")
    async with client_session(server) as client:
        off = await exchange(client, V1, f"<iq type='set'><auto xmlns='{NS1}' save='0'/></iq>")
        body = await exchange(client, V1, seed_request(9))  # item save='body' < 'all'
        prefs = await exchange(client, V1, seed_request(3))
    assert error_condition(off) == "not-allowed"
    assert error_condition(body) == "not-acceptable"
    assert prefs.find(f"{{{NS1}}}pref/{{{NS1}}}auto").attrib == {"save": "true"}
