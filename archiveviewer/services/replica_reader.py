"""An :class:`~archiveviewer.ports.archive.ArchiveReader` over the account's local replica.

The replica (``archiveviewer.store.Replica``) keeps lower-cased bare JIDs,
UTC periods and marked-up snippets; the window wants roster names, local
calendar days and highlight spans. This adapter translates, and reads
nothing else: it works offline, with or without a connection.

The overview (:meth:`ReplicaReader.contacts`, :meth:`ReplicaReader.day_counts`)
is read through a second connection to the same file, so that the window
can read it in a worker thread while the UI thread pages through the list
on the first one without waiting for the other's lock (SQLite's WAL lets
both read at once, and read while a sync writes).

The conversation list's length (:meth:`ReplicaReader.collection_count`) is
counted on a connection of its own as well, and its pages
(:meth:`ReplicaReader.collections`) are read on another, the conversation
opened (:meth:`ReplicaReader.collection`) and the action limits on a third:
the window reads each in a worker thread, and none of them may wait for
another's read, or for a sync's write transaction on the first connection
(WAL lets them read the last committed state meanwhile).

Search pages and counts have a connection each too (see
:mod:`archiveviewer.services.search`): a count of the most common word
reads for a second, and neither the next page nor the list may wait for it.

The roster is not part of the replica: the composition root hands it in
(and again whenever the server sends a newer one) through :meth:`set_roster`.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo

from archiveviewer.domain import Collection, CollectionId, Contact, bare_jid
from archiveviewer.errors import StoreError
from archiveviewer.ports.archive import (
    CollectionRow,
    ContactRow,
    DayCount,
    ResultCount,
    ResultOrder,
    ResultPage,
    SearchFilters,
)
from archiveviewer.services import search
from archiveviewer.services.history import limits_of
from archiveviewer.store import CollectionSummary, DatePeriod, Replica
from archiveviewer.store.archive_reads import reaches

_HOUR = timedelta(hours=1)
#: A page of :meth:`ReplicaReader.collections`: contact, start, end, offset.
_PageKey = tuple[str | None, datetime | None, datetime | None, int]


class ReplicaReader:
    """Reads one account's replica for the window; implements ``ArchiveReader``."""

    def __init__(
        self,
        replica: Replica,
        roster: Iterable[Contact] = (),
        server_limits: Callable[[], dict[str, str]] = dict,
    ) -> None:
        self._replica = replica
        self._server_limits = server_limits  # what the account's server is known not to do
        self._others: dict[str, Replica] = {}  # more connections to the file, by use
        self._others_lock = threading.Lock()
        self._closed = False
        self._roster: dict[str, Contact] = {}
        self._resume: dict[_PageKey, tuple[datetime, int]] = {}
        self._resume_lock = threading.Lock()  # pages may be read by two workers
        self.set_roster(roster)

    @property
    def replica(self) -> Replica:
        """The replica read (commands write the same one)."""
        return self._replica

    def close(self) -> None:
        """Close the other connections (the replica itself belongs to the caller).

        None is opened again afterwards: a read that comes too late says so.
        """
        with self._others_lock:
            self._closed = True
            for other in self._others.values():
                other.close()
            self._others.clear()

    def _other(self, use: str) -> Replica:
        """Another connection to the file for one use, opened on first use."""
        with self._others_lock:
            if self._closed:
                raise StoreError("The local copy is closed.")
            if use not in self._others:
                self._others[use] = Replica(self._replica.path)
            return self._others[use]

    def _slow(self) -> Replica:
        """The connection for the overview's long reads."""
        return self._other("overview")

    def set_roster(self, roster: Iterable[Contact]) -> None:
        """Names and groups to show for contacts from now on (keyed by lower-cased bare JID)."""
        self._roster = {bare_jid(c.jid).lower(): c for c in roster}

    # -- ArchiveReader -------------------------------------------------------------------

    def contacts(self) -> Sequence[ContactRow]:
        """Roster entries and every bare JID that has collections, sorted by label."""
        replica = self._slow()
        stored = {c.contact: c for c in replica.contacts()}
        reach = reaches(replica)
        summaries = []
        for jid in stored.keys() | self._roster.keys():
            entry = self._roster.get(jid)
            counted = stored.get(jid)
            summaries.append(
                ContactRow(
                    jid=jid,
                    name=entry.name if entry else None,
                    groups=entry.groups if entry else (),
                    collections=counted.collection_count if counted else 0,
                    first=_first_start(replica, jid) if counted else None,
                    last=_last_start(replica, jid) if counted else None,
                    synced_back_to=reach[jid].back_to if jid in reach else None,
                    synced_whole=jid in reach and reach[jid].complete,
                )
            )
        return sorted(summaries, key=lambda s: (s.label.casefold(), s.jid))

    def day_counts(self, contact: str | None, tz: tzinfo | None) -> Sequence[DayCount]:
        """Collections per local calendar day (in ``tz``, or the system's zone), by day.

        The system's zone and fixed offsets are counted by SQLite in one pass.
        Any other zone (one with daylight saving rules of its own) is counted
        per UTC hour; each hour lands on one local day, except in zones whose
        offset is not whole hours, where the few hours that straddle local
        midnight are counted again exactly.
        """
        shift = _sqlite_shift(tz)
        if shift is not None:
            counted = self._slow().local_date_counts(shift, contact=contact)
            return [DayCount(date.fromisoformat(c.period), c.collection_count) for c in counted]
        days: Counter[date] = Counter()
        for bucket in self._slow().date_counts(DatePeriod.HOUR, contact=contact):
            hour = datetime.fromisoformat(bucket.period + ":00").replace(tzinfo=UTC)
            first, last = hour.astimezone(tz), (hour + _HOUR - timedelta(microseconds=1))
            if first.date() == last.astimezone(tz).date():
                days[first.date()] += bucket.collection_count
            else:
                self._split_hour(days, hour, contact, tz)
        return [DayCount(day, n) for day, n in sorted(days.items()) if n]

    def _split_hour(
        self, days: Counter[date], hour: datetime, contact: str | None, tz: tzinfo | None
    ) -> None:
        """Count one UTC hour that local midnight cuts in two, exactly, on each side."""
        local_day = hour.astimezone(tz).date() + timedelta(days=1)
        # naive (tz None) reads as the system's local time, as astimezone(None) does
        midnight = datetime.combine(local_day, datetime.min.time(), tzinfo=tz).astimezone(UTC)
        for since, until in ((hour, midnight), (midnight, hour + _HOUR)):
            counts = self._slow().date_counts(
                DatePeriod.YEAR, contact=contact, since=since, until=until
            )
            days[since.astimezone(tz).date()] += sum(c.collection_count for c in counts)

    def collections(
        self,
        contact: str | None,
        start: datetime | None,
        end: datetime | None,
        offset: int,
        limit: int,
    ) -> Sequence[CollectionRow]:
        """One page of collection headers starting in ``[start, end)``, newest first.

        The page after one already read resumes from that page's last start
        (keyset paging) instead of making SQLite skip ``offset`` rows, so
        scrolling to the end of a long list costs the same per page.
        """
        with self._resume_lock:
            if offset == 0:
                kept = self._resume.items()
                self._resume = {k: v for k, v in kept if k[:3] != (contact, start, end)}
            resume = self._resume.pop((contact, start, end, offset), None)
        if resume is None:
            until, skip = end, offset
        else:
            boundary, seen_at_boundary = resume
            until, skip = boundary + timedelta(microseconds=1), seen_at_boundary
        page = self._other("pages").collections(
            contact=contact, since=start, until=until, limit=limit, offset=skip
        )
        if page:
            last = page[-1].id.start
            at_last = sum(1 for s in page if s.id.start == last)
            if resume is not None and last == resume[0]:
                at_last += resume[1]
            with self._resume_lock:
                self._resume[(contact, start, end, offset + len(page))] = (last, at_last)
        return [CollectionRow(_header(s), s.message_count) for s in page]

    def collection_count(
        self, contact: str | None, start: datetime | None, end: datetime | None
    ) -> int:
        """How many collections :meth:`collections` lists in all (the list's true length)."""
        return self._other("list").count_collections(contact=contact, since=start, until=end)

    def collection(self, collection_id: CollectionId) -> Collection:
        """The collection with all its items; its stored plaintext when it was decrypted."""
        replica = self._other("open")
        stored = replica.collection(collection_id)
        if stored is None:
            raise StoreError(
                "This conversation is no longer in the local copy. It may have been removed."
            )
        plain = replica.decrypted(collection_id) if stored.encrypted else None
        if plain is None:
            return stored
        return Collection(
            id=stored.id,
            subject=stored.subject,
            crypt=stored.crypt,
            thread=stored.thread,
            version=stored.version,
            items=plain,
        )

    def unavailable(
        self, ids: Sequence[CollectionId], contact: str | None, whole_range: bool = False
    ) -> dict[str, str]:
        """``ActionLimits``: message-archive conversations can only be read, and what the
        account's server is known not to do (it drops notes), and why."""
        reasons = limits_of(self._other("open"), ids, contact, whole_range)
        return {**self._server_limits(), **reasons}

    def search_page(
        self,
        query: str,
        filters: SearchFilters,
        order: ResultOrder,
        after: object | None,
        limit: int,
    ) -> ResultPage:
        """One page of messages, notes and subjects that match ``query``, in ``order``."""
        return search.search_page(self._other("search"), query, filters, order, after, limit)

    def count_results(self, query: str, filters: SearchFilters) -> ResultCount:
        """How many results ``query`` has, on a connection of its own (it may take a while)."""
        return search.count_results(self._other("count"), query, filters)


def _first_start(replica: Replica, contact: str) -> datetime | None:
    oldest = replica.collections(contact=contact, limit=1, newest_first=False)
    return oldest[0].id.start if oldest else None


def _last_start(replica: Replica, contact: str) -> datetime | None:
    newest = replica.collections(contact=contact, limit=1, newest_first=True)
    return newest[0].id.start if newest else None


def _sqlite_shift(tz: tzinfo | None) -> str | None:
    """SQLite's modifier for ``tz``: ``localtime``, a fixed ``+N minutes``, or None."""
    if tz is None:
        return "localtime"
    offset = tz.utcoffset(None)  # None for a zone whose offset changes over the year
    if offset is None:
        return None
    return f"{int(offset.total_seconds() // 60):+d} minutes"


def _header(s: CollectionSummary) -> Collection:
    return Collection(
        id=s.id, subject=s.subject, crypt=s.crypt or s.encrypted, thread=s.thread, version=s.version
    )
