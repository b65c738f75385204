"""What the window lists: contacts, collection headers, counts for a date navigator."""

from __future__ import annotations

import enum
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime

from archiveviewer.domain import CollectionId
from archiveviewer.store.codec import contact_of, optional_time, parse_time, time_text


@dataclass(frozen=True)
class ContactSummary:
    """A contact (bare JID, lower-cased) with what the replica holds for it."""

    contact: str
    collection_count: int
    message_count: int
    last_time: datetime | None


@dataclass(frozen=True)
class CollectionSummary:
    """A collection's header, without its items.

    ``message_count``, ``first_time`` and ``last_time`` count plain messages
    and, once stored, decrypted ones. ``encrypted`` is true when the collection
    holds encrypted items; ``decrypted`` when their plaintext has been stored.
    """

    id: CollectionId
    subject: str | None
    crypt: bool
    thread: str | None
    version: int | None
    message_count: int
    first_time: datetime | None
    last_time: datetime | None
    encrypted: bool
    decrypted: bool


class DatePeriod(enum.Enum):
    """The width of a date navigator's buckets (in UTC)."""

    YEAR = 4  # "2008"
    MONTH = 7  # "2008-07"
    DAY = 10  # "2008-07-18"
    HOUR = 13  # "2008-07-18T21" (the window turns hours into local days)


@dataclass(frozen=True)
class DateCount:
    """How many collections start in one period, and how many messages they hold."""

    period: str
    collection_count: int
    message_count: int


@dataclass(frozen=True)
class Removal:
    """A collection removed from the replica, and when (local clock, UTC)."""

    id: CollectionId
    removed_at: datetime


_SUMMARY_COLUMNS = """
    c.with_jid, c.start, c.subject, c.crypt, c.thread, c.version, c.message_count,
    c.first_time, c.last_time,
    EXISTS (SELECT 1 FROM encrypted_items e WHERE e.collection = c.id),
    c.decrypted_at IS NOT NULL
"""


def summary_from_row(row: tuple[object, ...]) -> CollectionSummary:
    """A :class:`CollectionSummary` from the columns of ``_SUMMARY_COLUMNS``."""
    (with_jid, start, subject, crypt, thread, version, count, first, last, enc, dec) = row
    return CollectionSummary(
        id=CollectionId(start=parse_time(str(start)), with_jid=str(with_jid)),
        subject=None if subject is None else str(subject),
        crypt=bool(crypt),
        thread=None if thread is None else str(thread),
        version=None if version is None else int(str(version)),
        message_count=int(str(count)),
        first_time=optional_time(None if first is None else str(first)),
        last_time=optional_time(None if last is None else str(last)),
        encrypted=bool(enc),
        decrypted=bool(dec),
    )


def contact_clause(contact: str | None) -> tuple[str, list[object]]:
    """SQL matching a contact as :class:`SearchFilter` reads it, with its parameters.

    A bare JID matches all of its resources; a full JID matches that resource
    only. The bare part compares without case, the resource exactly.
    """
    if contact is None:
        return "1", []
    if "/" not in contact:
        return "c.contact = ?", [contact_of(contact)]
    resource = contact.split("/", 1)[1]
    return (
        "c.contact = ? AND substr(c.with_jid, instr(c.with_jid, '/') + 1) = ?"
        " AND instr(c.with_jid, '/') > 0",
        [contact_of(contact), resource],
    )


def range_clause(since: datetime | None, until: datetime | None) -> tuple[str, list[object]]:
    """SQL keeping collections that start in [since, until), with its parameters."""
    clauses: list[str] = ["1"]
    params: list[object] = []
    if since is not None:
        clauses.append("c.start >= ?")
        params.append(time_text(since))
    if until is not None:
        clauses.append("c.start < ?")
        params.append(time_text(until))
    return " AND ".join(clauses), params


def contacts(db: sqlite3.Connection) -> list[ContactSummary]:
    """Every contact with collections, most recently active first."""
    rows = db.execute(
        """
        SELECT contact, count(*), sum(message_count), max(coalesce(last_time, start))
        FROM collections c GROUP BY contact ORDER BY 4 DESC, contact
        """
    )
    return [
        ContactSummary(
            contact=contact,
            collection_count=collections,
            message_count=messages or 0,
            last_time=optional_time(last),
        )
        for contact, collections, messages, last in rows
    ]


def collections(
    db: sqlite3.Connection,
    contact: str | None,
    since: datetime | None,
    until: datetime | None,
    limit: int,
    offset: int,
    newest_first: bool,
) -> list[CollectionSummary]:
    """Collection headers by contact and start range, one page; see Replica.

    A page far down the list is found on the start index alone: SQLite's own
    OFFSET would make and sort every row it skips (a second and more at row
    100,000), the index walks past them in milliseconds.
    """
    where_contact, params = contact_clause(contact)
    where_range, range_params = range_clause(since, until)
    where, args = f"{where_contact} AND {where_range}", [*params, *range_params]
    order = "DESC" if newest_first else "ASC"
    skip = offset
    if offset > 0:
        found = db.execute(
            f"SELECT c.start FROM collections c WHERE {where}"  # noqa: S608 -- fixed fragments
            f" ORDER BY c.start {order} LIMIT 1 OFFSET ?",
            [*args, offset],
        ).fetchone()
        if found is None:
            return []
        earlier, kept = (">", "<=") if newest_first else ("<", ">=")
        ahead = db.execute(
            f"SELECT count(*) FROM collections c WHERE {where} AND c.start {earlier} ?",  # noqa: S608
            [*args, found[0]],
        ).fetchone()[0]
        where, args, skip = f"{where} AND c.start {kept} ?", [*args, found[0]], offset - ahead
    rows = db.execute(
        f"""
        SELECT {_SUMMARY_COLUMNS} FROM collections c WHERE {where}
        ORDER BY c.start {order}, c.with_jid {order} LIMIT ? OFFSET ?
        """,  # noqa: S608 -- fixed SQL fragments; every value is bound
        [*args, limit, skip],
    )
    return [summary_from_row(row) for row in rows]


def count_collections(
    db: sqlite3.Connection, contact: str | None, since: datetime | None, until: datetime | None
) -> int:
    """How many collections :func:`collections` pages through for these filters."""
    where_contact, params = contact_clause(contact)
    where_range, range_params = range_clause(since, until)
    row = db.execute(
        f"SELECT count(*) FROM collections c WHERE {where_contact} AND {where_range}",  # noqa: S608
        [*params, *range_params],
    ).fetchone()
    return int(row[0])


def summary(db: sqlite3.Connection, row_id: int) -> CollectionSummary:
    """The header of the collection with this row id."""
    sql = f"SELECT {_SUMMARY_COLUMNS} FROM collections c WHERE c.id = ?"  # noqa: S608
    row = db.execute(sql, (row_id,)).fetchone()
    return summary_from_row(row)


def date_counts(
    db: sqlite3.Connection,
    period: DatePeriod,
    contact: str | None,
    since: datetime | None,
    until: datetime | None,
) -> list[DateCount]:
    """Collections and messages per period of the collections' start, oldest first."""
    where_contact, params = contact_clause(contact)
    where_range, range_params = range_clause(since, until)
    rows = db.execute(
        f"""
        SELECT substr(c.start, 1, {period.value}) AS p, count(*), sum(c.message_count)
        FROM collections c WHERE {where_contact} AND {where_range}
        GROUP BY p ORDER BY p
        """,  # noqa: S608 -- fixed SQL fragments; every value is bound
        [*params, *range_params],
    )
    return [DateCount(p, n, m or 0) for p, n, m in rows]


#: SQLite date modifiers :func:`local_date_counts` accepts: the system's zone, or a fixed shift.
_SHIFT = re.compile(r"localtime|[+-]\d{1,4} minutes")


def local_date_counts(db: sqlite3.Connection, shift: str, contact: str | None) -> list[DateCount]:
    """Collections and messages per local calendar day ``YYYY-MM-DD``, oldest first.

    ``shift`` is SQLite's ``localtime`` (the system's zone, with its daylight
    saving rules) or a fixed offset such as ``+120 minutes``.
    """
    if not _SHIFT.fullmatch(shift):
        raise ValueError(f"not a time shift: {shift!r}")
    where_contact, params = contact_clause(contact)
    rows = db.execute(
        f"""
        SELECT date(c.start, ?) AS p, count(*), sum(c.message_count)
        FROM collections c WHERE {where_contact}
        GROUP BY p ORDER BY p
        """,  # noqa: S608 -- fixed SQL fragments; every value is bound
        [shift, *params],
    )
    return [DateCount(p, n, m or 0) for p, n, m in rows]


def removals(db: sqlite3.Connection, limit: int) -> list[Removal]:
    """The latest removals, newest first."""
    rows = db.execute(
        "SELECT with_jid, start, removed_at FROM removals ORDER BY id DESC LIMIT ?", (limit,)
    )
    return [
        Removal(CollectionId(start=parse_time(start), with_jid=jid), parse_time(removed_at))
        for jid, start, removed_at in rows
    ]
