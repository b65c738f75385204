"""Our Prosody module answers every example of the XEP-0136 seed, in both dialects.

Each test sends the seed's own request (tests/data/xep0136/seed/), translated for
urn:xmpp:archive when the dialect is 1.x, and checks what a client would read in the answer.
"""

from __future__ import annotations

import pytest

from tests.helpers import client_session, send_raw
from tests.integration.archive_wire import (
    DIALECTS,
    DS,
    NS09,
    NS1,
    RSM,
    SEED,
    V1,
    XENC,
    Dialect,
    assert_result,
    collections_of,
    error_condition,
    exchange,
    rsm,
    rsm_set,
    seed_request,
    starts,
    store_request,
)
from tests.server.prosody import ProsodyServer

pytestmark = [pytest.mark.prosody, pytest.mark.asyncio]

dialects = pytest.mark.parametrize("d", DIALECTS, ids=["v0.9", "v1"])


@dialects
async def test_server_and_account_advertise_the_features(prosody: ProsodyServer, d: Dialect):
    async with client_session(prosody) as client:
        for to in ("montague.net", None):
            target = f" to='{to}'" if to else ""
            answer = assert_result(
                await exchange(
                    client,
                    d,
                    f"<iq type='get'{target}>"
                    "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>",
                )
            )
            features = {
                f.get("var") for f in answer.iter("{http://jabber.org/protocol/disco#info}feature")
            }
            for name in ("auto", "manage", "manual", "pref"):
                assert d.feature(name) in features
            assert d.feature("encrypt") not in features


@dialects
async def test_preferences_never_set_are_the_server_defaults(prosody: ProsodyServer, d: Dialect):
    async with client_session(prosody) as client:
        answer = assert_result(await exchange(client, d, seed_request(3)))
    pref = answer.find(d.q("pref"))
    default = pref.find(d.q("default"))
    assert default.get("unset") == "true"
    assert default.get("save") == "false"
    assert default.get("otr") == ("allow" if d is SEED else "concede")
    methods = {m.get("type"): m.get("use") for m in pref.findall(d.q("method"))}
    assert methods == dict.fromkeys(
        ("auto", "local", "manual"), "allow" if d is SEED else "concede"
    )
    assert pref.find(d.q("auto")).get("save") == "false"


@dialects
async def test_setting_default_item_and_method_preferences(prosody: ProsodyServer, d: Dialect):
    async with client_session(prosody) as client:
        for example in (6, 9, 12):
            assert_result(await exchange(client, d, seed_request(example)))
        answer = assert_result(await exchange(client, d, seed_request(3)))
    pref = answer.find(d.q("pref"))
    default = pref.find(d.q("default"))
    assert (default.get("save"), default.get("otr"), default.get("unset")) == (
        "false",
        "try" if d is SEED else "prefer",
        None,
    )
    [item] = pref.findall(d.q("item"))
    assert item.attrib == {
        "jid": "romeo@montague.net",
        "save": "body",
        "expire": "604800",
        "otr": "allow" if d is SEED else "concede",
    }
    methods = {m.get("type"): m.get("use") for m in pref.findall(d.q("method"))}
    assert methods == (
        {"auto": "allow", "local": "never", "manual": "prefer"}
        if d is SEED
        else {"auto": "concede", "local": "forbid", "manual": "prefer"}
    )


@dialects
async def test_the_preferences_of_the_seeds_answer_round_trip(prosody: ProsodyServer, d: Dialect):
    # Example 4 shows preferences with save='all' and otr='require'/'deny': set them, read them.
    request = (
        f"<iq type='set'><pref xmlns='{NS09}'>"
        "<default save='body' otr='allow' expire='31536000'/>"
        "<item jid='romeo@montague.net' save='false' otr='require'/>"
        "<item jid='benvolio@montague.net' save='all' expire='630720000' otr='deny'/>"
        "</pref></iq>"
    )
    async with client_session(prosody) as client:
        assert_result(await exchange(client, d, request))
        answer = assert_result(await exchange(client, d, seed_request(3)))
    items = {i.get("jid"): i.attrib for i in answer.find(d.q("pref")).findall(d.q("item"))}
    assert items["benvolio@montague.net"]["save"] == d.save_all
    assert items["benvolio@montague.net"]["otr"] == ("deny" if d is SEED else "forbid")
    assert items["romeo@montague.net"]["otr"] == "require"


@dialects
async def test_bad_preferences_are_bad_requests(prosody: ProsodyServer, d: Dialect):
    bad = [
        f"<iq type='set'><pref xmlns='{NS09}'><default save='maybe' otr='allow'/></pref></iq>",
        f"<iq type='set'><pref xmlns='{NS09}'><default save='body' otr='never'/></pref></iq>",
        f"<iq type='set'><pref xmlns='{NS09}'><item save='body' otr='allow'/></pref></iq>",
        f"<iq type='set'><pref xmlns='{NS09}'><default save='body' expire='soon'/></pref></iq>",
        f"<iq type='set'><pref xmlns='{NS09}'><method type='auto'/></pref></iq>",
        f"<iq type='set'><pref xmlns='{NS09}'/></iq>",
    ]
    async with client_session(prosody) as client:
        for request in bad:
            assert error_condition(await exchange(client, d, request)) == "bad-request", request


@dialects
async def test_storing_messages_then_retrieving_them(prosody: ProsodyServer, d: Dialect):
    async with client_session(prosody) as client:
        assert_result(await exchange(client, d, seed_request(15)))
        listed = assert_result(await exchange(client, d, seed_request(24)))
        answer = assert_result(await exchange(client, d, seed_request(30)))
    [c] = collections_of(listed, d)
    assert (c.get("with"), c.get("start"), c.get("subject")) == (
        "juliet@capulet.com/chamber",
        "1469-07-21T02:56:15Z",
        "She speaks!",
    )
    assert c.get("crypt") is None
    collection = answer.find(d.q(d.collection))
    items = [
        (el.tag.split("}")[1], el.get("secs") or el.get("utc"), el.findtext(d.q("body")) or el.text)
        for el in collection
        if not el.tag.endswith("}set")
    ]
    assert items == [
        ("from", "0", "Art thou not Romeo, and a Montague?"),
        ("to", "11", "Neither, fair saint, if either thee dislike."),
        ("from", "14", "How cam'st thou hither, tell me, and wherefore?"),
        ("note", "1469-07-21T03:04:35Z", "I think she might fancy me."),
    ]
    assert rsm(collection) == {"first": "0", "index": "0", "last": "3", "count": "4"}


@dialects
async def test_storing_again_appends_and_keeps_utc_and_nicknames(
    prosody: ProsodyServer, d: Dialect
):
    async with client_session(prosody) as client:
        assert_result(await exchange(client, d, seed_request(15)))
        assert_result(await exchange(client, d, seed_request(18)))  # offline: utc, appended
        assert_result(await exchange(client, d, seed_request(19)))  # groupchat: name
        one = await exchange(client, d, seed_request(30))
        room = await exchange(
            client,
            d,
            seed_request(30)
            .replace("juliet@capulet.com/chamber", "balcony@house.capulet.com")
            .replace("02:56:15Z", "03:16:37Z"),
        )
    messages = list(one.find(d.q(d.collection)).iter(d.q("from")))
    assert len(messages) == 4
    assert messages[2].get("utc") == "1469-07-21T00:32:29Z"
    names = [el.get("name") for el in room.find(d.q(d.collection)).iter(d.q("from"))]
    assert names == ["benvolio", "mercutio", "romeo"]


@dialects
async def test_changing_the_subject_without_appending(prosody: ProsodyServer, d: Dialect):
    async with client_session(prosody) as client:
        assert_result(await exchange(client, d, seed_request(15)))
        assert_result(await exchange(client, d, seed_request(20)))
        listed = await exchange(client, d, seed_request(24))
        answer = await exchange(client, d, seed_request(30))
    [c] = collections_of(listed, d)
    assert c.get("subject") == "She speaks twice!"
    assert rsm(answer.find(d.q(d.collection)))["count"] == "4"


@dialects
async def test_an_empty_collection_is_an_empty_element(prosody: ProsodyServer, d: Dialect):
    async with client_session(prosody) as client:
        assert_result(await exchange(client, d, seed_request(20)))  # creates it, empty
        answer = assert_result(await exchange(client, d, seed_request(30)))
    collection = answer.find(d.q(d.collection))
    assert collection.get("subject") == "She speaks twice!"
    assert list(collection) == []


@dialects
async def test_retrieving_an_unknown_collection_is_item_not_found(
    prosody: ProsodyServer, d: Dialect
):
    async with client_session(prosody) as client:
        assert error_condition(await exchange(client, d, seed_request(30))) == "item-not-found"


@dialects
async def test_collections_are_found_by_normalised_start(prosody: ProsodyServer, d: Dialect):
    async with client_session(prosody) as client:
        assert_result(
            await exchange(
                client,
                d,
                store_request(
                    d,
                    "nurse@capulet.com/kitchen",
                    "1469-07-21T04:56:15.250+02:00",
                    "<note>x</note>",
                ),
            )
        )
        assert_result(
            await exchange(
                client,
                d,
                store_request(
                    d, "nurse@capulet.com/kitchen", "0000-01-01T00:00:00Z", "<note>y</note>"
                ),
            )
        )
        listed = await exchange(client, d, f"<iq type='get'><list xmlns='{NS09}'/></iq>")
        same = await exchange(
            client,
            d,
            (
                f"<iq type='get'><retrieve xmlns='{NS09}' with='nurse@capulet.com/kitchen' "
                "start='1469-07-21T02:56:15.25000Z'/></iq>"
            ),
        )
    assert starts(collections_of(listed, d)) == ["0000-01-01T00:00:00Z", "1469-07-21T02:56:15.25Z"]
    assert same.find(d.q(d.collection)).findtext(d.q("note")) == "x"


@dialects
async def test_retrieving_a_long_collection_page_by_page(prosody: ProsodyServer, d: Dialect):
    body = "".join(f"<to secs='1'><body>line {i}</body></to>" for i in range(217))
    async with client_session(prosody) as client:
        assert_result(
            await exchange(
                client,
                d,
                store_request(
                    d, "juliet@capulet.com/chamber", "1469-07-21T02:56:15Z", body, "She speaks!"
                ),
            )
        )
        first = (await exchange(client, d, seed_request(30))).find(d.q(d.collection))
        second = (await exchange(client, d, seed_request(34))).find(d.q(d.collection))
        last = (
            await exchange(
                client, d, seed_request(30).replace("<max>100</max>", "<max>100</max><before/>")
            )
        ).find(d.q(d.collection))
    assert rsm(first) == {"first": "0", "index": "0", "last": "99", "count": "217"}
    assert [el.findtext(d.q("body")) for el in first.findall(d.q("to"))][:2] == ["line 0", "line 1"]
    assert rsm(second)["index"] == "100"
    assert second.find(d.q("to")).findtext(d.q("body")) == "line 100"
    assert len(last.findall(d.q("to"))) == 100
    assert rsm(last)["index"] == "117"
    assert last.findall(d.q("to"))[-1].findtext(d.q("body")) == "line 216"


async def test_encrypted_collections_carry_their_keys(prosody: ProsodyServer):
    d = SEED
    async with client_session(prosody) as client:
        assert_result(await exchange(client, d, seed_request(21)))
        listed = await exchange(client, d, seed_request(26))
        everything = await exchange(client, d, seed_request(35))
        one_key = await exchange(client, d, seed_request(37))
    [c] = collections_of(listed, d)
    assert c.get("crypt") == "true"
    store = everything.find(d.q("store"))
    assert len(store.findall(f"{{{XENC}}}EncryptedData")) == 1
    names = [
        k.findtext(f"{{{DS}}}KeyInfo/{{{DS}}}KeyName")
        for k in store.findall(f"{{{XENC}}}EncryptedKey")
    ]
    assert names == ["romeoPublicKey1fingerprint", "romeoPublicKey2fingerprint"]
    data = store.find(f"{{{XENC}}}EncryptedData")
    assert data.get("Type") == "http://www.w3.org/2001/04/xmlenc#Content"
    assert data.findtext(f"{{{XENC}}}CipherData/{{{XENC}}}CipherValue") == (
        "+OGQ0SR+ysraP6LnD43m77VkIVni5c7yPeIbkFdicZ"
    )
    assert rsm(store)["count"] == "1"  # keys ride along, they are not items
    keys = one_key.find(d.q("store")).findall(f"{{{XENC}}}EncryptedKey")
    assert [k.findtext(f"{{{DS}}}KeyInfo/{{{DS}}}KeyName") for k in keys] == [
        "romeoPublicKey1fingerprint"
    ]


async def test_a_page_returns_only_the_keys_its_data_references(prosody: ProsodyServer):
    d = SEED
    enc = (
        "<EncryptedData xmlns='{x}'><KeyInfo xmlns='{ds}'><KeyName>{k}</KeyName></KeyInfo>"
        "<CipherData><CipherValue>AAAA</CipherValue></CipherData></EncryptedData>"
    )
    key = (
        "<EncryptedKey xmlns='{x}'><CarriedKeyName>{k}</CarriedKeyName>"
        "<KeyInfo xmlns='{ds}'><KeyName>pub1</KeyName></KeyInfo>"
        "<CipherData><CipherValue>BBBB</CipherValue></CipherData></EncryptedKey>"
    )
    body = "".join(enc.format(x=XENC, ds=DS, k=k) for k in ("k1", "k2")) + "".join(
        key.format(x=XENC, ds=DS, k=k) for k in ("k1", "k2")
    )
    async with client_session(prosody) as client:
        assert_result(
            await exchange(
                client,
                d,
                store_request(d, "juliet@capulet.com/chamber", "1469-07-23T19:22:31Z", body),
            )
        )
        page = await exchange(client, d, seed_request(35).replace("<max>5</max>", "<max>1</max>"))
    store = page.find(d.q("store"))
    carried = [
        k.findtext(f"{{{XENC}}}CarriedKeyName") for k in store.findall(f"{{{XENC}}}EncryptedKey")
    ]
    assert carried == ["k1"]
    assert rsm(store) == {"first": "0", "index": "0", "last": "0", "count": "2"}


@dialects
async def test_auto_archiving_toggles_but_server_side_encryption_is_refused(
    prosody: ProsodyServer, d: Dialect
):
    async with client_session(prosody) as client:
        assert_result(await exchange(client, d, seed_request(22)))
        pref = await exchange(client, d, seed_request(3))
        refused = await exchange(client, d, seed_request(23))
        bad = await exchange(
            client, d, f"<iq type='set'><auto xmlns='{NS09}' save='perhaps'/></iq>"
        )
    assert pref.find(d.q("pref")).find(d.q("auto")).get("save") == "true"
    assert error_condition(refused) == "feature-not-implemented"
    assert error_condition(bad) == "bad-request"


async def _store_the_seeds_collections(client, d: Dialect) -> None:
    for example in (15, 19, 21):
        request = seed_request(example)
        if example == 21 and d is V1:
            request = store_request(
                d, "juliet@capulet.com/chamber", "1469-07-23T19:22:31Z", "<note>later</note>"
            )
        assert_result(await exchange(client, d, request))
    for start, with_ in (
        ("1469-07-20T10:00:00Z", "romeo@montague.net/orchard"),
        ("1479-07-21T05:00:00Z", "juliet@capulet.com/tomb"),
    ):
        assert_result(await exchange(client, d, store_request(d, with_, start, "<note>n</note>")))


@dialects
async def test_listing_by_jid_and_time(prosody: ProsodyServer, d: Dialect):
    async with client_session(prosody) as client:
        await _store_the_seeds_collections(client, d)
        same_jid = await exchange(client, d, seed_request(24))
        between = await exchange(client, d, seed_request(25))
        after = await exchange(client, d, seed_request(26))
        domain = await exchange(
            client, d, seed_request(24).replace("with='juliet@capulet.com'", "with='capulet.com'")
        )
        full = await exchange(
            client,
            d,
            seed_request(24).replace("with='juliet@capulet.com'", "with='juliet@capulet.com/tomb'"),
        )
        before = await exchange(
            client, d, (f"<iq type='get'><list xmlns='{NS09}' end='1469-07-21T03:00:00Z'/></iq>")
        )
    assert starts(collections_of(same_jid, d)) == [
        "1469-07-21T02:56:15Z",
        "1469-07-23T19:22:31Z",
        "1479-07-21T05:00:00Z",
    ]
    assert starts(collections_of(between, d)) == ["1469-07-21T02:56:15Z", "1469-07-23T19:22:31Z"]
    assert starts(collections_of(after, d)) == [
        "1469-07-21T02:56:15Z",
        "1469-07-21T03:16:37Z",
        "1469-07-23T19:22:31Z",
        "1479-07-21T05:00:00Z",
    ]
    assert rsm(after.find(d.q("list")))["count"] == "4"
    # A domain matches its own JIDs only: the balcony at house.capulet.com is not included.
    assert len(collections_of(domain, d)) == 3
    assert starts(collections_of(full, d)) == ["1479-07-21T05:00:00Z"]
    assert starts(collections_of(before, d)) == ["1469-07-20T10:00:00Z", "1469-07-21T02:56:15Z"]


@dialects
async def test_the_second_page_of_a_list_follows_the_first(prosody: ProsodyServer, d: Dialect):
    async with client_session(prosody) as client:
        await _store_the_seeds_collections(client, d)
        first = await exchange(client, d, seed_request(26).replace("<max>30</max>", "<max>2</max>"))
        last_id = rsm(first.find(d.q("list")))["last"]
        second = await exchange(
            client,
            d,
            seed_request(29)
            .replace("1469-07-21T03:16:37Zbalcony@house.capulet.com", last_id)
            .replace("<max>30</max>", "<max>2</max>"),
        )
    assert starts(collections_of(first, d)) == ["1469-07-21T02:56:15Z", "1469-07-21T03:16:37Z"]
    assert starts(collections_of(second, d)) == ["1469-07-23T19:22:31Z", "1479-07-21T05:00:00Z"]
    assert rsm(second.find(d.q("list")))["index"] == "2"


@dialects
async def test_an_empty_list_is_an_empty_element(prosody: ProsodyServer, d: Dialect):
    async with client_session(prosody) as client:
        answer = assert_result(await exchange(client, d, seed_request(24)))
    assert list(answer.find(d.q("list"))) == []


REMOVALS = {
    38: [
        "1469-07-20T10:00:00Z",
        "1469-07-21T03:16:37Z",
        "1469-07-23T19:22:31Z",
        "1479-07-21T05:00:00Z",
    ],
    39: [
        "1469-07-20T10:00:00Z",
        "1469-07-21T03:16:37Z",
        "1469-07-23T19:22:31Z",
        "1479-07-21T05:00:00Z",
    ],
    40: ["1469-07-20T10:00:00Z"],
    41: ["1469-07-23T19:22:31Z", "1479-07-21T05:00:00Z"],
    42: [],
}


@dialects
async def test_removing_collections(prosody: ProsodyServer, d: Dialect):
    async with client_session(prosody) as client:
        for example, remaining in REMOVALS.items():
            await exchange(client, d, f"<iq type='set'><remove xmlns='{NS09}'/></iq>")
            await _store_the_seeds_collections(client, d)
            assert_result(await exchange(client, d, seed_request(example)))
            again = await exchange(client, d, seed_request(example))
            listed = await exchange(client, d, f"<iq type='get'><list xmlns='{NS09}'/></iq>")
            assert starts(collections_of(listed, d)) == remaining, example
            assert error_condition(again) == "item-not-found", example


@dialects
async def test_removing_open_collections_only_touches_recorded_ones(
    prosody: ProsodyServer, d: Dialect
):
    async with client_session(prosody) as client:
        await _store_the_seeds_collections(client, d)
        for example in (43, 44):
            assert error_condition(await exchange(client, d, seed_request(example))) == (
                "item-not-found"
            )
        listed = await exchange(client, d, f"<iq type='get'><list xmlns='{NS09}'/></iq>")
    assert len(collections_of(listed, d)) == 5


async def test_replacing_encrypted_keys(prosody: ProsodyServer):
    d = SEED
    async with client_session(prosody) as client:
        assert_result(await exchange(client, d, seed_request(21)))
        before = await exchange(client, d, seed_request(46))
        assert_result(await exchange(client, d, seed_request(48)))
        # the seed deletes with type='get' (the file here says 'set'): accepted all the same
        assert_result(await exchange(client, d, seed_request(49).replace("'set'", "'get'")))
        old = await exchange(client, d, seed_request(46))
        new = await exchange(
            client,
            d,
            seed_request(46).replace("romeoPublicKey1fingerprint", "romeoPublicKey2fingerprint"),
        )
        missing = await exchange(
            client,
            d,
            seed_request(49).replace("19:22:31Z", "19:22:32Z"),
        )
    [store] = collections_of(before, d, "keys")
    assert (store.get("with"), store.get("start")) == (
        "juliet@capulet.com/chamber",
        "1469-07-23T19:22:31Z",
    )
    assert len(store.findall(f"{{{XENC}}}EncryptedKey")) == 1
    assert rsm(before.find(d.q("keys")))["count"] == "1"
    assert list(old.find(d.q("keys"))) == []
    [store] = collections_of(new, d, "keys")
    assert len(store.findall(f"{{{XENC}}}EncryptedKey")) == 3  # one from 21, two from 48
    assert error_condition(missing) == "item-not-found"


@dialects
async def test_modifications_list_changes_and_removals_in_order(prosody: ProsodyServer, d: Dialect):
    async with client_session(prosody) as client:
        await _store_the_seeds_collections(client, d)
        assert_result(await exchange(client, d, seed_request(38)))  # removes 02:56:15
        assert_result(
            await exchange(
                client,
                d,
                store_request(
                    d, "romeo@montague.net/orchard", "1469-07-20T10:00:00Z", "<note>again</note>"
                ),
            )
        )
        answer = await exchange(client, d, seed_request(50))
        first = await exchange(client, d, seed_request(50).replace("<max>50</max>", "<max>2</max>"))
        last = rsm(first.find(d.q("modified")))["last"]
        assert last is not None
        if d is SEED:  # the seed's <last/> is a time, given back as <after/>
            rest = await exchange(client, d, seed_request(50).replace("1469-07-21T01:14:47Z", last))
        else:  # 1.x: the time stays in 'start', <after/> is the server's id
            rest = await send_raw(
                client,
                f"<iq type='get'><modified xmlns='{NS1}' start='1469-07-21T01:14:47Z'>"
                f"<set xmlns='{RSM}'><max>50</max><after>{last}</after></set></modified></iq>",
            )
            stale = await send_raw(
                client,
                f"<iq type='get'><modified xmlns='{NS1}' start='1970-01-01T00:00:00Z'>"
                f"<set xmlns='{RSM}'><after>1970-01-01T00:00:00Z</after></set></modified></iq>",
            )
            assert error_condition(stale) == "item-not-found"  # a time is not an id of 1.x
    modified = answer.find(d.q("modified"))
    entries = [
        (el.tag.split("}")[1], el.get("start")) for el in modified if not el.tag.endswith("}set")
    ]
    assert entries == [
        ("changed", "1469-07-21T03:16:37Z"),
        ("changed", "1469-07-23T19:22:31Z"),
        ("changed", "1479-07-21T05:00:00Z"),
        ("removed", "1469-07-21T02:56:15Z"),
        ("changed", "1469-07-20T10:00:00Z"),
    ]
    assert rsm(modified)["count"] == "5"
    assert len([el for el in rest.find(d.q("modified")) if not el.tag.endswith("}set")]) == 3


@dialects
async def test_too_large_a_collection_is_not_acceptable(make_prosody, d: Dialect):
    server = make_prosody(max_store_size=600)
    async with client_session(server) as client:
        assert_result(await exchange(client, d, seed_request(15)))  # about 400 bytes
        refused = await exchange(client, d, seed_request(15))
        answer = await exchange(client, d, seed_request(30))
    assert error_condition(refused) == "not-acceptable"
    assert rsm(answer.find(d.q(d.collection)))["count"] == "4"


@dialects
async def test_malformed_requests_are_bad_requests(prosody: ProsodyServer, d: Dialect):
    ns = NS09
    bad = [
        f"<iq type='get'><list xmlns='{ns}' start='yesterday'/></iq>",
        f"<iq type='get'><list xmlns='{ns}' with='a@b@c'/></iq>",
        f"<iq type='get'><list xmlns='{ns}'>{rsm_set()[:-6]}<max>many</max></set></list></iq>",
        f"<iq type='get'><retrieve xmlns='{ns}' with='juliet@capulet.com/chamber'/></iq>",
        f"<iq type='get'><retrieve xmlns='{ns}' start='1469-07-21T02:56:15Z'/></iq>",
        f"<iq type='get'><retrieve xmlns='{ns}' with='j@c/x' start='1469-13-21T02:56:15Z'/></iq>",
        f"<iq type='set'><remove xmlns='{ns}' end='not a date'/></iq>",
        # the seed's time of the last change, 1.x's 'start' (a 1.x <after/> is an opaque id)
        f"<iq type='get'><modified xmlns='{ns}'>{rsm_set(5, after='last tuesday')}</modified></iq>"
        if d is SEED
        else f"<iq type='get'><modified xmlns='{ns}' start='last tuesday'/></iq>",
        store_request(SEED, "", "1469-07-21T02:56:15Z"),
        store_request(SEED, "juliet@capulet.com", "1469-07-21 02:56:15"),
        store_request(
            SEED,
            "juliet@capulet.com",
            "1469-07-21T02:56:15Z",
            "<from secs='-3'><body>x</body></from>",
        ),
        store_request(
            SEED, "juliet@capulet.com", "1469-07-21T02:56:15Z", "<note utc='noon'>x</note>"
        ),
    ]
    async with client_session(prosody) as client:
        for request in bad:
            answer = await exchange(client, d, request)
            assert error_condition(answer) == "bad-request", request


ELEMENTS = {
    NS09: {
        "get": ["pref", "list", "retrieve", "modified", "keys", "delete"],
        "set": ["pref", "auto", "store", "remove", "delete"],
    },
    V1.ns: {
        "get": ["pref", "list", "retrieve", "modified"],
        "set": ["pref", "auto", "save", "remove", "itemremove", "sessionremove"],
    },
}
JUNK = [
    "",
    " with='@@' start='x' end='y' open='maybe' exactmatch='2' save='' encrypt='no'",
    " with='juliet@capulet.com' start='0000-00-00T00:00:00Z' end='9999-12-31T23:59:60Z'",
]
JUNK_CHILDREN = [
    "",
    f"<set xmlns='{RSM}'><max>-1</max><after/><before>zz</before><index>x</index></set>",
    f"<set xmlns='{RSM}'><max>99999999999999999999</max><index>99999999</index></set>",
    "<default/><item/><method/><session/><chat/><store/><unknown xmlns='urn:x'/>",
    f"<KeyName xmlns='{DS}'/><EncryptedKey xmlns='{XENC}'/><EncryptedData xmlns='{XENC}'/>",
]


@pytest.mark.parametrize("ns", list(ELEMENTS), ids=["v0.9", "v1"])
async def test_no_request_makes_the_module_fail(prosody: ProsodyServer, ns: str):
    async with client_session(prosody) as client:
        for iq_type, names in ELEMENTS[ns].items():
            for name in names:
                for attrs in JUNK:
                    for children in JUNK_CHILDREN:
                        request = (
                            f"<iq type='{iq_type}'><{name} xmlns='{ns}'{attrs}>"
                            f"{children}</{name}></iq>"
                        )
                        answer = await send_raw(client, request)
                        assert error_condition(answer) != "internal-server-error", request
