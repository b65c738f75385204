"""Browsing the server's list of collections before the replica holds the archive."""

from __future__ import annotations

from datetime import datetime, timedelta

from archiveviewer.ports.archive import ServerPage
from archiveviewer.protocol.features import archive_support
from archiveviewer.services.connection import Connection
from archiveviewer.store import Replica
from archiveviewer.store.archive_reads import has_synced_archives


class ServerLister:
    """``ServerListing`` of one account: the server's ``<list/>``, newest page first.

    Needed while connected and the replica was never synced (no sync
    cursor and no full-list comparison yet): the window then browses the server directly. Pages go
    backwards from the newest (RSM ``<before/>``), so that the list reads
    newest first, as the replica's does.
    """

    def __init__(self, replica: Replica, connection: Connection) -> None:
        self._replica = replica
        self._connection = connection

    def needed(self) -> bool:
        """True when connected and the replica has not been synced yet."""
        network = self._connection.network
        if network is None or not network.connected:
            return False
        # A sync by change log moves the cursor; one by full list (servers
        # without <modified/>) records when it compared the whole list; one of
        # message archives (XEP-0313) stores their ranges.
        return (
            self._replica.cursor() is None
            and self._replica.last_full_list() is None
            and not has_synced_archives(self._replica)
        )

    async def page(
        self,
        contact: str | None,
        start: datetime | None,
        end: datetime | None,
        older: str | None,
        limit: int,
    ) -> ServerPage:
        """One ``<list/>`` request: up to ``limit`` headers before ``older``, newest first."""
        network = self._connection.require("list the conversations")
        if not archive_support(await network.account_features()):
            # A server with a message archive only (XEP-0313) has no list: the sync that
            # runs on connect fills the replica, which the window then reads.
            return ServerPage((), None)
        archive = network.archive
        # XEP-0136 ranges include their end; the window's end is exclusive.
        last = None if end is None else end - timedelta(microseconds=1)
        page = await archive.list_page(
            contact, start, last, max=limit, before="" if older is None else older
        )
        headers = sorted(page.collections, key=lambda c: c.id, reverse=True)
        at_oldest = page.first_index == 0 or len(page.collections) < limit
        return ServerPage(headers, None if at_oldest or not page.first else page.first)
