"""Running a sync: the server's archive (the xep_0136 plugin) replicated into the replica.

The window syncs a connected account (:meth:`~archiveviewer.services.archive.AccountCommands.sync`),
the command line's ``sync`` logs in for the length of one (:func:`connect_to_archive`);
both run :func:`replicate`, which stores every page on the program's one worker.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager
from datetime import datetime
from typing import TYPE_CHECKING

from archiveviewer.domain import Collection, CollectionId, UnreadEntry
from archiveviewer.services.history import (
    HistorySource,
    MessageHistory,
    replicate_history,
    source_of,
)
from archiveviewer.services.login import Login, connect
from archiveviewer.services.worker import Worker
from archiveviewer.store import Replica
from archiveviewer.sync import (
    ArchiveSource,
    CollectionHeader,
    ListPage,
    ModifiedPage,
    Progress,
    Replicator,
    SyncResult,
)
from archiveviewer.sync.conversations import ConversationRule

if TYPE_CHECKING:
    from archiveviewer.xmpp.xep_0136 import XEP_0136

#: Collections per ``<modified/>`` page in the window's sync. Smaller than the
#: command line's 100 because the window shows each page once it is stored:
#: the first page (25 retrieves) appears about four times sooner, for a few
#: more cheap ``<modified/>`` requests (bench_first_page.py measures it).
WINDOW_PAGE_SIZE = 25
COMMAND_PAGE_SIZE = 100

#: Opens a connection to the account's archive for the length of a sync.
SourceOpener = Callable[[Login], AbstractAsyncContextManager[ArchiveSource | MessageHistory]]


async def replicate(
    source: ArchiveSource | MessageHistory,
    replica: Replica,
    worker: Worker,
    *,
    on_progress: Callable[[Progress], None],
    page_size: int = COMMAND_PAGE_SIZE,
    rule: ConversationRule | None = None,
) -> SyncResult:
    """Bring ``replica`` up to date with ``source`` (incremental after the first run).

    An account whose server keeps history with XEP-0313 (a MessageHistory)
    is synced from its message archives, grouped into conversations by
    ``rule`` (default: a 30-minute idle gap).
    """
    if isinstance(source, MessageHistory):
        return await replicate_history(
            source, replica, run_write=worker.run, on_progress=on_progress, page_size=page_size,
            rule=rule,
        )  # fmt: skip
    replicator = Replicator(
        source, replica, on_progress=on_progress, page_size=page_size, store=worker.store
    )
    return await replicator.run()


@contextlib.asynccontextmanager
async def connect_to_archive(login: Login) -> AsyncIterator[ArchiveSource | MessageHistory]:
    """Log in to the account's server and hand its archive to replication.

    The server's account disco says which archive it keeps, and ``login.history``
    which one the user chose (Automatic: XEP-0136 when it offers both, see
    :data:`~archiveviewer.services.history.DEFAULT_WHEN_BOTH`).
    """
    async with connect(login) as session:
        if await source_of(session, login.history) is HistorySource.MESSAGE_ARCHIVE:
            yield MessageHistory(session)
        else:
            yield PluginArchive(session.archive)


class PluginArchive:
    """The xep_0136 plugin seen as replication's :class:`ArchiveSource`."""

    def __init__(self, archive: XEP_0136) -> None:
        self._archive = archive

    async def supports_modified(self) -> bool:
        """Replication (``<modified/>``) belongs to XEP-0136's ``manage`` feature."""
        support = self._archive.support or await self._archive.discover()
        return support.manage

    async def modified_page(
        self, since: datetime, after: str | None, max_items: int
    ) -> ModifiedPage:
        """One ``<modified/>`` request, in the words of the server's dialect."""
        page = await self._archive.modified_page(since, after, max=max_items)
        return ModifiedPage(page.changes, page.cursor, page.count, page.unreadable)

    async def server_time(self) -> datetime | None:
        """The server's clock (XEP-0202), None when it does not say."""
        return await self._archive.server_time()

    async def list_page(self, after: str | None, max_items: int) -> ListPage:
        """One ``<list/>`` request for every collection."""
        page = await self._archive.list_page(max=max_items, after=after)
        headers = tuple(CollectionHeader(c.id, c.version) for c in page.collections)
        return ListPage(headers, page.last, page.count, page.unreadable)

    async def retrieve(self, collection_id: CollectionId) -> Collection:
        """The whole collection, every page of it."""
        return await self._archive.retrieve(collection_id)

    async def retrieve_entry(self, entry: UnreadEntry) -> Collection:
        """A collection whose key could not be read, asked for as the server named it."""
        return await self._archive.retrieve(entry)
