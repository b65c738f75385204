"""The small asking dialogs stay inside the screen, however long their sentence."""

from __future__ import annotations

import asyncio

import qasync
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from archiveviewer.ui.dialogs.asking import ask_text
from tests.gui.conftest import dialog

LONG = (
    "This server accepts notes but does not keep them: notes you add are not stored on the "
    "server. The note for the conversation with juliet@capulet.example/balcony that started "
    "1469-07-21 02:56 is kept here only, and archiveviewer will not send it again. " * 2
)


def test_a_long_question_wraps_instead_of_widening_the_dialog_past_the_screen(
    qtbot: QtBot, event_loop_qt: qasync.QEventLoop
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    asked = asyncio.ensure_future(ask_text(parent, "Note", LONG, "", multiline=True))
    shown = dialog(qtbot, "askText")
    screen = QApplication.primaryScreen().availableGeometry()
    assert shown.frameGeometry().width() <= screen.width()
    assert shown.labelText() == LONG  # type: ignore[attr-defined]  # all of it, wrapped
    shown.reject()
    qtbot.waitUntil(asked.done)
    assert asked.result() is None
