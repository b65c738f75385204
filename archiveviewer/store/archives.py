"""Message Archive Management (XEP-0313) in the replica: messages into conversations.

A MAM archive is a stream of messages with ids, not collections. The replica
keeps them as conversations (``collections`` rows marked with the archive's
JID, see schema migration ``_mam_archives``), so the window, search, export
and files work on them unchanged. How messages are cut into conversations is
a rule handed in (:class:`ConversationRule`, the sync layer's); this module
applies it, page by page, in one transaction per page:

- a message whose archive id is already stored is dropped (pages may overlap);
- the new messages of each contact are regrouped together with the stored
  conversations they could touch (within the idle gap), which are replaced by
  the regrouped ones, so a late message joins its conversation;
- the archive's stored range (:class:`ArchiveRange`) moves with the page, so
  an interrupted sync resumes at the edge of what is stored, with no gap.

A conversation's messages are in archive order (their ``ordinal`` is their
position in the archive, counted from the first page stored), which
XEP-0313 requires to be chronological; the archive order also keeps apart
messages stamped with the same second.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

from archiveviewer.domain import ArchivedMessage, CollectionId, Message, UnreadMessage
from archiveviewer.store import archive_skips as skips
from archiveviewer.store import index
from archiveviewer.store.archive_types import (
    ArchivePage,
    ArchiveRange,
    ConversationRule,
    Edge,
    HistoryReach,
    RecordedSkip,
)
from archiveviewer.store.codec import (
    contact_of,
    item_from_row,
    item_row,
    optional_time,
    parse_time,
    time_text,
)
from archiveviewer.store.replica import Replica
from archiveviewer.store.rows import delete_row, now_text, update_counts
from archiveviewer.store.scripts import index_text

#: Position of the first message ever stored of an archive; older ones count down.
_FIRST_POSITION = 1 << 40


#: One stored or new message on its way to a conversation: time, position, id, message.
_Entry = tuple[datetime, int, ArchivedMessage]


class ArchiveStore:
    """The MAM side of one :class:`Replica`; each method is one transaction."""

    def __init__(self, replica: Replica, rule: ConversationRule) -> None:
        self._replica = replica
        self._rule = rule
        #: The conversations (row ids) new messages went into, through this store.
        self.touched: set[int] = set()

    def range(self, archive: str) -> ArchiveRange | None:
        """The stored span of ``archive``, None before its first page."""
        with self._replica._read():  # the replica's lock: one call at a time
            return _range(self._replica._db, archive)

    def store_page(self, page: ArchivePage) -> int:
        """Store a page's new messages into conversations and move the range; how many were new."""
        db = self._replica._db
        with self._replica._write():
            stored = _range(db, page.archive)
            fresh = _new_messages(db, page.archive, page.messages)
            # An unreadable message takes its place in the span too, kept free for it.
            order = skips.in_page_order(page, fresh, skips.new_unreadable(db, page))
            positions = _positions(db, page, stored, len(order))
            by_contact: dict[str, list[_Entry]] = defaultdict(list)
            for position, item in zip(positions, order, strict=True):
                if isinstance(item, UnreadMessage):
                    skips.record(db, position, item, now_text())
                    continue
                by_contact[contact_of(item.with_jid)].append((item.message.time, position, item))
            for contact, entries in by_contact.items():
                self._regroup(db, page.archive, contact, entries)
            _move_range(db, page, stored, positions)
            return len(fresh)

    def skipped(self, archive: str | None = None) -> list[RecordedSkip]:
        """The messages recorded as unreadable (of ``archive``, else of all), in archive order."""
        with self._replica._read():
            return skips.recorded(self._replica._db, archive)

    def store_retried(self, skip: RecordedSkip, message: ArchivedMessage) -> int:
        """Store a recorded message read at last, in its place, and forget the record; 1 if new."""
        db = self._replica._db
        with self._replica._write():
            skips.forget(db, skip)
            if not _new_messages(db, skip.message.archive, [message]):
                return 0
            entry = (message.message.time, skip.position, message)
            self._regroup(db, skip.message.archive, contact_of(message.with_jid), [entry])
            return 1

    def still_unreadable(self, skip: RecordedSkip, reason: str | None) -> None:
        """Keep ``skip`` recorded (with a new ``reason``), or forget it when ``reason`` is None
        (the archive no longer holds it)."""
        with self._replica._write():
            if reason is None:
                skips.forget(self._replica._db, skip)
            else:
                skips.reword(self._replica._db, skip, reason)

    def history_reach(self, contact: str) -> HistoryReach | None:
        """How far back ``contact``'s archive is stored, None if none of it is."""
        key = contact_of(contact)
        with self._replica._read():
            db = self._replica._db
            row = db.execute(
                "SELECT archive FROM collections WHERE contact = ? AND archive IS NOT NULL LIMIT 1",
                (key,),
            ).fetchone()
            found = _range(db, key) or (None if row is None else _range(db, str(row[0])))
            if found is None:
                return None
            return HistoryReach(found.archive, found.oldest_time, found.complete)

    def archive_of(self, collection_id: CollectionId) -> str | None:
        """The archive a stored conversation was grouped from; None for XEP-0136 or absent."""
        with self._replica._read():
            row = self._replica._db.execute(
                "SELECT archive FROM collections WHERE with_jid = ? AND start = ?",
                (collection_id.with_jid, time_text(collection_id.start)),
            ).fetchone()
            return None if row is None or row[0] is None else str(row[0])

    def messages(self, archive: str) -> list[ArchivedMessage]:
        """Every stored message of ``archive``, in archive order (to compare with the server)."""
        with self._replica._read():
            db = self._replica._db
            rows = db.execute(
                "SELECT id, contact FROM collections WHERE archive = ?", (archive,)
            ).fetchall()
            entries = [
                e for row_id, contact in rows for e in _stored_entries(db, archive, contact, row_id)
            ]
        entries.sort(key=lambda e: e[1])
        return [e[2] for e in entries]

    def regroup(self, archive: str) -> int:
        """Group every stored message of ``archive`` again by the rule (after the idle gap
        setting changed); returns how many conversations there are now. Nothing is
        fetched again, and no message is lost or doubled: it is one transaction."""
        db = self._replica._db
        with self._replica._write():
            rows = db.execute(
                "SELECT id, contact FROM collections WHERE archive = ?", (archive,)
            ).fetchall()
            by_contact: dict[str, list[_Entry]] = defaultdict(list)
            for row_id, contact in rows:
                by_contact[contact] += _stored_entries(db, archive, contact, row_id)
                delete_row(db, row_id)
            for contact, entries in by_contact.items():
                entries.sort(key=lambda e: (e[0], e[1]))
                for span in self._rule.groups([(e[0], e[0]) for e in entries]):
                    _store_conversation(db, archive, contact, [entries[n] for n in span])
            return int(
                db.execute(
                    "SELECT count(*) FROM collections WHERE archive = ?", (archive,)
                ).fetchone()[0]
            )

    def _regroup(
        self, db: sqlite3.Connection, archive: str, contact: str, entries: list[_Entry]
    ) -> None:
        """Put a contact's new messages into its conversations, merging those they bridge.

        Stored conversations are never cut and never rewritten: their rows stay
        (items keep their ids and index entries); a new message is inserted
        where it belongs by its archive position, and a conversation that joins
        an earlier one moves its items over.
        """
        gap = self._rule.idle_gap
        low = time_text(min(e[0] for e in entries) - gap)
        high = time_text(max(e[0] for e in entries) + gap)
        stored = db.execute(
            "SELECT id, first_time, last_time FROM collections WHERE contact = ? AND archive = ?"
            " AND start <= ? AND last_time >= ?",
            (contact, archive, high, low),
        ).fetchall()
        parts: list[tuple[datetime, datetime, int | None, _Entry | None]] = [
            (parse_time(first), parse_time(last), int(row_id), None)
            for row_id, first, last in stored
        ]
        parts += [(e[0], e[0], None, e) for e in entries]
        parts.sort(key=lambda p: (p[0], p[3][1] if p[3] is not None else -1))
        for group in self._rule.groups([(p[0], p[1]) for p in parts]):
            members = [parts[n] for n in group]
            rows = [p[2] for p in members if p[2] is not None]
            new = [p[3] for p in members if p[3] is not None]
            self.touched.difference_update(rows)
            self.touched.add(_merge(db, archive, contact, rows, new, start=members[0][0]))


def _range(db: sqlite3.Connection, archive: str) -> ArchiveRange | None:
    row = db.execute(
        "SELECT oldest_id, oldest_time, newest_id, newest_time, complete FROM archive_ranges"
        " WHERE archive = ?",
        (archive,),
    ).fetchone()
    if row is None:
        return None
    oldest_id, oldest_time, newest_id, newest_time, complete = row
    return ArchiveRange(
        archive, oldest_id, optional_time(oldest_time), newest_id, optional_time(newest_time),
        bool(complete),
    )  # fmt: skip


def _new_messages(
    db: sqlite3.Connection, archive: str, messages: Sequence[ArchivedMessage]
) -> list[ArchivedMessage]:
    """The page's messages not stored yet (and each once), in archive order."""
    rows = db.execute(
        "SELECT i.archive_id FROM json_each(?) j"
        " JOIN items i ON i.archive_id = j.value JOIN collections c ON c.id = i.collection"
        " WHERE c.archive = ?",
        (json.dumps([m.archive_id for m in messages]), archive),
    )
    seen = {str(row[0]) for row in rows}
    fresh = []
    for message in messages:
        if message.archive_id not in seen:
            seen.add(message.archive_id)
            fresh.append(message)
    return fresh


def _positions(
    db: sqlite3.Connection, page: ArchivePage, stored: ArchiveRange | None, count: int
) -> list[int]:
    """Archive-order numbers for a page's new messages, next to the stored range."""
    row = db.execute(
        "SELECT oldest_position, newest_position FROM archive_ranges WHERE archive = ?",
        (page.archive,),
    ).fetchone()
    if stored is None or row is None or row[0] is None or page.edge is Edge.NEWEST:
        return list(range(_FIRST_POSITION, _FIRST_POSITION + count))
    if page.edge is Edge.NEWER:
        return list(range(int(row[1]) + 1, int(row[1]) + 1 + count))
    return list(range(int(row[0]) - count, int(row[0])))


def _stored_entries(
    db: sqlite3.Connection, archive: str, contact: str, row_id: int
) -> list[_Entry]:
    rows = db.execute(
        "SELECT ordinal, kind, direction, time, text, nick, payload, archive_id FROM items"
        " WHERE collection = ? AND decrypted = 0 AND kind = 'message'",
        (row_id,),
    )
    entries = []
    for ordinal, kind, direction, time, text, nick, payload, archive_id in rows:
        message = item_from_row(kind, direction, time, text, nick, payload)
        if not isinstance(message, Message):
            raise ValueError("a conversation of an archive holds messages only")
        item = ArchivedMessage(archive, str(archive_id), contact, message)
        entries.append((message.time, int(ordinal), item))
    return entries


def _merge(
    db: sqlite3.Connection,
    archive: str,
    contact: str,
    rows: list[int],
    new: list[_Entry],
    *,
    start: datetime,
) -> int:
    """One conversation of the stored ``rows`` and the ``new`` messages, from ``start``; its id."""
    if not rows:
        return _store_conversation(db, archive, contact, new)
    keep, *others = rows
    for other in others:
        # Ordinals are archive positions, unique in the archive: moving cannot collide.
        db.execute("UPDATE items SET collection = ? WHERE collection = ?", (keep, other))
        db.execute("DELETE FROM collections WHERE id = ?", (other,))
    db.execute("UPDATE collections SET start = ? WHERE id = ?", (time_text(start), keep))
    _insert_messages(db, keep, new)
    update_counts(db, keep)
    return keep


def _store_conversation(
    db: sqlite3.Connection, archive: str, contact: str, entries: list[_Entry]
) -> int:
    row_id = db.execute(
        "INSERT INTO collections (with_jid, contact, start, archive) VALUES (?, ?, ?, ?)",
        (contact, contact, time_text(entries[0][0]), archive),
    ).lastrowid
    assert row_id is not None  # an INSERT always gives one
    _insert_messages(db, row_id, entries)
    update_counts(db, row_id)
    return row_id


def _insert_messages(db: sqlite3.Connection, row_id: int, entries: list[_Entry]) -> None:
    """Insert messages (ordinal = archive position) and index only them for search.

    The rows get their time keys as the replica's other writes give them
    (:mod:`archiveviewer.store.index`); stored rows are indexed already.
    """
    if not entries:
        return
    rows = [item_row(e[1], e[2].message) for e in entries]
    keys = index.assign_keys(db, "items", [r[3] for r in rows], [r[0] for r in rows])  # type: ignore[misc]
    values = sorted(
        (key, row_id, *row, index_text(row[4]), e[2].archive_id)
        for key, row, e in zip(keys, rows, entries, strict=True)
    )  # in id order: SQLite appends, FTS5 does not flush
    db.executemany(
        "INSERT INTO items (id, collection, decrypted, ordinal, kind, direction, time, text,"
        " nick, payload, search_text, archive_id) VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        values,
    )
    db.execute(
        "INSERT INTO items_fts (rowid, text, tags)"  # noqa: S608 -- fixed SQL fragments
        f" SELECT i.id, coalesce(i.search_text, i.text), {index.TAGS_SQL}"
        " FROM items i JOIN collections c ON c.id = i.collection"
        " WHERE i.id IN (SELECT value FROM json_each(?)) ORDER BY i.id",
        (json.dumps([v[0] for v in values]),),
    )


def _move_range(
    db: sqlite3.Connection, page: ArchivePage, stored: ArchiveRange | None, positions: list[int]
) -> None:
    messages = page.messages
    if not messages and not page.unreadable:
        if stored is None:
            db.execute(
                "INSERT INTO archive_ranges (archive, complete) VALUES (?, 1)", (page.archive,)
            )
        elif page.edge is Edge.OLDER and page.reached_beginning:
            db.execute("UPDATE archive_ranges SET complete = 1 WHERE archive = ?", (page.archive,))
        return
    # A page of unreadable messages only moves the span by its ids; the times stay.
    first_time = time_text(messages[0].message.time) if messages else None
    last_time = time_text(messages[-1].message.time) if messages else None
    oldest = (page.first_id or _edge_id(page, 0), first_time)
    newest = (page.last_id or _edge_id(page, -1), last_time)
    if stored is None or stored.newest_id is None or page.edge is Edge.NEWEST:
        low = positions[0] if positions else _FIRST_POSITION
        high = positions[-1] if positions else _FIRST_POSITION
        db.execute(
            "INSERT OR REPLACE INTO archive_ranges VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (page.archive, *oldest, low, *newest, high, int(page.reached_beginning)),
        )
    elif page.edge is Edge.NEWER:
        db.execute(
            "UPDATE archive_ranges SET newest_id = ?, newest_time = coalesce(?, newest_time),"
            " newest_position = max(newest_position, ?) WHERE archive = ?",
            (*newest, positions[-1] if positions else 0, page.archive),
        )
    else:
        db.execute(
            "UPDATE archive_ranges SET oldest_id = ?, oldest_time = coalesce(?, oldest_time),"
            " oldest_position = min(oldest_position, ?), complete = ? WHERE archive = ?",
            (*oldest, positions[0] if positions else _FIRST_POSITION << 1,
             int(page.reached_beginning), page.archive),
        )  # fmt: skip


def _edge_id(page: ArchivePage, end: int) -> str:
    """The id at one end (0: first, -1: last) of a page whose RSM set does not say it."""
    edge = 0 if end == 0 else len(page.messages)
    at_edge = [u.archive_id for u in page.unreadable if u.index == edge]
    if at_edge:
        return at_edge[end]
    return page.messages[end].archive_id if page.messages else page.unreadable[end].archive_id
