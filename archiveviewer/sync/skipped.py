"""Collections a sync cannot read: skipped, recorded, retried, and named.

One collection the server sends in a form that cannot be read (a date that
cannot be, a number out of range) must not stop the sync of all the others
on every run. :class:`Skips` retrieves through the window and turns a
:class:`~archiveviewer.errors.MalformedInput` into a skip: the rest of the
page is stored and the cursor moves on, but only after the skipped ones
are written to the :class:`UnreadableLog` (so a crash between the two
retries them again, never loses them). The next sync retries every
recorded one first; the sync result names those still unreadable.

An entry of a list of changes (or of collections) whose own key cannot be
read is kept the same way, as an :class:`~archiveviewer.domain.UnreadEntry`
in the server's words, and asked for again in those words when the source
can (:class:`~archiveviewer.sync.ports.EntrySource`); else it stays named.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from typing import Protocol, runtime_checkable

from archiveviewer.domain import Collection, CollectionId, UnreadEntry, UnreadMessage
from archiveviewer.errors import MalformedInput, ServerError
from archiveviewer.sync.progress import SkippedCollection
from archiveviewer.sync.window import RetrieveWindow

StoreCall = Callable[[Callable[[], object]], Awaitable[None]]
#: What the log is keyed by: a collection, or an entry whose key could not be read.
Key = CollectionId | UnreadEntry


@runtime_checkable
class UnreadableLog(Protocol):
    """Where the replica keeps unreadable collections between syncs.

    ``archiveviewer.store.Replica`` provides it; each method is one transaction.
    """

    def unreadable(self) -> dict[Key, str]:
        """The recorded collections with their reasons."""
        ...

    def record_unreadable(self, failures: dict[Key, str]) -> None:
        """Record collections that could not be read (id to reason)."""
        ...

    def forget_unreadable(self, ids: Iterable[Key]) -> None:
        """Forget recorded collections (read at last, or gone)."""
        ...


class MemoryLog:
    """An :class:`UnreadableLog` that lasts one sync, for replicas that keep none."""

    def __init__(self) -> None:
        self._failures: dict[Key, str] = {}

    def unreadable(self) -> dict[Key, str]:
        """See :class:`UnreadableLog`."""
        return dict(self._failures)

    def record_unreadable(self, failures: dict[Key, str]) -> None:
        """See :class:`UnreadableLog`."""
        self._failures.update(failures)

    def forget_unreadable(self, ids: Iterable[Key]) -> None:
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
        self.now: dict[Key, str] = {}  # not read in this sync

    async def retrieve(self, window: RetrieveWindow, key: Key) -> Collection | Skip | None:
        """The collection, None if it is gone, or :attr:`Skip.SKIPPED` if it cannot be read."""
        try:
            if isinstance(key, CollectionId):
                return await window.retrieve(key)
            if window.asks_entries and key.with_jid and key.start:
                return await window.retrieve_entry(key)
        except MalformedInput as exc:
            self.now[key] = exc.user_message
            return Skip.SKIPPED
        except ServerError:
            if isinstance(key, CollectionId):
                raise
            # A server may refuse its own words back (a bad-request): still unreadable.
        self.now[key] = self.known.get(key, "")
        return Skip.SKIPPED

    def unread(self, entries: Mapping[UnreadEntry, str]) -> None:
        """Entries of a result whose key could not be read: skipped in this sync."""
        for entry, reason in entries.items():
            self.now[entry] = reason

    async def record(self, ids: Iterable[Key]) -> None:
        """Write the skipped ones among ``ids`` to the log, before their page is stored."""
        failures = {cid: self.now[cid] for cid in ids if cid in self.now}
        if failures:
            await self._store(functools.partial(self._log.record_unreadable, failures))

    async def settled(self, ids: Iterable[Key]) -> None:
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


def message_summary(unread: Sequence[UnreadMessage]) -> str | None:
    """One sentence naming the archived messages that could not be read, None if none."""
    if not unread:
        return None
    count = len(unread)
    noun = "archived message" if count == 1 else "archived messages"
    shown = "; ".join(u.reason for u in unread[:3])
    more = f"; and {count - 3} more" if count > 3 else ""
    return f"{count} {noun} could not be read and will be tried again next time: {shown}{more}"
