"""What the replica holds of message archives (XEP-0313), read without changing anything.

Beside :mod:`archiveviewer.store.archives`, which stores their pages: the
services ask these to know which source a conversation came from and how far
back each contact's history reaches.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from archiveviewer.domain import CollectionId
from archiveviewer.store.archive_types import HistoryReach
from archiveviewer.store.codec import contact_of, optional_time, time_text
from archiveviewer.store.replica import Replica


def stored_archives(replica: Replica) -> list[str]:
    """The JIDs of every message archive a page of which is stored."""
    with replica._read():
        return [str(r[0]) for r in replica._db.execute("SELECT archive FROM archive_ranges")]


def reaches(replica: Replica) -> dict[str, HistoryReach]:
    """How far back each contact's message archive is stored, by contact (one read)."""
    with replica._read():
        db = replica._db
        ranges = {
            str(archive): (optional_time(oldest), bool(complete))
            for archive, oldest, complete in db.execute(
                "SELECT archive, oldest_time, complete FROM archive_ranges"
            )
        }
        rows = db.execute(
            "SELECT DISTINCT contact, archive FROM collections WHERE archive IS NOT NULL"
        ).fetchall()
    found = {}
    for contact, archive in rows:
        if archive in ranges:
            oldest, complete = ranges[archive]
            found[str(contact)] = HistoryReach(str(archive), oldest, complete)
    return found


def has_synced_archives(replica: Replica) -> bool:
    """Whether a page of any message archive was ever stored in ``replica``."""
    with replica._read():
        return replica._db.execute("SELECT 1 FROM archive_ranges LIMIT 1").fetchone() is not None


def any_archived(replica: Replica, ids: Sequence[CollectionId]) -> bool:
    """Whether any of these stored conversations was grouped from a message archive."""
    keys = [[i.with_jid, time_text(i.start)] for i in ids]
    with replica._read():
        row = replica._db.execute(
            "SELECT 1 FROM json_each(?) j JOIN collections c"
            " ON c.with_jid = j.value ->> 0 AND c.start = j.value ->> 1"
            " WHERE c.archive IS NOT NULL LIMIT 1",
            (json.dumps(keys),),
        ).fetchone()
    return row is not None


def contact_archived(replica: Replica, contact: str | None) -> bool:
    """Whether conversations with ``contact`` (None: anyone) were grouped from a message archive."""
    with replica._read():
        if contact is None:
            row = replica._db.execute("SELECT 1 FROM archive_ranges LIMIT 1").fetchone()
        else:
            row = replica._db.execute(
                "SELECT 1 FROM collections WHERE contact = ? AND archive IS NOT NULL LIMIT 1",
                (contact_of(contact),),
            ).fetchone()
    return row is not None
