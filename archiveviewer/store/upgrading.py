"""Whether opening a local copy will rebuild something large first (a slow upgrade).

Most schema steps take milliseconds; a staged one (the search index rebuilt,
:class:`~archiveviewer.store.schema.Staged`) reads every message and takes
about a minute of CPU per million of them. A program asks before opening, so
that it can show the upgrade's progress instead of seeming to hang.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from archiveviewer.store import prefix_index
from archiveviewer.store.schema import LATEST_VERSION, MIGRATIONS, Staged


def slow_upgrade_pending(path: Path) -> bool:
    """True when opening ``path`` would run a staged (long) migration step.

    False for a missing file, a new one, or one that cannot be read here
    (opening it will say why).
    """
    if not path.is_file():
        return False
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            if version == 0 or version >= LATEST_VERSION:
                return False  # new (nothing to rebuild), current, or newer (refused on opening)
            staged = [m for m in MIGRATIONS[version:] if isinstance(m, Staged)]
            # The index rebuilds (11, 12) do nothing when the index is current already.
            rebuilds = all(m.prepare is prefix_index.prepare for m in staged)
            if rebuilds and prefix_index.current(db):
                return False
            return bool(staged)
        finally:
            db.close()
    except sqlite3.Error:
        return False
