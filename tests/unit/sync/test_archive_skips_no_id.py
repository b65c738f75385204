"""Unreadable messages that an archive sends without their id: recorded once, in their place.

XEP-0313 pages by the archive's ids, and a recorded message is asked for again
by its own id or its neighbours'. A result with no id (``<result id=''>``)
can be found only by its neighbours, and a page that overlaps what is stored
(resumed by time, or asked for after the last stored id) brings it again:
each sync must see that it is recorded already, or the records pile up and
the summary counts one message many times. Nor may an id-less message become
the edge of the span: paging on from "" would ask the archive for nothing, or
for the whole of it again.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archiveviewer.errors import MalformedInput
from archiveviewer.protocol.mam import ArchiveBounds, ArchiveTarget, MamPage, MamQuery
from archiveviewer.store import Replica
from archiveviewer.store.archives import ArchiveStore
from tests.unit.sync.archive_fakes import ACCOUNT, chat_history, not_found
from tests.unit.sync.test_archive_skips import SpoiltArchive, sync
from tests.unit.sync.test_archive_sync import RULE, stored


@dataclass
class IdlessArchive(SpoiltArchive):
    """A :class:`SpoiltArchive` that sends the messages in ``idless`` (unreadable) without ids.

    Like a server, it sends no id for them anywhere: not on the result, not as a
    page's RSM ``<first/>``/``<last/>``, not in its ``#extended`` bounds
    (which it then cannot give at all); an empty id asked for is not found.
    """

    idless: set[str] = field(default_factory=set)

    async def bounds(self, target: ArchiveTarget) -> ArchiveBounds | None:
        found = await super().bounds(target)
        if found is not None and {found.first_id, found.last_id} & self.idless:
            raise MalformedInput("The server sent the bounds of its message archive without ids.")
        return found

    async def query(self, target: ArchiveTarget, request: MamQuery) -> MamPage:
        if "" in (request.after, request.before or None):
            raise not_found()
        page = await super().query(target, request)
        unread = tuple(
            replace(u, archive_id="") if u.archive_id in self.idless else u for u in page.unreadable
        )
        first = "" if page.first in self.idless else page.first
        last = "" if page.last in self.idless else page.last
        return replace(page, unreadable=unread, first=first, last=last)


def recorded(path: Path) -> list[str]:
    with Replica(path) as replica:
        return [s.message.archive_id for s in ArchiveStore(replica, RULE).skipped(ACCOUNT)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    count=st.integers(1, 40),
    idless=st.sets(st.integers(0, 39), min_size=1, max_size=3),
    page_size=st.integers(1, 12),
    extended=st.booleans(),
    grows=st.integers(0, 8),
    server_max=st.integers(4, 15),  # more than the id-less side by side: see _wider
    forget_newest=st.booleans(),
)
def test_a_message_without_its_id_is_recorded_once_and_the_rest_stored_once(
    count: int,
    idless: set[int],
    page_size: int,
    extended: bool,
    grows: int,
    server_max: int,
    forget_newest: bool,
) -> None:
    history = chat_history(count + grows)
    archive = IdlessArchive(history[:count], max_page=server_max, extended=extended)
    archive.idless = archive.bad = {history[n].archive_id for n in idless if n < count}
    good = [m for m in history if m.archive_id not in archive.bad]
    with TemporaryDirectory() as folder:
        path = Path(folder) / "r.sqlite"
        first = sync(archive, path, page_size)
        assert stored(path) == good[: len(good) - grows]
        assert len(first.unreadable) == len(archive.bad)

        again = sync(archive, path, page_size)  # nothing new: nothing recorded again
        assert again.messages_stored == 0
        assert len(again.unreadable) == len(archive.bad)

        archive.messages = list(history)  # new messages arrive meanwhile
        if forget_newest and stored(path):
            # The newest stored one expires: the sync goes on by time, over what it has.
            newest = stored(path)[-1]
            archive.messages.remove(newest)
            archive.forgotten.add(newest.archive_id)
        later = [sync(archive, path, page_size) for _ in range(2)]
        assert [r.messages_stored for r in later] == [grows, 0]
        assert all(len(r.unreadable) == len(archive.bad) for r in later)
        assert recorded(path) == [""] * len(archive.bad)
        assert stored(path) == good
