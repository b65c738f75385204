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
so the index is built anew in ``items_fts_prefixed`` from the items, in
row-id order (time order, so FTS5 appends), :data:`BATCH_ROWS` rows per
transaction; the last row id indexed and the count so far are kept in
``prefix_progress``. Killed half-way, the next open goes on from the last
committed batch. The items are not touched at all, and the old index is
whole and in use until the final step swaps the new one in (with the view of
its content, which says the tags) together with the version bump.
"""

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
    """Whether the replica's search index already has this program's layout."""
    return LAYOUT_MARK in (_definition(db, "items_fts") or "")


def prepare(db: sqlite3.Connection) -> None:
    """Create the new index and the progress row, unless an interrupted run already did.

    Nothing to do when the index is current. A half-built index of an older
    layout (an earlier program stopped during migration 11) is begun again.
    """
    if current(db):
        return
    staged = _definition(db, "items_fts_prefixed")
    if staged is not None and LAYOUT_MARK not in staged:
        db.execute("DROP TABLE items_fts_prefixed")
        db.execute("DROP TABLE IF EXISTS prefix_progress")
        staged = None
    if staged is None:
        db.execute(fts_table("items_fts_prefixed", LAYOUT))
        configure(db, "items_fts_prefixed")
    db.execute(
        "CREATE TABLE IF NOT EXISTS prefix_progress (id INTEGER PRIMARY KEY CHECK (id = 1),"
        " last INTEGER, done INTEGER NOT NULL, total INTEGER NOT NULL)"
    )
    # Counted once: nothing else writes to the replica while it is being upgraded.
    db.execute("INSERT OR IGNORE INTO prefix_progress SELECT 1, NULL, 0, count(*) FROM items")


def step(db: sqlite3.Connection) -> tuple[int, int] | None:
    """Index the next batch of rows; (done, total) rows, None when every row is indexed."""
    if current(db):
        return None
    last, done, total = db.execute("SELECT last, done, total FROM prefix_progress").fetchone()
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
        "INSERT INTO items_fts_prefixed (rowid, text, tags)"  # noqa: S608 -- fixed SQL fragments
        f" SELECT i.id, coalesce(i.search_text, i.text), {TAGS_SQL}"
        " FROM items i JOIN collections c ON c.id = i.collection"
        " WHERE i.id BETWEEN ? AND ? ORDER BY i.id",
        (low, high),
    )
    done += rows
    db.execute("UPDATE prefix_progress SET last = ?, done = ?", (high, done))
    return done, int(total)


def finish(db: sqlite3.Connection) -> None:
    """Swap the new index and its content view in for the old (with the version bump)."""
    if current(db):
        return
    db.execute("DROP TABLE items_fts")
    db.execute("ALTER TABLE items_fts_prefixed RENAME TO items_fts")
    db.execute("DROP TABLE prefix_progress")
    db.execute("DROP VIEW search_content")
    db.execute(CONTENT_VIEW)
