"""Replicating a message archive (XEP-0313) into a real replica, against an in-memory archive."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from pathlib import Path

import pytest

from archiveviewer.domain import ArchivedMessage
from archiveviewer.errors import MalformedInput, ServerError
from archiveviewer.protocol.mam import ArchiveTarget, MamPage, MamQuery
from archiveviewer.store import Replica
from archiveviewer.store.archives import ArchiveStore
from archiveviewer.sync.conversations import ConversationRule
from archiveviewer.sync.mam import ArchiveReplicator
from tests.unit.sync.archive_fakes import ACCOUNT, T0, FakeArchive, chat_history, message

pytestmark = pytest.mark.asyncio
RULE = ConversationRule(timedelta(minutes=30))
ME = ArchiveTarget(ACCOUNT)


async def sync(archive: FakeArchive, path: Path, page_size: int = 10) -> int:
    with Replica(path) as replica:
        store = ArchiveStore(replica, RULE)
        return (
            await ArchiveReplicator(archive, store, [ME], page_size=page_size).run()
        ).messages_stored


def stored(path: Path) -> list[ArchivedMessage]:
    with Replica(path) as replica:
        return ArchiveStore(replica, RULE).messages(ACCOUNT)


def conversations(path: Path) -> set[tuple[str, str, tuple[str | None, ...]]]:
    """Each stored conversation as (contact, start, bodies in order)."""
    with Replica(path) as replica:
        found = set()
        for summary in replica.collections(limit=100_000):
            collection = replica.collection(summary.id)
            assert collection is not None
            bodies = tuple(m.body for m in collection.messages)
            found.add((summary.id.with_jid, summary.id.start.isoformat(), bodies))
        return found


def expected_conversations(
    messages: list[ArchivedMessage],
) -> set[tuple[str, str, tuple[str | None, ...]]]:
    """The conversations of grouping every message at once (the pure rule)."""
    by_contact: dict[str, list[ArchivedMessage]] = defaultdict(list)
    for m in messages:
        by_contact[m.with_jid].append(m)
    found = set()
    for contact, items in by_contact.items():
        items.sort(key=lambda m: m.message.time)  # stable: archive order breaks ties
        for span in RULE.split([m.message.time for m in items]):
            group = [items[n] for n in span]
            start = group[0].message.time.isoformat()
            found.add((contact, start, tuple(m.message.body for m in group)))
    return found


async def test_the_first_sync_asks_for_the_newest_page_first_and_stores_everything(
    tmp_path: Path,
) -> None:
    archive = FakeArchive(chat_history(95))
    assert await sync(archive, tmp_path / "r.sqlite") == 95
    assert archive.queries[0] == MamQuery(10, before="")
    assert archive.queries[1] == MamQuery(10, before="id-000085")
    assert stored(tmp_path / "r.sqlite") == archive.messages
    assert conversations(tmp_path / "r.sqlite") == expected_conversations(archive.messages)


async def test_a_later_sync_asks_only_for_what_came_after(tmp_path: Path) -> None:
    history = chat_history(40)
    archive = FakeArchive(history[:30])
    await sync(archive, tmp_path / "r.sqlite")
    archive.messages = history
    archive.queries.clear()
    assert await sync(archive, tmp_path / "r.sqlite") == 10
    assert [q.after for q in archive.queries] == ["id-000029"]
    assert all(q.before is None for q in archive.queries)
    assert conversations(tmp_path / "r.sqlite") == expected_conversations(history)


async def test_an_empty_archive_is_complete_and_later_messages_still_arrive(
    tmp_path: Path,
) -> None:
    archive = FakeArchive([])
    assert await sync(archive, tmp_path / "r.sqlite") == 0
    archive.messages = chat_history(12)
    assert await sync(archive, tmp_path / "r.sqlite") == 12
    assert stored(tmp_path / "r.sqlite") == archive.messages


@pytest.mark.parametrize("failing_query", range(1, 9))  # 80 messages: 8 pages
async def test_a_sync_interrupted_at_any_page_resumes_to_the_whole_archive(
    tmp_path: Path, failing_query: int
) -> None:
    history = chat_history(100, contacts=4)
    archive = FakeArchive(history[:80], fail_at=failing_query)
    with pytest.raises(ServerError):
        await sync(archive, tmp_path / "r.sqlite")
    partial = stored(tmp_path / "r.sqlite")
    assert partial == history[80 - len(partial) : 80]  # an unbroken span, newest end first
    archive.fail_at = None
    archive.messages = history  # and more arrived meanwhile
    await sync(archive, tmp_path / "r.sqlite")
    assert stored(tmp_path / "r.sqlite") == history
    assert conversations(tmp_path / "r.sqlite") == expected_conversations(history)


async def test_an_error_is_never_taken_for_the_end_of_the_archive(tmp_path: Path) -> None:
    archive = FakeArchive(chat_history(50), fail_at=2)
    with pytest.raises(ServerError):
        await sync(archive, tmp_path / "r.sqlite")
    with Replica(tmp_path / "r.sqlite") as replica:
        reach = ArchiveStore(replica, RULE).history_reach("friend0@example.net")
    assert reach is not None
    assert not reach.complete
    assert reach.back_to == archive.messages[40].message.time


async def test_forgotten_ids_are_recovered_by_time_without_duplicates(tmp_path: Path) -> None:
    history = chat_history(60)
    # Several messages share each second, so asking by time overlaps what is stored.
    history = [
        message(n, m.with_jid, T0 + timedelta(seconds=n // 4)) for n, m in enumerate(history)
    ]
    archive = FakeArchive(history[:40], fail_at=3)
    with pytest.raises(ServerError):
        await sync(archive, tmp_path / "r.sqlite", page_size=8)
    partial = stored(tmp_path / "r.sqlite")
    archive.fail_at = None
    archive.messages = history
    archive.forgotten = {partial[0].archive_id, partial[-1].archive_id}
    archive.queries.clear()
    await sync(archive, tmp_path / "r.sqlite", page_size=8)
    assert any(q.start is not None for q in archive.queries)
    assert any(q.end is not None for q in archive.queries)
    assert stored(tmp_path / "r.sqlite") == history


async def test_a_server_that_repeats_a_page_is_stopped(tmp_path: Path) -> None:
    class Repeating(FakeArchive):
        async def query(self, target: ArchiveTarget, request: MamQuery) -> MamPage:
            page = await super().query(target, MamQuery(request.max_items, before=""))
            return MamPage(page.messages, page.first, page.last, complete=False)

    with pytest.raises(MalformedInput):
        await sync(Repeating(chat_history(30)), tmp_path / "r.sqlite")


async def test_rooms_and_the_account_are_separate_archives(tmp_path: Path) -> None:
    room = "tea@rooms.example.org"
    mine = chat_history(20)
    theirs = [message(n, room, T0 + timedelta(minutes=n), archive=room) for n in range(15)]
    archive = FakeArchive(mine + theirs)
    with Replica(tmp_path / "r.sqlite") as replica:
        store = ArchiveStore(replica, RULE)
        targets = [ME, ArchiveTarget(room, nick="me")]
        result = await ArchiveReplicator(archive, store, targets, page_size=7).run()
        assert result.messages_stored == 35
        assert store.messages(room) == theirs
        assert store.messages(ACCOUNT) == mine
        reach = store.history_reach(room)
    assert reach is not None
    assert reach.archive == room
    assert reach.complete


@pytest.mark.parametrize("extended", [False, True])
async def test_an_archive_with_extended_metadata_plans_the_sync_with_fewer_queries(
    tmp_path: Path, extended: bool
) -> None:
    history = chat_history(40)
    archive = FakeArchive(history[:30], extended=extended)
    path = tmp_path / "r.sqlite"
    await sync(archive, path, page_size=10)
    first = len(archive.queries)
    await sync(archive, path, page_size=10)  # nothing new
    unchanged = len(archive.queries) - first
    archive.messages = history  # ten newer
    await sync(archive, path, page_size=10)
    assert stored(path) == history
    assert conversations(path) == expected_conversations(history)
    assert unchanged == (0 if extended else 1)  # the metadata said nothing is new
    assert archive.metadata_asked == (3 if extended else 0)


async def test_an_empty_archive_with_metadata_is_synced_without_a_query(tmp_path: Path) -> None:
    archive = FakeArchive([], extended=True)
    await sync(archive, tmp_path / "r.sqlite")
    assert archive.queries == []
    with Replica(tmp_path / "r.sqlite") as replica:
        reach = ArchiveStore(replica, RULE).range(ACCOUNT)
    assert reach is not None
    assert reach.complete


@pytest.mark.parametrize("extended", [False, True])
async def test_a_span_that_reaches_the_first_message_is_complete_without_asking(
    tmp_path: Path, extended: bool
) -> None:
    history = chat_history(25)

    # A server that never says "complete" going backwards: the metadata says where it begins.
    class NeverComplete(FakeArchive):
        async def query(self, target: ArchiveTarget, request: MamQuery) -> MamPage:
            page = await super().query(target, request)
            return MamPage(page.messages, page.first, page.last, bool(request.after), page.count)

    archive = NeverComplete(history, extended=extended)
    await sync(archive, tmp_path / "r.sqlite", page_size=10)
    archive.queries.clear()
    await sync(archive, tmp_path / "r.sqlite", page_size=10)
    with Replica(tmp_path / "r.sqlite") as replica:
        reach = ArchiveStore(replica, RULE).range(ACCOUNT)
    assert reach is not None
    assert reach.complete
    assert stored(tmp_path / "r.sqlite") == history
    # Without metadata, the next sync asks for what is newer (nothing), with it nothing at all.
    assert len(archive.queries) == (0 if extended else 1)
