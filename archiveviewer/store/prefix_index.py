"""Schema migrations 11 and 12: the search index rebuilt in the current layout.

Migration 11 added prefix indexes (``prefix=`` in FTS5). A prefix query such
as ``gard*`` makes FTS5 merge the postings of every term that starts with
``gard`` in full before it can return a first row, so it was the costliest
query class. With ``prefix = '...'`` (see
:data:`archiveviewer.store.index.PREFIX_LENGTHS`) FTS5 also indexes each
token's first characters as a term of its own, and a prefix of one of those
lengths reads one posting list that it can stop in after a page, like a word
(measured in ``docs/search.md``).

Migration 12 took back for the sync's write path what the prefix indexes
cost it: the index keeps no per-row sizes (``columnsize = 0``) and its filter
tags are one letter (:data:`archiveviewer.store.index.LAYOUT`, ``TAGS_SQL``).

Both build an index of :data:`~archiveviewer.store.index.LAYOUT`, the one
this program writes. So a replica older than 11 is rebuilt once, by 11, and
12 finds its index current and does nothing; a replica that an earlier
program brought to 11 is rebuilt by 12. FTS5 cannot change a table's options,
so the index is built anew in :data:`STAGED` from the items, in row-id
order (time order, so FTS5 appends), :data:`BATCH_ROWS` rows per
transaction; the last row id indexed and the count so far are kept in
:data:`PROGRESS`. Killed half-way, the next open goes on from the last
committed batch (unless the items were written meanwhile: then it begins
again). The items are not touched at all, and the old index is
whole and in use until the final step swaps the new one in (with the view of
its content, which says the tags) together with the version bump.
"""

# ruff: noqa: S608 -- the SQL is built from this module's own names and fragments

from __future__ import annotations

import sqlite3

from archiveviewer.store.index import (
    CONTENT_VIEW,
    LAYOUT,
    LAYOUT_MARK,
    TAGS_SQL,
    configure,
    fts_table,
)

#: Rows indexed per transaction (a few seconds of work each on this machine).
BATCH_ROWS = 50_000


def _definition(db: sqlite3.Connection, name: str) -> str | None:
    row = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()
    return None if row is None else str(row[0])


def current(db: sqlite3.Connection) -> bool:
    """Whether the replica's search index and its content view have this program's layout.

    Both: an earlier program may have gone on with a half-built index of ours
    (finishing it with its own tags and view), which must be built again.
    """
    index = _definition(db, "items_fts") or ""
    return LAYOUT_MARK in index and _definition(db, "search_content") == CONTENT_VIEW


#: The index being built and its progress row. Named apart from what earlier programs'
#: migration 11 built aside (``items_fts_prefixed``, ``prefix_progress``), so that an
#: earlier program opening the file half-way never goes on with ours.
STAGED, PROGRESS = "items_fts_lean", "lean_progress"
#: While the new index is built, any write to the items (by an earlier program that opened
#: the file meanwhile: this one upgrades before it writes) makes the build begin again.
_WRITES = ("insert", "update", "delete")


def _has_progress(db: sqlite3.Connection) -> bool:
    if _definition(db, PROGRESS) is None:
        return False
    return db.execute(f"SELECT 1 FROM {PROGRESS}").fetchone() is not None


def prepare(db: sqlite3.Connection) -> None:
    """Create the new index and the progress row, unless an interrupted run already did.

    Nothing to do when the index is current. What an earlier program's
    migration 11 left half-built is dropped; so is a half-built index of ours
    whose items were written since (its progress row is gone, see ``_WRITES``).
    """
    if current(db):
        return
    db.execute("DROP TABLE IF EXISTS items_fts_prefixed")
    db.execute("DROP TABLE IF EXISTS prefix_progress")
    staged = _definition(db, STAGED) is not None
    if staged and not _has_progress(db):
        db.execute(f"DROP TABLE {STAGED}")
        staged = False
    if not staged:
        db.execute(fts_table(STAGED, LAYOUT))
        configure(db, STAGED)
    db.execute(
        f"CREATE TABLE IF NOT EXISTS {PROGRESS} (id INTEGER PRIMARY KEY CHECK (id = 1),"
        " last INTEGER, done INTEGER NOT NULL, total INTEGER NOT NULL)"
    )
    for write in _WRITES:
        db.execute(
            f"CREATE TRIGGER IF NOT EXISTS {PROGRESS}_{write} AFTER {write.upper()} ON items"
            f" BEGIN DELETE FROM {PROGRESS}; END"
        )
    db.execute(f"INSERT OR IGNORE INTO {PROGRESS} SELECT 1, NULL, 0, count(*) FROM items")


def step(db: sqlite3.Connection) -> tuple[int, int] | None:
    """Index the next batch of rows; (done, total) rows, None when every row is indexed."""
    if current(db):
        return None
    if not _has_progress(db):  # the items were written since the last batch
        prepare(db)
    last, done, total = db.execute(f"SELECT last, done, total FROM {PROGRESS}").fetchone()
    low = -(2**63) if last is None else last + 1
    end = db.execute(
        "SELECT max(id), count(*) FROM (SELECT id FROM items WHERE id >= ? ORDER BY id LIMIT ?)",
        (low, BATCH_ROWS),
    ).fetchone()
    if end[0] is None:
        return None
    high, rows = int(end[0]), int(end[1])
    # The tags as this program writes them, not as the old view says them.
    db.execute(
        f"INSERT INTO {STAGED} (rowid, text, tags)"
        f" SELECT i.id, coalesce(i.search_text, i.text), {TAGS_SQL}"
        " FROM items i JOIN collections c ON c.id = i.collection"
        " WHERE i.id BETWEEN ? AND ? ORDER BY i.id",
        (low, high),
    )
    done += rows
    db.execute(f"UPDATE {PROGRESS} SET last = ?, done = ?", (high, done))
    return done, int(total)


def finish(db: sqlite3.Connection) -> None:
    """Swap the new index and its content view in for the old (with the version bump)."""
    if current(db):
        return
    db.execute("DROP TABLE items_fts")
    db.execute(f"ALTER TABLE {STAGED} RENAME TO items_fts")
    for write in _WRITES:
        db.execute(f"DROP TRIGGER {PROGRESS}_{write}")
    db.execute(f"DROP TABLE {PROGRESS}")
    db.execute("DROP VIEW search_content")
    db.execute(CONTENT_VIEW)
