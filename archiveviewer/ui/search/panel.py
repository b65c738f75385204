"""Search as you type: a field, filters for contact and dates, and the results."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta, tzinfo

from PySide6.QtCore import QModelIndex, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from archiveviewer.ports.archive import ArchiveReader, ContactRow, SearchFilters, SearchResult
from archiveviewer.ui.browser.calendar import EARLIEST
from archiveviewer.ui.messages import MessageBridge
from archiveviewer.ui.search.results import SearchResultsModel
from archiveviewer.ui.timefmt import local_midnight
from archiveviewer.ui.widgets import HtmlDelegate

RESULT_LIMIT = 200
NO_DATE = EARLIEST  # "any day": far before any archive (the sample starts in 1469)


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText("any day")
    edit.setDate(NO_DATE)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _day(edit: QDateEdit) -> date | None:
    value = edit.date()
    if value == NO_DATE:
        return None
    return date(value.year(), value.month(), value.day())


class SearchPanel(QWidget):
    """Runs a search a moment after the user stops typing; emits the hit they open."""

    hitActivated = Signal(object)

    def __init__(
        self,
        reader: ArchiveReader,
        tz: tzinfo | None,
        name_of: Callable[[str], str],
        bridge: MessageBridge,
        delay_ms: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._reader = reader
        self._tz = tz
        self._bridge = bridge
        self.field = QLineEdit()
        self.field.setObjectName("searchField")
        self.field.setPlaceholderText(self.tr("Search messages (Ctrl+F)"))
        self.field.setClearButtonEnabled(True)
        self.contact = QComboBox()
        self.contact.setObjectName("searchContact")
        self.since = _date_edit("searchSince")
        self.until = _date_edit("searchUntil")
        self.summary = QLabel()
        self.model = SearchResultsModel(tz, name_of, self)
        self.results = QListView()
        self.results.setObjectName("searchResults")
        self.results.setModel(self.model)
        self.results.setItemDelegate(HtmlDelegate(self.results))
        self.results.setWordWrap(True)
        self.results.setUniformItemSizes(False)
        self.results.setResizeMode(QListView.ResizeMode.Adjust)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.set_contacts([])
        self._lay_out()
        self._connect_signals()

    def _lay_out(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Contact:")))
        filters.addWidget(self.contact, 1)
        filters.addWidget(QLabel(self.tr("From:")))
        filters.addWidget(self.since)
        filters.addWidget(QLabel(self.tr("To:")))
        filters.addWidget(self.until)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.field)
        layout.addLayout(filters)
        layout.addWidget(self.summary)
        layout.addWidget(self.results, 1)

    def _connect_signals(self) -> None:
        self.field.textChanged.connect(self.timer.start)
        self.contact.currentIndexChanged.connect(self.timer.start)
        self.since.dateChanged.connect(self.timer.start)
        self.until.dateChanged.connect(self.timer.start)
        self.timer.timeout.connect(self.run)
        self.results.activated.connect(self._activate)

    def set_reader(self, reader: ArchiveReader) -> None:
        """Search another archive from now on."""
        self._reader = reader
        self.run()

    def set_contacts(self, contacts: Sequence[ContactRow]) -> None:
        """Offer these contacts in the contact filter."""
        self.contact.blockSignals(True)
        self.contact.clear()
        self.contact.addItem(self.tr("All contacts"), None)
        for c in contacts:
            self.contact.addItem(c.label, c.jid)
        self.contact.blockSignals(False)

    def focus_field(self) -> None:
        """Put the cursor in the search field, its text selected."""
        self.field.setFocus()
        self.field.selectAll()

    def words(self) -> tuple[str, ...]:
        """The words of the search, to mark in the conversation a hit opens."""
        return tuple(w.strip('"*') for w in self.field.text().split() if w.strip('"*'))

    def filters(self) -> SearchFilters:
        """The contact and UTC time range chosen in the filters."""
        since, until = _day(self.since), _day(self.until)
        return SearchFilters(
            contact=self.contact.currentData(),
            start=local_midnight(since, self._tz) if since else None,
            end=local_midnight(until + timedelta(days=1), self._tz) if until else None,
        )

    def run(self) -> None:
        """Search now with the field's text and the filters."""
        self.timer.stop()
        query = self.field.text().strip()
        if not query:
            self.model.set_hits([])
            self.summary.setText("")
            return
        try:
            hits = self._reader.search(query, self.filters(), RESULT_LIMIT)
        except Exception as error:  # every failure goes to the user through the bridge
            self._bridge.error(error)
            return
        self.model.set_hits(hits)
        self.summary.setText(self._summary(len(hits)))

    def _summary(self, count: int) -> str:
        if count == 0:
            return self.tr("No messages match.")
        if count >= RESULT_LIMIT:
            return self.tr("The first %n matching messages:", "", count)
        return self.tr("%n matching message(s):", "", count)

    def _activate(self, index: QModelIndex) -> None:
        hit: SearchResult = self.model.hit(index.row())
        self.hitActivated.emit(hit)
