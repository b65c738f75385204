"""Upgrading a local copy before it is used: with progress, and a way to stop.

A slow upgrade (``store.upgrading.slow_upgrade_pending``: the search index
rebuilt, about a minute of CPU per million messages) commits in batches, so
stopping between two loses nothing: the next open goes on from the last one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from archiveviewer.store import Replica
from archiveviewer.store.upgrading import slow_upgrade_pending

__all__ = ["slow_upgrade_pending", "upgrade"]


class _Stopped(Exception):
    """Raised from the progress callback to end the upgrade after a committed batch."""


def upgrade(
    path: Path, progress: Callable[[int, int], None], should_stop: Callable[[], bool]
) -> bool:
    """Bring the copy at ``path`` up to date, telling ``progress`` (done, total) items.

    ``should_stop`` is asked after each committed batch; True ends the upgrade
    there and this returns False (the next open goes on from that batch).
    A failure raises as opening the copy would (``StoreError``).
    """

    def told(done: int, total: int) -> None:
        progress(done, total)
        if should_stop() and done < total:
            raise _Stopped

    try:
        Replica(path, progress=told).close()
    except _Stopped:
        return False
    return True
