"""The archive window as a user drives it, with fake commands behind it."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QMessageBox
from pytestqt.qtbot import QtBot

from archiveviewer.domain import CollectionId
from archiveviewer.errors import ServerError
from archiveviewer.ports.archive import CollectionRow
from archiveviewer.services.memory import MemoryArchive
from archiveviewer.ui.accounts.banner import SAMPLE_BANNER
from archiveviewer.ui.actions import READ_ONLY_REASON
from archiveviewer.ui.browser.collections import Column
from archiveviewer.ui.messages import BUG_SENTENCE
from archiveviewer.ui.reader.commands import SUBJECT_WARNING
from archiveviewer.ui.window import MainWindow
from tests.gui.conftest import MakeWindow, dialog, no_dialog
from tests.gui.fakes import FakeCommands

JULIET = "juliet@capulet.example"
FRIAR = "friar@church.example"


def settle(window: MainWindow) -> None:
    """Wait until the contacts and dates read in the background are shown."""
    deadline = time.monotonic() + 10
    while window.loading and time.monotonic() < deadline:
        QTest.qWait(5)
    assert not window.loading, "the window's background reads did not finish"


def choose_contact(window: MainWindow, jid: str) -> None:
    settle(window)
    model = window.contact_filter_model
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if index.data(Qt.ItemDataRole.ToolTipRole) == jid:
            window.contacts.setCurrentIndex(index)
            settle(window)
            return
    raise AssertionError(f"{jid} is not in the contact list")


def choose_date(window: MainWindow, *path: int) -> None:
    index = QModelIndex()
    for row in path:
        index = window.date_model.index(row, 0, index)
    window.dates.setCurrentIndex(index)
    settle(window)  # the list is counted in the background


def rows(window: MainWindow, column: Column) -> list[str]:
    m = window.collection_model
    return [m.index(r, column).data() for r in range(m.rowCount())]


def select_rows(window: MainWindow, *numbers: int) -> None:
    selection = window.collections.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for n in numbers:
        selection.select(window.collection_model.index(n, 0), flags)


def button(box: QMessageBox, text: str) -> QAbstractButton:
    return next(b for b in box.buttons() if b.text().replace("&", "") == text)


def open_row(window: MainWindow, row: int) -> None:
    """Click a row: its conversation is read in the background and shown."""
    window.collections.setCurrentIndex(window.collection_model.index(row, 0))
    settle(window)


# -- the read-only sample ------------------------------------------------------------------


def test_sample_shows_banner_and_disables_server_actions_saying_why(
    make_window: MakeWindow, qtbot: QtBot
) -> None:
    window = make_window(None, sample=True)
    assert window.banner.isVisible()
    assert window.banner_label.text() == SAMPLE_BANNER
    assert window.banner_button.text() == "Add account…"
    open_row(window, 0)
    for name in ("sync", "delete_selected", "add_note", "edit_subject", "decrypt"):
        assert not window.act[name].isEnabled(), name
        assert window.act[name].toolTip() == READ_ONLY_REASON
    assert window.act["copy"].isEnabled()
    assert window.act["export"].isEnabled()


def test_browsing_by_contact_and_date_shows_local_times(window: MainWindow) -> None:
    assert not window.banner.isVisible()
    choose_contact(window, "mercutio@verona.example")
    assert rows(window, Column.SUBJECT) == ["Queen Mab"]
    assert rows(window, Column.START) == ["2024-03-02 14:00"]  # 12:00 UTC at UTC+2
    choose_contact(window, JULIET)
    assert window.date_model.index(1, 0).data() == "2023 (1)"
    choose_date(window, 1, 0, 0)
    assert rows(window, Column.SUBJECT) == ["At the balcony"]
    window.all_dates.click()
    settle(window)
    assert len(rows(window, Column.START)) == 41


def test_one_drag_of_the_scrollbar_reaches_the_oldest_conversation(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.collection_model.page_size = 5
    window.collection_model.reload()
    window.resize(900, 400)
    qtbot.wait(20)
    bar = window.collections.verticalScrollBar()
    assert window.collection_model.rowCount() == 44  # the true total, not a first page
    bar.setValue(bar.maximum())  # once: no page after page to get there
    qtbot.wait(20)
    view = window.collections
    last = view.indexAt(view.viewport().rect().bottomLeft() - QPoint(-4, 4))
    assert last.row() == 43
    oldest = min(window.archive.reader.collections(None, None, None, 0, 100), key=_start)
    start = last.siblingAtColumn(Column.START)  # its page is read in the background
    qtbot.waitUntil(lambda: start.data() is not None, timeout=10000)
    assert start.data() == "2023-11-15 00:05"
    assert oldest.collection.start == datetime(2023, 11, 14, 22, 5, tzinfo=UTC)


def _start(row: CollectionRow) -> datetime:
    return row.collection.start


def test_opening_a_collection_shows_subject_direction_and_notes(window: MainWindow) -> None:
    choose_contact(window, JULIET)
    choose_date(window, 1, 0, 0)
    open_row(window, 0)
    assert "At the balcony" in window.conversation_title.text()
    assert "started 2023-11-15 00:05" in window.conversation_title.text()
    lines = [window.conversation_model.index(r, 0).data() for r in range(6)]
    assert lines[0].endswith("Juliet: Wherefore art thou?")
    assert lines[1].endswith("me: Right here, under the balcony.")
    assert "Note: She said yes" in lines[3]


# -- removing ---------------------------------------------------------------------------------


def test_delete_selection_names_what_goes_and_removes_it(
    window: MainWindow, commands: FakeCommands, qtbot: QtBot
) -> None:
    choose_contact(window, JULIET)
    select_rows(window, 0, 1)
    chosen = window.selected_collections()
    window.act["delete_selected"].trigger()
    box = dialog(qtbot, "confirm")
    assert isinstance(box, QMessageBox)
    assert "Remove these 2 conversations from the server?" in box.text()
    for c in chosen:
        stamp = c.start.astimezone(window._tz).strftime("%Y-%m-%d %H:%M")
        assert f"Juliet ({c.with_jid}), {stamp}" in box.text()
    button(box, "Remove from server").click()
    qtbot.waitUntil(lambda: ("remove_collections", [c.id for c in chosen]) in commands.calls)
    qtbot.waitUntil(lambda: len(rows(window, Column.START)) == 39)
    assert window.statusBar().currentMessage() == "Removed 2 conversations."


def test_a_server_that_removed_more_than_asked_is_reported_in_a_dialog(
    window: MainWindow, commands: FakeCommands, qtbot: QtBot
) -> None:
    commands.removal_news = "The server removed another conversation you did not ask to remove."
    choose_contact(window, JULIET)
    select_rows(window, 0)
    window.act["delete_selected"].trigger()
    button(dialog(qtbot, "confirm"), "Remove from server").click()
    told = dialog(qtbot, "inform")
    assert isinstance(told, QMessageBox)
    assert told.text() == commands.removal_news


def test_cancelled_delete_removes_nothing(
    window: MainWindow, commands: FakeCommands, qtbot: QtBot
) -> None:
    select_rows(window, 0)
    window.act["delete_selected"].trigger()
    box = dialog(qtbot, "confirm")
    assert isinstance(box, QMessageBox)
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: no_dialog("confirm"))
    qtbot.wait(20)
    assert commands.calls == []
    assert len(rows(window, Column.START)) == 44


def test_delete_month_says_count_contact_and_month(
    window: MainWindow, commands: FakeCommands, qtbot: QtBot
) -> None:
    choose_contact(window, JULIET)
    year_2024 = window.date_model.index(0, 0)
    march = next(
        window.date_model.index(r, 0, year_2024)
        for r in range(window.date_model.rowCount(year_2024))
        if window.date_model.index(r, 0, year_2024).data().startswith("March")
    )
    window.dates.setCurrentIndex(march)
    count = window.date_model.node(march).count  # type: ignore[union-attr]
    window.act["delete_dates"].trigger()
    box = dialog(qtbot, "confirm")
    assert isinstance(box, QMessageBox)
    assert box.text().startswith(
        f"Remove all {count} conversations with Juliet ({JULIET}) in March 2024 from the server?"
    )
    button(box, "Remove from server").click()
    qtbot.waitUntil(lambda: bool(commands.calls))
    name, (contact, start, end) = commands.calls[0]  # type: ignore[misc]
    assert (name, contact) == ("remove_range", JULIET)
    assert start == datetime(2024, 2, 29, 22, 0, tzinfo=UTC)  # local midnight, 1 March
    assert end == datetime(2024, 3, 31, 22, 0, tzinfo=UTC)


def test_delete_contact_says_count_and_first_and_last_day(
    window: MainWindow, commands: FakeCommands, qtbot: QtBot
) -> None:
    choose_contact(window, JULIET)
    window.act["delete_contact"].trigger()
    box = dialog(qtbot, "confirm")
    assert isinstance(box, QMessageBox)
    assert box.text().startswith(
        f"Remove all 41 conversations with Juliet ({JULIET}), from Wednesday 15 November 2023 "
        "to Sunday 6 October 2024, from the server?"
    )
    button(box, "Remove from server").click()
    qtbot.waitUntil(lambda: ("remove_range", (JULIET, None, None)) in commands.calls)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Removed"))
    settle(window)
    assert rows(window, Column.CONTACT) == []
    assert window.contacts.currentIndex().data().endswith("· 0 conversations")  # still chosen
    window.all_contacts.click()
    settle(window)
    assert len(rows(window, Column.CONTACT)) == 3
    assert "Juliet" not in rows(window, Column.CONTACT)


# -- notes and subjects ---------------------------------------------------------------------


def test_add_note_shows_it_in_place(
    window: MainWindow, commands: FakeCommands, qtbot: QtBot
) -> None:
    choose_contact(window, "mercutio@verona.example")
    open_row(window, 0)
    window.act["add_note"].trigger()
    ask = dialog(qtbot, "askText")
    ask.setTextValue("Lend him a sword next time.")  # type: ignore[attr-defined]
    ask.accept()
    qtbot.waitUntil(lambda: window.conversation_model.rowCount() == 4)
    assert (
        window.conversation_model.index(3, 0).data().endswith("Note: Lend him a sword next time.")
    )


def _edit_subject(window: MainWindow, qtbot: QtBot, subject: str) -> None:
    window.act["edit_subject"].trigger()
    ask = dialog(qtbot, "askText")
    ask.setTextValue(subject)  # type: ignore[attr-defined]
    ask.accept()


def test_plaintext_subject_on_encrypted_collection_needs_confirmation(
    window: MainWindow, commands: FakeCommands, qtbot: QtBot
) -> None:
    choose_contact(window, FRIAR)
    open_row(window, 0)
    _edit_subject(window, qtbot, "The potion")
    box = dialog(qtbot, "confirm")
    assert isinstance(box, QMessageBox)
    assert box.text() == SUBJECT_WARNING
    assert box.text().startswith("The subject is not encrypted")
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: no_dialog("confirm"))
    assert commands.calls == []
    _edit_subject(window, qtbot, "The potion")
    box = dialog(qtbot, "confirm")
    assert isinstance(box, QMessageBox)
    button(box, "Save unencrypted subject").click()
    qtbot.waitUntil(lambda: bool(commands.calls))
    assert commands.calls[0][0] == "set_subject"
    qtbot.waitUntil(lambda: rows(window, Column.SUBJECT) == ["The potion"])


def test_subject_on_plain_collection_is_saved_without_warning(
    window: MainWindow, commands: FakeCommands, qtbot: QtBot
) -> None:
    choose_contact(window, "mercutio@verona.example")
    open_row(window, 0)
    _edit_subject(window, qtbot, "Dreams")
    qtbot.waitUntil(lambda: bool(commands.calls))
    assert no_dialog("confirm")
    qtbot.waitUntil(lambda: "Dreams" in window.conversation_title.text())  # read again


# -- errors reach the user as sentences -------------------------------------------------------


def test_known_error_shows_its_sentence(
    window: MainWindow, commands: FakeCommands, qtbot: QtBot
) -> None:
    commands.fail_with = ServerError(
        "The server refused to remove the conversation.", condition="forbidden"
    )
    select_rows(window, 0)
    window.act["delete_selected"].trigger()
    button(dialog(qtbot, "confirm"), "Remove from server").click()  # type: ignore[arg-type]
    box = dialog(qtbot, "error")
    assert isinstance(box, QMessageBox)
    assert box.text() == "The server refused to remove the conversation."
    assert not any(b.text() == "Copy details" for b in box.buttons())
    assert len(rows(window, Column.START)) == 44


def test_a_bug_shows_something_went_wrong_with_copyable_details(
    window: MainWindow, commands: FakeCommands, qtbot: QtBot
) -> None:
    commands.fail_with = RuntimeError("index out of range in the codec")
    choose_contact(window, "mercutio@verona.example")
    open_row(window, 0)
    window.act["add_note"].trigger()
    ask = dialog(qtbot, "askText")
    ask.setTextValue("x")  # type: ignore[attr-defined]
    ask.accept()
    box = dialog(qtbot, "error")
    assert isinstance(box, QMessageBox)
    assert box.text() == BUG_SENTENCE
    assert "Traceback" not in box.text()
    button(box, "Copy details").click()
    from PySide6.QtWidgets import QApplication

    copied = QApplication.clipboard().text()
    assert "RuntimeError: index out of range in the codec" in copied


# -- decrypt ---------------------------------------------------------------------------------


def _decrypt(window: MainWindow, qtbot: QtBot, passphrase: str | None) -> None:
    window.act["decrypt"].trigger()
    if passphrase is None:
        return
    ask = dialog(qtbot, "passphrase")
    ask.passphrase.setText(passphrase)  # type: ignore[attr-defined]
    ask.accept()


def test_decrypt_asks_once_and_says_when_no_key_fits(
    window: MainWindow, commands: FakeCommands, qtbot: QtBot
) -> None:
    from tests.gui.fakes import DECRYPTED_TEXT, PASSPHRASE

    choose_contact(window, FRIAR)
    open_row(window, 0)
    assert window.decrypt_button.isVisible()
    assert "Encrypted message" in window.conversation_model.index(0, 0).data()
    _decrypt(window, qtbot, "wrong")
    box = dialog(qtbot, "error")
    assert box.text() == "None of your private keys opens with this passphrase."  # type: ignore[attr-defined]
    box.accept()
    _decrypt(window, qtbot, PASSPHRASE)
    qtbot.waitUntil(lambda: window.conversation_model.index(0, 0).data().endswith(DECRYPTED_TEXT))
    shown = window.conversation_model.collection
    assert shown is not None
    window.open_collection(shown.id)  # encrypted again
    settle(window)
    _decrypt(window, qtbot, None)  # unlocked already: no second question
    # Each question came from a locked key; then one decrypt after unlocking, one now.
    qtbot.waitUntil(lambda: [c[0] for c in commands.calls].count("decrypt") == 4)
    qtbot.waitUntil(lambda: window.conversation_model.index(0, 0).data().endswith(DECRYPTED_TEXT))
    assert no_dialog("passphrase")
    assert commands.unlocks == 2


# -- sync ------------------------------------------------------------------------------------


def test_sync_shows_progress_and_can_be_cancelled(
    window: MainWindow, commands: FakeCommands, qtbot: QtBot
) -> None:
    window.act["sync"].trigger()
    qtbot.waitUntil(lambda: window.progress.isVisible() and window.progress.value() == 3)
    assert window.progress.maximum() == 10
    assert window.cancel_sync.isVisible()
    assert not window.act["sync"].isEnabled()
    choose_contact(window, "mercutio@verona.example")  # browsing goes on meanwhile
    assert rows(window, Column.SUBJECT) == ["Queen Mab"]
    window.cancel_sync.click()
    qtbot.waitUntil(lambda: commands.sync_cancelled)
    qtbot.waitUntil(lambda: not window.progress.isVisible())
    assert window.statusBar().currentMessage().startswith("Sync cancelled")
    assert window.act["sync"].isEnabled()


def test_sync_finishes_with_counts(
    window: MainWindow, commands: FakeCommands, qtbot: QtBot
) -> None:
    commands.sync_gate.set()
    window.act["sync"].trigger()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Sync finished"))
    assert window.statusBar().currentMessage() == (
        "Sync finished: 7 conversations new or changed on the server. "
        "The trash keeps 1 conversation removed on the server."
    )
    assert not window.progress.isVisible()


def test_sync_names_the_conversations_it_could_not_read(
    window: MainWindow, commands: FakeCommands, qtbot: QtBot
) -> None:
    commands.sync_unreadable = (
        "1 conversation could not be read and will be tried again next time: The conversation "
        "with tybalt@capulet.example that starts at 1469-07-21T02:56:15Z cannot be read."
    )
    commands.sync_gate.set()
    window.act["sync"].trigger()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Sync finished"))
    assert window.statusBar().currentMessage() == (
        "Sync finished: 7 conversations new or changed on the server. "
        "The trash keeps 1 conversation removed on the server. "
        f"{commands.sync_unreadable}"
    )
    window.resize(500, 400)  # too narrow for the sentence: the bar's tooltip holds all of it
    assert window.statusBar().toolTip() == window.statusBar().currentMessage()


# -- search ----------------------------------------------------------------------------------


def test_search_as_you_type_opens_the_message(window: MainWindow, qtbot: QtBot) -> None:
    window.act["find"].trigger()
    assert window.tabs.currentWidget() is window.search
    qtbot.waitUntil(window.search.field.hasFocus)
    qtbot.keyClicks(window.search.field, "plague")
    qtbot.waitUntil(lambda: window.search.model.rowCount() == 1)
    qtbot.waitUntil(lambda: window.search.summary.text() == "1 result")
    hit = window.search.model.hit(0)
    window.search.results.activated.emit(window.search.model.index(0, 0))
    settle(window)  # its contact's list is counted, then its row is selected
    opened = window.conversation_model.collection
    assert opened is not None
    assert opened.id == hit.collection_id
    assert window.pane.pointed == hit.ordinal == 2
    assert window.pane.selected_text().endswith("Mercutio: A plague o' both your houses!")


def test_search_filters_by_contact_and_date(window: MainWindow, qtbot: QtBot) -> None:
    window.search.field.setText("wherefore")
    qtbot.waitUntil(lambda: window.search.model.rowCount() > 1)
    window.search.until.setDate(window.search.until.date().fromString("2023-12-31", "yyyy-MM-dd"))
    qtbot.waitUntil(lambda: window.search.model.rowCount() == 1)
    assert window.search.model.hit(0).time.year == 2023
    index = window.search.contact.findData("mercutio@verona.example")
    window.search.contact.setCurrentIndex(index)
    qtbot.waitUntil(lambda: window.search.summary.text() == "No results match.")


# -- copy, export, layout ----------------------------------------------------------------------


def test_copy_and_export_the_open_conversation(
    window: MainWindow, qtbot: QtBot, tmp_path: object
) -> None:
    from pathlib import Path

    from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

    choose_contact(window, "mercutio@verona.example")
    open_row(window, 0)
    window.act["copy"].trigger()
    text = QApplication.clipboard().text()
    assert text.startswith("Conversation with Mercutio (mercutio@verona.example)\n")
    assert "Subject: Queen Mab" in text
    assert "\n2024-03-02 14:00  Mercutio: Come, we burn daylight, ho!\n" in text
    assert "\n2024-03-02 14:00  me: Peace, peace, Mercutio, peace!" in text
    window.act["export"].trigger()
    files = dialog(qtbot, "exportDialog")
    assert isinstance(files, QFileDialog)
    target = Path(str(tmp_path)) / "mab.txt"
    files.setDirectory(str(tmp_path))
    name = files.findChild(QLineEdit, "fileNameEdit")  # what a user types into
    name.setText(target.name)
    files.accept()
    qtbot.waitUntil(lambda: target.exists() or not no_dialog("error"))
    assert no_dialog("error"), dialog(qtbot, "error").text()  # type: ignore[attr-defined]
    assert target.read_text(encoding="utf-8") == text


def test_layout_is_remembered(make_window: MakeWindow, qtbot: QtBot) -> None:
    first = make_window(None, sample=True)
    first.resize(700, 500)  # the offscreen screen is 800 x 600
    first.splitter.setSizes([200, 480])
    wanted = first.splitter.sizes()
    first.close()
    second = make_window(None, sample=True)
    assert second.size().width() == 700
    assert second.splitter.sizes() == wanted


def test_shortcuts(window: MainWindow) -> None:
    shortcuts = {name: window.act[name].shortcut().toString() for name in window.act.by_name}
    assert shortcuts["find"] == "Ctrl+F"
    assert shortcuts["sync"] == "Ctrl+R"
    assert shortcuts["delete_selected"] == "Del"
    assert shortcuts["export"] == "Ctrl+E"
    assert shortcuts["quit"] == "Ctrl+Q"


def test_removed_collection_opened_by_id_is_a_sentence(window: MainWindow, qtbot: QtBot) -> None:
    missing = CollectionId(datetime(1999, 1, 1, tzinfo=UTC), JULIET)
    window.open_collection(missing)
    settle(window)
    assert window.pane.collection is None
    assert "no longer in the archive" in dialog(qtbot, "error").text()  # type: ignore[attr-defined]


def test_memory_archive_is_the_only_reader(archive: MemoryArchive) -> None:
    assert len(archive.all_ids()) == 44


def test_keyboard_ctrl_f_and_delete(window: MainWindow, qtbot: QtBot) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.search.field.hasFocus)
    window.tabs.setCurrentIndex(0)
    window.collections.setFocus()
    select_rows(window, 0)
    qtbot.keyClick(window.collections, Qt.Key.Key_Delete)
    box = dialog(qtbot, "confirm")
    assert box.text().startswith("Remove this conversation from the server?")  # type: ignore[attr-defined]


def test_tab_walks_from_contacts_to_dates_to_conversations(
    window: MainWindow, qtbot: QtBot
) -> None:
    from PySide6.QtWidgets import QApplication

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.contact_filter.setFocus()
    qtbot.waitUntil(window.contact_filter.hasFocus)
    seen = []
    for _ in range(8):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen[:6] == [
        window.all_contacts,
        window.contacts,
        window.all_dates,
        window.dates,
        window.tabs.tabBar(),
        window.collections,
    ]


def test_collection_without_items_is_fetched_from_the_server(
    window: MainWindow, commands: FakeCommands, archive: MemoryArchive, qtbot: QtBot
) -> None:
    from archiveviewer.domain import Collection

    header_only = Collection(CollectionId(datetime(2025, 1, 1, 9, tzinfo=UTC), JULIET))
    archive.put(header_only)
    window.open_collection(header_only.id)
    qtbot.waitUntil(lambda: ("retrieve", header_only.id) in commands.calls)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Conversation fetched.")


def test_contact_without_roster_name_is_shown_by_bare_jid(window: MainWindow) -> None:
    choose_contact(window, "square@rooms.verona.example")
    assert rows(window, Column.CONTACT) == ["square@rooms.verona.example"]
    open_row(window, 0)
    title = window.conversation_title.text()
    assert "with square@rooms.verona.example · started" in title
    lines = [window.conversation_model.index(r, 0).data() for r in range(4)]
    assert lines[0].endswith("Benvolio: Here comes the furious Tybalt back again.")  # nickname
    assert lines[3].endswith("me: Gentlemen, for shame!")
