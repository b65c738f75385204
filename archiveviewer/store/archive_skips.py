"""Messages of an archive (XEP-0313) that a sync could not read: kept in their place.

The span of an archive moves past a page as soon as the page is stored, so a
message of the page that could not be read would be out of reach of every
later sync. It is recorded instead, in the page's transaction, at the
position in the span it would have had (the positions are the items'
ordinals, in archive order): the position stays free for it, so when a later
sync reads it, it goes exactly where it belongs in its conversation. Its
neighbours in the span (the stored messages at the positions either side)
say where to ask for it again: just after the one before it, or just before
the one after it. Each function runs inside the caller's transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from archiveviewer.domain import ArchivedMessage, UnreadMessage
from archiveviewer.store.archive_types import ArchivePage, Edge, RecordedSkip


def in_page_order(
    page: ArchivePage, fresh: Sequence[ArchivedMessage], unread: Sequence[UnreadMessage]
) -> list[ArchivedMessage | UnreadMessage]:
    """The page's new messages and new unreadable ones, in archive order."""
    wanted = {id(m) for m in fresh}
    by_index: dict[int, list[UnreadMessage]] = {}
    for skip in unread:
        by_index.setdefault(skip.index, []).append(skip)
    order: list[ArchivedMessage | UnreadMessage] = []
    for n, message in enumerate(page.messages):
        order += by_index.get(n, [])
        if id(message) in wanted:
            wanted.discard(id(message))  # a page may hold a message twice: stored once
            order.append(message)
    order += [s for n, skips in by_index.items() if n >= len(page.messages) for s in skips]
    return order


def new_unreadable(db: sqlite3.Connection, page: ArchivePage) -> list[UnreadMessage]:
    """The page's unreadable messages not recorded or stored already (pages may overlap).

    One sent with its id is known by it; one sent without (XEP-0313 gives every
    result one, yet a server may not) is known by its place: recorded already
    at the position next to a neighbour's with an id (see :func:`_recorded_in_place`).
    A page of the newest messages starts the span afresh, its records too.
    """
    if page.edge is Edge.NEWEST:
        # The span starts again (it held no message with an id, or nothing): what was
        # recorded of it is recorded again where this page and the next ones put it.
        db.execute("DELETE FROM unreadable_messages WHERE archive = ?", (page.archive,))
    ids = [u.archive_id for u in page.unreadable if u.archive_id]
    known = {
        str(row[0])
        for row in db.execute(
            "SELECT archive_id FROM unreadable_messages WHERE archive = ? AND archive_id IN"
            " (SELECT value FROM json_each(?))"
            " UNION SELECT i.archive_id FROM items i JOIN collections c ON c.id = i.collection"
            " WHERE c.archive = ? AND i.archive_id IN (SELECT value FROM json_each(?))",
            (page.archive, _json(ids), page.archive, _json(ids)),
        )
    }
    entries = _entries(db, page)
    fresh = []
    for n, (archive_id, skip) in enumerate(entries):
        if skip is None:
            continue  # a readable message, or the stored edge the page was asked from
        if archive_id and archive_id not in known:
            known.add(archive_id)
            fresh.append(skip)
        elif not archive_id and not _recorded_in_place(db, page.archive, entries, n):
            fresh.append(skip)
    return fresh


#: An id in archive order, with the unreadable message it belongs to (None: a readable one).
_Entry = tuple[str, UnreadMessage | None]


def _entries(db: sqlite3.Connection, page: ArchivePage) -> list[_Entry]:
    """The page's messages, readable or not, in archive order, after (or before) the stored
    edge the page was asked from: the neighbour of whatever it starts (or ends) with."""
    entries: list[_Entry] = []
    for n, message in enumerate(page.messages):
        entries += [(u.archive_id, u) for u in page.unreadable if u.index == n]
        entries.append((message.archive_id, None))
    entries += [(u.archive_id, u) for u in page.unreadable if u.index >= len(page.messages)]
    row = db.execute(
        "SELECT newest_id, oldest_id FROM archive_ranges WHERE archive = ?", (page.archive,)
    ).fetchone()
    if row is not None and page.edge is Edge.NEWER:
        entries.insert(0, (str(row[0] or ""), None))
    elif row is not None and page.edge is Edge.OLDER:
        entries.append((str(row[1] or ""), None))
    return entries


def _recorded_in_place(db: sqlite3.Connection, archive: str, entries: list[_Entry], n: int) -> bool:
    """True when the id-less ``entries[n]`` is recorded already: the nearest entry with an id
    on either side holds a position, and the one as far from it holds an id-less record."""
    for step in (-1, 1):
        k = n + step
        while 0 <= k < len(entries) and not entries[k][0]:
            k += step
        if not 0 <= k < len(entries):
            continue
        position = _position_of(db, archive, entries[k][0])
        if position is not None:
            return (
                db.execute(
                    "SELECT 1 FROM unreadable_messages WHERE archive = ? AND position = ?"
                    " AND archive_id = ''",
                    (archive, position + n - k),
                ).fetchone()
                is not None
            )
    return False


def _position_of(db: sqlite3.Connection, archive: str, archive_id: str) -> int | None:
    """The position in the span of the message with ``archive_id``, stored or recorded."""
    row = db.execute(
        "SELECT i.ordinal FROM items i JOIN collections c ON c.id = i.collection"
        " WHERE c.archive = ? AND i.archive_id = ? AND i.decrypted = 0"
        " UNION ALL SELECT position FROM unreadable_messages"
        " WHERE archive = ? AND archive_id = ? LIMIT 1",
        (archive, archive_id, archive, archive_id),
    ).fetchone()
    return None if row is None else int(row[0])


def record(db: sqlite3.Connection, position: int, skip: UnreadMessage, now: str) -> None:
    """Record ``skip`` at ``position`` of its archive's span."""
    db.execute(
        "INSERT OR REPLACE INTO unreadable_messages VALUES (?, ?, ?, ?, ?)",
        (skip.archive, position, skip.archive_id, skip.reason, now),
    )


def recorded(db: sqlite3.Connection, archive: str | None = None) -> list[RecordedSkip]:
    """The recorded messages (of ``archive``, or of every archive), in archive order."""
    rows = db.execute(
        "SELECT archive, position, archive_id, reason FROM unreadable_messages"
        " WHERE ? IS NULL OR archive = ? ORDER BY archive, position",
        (archive, archive),
    ).fetchall()
    return [_with_neighbours(db, str(a), int(p), UnreadMessage(a, i, r)) for a, p, i, r in rows]


def _with_neighbours(
    db: sqlite3.Connection, archive: str, position: int, skip: UnreadMessage
) -> RecordedSkip:
    span = db.execute(
        "SELECT oldest_position, complete FROM archive_ranges WHERE archive = ?", (archive,)
    ).fetchone()
    first = span is not None and span[0] == position and bool(span[1])
    return RecordedSkip(
        skip, position, _id_at(db, archive, position - 1), _id_at(db, archive, position + 1), first
    )


def _id_at(db: sqlite3.Connection, archive: str, position: int) -> str | None:
    """The archive's id of what holds ``position``: a stored message or a recorded one."""
    row = db.execute(
        "SELECT i.archive_id FROM items i JOIN collections c ON c.id = i.collection"
        " WHERE c.archive = ? AND i.ordinal = ? AND i.decrypted = 0"
        " UNION ALL SELECT archive_id FROM unreadable_messages"
        " WHERE archive = ? AND position = ? AND archive_id != '' LIMIT 1",
        (archive, position, archive, position),
    ).fetchone()
    return None if row is None or not row[0] else str(row[0])


def reword(db: sqlite3.Connection, skip: RecordedSkip, reason: str) -> None:
    """Still unreadable, now for ``reason`` (its first date stays)."""
    db.execute(
        "UPDATE unreadable_messages SET reason = ? WHERE archive = ? AND position = ?",
        (reason, skip.message.archive, skip.position),
    )


def forget(db: sqlite3.Connection, skip: RecordedSkip) -> None:
    """Drop the record (read at last, or gone from the archive)."""
    db.execute(
        "DELETE FROM unreadable_messages WHERE archive = ? AND position = ?",
        (skip.message.archive, skip.position),
    )


def _json(values: Sequence[str]) -> str:
    return json.dumps(list(values))
