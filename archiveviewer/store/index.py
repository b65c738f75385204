"""The search index: time-ordered row ids, filter tags, and how writes keep it.

Every ``items`` row's id is minus its *time key*: the item's time (a note
without one takes its collection's start) in 1/1024 s since 1970, moved up
to the next free value when another item already holds it. FTS5 keeps each
term's postings in rowid order, so the index is in time order, newest first
(FTS5 reads forwards faster than backwards, and newest first is the default
order): newest- and oldest-first searches read postings from one end and
stop after a page, and a date range is a rowid range that FTS5 seeks to.

The FTS5 table ``items_fts`` has two columns. ``text`` is the item's text
(with :mod:`archiveviewer.store.scripts` spacing for scripts without spaces).
``tags`` holds the filters as tokens, so that FTS5 intersects them with the
words instead of the database checking rows afterwards: ``c<hex of the
contact>``, and ``d<direction>`` for a message or ``k<kind>`` for a note
or subject. Its content is
the ``search_content`` view, so the index stores no copy of the text.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from archiveviewer.store.codec import ItemRow, contact_of
from archiveviewer.store.scripts import index_text

#: Resolution of a time key: 1024 keys per second (about a millisecond).
KEYS_PER_SECOND = 1024
_EPOCH = datetime(1970, 1, 1)
_MICROSECOND = timedelta(microseconds=1)

#: The ``tags`` column for an ``items`` row ``i`` of collection ``c``.
#: A message has no kind token (most rows are messages): a smaller, faster index.
_KIND_TAGS = "CASE kind WHEN 'message' THEN ' d' || direction ELSE ' k' || kind END"
TAGS_SQL = (
    "'c' || hex(c.contact) || CASE i.kind WHEN 'message' THEN ' d' || i.direction"
    " ELSE ' k' || i.kind END"
)

CONTENT_VIEW = (
    "CREATE VIEW search_content AS"  # noqa: S608 -- fixed SQL fragments
    " SELECT i.id AS id, i.collection AS collection, i.decrypted AS decrypted,"
    f" coalesce(i.search_text, i.text) AS text, {TAGS_SQL} AS tags"
    " FROM items i JOIN collections c ON c.id = i.collection"
)


#: How both the index and :mod:`archiveviewer.store.ranking`'s scratch index cut text into words.
TOKENIZER = "unicode61 remove_diacritics 2"


#: Prefix lengths (in characters) FTS5 indexes as terms of their own since schema 11
#: (:mod:`archiveviewer.store.prefix_index`): a prefix query of one of these lengths reads
#: one posting list instead of merging every term that starts with it.
PREFIX_LENGTHS = "2 3 4"


def fts_table(name: str, prefix: str | None = None) -> str:
    """The statement creating the index table ``name`` over ``search_content``."""
    prefixes = "" if prefix is None else f", prefix = '{prefix}'"
    return (
        f"CREATE VIRTUAL TABLE {name} USING fts5 (text, tags,"
        " content = 'search_content', content_rowid = 'id',"
        f" tokenize = '{TOKENIZER}'{prefixes})"
    )


def time_key(value: str | datetime) -> int:
    """The first key of a time (stored text or an aware datetime)."""
    if isinstance(value, str):
        naive = datetime.fromisoformat(value[:-1])  # drop the "Z"
    else:
        naive = value.astimezone(UTC).replace(tzinfo=None)
    return (naive - _EPOCH) // _MICROSECOND * KEYS_PER_SECOND // 1_000_000


def contact_tag(contact: str) -> str:
    """The ``tags`` token of a contact (a bare or full JID), as SQL's ``hex`` writes it."""
    return "c" + contact_of(contact).encode("utf-8").hex().upper()


def row_id(key: int) -> int:
    """The ``items`` id (and index rowid) of a time key: newest first."""
    return -key


def assign_keys(
    db: sqlite3.Connection, table: str, times: Sequence[str], ordinals: Sequence[int]
) -> list[int]:
    """Free, distinct row ids for rows with these times, in time (then ordinal) order."""
    parse, epoch, unit = datetime.fromisoformat, _EPOCH, _MICROSECOND
    # time_key, inlined: a page of the sync computes twenty thousand of them.
    bases = [(parse(t[:-1]) - epoch) // unit * KEYS_PER_SECOND // 1_000_000 for t in times]
    low, high = min(bases), max(bases) + len(bases)
    taken = {
        -row[0]
        for row in db.execute(
            f"SELECT id FROM {table} WHERE id BETWEEN ? AND ?",  # noqa: S608 -- our table name
            (row_id(high), row_id(low)),
        )
    }
    if not taken and len(set(bases)) == len(bases):
        return [row_id(base) for base in bases]  # the usual case: each time its own key
    order = sorted(zip(bases, ordinals, range(len(bases)), strict=True))
    keys = [0] * len(bases)
    last: int | None = None
    for base, _, n in order:
        key = base if last is None or base > last else last + 1
        while key in taken or (key > high and _held(db, table, key)):
            key += 1
        keys[n] = last = key
    return [row_id(key) for key in keys]


def _held(db: sqlite3.Connection, table: str, key: int) -> bool:
    sql = f"SELECT 1 FROM {table} WHERE id = ?"  # noqa: S608 -- our table name
    return db.execute(sql, (row_id(key),)).fetchone() is not None


def insert_items(
    db: sqlite3.Connection, row_id: int, rows: Sequence[ItemRow], *, decrypted: bool
) -> None:
    """Insert a collection's ``items`` rows under their time keys, and index them.

    The index is written in one statement for the collection, in key order
    (FTS5 flushes its buffer whenever a row id goes down), rather than by a
    trigger row by row: several times faster, and in the same transaction.
    """
    if not rows:
        return
    times = [row[3] for row in rows]
    if None in times:
        start = db.execute("SELECT start FROM collections WHERE id = ?", (row_id,)).fetchone()[0]
        times = [start if t is None else t for t in times]
    keys = assign_keys(db, "items", times, [row[0] for row in rows])  # type: ignore[arg-type]
    flag = int(decrypted)
    values = sorted(
        (key, row_id, flag, *row, index_text(row[4])) for key, row in zip(keys, rows, strict=True)
    )  # in id order: SQLite appends, FTS5 does not flush
    db.executemany(
        "INSERT INTO items (id, collection, decrypted, ordinal, kind, direction, time, text,"
        " nick, payload, search_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        values,
    )
    # search_content's columns, from the values at hand rather than read back.
    (contact,) = db.execute("SELECT contact FROM collections WHERE id = ?", (row_id,)).fetchone()
    tag = "c" + contact.encode("utf-8").hex().upper()
    db.executemany(
        "INSERT INTO items_fts (rowid, text, tags) VALUES (?, ?, ?)",
        [
            (v[0], v[10] or v[7], f"{tag} d{v[5]}" if v[4] == "message" else f"{tag} k{v[4]}")
            for v in values
        ],
    )


def delete_items(db: sqlite3.Connection, row_id: int, flag: int) -> None:
    """Delete a collection's plain (0) or decrypted (1) ``items`` rows and their index entries.

    The index entries go first: an external-content FTS5 index must be told
    the text it indexed.
    """
    db.execute(
        "INSERT INTO items_fts (items_fts, rowid, text, tags)"
        " SELECT 'delete', id, text, tags FROM search_content"
        " WHERE collection = ? AND decrypted = ?",
        (row_id, flag),
    )
    db.execute("DELETE FROM items WHERE collection = ? AND decrypted = ?", (row_id, flag))
