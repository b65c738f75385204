"""Replication on servers that differ from the text: each row is a server and what it does.

Every case runs a first sync, changes the server (an edit of an early
collection, a new one, a removal), runs an incremental sync, and wants the
replica equal to the server.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from archiveviewer.sync import Replicator
from archiveviewer.sync.cursor import BEGINNING, OVERLAP, SyncCursor, next_since
from tests.unit.sync.fakes import FakeReplica, FakeServer, make_collection, with_version

pytestmark = pytest.mark.asyncio


async def _store_inline(write):  # type: ignore[no-untyped-def]
    write()


async def sync(server: FakeServer, replica: FakeReplica, **options: object):  # type: ignore[no-untyped-def]
    options.setdefault("page_size", 4)
    return await Replicator(server, replica, store=_store_inline, **options).run()  # type: ignore[arg-type]


SERVERS = {
    "by the text": {},
    "orders changes by collection start": {"order_by_start": True},
    "does not tell its time": {"tells_time": False},
    "by start, no time": {"order_by_start": True, "tells_time": False},
}


@pytest.mark.parametrize("options", SERVERS.values(), ids=SERVERS.keys())
async def test_an_incremental_sync_ends_equal_to_the_server(options: dict[str, bool]) -> None:
    server, replica = FakeServer(**options), FakeReplica()
    for n in range(10):
        server.put(make_collection(n))
    await sync(server, replica)
    ids = sorted(server.collections)
    server.put(with_version(server.collections[ids[0]], 2))  # the earliest collection, edited
    server.delete(ids[5])
    server.put(make_collection(50))
    result = await sync(server, replica)
    assert replica.collections == server.collections
    assert result.collections_removed == 1
    assert not result.restarted


@pytest.mark.parametrize(("versions", "retrieves"), [(True, 2), (False, 11)])
async def test_changes_asked_for_again_are_retrieved_again_only_without_a_version(
    versions: bool, retrieves: int
) -> None:
    server = FakeServer(ignores_since=True, reports_versions=versions)
    replica = FakeReplica()
    for n in range(10):
        server.put(make_collection(n))
    await sync(server, replica)
    server.put(with_version(server.collections[sorted(server.collections)[0]], 2))
    server.put(make_collection(40))
    server.requests.clear()
    await sync(server, replica)  # every change is listed again
    assert replica.collections == server.collections
    assert server.requests.count("retrieve") == retrieves


async def test_a_forgotten_id_starts_again_from_the_time() -> None:
    server, replica = FakeServer(), FakeReplica()
    for n in range(10):
        server.put(make_collection(n))

    def stop_after_two_pages(after: str | None) -> None:
        if after == server.time_of(8):
            raise KeyboardInterrupt  # the sync is interrupted with a page stored

    server.before_modified = stop_after_two_pages
    with pytest.raises(KeyboardInterrupt):
        await sync(server, replica, pages_ahead=1)
    assert replica.last_id == server.time_of(8)
    server.before_modified = None
    server.forgotten = {server.time_of(8)}  # a restart: the id stored is gone
    result = await sync(server, replica)
    assert replica.collections == server.collections
    assert result.restarted


async def test_a_removal_the_server_forgot_is_found_by_the_periodic_full_list() -> None:
    server, replica = FakeServer(forgets_removals=True), FakeReplica()
    for n in range(6):
        server.put(make_collection(n))
    await sync(server, replica)
    gone = sorted(server.collections)[2]
    server.delete(gone)
    quiet = await sync(server, replica)  # the last comparison is recent: not yet
    assert gone in replica.collections
    assert not quiet.compared_list
    replica.full_list_at = datetime.now(UTC) - timedelta(days=8)
    due = await sync(server, replica)
    assert replica.collections == server.collections
    assert (due.compared_list, due.collections_removed) == (True, 1)


# --- the cursor: one table, both directions ------------------------------------------------

T = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
CURSORS = [
    (None, SyncCursor()),
    ("2001-01-01T00:00:00Z", SyncCursor(after="2001-01-01T00:00:00Z")),  # an older version's
    (SyncCursor(T, "c42", complete=True).encode(), SyncCursor(T, "c42", complete=True)),
    (SyncCursor(T, "ja9", started=T).encode(), SyncCursor(T, "ja9", started=T)),
    (SyncCursor().encode(), SyncCursor()),
]


@pytest.mark.parametrize(("text", "cursor"), CURSORS)
async def test_the_stored_cursor_reads_back(text: str | None, cursor: SyncCursor) -> None:
    assert SyncCursor.decode(text) == cursor
    if text is not None and text.startswith("{"):
        assert cursor.encode() == text


@pytest.mark.parametrize(
    ("started", "last", "previous", "since"),
    [
        (T, "c42", BEGINNING, T - OVERLAP),  # the server's clock, less the overlap
        (None, "2026-03-01T12:00:00Z", BEGINNING, T - OVERLAP),  # the seed's <last/> is a time
        (None, "ja923ljasnvla09woei777", T, T),  # nothing better: stay where it was
        (T, None, T + timedelta(hours=1), T + timedelta(hours=1)),  # never back
    ],
)
async def test_where_the_next_sync_asks_from(
    started: datetime | None, last: str | None, previous: datetime, since: datetime
) -> None:
    assert next_since(started, last, previous) == since
