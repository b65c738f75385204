"""Finding one's way: the list, the contact and the open conversation always in step.

Each defect of the issue ("Reading and finding") is reproduced here as the
user meets it: a conversation left open that the list no longer holds, a
search hit that leaves the old contact chosen, a filter that silently
changes the chosen contact; then the calendar and older/newer.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QCalendarWidget
from pytestqt.qtbot import QtBot

from archiveviewer.domain import Collection, CollectionId, Direction, Message
from archiveviewer.ports.archive import SearchResult
from archiveviewer.services.memory import MemoryArchive
from archiveviewer.ui.browser.collections import Column
from archiveviewer.ui.window import MainWindow
from tests.gui.conftest import dialog
from tests.gui.test_window import choose_contact, open_row, rows, settle

JULIET = "juliet@capulet.example"
MERCUTIO = "mercutio@verona.example"
BALCONY = CollectionId(datetime(2023, 11, 14, 22, 5, tzinfo=UTC), JULIET + "/balcony")
QUEEN_MAB = CollectionId(datetime(2024, 3, 2, 12, 0, tzinfo=UTC), MERCUTIO)


def chosen_contact(window: MainWindow) -> str | None:
    """The contact highlighted in the contact list (None: none)."""
    index = window.contacts.currentIndex()
    return index.data(Qt.ItemDataRole.ToolTipRole) if index.isValid() else None


def selected_ids(window: MainWindow) -> list[CollectionId]:
    return [c.id for c in window.selected_collections()]


def test_a_conversation_the_list_no_longer_holds_is_not_left_open(
    window: MainWindow, qtbot: QtBot
) -> None:
    choose_contact(window, MERCUTIO)
    open_row(window, 0)
    assert window.pane.is_showing(QUEEN_MAB)
    choose_contact(window, JULIET)
    assert QUEEN_MAB.start.strftime("%Y-%m-%d") not in " ".join(rows(window, Column.START))
    assert window.pane.collection is None  # not Mercutio's conversation beside Juliet's list
    assert "Queen Mab" not in window.conversation_title.text()


def test_the_open_conversation_stays_selected_when_the_list_is_read_again(
    window: MainWindow,
) -> None:
    choose_contact(window, JULIET)
    open_row(window, 3)
    opened = window.pane.collection
    assert opened is not None
    window.browser.refresh_list()
    assert selected_ids(window) == [opened.id]
    assert window.pane.is_showing(opened.id)


def test_opening_a_search_hit_chooses_its_contact_and_selects_its_row(
    window: MainWindow,
) -> None:
    choose_contact(window, JULIET)
    open_row(window, 0)
    hit = SearchResult(QUEEN_MAB, 2, QUEEN_MAB.start, MERCUTIO, "Queen Mab hath been with you.")
    window.open_hit(hit)
    settle(window)  # Mercutio's list is counted, then the row is selected
    assert window.pane.is_showing(QUEEN_MAB)
    assert chosen_contact(window) == MERCUTIO  # not Juliet's, still highlighted
    assert window.browser.contact is not None
    assert window.browser.contact.jid == MERCUTIO
    assert selected_ids(window) == [QUEEN_MAB]


def test_typing_in_the_contact_filter_keeps_the_chosen_contact(
    window: MainWindow, qtbot: QtBot
) -> None:
    choose_contact(window, MERCUTIO)
    listed = rows(window, Column.SUBJECT)
    assert listed == ["Queen Mab"]
    qtbot.keyClicks(window.contact_filter, "jul")  # Mercutio is filtered out of sight
    assert window.browser.contact is not None
    assert window.browser.contact.jid == MERCUTIO
    assert rows(window, Column.SUBJECT) == listed  # still Mercutio's conversations
    window.contact_filter.clear()
    assert chosen_contact(window) == MERCUTIO  # highlighted again once shown
    qtbot.keyClicks(window.contact_filter, "merc")
    assert chosen_contact(window) == MERCUTIO
    assert rows(window, Column.SUBJECT) == listed


def test_older_and_newer_conversation_with_the_same_contact_by_keyboard(
    window: MainWindow, qtbot: QtBot, archive: MemoryArchive
) -> None:
    choose_contact(window, JULIET)
    starts = sorted(r.collection.id for r in archive.collections(JULIET, None, None, 0, 100))
    window.open_collection(starts[-2])
    settle(window)
    window.pane.view.setFocus()
    older, newer = (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp)
    qtbot.keyClick(window.pane.view, older, Qt.KeyboardModifier.AltModifier)
    settle(window)  # found and opened in the background
    assert window.pane.is_showing(starts[-3])
    assert selected_ids(window) == [starts[-3]]
    qtbot.keyClick(window.pane.view, newer, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(window.pane.view, newer, Qt.KeyboardModifier.AltModifier)  # before it is in
    settle(window)
    assert window.pane.is_showing(starts[-1])  # two presses, two conversations
    shown: list[str] = []
    window.bridge.infoShown.connect(shown.append)
    qtbot.keyClick(window.pane.view, newer, Qt.KeyboardModifier.AltModifier)
    settle(window)
    assert window.pane.is_showing(starts[-1])
    assert shown == ["This is the newest conversation with Juliet."]
    window.open_collection(BALCONY)
    settle(window)
    qtbot.keyClick(window.pane.view, older, Qt.KeyboardModifier.AltModifier)
    settle(window)
    assert shown[-1] == "This is the oldest conversation with Juliet."


def test_older_conversation_from_a_search_hit_follows_the_contact(window: MainWindow) -> None:
    choose_contact(window, MERCUTIO)
    window.open_hit(SearchResult(BALCONY, 0, BALCONY.start, JULIET, "Wherefore art thou?"))
    settle(window)
    window.act["newer_conversation"].trigger()
    settle(window)
    opened = window.pane.collection
    assert opened is not None
    assert opened.with_jid.startswith(JULIET)
    assert opened.start > BALCONY.start
    assert selected_ids(window) == [opened.id]


def test_the_calendar_opens_on_the_newest_month_and_marks_days(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.act["go_to_date"].trigger()
    calendar = dialog(qtbot, "calendarDialog").findChild(QCalendarWidget)
    assert calendar is not None
    assert (calendar.yearShown(), calendar.monthShown()) == (2024, 10)  # newest, not today
    assert calendar.minimumDate() == QDate(2023, 11, 1)  # the whole range, the oldest included
    calendar.setCurrentPage(2024, 3)  # the user turns back to March
    weight = calendar.dateTextFormat(QDate(2024, 3, 2)).fontWeight()
    assert weight == QFont.Weight.Bold  # Queen Mab's day
    assert calendar.dateTextFormat(QDate(2024, 3, 4)).fontWeight() != QFont.Weight.Bold


def test_choosing_a_day_lists_its_conversations(window: MainWindow, qtbot: QtBot) -> None:
    window.act["go_to_date"].trigger()
    box = dialog(qtbot, "calendarDialog")
    calendar = box.findChild(QCalendarWidget)
    assert calendar is not None
    calendar.setSelectedDate(QDate(2024, 3, 2))
    qtbot.keyClick(calendar, Qt.Key.Key_Return)
    assert not box.isVisible()
    settle(window)
    assert rows(window, Column.SUBJECT) == ["Queen Mab"]
    assert window.browser.date is not None
    assert window.browser.date.first == date(2024, 3, 2)
    shown: list[str] = []
    window.bridge.infoShown.connect(shown.append)
    window.navigation.go_to_day(date(2024, 3, 1))  # a day without conversations
    assert rows(window, Column.SUBJECT) == ["Queen Mab"]
    assert shown
    assert "nearest day" in shown[-1]


def test_search_date_pickers_reach_1469_and_open_on_the_newest_month(
    window: MainWindow, qtbot: QtBot
) -> None:
    since = window.search.since
    assert since.minimumDate() <= QDate(1469, 7, 21)
    since.setDate(QDate(1469, 7, 21))
    assert since.date() == QDate(1469, 7, 21)
    since.setDate(since.minimumDate())  # back to "any day"
    assert since.text() == "any day"
    window.focus_search()
    since.setFocus()
    arrow = QPoint(since.width() - 6, since.height() // 2)
    qtbot.mouseClick(since, Qt.MouseButton.LeftButton, pos=arrow)  # the calendar pops up
    calendar = since.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    assert (calendar.yearShown(), calendar.monthShown()) == (2024, 10)
    qtbot.keyClick(calendar, Qt.Key.Key_Escape)


def test_a_hit_far_down_a_long_conversation_is_shown_in_the_middle(
    window: MainWindow, archive: MemoryArchive, qtbot: QtBot
) -> None:
    start = datetime(2024, 8, 1, 12, 0, tzinfo=UTC)
    lines = tuple(
        Message(Direction.FROM, start + timedelta(minutes=n), f"line {n} of the long talk")
        for n in range(400)
    )
    talk = Collection(CollectionId(start, "tybalt@capulet.example"), items=lines)
    archive.put(talk)
    window.reload()
    qtbot.waitUntil(lambda: not window.loading)
    window.resize(900, 600)
    window.open_hit(SearchResult(talk.id, 350, lines[350].time, talk.with_jid, "line 350"))
    settle(window)  # read in the background, then laid out
    view = window.pane.view
    qtbot.waitUntil(lambda: view.settled)
    shown = view.viewport().rect()
    assert shown.contains(view.cursorRect(view.textCursor()).center())
    assert view.textCursor().selectedText().startswith("19:50:00")  # line 350: 17:50 UTC, at UTC+2
