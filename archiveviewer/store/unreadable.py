"""Collections a sync could not read: recorded with the reason, until one reads them.

Replication moves its cursor past a page as soon as the page is stored; a
collection on that page that could not be read (the server sent a date
that cannot be, a number out of range) is written here first, so the next
sync retries it and the user is told which conversation is missing and why.
Each function runs inside the caller's transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from archiveviewer.domain import CollectionId
from archiveviewer.store.codec import parse_time, time_text


def recorded(db: sqlite3.Connection) -> dict[CollectionId, str]:
    """Every recorded collection with the reason it could not be read, oldest first."""
    rows = db.execute(
        "SELECT with_jid, start, reason FROM unreadable_collections ORDER BY since, start"
    ).fetchall()
    return {
        CollectionId(start=parse_time(start), with_jid=with_jid): reason
        for with_jid, start, reason in rows
    }


def record(db: sqlite3.Connection, failures: dict[CollectionId, str], now: str) -> None:
    """Record ``failures`` (id to reason); one already recorded keeps its first date."""
    db.executemany(
        """
        INSERT INTO unreadable_collections (with_jid, start, reason, since)
        VALUES (?, ?, ?, ?)
        ON CONFLICT (with_jid, start) DO UPDATE SET reason = excluded.reason
        """,
        [(cid.with_jid, time_text(cid.start), reason, now) for cid, reason in failures.items()],
    )


def forget(db: sqlite3.Connection, ids: Iterable[CollectionId]) -> None:
    """Drop the records of ``ids`` (read at last, or gone from the server)."""
    db.executemany(
        "DELETE FROM unreadable_collections WHERE with_jid = ? AND start = ?",
        [(cid.with_jid, time_text(cid.start)) for cid in ids],
    )
