"""One unreadable collection does not stop a sync: skipped, recorded, retried, named."""

from __future__ import annotations

from pathlib import Path

import pytest

from archiveviewer.domain import CollectionId
from archiveviewer.errors import MalformedInput
from archiveviewer.store import Replica
from archiveviewer.sync import Replicator
from archiveviewer.sync.cursor import SyncCursor
from archiveviewer.sync.skipped import summary
from tests.unit.sync.fakes import FakeServer, make_collection, with_version

pytestmark = pytest.mark.asyncio

REASON = "The conversation with friend3@example.org cannot be read. “1469-02-30” is not a date."


def server_with(count: int) -> FakeServer:
    server = FakeServer()
    for n in range(count):
        server.put(make_collection(n))
    return server


def unreadable(server: FakeServer, *victims: CollectionId) -> None:
    def fail(collection_id: CollectionId) -> None:
        if collection_id in victims and collection_id in server.collections:
            raise MalformedInput(REASON)

    server.before_retrieve = fail


@pytest.mark.parametrize("has_modified", [True, False], ids=["changes", "full-list"])
async def test_the_rest_is_stored_and_the_bad_one_is_named(
    tmp_path: Path, has_modified: bool
) -> None:
    server = server_with(12)
    server.has_modified = has_modified
    victim = sorted(server.collections)[4]
    unreadable(server, victim)
    with Replica(tmp_path / "r.sqlite3") as replica:
        result = await Replicator(server, replica, page_size=5).run()
        assert replica.collection_ids() == set(server.collections) - {victim}
        assert [(s.id, s.reason) for s in result.skipped] == [(victim, REASON)]
        assert replica.unreadable() == {victim: REASON}
    sentence = summary(result.skipped)
    assert sentence is not None
    assert sentence.startswith("1 conversation could not be read and will be tried again")
    assert REASON in sentence


async def test_the_next_sync_retries_it_even_though_the_cursor_moved_on(tmp_path: Path) -> None:
    server = server_with(12)
    victim = sorted(server.collections)[4]
    unreadable(server, victim)
    path = tmp_path / "r.sqlite3"
    with Replica(path) as replica:
        await Replicator(server, replica, page_size=5).run()
        cursor = SyncCursor.decode(replica.cursor())
        assert cursor.complete  # the cursor went past it
        assert cursor.after == server.time_of(12)

    # Still broken: still named, still recorded, nothing else asked again.
    with Replica(path) as replica:
        again = await Replicator(server, replica, page_size=5).run()
    assert [s.id for s in again.skipped] == [victim]

    server.before_retrieve = None  # the server's data was repaired
    with Replica(path) as replica:
        fixed = await Replicator(server, replica, page_size=5).run()
        assert fixed.skipped == ()
        assert fixed.collections_stored == 1
        assert replica.collection(victim) == server.collections[victim]
        assert replica.unreadable() == {}


async def test_a_recorded_one_that_the_server_removed_is_forgotten(tmp_path: Path) -> None:
    server = server_with(6)
    victim = sorted(server.collections)[2]
    unreadable(server, victim)
    path = tmp_path / "r.sqlite3"
    with Replica(path) as replica:
        await Replicator(server, replica).run()
    server.delete(victim)
    with Replica(path) as replica:
        result = await Replicator(server, replica).run()
        assert result.skipped == ()
        assert replica.unreadable() == {}


async def test_a_later_readable_version_on_a_change_page_clears_the_record(
    tmp_path: Path,
) -> None:
    server = server_with(6)
    victim = sorted(server.collections)[2]
    unreadable(server, victim)
    path = tmp_path / "r.sqlite3"
    with Replica(path) as replica:
        await Replicator(server, replica).run()
    server.before_retrieve = None
    server.put(with_version(server.collections[victim], 2))
    with Replica(path) as replica:
        result = await Replicator(server, replica).run()
        assert result.skipped == ()
        assert replica.collection(victim) == server.collections[victim]
        assert replica.unreadable() == {}


async def test_many_skipped_are_summed_up_in_one_sentence(tmp_path: Path) -> None:
    server = server_with(10)
    unreadable(server, *sorted(server.collections)[:5])
    with Replica(tmp_path / "r.sqlite3") as replica:
        result = await Replicator(server, replica).run()
    sentence = summary(result.skipped)
    assert sentence is not None
    assert sentence.startswith("5 conversations could not be read")
    assert sentence.endswith("; and 2 more")
    assert summary(()) is None
