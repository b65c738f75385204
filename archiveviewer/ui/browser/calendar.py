"""Jump to a date: a month calendar that marks the days holding conversations.

:class:`DayCalendar` reaches the archive's whole range (the sample starts in
1469; Qt's own calendar pickers stop at other limits) and opens on the newest
month that has conversations, not on today or on its earliest date. The date
pickers of the search use it too, through :func:`archive_calendar`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QFont, QShowEvent, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

#: The earliest date a date picker offers (its "any day"); far before any archive.
EARLIEST = QDate(100, 1, 1)


def qdate(day: date) -> QDate:
    """``day`` as Qt's date (both count in the proleptic Gregorian calendar)."""
    return QDate(day.year, day.month, day.day)


class DayCalendar(QCalendarWidget):
    """A month calendar whose days with conversations are bold and tinted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dayCalendar")
        self.setGridVisible(False)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.marked: dict[date, int] = {}
        self.newest: date | None = None
        self._mark = QTextCharFormat()
        self._mark.setFontWeight(QFont.Weight.Bold)
        self._mark.setBackground(self.palette().highlight().color().lighter(170))
        self._mark.setForeground(Qt.GlobalColor.black)
        # Only the month on show is marked: thousands of days at once stall the window.
        self.currentPageChanged.connect(self._mark_page)

    def set_days(self, days: Mapping[date, int], *, limit_range: bool) -> None:
        """Mark these days; with ``limit_range``, offer only the months from first to last."""
        self.marked = dict(days)
        self.newest = max(days, default=None)
        if limit_range and self.marked:
            first = min(self.marked)
            assert self.newest is not None
            self.setDateRange(qdate(first.replace(day=1)), qdate(self.newest))
        self.show_newest()
        self._mark_page(self.yearShown(), self.monthShown())

    def _mark_page(self, year: int, month: int) -> None:
        self.setDateTextFormat(QDate(), QTextCharFormat())  # forget the other months' marks
        first = date(year, month, 1)
        # The page shows the end of the month before and the start of the one after.
        for offset in range(-7, 45):
            day = first + timedelta(days=offset)
            if day in self.marked:
                self.setDateTextFormat(qdate(day), self._mark)

    def show_newest(self) -> None:
        """Turn to the newest month that has conversations."""
        if self.newest is not None:
            self.setCurrentPage(self.newest.year, self.newest.month)

    def showEvent(self, event: QShowEvent) -> None:
        # A date picker with no date chosen yet opens here, not on its earliest month.
        if self.selectedDate() <= EARLIEST:
            self.show_newest()
        super().showEvent(event)


def archive_calendar(edit: QDateEdit) -> DayCalendar:
    """Give a date picker the archive's calendar: 1469 reachable, opening on the newest month."""
    calendar = DayCalendar(edit)
    edit.setCalendarWidget(calendar)
    edit.setMinimumDate(EARLIEST)
    return calendar


class CalendarDialog(QDialog):
    """"Go to date": pick a day (Enter or a double click) to list its conversations."""

    #: The day the user chose (a ``datetime.date``).
    dayChosen = Signal(object)

    def __init__(self, days: Mapping[date, int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarDialog")
        self.setWindowTitle(self.tr("Go to date"))
        self.calendar = DayCalendar(self)
        self.calendar.setMinimumSize(320, 220)
        self.calendar.set_days(days, limit_range=True)
        if self.calendar.newest is not None:
            self.calendar.setSelectedDate(qdate(self.calendar.newest))
        hint = QLabel(self.tr("Days in bold have conversations."))
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Go to this day"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.calendar.activated.connect(lambda _day: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(self.calendar)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.calendar.setFocus()

    def accept(self) -> None:
        chosen = self.calendar.selectedDate()
        self.dayChosen.emit(date(chosen.year(), chosen.month(), chosen.day()))
        super().accept()
