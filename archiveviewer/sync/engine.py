"""Replication: bring the local replica up to date with the server's archive.

:class:`Replicator` follows XEP-0136 §Replication: it asks for the pages of
``<modified/>`` after the stored cursor, retrieves every changed collection
whole and deletes every removed one. One page is stored in one transaction
together with the page's ``<last/>`` as the new cursor, so the cursor never
covers anything that is not stored: a crash, a lost connection or a
cancellation leaves the replica at the end of the last stored page, and the
next run goes on from there with nothing lost and nothing stored twice.

Retrieves run several at a time (a bounded window) so that a sync costs
about one round trip per window, not one per collection; pages are still
stored in the server's order. Storing runs on one writer thread of the
Replicator's own (never the loop's default executor, which qasync does not
serve well), so the network and the store overlap; the thread is shut down,
its last write finished, before :meth:`Replicator.run` returns.

A server that does not answer ``<modified/>`` gets a full comparison by
``<list/>`` instead (see :mod:`archiveviewer.sync.fulllist`).

A collection that cannot be read is skipped, not fatal: it is recorded
before the page that holds it is stored, retried at the start of the next
sync, and named in the result (see :mod:`archiveviewer.sync.skipped`).
"""

from __future__ import annotations

import asyncio
import functools
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from archiveviewer.domain import Change, ChangeKind, Collection, CollectionId
from archiveviewer.errors import MalformedInput, ServerError
from archiveviewer.sync.cursor import SyncCursor, next_since
from archiveviewer.sync.fulllist import StoreCall, compare_by_list
from archiveviewer.sync.ports import (
    ArchiveSource,
    ModifiedPage,
    ReplicaWriter,
)
from archiveviewer.sync.progress import (
    Progress,
    ProgressCallback,
    SyncMode,
    SyncResult,
    ignore_progress,
)
from archiveviewer.sync.skipped import Skip, Skips, UnreadableLog, log_of
from archiveviewer.sync.window import RetrieveWindow

#: Conditions with which a server says it has no ``<modified/>``.
_NO_MODIFIED = frozenset({"feature-not-implemented", "service-unavailable"})


@dataclass
class _Page:
    """A ``<modified/>`` page whose changed collections are being retrieved."""

    changed: list[CollectionId]
    retrieves: list[asyncio.Task[Collection | Skip | None]]
    removed: list[CollectionId]
    last: str


class Replicator:
    """Brings one replica up to date with one server; see the module docstring.

    ``window`` is how many retrieves may be in flight at once, ``page_size``
    the RSM ``<max/>`` of each page, ``pages_ahead`` how many pages may be
    retrieved before the oldest is stored (it bounds memory).
    ``full_list_every``: after a sync by changes, compare the whole list too
    when the last comparison is older than this (None: never), to catch
    removals a server forgot to report. Make a new Replicator for each sync.
    """

    def __init__(
        self,
        source: ArchiveSource,
        replica: ReplicaWriter,
        *,
        on_progress: ProgressCallback = ignore_progress,
        window: int = 12,
        page_size: int = 100,
        pages_ahead: int = 2,
        store: StoreCall | None = None,
        full_list_every: timedelta | None = timedelta(days=7),
        unreadable: UnreadableLog | None = None,
    ) -> None:
        if window < 1 or page_size < 1 or pages_ahead < 1:
            raise ValueError("window, page_size and pages_ahead must be positive")
        self._source = source
        self._replica = replica
        self._on_progress = on_progress
        self._window = RetrieveWindow(source, window)
        self._page_size = page_size
        self._pages_ahead = pages_ahead
        self._given_store = store
        self._store: StoreCall = store or self._store_on_writer
        self._writer: ThreadPoolExecutor | None = None
        self._requests = 0
        self._restarted = False
        self._full_list_every = full_list_every
        self._progress = Progress(SyncMode.CHANGES)
        self._log = unreadable or log_of(replica)
        self._skips = Skips(self._log, self._store)
        self._retried = 0  # recorded collections read and stored at last
        self._retries = 0

    async def run(self) -> SyncResult:
        """Sync once. Raises the :class:`KnownError` of the first failure.

        On any failure or cancellation the replica holds every page stored
        before it, with the cursor at the last of them; no write is still
        running when it returns or raises.
        """
        if self._given_store is None:
            self._writer = ThreadPoolExecutor(1, thread_name_prefix="replica-writer")
        try:
            self._skips = Skips(self._log, self._store)
            await self._retry_unreadable()
            result = await self._run()
            return replace(
                result,
                collections_stored=result.collections_stored + self._retried,
                requests=result.requests + self._retries,
                skipped=self._skips.result(),
            )
        finally:
            if self._writer is not None:
                self._writer.shutdown(wait=True)  # at most one page's write to finish
                self._writer = None

    async def _run(self) -> SyncResult:
        if not await self._source.supports_modified():
            return await self._full_list()
        try:
            changes = await self._replicate_changes()
        except ServerError as exc:
            if exc.condition not in _NO_MODIFIED or self._progress.collections_total:
                raise
            return await self._full_list()
        if not self._full_list_due():
            return changes
        listed = await self._full_list()
        return SyncResult(
            SyncMode.CHANGES,
            changes.collections_stored + listed.collections_stored,
            changes.collections_removed + listed.collections_removed,
            changes.messages_stored + listed.messages_stored,
            changes.requests + listed.requests,
            restarted=changes.restarted,
            compared_list=True,
        )

    def _full_list_due(self) -> bool:
        if self._full_list_every is None:
            return False
        last = self._replica.last_full_list()
        return last is None or _now() - last >= self._full_list_every

    async def _retry_unreadable(self) -> None:
        """Retrieve again every collection an earlier sync could not read."""
        for collection_id in list(self._skips.known):
            self._retries += 1
            collection = await self._skips.retrieve(self._window, collection_id)
            if collection is Skip.SKIPPED:
                await self._skips.record([collection_id])
                continue
            if collection is None:
                await self._store(functools.partial(self._replica.remove_collection, collection_id))
            else:
                await self._store(functools.partial(self._replica.replace_collection, collection))
                self._retried += 1
            await self._skips.settled([collection_id])

    async def _store_on_writer(self, write: Callable[[], object]) -> None:
        """Run one replica write on this Replicator's writer thread."""
        if self._writer is None:
            raise RuntimeError("the writer thread runs only during Replicator.run")
        await asyncio.get_running_loop().run_in_executor(self._writer, write)

    async def _full_list(self) -> SyncResult:
        result = await compare_by_list(
            self._source,
            self._replica,
            self._window,
            page_size=self._page_size,
            on_progress=self._on_progress,
            store=self._store,
            skips=self._skips,
        )
        return replace(result, compared_list=True)

    # --- replication by change log ----------------------------------------------

    async def _replicate_changes(self) -> SyncResult:
        stored_cursor = self._replica.cursor()
        cursor = SyncCursor.decode(stored_cursor)
        if cursor.complete or cursor.started is None:
            self._requests += 1
            cursor = replace(cursor, started=await self._source.server_time())
        since = cursor.since
        # A new sync asks from the time alone: a server that orders changes by collection
        # would skip, after an old id, collections that start earlier and changed since.
        # An interrupted one goes on after the id it stopped at.
        after = None if cursor.complete else cursor.after
        last_seen = cursor.after
        pending: deque[_Page] = deque()
        more = True
        stored = removed = 0
        try:
            while more or pending:
                if more and len(pending) < self._pages_ahead:
                    page = await self._next_page(since, after)
                    if self._progress.collections_expected is None and page.count is not None:
                        self._report(collections_expected=page.count)  # the first page's count
                    more = _has_more(page, after)
                    if page.changes:
                        after = last_seen = _last_of(page)
                        state = replace(cursor, after=after, complete=False)
                        pending.append(self._start(page, state.encode()))
                    continue
                # The page leaves ``pending`` only once stored, so that a failure
                # cancels (and collects) its remaining retrieves too.
                done, gone = await self._store_page(pending[0])
                pending.popleft()
                stored += done
                removed += gone
        finally:
            for unstored in pending:
                await _cancel(unstored.retrieves)
        finished = SyncCursor(
            since=next_since(cursor.started, last_seen, since),
            after=last_seen,
            complete=True,
        )
        await self._store(lambda: self._replica.apply([], [], finished.encode()))
        if stored_cursor is None:
            # The first sync asked for everything: it is as good as a full comparison.
            await self._store(functools.partial(self._replica.set_last_full_list, _now()))
        return SyncResult(
            SyncMode.CHANGES,
            stored,
            removed,
            self._progress.messages_done,
            self._requests,
            restarted=self._restarted,
        )

    async def _next_page(self, since: datetime, after: str | None) -> ModifiedPage:
        self._requests += 1
        try:
            return await self._source.modified_page(since, after, self._page_size)
        except ServerError as exc:
            if exc.condition != "item-not-found" or after is None or self._restarted:
                raise
        # The server forgot the id (a restart, a purge): start again from the time.
        # Collections already stored are retrieved again; nothing is lost.
        self._restarted = True
        self._requests += 1
        return await self._source.modified_page(since, None, self._page_size)

    def _start(self, page: ModifiedPage, last: str) -> _Page:
        final: dict[CollectionId, Change] = {}
        for change in page.changes:
            final.pop(change.id, None)  # a later change of the same collection wins
            if not self._already_stored(change):
                final[change.id] = change
        changed = [cid for cid, c in final.items() if c.kind is ChangeKind.CHANGED]
        gone = [cid for cid, c in final.items() if c.kind is ChangeKind.REMOVED]
        self._report(collections_total=self._progress.collections_total + len(final))
        tasks = [asyncio.create_task(self._retrieve(cid)) for cid in changed]
        return _Page(changed, tasks, gone, last)

    def _already_stored(self, change: Change) -> bool:
        """A change (asked for again by the overlap) whose version the replica holds."""
        if change.kind is not ChangeKind.CHANGED or change.version is None:
            return False  # the seed says no version
        stored = self._replica.summary(change.id)
        return stored is not None and stored.version == change.version

    async def _retrieve(self, collection_id: CollectionId) -> Collection | Skip | None:
        self._requests += 1
        collection = await self._skips.retrieve(self._window, collection_id)
        if isinstance(collection, Collection):
            self._report(messages_total=self._progress.messages_total + len(collection.messages))
        return collection

    async def _store_page(self, page: _Page) -> tuple[int, int]:
        results = [await task for task in page.retrieves]
        changed = [c for c in results if isinstance(c, Collection)]
        # A collection deleted between <modified/> and <retrieve/> is gone: remove it.
        vanished = [cid for cid, c in zip(page.changed, results, strict=True) if c is None]
        removed = [*page.removed, *vanished]
        read = [cid for cid, c in zip(page.changed, results, strict=True) if c is not Skip.SKIPPED]
        # Skipped ones are recorded before the cursor moves past them.
        await self._skips.record(page.changed)
        # Only removals the replica still held count as the server's news: the
        # user's own removals from this program are gone from it already.
        held: list[int | None] = []
        await self._store(lambda: held.append(self._replica.apply(changed, removed, page.last)))
        await self._skips.settled([*read, *page.removed])
        self._report(
            collections_done=self._progress.collections_done
            + len(page.changed)
            + len(page.removed),
            messages_done=self._progress.messages_done + sum(len(c.messages) for c in changed),
        )
        return len(changed), held[0] if held and held[0] is not None else len(removed)

    def _report(
        self,
        *,
        collections_done: int | None = None,
        collections_total: int | None = None,
        collections_expected: int | None = None,
        messages_done: int | None = None,
        messages_total: int | None = None,
    ) -> None:
        now = self._progress
        self._progress = replace(
            now,
            collections_done=_or(collections_done, now.collections_done),
            collections_total=_or(collections_total, now.collections_total),
            collections_expected=now.collections_expected
            if collections_expected is None
            else collections_expected,
            messages_done=_or(messages_done, now.messages_done),
            messages_total=_or(messages_total, now.messages_total),
        )
        self._on_progress(self._progress)


def _now() -> datetime:
    return datetime.now(UTC)


def _or(value: int | None, default: int) -> int:
    return default if value is None else value


def _last_of(page: ModifiedPage) -> str:
    if page.last is None:
        raise MalformedInput(
            "The server sent a page of archive changes without the time of the last "
            "change, so the sync cannot go on from it."
        )
    return page.last


def _has_more(page: ModifiedPage, after: str | None) -> bool:
    """Whether another page may follow ``page``: only an empty page ends the changes.

    A short page is not the end (a server may cap ``<max/>`` below what was
    asked, and ``<count/>`` may be the total or what remains). A page whose
    ``<last/>`` does not move past ``after`` would make us ask for it for ever.
    """
    if not page.changes:
        return False
    if _last_of(page) == after:
        raise MalformedInput(
            "The server sent the same page of archive changes again; the sync stopped "
            "so as not to ask for it for ever."
        )
    return True


async def _cancel(tasks: list[asyncio.Task[Collection | Skip | None]]) -> None:
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
