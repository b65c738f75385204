"""The trash: removed conversations, kept to be put back.

It holds what the user removed here and what a sync learned was removed on
the server (by another client, or by the server itself): those are marked
``removed_elsewhere``. Conversations grouped from a message archive (MAM)
never enter it, as no one can remove them from the server.

A conversation moved to the trash leaves ``collections`` (and the search) in
the same transaction as it enters ``trash``, as stored: its items in order,
its encrypted items as the server sent them (so that putting it back uploads
the very same ciphertext) and, if it was decrypted, its plaintext. Entries
older than the period the user keeps them (``trash_settings.keep_days``, 30
days by default) are purged by :meth:`ReplicaTrash.purge_trash`.

:class:`ReplicaTrash` is mixed into :class:`~archiveviewer.store.replica.Replica`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from archiveviewer.domain import Collection, CollectionId, EncryptedItem, Message, Note
from archiveviewer.errors import StoreError
from archiveviewer.store import rows
from archiveviewer.store.codec import (
    encrypted_from_row,
    encrypted_row,
    item_from_row,
    item_row,
    parse_time,
    time_text,
)
from archiveviewer.store.transaction import Reading, Transaction

#: How long removed conversations are kept when the user has not said.
DEFAULT_KEEP_DAYS = 30


def create_tables(db: sqlite3.Connection) -> None:
    """Schema step 8: the trash and how long it keeps what it holds."""
    db.execute(
        """
        CREATE TABLE trash (
            with_jid TEXT NOT NULL,
            start TEXT NOT NULL,          -- as collections.start
            removed_at TEXT NOT NULL,
            subject TEXT,
            crypt INTEGER NOT NULL,
            message_count INTEGER NOT NULL,
            preview TEXT,                 -- the first message's body, to recognise it
            collection TEXT NOT NULL,     -- JSON: the header and the items as stored
            plaintext TEXT,               -- JSON: the decrypted items rows, if any
            PRIMARY KEY (with_jid, start)
        ) WITHOUT ROWID
        """
    )
    db.execute(
        f"""
        CREATE TABLE trash_settings (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            keep_days INTEGER NOT NULL DEFAULT {DEFAULT_KEEP_DAYS}
        )
        """
    )
    db.execute("INSERT INTO trash_settings (id) VALUES (1)")


def add_removed_elsewhere(db: sqlite3.Connection) -> None:
    """Schema step 9: the trash also keeps what a sync found removed on the server."""
    db.execute("ALTER TABLE trash ADD COLUMN removed_elsewhere INTEGER NOT NULL DEFAULT 0")


@dataclass(frozen=True)
class TrashEntry:
    """A removed conversation in the trash: which, when removed, and what it holds."""

    id: CollectionId
    removed_at: datetime
    subject: str | None
    encrypted: bool
    messages: int
    preview: str | None
    #: Removed on the server (by another client) and found so by a sync, not removed here.
    removed_elsewhere: bool = False

    def expires(self, keep_days: int) -> datetime:
        """When it is purged."""
        return self.removed_at + timedelta(days=keep_days)


@dataclass(frozen=True)
class TrashedCollection:
    """A conversation as it was stored, and its decrypted plaintext (None: never decrypted)."""

    collection: Collection
    plaintext: tuple[Message | Note, ...] | None


def _collection_json(collection: Collection) -> str:
    items: list[list[object]] = []
    for n, item in enumerate(collection.items):
        if isinstance(item, EncryptedItem):
            items.append(["encrypted", *encrypted_row(n, item)[1:]])
        else:
            items.append(["item", *item_row(n, item)[1:]])
    header = {"subject": collection.subject, "crypt": collection.crypt,
              "thread": collection.thread, "version": collection.version}  # fmt: skip
    return json.dumps({**header, "items": items})


def _collection_from(collection_id: CollectionId, text: str) -> Collection:
    data = json.loads(text)
    items: list[Message | Note | EncryptedItem] = []
    for kind, *values in data["items"]:
        items.append(encrypted_from_row(*values) if kind == "encrypted" else item_from_row(*values))
    return Collection(
        id=collection_id, subject=data["subject"], crypt=bool(data["crypt"]),
        thread=data["thread"], version=data["version"], items=tuple(items),
    )  # fmt: skip


class ReplicaTrash:
    """The trash of a replica (mixed into :class:`Replica`, which opens the file)."""

    _db: sqlite3.Connection

    def _read(self) -> Reading:
        raise NotImplementedError

    def _write(self) -> Transaction:
        raise NotImplementedError

    def move_to_trash(self, collection_id: CollectionId, when: datetime) -> bool:
        """Move a stored collection into the trash (removal logged); False if not stored."""
        with self._write():
            return self._into_trash(collection_id, when, removed_elsewhere=False)

    def _removed_on_server(self, collection_id: CollectionId, when: datetime) -> bool:
        """A sync found it removed on the server: into the trash, marked so (in a transaction).

        False if it was not stored, or is a message archive's conversation (which
        no client removes: it is left alone).
        """
        row = self._db.execute(
            "SELECT archive FROM collections WHERE with_jid = ? AND start = ?",
            (collection_id.with_jid, time_text(collection_id.start)),
        ).fetchone()
        if row is None or row[0] is not None:
            return False
        return self._into_trash(collection_id, when, removed_elsewhere=True)

    def _back_on_server(self, collection_id: CollectionId) -> None:
        """The server holds it again: a "removed elsewhere" entry of it is out of date."""
        self._db.execute(
            "DELETE FROM trash WHERE with_jid = ? AND start = ? AND removed_elsewhere = 1",
            (collection_id.with_jid, time_text(collection_id.start)),
        )

    def _into_trash(
        self, collection_id: CollectionId, when: datetime, *, removed_elsewhere: bool
    ) -> bool:
        stored = rows.load_collection(self._db, collection_id)
        row_id = rows.find_row(self._db, collection_id)
        if stored is None or row_id is None:
            return False
        plain = self._db.execute(
            "SELECT kind, direction, time, text, nick, payload FROM items"
            " WHERE collection = ? AND decrypted = 1 AND kind != 'subject' ORDER BY ordinal",
            (row_id,),
        ).fetchall()
        decrypted_at = self._db.execute(
            "SELECT decrypted_at FROM collections WHERE id = ?", (row_id,)
        ).fetchone()[0]
        decrypted = [item_from_row(*r) for r in plain] if decrypted_at is not None else []
        shown = [i for i in (decrypted or stored.messages) if isinstance(i, Message)]
        first = next((m.body for m in shown if m.body), None)
        self._db.execute(
            "INSERT OR REPLACE INTO trash (with_jid, start, removed_at, subject, crypt,"
            " message_count, preview, collection, plaintext, removed_elsewhere)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                collection_id.with_jid, time_text(collection_id.start), time_text(when),
                stored.subject, int(stored.crypt or bool(stored.encrypted)),
                len(shown), first,
                _collection_json(stored),
                None if decrypted_at is None else json.dumps([list(r) for r in plain]),
                int(removed_elsewhere),
            ),
        )  # fmt: skip
        rows.remove_collection(self._db, collection_id)
        return True

    def trashed(self) -> list[TrashEntry]:
        """What the trash holds, most recently removed first."""
        with self._read():
            found = self._db.execute(
                "SELECT with_jid, start, removed_at, subject, crypt, message_count, preview,"
                " removed_elsewhere FROM trash ORDER BY removed_at DESC, start DESC"
            ).fetchall()
        return [
            TrashEntry(rows.id_of(w, s), parse_time(r), subject, bool(c), count, preview, bool(e))
            for w, s, r, subject, c, count, preview, e in found
        ]

    def trashed_collection(self, collection_id: CollectionId) -> TrashedCollection | None:
        """The conversation in the trash as it was stored; None if it is not there."""
        with self._read():
            row = self._db.execute(
                "SELECT collection, plaintext FROM trash WHERE with_jid = ? AND start = ?",
                (collection_id.with_jid, time_text(collection_id.start)),
            ).fetchone()
        if row is None:
            return None
        plain = None if row[1] is None else tuple(item_from_row(*r) for r in json.loads(row[1]))
        return TrashedCollection(_collection_from(collection_id, row[0]), plain)

    def put_back(self, collection_id: CollectionId) -> None:
        """Store the trashed conversation in the replica again and take it out of the trash."""
        held = self.trashed_collection(collection_id)
        if held is None:
            raise StoreError("This conversation is no longer in the trash.")
        with self._write():
            rows.store_collection(self._db, held.collection)
            if held.plaintext is not None:
                row_id = rows.find_row(self._db, collection_id)
                assert row_id is not None  # stored just above
                rows.insert_items(
                    self._db, row_id, [item_row(n, i) for n, i in enumerate(held.plaintext)],
                    decrypted=True,
                )  # fmt: skip
                self._db.execute(
                    "UPDATE collections SET decrypted_at = ? WHERE id = ?",
                    (rows.now_text(), row_id),
                )
                rows.update_counts(self._db, row_id)
            self._forget(collection_id)

    def _forget(self, collection_id: CollectionId) -> None:
        self._db.execute(
            "DELETE FROM trash WHERE with_jid = ? AND start = ?",
            (collection_id.with_jid, time_text(collection_id.start)),
        )

    def empty_trash(self, ids: Iterable[CollectionId] | None = None) -> int:
        """Delete these conversations from the trash for good (None: all); how many went."""
        with self._write():
            if ids is None:
                return self._db.execute("DELETE FROM trash").rowcount
            gone = 0
            for collection_id in ids:
                before = self._db.total_changes
                self._forget(collection_id)
                gone += self._db.total_changes - before
            return gone

    def purge_trash(self, now: datetime) -> int:
        """Delete what was removed longer ago than the period kept; how many went."""
        cutoff = now - timedelta(days=self.trash_keep_days())
        with self._write():
            return self._db.execute(
                "DELETE FROM trash WHERE removed_at < ?", (time_text(cutoff),)
            ).rowcount

    def trash_keep_days(self) -> int:
        """How many days removed conversations are kept."""
        with self._read():
            return int(self._db.execute("SELECT keep_days FROM trash_settings").fetchone()[0])

    def set_trash_keep_days(self, days: int) -> None:
        """Keep removed conversations ``days`` days (at least one)."""
        if days < 1:
            raise StoreError("Removed conversations are kept at least one day.")
        with self._write():
            self._db.execute("UPDATE trash_settings SET keep_days = ?", (days,))
