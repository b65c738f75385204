"""How the replica holds its lock: a read, or one write transaction that commits or rolls back."""

from __future__ import annotations

import sqlite3
import threading
from types import TracebackType

from archiveviewer.store.failures import translated


class Reading:
    """Holds the replica's lock and translates SQLite failures while reading."""

    def __init__(self, lock: threading.RLock) -> None:
        self._lock = lock
        self._translated = translated()

    def __enter__(self) -> None:
        self._lock.acquire()
        self._translated.__enter__()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool | None:
        try:
            return self._translated.__exit__(exc_type, exc, tb)
        finally:
            self._lock.release()


class Transaction(Reading):
    """One write transaction: committed on success, rolled back on any exception."""

    def __init__(self, db: sqlite3.Connection, lock: threading.RLock) -> None:
        super().__init__(lock)
        self._db = db

    def __enter__(self) -> None:
        super().__enter__()
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except BaseException as exc:
            super().__exit__(type(exc), exc, exc.__traceback__)
            raise

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool | None:
        if exc_type is None:
            try:
                self._db.execute("COMMIT")
            except BaseException as error:
                self._rollback()
                return super().__exit__(type(error), error, error.__traceback__)
            return super().__exit__(None, None, None)
        self._rollback()
        return super().__exit__(exc_type, exc, tb)

    def _rollback(self) -> None:
        if self._db.in_transaction:
            self._db.execute("ROLLBACK")
