"""An in-memory server archive and replica for testing the sync engine alone."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from archiveviewer.domain import (
    Change,
    ChangeKind,
    Collection,
    CollectionId,
    Direction,
    Message,
    Note,
)
from archiveviewer.errors import ServerError, StoreError
from archiveviewer.protocol.xep0082 import format_datetime, parse_datetime
from archiveviewer.sync.cursor import SyncCursor
from archiveviewer.sync.ports import (
    EPOCH_CURSOR,
    CollectionHeader,
    ListPage,
    ModifiedPage,
)

BASE = datetime(2008, 7, 1, tzinfo=UTC)


def make_collection(n: int, messages: int = 3, version: int = 1) -> Collection:
    """A collection with ``messages`` plain messages, keyed by ``n``."""
    start = BASE + timedelta(hours=n)
    items = tuple(
        Message(
            Direction.TO if i % 2 else Direction.FROM,
            start + timedelta(seconds=i),
            f"message {i} of conversation {n} v{version}",
        )
        for i in range(messages)
    )
    key = CollectionId(start, f"friend{n % 7}@example.org")
    return Collection(key, version=version, items=items)


def server_error(condition: str) -> ServerError:
    return ServerError(f"The server answered {condition}.", condition=condition)


@dataclass
class FakeServer:
    """The master archive with its change log, answering as an ArchiveSource.

    Hooks let a test fail or hold a request: ``before_modified(after)`` and
    ``before_retrieve(id)`` may raise or await.
    """

    collections: dict[CollectionId, Collection] = field(default_factory=dict)
    has_modified: bool = True
    list_reports_count: bool = False
    clock: int = 0
    _changes: dict[CollectionId, tuple[int, ChangeKind]] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0
    before_modified: Callable[[str | None], object] | None = None
    #: The server's clock answers XEP-0202 (else the engine falls back to <last/>).
    tells_time: bool = True
    #: Ids the server forgot (a restart): such an <after/> is item-not-found.
    forgotten: set[str] = field(default_factory=set)
    #: <modified/> lists the changed collections in the order of their start (and pages by
    #: collection), as some deployed 1.x servers do, not in the order of the change.
    order_by_start: bool = False
    #: <changed/> says the collection's version (1.x).
    reports_versions: bool = False
    #: 'start' is ignored: every change is listed again on each new sync.
    ignores_since: bool = False
    #: Removals the server forgot to put in its change log.
    forgets_removals: bool = False
    before_list: Callable[[str | None], object] | None = None
    before_retrieve: Callable[[CollectionId], object] | None = None
    retrieve_delay: float = 0.0

    # --- the server's own side -------------------------------------------------

    def put(self, collection: Collection) -> None:
        self.clock += 1
        self.collections[collection.id] = collection
        self._changes[collection.id] = (self.clock, ChangeKind.CHANGED)

    def delete(self, collection_id: CollectionId) -> None:
        self.clock += 1
        del self.collections[collection_id]
        if self.forgets_removals:
            self._changes.pop(collection_id, None)
        else:
            self._changes[collection_id] = (self.clock, ChangeKind.REMOVED)

    def time_of(self, tick: int) -> str:
        return format_datetime(self._when(tick))

    def _when(self, tick: int) -> datetime:
        # A change a day: far more than the engine's safety overlap.
        return BASE + timedelta(days=1000 + tick)

    def _tick_of(self, text: str) -> int:
        if text == EPOCH_CURSOR:
            return 0
        return (parse_datetime(text) - BASE - timedelta(days=1000)).days

    # --- ArchiveSource -------------------------------------------------------------

    async def supports_modified(self) -> bool:
        return self.has_modified

    async def server_time(self) -> datetime | None:
        self.requests.append("time")
        # An hour after the last change: the sync runs after the changes it copies.
        return self._when(self.clock) + timedelta(hours=1) if self.tells_time else None

    async def modified_page(
        self, since: datetime, after: str | None, max_items: int
    ) -> ModifiedPage:
        self.requests.append("modified")
        await _hook(self.before_modified, after)
        if not self.has_modified:
            raise server_error("feature-not-implemented")
        if after in self.forgotten:
            self.forgotten.discard(after)  # ids issued after the restart are known again
            raise server_error("item-not-found")
        if self.order_by_start:
            return self._modified_by_start(since, after, max_items)
        after_tick = self._tick_of(after) if after is not None else 0
        entries = sorted(
            (tick, kind, cid)
            for cid, (tick, kind) in self._changes.items()
            if tick > after_tick and (self.ignores_since or self._when(tick) > since)
        )[:max_items]
        changes = tuple(Change(kind, cid, self._version(cid)) for _, kind, cid in entries)
        last = self.time_of(entries[-1][0]) if entries else None
        return ModifiedPage(changes, last)

    def _version(self, cid: CollectionId) -> int | None:
        held = self.collections.get(cid)
        return held.version if held is not None and self.reports_versions else None

    def _modified_by_start(
        self, since: datetime, after: str | None, max_items: int
    ) -> ModifiedPage:
        def key(cid: CollectionId) -> str:
            return f"k{format_datetime(cid.start)}{cid.with_jid}"

        entries = sorted(
            (key(cid), kind, cid)
            for cid, (tick, kind) in self._changes.items()
            if self._when(tick) > since and (after is None or key(cid) > after)
        )[:max_items]
        changes = tuple(Change(kind, cid) for _, kind, cid in entries)
        return ModifiedPage(changes, entries[-1][0] if entries else None)

    async def list_page(self, after: str | None, max_items: int) -> ListPage:
        self.requests.append("list")
        await _hook(self.before_list, after)
        ids = sorted(self.collections)
        begin = 0 if after is None else int(after)
        chosen = ids[begin : begin + max_items]
        headers = tuple(self._header(self.collections[cid]) for cid in chosen)
        return ListPage(headers, str(begin + len(chosen)) if chosen else None)

    def _header(self, collection: Collection) -> CollectionHeader:
        count = len(collection.messages) if self.list_reports_count else None
        version = None if self.list_reports_count else collection.version
        return CollectionHeader(collection.id, version, count)

    async def retrieve(self, collection_id: CollectionId) -> Collection:
        self.requests.append("retrieve")
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            await asyncio.sleep(self.retrieve_delay)
            await _hook(self.before_retrieve, collection_id)
            if collection_id not in self.collections:
                raise server_error("item-not-found")
            return self.collections[collection_id]
        finally:
            self.in_flight -= 1


async def _hook(hook: Callable[..., object] | None, argument: object) -> None:
    if hook is None:
        return
    result = hook(argument)
    if asyncio.iscoroutine(result):
        await result


@dataclass(frozen=True)
class Summary:
    version: int | None
    message_count: int


@dataclass
class FakeReplica:
    """An in-memory replica whose writes are atomic, like the SQLite one.

    ``fail_apply_after`` makes the n-th later ``apply`` raise StoreError
    (counted from 1) without changing anything.
    """

    collections: dict[CollectionId, Collection] = field(default_factory=dict)
    stored_cursor: str | None = None
    full_list_at: datetime | None = None
    decrypted_items: dict[CollectionId, tuple[Message | Note, ...]] = field(default_factory=dict)
    applies: int = 0
    fail_apply_at: int | None = None

    def cursor(self) -> str | None:
        return self.stored_cursor

    @property
    def last_id(self) -> str | None:
        """The server's <last/> the stored cursor resumes after."""
        return SyncCursor.decode(self.stored_cursor).after

    def apply(
        self, changed: Iterable[Collection], removed: Iterable[CollectionId], cursor: str
    ) -> None:
        self.applies += 1
        if self.fail_apply_at == self.applies:
            raise StoreError("The disk is full.")
        new = dict(self.collections)
        for collection in changed:
            new[collection.id] = collection
        for collection_id in removed:
            new.pop(collection_id, None)
        self.collections, self.stored_cursor = new, cursor

    def replace_collection(self, collection: Collection) -> None:
        self.collections[collection.id] = collection
        self.decrypted_items.pop(collection.id, None)

    def remove_collection(self, collection_id: CollectionId) -> bool:
        return self.collections.pop(collection_id, None) is not None

    def collection_ids(self) -> set[CollectionId]:
        return set(self.collections)

    def summary(self, collection_id: CollectionId) -> Summary | None:
        stored = self.collections.get(collection_id)
        if stored is None:
            return None
        return Summary(stored.version, len(stored.messages))

    def set_last_full_list(self, when: datetime) -> None:
        self.full_list_at = when

    def last_full_list(self) -> datetime | None:
        return self.full_list_at

    def pending_encrypted(self) -> list[CollectionId]:
        return sorted(
            cid for cid, c in self.collections.items()
            if c.encrypted and cid not in self.decrypted_items
        )

    def collection(self, collection_id: CollectionId) -> Collection | None:
        return self.collections.get(collection_id)

    def store_decrypted(self, collection_id: CollectionId, items: Sequence[Message | Note]) -> None:
        self.decrypted_items[collection_id] = tuple(items)


def with_version(collection: Collection, version: int, messages: int = 4) -> Collection:
    """The same collection, edited on the server: new version, other messages."""
    n = int((collection.start - BASE).total_seconds() // 3600)
    return replace(make_collection(n, messages, version), id=collection.id)
