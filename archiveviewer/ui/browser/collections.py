"""The collection list: one row per conversation, each page read off the UI thread when shown."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime, tzinfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QIcon

from archiveviewer.domain import CollectionId
from archiveviewer.ports.archive import ArchiveReader, CollectionRow, ServerListing
from archiveviewer.ui import threads
from archiveviewer.ui.browser.cells import Column as Column
from archiveviewer.ui.browser.cells import cell, heading, text
from archiveviewer.ui.browser.rows import Query, Read, Row, pack, page_starts, unpack, within
from archiveviewer.ui.roles import ValueRole
from archiveviewer.ui.timefmt import format_day_time

Index = QModelIndex | QPersistentModelIndex

PAGE_SIZE = 100


class CollectionListModel(QAbstractTableModel):
    """Collection headers for a contact and a date range, newest first, paged lazily.

    Read from the replica, the model has as many rows as the replica counts
    (so the scrollbar tells the true length and Ctrl+End goes to the oldest),
    but reads a page only when a view asks for one of its rows.

    Given a :class:`ServerListing` that is ``needed()`` when a query starts
    (connected, the replica not synced yet), the pages come from the server
    instead: ``fetchMore`` starts one list request on the event loop and the
    rows go in when it answers. Message counts are then unknown (blank).

    The replica is read off the UI thread only (a count or a page of a big
    replica takes longer than the window may freeze, and waits while a sync
    writes): the rows shown stay until the new query's count arrives (with
    its first page and the page of the conversation it will be asked to find),
    then the list is reset once to its length. A row whose page has not been
    read says "Loading…" until it is (``rowsRead``).
    """

    # Signal (first, last): these rows were read and can be asked for their header now.
    rowsRead = Signal(int, int)
    # Signal: a page could not be read (said to the user once); who waits for rows stops.
    readFailed = Signal()

    def __init__(
        self,
        reader: ArchiveReader,
        tz: tzinfo | None,
        name_of: Callable[[str], str],
        lock_icon: QIcon,
        parent: QObject | None = None,
        on_error: Callable[[BaseException], None] = lambda error: None,  # a failed read: told
    ) -> None:
        super().__init__(parent)
        self._reader = reader
        self._tz = tz
        self._name_of = name_of
        self._lock = lock_icon
        # Replica rows not read yet are None: the list is as long as the replica counts.
        self._rows: list[Row | None] = []
        self._more = True
        self._fetching = False
        self._query: Query = (None, None, None)
        self.page_size = PAGE_SIZE
        self._listing: ServerListing | None = None
        self._on_error = on_error
        self._remote = False
        self._older: str | None = None
        self._generation = 0
        self._request: asyncio.Future[None] | None = None
        self._counts = threads.Background(self._count_failed, self)
        self._counting = 0  # the generation whose count is on its way (0: none)
        # The conversation the list will be asked to find (the open one): counted with it.
        self.anchor: Callable[[], CollectionId | None] = lambda: None
        self._before: dict[CollectionId, int] = {}  # rows before a conversation, counted
        self._pages = threads.Background(self._page_failed, self)  # pages, finds
        self._token = 0  # changes whenever the rows are replaced: older reads are dropped
        self._asked: set[int] = set()  # pages on their way, by first row

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
        threads.forget_all(self._counts, self._pages)  # the last one's reads, errors too
        self._reader = reader
        self._clear()
        self.show(*self._query)

    @property
    def counting(self) -> bool:
        """True while the list's length is being counted (its rows are the last query's)."""
        return self._counting != 0

    @property
    def busy(self) -> bool:
        """True while the list is counted or a page of it is read in the background."""
        return self.counting or self._pages.busy

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
        size = self.page_size

        def count() -> tuple[int, Read]:
            n, read = reader.collection_count(contact, start, end), Read()
            read.read_pages(reader, query, page_starts(0, size, size, n), size)
            if anchor is not None and within(anchor, start, end):
                read.locate(reader, query, anchor, size, [None] * n)
            return n, read

        self._counting = generation
        self._more = False  # a server's list shown meanwhile grows no more: it is left behind
        self._counts.run("count", count, lambda n: self._counted(generation, query, *n))

    def _counted(self, generation: int, query: Query, n: int, read: Read) -> None:
        if generation != self._generation:
            return  # the user has moved on, or another archive is shown
        self._counting = 0
        self.beginResetModel()
        self._query, self._remote = query, False
        self._clear_rows()
        self._rows = [None] * n
        self._take(read)
        self._more = False
        self.endResetModel()

    def _page_failed(self, error: BaseException) -> None:
        self._on_error(error)
        self.readFailed.emit()

    def _count_failed(self, error: BaseException) -> None:
        self._counting = 0
        self._on_error(error)

    def _clear_rows(self) -> None:
        self._rows, self._more, self._fetching, self._older = [], True, False, None
        self._before, self._asked, self._token = {}, set(), self._token + 1

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
        self._pages.shutdown()
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
    def query(self) -> Query:
        """The contact and UTC range currently shown."""
        return self._query

    def header(self, row: int) -> CollectionRow:
        """The header on ``row``; LookupError if it is not read yet (its page is asked for)."""
        found = self._row(row)
        if found is None:
            raise LookupError(f"no conversation read on row {row}")
        return unpack(found)

    def read_header(self, row: int) -> CollectionRow | None:
        """The header on ``row``, or None until its page is read (``rowsRead`` says when)."""
        found = self._row(row)
        return None if found is None else unpack(found)

    def find(self, collection_id: CollectionId, then: Callable[[int | None], None]) -> None:
        """Call ``then`` with the row of ``collection_id``, None if the list does not hold it.

        At once if the rows where it would be are read (the open conversation's
        are read with the list), else once its place is counted and its page read.
        """
        known, row = self._look(collection_id)
        if known:
            then(row)
            return
        token, reader, query, rows = self._token, self._reader, self._query, self._rows
        size, before = self.page_size, dict(self._before)

        def locate() -> Read:
            read = Read(before=before)
            read.locate(reader, query, collection_id, size, rows)
            return read

        def located(read: Read) -> None:
            if token == self._token:  # else the list was read again: it is asked again
                self._read(token, read)
                then(self._look(collection_id)[1])

        self._pages.run(f"find {collection_id}", locate, located)

    def _look(self, collection_id: CollectionId) -> tuple[bool, int | None]:
        """(whether the answer is known without reading, the conversation's row or None)."""
        if self._remote:
            ids = (None if kept is None else unpack(kept).collection.id for kept in self._rows)
            return True, next((r for r, i in enumerate(ids) if i == collection_id), None)
        if not within(collection_id, *self._query[1:]):
            return True, None
        first = self._before.get(collection_id)
        if first is None:
            return False, None
        for row in range(first, min(first + self.page_size, len(self._rows))):
            kept = self._rows[row]
            if kept is None:
                return False, None
            if unpack(kept).collection.id == collection_id:
                return True, row
        return True, None

    def _row(self, row: int) -> Row | None:
        if not 0 <= row < len(self._rows):
            return None
        kept = self._rows[row]
        if kept is None and not self._remote:
            self._ask(row - row % self.page_size)
        return kept

    def _ask(self, first: int) -> None:
        """Read the page that starts on row ``first`` in the background, once."""
        if first in self._asked:
            return
        self._asked.add(first)
        token, reader, query, size = self._token, self._reader, self._query, self.page_size

        def page() -> Read:
            read = Read()
            read.read_pages(reader, query, [first], size)
            return read

        self._pages.run(f"page {first}", page, lambda read: self._read(token, read))

    def _read(self, token: int, read: Read) -> None:
        """Pages read for the rows shown now (``token``): in they go, and the views are told."""
        if token != self._token:
            return  # the rows were replaced meanwhile
        for first, last in self._take(read):
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(Column) - 1))
            self.rowsRead.emit(first, last)

    def _take(self, read: Read) -> list[tuple[int, int]]:
        """Keep what ``read`` read; the (first, last) rows of each page taken."""
        self._before.update(read.before)
        taken = []
        for first, page in sorted(read.pages.items()):
            self._asked.discard(first)
            rows = page[: len(self._rows) - first]
            for n, header in enumerate(rows):
                self._rows[first + n] = pack(header)
            if rows:
                taken.append((first, first + len(rows) - 1))
            if first + len(page) < min(first + self.page_size, len(self._rows)):
                # Fewer than counted: the archive changed under the list. Read it again soon
                # (not now: a view may be asking for data and the rows must not move under it).
                QTimer.singleShot(0, self.reload)
        return taken

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
        self._rows.extend(pack(h) for h in page)
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
        return heading(section, role) if orientation == Qt.Orientation.Horizontal else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        kept = self._row(index.row())
        if kept is None:
            loading = role == Qt.ItemDataRole.DisplayRole and index.column() == Column.CONTACT
            return self.tr("Loading…") if loading else None
        header = unpack(kept)
        if role == ValueRole:
            return header.collection
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(header, column)
        if role == Qt.ItemDataRole.DecorationRole and column == Column.LOCK:
            return self._lock if header.collection.crypt else None
        return cell(header, column, role)

    def _text(self, header: CollectionRow, column: Column) -> str | None:
        c = header.collection
        if column == Column.CONTACT:
            return self._name_of(c.with_jid)
        if column == Column.START:
            return format_day_time(c.start, self._tz)
        if column == Column.MESSAGES and self._remote:
            return ""  # a server's list does not count messages
        return text(header, column)
