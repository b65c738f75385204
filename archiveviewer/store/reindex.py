"""Schema migration 5: items under time keys, and the tagged, time-ordered search index.

The migration copies every collection's items into ``items_v5`` (ids are
time keys, see :mod:`archiveviewer.store.index`) and indexes them in
``items_fts_v5``, a batch of collections per transaction; the last
collection copied is kept in ``reindex_progress``. Killed half-way, the
next open goes on from the last committed batch. Only the final step swaps
the new tables in, together with the version bump, so until then the old
tables are whole and the file is a valid version-4 replica.
"""

from __future__ import annotations

import itertools
import sqlite3

from archiveviewer.store.index import CONTENT_VIEW, TAGS_SQL, assign_keys, fts_table
from archiveviewer.store.scripts import index_text

#: Collections copied per transaction (about 25,000 messages in typical archives).
BATCH_COLLECTIONS = 500

_ITEMS = """
    CREATE TABLE {name} (
        id INTEGER PRIMARY KEY,       -- the time key
        collection INTEGER NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
        decrypted INTEGER NOT NULL DEFAULT 0,
        ordinal INTEGER NOT NULL,
        kind TEXT NOT NULL,           -- message | note | subject
        direction TEXT,               -- to | from, messages only
        time TEXT,
        text TEXT,                    -- message body, note text, subject
        nick TEXT,
        payload TEXT,                 -- JSON list of serialised XML children
        search_text TEXT,             -- text as indexed, when it differs (scripts.index_text)
        UNIQUE (collection, decrypted, ordinal)
    )
"""


def _exists(db: sqlite3.Connection, name: str) -> bool:
    row = db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone()
    return row is not None


def prepare(db: sqlite3.Connection) -> None:
    """Create the new tables, unless an interrupted run already did."""
    if not _exists(db, "items_v5"):
        db.execute(_ITEMS.format(name="items_v5"))
    if not _exists(db, "items_fts_v5"):
        db.execute(fts_table("items_fts_v5"))
    db.execute(
        "CREATE TABLE IF NOT EXISTS reindex_progress"
        " (id INTEGER PRIMARY KEY CHECK (id = 1), done INTEGER NOT NULL)"
    )
    db.execute("INSERT OR IGNORE INTO reindex_progress VALUES (1, 0)")


def step(db: sqlite3.Connection) -> tuple[int, int] | None:
    """Copy and index the next batch of collections; (done, total) collections, None at the end."""
    done = int(db.execute("SELECT done FROM reindex_progress").fetchone()[0])
    batch = db.execute(
        "SELECT id, start FROM collections WHERE id > ? ORDER BY id LIMIT ?",
        (done, BATCH_COLLECTIONS),
    ).fetchall()
    if not batch:
        return None
    last = int(batch[-1][0])
    starts = dict(batch)
    rows = db.execute(
        "SELECT collection, decrypted, ordinal, kind, direction, time, text, nick, payload"
        " FROM items WHERE collection > ? AND collection <= ? ORDER BY collection, decrypted",
        (done, last),
    )
    for (collection, flag), group in itertools.groupby(rows, key=lambda r: (r[0], r[1])):
        items = list(group)
        keys = assign_keys(
            db, "items_v5", [r[5] or starts[collection] for r in items], [r[2] for r in items]
        )
        db.executemany(
            "INSERT INTO items_v5 (id, collection, decrypted, ordinal, kind, direction, time,"
            " text, nick, payload, search_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(key, *r, index_text(r[6])) for key, r in zip(keys, items, strict=True)],
        )
        del flag
    db.execute(
        f"""
        INSERT INTO items_fts_v5 (rowid, text, tags)
        SELECT i.id, coalesce(i.search_text, i.text), {TAGS_SQL}
        FROM items_v5 i JOIN collections c ON c.id = i.collection
        WHERE i.collection > ? AND i.collection <= ? ORDER BY i.id
        """,  # noqa: S608 -- fixed SQL fragments; every value is bound
        (done, last),
    )
    db.execute("UPDATE reindex_progress SET done = ?", (last,))
    total = int(db.execute("SELECT count(*) FROM collections").fetchone()[0])
    copied = int(
        db.execute("SELECT count(*) FROM collections WHERE id <= ?", (last,)).fetchone()[0]
    )
    return copied, total


def finish(db: sqlite3.Connection) -> None:
    """Swap the new tables in for the old ones (with the version bump, in one transaction)."""
    db.execute("DROP TABLE items_fts")
    db.execute("DROP TABLE items")  # and its text-update trigger: text is never updated
    db.execute("ALTER TABLE items_v5 RENAME TO items")
    db.execute("ALTER TABLE items_fts_v5 RENAME TO items_fts")
    db.execute(CONTENT_VIEW)
    db.execute("DROP TABLE reindex_progress")
