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
"""

from __future__ import annotations

import enum
import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from archiveviewer.domain import ArchivedMessage, Collection, CollectionId, Message
from archiveviewer.store.codec import contact_of, item_from_row, optional_time, time_text
from archiveviewer.store.replica import Replica, _delete, _row_id, _store

#: Position of the first message ever stored of an archive; older ones count down.
_FIRST_POSITION = 1 << 40


class ConversationRule(Protocol):
    """Cuts one contact's messages (in time order) into conversations."""

    @property
    def idle_gap(self) -> timedelta:
        """No conversation holds two consecutive messages further apart than this."""
        ...

    def split(self, times: Sequence[datetime]) -> list[range]:
        """The conversations, as ranges of indices into ``times``."""
        ...


class Edge(enum.Enum):
    """Which end of an archive's stored range a page extends."""

    #: The first page of an archive with nothing stored: the newest messages.
    NEWEST = "newest"
    #: Messages after the newest stored one.
    NEWER = "newer"
    #: Messages before the oldest stored one.
    OLDER = "older"


@dataclass(frozen=True)
class ArchiveRange:
    """The unbroken span of an archive that is stored.

    Ids are the archive's own; ``complete`` is true once the oldest end is the
    archive's very beginning. Ids and times are None for an archive found empty.
    """

    archive: str
    oldest_id: str | None
    oldest_time: datetime | None
    newest_id: str | None
    newest_time: datetime | None
    complete: bool


@dataclass(frozen=True)
class ArchivePage:
    """One page of an archive to store, its messages in archive order.

    ``first_id``/``last_id`` are the page's RSM ``<first/>``/``<last/>``;
    ``reached_beginning`` says the archive has nothing older than this page
    (meaningful for :attr:`Edge.NEWEST` and :attr:`Edge.OLDER`).
    """

    archive: str
    edge: Edge
    messages: Sequence[ArchivedMessage]
    first_id: str | None
    last_id: str | None
    reached_beginning: bool = False


@dataclass(frozen=True)
class HistoryReach:
    """How far back a contact's history is stored: "synced back to …".

    ``back_to`` is the time of the oldest stored message of the archive the
    contact's conversations come from; ``complete`` means everything the
    server keeps is stored.
    """

    archive: str
    back_to: datetime | None
    complete: bool


#: One stored or new message on its way to a conversation: time, position, id, message.
_Entry = tuple[datetime, int, ArchivedMessage]


class ArchiveStore:
    """The MAM side of one :class:`Replica`; each method is one transaction."""

    def __init__(self, replica: Replica, rule: ConversationRule) -> None:
        self._replica = replica
        self._rule = rule

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
            positions = _positions(db, page, stored, len(fresh))
            by_contact: dict[str, list[_Entry]] = defaultdict(list)
            for position, item in zip(positions, fresh, strict=True):
                by_contact[item.with_jid].append((item.message.time, position, item))
            for contact, entries in by_contact.items():
                self._regroup(db, page.archive, contact, entries)
            _move_range(db, page, stored, positions)
            return len(fresh)

    def history_reach(self, contact: str) -> HistoryReach | None:
        """How far back ``contact``'s archive is stored, None if none of it is."""
        key = contact_of(contact)
        with self._replica._read():
            db = self._replica._db
            row = db.execute(
                "SELECT archive FROM collections WHERE contact = ? AND archive IS NOT NULL"
                " LIMIT 1",
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

    def archive_ids(self, archive: str) -> set[str]:
        """Every stored archive id of ``archive`` (to compare with the server)."""
        with self._replica._read():
            rows = self._replica._db.execute(
                "SELECT i.archive_id FROM items i JOIN collections c ON c.id = i.collection"
                " WHERE c.archive = ? AND i.archive_id IS NOT NULL",
                (archive,),
            )
            return {str(row[0]) for row in rows}

    def _regroup(
        self, db: sqlite3.Connection, archive: str, contact: str, entries: list[_Entry]
    ) -> None:
        gap = self._rule.idle_gap
        low = time_text(min(e[0] for e in entries) - gap)
        high = time_text(max(e[0] for e in entries) + gap)
        touched = db.execute(
            "SELECT id FROM collections WHERE contact = ? AND archive = ?"
            " AND start <= ? AND last_time >= ?",
            (contact, archive, high, low),
        ).fetchall()
        for (row_id,) in touched:
            entries.extend(_stored_entries(db, archive, contact, int(row_id)))
            _delete(db, int(row_id))
        entries.sort(key=lambda e: (e[0], e[1]))
        for span in self._rule.split([e[0] for e in entries]):
            _store_conversation(db, archive, contact, [entries[n] for n in span])


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
    seen: set[str] = set()
    ids = [m.archive_id for m in messages]
    for start in range(0, len(ids), 500):  # SQLite's host parameter limit
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows = db.execute(
            "SELECT i.archive_id FROM items i JOIN collections c ON c.id = i.collection"
            f" WHERE i.archive_id IN ({marks}) AND c.archive = ?",  # noqa: S608 (only ?s)
            (*chunk, archive),
        )
        seen.update(str(row[0]) for row in rows)
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


def _store_conversation(
    db: sqlite3.Connection, archive: str, contact: str, entries: list[_Entry]
) -> None:
    first = entries[0][2]
    collection = Collection(
        id=CollectionId(start=first.message.time, with_jid=contact),
        items=tuple(e[2].message for e in entries),
    )
    _store(db, collection)
    row_id = _row_id(db, collection.id)
    db.execute("UPDATE collections SET archive = ? WHERE id = ?", (archive, row_id))
    # _store numbered the items 0..n-1; give them their archive positions and ids.
    db.executemany(
        "UPDATE items SET ordinal = ?, archive_id = ?"
        " WHERE collection = ? AND decrypted = 0 AND ordinal = ?",
        [(e[1], e[2].archive_id, row_id, n) for n, e in enumerate(entries)],
    )


def _move_range(
    db: sqlite3.Connection, page: ArchivePage, stored: ArchiveRange | None, positions: list[int]
) -> None:
    messages = page.messages
    if not messages:
        if stored is None:
            db.execute(
                "INSERT INTO archive_ranges (archive, complete) VALUES (?, 1)", (page.archive,)
            )
        elif page.edge is Edge.OLDER and page.reached_beginning:
            db.execute(
                "UPDATE archive_ranges SET complete = 1 WHERE archive = ?", (page.archive,)
            )
        return
    oldest = (page.first_id or messages[0].archive_id, time_text(messages[0].message.time))
    newest = (page.last_id or messages[-1].archive_id, time_text(messages[-1].message.time))
    if stored is None or stored.newest_id is None or page.edge is Edge.NEWEST:
        low = positions[0] if positions else _FIRST_POSITION
        high = positions[-1] if positions else _FIRST_POSITION
        db.execute(
            "INSERT OR REPLACE INTO archive_ranges VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (page.archive, *oldest, low, *newest, high, int(page.reached_beginning)),
        )
    elif page.edge is Edge.NEWER:
        db.execute(
            "UPDATE archive_ranges SET newest_id = ?, newest_time = ?,"
            " newest_position = max(newest_position, ?) WHERE archive = ?",
            (*newest, positions[-1] if positions else 0, page.archive),
        )
    else:
        db.execute(
            "UPDATE archive_ranges SET oldest_id = ?, oldest_time = ?,"
            " oldest_position = min(oldest_position, ?), complete = ? WHERE archive = ?",
            (*oldest, positions[0] if positions else _FIRST_POSITION << 1,
             int(page.reached_beginning), page.archive),
        )  # fmt: skip
