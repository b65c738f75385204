"""Unreadable messages of a message archive: skipped, recorded in their place, read later.

Whatever page sizes, whichever messages are unreadable (at a page's edge, a
whole page of them, the archive's very first or last), and whether the
archive offers ``#extended``: the first sync stores every readable message
and names the others; once the archive serves them readably, the next sync
puts each in its place, so the replica holds the archive as a sync of a
healthy archive would.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field, replace
from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archiveviewer.domain import UnreadMessage
from archiveviewer.protocol.mam import ArchiveTarget, MamPage, MamQuery
from archiveviewer.store import Replica
from archiveviewer.store.archives import ArchiveStore
from archiveviewer.sync.mam import ArchiveReplicator, ArchiveSyncResult
from archiveviewer.sync.skipped import message_summary
from tests.unit.sync.archive_fakes import ACCOUNT, FakeArchive, chat_history
from tests.unit.sync.test_archive_sync import RULE, conversations, expected_conversations, stored

ME = ArchiveTarget(ACCOUNT)


@dataclass
class SpoiltArchive(FakeArchive):
    """A :class:`FakeArchive` whose messages with ids in ``bad`` cannot be read."""

    bad: set[str] = field(default_factory=set)

    async def query(self, target: ArchiveTarget, request: MamQuery) -> MamPage:
        page = await super().query(target, request)
        good = tuple(m for m in page.messages if m.archive_id not in self.bad)
        unread = []
        for message in page.messages:
            if message.archive_id in self.bad:
                index = sum(1 for g in good if g.archive_id < message.archive_id)
                reason = f"The archive of {ACCOUNT} sent a message (id “{message.archive_id}”)."
                unread.append(UnreadMessage(ACCOUNT, message.archive_id, reason, index))
        return replace(page, messages=good, unreadable=tuple(unread))


def sync(archive: FakeArchive, path: Path, page_size: int) -> ArchiveSyncResult:
    async def run() -> ArchiveSyncResult:
        with Replica(path) as replica:
            store = ArchiveStore(replica, RULE)
            return await ArchiveReplicator(archive, store, [ME], page_size=page_size).run()

    return asyncio.run(run())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    count=st.integers(1, 45),
    bad=st.sets(st.integers(0, 44), max_size=12),
    page_size=st.integers(1, 12),
    extended=st.booleans(),
    grows=st.integers(0, 8),
    server_max=st.integers(1, 15),
)
def test_unreadable_messages_are_named_then_read_in_their_place(
    count: int, bad: set[int], page_size: int, extended: bool, grows: int, server_max: int
) -> None:
    history = chat_history(count + grows)
    archive = SpoiltArchive(history[:count], max_page=server_max, extended=extended)
    archive.bad = {history[n].archive_id for n in bad if n < count}
    with TemporaryDirectory() as folder:
        path = Path(folder) / "r.sqlite"
        first = sync(archive, path, page_size)
        good = [m for m in archive.messages if m.archive_id not in archive.bad]
        assert stored(path) == good
        assert first.messages_stored == len(good)
        assert {u.archive_id for u in first.unreadable} == archive.bad

        archive.messages = history  # new messages arrive meanwhile
        again = sync(archive, path, page_size)  # still unreadable: named, nothing doubled
        assert {u.archive_id for u in again.unreadable} == archive.bad
        assert again.messages_stored == grows

        archive.bad = set()  # the server's copies are mended
        mended = sync(archive, path, page_size)
        assert mended.unreadable == ()
        assert stored(path) == history
        assert conversations(path) == expected_conversations(history)


def test_a_message_gone_from_the_archive_is_forgotten_and_its_neighbours_kept(
    tmp_path: Path,
) -> None:
    history = chat_history(30)
    ids = [m.archive_id for m in history]
    archive = SpoiltArchive(list(history), bad=set(ids[12:15]))
    path = tmp_path / "r.sqlite"
    assert [u.archive_id for u in sync(archive, path, 10).unreadable] == ids[12:15]
    archive.messages.remove(history[13])  # the middle one of the three side by side
    assert [u.archive_id for u in sync(archive, path, 10).unreadable] == [ids[12], ids[14]]
    archive.bad = set()
    assert sync(archive, path, 10).unreadable == ()
    assert stored(path) == archive.messages


def test_the_summary_names_each_message_in_the_servers_words() -> None:
    unread = [UnreadMessage(ACCOUNT, f"m{n}", f"Message m{n} is bad.") for n in range(5)]
    assert message_summary([]) is None
    assert message_summary(unread[:1]) == (
        "1 archived message could not be read and will be tried again next time: Message m0 is bad."
    )
    five = message_summary(unread)
    assert five is not None
    assert five.startswith("5 archived messages could not be read")
    assert "Message m2 is bad.; and 2 more" in five
