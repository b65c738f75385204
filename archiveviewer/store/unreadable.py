"""Collections a sync could not read: recorded with the reason, until one reads them.

Replication moves its cursor past a page as soon as the page is stored; a
collection on that page that could not be read (the server sent a date
that cannot be, a number out of range) is written here first, so the next
sync retries it and the user is told which conversation is missing and why.
An entry whose own start could not be read (an
:class:`~archiveviewer.domain.UnreadEntry`) is kept in the same table with
the server's text after :data:`_AS_SENT`, which no stored time begins with.
Each function runs inside the caller's transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from archiveviewer.domain import CollectionId, UnreadEntry
from archiveviewer.store.codec import parse_time, time_text

#: Marks a ``start`` kept in the server's words (stored times begin with a digit).
_AS_SENT = "?"


def recorded(db: sqlite3.Connection) -> dict[CollectionId | UnreadEntry, str]:
    """Every recorded collection with the reason it could not be read, oldest first."""
    rows = db.execute(
        "SELECT with_jid, start, reason FROM unreadable_collections ORDER BY since, start"
    ).fetchall()
    return {_key(with_jid, start): reason for with_jid, start, reason in rows}


def record(
    db: sqlite3.Connection, failures: dict[CollectionId | UnreadEntry, str], now: str
) -> None:
    """Record ``failures`` (id to reason); one already recorded keeps its first date."""
    db.executemany(
        """
        INSERT INTO unreadable_collections (with_jid, start, reason, since)
        VALUES (?, ?, ?, ?)
        ON CONFLICT (with_jid, start) DO UPDATE SET reason = excluded.reason
        """,
        [(*_columns(key), reason, now) for key, reason in failures.items()],
    )


def forget(db: sqlite3.Connection, ids: Iterable[CollectionId | UnreadEntry]) -> None:
    """Drop the records of ``ids`` (read at last, or gone from the server)."""
    db.executemany(
        "DELETE FROM unreadable_collections WHERE with_jid = ? AND start = ?",
        [_columns(key) for key in ids],
    )


def _columns(key: CollectionId | UnreadEntry) -> tuple[str, str]:
    if isinstance(key, UnreadEntry):
        return key.with_jid, _AS_SENT + key.start
    return key.with_jid, time_text(key.start)


def _key(with_jid: str, start: str) -> CollectionId | UnreadEntry:
    if start.startswith(_AS_SENT):
        return UnreadEntry(with_jid=with_jid, start=start.removeprefix(_AS_SENT))
    return CollectionId(start=parse_time(start), with_jid=with_jid)
