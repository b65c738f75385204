"""Replication of message archives (XEP-0313) into the replica's conversations.

Each archive (the account's own, and each bookmarked room's) is kept as one
unbroken span of its messages, remembered by the archive's own ids
(:class:`~archiveviewer.store.archives.ArchiveRange`). A sync:

1. on an archive with nothing stored, asks for the newest page first (an
   empty ``<before/>``), so recent history shows at once;
2. otherwise asks for what came after the newest stored id (``<after/>``),
   page by page until the archive says it is complete;
3. then goes on backwards from the oldest stored id (``<before/>``) until the
   archive's beginning.

Every page is stored in one transaction that also moves the span's edge, so
a sync interrupted anywhere resumes at the edge with no gap and nothing
stored twice (messages are deduplicated by archive id). When the archive no
longer knows a remembered id (``item-not-found``: expired, or the archive was
reset), the page is asked for by time instead, from the stored edge's time;
the overlap this gives is dropped by the deduplication.

A message of a page that cannot be read does not stop the sync: the rest of
the page is stored, and the unreadable one is recorded in the same
transaction at its place in the span (the span moves past it, so paging alone
would never reach it again). Each later sync first asks for each recorded one
again by its neighbours' ids (just after the stored message before it, or
just before the one after it; side-by-side ones in one page): read at last,
it goes into its place; still unreadable, it stays recorded with the new
reason; not on a page that holds all that was asked for, the archive no
longer has it.

Storing runs while the next page is fetched, on a writer thread of the
replicator's own or on the ``run_write`` the program gives (its one worker);
pages are stored in order, and at most one write is pending.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

from archiveviewer.domain import ArchivedMessage, UnreadMessage
from archiveviewer.errors import MalformedInput, ServerError
from archiveviewer.protocol.mam import ArchiveBounds, ArchiveTarget, MamPage, MamQuery
from archiveviewer.store.archive_types import ArchivePage, ArchiveRange, Edge, RecordedSkip
from archiveviewer.sync.ports import ArchiveWriter, MessageArchiveSource
from archiveviewer.sync.progress import Progress, ProgressCallback, SyncMode, ignore_progress

__all__ = ["ArchiveReplicator", "ArchiveSyncResult", "WriteRunner"]

#: Runs one replica write away from the event loop and returns its result.
WriteRunner = Callable[[Callable[[], int]], Awaitable[int]]


@dataclass(frozen=True)
class ArchiveSyncResult:
    """What a finished archive sync did: new messages stored, pages asked for, and the
    messages still unreadable (recorded, tried again next time)."""

    messages_stored: int
    requests: int
    unreadable: tuple[UnreadMessage, ...] = ()


class ArchiveReplicator:
    """Brings the replica up to date with some message archives; see the module docstring.

    ``page_size`` is the RSM ``<max/>`` asked (a server may send fewer).
    Make a new one for each sync.
    """

    def __init__(
        self,
        source: MessageArchiveSource,
        store: ArchiveWriter,
        targets: Sequence[ArchiveTarget],
        *,
        page_size: int = 100,
        on_progress: ProgressCallback = ignore_progress,
        run_write: WriteRunner | None = None,
    ) -> None:
        if page_size < 1:
            raise ValueError("page_size must be positive")
        self._source = source
        self._store = store
        self._targets = tuple(targets)
        self._page_size = page_size
        self._on_progress = on_progress
        self._run_write = run_write
        self._writer: ThreadPoolExecutor | None = None
        self._pending: asyncio.Future[int] | None = None
        self._stored = 0
        self._fetched = 0
        self._requests = 0

    async def run(self) -> ArchiveSyncResult:
        """Sync every target once, in order. Raises the KnownError of the first failure.

        On failure or cancellation every page fetched before it is stored (or
        none of a page is); no write is running when it returns or raises.
        """
        if self._run_write is None:
            self._writer = ThreadPoolExecutor(1, thread_name_prefix="archive-writer")
        try:
            for target in self._targets:
                await self._sync(target)
            await self._drain()
        finally:
            await self._drain_quietly()
            if self._writer is not None:
                self._writer.shutdown(wait=True)
                self._writer = None
        jids = {t.jid for t in self._targets}
        unread = tuple(s.message for s in self._store.skipped() if s.message.archive in jids)
        return ArchiveSyncResult(self._stored, self._requests, unread)

    async def _sync(self, target: ArchiveTarget) -> None:
        await self._drain()  # the range read below must see every stored page
        for run in _runs(self._store.skipped(target.jid), self._page_size):
            await self._retry(target, run)
        stored = self._store.range(target.jid)
        bounds = await self._plan(target)
        if bounds is not None and bounds.last_id is None:
            if stored is None:  # an empty archive: said so, no page asked for
                await self._save(target, Edge.NEWEST, _EMPTY, reached_beginning=True)
            return
        oldest: str | None
        if stored is None or not stored.newest_id:
            first = await self._fetch(target, MamQuery(self._page_size, before=""))
            await self._save(target, Edge.NEWEST, first, reached_beginning=first.complete)
            oldest = _edge_ids(first)[0]
            if first.complete or _empty(first) or oldest is None:
                return
        else:
            if bounds is None or bounds.last_id != stored.newest_id:
                await self._forward(target, stored)
            if stored.complete:
                return
            if bounds is not None and bounds.first_id == stored.oldest_id:
                # The stored span starts at the archive's first message: nothing older.
                await self._save(target, Edge.OLDER, _EMPTY, reached_beginning=True)
                return
            oldest = stored.oldest_id
        await self._backward(target, oldest, stored)

    async def _forward(self, target: ArchiveTarget, stored: ArchiveRange) -> None:
        after = stored.newest_id
        request = MamQuery(self._page_size, after=after)
        while True:
            try:
                page = await self._fetch(target, request)
            except ServerError as exc:
                if (
                    exc.condition != "item-not-found"
                    or request.after is None
                    or (request.after != stored.newest_id)
                ):
                    raise
                # The newest stored id is gone from the archive: go on by time.
                request = MamQuery(self._page_size, start=stored.newest_time)
                page = await self._fetch(target, request)
            await self._save(target, Edge.NEWER, page)
            last = _edge_ids(page)[1]
            if page.complete or _empty(page) or last is None:
                return  # None: only messages without ids, nothing to go on from
            _check_moves(last, request.after)
            request = MamQuery(self._page_size, after=last, start=request.start)

    async def _backward(
        self, target: ArchiveTarget, oldest: str | None, stored: ArchiveRange | None
    ) -> None:
        request = MamQuery(self._page_size, before=oldest)
        while True:
            try:
                page = await self._fetch(target, request)
            except ServerError as exc:
                if (
                    exc.condition != "item-not-found"
                    or stored is None
                    or (request.before != stored.oldest_id)
                ):
                    raise
                # The oldest stored id is gone from the archive: go on by time.
                request = MamQuery(self._page_size, before="", end=stored.oldest_time)
                page = await self._fetch(target, request)
            done = page.complete or _empty(page)
            await self._save(target, Edge.OLDER, page, reached_beginning=done)
            first = _edge_ids(page)[0]
            if done or first is None:
                return  # None: only messages without ids, nothing to go on from
            _check_moves(first, request.before)
            request = MamQuery(self._page_size, before=first, end=request.end)

    async def _retry(self, target: ArchiveTarget, run: list[RecordedSkip]) -> None:
        """Ask again for recorded unreadable messages that lie side by side in the span, by
        their neighbours' ids, page after page if the server sends fewer; see the docstring."""
        request = _retry_query(run)
        while run and request is not None:
            try:
                page = await self._fetch(target, request)
            except ServerError as exc:
                if exc.condition != "item-not-found":
                    raise
                return  # a neighbour is gone from the archive: kept, tried again next time
            entries = _in_order(page)
            if request.before is not None:  # the page ends where the run does
                entries = entries[max(0, len(entries) - len(run)) :]
            run = await self._settle(run, entries)
            if page.complete or not entries or len(entries) >= request.max_items:
                # Not on a page that holds all that was asked for: gone from the archive.
                for skip in (s for s in run if s.message.archive_id):
                    await self._write(functools.partial(self._keep, skip, None))
                return
            backwards = request.before is not None
            edge = entries[0] if backwards else entries[-1]
            if not edge.archive_id or edge.archive_id in (request.after, request.before):
                return  # no way on (or the same page again): tried again next time
            request = MamQuery(
                len(run), after=None if backwards else edge.archive_id,
                before=edge.archive_id if backwards else None,
            )  # fmt: skip

    async def _settle(
        self, run: list[RecordedSkip], entries: list[ArchivedMessage | UnreadMessage]
    ) -> list[RecordedSkip]:
        """Store or keep each of ``run`` found among ``entries``; the ones not found."""
        by_id = {e.archive_id: e for e in entries if e.archive_id}
        left = []
        for n, skip in enumerate(run):
            wanted = skip.message.archive_id
            entry = by_id.get(wanted) if wanted else (entries[n] if n < len(entries) else None)
            if isinstance(entry, UnreadMessage):
                await self._write(functools.partial(self._keep, skip, entry.reason))
            elif entry is not None:
                await self._write(functools.partial(self._store.store_retried, skip, entry))
            else:
                left.append(skip)
        return left

    def _keep(self, skip: RecordedSkip, reason: str | None) -> int:
        self._store.still_unreadable(skip, reason)
        return 0

    async def _write(self, write: Callable[[], int]) -> None:
        """One write, in order after the pages before it; counted as stored messages."""
        await self._drain()
        self._pending = asyncio.ensure_future(self._on_writer(write))
        await self._drain()

    async def _plan(self, target: ArchiveTarget) -> ArchiveBounds | None:
        """The archive's first and last ids where it offers them (``#extended``), else None."""
        try:
            bounds = await self._source.bounds(target)
        except MalformedInput:
            # Its first or last message has no id (see _edge_ids): page as on any archive.
            self._requests += 1
            return None
        if bounds is not None:
            self._requests += 1
        return bounds

    async def _fetch(self, target: ArchiveTarget, request: MamQuery) -> MamPage:
        """One page; asked again for more at a time while it holds only messages without ids
        (nothing to page on from) and the archive sends as many as asked."""
        while True:
            self._requests += 1
            page = await self._source.query(target, request)
            wider = None if page.complete or _edge_ids(page)[0] else _wider(request, page)
            if wider is None:
                self._fetched += len(page.messages)
                return page
            request = wider

    async def _save(
        self,
        target: ArchiveTarget,
        edge: Edge,
        page: MamPage,
        *,
        reached_beginning: bool = False,
    ) -> None:
        await self._drain()  # one write pending at most: it bounds memory
        first, last = _edge_ids(page)
        if first is None and edge is not Edge.NEWEST and (stored := self._store.range(target.jid)):
            # Only messages without ids: the span's edge stays where it was asked from.
            first = last = stored.newest_id if edge is Edge.NEWER else stored.oldest_id
        record = ArchivePage(
            target.jid, edge, page.messages, first, last, reached_beginning, page.unreadable
        )
        self._pending = asyncio.ensure_future(
            self._on_writer(lambda: self._store.store_page(record))
        )

    def _on_writer(self, write: Callable[[], int]) -> Awaitable[int]:
        if self._run_write is not None:
            return self._run_write(write)
        if self._writer is None:
            raise RuntimeError("the writer thread runs only during ArchiveReplicator.run")
        return asyncio.get_running_loop().run_in_executor(self._writer, write)

    async def _drain(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            self._stored += await pending
            self._on_progress(
                Progress(SyncMode.ARCHIVE, messages_done=self._stored, messages_total=self._fetched)
            )

    async def _drain_quietly(self) -> None:
        """Let a write in progress finish (its transaction is whole or nothing)."""
        pending, self._pending = self._pending, None
        if pending is not None:
            await asyncio.gather(pending, return_exceptions=True)


#: A page of nothing, complete: what an empty archive, or its reached beginning, stores.
_EMPTY = MamPage((), None, None, True)


def _empty(page: MamPage) -> bool:
    """A page with no message at all, readable or not."""
    return not page.messages and not page.unreadable


def _edge_ids(page: MamPage) -> tuple[str | None, str | None]:
    """The ids a page starts and ends at, to page on from: its RSM ``<first/>`` and ``<last/>``,
    else the ids of its first and last messages that have one (None: none has). A message
    sent without its id cannot be asked for by it, so it is never the span's edge."""
    ids = [e.archive_id for e in _in_order(page) if e.archive_id]
    return page.first or (ids[0] if ids else None), page.last or (ids[-1] if ids else None)


def _wider(request: MamQuery, page: MamPage) -> MamQuery | None:
    """``request`` for twice as many, to reach past messages without ids; None when the
    archive sent fewer than asked (it sends no more at a time)."""
    if len(page.messages) + len(page.unreadable) < request.max_items:
        return None
    return replace(request, max_items=request.max_items * 2)


def _runs(skips: list[RecordedSkip], longest: int) -> list[list[RecordedSkip]]:
    """Recorded messages (in span order) grouped by side-by-side positions, ``longest`` at most."""
    runs: list[list[RecordedSkip]] = []
    for skip in skips:
        if runs and skip.position == runs[-1][-1].position + 1 and len(runs[-1]) < longest:
            runs[-1].append(skip)
        else:
            runs.append([skip])
    return runs


def _retry_query(run: list[RecordedSkip]) -> MamQuery | None:
    """The page that holds ``run``, asked by a neighbour; None if none is known."""
    if run[0].after_id is not None:
        return MamQuery(len(run), after=run[0].after_id)
    if run[0].first:
        return MamQuery(len(run))  # from the archive's first message
    if run[-1].before_id is not None:
        return MamQuery(len(run), before=run[-1].before_id)
    return None


def _in_order(page: MamPage) -> list[ArchivedMessage | UnreadMessage]:
    """A page's messages, readable or not, in archive order."""
    entries: list[ArchivedMessage | UnreadMessage] = []
    for n, message in enumerate(page.messages):
        entries += [u for u in page.unreadable if u.index == n]
        entries.append(message)
    return entries + [u for u in page.unreadable if u.index >= len(page.messages)]


def _check_moves(cursor: str, previous: str | None) -> None:
    if cursor == previous:
        raise MalformedInput(
            "The server sent the same page of its message archive again; the sync stopped "
            "so as not to ask for it for ever."
        )
