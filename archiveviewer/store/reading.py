"""Everything the replica answers without writing: collections, lists, counts and search.

:class:`ReplicaReads` is the reading half of :class:`~archiveviewer.store.replica.Replica`;
each method holds the replica's lock for one read.
"""

from __future__ import annotations

import sqlite3
import threading
from datetime import datetime

from archiveviewer.domain import Collection, CollectionId, Message, Note
from archiveviewer.store import listing, rows
from archiveviewer.store.codec import (
    optional_time,
    time_text,
)
from archiveviewer.store.counts import HitCounts
from archiveviewer.store.listing import (
    CollectionSummary,
    ContactSummary,
    DateCount,
    DatePeriod,
    Removal,
)
from archiveviewer.store.search import (
    SearchCursor,
    SearchFilter,
    SearchHit,
    SearchOrder,
    SearchPage,
    run_search,
    search_page,
)
from archiveviewer.store.transaction import Reading


class ReplicaReads:
    """The reads of a replica (mixed into :class:`Replica`, which opens the file)."""

    _db: sqlite3.Connection
    _lock: threading.RLock
    _counts: HitCounts

    def _read(self) -> Reading:
        return Reading(self._lock)

    def cursor(self) -> str | None:
        """The replication cursor (the last ``<last/>`` stored), None before the first sync."""
        with self._read():
            row = self._db.execute("SELECT cursor FROM sync_state").fetchone()
            return None if row[0] is None else str(row[0])

    def last_full_list(self) -> datetime | None:
        """When :meth:`set_last_full_list` was last called, None if never."""
        with self._read():
            row = self._db.execute("SELECT last_full_list FROM sync_state").fetchone()
            return optional_time(row[0])

    def collection(self, collection_id: CollectionId) -> Collection | None:
        """The stored collection with its items in order, exactly as stored; None if absent."""
        with self._read():
            return rows.load_collection(self._db, collection_id)

    def decrypted(self, collection_id: CollectionId) -> tuple[Message | Note, ...] | None:
        """The stored plaintext of an encrypted collection, None if not decrypted (or absent)."""
        with self._read():
            row = self._db.execute(
                "SELECT id, decrypted_at FROM collections WHERE with_jid = ? AND start = ?",
                (collection_id.with_jid, time_text(collection_id.start)),
            ).fetchone()
            if row is None or row[1] is None:
                return None
            return rows.load_items(self._db, row[0], decrypted=True)

    def summary(self, collection_id: CollectionId) -> CollectionSummary | None:
        """A collection's header (with its version and counts), None if absent."""
        with self._read():
            row_id = rows.find_row(self._db, collection_id)
            return None if row_id is None else listing.summary(self._db, row_id)

    def collection_ids(self) -> set[CollectionId]:
        """The ids of every stored collection (to compare with the server's full list).

        Conversations grouped from a message archive (XEP-0313) are not among
        them: no XEP-0136 list holds them, and a comparison must not remove them.
        """
        with self._read():
            stored = self._db.execute(
                "SELECT with_jid, start FROM collections WHERE archive IS NULL"
            )
            return {rows.id_of(jid, start) for jid, start in stored}

    def encrypted_key_names(self) -> dict[CollectionId, frozenset[str]]:
        """For each collection with EncryptedKeys, the public-key names they are wrapped for.

        An EncryptedKey that names no public key counts as ``""``.
        """
        with self._read():
            keyed = self._db.execute(
                """
                SELECT c.with_jid, c.start, COALESCE(e.key_name, '') FROM encrypted_items e
                JOIN collections c ON c.id = e.collection
                WHERE e.kind = 'EncryptedKey'
                """
            )
            found: dict[CollectionId, set[str]] = {}
            for jid, start, name in keyed:
                found.setdefault(rows.id_of(jid, start), set()).add(name)
        return {key: frozenset(names) for key, names in found.items()}

    def pending_encrypted(self) -> list[CollectionId]:
        """Collections holding encrypted items whose plaintext is not stored, oldest first."""
        with self._read():
            pending = self._db.execute(
                """
                SELECT with_jid, start FROM collections c
                WHERE decrypted_at IS NULL
                  AND EXISTS (SELECT 1 FROM encrypted_items e WHERE e.collection = c.id)
                ORDER BY start, with_jid
                """
            )
            return [rows.id_of(jid, start) for jid, start in pending]

    def contacts(self) -> list[ContactSummary]:
        """Every contact (lower-cased bare JID) with its counts, most recently active first."""
        with self._read():
            return listing.contacts(self._db)

    def collections(
        self,
        *,
        contact: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int = 100,
        offset: int = 0,
        newest_first: bool = True,
    ) -> list[CollectionSummary]:
        """One page of collection headers, by start time.

        ``contact`` is a bare JID (all its resources, without case) or a full
        JID (that ``with`` exactly); ``since`` is inclusive and ``until``
        exclusive, on the collection's start.
        """
        with self._read():
            return listing.collections(self._db, contact, since, until, limit, offset, newest_first)

    def count_collections(
        self,
        *,
        contact: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> int:
        """How many collections :meth:`collections` lists in all for these filters."""
        with self._read():
            return listing.count_collections(self._db, contact, since, until)

    def date_counts(
        self,
        period: DatePeriod,
        *,
        contact: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> list[DateCount]:
        """Collections and messages per year, month, day or hour of their UTC start, oldest first.

        ``period`` labels are ``"2008"``, ``"2008-07"``, ``"2008-07-18"`` or ``"2008-07-18T21"``;
        the other arguments filter as in :meth:`collections`.
        """
        with self._read():
            return listing.date_counts(self._db, period, contact, since, until)

    def local_date_counts(self, shift: str, *, contact: str | None = None) -> list[DateCount]:
        """Collections and messages per local calendar day of their start, oldest first.

        ``shift`` is ``"localtime"`` (the system's time zone, as SQLite reads
        it) or a fixed offset like ``"+120 minutes"``; labels are ``"2008-07-18"``.
        """
        with self._read():
            return listing.local_date_counts(self._db, shift, contact)

    def removals(self, limit: int = 100) -> list[Removal]:
        """The latest collections removed from the replica, newest first."""
        with self._read():
            return listing.removals(self._db, limit)

    def search(
        self,
        text: str,
        search_filter: SearchFilter | None = None,
        *,
        order: SearchOrder = SearchOrder.RELEVANCE,
        limit: int = 50,
        offset: int = 0,
    ) -> list[SearchHit]:
        """Search message bodies, notes and subjects for a user's text; one page of hits.

        ``text`` is read as words, ``"phrases"``, ``prefix*``, ``AND``/``OR``/``NOT``
        and ``-word`` (see :mod:`archiveviewer.store.query`), without case or
        accents, and never raises a syntax error: text with nothing to search
        for gives no hits. Decrypted plaintext is searched too. Prefer
        :meth:`search_page`, whose cursor costs nothing however deep one pages.
        """
        with self._read():
            return run_search(self._db, text, search_filter or SearchFilter(), order, limit, offset)

    def search_page(
        self,
        text: str,
        search_filter: SearchFilter | None = None,
        *,
        order: SearchOrder = SearchOrder.NEWEST,
        limit: int = 50,
        after: SearchCursor | None = None,
    ) -> SearchPage:
        """One page of hits and a cursor to the next (None after the last hit).

        Text and filter read as in :meth:`search`. Pass the previous page's
        ``next`` as ``after`` (with the same text, filter and order) to go on:
        every hit comes exactly once, in a stable order. Newest and oldest
        first are exact; relevance ranks the newest 200 matches (within a
        quarter of the time span) by BM25, then the next block, and so on
        (see ``docs/search.md``). A text over the
        bounds of :mod:`archiveviewer.store.query` raises ``SearchTooLong``.
        """
        with self._read():
            return search_page(self._db, text, search_filter or SearchFilter(), order, limit, after)

    def count_hits(self, text: str, search_filter: SearchFilter | None = None) -> int:
        """How many hits :meth:`search` has in all for this text and filter.

        Slower than a page on the most common words (it reads every posting):
        ask for it after showing the first page. Remembered until the next write.
        """
        with self._read():
            return self._counts.count(self._db, text, search_filter or SearchFilter())
