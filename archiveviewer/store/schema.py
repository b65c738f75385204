"""The replica's schema and its migrations.

The schema version lives in ``PRAGMA user_version``; ``PRAGMA application_id``
marks the file as ours. :data:`MIGRATIONS` is an ordered list: migration *n*
(1-based) takes a file from version *n - 1* to *n*, and runs in its own
transaction together with the version bump, so a crash leaves the file at
one version or the next, never in between. Never edit a published migration:
add a new one. (Migrations 5, 11 and 12 build the search index through shared
builders that always write this program's layout; each later rebuild checks
what it finds, see ``prefix_index``.)
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from archiveviewer.errors import StoreError
from archiveviewer.store import prefix_index, reindex, trash
from archiveviewer.store.codec import contact_of

#: "AVR1" in ASCII: this file is an archiveviewer replica.
APPLICATION_ID = 0x41565231

Migration = Callable[[sqlite3.Connection], None]
_T = TypeVar("_T")
#: Told (done, total) after each committed step of a long migration.
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Staged:
    """A migration too long for one transaction: many committed steps, then a final one.

    ``prepare`` must be idempotent; ``step`` does one batch and returns
    (done, total), or None when nothing is left; ``finish`` runs in the
    transaction that bumps the version. Killed between steps, the next run
    goes on from the last committed one.
    """

    prepare: Migration
    step: Callable[[sqlite3.Connection], tuple[int, int] | None]
    finish: Migration


def _v1_tables(db: sqlite3.Connection) -> None:
    """The first schema: collections, their items, encrypted items, sync state, removals."""
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute(
        """
        CREATE TABLE collections (
            id INTEGER PRIMARY KEY,
            with_jid TEXT NOT NULL,
            start TEXT NOT NULL,          -- UTC ISO text with microseconds
            subject TEXT,
            crypt INTEGER NOT NULL DEFAULT 0,
            thread TEXT,
            version INTEGER,
            message_count INTEGER NOT NULL DEFAULT 0,
            first_time TEXT,
            last_time TEXT,
            decrypted_at TEXT,            -- set once plaintext rows are stored
            UNIQUE (with_jid, start)
        )
        """
    )
    db.execute("CREATE INDEX collections_by_start ON collections (start)")
    # Messages and notes, plain or decrypted, in their order within the collection.
    # The ordinal is the item's index in Collection.items (shared with
    # encrypted_items) or, for decrypted rows, in the decrypted sequence.
    db.execute(
        """
        CREATE TABLE items (
            id INTEGER PRIMARY KEY,
            collection INTEGER NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
            decrypted INTEGER NOT NULL DEFAULT 0,
            ordinal INTEGER NOT NULL,
            kind TEXT NOT NULL,           -- message | note (| subject from version 2)
            direction TEXT,               -- to | from, messages only
            time TEXT,
            text TEXT,                    -- message body, note text, subject
            nick TEXT,
            payload TEXT,                 -- JSON list of serialised XML children
            UNIQUE (collection, decrypted, ordinal)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE encrypted_items (
            collection INTEGER NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            kind TEXT NOT NULL,           -- EncryptedData | EncryptedKey
            xml TEXT NOT NULL,
            key_name TEXT,
            carried_key_name TEXT,
            PRIMARY KEY (collection, ordinal)
        ) WITHOUT ROWID
        """
    )
    db.execute(
        """
        CREATE TABLE sync_state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            cursor TEXT,
            last_full_list TEXT
        )
        """
    )
    db.execute("INSERT INTO sync_state (id) VALUES (1)")
    db.execute(
        """
        CREATE TABLE removals (
            id INTEGER PRIMARY KEY,
            with_jid TEXT NOT NULL,
            start TEXT NOT NULL,
            removed_at TEXT NOT NULL
        )
        """
    )


def _v2_search_index(db: sqlite3.Connection) -> None:
    """Full-text search: an FTS5 index over items, subjects as items of their own.

    Subjects become ``kind = 'subject'`` rows (ordinal -1, time = start) so that
    one index and one query cover bodies, notes and subjects. Triggers keep
    the external-content index in step within the writing transaction.
    """
    db.execute(
        """
        INSERT INTO items (collection, decrypted, ordinal, kind, time, text)
        SELECT id, 0, -1, 'subject', start, subject FROM collections
        WHERE subject IS NOT NULL
        """
    )
    db.execute(
        """
        CREATE VIRTUAL TABLE items_fts USING fts5 (
            text, content = 'items', content_rowid = 'id',
            tokenize = 'unicode61 remove_diacritics 2'
        )
        """
    )
    db.execute(
        """
        CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN
            INSERT INTO items_fts (rowid, text) VALUES (new.id, new.text);
        END
        """
    )
    db.execute(
        """
        CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
            INSERT INTO items_fts (items_fts, rowid, text) VALUES ('delete', old.id, old.text);
        END
        """
    )
    db.execute(
        """
        CREATE TRIGGER items_fts_update AFTER UPDATE OF text ON items BEGIN
            INSERT INTO items_fts (items_fts, rowid, text) VALUES ('delete', old.id, old.text);
            INSERT INTO items_fts (rowid, text) VALUES (new.id, new.text);
        END
        """
    )
    db.execute("INSERT INTO items_fts (items_fts) VALUES ('rebuild')")


def _v3_contact_column(db: sqlite3.Connection) -> None:
    """Group collections by contact: the lower-cased bare JID of ``with``, indexed."""
    db.execute("ALTER TABLE collections ADD COLUMN contact TEXT NOT NULL DEFAULT ''")
    rows = db.execute("SELECT id, with_jid FROM collections").fetchall()
    db.executemany(
        "UPDATE collections SET contact = ? WHERE id = ?",
        [(contact_of(with_jid), row_id) for row_id, with_jid in rows],
    )
    db.execute("CREATE INDEX collections_by_contact ON collections (contact, start)")


def _v4_index_without_triggers(db: sqlite3.Connection) -> None:
    """The writes keep the search index themselves: no insert and delete triggers.

    An FTS5 write run by a trigger flushes the index's pending terms at every
    row (the trigger's statement opens a savepoint), which made storing a
    message about four times slower. :mod:`archiveviewer.store.replica` now
    adds and deletes index entries one statement per collection, in the same
    transaction as the rows. The index is already complete, so nothing is
    rebuilt. The update trigger stays (text is never updated in bulk).
    """
    db.execute("DROP TRIGGER items_fts_insert")
    db.execute("DROP TRIGGER items_fts_delete")


def _v5_unreadable_collections(db: sqlite3.Connection) -> None:
    """Collections a sync could not read, kept until a later sync reads them.

    The cursor moves past a page that holds one, so it must be remembered
    here (see :mod:`archiveviewer.store.unreadable`).
    """
    db.execute(
        """
        CREATE TABLE unreadable_collections (
            with_jid TEXT NOT NULL,
            start TEXT NOT NULL,          -- as collections.start
            reason TEXT NOT NULL,         -- the sentence shown to the user
            since TEXT NOT NULL,          -- when a sync first failed to read it
            PRIMARY KEY (with_jid, start)
        ) WITHOUT ROWID
        """
    )


def _mam_archives(db: sqlite3.Connection) -> None:
    """Message Archive Management (XEP-0313): conversations built from archives' messages.

    A conversation grouped from a MAM archive is a ``collections`` row whose
    ``archive`` is the JID holding the archive (NULL for XEP-0136 collections);
    each of its messages keeps the archive's id in ``items.archive_id``, so a
    message is stored once however often pages overlap. ``archive_ranges``
    holds, per archive, the one unbroken span of its messages that is stored:
    its oldest and newest ids and times, and whether the oldest end is the
    archive's beginning. ``*_position`` number the span in archive order.
    """
    db.execute("ALTER TABLE collections ADD COLUMN archive TEXT")
    db.execute("ALTER TABLE items ADD COLUMN archive_id TEXT")
    db.execute(
        "CREATE INDEX items_by_archive_id ON items (archive_id) WHERE archive_id IS NOT NULL"
    )
    db.execute(
        """
        CREATE TABLE archive_ranges (
            archive TEXT PRIMARY KEY,
            oldest_id TEXT,
            oldest_time TEXT,
            oldest_position INTEGER,
            newest_id TEXT,
            newest_time TEXT,
            newest_position INTEGER,
            complete INTEGER NOT NULL DEFAULT 0
        )
        """
    )


def _mam_unreadable_messages(db: sqlite3.Connection) -> None:
    """Messages of an archive a sync could not read, kept to retry and to name; and the
    idle gap the archives' conversations are grouped by.

    Each unreadable message keeps the place in the archive's span it would have
    had (``position``, as ``items.ordinal``), left free for it, so that once it
    reads it goes exactly there, and its neighbours say where to ask for it
    again (see :mod:`archiveviewer.store.archive_skips`). The idle gap is kept
    so that a replica grouped by another one is regrouped before it is synced
    (``services/history.py``: NULL, as in a replica made before, is unknown).
    """
    db.execute("ALTER TABLE sync_state ADD COLUMN idle_gap_seconds INTEGER")
    db.execute(
        """
        CREATE TABLE unreadable_messages (
            archive TEXT NOT NULL,
            position INTEGER NOT NULL,    -- its place in the span, as items.ordinal
            archive_id TEXT NOT NULL,     -- the archive's id of it as sent ('' if none)
            reason TEXT NOT NULL,         -- the sentence shown to the user
            since TEXT NOT NULL,          -- when a sync first failed to read it
            PRIMARY KEY (archive, position)
        ) WITHOUT ROWID
        """
    )


#: Every migration, oldest first; the schema version is its length.
MIGRATIONS: Sequence[Migration | Staged] = (
    _v1_tables,
    _v2_search_index,
    _v3_contact_column,
    _v4_index_without_triggers,
    # Items under time keys and a tagged, time-ordered search index (docs/search.md).
    Staged(reindex.prepare, reindex.step, reindex.finish),
    # Conversations a sync could not read, kept to retry and to name (sync/skipped.py).
    _v5_unreadable_collections,
    # Message Archive Management conversations and their archives' spans (sync/mam.py).
    _mam_archives,
    # The trash: removed conversations kept to be put back (store/trash.py).
    trash.create_tables,
    # It also keeps what a sync found removed on the server, marked so.
    trash.add_removed_elsewhere,
    # Unreadable archive messages, retried in their place (sync/mam.py); the idle gap.
    _mam_unreadable_messages,
    # The search index again, with prefix indexes: prefix queries stop after a page.
    Staged(prefix_index.prepare, prefix_index.step, prefix_index.finish),
    # Again with a cheaper write path (no per-row sizes, one-letter tags); a replica
    # that 11 rebuilt in this program's layout is left as it is (prefix_index.py).
    Staged(prefix_index.prepare, prefix_index.step, prefix_index.finish),
)
LATEST_VERSION = len(MIGRATIONS)


def version_of(db: sqlite3.Connection) -> int:
    """The schema version of an open replica, after checking it is one of ours.

    Raises :class:`StoreError` for a database that is not a replica, or that a
    newer version of the program wrote.
    """
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    app_id = int(db.execute("PRAGMA application_id").fetchone()[0])
    if version == 0:
        objects = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if objects or app_id not in (0, APPLICATION_ID):
            raise StoreError(
                "This file is a database, but not a local archive copy of archiveviewer: "
                "it was left untouched."
            )
        return 0
    if app_id != APPLICATION_ID:
        raise StoreError(
            "This file is a database, but not a local archive copy of archiveviewer: "
            "it was left untouched."
        )
    if version > LATEST_VERSION:
        raise StoreError(
            "This local archive copy was written by a newer version of archiveviewer "
            f"(schema {version}, this one knows up to {LATEST_VERSION}). "
            "Update the program to open it."
        )
    return version


def migrate(
    db: sqlite3.Connection, target: int = LATEST_VERSION, progress: Progress | None = None
) -> None:
    """Bring the replica up to ``target``, one migration (or step of one) per transaction.

    ``db`` must be in autocommit mode (``isolation_level=None``). ``progress``
    is told (done, total) after each committed step of a staged migration.
    """
    current = version_of(db)
    for number in range(current + 1, target + 1):
        migration = MIGRATIONS[number - 1]
        if isinstance(migration, Staged):
            _run_steps(db, number, migration, progress)
            final = migration.finish
        else:
            final = migration
        _in_transaction(db, number, final, bump=True)


def _run_steps(
    db: sqlite3.Connection, number: int, migration: Staged, progress: Progress | None
) -> None:
    ran, _ = _in_transaction(db, number, migration.prepare, bump=False)
    while ran:
        ran, done = _in_transaction(db, number, migration.step, bump=False)
        if done is None:
            return
        if progress is not None:
            progress(*done)


def _in_transaction(
    db: sqlite3.Connection, number: int, work: Callable[[sqlite3.Connection], _T], *, bump: bool
) -> tuple[bool, _T | None]:
    """Run ``work`` towards version ``number`` in one transaction; (False, None) if done before."""
    db.execute("BEGIN IMMEDIATE")
    try:
        if version_of(db) != number - 1:
            # Another process migrated while we waited for the lock.
            db.execute("ROLLBACK")
            return False, None
        result = work(db)
        if bump:
            db.execute(f"PRAGMA user_version = {number}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    return True, result
