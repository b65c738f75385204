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
import os
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from archiveviewer.domain import Collection, CollectionId, EncryptedItem, Message, Note
from archiveviewer.errors import StoreError
from archiveviewer.store import index, listing, unreadable
from archiveviewer.store.codec import (
    contact_of,
    encrypted_from_row,
    encrypted_row,
    item_from_row,
    item_row,
    optional_time,
    parse_time,
    time_text,
)
from archiveviewer.store.failures import translated
from archiveviewer.store.listing import (
    CollectionSummary,
    ContactSummary,
    DateCount,
    DatePeriod,
    Removal,
)
from archiveviewer.store.opening import (
    connect_read_only,
    damaged,
    full_check,
    not_writable,
    quick_check,
    read_only_reason,
)
from archiveviewer.store.schema import LATEST_VERSION, Progress, migrate, version_of
from archiveviewer.store.search import (
    HitCounts,
    SearchCursor,
    SearchFilter,
    SearchHit,
    SearchOrder,
    SearchPage,
    run_search,
    search_page,
)

_FILE_MODE = 0o600
_BUSY_TIMEOUT_MS = 5000


def create_private_file(path: Path) -> None:
    """Create ``path`` (if missing) readable and writable by its owner only.

    The file is made with mode 0600 before SQLite touches it (SQLite gives its
    ``-wal`` and ``-shm`` files the database file's mode). The parent folder
    is created (0700) if missing. An existing file is left alone.
    """
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, _FILE_MODE)
    except FileExistsError:
        return
    os.close(fd)


def _narrow_to_owner(path: Path) -> None:
    # A replica copied around may have lost its mode; ours must stay private.
    # Done before SQLite makes its -wal and -shm files, which copy the mode.
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        with contextlib.suppress(FileNotFoundError):
            if name.stat().st_mode & 0o777 == _FILE_MODE:
                continue
            # Someone else's file that we may write is not ours to change.
            with contextlib.suppress(PermissionError):
                name.chmod(_FILE_MODE)


class Replica:
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
        _narrow_to_owner(self.path)
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

    def _write(self) -> _Transaction:
        self.require_writable()
        if not self._checked:
            with self._read():
                problems = quick_check(self._db)
            if problems:
                raise damaged(self.path, problems)
            self._checked = True
        return _Transaction(self._db, self._lock)

    def replace_collection(self, collection: Collection) -> None:
        """Store ``collection`` with its items, replacing any stored version, atomically.

        Decrypted plaintext of the old version is kept when the new version
        holds the very same encrypted items; otherwise it is dropped and the
        collection is listed by :meth:`pending_encrypted` again.
        """
        with self._write():
            _store(self._db, collection)

    def remove_collection(self, collection_id: CollectionId) -> bool:
        """Remove a collection and its items; log the removal. False if it was not stored."""
        with self._write():
            return _remove(self._db, collection_id)

    def apply(
        self,
        changed: Iterable[Collection],
        removed: Iterable[CollectionId],
        cursor: str,
    ) -> None:
        """Store one page of replication in one transaction, and move the cursor.

        ``changed`` are the retrieved collections of the page's ``<changed/>``
        entries (each replaces any stored version as in
        :meth:`replace_collection`), ``removed`` the ids of its
        ``<removed/>`` entries (absent ones are ignored), ``cursor`` the page's
        ``<last/>`` time, kept as the server's text. If anything fails, nothing
        is stored and the cursor stays where it was.
        """
        with self._write():
            # Newest first: row ids (minus time keys) then grow, which SQLite
            # appends and FTS5 buffers without flushing (see index.py).
            # The sort is stable, so a collection given twice ends as its last version.
            for collection in sorted(changed, key=_start, reverse=True):
                _store(self._db, collection)
            for collection_id in removed:
                _remove(self._db, collection_id)
            self._db.execute("UPDATE sync_state SET cursor = ?", (cursor,))

    def store_decrypted(self, collection_id: CollectionId, items: Sequence[Message | Note]) -> None:
        """Store the plaintext of an encrypted collection, replacing any stored before.

        The items are searchable at once and listed by :meth:`decrypted`; the
        collection leaves :meth:`pending_encrypted`. Raises :class:`StoreError`
        if the collection is not stored.
        """
        with self._write():
            row_id = _row_id(self._db, collection_id)
            if row_id is None:
                raise StoreError(
                    f"The conversation with {collection_id.with_jid} is no longer in the "
                    "local copy, so its decrypted text was not stored."
                )
            _delete_items(self._db, row_id, decrypted=True)
            _insert_items(
                self._db, row_id, [item_row(n, item) for n, item in enumerate(items)],
                decrypted=True,
            )  # fmt: skip
            self._db.execute(
                "UPDATE collections SET decrypted_at = ? WHERE id = ?", (_now(), row_id)
            )
            _update_counts(self._db, row_id)

    def set_last_full_list(self, when: datetime) -> None:
        """Record when the whole list of collections was last compared with the server."""
        with self._write():
            self._db.execute("UPDATE sync_state SET last_full_list = ?", (time_text(when),))

    def record_unreadable(self, failures: dict[CollectionId, str]) -> None:
        """Remember collections a sync could not read, with the reason for each."""
        with self._write():
            unreadable.record(self._db, failures, _now())

    def forget_unreadable(self, ids: Iterable[CollectionId]) -> None:
        """Forget recorded unreadable collections (read at last, or gone)."""
        with self._write():
            unreadable.forget(self._db, ids)

    def unreadable(self) -> dict[CollectionId, str]:
        """The collections recorded as unreadable, with their reasons."""
        with self._read():
            return unreadable.recorded(self._db)

    # --- reading -----------------------------------------------------------------

    def _read(self) -> _Reading:
        return _Reading(self._lock)

    def cursor(self) -> str | None:
        """The replication cursor (the last ``<last/>`` stored), None before the first sync."""
        with self._read():
            row = self._db.execute("SELECT cursor FROM sync_state").fetchone()
            return None if row[0] is None else str(row[0])

    def last_full_list(self) -> datetime | None:
        """When :meth:`set_last_full_list` was last called, None if never."""
        with self._read():
            row = self._db.execute("SELECT last_full_list FROM sync_state").fetchone()
            return optional_time(row[0])

    def collection(self, collection_id: CollectionId) -> Collection | None:
        """The stored collection with its items in order, exactly as stored; None if absent."""
        with self._read():
            return _load(self._db, collection_id)

    def decrypted(self, collection_id: CollectionId) -> tuple[Message | Note, ...] | None:
        """The stored plaintext of an encrypted collection, None if not decrypted (or absent)."""
        with self._read():
            row = self._db.execute(
                "SELECT id, decrypted_at FROM collections WHERE with_jid = ? AND start = ?",
                (collection_id.with_jid, time_text(collection_id.start)),
            ).fetchone()
            if row is None or row[1] is None:
                return None
            return _items(self._db, row[0], decrypted=True)

    def summary(self, collection_id: CollectionId) -> CollectionSummary | None:
        """A collection's header (with its version and counts), None if absent."""
        with self._read():
            row_id = _row_id(self._db, collection_id)
            return None if row_id is None else listing.summary(self._db, row_id)

    def collection_ids(self) -> set[CollectionId]:
        """The ids of every stored collection (to compare with the server's full list)."""
        with self._read():
            rows = self._db.execute("SELECT with_jid, start FROM collections")
            return {_id(jid, start) for jid, start in rows}

    def encrypted_key_names(self) -> dict[CollectionId, frozenset[str]]:
        """For each collection with EncryptedKeys, the public-key names they are wrapped for.

        An EncryptedKey that names no public key counts as ``""``.
        """
        with self._read():
            rows = self._db.execute(
                """
                SELECT c.with_jid, c.start, COALESCE(e.key_name, '') FROM encrypted_items e
                JOIN collections c ON c.id = e.collection
                WHERE e.kind = 'EncryptedKey'
                """
            )
            found: dict[CollectionId, set[str]] = {}
            for jid, start, name in rows:
                found.setdefault(_id(jid, start), set()).add(name)
        return {key: frozenset(names) for key, names in found.items()}

    def pending_encrypted(self) -> list[CollectionId]:
        """Collections holding encrypted items whose plaintext is not stored, oldest first."""
        with self._read():
            rows = self._db.execute(
                """
                SELECT with_jid, start FROM collections c
                WHERE decrypted_at IS NULL
                  AND EXISTS (SELECT 1 FROM encrypted_items e WHERE e.collection = c.id)
                ORDER BY start, with_jid
                """
            )
            return [_id(jid, start) for jid, start in rows]

    def contacts(self) -> list[ContactSummary]:
        """Every contact (lower-cased bare JID) with its counts, most recently active first."""
        with self._read():
            return listing.contacts(self._db)

    def collections(
        self,
        *,
        contact: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int = 100,
        offset: int = 0,
        newest_first: bool = True,
    ) -> list[CollectionSummary]:
        """One page of collection headers, by start time.

        ``contact`` is a bare JID (all its resources, without case) or a full
        JID (that ``with`` exactly); ``since`` is inclusive and ``until``
        exclusive, on the collection's start.
        """
        with self._read():
            return listing.collections(self._db, contact, since, until, limit, offset, newest_first)

    def date_counts(
        self,
        period: DatePeriod,
        *,
        contact: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> list[DateCount]:
        """Collections and messages per year, month, day or hour of their UTC start, oldest first.

        ``period`` labels are ``"2008"``, ``"2008-07"``, ``"2008-07-18"`` or ``"2008-07-18T21"``;
        the other arguments filter as in :meth:`collections`.
        """
        with self._read():
            return listing.date_counts(self._db, period, contact, since, until)

    def local_date_counts(self, shift: str, *, contact: str | None = None) -> list[DateCount]:
        """Collections and messages per local calendar day of their start, oldest first.

        ``shift`` is ``"localtime"`` (the system's time zone, as SQLite reads
        it) or a fixed offset like ``"+120 minutes"``; labels are ``"2008-07-18"``.
        """
        with self._read():
            return listing.local_date_counts(self._db, shift, contact)

    def removals(self, limit: int = 100) -> list[Removal]:
        """The latest collections removed from the replica, newest first."""
        with self._read():
            return listing.removals(self._db, limit)

    def search(
        self,
        text: str,
        search_filter: SearchFilter | None = None,
        *,
        order: SearchOrder = SearchOrder.RELEVANCE,
        limit: int = 50,
        offset: int = 0,
    ) -> list[SearchHit]:
        """Search message bodies, notes and subjects for a user's text; one page of hits.

        ``text`` is read as words, ``"phrases"``, ``prefix*``, ``AND``/``OR``/``NOT``
        and ``-word`` (see :mod:`archiveviewer.store.query`), without case or
        accents, and never raises a syntax error: text with nothing to search
        for gives no hits. Decrypted plaintext is searched too. Prefer
        :meth:`search_page`, whose cursor costs nothing however deep one pages.
        """
        with self._read():
            return run_search(self._db, text, search_filter or SearchFilter(), order, limit, offset)

    def search_page(
        self,
        text: str,
        search_filter: SearchFilter | None = None,
        *,
        order: SearchOrder = SearchOrder.NEWEST,
        limit: int = 50,
        after: SearchCursor | None = None,
    ) -> SearchPage:
        """One page of hits and a cursor to the next (None after the last hit).

        Text and filter read as in :meth:`search`. Pass the previous page's
        ``next`` as ``after`` (with the same text, filter and order) to go on:
        every hit comes exactly once, in a stable order. Newest and oldest
        first are exact; relevance ranks the newest 200 matches by BM25, then
        the next 200, and so on (see ``docs/search.md``).
        """
        with self._read():
            return search_page(self._db, text, search_filter or SearchFilter(), order, limit, after)

    def count_hits(self, text: str, search_filter: SearchFilter | None = None) -> int:
        """How many hits :meth:`search` has in all for this text and filter.

        Slower than a page on the most common words (it reads every posting):
        ask for it after showing the first page. Remembered until the next write.
        """
        with self._read():
            return self._counts.count(self._db, text, search_filter or SearchFilter())


class _Reading:
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


class _Transaction(_Reading):
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


# --- statements shared by the writes above ------------------------------------------


def _start(collection: Collection) -> datetime:
    return collection.start


def _now() -> str:
    return time_text(datetime.now(UTC))


def _id(with_jid: str, start: str) -> CollectionId:
    return CollectionId(start=parse_time(start), with_jid=with_jid)


def _row_id(db: sqlite3.Connection, collection_id: CollectionId) -> int | None:
    row = db.execute(
        "SELECT id FROM collections WHERE with_jid = ? AND start = ?",
        (collection_id.with_jid, time_text(collection_id.start)),
    ).fetchone()
    return None if row is None else int(row[0])


def _store(db: sqlite3.Connection, collection: Collection) -> None:
    old = _row_id(db, collection.id)
    kept: _Plaintext | None = None
    if old is not None:
        kept = _plaintext_to_keep(db, old, collection)
        _delete(db, old)
    row_id = db.execute(
        "INSERT INTO collections (with_jid, contact, start, subject, crypt, thread, version)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            collection.with_jid,
            contact_of(collection.with_jid),
            time_text(collection.start),
            collection.subject,
            int(collection.crypt),
            collection.thread,
            collection.version,
        ),
    ).lastrowid
    assert row_id is not None  # an INSERT always gives one
    rows: list[tuple[object, ...]] = []
    encrypted: list[tuple[object, ...]] = []
    for n, item in enumerate(collection.items):
        if isinstance(item, EncryptedItem):
            encrypted.append((row_id, *encrypted_row(n, item)))
        else:
            rows.append(item_row(n, item))
    if collection.subject is not None:
        start = time_text(collection.start)
        rows.append((-1, "subject", None, start, collection.subject, None, None))
    _insert_items(db, row_id, rows, decrypted=False)
    if encrypted:
        db.executemany(
            "INSERT INTO encrypted_items (collection, ordinal, kind, xml, key_name,"
            " carried_key_name) VALUES (?, ?, ?, ?, ?, ?)",
            encrypted,
        )
    if kept is not None:
        _restore_plaintext(db, row_id, kept)
    _update_counts(db, row_id)


def _insert_items(
    db: sqlite3.Connection, row_id: int, rows: Sequence[tuple[object, ...]], *, decrypted: bool
) -> None:
    """Insert ``items`` rows (the columns after ``collection`` and ``decrypted``) and index them."""
    index.insert_items(db, row_id, rows, decrypted=decrypted)  # type: ignore[arg-type]


def _delete_items(db: sqlite3.Connection, row_id: int, *, decrypted: bool | None = None) -> None:
    """Delete a collection's ``items`` rows (only plain or decrypted ones if asked), unindexed."""
    for flag in (0, 1) if decrypted is None else (int(decrypted),):
        index.delete_items(db, row_id, flag)


#: When an encrypted collection was decrypted, and its plaintext ``items`` rows.
_Plaintext = tuple[str, list[tuple[object, ...]]]


def _plaintext_to_keep(
    db: sqlite3.Connection, old_id: int, collection: Collection
) -> _Plaintext | None:
    """The old plaintext, if the new version carries the very same ciphertext.

    A new version that only adds a note or changes the subject should not make
    the user decrypt again.
    """
    decrypted_at = db.execute(
        "SELECT decrypted_at FROM collections WHERE id = ?", (old_id,)
    ).fetchone()[0]
    if decrypted_at is None:
        return None
    old = db.execute(
        "SELECT kind, xml FROM encrypted_items WHERE collection = ? ORDER BY ordinal", (old_id,)
    ).fetchall()
    if old != [(item.kind.value, item.xml) for item in collection.encrypted]:
        return None
    rows = db.execute(
        "SELECT ordinal, kind, direction, time, text, nick, payload FROM items"
        " WHERE collection = ? AND decrypted = 1",
        (old_id,),
    ).fetchall()
    return str(decrypted_at), rows


def _restore_plaintext(db: sqlite3.Connection, row_id: int, kept: _Plaintext) -> None:
    decrypted_at, rows = kept
    _insert_items(db, row_id, rows, decrypted=True)
    db.execute("UPDATE collections SET decrypted_at = ? WHERE id = ?", (decrypted_at, row_id))


def _delete(db: sqlite3.Connection, row_id: int) -> None:
    # Items are deleted explicitly (not by cascade) so that their index entries go too.
    _delete_items(db, row_id)
    db.execute("DELETE FROM encrypted_items WHERE collection = ?", (row_id,))
    db.execute("DELETE FROM collections WHERE id = ?", (row_id,))


def _remove(db: sqlite3.Connection, collection_id: CollectionId) -> bool:
    row_id = _row_id(db, collection_id)
    if row_id is None:
        return False
    _delete(db, row_id)
    db.execute(
        "INSERT INTO removals (with_jid, start, removed_at) VALUES (?, ?, ?)",
        (collection_id.with_jid, time_text(collection_id.start), _now()),
    )
    return True


def _update_counts(db: sqlite3.Connection, row_id: int) -> None:
    db.execute(
        """
        UPDATE collections SET (message_count, first_time, last_time) = (
            SELECT count(*), min(time), max(time) FROM items
            WHERE collection = ?1 AND kind = 'message'
        ) WHERE id = ?1
        """,
        (row_id,),
    )


def _items(db: sqlite3.Connection, row_id: int, *, decrypted: bool) -> tuple[Message | Note, ...]:
    rows = db.execute(
        "SELECT kind, direction, time, text, nick, payload FROM items"
        " WHERE collection = ? AND decrypted = ? AND kind != 'subject' ORDER BY ordinal",
        (row_id, int(decrypted)),
    )
    return tuple(item_from_row(*row) for row in rows)


def _load(db: sqlite3.Connection, collection_id: CollectionId) -> Collection | None:
    row = db.execute(
        "SELECT id, subject, crypt, thread, version FROM collections"
        " WHERE with_jid = ? AND start = ?",
        (collection_id.with_jid, time_text(collection_id.start)),
    ).fetchone()
    if row is None:
        return None
    row_id, subject, crypt, thread, version = row
    plain = db.execute(
        "SELECT ordinal, kind, direction, time, text, nick, payload FROM items"
        " WHERE collection = ? AND decrypted = 0 AND kind != 'subject'",
        (row_id,),
    ).fetchall()
    encrypted = db.execute(
        "SELECT ordinal, kind, xml, key_name, carried_key_name FROM encrypted_items"
        " WHERE collection = ?",
        (row_id,),
    ).fetchall()
    ordered: list[tuple[int, Message | Note | EncryptedItem]] = [
        (r[0], item_from_row(*r[1:])) for r in plain
    ]
    ordered += [(r[0], encrypted_from_row(*r[1:])) for r in encrypted]
    ordered.sort(key=lambda pair: pair[0])
    return Collection(
        id=collection_id,
        subject=subject,
        crypt=bool(crypt),
        thread=thread,
        version=version,
        items=tuple(item for _, item in ordered),
    )
