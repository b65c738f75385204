"""Commands act on what the user sees: the open conversation is the selected one.

Reported: Ctrl+End and Ctrl+arrows moved the open conversation without
moving the selection, and Delete then removed a conversation other than the
one on screen. Also the wording of the removal questions for one conversation.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from archiveviewer.ui.browser.collections import Column
from archiveviewer.ui.window import MainWindow
from tests.gui.conftest import dialog
from tests.gui.fakes import FakeCommands
from tests.gui.test_window import button, choose_contact, open_row, rows, settle

JULIET = "juliet@capulet.example"
CTRL = Qt.KeyboardModifier.ControlModifier


def _focus_list(window: MainWindow, qtbot: QtBot) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.collections.setFocus()
    qtbot.waitUntil(window.collections.hasFocus)


def _confirm_text(qtbot: QtBot) -> str:
    box = dialog(qtbot, "confirm")
    assert isinstance(box, QMessageBox)
    return box.text()


def test_ctrl_end_then_delete_removes_the_conversation_on_screen(
    window: MainWindow, commands: FakeCommands, qtbot: QtBot
) -> None:
    _focus_list(window, qtbot)
    qtbot.mouseClick(
        window.collections.viewport(),
        Qt.MouseButton.LeftButton,
        pos=window.collections.visualRect(window.collection_model.index(0, 0)).center(),
    )
    qtbot.keyClick(window.collections, Qt.Key.Key_End, CTRL)
    qtbot.keyClick(window.collections, Qt.Key.Key_Up, CTRL)
    settle(window)  # the page at the end is read, then the conversation, in the background
    last = window.collection_model.rowCount() - 2
    on_screen = window.pane.collection
    assert on_screen is not None
    assert on_screen.id == window.collection_model.header(last).collection.id
    assert [c.id for c in window.selected_collections()] == [on_screen.id]

    qtbot.keyClick(window.collections, Qt.Key.Key_Delete)
    text = _confirm_text(qtbot)
    assert text.startswith("Remove this conversation from the server?")
    stamp = on_screen.start.astimezone(window._tz).strftime("%Y-%m-%d %H:%M")
    assert stamp in text
    button(dialog(qtbot, "confirm"), "Remove from server").click()  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: ("remove_collections", [on_screen.id]) in commands.calls)


def test_ctrl_click_that_unselects_the_open_conversation_opens_a_selected_one(
    window: MainWindow, qtbot: QtBot
) -> None:
    _focus_list(window, qtbot)
    view, model = window.collections, window.collection_model

    def click(row: int, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        rect = view.visualRect(model.index(row, 0))
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())

    click(0)
    click(2, CTRL)
    click(2, CTRL)  # unselects the conversation just opened
    settle(window)
    opened = window.pane.collection
    assert opened is not None
    assert [c.id for c in window.selected_collections()] == [opened.id]
    assert opened.id == model.header(0).collection.id


def test_one_conversation_is_named_in_the_singular(
    window: MainWindow, commands: FakeCommands, qtbot: QtBot
) -> None:
    choose_contact(window, JULIET)
    open_row(window, 0)
    window.act["delete_selected"].trigger()
    text = _confirm_text(qtbot)
    assert "It is removed from the server and kept in the trash" in text
    assert "They are removed" not in text


def test_a_contact_with_one_conversation_is_not_all_1(
    window: MainWindow, commands: FakeCommands, qtbot: QtBot
) -> None:
    choose_contact(window, JULIET)
    starts = rows(window, Column.START)
    # Leave Juliet one conversation, then ask to remove all of hers.
    keep = window.collection_model.header(0).collection.id
    for row in range(1, len(starts)):
        commands.archive.discard(window.collection_model.header(row).collection.id)
    window.reload()
    choose_contact(window, JULIET)
    qtbot.waitUntil(lambda: len(rows(window, Column.START)) == 1)
    assert window.collection_model.header(0).collection.id == keep
    window.act["delete_contact"].trigger()
    text = _confirm_text(qtbot)
    assert "all 1" not in text
    assert text.startswith(f"Remove the one conversation with Juliet ({JULIET})")
