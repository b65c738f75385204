"""Schema migration 11: the search index rebuilt with prefix indexes (``prefix=`` in FTS5).

A prefix query such as ``gard*`` makes FTS5 merge the postings of every
term that starts with ``gard`` in full before it can return a first row, so
it was the costliest query class. With ``prefix = '...'`` (see
:data:`archiveviewer.store.index.PREFIX_LENGTHS`) FTS5 also indexes each
token's first characters as a term of its own, and a prefix of one of those
lengths reads one posting list that it can stop in after a page, like a word
(measured in ``docs/search.md``).

FTS5 cannot add a prefix index to an existing table, so the index is built
anew in ``items_fts_prefixed`` from ``search_content``, in row-id order (time
order, so FTS5 appends), :data:`BATCH_ROWS` rows per transaction; the last
row id indexed and the count so far are kept in ``prefix_progress``. Killed
half-way, the next open goes on from the last committed batch. The items are
not touched at all, and the old index is whole and in use until the final
step swaps the new one in with the version bump.
"""

from __future__ import annotations

import sqlite3

from archiveviewer.store.index import PREFIX_LENGTHS, fts_table

#: Rows indexed per transaction (a few seconds of work each on this machine).
BATCH_ROWS = 50_000


def _exists(db: sqlite3.Connection, name: str) -> bool:
    row = db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone()
    return row is not None


def prepare(db: sqlite3.Connection) -> None:
    """Create the new index and the progress row, unless an interrupted run already did."""
    if not _exists(db, "items_fts_prefixed"):
        db.execute(fts_table("items_fts_prefixed", prefix=PREFIX_LENGTHS))
    db.execute(
        "CREATE TABLE IF NOT EXISTS prefix_progress (id INTEGER PRIMARY KEY CHECK (id = 1),"
        " last INTEGER, done INTEGER NOT NULL, total INTEGER NOT NULL)"
    )
    # Counted once: nothing else writes to the replica while it is being upgraded.
    db.execute("INSERT OR IGNORE INTO prefix_progress SELECT 1, NULL, 0, count(*) FROM items")


def step(db: sqlite3.Connection) -> tuple[int, int] | None:
    """Index the next batch of rows; (done, total) rows, None when every row is indexed."""
    last, done, total = db.execute("SELECT last, done, total FROM prefix_progress").fetchone()
    low = -(2**63) if last is None else last + 1
    end = db.execute(
        "SELECT max(id), count(*) FROM (SELECT id FROM items WHERE id >= ? ORDER BY id LIMIT ?)",
        (low, BATCH_ROWS),
    ).fetchone()
    if end[0] is None:
        return None
    high, rows = int(end[0]), int(end[1])
    db.execute(
        "INSERT INTO items_fts_prefixed (rowid, text, tags)"
        " SELECT id, text, tags FROM search_content WHERE id BETWEEN ? AND ? ORDER BY id",
        (low, high),
    )
    done += rows
    db.execute("UPDATE prefix_progress SET last = ?, done = ?", (high, done))
    return done, int(total)


def finish(db: sqlite3.Connection) -> None:
    """Swap the new index in for the old one (with the version bump, in one transaction)."""
    db.execute("DROP TABLE items_fts")
    db.execute("ALTER TABLE items_fts_prefixed RENAME TO items_fts")
    db.execute("DROP TABLE prefix_progress")
