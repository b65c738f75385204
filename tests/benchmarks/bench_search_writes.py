"""The sync's write path, ours against today's (schema version 4), for ``bench_search.py``."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from archiveviewer.domain import Collection, CollectionId, Direction, Message
from archiveviewer.store import Replica
from archiveviewer.store.codec import contact_of, item_row, time_text
from archiveviewer.store.schema import migrate

PER_COLLECTION = 50
START = datetime(2015, 1, 1, tzinfo=UTC)


def batch(collections: int = 400) -> list[Collection]:
    """One sync page's worth of collections: 20,000 messages."""
    return [
        Collection(
            id=CollectionId(start=START + timedelta(minutes=n), with_jid=f"w{n % 7}@x"),
            subject="the plan" if n % 10 == 0 else None,
            items=tuple(
                Message(
                    Direction.TO,
                    START + timedelta(minutes=n, seconds=s),
                    f"written message number {s} of batch {n}",
                )
                for s in range(PER_COLLECTION)
            ),
        )
        for n in range(collections)
    ]


def ours(path: Path, collections: list[Collection]) -> float:
    """CPU seconds (steadier than wall time on a shared machine) Replica.apply takes."""
    with Replica(path) as replica:
        began = time.process_time()
        replica.apply(collections, [], "bench")
        return time.process_time() - began


def today(path: Path, collections: list[Collection]) -> float:
    """CPU seconds the version-4 write path's statements take for the same batch."""
    import sqlite3

    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA foreign_keys = ON")
    migrate(db, target=4)
    began = time.process_time()
    db.execute("BEGIN IMMEDIATE")
    for collection in collections:
        db.execute(
            "SELECT id FROM collections WHERE with_jid = ? AND start = ?",
            (collection.with_jid, time_text(collection.start)),
        ).fetchone()
        row_id = db.execute(
            "INSERT INTO collections (with_jid, contact, start, subject, crypt, thread, version)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (collection.with_jid, contact_of(collection.with_jid), time_text(collection.start),
             collection.subject, 0, None, None),
        ).lastrowid  # fmt: skip
        rows = [item_row(n, item) for n, item in enumerate(collection.items)]  # type: ignore[arg-type]
        if collection.subject is not None:
            rows.append((-1, "subject", None, time_text(collection.start), collection.subject,
                         None, None))  # fmt: skip
        db.executemany(
            "INSERT INTO items (collection, decrypted, ordinal, kind, direction, time, text, nick,"
            " payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(row_id, 0, *row) for row in rows],
        )
        db.execute(
            "INSERT INTO items_fts (rowid, text)"
            " SELECT id, text FROM items WHERE collection = ? AND decrypted = ?",
            (row_id, 0),
        )
        db.execute(
            "UPDATE collections SET (message_count, first_time, last_time) = ("
            " SELECT count(*), min(time), max(time) FROM items"
            " WHERE collection = ?1 AND kind = 'message') WHERE id = ?1",
            (row_id,),
        )
    db.execute("COMMIT")
    took = time.process_time() - began
    db.close()
    return took


def write_speeds(folder: Path, rounds: int = 9) -> tuple[float, float]:
    """Messages per second (median of ``rounds``), ours and today's, taking turns."""
    collections = batch()
    messages = len(collections) * PER_COLLECTION
    ours_s, today_s = [], []
    for n in range(rounds):
        ours_s.append(ours(folder / f"ours{n}.sqlite", collections))
        today_s.append(today(folder / f"today{n}.sqlite", collections))
    ours_s.sort()
    today_s.sort()
    return messages / ours_s[rounds // 2], messages / today_s[rounds // 2]
