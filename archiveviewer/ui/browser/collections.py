"""The collection list: one row per conversation, fetched a page at a time."""

from __future__ import annotations

import asyncio
import enum
from collections.abc import Callable
from datetime import datetime, tzinfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
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

    Views ask ``canFetchMore``/``fetchMore`` as they scroll; nothing is read
    before it is needed and never more than one page at a time.

    Given a :class:`ServerListing` that is ``needed()`` when a query starts
    (connected, the replica not synced yet), the pages come from the server
    instead: ``fetchMore`` starts one list request on the event loop and the
    rows go in when it answers. Message counts are then unknown (blank).
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
        self._rows: list[_Row] = []
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
        """Read from another archive from now on (starts over)."""
        self._reader = reader
        self.show(*self._query)

    def show(self, contact: str | None, start: datetime | None, end: datetime | None) -> None:
        """Start over with collections of ``contact`` (None: everyone) in ``[start, end)``."""
        if self._rows == [] and self.requesting and self._query == (contact, start, end):
            return  # the first page of this very query is already on its way
        self.beginResetModel()
        self._query = (contact, start, end)
        self._rows = []
        self._more = True
        self._fetching = False
        self._generation += 1
        self._remote = self._listing is not None and self._listing.needed()
        self._older = None
        self.endResetModel()

    def reload(self) -> None:
        """Read the current query again, e.g. after a command changed the archive."""
        self.show(*self._query)

    @property
    def query(self) -> tuple[str | None, datetime | None, datetime | None]:
        """The contact and UTC range currently shown."""
        return self._query

    def header(self, row: int) -> CollectionRow:
        """The header on ``row``."""
        return _unpack(self._rows[row])

    # -- lazy paging ------------------------------------------------------------------

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._more and not self._fetching

    def fetchMore(self, parent: Index) -> None:
        if not self.canFetchMore(parent):
            return
        if self._remote:
            self._fetching = True  # until the server answers
            self._request = threads.start(self._fetch_from_server(self._generation))
            return
        contact, start, end = self._query
        page = list(self._reader.collections(contact, start, end, len(self._rows), self.page_size))
        self._more = len(page) == self.page_size
        self._insert(page)

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
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        header = _unpack(self._rows[index.row()])
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
