"""A change entry whose key cannot be read: recorded, named, never taken for the end of changes."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from archiveviewer.domain import UnreadEntry
from archiveviewer.store import Replica
from archiveviewer.sync import Replicator
from archiveviewer.sync.ports import ModifiedPage
from tests.unit.sync.fakes import FakeServer, make_collection

pytestmark = pytest.mark.asyncio

ENTRY = UnreadEntry("juliet@capulet.lit", "1469-02-30T00:00:00Z")
REASON = "The server's list of changes names a conversation with juliet@capulet.lit whose …"


class FirstPageUnreadable(FakeServer):
    """Its very first ``<modified/>`` page holds nothing but one entry that cannot be read.

    It has no ``retrieve_entry``: such a source cannot ask for the entry again.
    """

    reported: bool = False

    async def modified_page(
        self, since: datetime, after: str | None, max_items: int
    ) -> ModifiedPage:
        if not self.reported:
            self.reported = True
            self.requests.append("modified")
            return ModifiedPage((), self.time_of(0), unreadable={ENTRY: REASON})
        return await super().modified_page(since, after, max_items)


async def test_a_page_of_only_unreadable_entries_is_recorded_and_the_sync_goes_on(
    tmp_path: Path,
) -> None:
    server = FirstPageUnreadable()
    for n in range(7):
        server.put(make_collection(n))
    path = tmp_path / "r.sqlite3"
    with Replica(path) as replica:
        first = await Replicator(server, replica, page_size=3).run()
        assert replica.collection_ids() == set(server.collections)
        assert [(s.id, s.reason) for s in first.skipped] == [(ENTRY, REASON)]
        assert replica.unreadable() == {ENTRY: REASON}
    # Not reported again, and a source that cannot ask for it: it stays recorded and named.
    with Replica(path) as replica:
        again = await Replicator(server, replica, page_size=3).run()
        assert [(s.id, s.reason) for s in again.skipped] == [(ENTRY, REASON)]
        assert replica.unreadable() == {ENTRY: REASON}
