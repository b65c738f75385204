"""Search as you type: a field, the filters, the results, and what was not searched.

A search starts a moment after the user stops typing (or changes a filter).
Its first page, its total and every further page are read off the UI thread
(:mod:`archiveviewer.ui.search.runner`); a newer search drops the older
one's results, so typing never waits for the archive.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo
from typing import Protocol

from PySide6.QtCore import QModelIndex, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from archiveviewer.errors import KnownError
from archiveviewer.ports.archive import (
    ArchiveReader,
    ContactRow,
    ResultCount,
    ResultPage,
    SearchFilters,
    SearchResult,
)
from archiveviewer.ui.archive import NoArchive
from archiveviewer.ui.messages import MessageBridge
from archiveviewer.ui.search.filters import SearchFilterBar
from archiveviewer.ui.search.opening import Browser, reveal
from archiveviewer.ui.search.results import ResultDelegate, SearchResultsModel
from archiveviewer.ui.search.runner import Search, SearchRunner


class Naming(Protocol):
    """How the window names people: contacts by roster name, the user by their own."""

    def name_of(self, jid: str) -> str: ...

    def own_name(self) -> str: ...


class Pointing(Protocol):
    """Where a hit is shown: the conversation pane scrolls to its message."""

    def point_at(self, ordinal: int, words: tuple[str, ...] = ()) -> None: ...


class SearchPanel(QWidget):
    """Runs a search a moment after the user stops typing; emits the hit they open."""

    hitActivated = Signal(object)

    def __init__(
        self,
        reader: ArchiveReader,
        tz: tzinfo | None,
        names: Naming,
        bridge: MessageBridge,
        delay_ms: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self.field = QLineEdit()
        self.field.setObjectName("searchField")
        self.field.setPlaceholderText(self.tr("Search messages (Ctrl+F)"))
        self.field.setClearButtonEnabled(True)
        self.bar = SearchFilterBar(tz)
        self.contact, self.since, self.until = self.bar.contact, self.bar.since, self.bar.until
        self.scope, self.order = self.bar.scope, self.bar.order
        self.summary = QLabel()
        self.summary.setObjectName("searchSummary")
        self.unsearched = QLabel()
        self.unsearched.setObjectName("searchUnsearched")
        self.unsearched.setWordWrap(True)
        self.unsearched.setVisible(False)
        self.model = SearchResultsModel(tz, names.name_of, self, names.own_name)
        self.results = QListView()
        self.results.setObjectName("searchResults")
        self.results.setModel(self.model)
        self.results.setItemDelegate(ResultDelegate(self.model, self.results))
        self.results.setWordWrap(True)
        self.results.setUniformItemSizes(False)
        self.results.setResizeMode(QListView.ResizeMode.Adjust)
        # Rows are laid out a few at a time between events, so a page never stalls the window.
        self.results.setLayoutMode(QListView.LayoutMode.Batched)
        self.results.setBatchSize(10)
        self.runner = SearchRunner(reader, bridge.error, self)
        self._search: Search | None = None
        self._total: int | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self._lay_out()
        self._connect_signals()

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.field)
        layout.addWidget(self.bar)
        self.bar.place_status(self.summary)
        layout.addWidget(self.unsearched)
        layout.addWidget(self.results, 1)

    def _connect_signals(self) -> None:
        self.field.textChanged.connect(self.timer.start)
        self.bar.changed.connect(self.timer.start)
        self.timer.timeout.connect(self.run)
        self.results.activated.connect(self._activate)
        self.model.moreWanted.connect(self._more)

    # -- what the window asks ---------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """True while a page or the total is being read (tests wait on it)."""
        return self.runner.busy or self.timer.isActive()

    def filter_fields(self) -> list[QWidget]:
        """The filters in the order Tab visits them."""
        return [self.contact, self.scope, self.since, self.until, self.order]

    def set_reader(self, reader: ArchiveReader) -> None:
        """Search another archive from now on."""
        self.runner.cancel()
        self.runner.reader = reader
        self.run()

    def set_contacts(self, contacts: Sequence[ContactRow]) -> None:
        """Offer these contacts in the contact filter."""
        self.bar.set_contacts(contacts)

    def focus_field(self) -> None:
        """Put the cursor in the search field, its text selected."""
        self.field.setFocus()
        self.field.selectAll()

    def words(self) -> tuple[str, ...]:
        """The words of the search, to mark in the conversation a hit opens."""
        kept = (w for w in self.field.text().split()[:64] if not w.startswith("-"))
        words = (w.strip('"*()') for w in kept)  # "-word" is left out: it matched nothing
        return tuple(w for w in words if w and w not in ("AND", "OR", "NOT"))

    def filters(self) -> SearchFilters:
        """The filters chosen."""
        return self.bar.filters()

    def reveal(self, browser: Browser, hit: SearchResult, pane: Pointing) -> None:
        """Choose the hit's contact and conversation in the browser (which opens it).

        Once it is open, ``pane`` scrolls to the hit's message and marks the words.
        """
        words = self.words()
        reveal(browser, hit.collection_id, lambda: pane.point_at(hit.ordinal, words))

    def set_tz(self, tz: tzinfo | None) -> None:
        """Show times in ``tz`` from now on, at once; the chosen days are days in ``tz`` too."""
        self.bar.set_tz(tz)
        self.model.set_tz(tz)
        if self._search is not None and self.bar.filters() != self._search.filters:
            self.run()  # the days chosen begin and end at other moments now

    def shutdown(self) -> None:
        """Wait for a running read, drop the rest, search nothing more (the window closes)."""
        self.timer.stop()
        self.runner.shutdown()
        self.runner.reader = NoArchive()

    # -- running ------------------------------------------------------------------------------

    def run(self) -> None:
        """Search now with the field's text, the filters and the order."""
        self.timer.stop()
        query = self.field.text().strip()
        if not query:
            self._search, self._total = None, None
            self.runner.cancel()
            self.model.set_hits([])
            self.summary.setText("")
            self.unsearched.setVisible(False)
            return
        search = Search(query, self.bar.filters(), self.bar.chosen_order())
        self._search, self._total = search, None
        self.summary.setText(self.tr("Searching…"))
        self.runner.start(
            search,
            lambda page: self._first_page(search, page),
            lambda count: self._counted(search, count),
        )

    def _first_page(self, search: Search, page: ResultPage | KnownError) -> None:
        if search is not self._search:
            return
        self.model.set_hits([])
        if isinstance(page, KnownError):
            self._search = None
            self.summary.setText(page.user_message)
            self.unsearched.setVisible(False)
            return
        self.model.add_page(page)
        self._show_summary()

    def _more(self, after: object) -> None:
        search = self._search
        if search is not None:
            self.runner.more(search, after, lambda page: self._next_page(search, page))

    def _next_page(self, search: Search, page: ResultPage | KnownError) -> None:
        if search is not self._search:
            return
        if isinstance(page, KnownError):
            self.model.stop_waiting()
            self._bridge.error(page)
            return
        self.model.add_page(page)
        self._show_summary()

    def _counted(self, search: Search, count: ResultCount | KnownError) -> None:
        if search is not self._search or isinstance(count, KnownError):
            return
        self._total = count.total
        self._show_summary()
        n = count.encrypted_unsearched
        self.unsearched.setText(
            self.tr(
                "%n encrypted conversation(s) not searched: only text kept in the local copy "
                "is searched.",
                "",
                n,
            )
        )
        self.unsearched.setVisible(n > 0)

    def _show_summary(self) -> None:
        shown = self.model.rowCount()
        total = shown if self.model.complete else self._total
        if total == 0:
            self.summary.setText(self.tr("No results match."))
        elif total is None:
            self.summary.setText(self.tr("%n result(s) shown, counting all…", "", shown))
        else:
            self.summary.setText(self.tr("%n result(s)", "", total))

    def _activate(self, index: QModelIndex) -> None:
        hit: SearchResult = self.model.hit(index.row())
        self.hitActivated.emit(hit)
