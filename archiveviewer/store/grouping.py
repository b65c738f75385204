"""The idle gap a replica's message-archive conversations are grouped by.

Conversations of a message archive (XEP-0313) are cut after a silence the
user chooses; the replica remembers which, so that a replica grouped by
another gap (another account's window changed it, or the command line's
``--idle-gap``) is regrouped before new messages join it, never grouped by
two gaps at once.
"""

from __future__ import annotations

from datetime import timedelta

from archiveviewer.store.replica import Replica


def grouped_by(replica: Replica) -> timedelta | None:
    """The idle gap the stored conversations are grouped by; None when unknown."""
    with replica._read():
        row = replica._db.execute("SELECT idle_gap_seconds FROM sync_state").fetchone()
    return None if row is None or row[0] is None else timedelta(seconds=int(row[0]))


def set_grouped_by(replica: Replica, gap: timedelta) -> None:
    """Record that the stored conversations are grouped by ``gap`` now."""
    with replica._write():
        replica._db.execute(
            "UPDATE sync_state SET idle_gap_seconds = ?", (int(gap.total_seconds()),)
        )
