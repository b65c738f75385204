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
contact>``, and one letter for the kind of item: ``t`` (a message sent to the
contact), ``f`` (received from them), ``n`` (a note) or ``s`` (a subject); one
letter, because FTS5 writes no prefix entries for a token shorter than the
shortest prefix length. Its content is the ``search_content`` view, so the
index stores no copy of the text.

The table's options (:data:`LAYOUT`) are chosen for the sync's write path as
much as for reading: prefix indexes for prefix queries, and ``columnsize = 0``
because nothing ranks on this index (relevance is computed on a scratch index
of candidates, :mod:`archiveviewer.store.ranking`), so the per-row sizes FTS5
would keep for ``bm25()`` are not written.
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

#: The ``tags`` column for an ``items`` row ``i`` of collection ``c``: the contact, then the
#: first letter of a message's direction (``to``, ``from``) or of another item's kind
#: (``note``, ``subject``); :func:`item_tag` says the same in Python.
TAGS_SQL = (
    "'c' || hex(c.contact) || ' ' || substr(CASE i.kind WHEN 'message' THEN i.direction"
    " ELSE i.kind END, 1, 1)"
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

#: The index's options since schema 12 (see the module's text); ``prefix_index`` builds an
#: index of this layout, and recognises one by :data:`LAYOUT_MARK` in its definition.
LAYOUT = f"prefix = '{PREFIX_LENGTHS}', columnsize = 0"
LAYOUT_MARK = "columnsize = 0"

#: Bytes of new postings FTS5 gathers in memory before it writes a segment (its default is
#: 1 MiB): a sync page of 20,000 messages then makes a few segments rather than a dozen,
#: which FTS5 would soon merge again. Kept in the table's own ``_config``.
HASH_BYTES = 8 * 1024 * 1024


def fts_table(name: str, options: str | None = None) -> str:
    """The statement creating the index table ``name`` over ``search_content``."""
    extra = "" if options is None else f", {options}"
    return (
        f"CREATE VIRTUAL TABLE {name} USING fts5 (text, tags,"
        " content = 'search_content', content_rowid = 'id',"
        f" tokenize = '{TOKENIZER}'{extra})"
    )


def configure(db: sqlite3.Connection, name: str) -> None:
    """Set the write options of :data:`LAYOUT`'s index table ``name`` (kept in the file)."""
    db.execute(
        f"INSERT INTO {name} ({name}, rank) VALUES ('hashsize', ?)",  # noqa: S608 -- our name
        (HASH_BYTES,),
    )


def item_tag(kind: str, direction: str | None) -> str:
    """The one-letter ``tags`` token of an item: ``t``, ``f``, ``n`` or ``s``."""
    return (direction if kind == "message" else kind)[0]  # type: ignore[index]


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
    tag = "c" + contact.encode("utf-8").hex().upper() + " "
    db.executemany(
        "INSERT INTO items_fts (rowid, text, tags) VALUES (?, ?, ?)",
        [  # item_tag, inlined (a message row always has its direction)
            (v[0], v[10] or v[7], tag + (v[5] if v[4] == "message" else v[4])[0])  # type: ignore[index]
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
