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
from archiveviewer.store.archive_types import ArchivePage, RecordedSkip


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
    """The page's unreadable messages not recorded or stored already (pages may overlap)."""
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
    fresh = []
    for skip in page.unreadable:
        if not skip.archive_id or skip.archive_id not in known:
            known.add(skip.archive_id)
            fresh.append(skip)
    return fresh


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
