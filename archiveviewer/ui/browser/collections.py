"""The collection list: one row per conversation, fetched a page at a time."""

from __future__ import annotations

import asyncio
import enum
from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QIcon

from archiveviewer.domain import Collection, CollectionId
from archiveviewer.ports.archive import ArchiveReader, CollectionRow, ServerListing
from archiveviewer.ui import threads
from archiveviewer.ui.i18n import QT_TRANSLATE_NOOP
from archiveviewer.ui.roles import ValueRole
from archiveviewer.ui.timefmt import format_day_time

Index = QModelIndex | QPersistentModelIndex

PAGE_SIZE = 100


#: A row as kept: a header without items packed into a tuple of plain values.
_Packed = tuple[datetime, str, str | None, bool, str | None, int | None, int]
_Row = _Packed | CollectionRow


def _pack(header: CollectionRow) -> _Row:
    """A tuple of plain values, which Python's garbage collector stops tracking.

    A list scrolled to its end holds 100,000 rows; kept as dataclasses (six
    objects each, all tracked) every full collection walks them all and
    freezes the UI for a tenth of a second. A header that carries items is
    kept as it is.
    """
    c = header.collection
    if c.items:
        return header
    return (c.id.start, c.id.with_jid, c.subject, c.crypt, c.thread, c.version, header.messages)


def _unpack(row: _Row) -> CollectionRow:
    if isinstance(row, CollectionRow):
        return row
    start, with_jid, subject, crypt, thread, version, messages = row
    collection = Collection(CollectionId(start, with_jid), subject, crypt, thread, version)
    return CollectionRow(collection, messages)


def _within(collection_id: CollectionId, start: datetime | None, end: datetime | None) -> bool:
    """True when the conversation starts in ``[start, end)`` (None: no limit)."""
    return (start is None or collection_id.start >= start) and (
        end is None or collection_id.start < end
    )


class Column(enum.IntEnum):
    CONTACT = 0
    START = 1
    SUBJECT = 2
    LOCK = 3
    MESSAGES = 4


HEADERS = {
    Column.CONTACT: QT_TRANSLATE_NOOP("CollectionListModel", "Contact"),
    Column.START: QT_TRANSLATE_NOOP("CollectionListModel", "Started"),
    Column.SUBJECT: QT_TRANSLATE_NOOP("CollectionListModel", "Subject"),
    Column.LOCK: "",
    Column.MESSAGES: QT_TRANSLATE_NOOP("CollectionListModel", "Messages"),
}


class CollectionListModel(QAbstractTableModel):
    """Collection headers for a contact and a date range, newest first, paged lazily.

    Read from the replica, the model has as many rows as the replica counts
    (so the scrollbar tells the true length and Ctrl+End goes to the oldest),
    but reads a page only when a view asks for one of its rows.

    Given a :class:`ServerListing` that is ``needed()`` when a query starts
    (connected, the replica not synced yet), the pages come from the server
    instead: ``fetchMore`` starts one list request on the event loop and the
    rows go in when it answers. Message counts are then unknown (blank).

    The replica's count is read off the UI thread (a count of a big replica
    takes longer than the window may freeze): the rows shown stay until the
    new query's count arrives, then the list is reset once to its length.
    """

    def __init__(
        self,
        reader: ArchiveReader,
        tz: tzinfo | None,
        name_of: Callable[[str], str],
        lock_icon: QIcon,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._reader = reader
        self._tz = tz
        self._name_of = name_of
        self._lock = lock_icon
        # Replica rows not read yet are None: the list is as long as the replica counts.
        self._rows: list[_Row | None] = []
        self._more = True
        self._fetching = False
        self._query: tuple[str | None, datetime | None, datetime | None] = (None, None, None)
        self.page_size = PAGE_SIZE
        self._listing: ServerListing | None = None
        self._on_error: Callable[[BaseException], None] = lambda error: None
        self._remote = False
        self._older: str | None = None
        self._generation = 0
        self._request: asyncio.Future[None] | None = None
        self._counts = threads.Background(self._count_failed, self)
        self._counting = 0  # the generation whose count is on its way (0: none)
        # The conversation the list will be asked to find (the open one): counted with it.
        self.anchor: Callable[[], CollectionId | None] = lambda: None
        self._later: dict[CollectionId, int] = {}  # rows before a conversation, counted

    def set_listing(
        self, listing: ServerListing | None, on_error: Callable[[BaseException], None]
    ) -> None:
        """List from the server while ``listing.needed()``; failures go to ``on_error``."""
        self._listing, self._on_error = listing, on_error
        self.show(*self._query)

    @property
    def from_server(self) -> bool:
        """True when the rows shown are listed on the server (not read from the replica)."""
        return self._remote

    @property
    def requesting(self) -> bool:
        """True while a list request to the server is on its way."""
        return self._request is not None and not self._request.done()

    def set_reader(self, reader: ArchiveReader) -> None:
        """Read from another archive from now on (starts over, empty until counted)."""
        self._reader = reader
        self._clear()
        self.show(*self._query)

    @property
    def counting(self) -> bool:
        """True while the list's length is being counted (its rows are the last query's)."""
        return self._counting != 0

    def show(self, contact: str | None, start: datetime | None, end: datetime | None) -> None:
        """Start over with collections of ``contact`` (None: everyone) in ``[start, end)``.

        From the server the list starts empty at once; from the replica it is
        counted in the background first and shown when counted.
        """
        query = (contact, start, end)
        if self._rows == [] and self.requesting and self._query == query:
            return  # the first page of this very query is already on its way
        self._generation += 1
        if self._listing is not None and self._listing.needed():
            self._counting = 0
            self.beginResetModel()
            self._query, self._remote = query, True
            self._clear_rows()
            self.endResetModel()
            return
        generation, reader, anchor = self._generation, self._reader, self.anchor()

        def count() -> tuple[int, dict[CollectionId, int]]:
            later = {}
            if anchor is not None and _within(anchor, start, end):
                after = anchor.start + timedelta(microseconds=1)
                later[anchor] = reader.collection_count(contact, after, end)
            return reader.collection_count(contact, start, end), later

        self._counting = generation
        self._more = False  # a server's list shown meanwhile grows no more: it is left behind
        self._counts.run("count", count, lambda n: self._counted(generation, query, *n))

    def _counted(
        self,
        generation: int,
        query: tuple[str | None, datetime | None, datetime | None],
        n: int,
        later: dict[CollectionId, int],
    ) -> None:
        if generation != self._generation:
            return  # the user has moved on, or another archive is shown
        self._counting = 0
        self.beginResetModel()
        self._query, self._remote = query, False
        self._clear_rows()
        self._rows, self._later = [None] * n, later
        self._more = False
        self.endResetModel()

    def _count_failed(self, error: BaseException) -> None:
        self._counting = 0
        self._on_error(error)

    def _clear_rows(self) -> None:
        self._rows, self._more, self._fetching, self._older = [], True, False, None
        self._later = {}

    def _clear(self) -> None:
        """Show nothing at once (the rows were another archive's); drop what is on its way."""
        self._generation += 1
        self._request = None
        self.beginResetModel()
        self._clear_rows()
        self._remote = False
        self.endResetModel()

    def let_go(self, reader: ArchiveReader) -> None:
        """Read ``reader`` (one that holds nothing) from now on; counts on their way are dropped.

        The window closes: whatever a queued signal asks for later finds nothing to read.
        """
        self._generation += 1
        self._counting = 0
        self._counts.shutdown()
        self._reader, self._listing = reader, None
        self._clear()

    def set_tz(self, tz: tzinfo | None) -> None:
        """Show start times in ``tz`` from now on (None: the system's zone)."""
        self._tz = tz
        if self._rows:
            last = self.index(len(self._rows) - 1, Column.START)
            self.dataChanged.emit(self.index(0, Column.START), last)

    def reload(self) -> None:
        """Read the current query again, e.g. after a command changed the archive."""
        self.show(*self._query)

    @property
    def query(self) -> tuple[str | None, datetime | None, datetime | None]:
        """The contact and UTC range currently shown."""
        return self._query

    def header(self, row: int) -> CollectionRow:
        """The header on ``row`` (read from the replica if it was not yet)."""
        found = self._row(row)
        if found is None:
            raise LookupError(f"no conversation on row {row}")
        return _unpack(found)

    def find(self, collection_id: CollectionId) -> int | None:
        """The row of the conversation ``collection_id``, None if the list does not hold it."""
        if self._remote:
            rows = [r for r, kept in enumerate(self._rows) if kept is not None]
            return next((r for r in rows if self.header(r).collection.id == collection_id), None)
        contact, start, end = self._query
        if not _within(collection_id, start, end):
            return None
        # Newest first: the rows before it are those that started later (counted with the
        # list for the open conversation; another one is counted now).
        first = self._later.get(collection_id)
        if first is None:
            after = collection_id.start + timedelta(microseconds=1)
            first = self._reader.collection_count(contact, after, end)
        for row in range(first, min(first + self.page_size, len(self._rows))):
            kept = self._row(row)
            if kept is not None and _unpack(kept).collection.id == collection_id:
                return row
        return None

    def _row(self, row: int) -> _Row | None:
        if not 0 <= row < len(self._rows):
            return None
        if self._rows[row] is None:
            self._read_page_of(row)
        return self._rows[row]

    def _read_page_of(self, row: int) -> None:
        contact, start, end = self._query
        first = row - row % self.page_size
        page = self._reader.collections(contact, start, end, first, self.page_size)
        for n, header in enumerate(page[: len(self._rows) - first]):
            self._rows[first + n] = _pack(header)
        if first + len(page) < min(first + self.page_size, len(self._rows)):
            # Fewer than counted: the archive changed under the list. Read it again soon
            # (not now: a view is asking for data and the rows must not move under it).
            QTimer.singleShot(0, self.reload)

    # -- lazy paging ------------------------------------------------------------------

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._remote and self._more and not self._fetching

    def fetchMore(self, parent: Index) -> None:
        if not self.canFetchMore(parent):
            return
        # Only a server's list grows a page at a time; the replica's has every row already.
        self._fetching = True  # until the server answers
        self._request = threads.start(self._fetch_from_server(self._generation))

    def _insert(self, page: list[CollectionRow]) -> None:
        if not page:
            return
        # Views (and Qt's model tester) may ask for more while the rows go in.
        self._fetching = True
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(_pack(h) for h in page)
        self.endInsertRows()
        self._fetching = False

    async def _fetch_from_server(self, generation: int) -> None:
        assert self._listing is not None
        contact, start, end = self._query
        try:
            page = await self._listing.page(contact, start, end, self._older, self.page_size)
        except Exception as error:  # shown to the user; the list stops growing
            if generation == self._generation:
                self._more, self._fetching = False, False
                self._on_error(error)
            return
        if generation != self._generation:
            return  # the user has moved on to another contact or date
        self._older = page.older
        self._more = page.older is not None
        self._fetching = False
        self._insert([CollectionRow(c, 0) for c in page.collections])

    # -- the table -------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            header = HEADERS[Column(section)]
            return self.tr(header) if header else header
        if role == Qt.ItemDataRole.ToolTipRole and section == Column.LOCK:
            return self.tr("Encrypted")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        kept = self._row(index.row())
        if kept is None:
            return None
        header = _unpack(kept)
        if role == ValueRole:
            return header.collection
        return self._cell(header, Column(index.column()), role)

    def _cell(self, header: CollectionRow, column: Column, role: int) -> object:
        c = header.collection
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(header, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == Column.LOCK:
                return self.tr("Encrypted") if c.crypt else None
            if column == Column.MESSAGES and c.crypt and header.messages == 0:
                return self.tr("Encrypted: the messages can be counted once decrypted")
            return c.with_jid if column == Column.CONTACT else None
        if role == Qt.ItemDataRole.DecorationRole and column == Column.LOCK and c.crypt:
            return self._lock
        if role == Qt.ItemDataRole.AccessibleTextRole and column == Column.LOCK:
            return self.tr("encrypted") if c.crypt else self.tr("not encrypted")
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.MESSAGES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, header: CollectionRow, column: Column) -> str | None:
        c = header.collection
        if column == Column.CONTACT:
            return self._name_of(c.with_jid)
        if column == Column.START:
            return format_day_time(c.start, self._tz)
        if column == Column.SUBJECT:
            return c.subject or ""
        if column == Column.MESSAGES:
            if self._remote:
                return ""  # a server's list does not count messages
            if c.crypt and header.messages == 0:
                # Encrypted messages can only be counted once decrypted: say so, not "?".
                return self.tr("encrypted")
            return str(header.messages)
        return None
