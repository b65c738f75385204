"""mod_archive pages through thousands of collections and changes without losing any."""

from __future__ import annotations

import pytest

from tests.helpers import client_session
from tests.integration.archive_wire import (
    NS09,
    SEED,
    V1,
    assert_result,
    collections_of,
    exchange,
    exchange_all,
    rsm,
    rsm_set,
    starts,
    store_request,
)
from tests.server.prosody import ProsodyServer

pytestmark = [pytest.mark.prosody, pytest.mark.asyncio]

COLLECTIONS = 3000


def _start(i: int) -> str:
    # Spread over years and seconds, and stored out of order, so that order is the server's work.
    return f"{1469 + i % 7:04d}-07-21T{i // 3600 % 24:02d}:{i // 60 % 60:02d}:{i % 60:02d}Z"


def _contact(i: int) -> str:
    return f"friend{i % 5}@verona.example/home"


@pytest.fixture(scope="module")
def many(prosody: ProsodyServer):
    """A user of the session server whose archive holds COLLECTIONS collections (made once)."""
    return prosody.new_user("many")


async def _fill(prosody: ProsodyServer, jid: str, password: str) -> None:
    async with client_session(prosody, jid, password, "filler") as client:
        listed = await exchange(client, SEED, f"<iq type='get'><list xmlns='{NS09}'/></iq>")
        if rsm(listed.find(f"{{{NS09}}}list"))["count"] == str(COLLECTIONS):
            return
        await exchange_all(
            client,
            (
                store_request(SEED, _contact(i), _start(i), f"<note>{i}</note>")
                for i in reversed(range(COLLECTIONS))
            ),
        )


async def test_listing_thousands_of_collections_page_by_page(prosody: ProsodyServer, many):
    jid, password = many
    await _fill(prosody, jid, password)
    expected = sorted((_start(i), _contact(i)) for i in range(COLLECTIONS))
    seen: list[tuple[str, str]] = []
    async with client_session(prosody, jid, password) as client:
        after = None
        while True:
            answer = assert_result(
                await exchange(
                    client,
                    SEED,
                    f"<iq type='get'><list xmlns='{NS09}'>{rsm_set(1000, after=after)}</list></iq>",
                )
            )
            page = answer.find(f"{{{NS09}}}list")
            stores = collections_of(answer, SEED)
            if not stores:
                break
            assert len(stores) == 100  # the server caps <max>
            assert rsm(page)["count"] == str(COLLECTIONS)
            assert rsm(page)["index"] == str(len(seen))
            seen += [(s.get("start"), s.get("with")) for s in stores]
            after = rsm(page)["last"]
    assert seen == expected


async def test_jumping_to_an_index_and_paging_backwards(prosody: ProsodyServer, many):
    jid, password = many
    await _fill(prosody, jid, password)
    expected = sorted(_start(i) for i in range(COLLECTIONS))
    async with client_session(prosody, jid, password) as client:
        middle = await exchange(
            client,
            V1,
            (f"<iq type='get'><list xmlns='{NS09}'>{rsm_set(10, index=1500)}</list></iq>"),
        )
        last = await exchange(
            client,
            SEED,
            (f"<iq type='get'><list xmlns='{NS09}'>{rsm_set(10, before='')}</list></iq>"),
        )
        first_id = rsm(last.find(f"{{{NS09}}}list"))["first"]
        previous = await exchange(
            client,
            SEED,
            (f"<iq type='get'><list xmlns='{NS09}'>{rsm_set(10, before=first_id)}</list></iq>"),
        )
        friend = await exchange(
            client,
            SEED,
            (
                f"<iq type='get'><list xmlns='{NS09}' with='friend3@verona.example' "
                f"start='1470-01-01T00:00:00Z' end='1471-01-01T00:00:00Z'>{rsm_set(5)}</list></iq>"
            ),
        )
    assert starts(collections_of(middle, V1)) == expected[1500:1510]
    assert starts(collections_of(last, SEED)) == expected[-10:]
    assert rsm(last.find(f"{{{NS09}}}list"))["index"] == str(COLLECTIONS - 10)
    assert starts(collections_of(previous, SEED)) == expected[-20:-10]
    in_1470 = sorted(_start(i) for i in range(COLLECTIONS) if i % 7 == 1 and i % 5 == 3)
    assert starts(collections_of(friend, SEED)) == in_1470[:5]
    assert rsm(friend.find(f"{{{NS09}}}list"))["count"] == str(len(in_1470))


async def test_replication_pages_through_every_change_once(prosody: ProsodyServer, many):
    jid, password = many
    await _fill(prosody, jid, password)
    seen: list[tuple[str, str, str]] = []
    async with client_session(prosody, jid, password) as client:
        after = "1970-01-01T00:00:00Z"
        while True:
            answer = assert_result(
                await exchange(
                    client,
                    SEED,
                    (
                        f"<iq type='get'><modified xmlns='{NS09}'>{rsm_set(250, after=after)}"
                        "</modified></iq>"
                    ),
                )
            )
            page = answer.find(f"{{{NS09}}}modified")
            entries = [el for el in page if not el.tag.endswith("}set")]
            if not entries:
                break
            seen += [(el.tag, el.get("start", ""), el.get("with", "")) for el in entries]
            after = rsm(page)["last"]
    # Thousands of changes share each second: none is lost or repeated between pages.
    assert len(seen) == COLLECTIONS
    assert {(s, w) for _, s, w in seen} == {(_start(i), _contact(i)) for i in range(COLLECTIONS)}
    # stored newest first, so the change order is the reverse of the stores' numbering
    assert [s for _, s, _ in seen[:3]] == [_start(i) for i in (2999, 2998, 2997)]


async def test_the_page_size_cap_is_configurable(make_prosody):
    server = make_prosody(max_page_size=5)
    async with client_session(server) as client:
        await exchange_all(
            client,
            (
                store_request(SEED, "nurse@capulet.com/kitchen", f"1469-07-21T02:56:{i:02d}Z")
                for i in range(12)
            ),
        )
        answer = await exchange(
            client, SEED, (f"<iq type='get'><list xmlns='{NS09}'>{rsm_set(50)}</list></iq>")
        )
        default = await exchange(client, SEED, f"<iq type='get'><list xmlns='{NS09}'/></iq>")
    assert len(collections_of(answer, SEED)) == 5
    assert len(collections_of(default, SEED)) == 5
    assert rsm(default.find(f"{{{NS09}}}list"))["count"] == "12"
