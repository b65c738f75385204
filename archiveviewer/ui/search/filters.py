"""The search's filters: contact, date range, what to search in, and the order."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta, tzinfo

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QGridLayout, QLabel, QWidget

from archiveviewer.domain import Direction
from archiveviewer.ports.archive import ContactRow, ResultKind, ResultOrder, SearchFilters
from archiveviewer.ui.timefmt import local_midnight

#: The date edits' "any day": before any archive (the sample's conversations are from 1469).
NO_DATE = QDate(100, 1, 1)

_MESSAGES = frozenset({ResultKind.MESSAGE})
#: What the "Search in" choices keep: (direction, kinds).
_SCOPES: tuple[tuple[Direction | None, frozenset[ResultKind] | None], ...] = (
    (None, None),
    (Direction.TO, _MESSAGES),
    (Direction.FROM, _MESSAGES),
    (None, frozenset({ResultKind.NOTE})),
    (None, frozenset({ResultKind.SUBJECT})),
)


def _date_edit(name: str, any_day: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText(any_day)
    edit.setDate(NO_DATE)
    edit.setDisplayFormat("yyyy-MM-dd")
    # "any day" is the minimum: open the calendar on this month rather than in the year 100
    today = QDate.currentDate()
    edit.calendarWidget().setCurrentPage(today.year(), today.month())
    return edit


def _day(edit: QDateEdit) -> date | None:
    value = edit.date()
    if value == NO_DATE:
        return None
    return date(value.year(), value.month(), value.day())


class SearchFilterBar(QWidget):
    """The filters under the search field; ``changed`` when the user changes one."""

    changed = Signal()

    def __init__(self, tz: tzinfo | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tz = tz
        self.contact = QComboBox()
        self.contact.setObjectName("searchContact")
        any_day = self.tr("any day")
        self.since = _date_edit("searchSince", any_day)
        self.until = _date_edit("searchUntil", any_day)
        self.scope = QComboBox()
        self.scope.setObjectName("searchScope")
        for label in (
            self.tr("Everything"),
            self.tr("Messages I sent"),
            self.tr("Messages I received"),
            self.tr("Notes"),
            self.tr("Subjects"),
        ):
            self.scope.addItem(label)
        self.order = QComboBox()
        self.order.setObjectName("searchOrder")
        self.order.addItem(self.tr("Newest first"), ResultOrder.NEWEST)
        self.order.addItem(self.tr("Oldest first"), ResultOrder.OLDEST)
        self.order.addItem(self.tr("Best match first"), ResultOrder.RELEVANCE)
        self.set_contacts([])
        self._lay_out()
        for box in (self.contact, self.scope, self.order):
            box.currentIndexChanged.connect(self.changed)
        self.since.dateChanged.connect(self.changed)
        self.until.dateChanged.connect(self.changed)

    def _lay_out(self) -> None:
        # Two rows, so the results keep the room: the choices name themselves ("All
        # contacts", "Everything", "Newest first"); their labels are for screen readers.
        for box, name in (
            (self.contact, self.tr("Contact")),
            (self.scope, self.tr("Search in")),
            (self.order, self.tr("Order")),
        ):
            box.setToolTip(name)
            box.setAccessibleName(name)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.contact, 0, 0, 1, 2)
        grid.addWidget(self.scope, 0, 2, 1, 2)
        grid.addWidget(self.order, 0, 4)
        for column, (text, edit) in enumerate(
            ((self.tr("From:"), self.since), (self.tr("To:"), self.until))
        ):
            label = QLabel(text)
            label.setBuddy(edit)
            grid.addWidget(label, 1, 2 * column)
            grid.addWidget(edit, 1, 2 * column + 1)
        for column in (1, 3):
            grid.setColumnStretch(column, 1)
        self._grid = grid

    def place_status(self, status: QWidget) -> None:
        """Put ``status`` (how many results) at the end of the dates' row."""
        self._grid.addWidget(status, 1, 4)

    def set_contacts(self, contacts: Sequence[ContactRow]) -> None:
        """Offer these contacts (keeping the chosen one if it is still there)."""
        chosen = self.contact.currentData()
        self.contact.blockSignals(True)
        self.contact.clear()
        self.contact.addItem(self.tr("All contacts"), None)
        for c in contacts:
            self.contact.addItem(c.label, c.jid)
        self.contact.setCurrentIndex(max(0, self.contact.findData(chosen)))
        self.contact.blockSignals(False)

    def set_tz(self, tz: tzinfo | None) -> None:
        """The days chosen are days in ``tz`` from now on (None: the system's zone)."""
        self._tz = tz

    def filters(self) -> SearchFilters:
        """The chosen contact, UTC time range, direction and kinds."""
        since, until = _day(self.since), _day(self.until)
        direction, kinds = _SCOPES[max(0, self.scope.currentIndex())]
        return SearchFilters(
            contact=self.contact.currentData(),
            start=local_midnight(since, self._tz) if since else None,
            end=local_midnight(until + timedelta(days=1), self._tz) if until else None,
            direction=direction,
            kinds=kinds,
        )

    def chosen_order(self) -> ResultOrder:
        """The order chosen (newest first unless the user chose another)."""
        order = self.order.currentData()
        return order if isinstance(order, ResultOrder) else ResultOrder.NEWEST
