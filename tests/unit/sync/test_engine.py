"""The replication engine against an in-memory server and replica."""

from __future__ import annotations

import asyncio
import gc
import threading
from datetime import datetime
from typing import Any

import pytest

from archiveviewer.errors import MalformedInput, ServerError, StoreError
from archiveviewer.sync import Progress, Replicator, SyncMode
from archiveviewer.sync.cursor import BEGINNING
from archiveviewer.sync.ports import ModifiedPage
from tests.unit.sync.fakes import (
    FakeReplica,
    FakeServer,
    make_collection,
    server_error,
    with_version,
)

pytestmark = pytest.mark.asyncio


def server_with(count: int, **options: object) -> FakeServer:
    server = FakeServer(**options)  # type: ignore[arg-type]
    for n in range(count):
        server.put(make_collection(n))
    return server


async def sync(server: FakeServer, replica: FakeReplica, **options: object):  # type: ignore[no-untyped-def]
    async def store_inline(write):  # type: ignore[no-untyped-def]
        write()

    options.setdefault("page_size", 10)
    options.setdefault("store", store_inline)
    return await Replicator(server, replica, **options).run()  # type: ignore[arg-type]


async def test_first_sync_copies_the_whole_archive() -> None:
    server, replica = server_with(25), FakeReplica()
    result = await sync(server, replica)
    assert replica.collections == server.collections
    assert replica.last_id == server.time_of(25)
    assert (result.mode, result.collections_stored, result.messages_stored) == (
        SyncMode.CHANGES, 25, 75,
    )


async def test_incremental_sync_applies_edits_additions_and_removals() -> None:
    server, replica = server_with(12), FakeReplica()
    await sync(server, replica)
    ids = sorted(server.collections)
    server.put(with_version(server.collections[ids[0]], 2))
    server.delete(ids[1])
    server.put(make_collection(100))
    server.requests.clear()

    result = await sync(server, replica)

    assert replica.collections == server.collections
    assert ids[1] not in replica.collections
    assert (result.collections_stored, result.collections_removed) == (2, 1)
    assert sorted(server.requests) == ["modified", "modified", "retrieve", "retrieve", "time"]


async def test_a_sync_with_no_changes_is_the_clock_and_one_request() -> None:
    server, replica = server_with(5), FakeReplica()
    await sync(server, replica)
    server.requests.clear()
    await sync(server, replica)
    assert server.requests == ["time", "modified"]


@pytest.mark.parametrize(("count", "page_size", "modified_requests"), [
    (0, 10, 1), (9, 10, 2), (10, 10, 2), (11, 10, 3), (20, 10, 3), (3, 1, 4),
])
async def test_paging_stops_at_the_first_empty_page(
    count: int, page_size: int, modified_requests: int
) -> None:
    server, replica = server_with(count), FakeReplica()
    await sync(server, replica, page_size=page_size)
    assert replica.collections == server.collections
    assert server.requests.count("modified") == modified_requests
    assert replica.last_id == (server.time_of(count) if count else None)


async def test_a_server_error_mid_paging_is_an_error_and_keeps_the_stored_pages() -> None:
    server, replica = server_with(35), FakeReplica()
    pages = 0

    def fail_third_page(_after: str) -> None:
        nonlocal pages
        pages += 1
        if pages == 3:
            raise server_error("internal-server-error")

    server.before_modified = fail_third_page
    with pytest.raises(ServerError):
        await sync(server, replica, pages_ahead=1)
    assert replica.last_id == server.time_of(20)
    assert replica.collections == {cid: c for cid, c in server.collections.items()
                                   if cid in sorted(server.collections)[:20]}

    server.before_modified = None
    server.requests.clear()
    await sync(server, replica)
    assert replica.collections == server.collections
    assert server.requests.count("retrieve") == 15  # nothing fetched twice


async def test_a_failed_retrieve_stores_nothing_of_its_page() -> None:
    server, replica = server_with(25), FakeReplica()
    victim = sorted(server.collections)[14]

    def fail(collection_id: object) -> None:
        if collection_id == victim:
            raise server_error("internal-server-error")

    server.before_retrieve = fail
    with pytest.raises(ServerError):
        await sync(server, replica)
    assert replica.last_id == server.time_of(10)
    assert len(replica.collections) == 10
    assert victim not in replica.collections


async def test_failed_retrieves_leave_no_task_behind() -> None:
    server, replica = server_with(25), FakeReplica()
    failing = set(sorted(server.collections)[12:16])
    loop_errors: list[dict[str, object]] = []
    asyncio.get_running_loop().set_exception_handler(lambda _loop, ctx: loop_errors.append(ctx))

    def fail(collection_id: object) -> None:
        if collection_id in failing:
            raise server_error("internal-server-error")

    server.before_retrieve = fail
    with pytest.raises(ServerError):
        await sync(server, replica)
    await asyncio.sleep(0)
    gc.collect()
    assert server.in_flight == 0
    assert loop_errors == []  # no "Task exception was never retrieved"


async def test_a_store_failure_leaves_the_cursor_where_it_was() -> None:
    server, replica = server_with(25), FakeReplica(fail_apply_at=2)
    with pytest.raises(StoreError):
        await sync(server, replica)
    assert replica.last_id == server.time_of(10)
    assert len(replica.collections) == 10


async def test_cancelling_keeps_the_replica_at_the_last_stored_page_and_resumes() -> None:
    server, replica = server_with(30), FakeReplica()
    stuck = asyncio.Event()
    held = sorted(server.collections)[15]

    async def hold(collection_id: object) -> None:
        if collection_id == held:
            stuck.set()
            await asyncio.Event().wait()  # never answers

    server.before_retrieve = hold
    task = asyncio.create_task(sync(server, replica))
    await stuck.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert replica.last_id == server.time_of(10)
    assert set(replica.collections) == set(sorted(server.collections)[:10])
    assert server.in_flight == 0  # no retrieve left running

    server.before_retrieve = None
    await sync(server, replica)
    assert replica.collections == server.collections


async def test_retrieves_run_concurrently_within_the_window() -> None:
    server, replica = server_with(60), FakeReplica()
    server.retrieve_delay = 0.001
    await sync(server, replica, window=4, page_size=20)
    assert server.max_in_flight == 4
    assert replica.collections == server.collections


async def test_a_collection_gone_before_its_retrieve_is_removed_locally() -> None:
    server, replica = server_with(3), FakeReplica()
    await sync(server, replica)
    victim = sorted(server.collections)[0]
    server.put(with_version(server.collections[victim], 2))

    def vanish(collection_id: object) -> None:
        server.collections.pop(victim, None)  # removed on the server meanwhile

    server.before_retrieve = vanish
    seen: list[Progress] = []
    await sync(server, replica, on_progress=seen.append)
    assert victim not in replica.collections
    assert seen[-1].collections_done == seen[-1].collections_total == 1


async def test_the_latest_change_of_a_collection_on_a_page_wins() -> None:
    server, replica = server_with(2), FakeReplica()
    await sync(server, replica)
    victim = sorted(server.collections)[0]
    server.delete(victim)
    server.put(make_collection(0, messages=5, version=3))
    await sync(server, replica)
    assert replica.collections == server.collections


async def test_a_short_page_is_not_the_end() -> None:
    server, replica = server_with(25), FakeReplica()
    real = server.modified_page

    async def capped(since: datetime, after: str | None, max_items: int) -> ModifiedPage:
        return await real(since, after, min(max_items, 4))  # the server sends at most 4

    server.modified_page = capped  # type: ignore[method-assign]
    await sync(server, replica)
    assert replica.collections == server.collections


async def test_a_page_that_does_not_move_the_cursor_is_malformed() -> None:
    server, replica = server_with(3), FakeReplica()

    async def stuck(since: datetime, after: str | None, max_items: int) -> ModifiedPage:
        changes = (await FakeServer.modified_page(server, BEGINNING, None, 1)).changes
        return ModifiedPage(changes, "2001-01-01T00:00:00Z")

    server.modified_page = stuck  # type: ignore[method-assign]
    replica.stored_cursor = "2001-01-01T00:00:00Z"
    with pytest.raises(MalformedInput):
        await sync(server, replica)


async def test_a_page_without_a_last_time_is_malformed() -> None:
    server, replica = server_with(10), FakeReplica()
    real = server.modified_page

    async def no_last(since: datetime, after: str | None, max_items: int) -> ModifiedPage:
        page = await real(since, after, max_items)
        return ModifiedPage(page.changes, None)

    server.modified_page = no_last  # type: ignore[method-assign]
    with pytest.raises(MalformedInput):
        await sync(server, replica)
    assert replica.stored_cursor is None
    assert replica.collections == {}


async def test_progress_reaches_the_totals() -> None:
    server, replica = server_with(23), FakeReplica()
    seen: list[Progress] = []
    await sync(server, replica, on_progress=seen.append)
    last = seen[-1]
    assert (last.collections_done, last.collections_total) == (23, 23)
    assert (last.messages_done, last.messages_total) == (69, 69)
    done = [p.collections_done for p in seen]
    assert done == sorted(done)


class ThreadRecordingReplica(FakeReplica):
    """Remembers the thread of every write."""

    def __init__(self) -> None:
        super().__init__()
        self.threads: list[threading.Thread] = []

    def apply(self, *args: Any) -> None:  # type: ignore[override]
        self.threads.append(threading.current_thread())
        super().apply(*args)


async def test_writes_run_on_a_writer_thread_of_its_own_by_default() -> None:
    server, replica = server_with(15), ThreadRecordingReplica()
    await Replicator(server, replica, page_size=10).run()
    assert replica.collections == server.collections
    [writer] = set(replica.threads)  # one thread, never the loop's (qasync) executor
    assert writer is not threading.main_thread()
    assert writer.name.startswith("replica-writer")
    assert not writer.is_alive()  # shut down: nothing writes after run() returned


async def test_the_writer_thread_is_shut_down_after_a_failure() -> None:
    server, replica = server_with(25), ThreadRecordingReplica()
    replica.fail_apply_at = 2
    with pytest.raises(StoreError):
        await Replicator(server, replica, page_size=10).run()
    assert replica.last_id == server.time_of(10)
    assert replica.threads
    assert not any(t.is_alive() for t in replica.threads)


# --- servers without <modified/> -------------------------------------------------


async def test_without_modified_a_full_list_makes_the_replica_equal() -> None:
    server, replica = server_with(25, has_modified=False), FakeReplica()
    result = await sync(server, replica)
    assert result.mode is SyncMode.FULL_LIST
    assert replica.collections == server.collections
    assert replica.full_list_at is not None
    assert "modified" not in server.requests


async def test_full_list_retrieves_only_what_changed_and_deletes_what_is_gone() -> None:
    server, replica = server_with(25, has_modified=False), FakeReplica()
    await sync(server, replica)
    ids = sorted(server.collections)
    server.put(with_version(server.collections[ids[3]], 2))
    server.delete(ids[4])
    server.put(make_collection(200))
    server.requests.clear()

    result = await sync(server, replica)

    assert replica.collections == server.collections
    assert server.requests.count("retrieve") == 2
    assert (result.collections_stored, result.collections_removed) == (2, 1)


async def test_full_list_compares_message_counts_when_there_is_no_version() -> None:
    server = server_with(5, has_modified=False, list_reports_count=True)
    replica = FakeReplica()
    await sync(server, replica)
    grown = sorted(server.collections)[2]
    server.put(with_version(server.collections[grown], 1, messages=9))
    server.requests.clear()
    await sync(server, replica)
    assert replica.collections == server.collections
    assert server.requests.count("retrieve") == 1


async def test_a_server_answering_feature_not_implemented_gets_a_full_list() -> None:
    server = server_with(5)
    server.has_modified = False

    async def claims_support() -> bool:
        return True

    server.supports_modified = claims_support  # type: ignore[method-assign]
    replica = FakeReplica()
    result = await sync(server, replica)
    assert result.mode is SyncMode.FULL_LIST
    assert replica.collections == server.collections


async def test_an_error_while_listing_deletes_nothing() -> None:
    server, replica = server_with(25, has_modified=False), FakeReplica()
    await sync(server, replica)
    for cid in sorted(server.collections)[:5]:
        server.delete(cid)

    def fail_second_page(after: str | None) -> None:
        if after is not None:
            raise server_error("internal-server-error")

    server.before_list = fail_second_page
    with pytest.raises(ServerError):
        await sync(server, replica)
    assert len(replica.collections) == 25


async def test_full_list_window_is_bounded() -> None:
    server, replica = server_with(40, has_modified=False), FakeReplica()
    server.retrieve_delay = 0.001
    await sync(server, replica, window=5)
    assert server.max_in_flight == 5
