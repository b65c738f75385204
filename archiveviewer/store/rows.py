"""The statements that read and write one collection's rows: the replica's building blocks.

Each takes the open connection and runs inside the caller's transaction
(:class:`~archiveviewer.store.transaction.Transaction`); none commits.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime

from archiveviewer.domain import Collection, CollectionId, EncryptedItem, Message, Note
from archiveviewer.store import index
from archiveviewer.store.codec import (
    contact_of,
    encrypted_from_row,
    encrypted_row,
    item_from_row,
    item_row,
    parse_time,
    time_text,
)


def start_of(collection: Collection) -> datetime:
    return collection.start


def now_text() -> str:
    return time_text(datetime.now(UTC))


def id_of(with_jid: str, start: str) -> CollectionId:
    return CollectionId(start=parse_time(start), with_jid=with_jid)


def find_row(db: sqlite3.Connection, collection_id: CollectionId) -> int | None:
    row = db.execute(
        "SELECT id FROM collections WHERE with_jid = ? AND start = ?",
        (collection_id.with_jid, time_text(collection_id.start)),
    ).fetchone()
    return None if row is None else int(row[0])


def store_collection(db: sqlite3.Connection, collection: Collection) -> None:
    old = find_row(db, collection.id)
    kept: Plaintext | None = None
    if old is not None:
        kept = plaintext_to_keep(db, old, collection)
        delete_row(db, old)
    rows: list[tuple[object, ...]] = []
    encrypted: list[tuple[object, ...]] = []
    # The counts of update_counts, from the items at hand: one statement less
    # per collection on the sync's write path.
    times: list[str] = []
    for n, item in enumerate(collection.items):
        if isinstance(item, EncryptedItem):
            encrypted.append(encrypted_row(n, item))
            continue
        row = item_row(n, item)
        rows.append(row)
        if isinstance(item, Message):
            times.append(row[3])  # type: ignore[arg-type]  # a message always has a time
    if collection.subject is not None:
        start = time_text(collection.start)
        rows.append((-1, "subject", None, start, collection.subject, None, None))
    count = len(times)
    row_id = db.execute(
        "INSERT INTO collections (with_jid, contact, start, subject, crypt, thread, version,"
        " message_count, first_time, last_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            collection.with_jid,
            contact_of(collection.with_jid),
            time_text(collection.start),
            collection.subject,
            int(collection.crypt),
            collection.thread,
            collection.version,
            count,
            min(times, default=None),
            max(times, default=None),
        ),
    ).lastrowid
    assert row_id is not None  # an INSERT always gives one
    insert_items(db, row_id, rows, decrypted=False)
    if encrypted:
        db.executemany(
            "INSERT INTO encrypted_items (collection, ordinal, kind, xml, key_name,"
            " carried_key_name) VALUES (?, ?, ?, ?, ?, ?)",
            [(row_id, *row) for row in encrypted],
        )
    if kept is not None:
        restore_plaintext(db, row_id, kept)
        update_counts(db, row_id)


def insert_items(
    db: sqlite3.Connection, row_id: int, rows: Sequence[tuple[object, ...]], *, decrypted: bool
) -> None:
    """Insert ``items`` rows (the columns after ``collection`` and ``decrypted``) and index them."""
    index.insert_items(db, row_id, rows, decrypted=decrypted)  # type: ignore[arg-type]


def delete_items(db: sqlite3.Connection, row_id: int, *, decrypted: bool | None = None) -> None:
    """Delete a collection's ``items`` rows (only plain or decrypted ones if asked), unindexed."""
    for flag in (0, 1) if decrypted is None else (int(decrypted),):
        index.delete_items(db, row_id, flag)


#: When an encrypted collection was decrypted, and its plaintext ``items`` rows.
Plaintext = tuple[str, list[tuple[object, ...]]]


def plaintext_to_keep(
    db: sqlite3.Connection, old_id: int, collection: Collection
) -> Plaintext | None:
    """The old plaintext, if the new version carries the very same ciphertext.

    A new version that only adds a note or changes the subject should not make
    the user decrypt again.
    """
    decrypted_at = db.execute(
        "SELECT decrypted_at FROM collections WHERE id = ?", (old_id,)
    ).fetchone()[0]
    if decrypted_at is None:
        return None
    old = db.execute(
        "SELECT kind, xml FROM encrypted_items WHERE collection = ? ORDER BY ordinal", (old_id,)
    ).fetchall()
    if old != [(item.kind.value, item.xml) for item in collection.encrypted]:
        return None
    rows = db.execute(
        "SELECT ordinal, kind, direction, time, text, nick, payload FROM items"
        " WHERE collection = ? AND decrypted = 1",
        (old_id,),
    ).fetchall()
    return str(decrypted_at), rows


def restore_plaintext(db: sqlite3.Connection, row_id: int, kept: Plaintext) -> None:
    decrypted_at, rows = kept
    insert_items(db, row_id, rows, decrypted=True)
    db.execute("UPDATE collections SET decrypted_at = ? WHERE id = ?", (decrypted_at, row_id))


def delete_row(db: sqlite3.Connection, row_id: int) -> None:
    # Items are deleted explicitly (not by cascade) so that their index entries go too.
    delete_items(db, row_id)
    db.execute("DELETE FROM encrypted_items WHERE collection = ?", (row_id,))
    db.execute("DELETE FROM collections WHERE id = ?", (row_id,))


def remove_collection(db: sqlite3.Connection, collection_id: CollectionId) -> bool:
    row_id = find_row(db, collection_id)
    if row_id is None:
        return False
    delete_row(db, row_id)
    db.execute(
        "INSERT INTO removals (with_jid, start, removed_at) VALUES (?, ?, ?)",
        (collection_id.with_jid, time_text(collection_id.start), now_text()),
    )
    return True


def update_counts(db: sqlite3.Connection, row_id: int) -> None:
    db.execute(
        """
        UPDATE collections SET (message_count, first_time, last_time) = (
            SELECT count(*), min(time), max(time) FROM items
            WHERE collection = ?1 AND kind = 'message'
        ) WHERE id = ?1
        """,
        (row_id,),
    )


def load_items(
    db: sqlite3.Connection, row_id: int, *, decrypted: bool
) -> tuple[Message | Note, ...]:
    rows = db.execute(
        "SELECT kind, direction, time, text, nick, payload FROM items"
        " WHERE collection = ? AND decrypted = ? AND kind != 'subject' ORDER BY ordinal",
        (row_id, int(decrypted)),
    )
    return tuple(item_from_row(*row) for row in rows)


def load_collection(db: sqlite3.Connection, collection_id: CollectionId) -> Collection | None:
    row = db.execute(
        "SELECT id, subject, crypt, thread, version FROM collections"
        " WHERE with_jid = ? AND start = ?",
        (collection_id.with_jid, time_text(collection_id.start)),
    ).fetchone()
    if row is None:
        return None
    row_id, subject, crypt, thread, version = row
    plain = db.execute(
        "SELECT ordinal, kind, direction, time, text, nick, payload FROM items"
        " WHERE collection = ? AND decrypted = 0 AND kind != 'subject'",
        (row_id,),
    ).fetchall()
    encrypted = db.execute(
        "SELECT ordinal, kind, xml, key_name, carried_key_name FROM encrypted_items"
        " WHERE collection = ?",
        (row_id,),
    ).fetchall()
    ordered: list[tuple[int, Message | Note | EncryptedItem]] = [
        (r[0], item_from_row(*r[1:])) for r in plain
    ]
    ordered += [(r[0], encrypted_from_row(*r[1:])) for r in encrypted]
    ordered.sort(key=lambda pair: pair[0])
    return Collection(
        id=collection_id,
        subject=subject,
        crypt=bool(crypt),
        thread=thread,
        version=version,
        items=tuple(item for _, item in ordered),
    )
