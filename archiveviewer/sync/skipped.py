"""Collections a sync cannot read: skipped, recorded, retried, and named.

One collection the server sends in a form that cannot be read (a date that
cannot be, a number out of range) must not stop the sync of all the others
on every run. :class:`Skips` retrieves through the window and turns a
:class:`~archiveviewer.errors.MalformedInput` into a skip: the rest of the
page is stored and the cursor moves on, but only after the skipped ones
are written to the :class:`UnreadableLog` (so a crash between the two
retries them again, never loses them). The next sync retries every
recorded one first; the sync result names those still unreadable.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Awaitable, Callable, Iterable
from typing import Protocol, runtime_checkable

from archiveviewer.domain import Collection, CollectionId
from archiveviewer.errors import MalformedInput
from archiveviewer.sync.progress import SkippedCollection
from archiveviewer.sync.window import RetrieveWindow

StoreCall = Callable[[Callable[[], object]], Awaitable[None]]


@runtime_checkable
class UnreadableLog(Protocol):
    """Where the replica keeps unreadable collections between syncs.

    ``archiveviewer.store.Replica`` provides it; each method is one transaction.
    """

    def unreadable(self) -> dict[CollectionId, str]:
        """The recorded collections with their reasons."""
        ...

    def record_unreadable(self, failures: dict[CollectionId, str]) -> None:
        """Record collections that could not be read (id to reason)."""
        ...

    def forget_unreadable(self, ids: Iterable[CollectionId]) -> None:
        """Forget recorded collections (read at last, or gone)."""
        ...


class MemoryLog:
    """An :class:`UnreadableLog` that lasts one sync, for replicas that keep none."""

    def __init__(self) -> None:
        self._failures: dict[CollectionId, str] = {}

    def unreadable(self) -> dict[CollectionId, str]:
        """See :class:`UnreadableLog`."""
        return dict(self._failures)

    def record_unreadable(self, failures: dict[CollectionId, str]) -> None:
        """See :class:`UnreadableLog`."""
        self._failures.update(failures)

    def forget_unreadable(self, ids: Iterable[CollectionId]) -> None:
        """See :class:`UnreadableLog`."""
        for cid in ids:
            self._failures.pop(cid, None)


class Skip(enum.Enum):
    """What :meth:`Skips.retrieve` returns for a collection it skipped."""

    SKIPPED = "skipped"


class Skips:
    """The skipped collections of one sync; see the module docstring."""

    def __init__(self, log: UnreadableLog, store: StoreCall) -> None:
        self._log = log
        self._store = store
        self.known = log.unreadable()  # recorded by earlier syncs
        self.now: dict[CollectionId, str] = {}  # not read in this sync

    async def retrieve(
        self, window: RetrieveWindow, collection_id: CollectionId
    ) -> Collection | Skip | None:
        """The collection, None if it is gone, or :attr:`Skip.SKIPPED` if it cannot be read."""
        try:
            return await window.retrieve(collection_id)
        except MalformedInput as exc:
            self.now[collection_id] = exc.user_message
            return Skip.SKIPPED

    async def record(self, ids: Iterable[CollectionId]) -> None:
        """Write the skipped ones among ``ids`` to the log, before their page is stored."""
        failures = {cid: self.now[cid] for cid in ids if cid in self.now}
        if failures:
            await self._store(functools.partial(self._log.record_unreadable, failures))

    async def settled(self, ids: Iterable[CollectionId]) -> None:
        """Forget recorded ones among ``ids`` now stored or removed."""
        done = [cid for cid in ids if cid in self.known and cid not in self.now]
        if done:
            await self._store(functools.partial(self._log.forget_unreadable, done))
            for cid in done:
                del self.known[cid]

    def result(self) -> tuple[SkippedCollection, ...]:
        """Every collection still unreadable after this sync, oldest record first."""
        reasons = {**self.known, **self.now}
        return tuple(SkippedCollection(cid, reason) for cid, reason in reasons.items())


def log_of(replica: object) -> UnreadableLog:
    """The replica's own log when it keeps one, else one for this sync only."""
    return replica if isinstance(replica, UnreadableLog) else MemoryLog()


def summary(skipped: tuple[SkippedCollection, ...]) -> str | None:
    """One sentence naming the conversations that could not be read, None if none."""
    if not skipped:
        return None
    count = len(skipped)
    noun = "conversation" if count == 1 else "conversations"
    shown = "; ".join(s.reason for s in skipped[:3])
    more = f"; and {count - 3} more" if count > 3 else ""
    return f"{count} {noun} could not be read and will be tried again next time: {shown}{more}"
