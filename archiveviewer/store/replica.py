"""The local replica of one account's archive: one SQLite file.

A :class:`Replica` holds collections with their items, the sync cursor, and a
full-text index kept in step with every write. Each public write is one
transaction. Known SQLite failures (disk full, locked, damaged, not a
database) are raised as :class:`~archiveviewer.errors.StoreError`.

One :class:`Replica` may be used from any thread, one call at a time (calls are
serialised by a lock). Several replicas (processes or windows) may open the
same file: SQLite's WAL lets readers go on while one writes.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from archiveviewer.domain import Collection, CollectionId, Message, Note, UnreadEntry
from archiveviewer.errors import StoreError
from archiveviewer.store import rows, unreadable
from archiveviewer.store.codec import (
    item_row,
    time_text,
)
from archiveviewer.store.counts import HitCounts
from archiveviewer.store.failures import translated
from archiveviewer.store.files import create_private_file, narrow_to_owner
from archiveviewer.store.opening import (
    connect_read_only,
    damaged,
    full_check,
    not_writable,
    quick_check,
    read_only_reason,
)
from archiveviewer.store.reading import ReplicaReads
from archiveviewer.store.schema import LATEST_VERSION, Progress, migrate, version_of
from archiveviewer.store.transaction import Transaction
from archiveviewer.store.trash import ReplicaTrash

_BUSY_TIMEOUT_MS = 5000


class Replica(ReplicaReads, ReplicaTrash):
    """One account's local archive copy; see the module docstring.

    Open with :meth:`open` (or the constructor) and close with :meth:`close`,
    or use it as a context manager.
    """

    def __init__(self, path: Path | str, progress: Progress | None = None) -> None:
        """Open (creating or upgrading if needed) the replica at ``path``.

        An upgrade that rebuilds the search index tells ``progress`` (done,
        total) collections after each committed batch; interrupted, it goes
        on from there the next time the file is opened. Raises
        :class:`StoreError` when the file cannot be opened, is not a replica,
        or was written by a newer version; the file is then left as it was.
        A replica that cannot be written (read-only media) is opened for
        reading: :attr:`read_only` says why, and every write raises
        :class:`StoreError` with that reason. The file is checked for damage
        before the first write (see :mod:`archiveviewer.store.opening`).
        """
        self.path = Path(path)
        self._lock = threading.RLock()
        self._counts = HitCounts()
        self._checked = False
        #: Why this replica cannot be written (the end of a sentence), None if it can.
        self.read_only: str | None = read_only_reason(self.path)
        if self.read_only is not None:
            self._open_read_only()
            return
        with translated():
            try:
                create_private_file(self.path)
            except OSError as exc:
                raise StoreError(
                    f"The local archive copy “{self.path}” cannot be created: {exc.strerror}."
                ) from exc
            self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            try:
                self._configure()
                migrate(self._db, progress=progress)
            except BaseException:
                self._db.close()
                raise

    def _open_read_only(self) -> None:
        with translated():
            self._db = connect_read_only(self.path)
            try:
                self._db.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
                if version_of(self._db) != LATEST_VERSION:
                    raise StoreError(
                        f"The local archive copy “{self.path}” was written by another version "
                        f"of this program and {self.read_only}, so it cannot be upgraded "
                        "to be read."
                    )
            except BaseException:
                self._db.close()
                raise

    def check(self) -> list[str]:
        """Check the whole file (every page, every index, the search index).

        Returns the problems found, in SQLite's words; empty when it is sound.
        Slower than the quick check run before the first write.
        """
        with self._read():
            return full_check(self._db)

    @classmethod
    def open(cls, path: Path | str) -> Replica:
        """Open the replica at ``path``; the same as ``Replica(path)``."""
        return cls(path)

    def _configure(self) -> None:
        self._db.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        # Check the file is ours before changing anything in it (even the
        # journal mode is written to the file's header).
        version_of(self._db)
        narrow_to_owner(self.path)
        self._db.execute("PRAGMA journal_mode = WAL").fetchone()
        self._db.execute("PRAGMA synchronous = NORMAL")
        self._db.execute("PRAGMA foreign_keys = ON")

    def close(self) -> None:
        """Close the file. The replica cannot be used afterwards."""
        with self._lock, translated():
            # Best effort: lets SQLite refresh stale query planner statistics.
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("PRAGMA optimize")
            self._db.close()

    def __enter__(self) -> Replica:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- writing ---------------------------------------------------------------

    def require_writable(self) -> None:
        """Raise the :class:`StoreError` of a write now, if this replica cannot be written.

        A sync calls it before connecting, so a copy on read-only media is
        refused at once, with the reason.
        """
        if self.read_only is not None:
            raise not_writable(self.path, self.read_only)

    def _write(self) -> Transaction:
        self.require_writable()
        if not self._checked:
            with self._read():
                problems = quick_check(self._db)
            if problems:
                raise damaged(self.path, problems)
            self._checked = True
        return Transaction(self._db, self._lock)

    def replace_collection(self, collection: Collection) -> None:
        """Store ``collection`` with its items, replacing any stored version, atomically.

        Decrypted plaintext of the old version is kept when the new version
        holds the very same encrypted items; otherwise it is dropped and the
        collection is listed by :meth:`pending_encrypted` again.
        """
        with self._write():
            rows.store_collection(self._db, collection)
            self._back_on_server(collection.id)

    def remove_collection(self, collection_id: CollectionId) -> bool:
        """The server no longer holds it: move it to the trash, marked removed elsewhere.

        The removal is logged. False if it was not stored (or is a message
        archive's conversation, which is left alone).
        """
        with self._write():
            return self._removed_on_server(collection_id, datetime.now(UTC))

    def apply(
        self,
        changed: Iterable[Collection],
        removed: Iterable[CollectionId],
        cursor: str,
    ) -> int:
        """Store one page of replication in one transaction, and move the cursor.

        ``changed`` are the retrieved collections of the page's ``<changed/>``
        entries (each replaces any stored version as in
        :meth:`replace_collection`), ``removed`` the ids of its
        ``<removed/>`` entries (moved to the trash, marked removed elsewhere; absent
        ones are ignored), ``cursor`` the page's
        ``<last/>`` time, kept as the server's text. If anything fails, nothing
        is stored and the cursor stays where it was. Returns how many of
        ``removed`` were stored (the others were gone already, e.g. removed
        from this program).
        """
        with self._write():
            # Newest first: row ids (minus time keys) then grow, which SQLite
            # appends and FTS5 buffers without flushing (see index.py).
            # The sort is stable, so a collection given twice ends as its last version.
            for collection in sorted(changed, key=rows.start_of, reverse=True):
                rows.store_collection(self._db, collection)
                self._back_on_server(collection.id)
            when = datetime.now(UTC)
            gone = sum(self._removed_on_server(collection_id, when) for collection_id in removed)
            self._db.execute("UPDATE sync_state SET cursor = ?", (cursor,))
        return gone

    def store_decrypted(self, collection_id: CollectionId, items: Sequence[Message | Note]) -> None:
        """Store the plaintext of an encrypted collection, replacing any stored before.

        The items are searchable at once and listed by :meth:`decrypted`; the
        collection leaves :meth:`pending_encrypted`. Raises :class:`StoreError`
        if the collection is not stored.
        """
        with self._write():
            row_id = rows.find_row(self._db, collection_id)
            if row_id is None:
                raise StoreError(
                    f"The conversation with {collection_id.with_jid} is no longer in the "
                    "local copy, so its decrypted text was not stored."
                )
            rows.delete_items(self._db, row_id, decrypted=True)
            rows.insert_items(
                self._db, row_id, [item_row(n, item) for n, item in enumerate(items)],
                decrypted=True,
            )  # fmt: skip
            self._db.execute(
                "UPDATE collections SET decrypted_at = ? WHERE id = ?", (rows.now_text(), row_id)
            )
            rows.update_counts(self._db, row_id)

    def forget_decrypted(self) -> int:
        """Remove every stored plaintext (the text stays encrypted); how many collections had one.

        Writes nothing when none is stored, so it costs one read on a copy that keeps none.
        """
        with self._read():
            found = self._db.execute(
                "SELECT id FROM collections WHERE decrypted_at IS NOT NULL"
            ).fetchall()
        if not found:
            return 0
        # Freed pages are zeroed and the index merged, so no deleted word stays in the file.
        self._db.execute("PRAGMA secure_delete = ON")
        with self._write():
            for (row_id,) in found:
                rows.delete_items(self._db, row_id, decrypted=True)
                self._db.execute(
                    "UPDATE collections SET decrypted_at = NULL WHERE id = ?", (row_id,)
                )
                rows.update_counts(self._db, row_id)
            self._db.execute("INSERT INTO items_fts (items_fts) VALUES ('optimize')")
        return len(found)

    def set_last_full_list(self, when: datetime) -> None:
        """Record when the whole list of collections was last compared with the server."""
        with self._write():
            self._db.execute("UPDATE sync_state SET last_full_list = ?", (time_text(when),))

    def record_unreadable(self, failures: dict[CollectionId | UnreadEntry, str]) -> None:
        """Remember collections a sync could not read, with the reason for each."""
        with self._write():
            unreadable.record(self._db, failures, rows.now_text())

    def forget_unreadable(self, ids: Iterable[CollectionId | UnreadEntry]) -> None:
        """Forget recorded unreadable collections (read at last, or gone)."""
        with self._write():
            unreadable.forget(self._db, ids)

    def unreadable(self) -> dict[CollectionId | UnreadEntry, str]:
        """The collections recorded as unreadable, with their reasons."""
        with self._read():
            return unreadable.recorded(self._db)
