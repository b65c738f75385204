"""Replication for servers without ``<modified/>``: a full comparison by ``<list/>``.

Every header is fetched first; only when the whole list has arrived are
collections retrieved (new ones, and those whose version or message count
differs from the stored one) and local ones the server no longer lists
deleted. An error while listing therefore deletes nothing. Each collection is
stored in its own transaction, so an interrupted comparison keeps what it
stored and the next one skips it. A collection that cannot be read is
recorded and skipped (see :mod:`archiveviewer.sync.skipped`).
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime

from archiveviewer.domain import CollectionId, UnreadEntry
from archiveviewer.errors import MalformedInput
from archiveviewer.sync.ports import ArchiveSource, CollectionHeader, ReplicaWriter
from archiveviewer.sync.progress import Progress, ProgressCallback, SyncMode, SyncResult
from archiveviewer.sync.skipped import MemoryLog, Skip, Skips
from archiveviewer.sync.window import RetrieveWindow

StoreCall = Callable[[Callable[[], object]], Awaitable[None]]


async def compare_by_list(
    source: ArchiveSource,
    replica: ReplicaWriter,
    window: RetrieveWindow,
    *,
    page_size: int,
    on_progress: ProgressCallback,
    store: StoreCall,
    skips: Skips | None = None,
) -> SyncResult:
    """Make the replica equal the server's list; see the module docstring."""
    skips = skips or Skips(MemoryLog(), store)
    headers, unreadable, requests = await _all_headers(source, page_size)
    # A header whose key cannot be read is recorded (and retried next time).
    skips.unread(unreadable)
    await skips.record(unreadable)
    stale = [h.id for h in headers.values() if _needs_retrieve(replica, h)]
    gone = _gone(replica.collection_ids() - headers.keys(), unreadable)
    run = _Comparison(replica, window, on_progress, store, len(stale) + len(gone), skips)
    await run.retrieve_all(stale, window_size=window.size)
    for collection_id in gone:
        await run.remove(collection_id)
    await store(functools.partial(replica.set_last_full_list, datetime.now(UTC)))
    return SyncResult(
        SyncMode.FULL_LIST,
        run.stored,
        run.removed,
        run.progress.messages_done,
        requests + len(stale),
    )


async def _all_headers(
    source: ArchiveSource, page_size: int
) -> tuple[dict[CollectionId, CollectionHeader], dict[UnreadEntry, str], int]:
    headers: dict[CollectionId, CollectionHeader] = {}
    unreadable: dict[UnreadEntry, str] = {}
    after: str | None = None
    requests = 0
    while True:
        page = await source.list_page(after, page_size)
        requests += 1
        headers.update((h.id, h) for h in page.headers)
        unreadable.update(page.unreadable)
        # Only an empty page, or a count that is reached, ends the list: a
        # server may send fewer than asked.
        listed = len(headers) + len(unreadable)
        if not (page.headers or page.unreadable) or (
            page.count is not None and listed >= page.count
        ):
            return headers, unreadable, requests
        if page.last is None or page.last == after:
            raise MalformedInput(
                "The server sent a full page of the collection list without a way to ask "
                "for the next one, so the comparison stopped before deleting anything."
            )
        after = page.last


def _gone(unlisted: set[CollectionId], unreadable: dict[UnreadEntry, str]) -> list[CollectionId]:
    """The unlisted collections to delete: none that an unreadable header may stand for.

    A header whose start cannot be read may be a stored collection written
    wrongly, so no collection with its contact is deleted (none at all when
    it does not say whom it is with).
    """
    unsure = {entry.with_jid for entry in unreadable}
    if "" in unsure:
        return []
    return sorted(cid for cid in unlisted if cid.with_jid not in unsure)


def _needs_retrieve(replica: ReplicaWriter, header: CollectionHeader) -> bool:
    stored = replica.summary(header.id)
    if stored is None:
        return True
    if header.version is not None and header.version != stored.version:
        return True
    return header.message_count is not None and header.message_count != stored.message_count


class _Comparison:
    """Retrieves and stores the stale collections, counting as it goes."""

    def __init__(
        self,
        replica: ReplicaWriter,
        window: RetrieveWindow,
        on_progress: ProgressCallback,
        store: StoreCall,
        total: int,
        skips: Skips,
    ) -> None:
        self._replica = replica
        self._window = window
        self._on_progress = on_progress
        self._store = store
        self._skips = skips
        self.progress = Progress(SyncMode.FULL_LIST, collections_total=total)
        self.stored = 0
        self.removed = 0
        on_progress(self.progress)

    async def retrieve_all(self, ids: list[CollectionId], *, window_size: int) -> None:
        queue = iter(ids)
        workers = [asyncio.create_task(self._work(queue)) for _ in range(window_size)]
        try:
            await asyncio.gather(*workers)
        finally:
            for worker in workers:
                worker.cancel()
            await asyncio.gather(*workers, return_exceptions=True)

    async def _work(self, queue: Iterator[CollectionId]) -> None:
        # Workers share one iterator: each takes the next id when it is free.
        for collection_id in queue:
            collection = await self._skips.retrieve(self._window, collection_id)
            if collection is Skip.SKIPPED:
                await self._skips.record([collection_id])
                self._count(collections=1, messages=0)
                continue
            if collection is None:
                await self.remove(collection_id)
                continue
            await self._store(functools.partial(self._replica.replace_collection, collection))
            self.stored += 1
            self._count(collections=1, messages=len(collection.messages))

    async def remove(self, collection_id: CollectionId) -> None:
        outcome: list[bool] = []
        await self._store(lambda: outcome.append(self._replica.remove_collection(collection_id)))
        self.removed += sum(outcome)  # a collection never stored was not removed
        self._count(collections=1, messages=0)

    def _count(self, *, collections: int, messages: int) -> None:
        self.progress = replace(
            self.progress,
            collections_done=self.progress.collections_done + collections,
            messages_done=self.progress.messages_done + messages,
            messages_total=self.progress.messages_total + messages,
        )
        self._on_progress(self.progress)
