"""Turn SQLite's errors into :class:`StoreError` sentences, or let bugs through.

SQLite reports a full disk, a locked file, a file that is not a database or a
damaged one with result codes. Those are things a user can understand and act
on, so they become a :class:`~archiveviewer.errors.StoreError` with a plain
sentence. Anything else (a constraint our own code broke, bad SQL) is a bug
and is raised unchanged.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from archiveviewer.errors import StoreError

# Primary result codes (https://sqlite.org/rescode.html); extended codes keep
# the primary one in their low byte.
_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_NOMEM = 7
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26

_SENTENCES = {
    _SQLITE_PERM: "The local archive copy cannot be opened: permission denied.",
    _SQLITE_BUSY: (
        "The local archive copy is locked by another program (or another window of "
        "this one). Close it and try again."
    ),
    _SQLITE_LOCKED: (
        "The local archive copy is locked by another program (or another window of "
        "this one). Close it and try again."
    ),
    _SQLITE_NOMEM: "There is not enough memory to work with the local archive copy.",
    _SQLITE_READONLY: "The local archive copy is read-only, so it cannot be updated.",
    _SQLITE_IOERR: "The disk reported an error while reading or writing the local archive copy.",
    _SQLITE_CORRUPT: (
        "The local archive copy is damaged. Remove it and synchronise again to rebuild it."
    ),
    _SQLITE_FULL: "The disk is full: the local archive copy could not be saved.",
    _SQLITE_CANTOPEN: "The local archive copy cannot be opened (its folder may be missing).",
    _SQLITE_NOTADB: "This file is not a local archive copy of archiveviewer (not a database).",
}


def known_error(exc: sqlite3.Error) -> StoreError | None:
    """The :class:`StoreError` for an SQLite failure a user can act on, else None."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return None
    sentence = _SENTENCES.get(code & 0xFF)
    if sentence is None:
        return None
    error = StoreError(sentence)
    error.__cause__ = exc
    return error


@contextmanager
def translated() -> Iterator[None]:
    """Raise known SQLite failures inside the block as :class:`StoreError`."""
    try:
        yield
    except sqlite3.Error as exc:
        error = known_error(exc)
        if error is None:
            raise
        raise error from exc
