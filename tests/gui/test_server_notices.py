"""The window's words for what a server was seen to do: the user's language, a window that
waits for nothing, and the services' own sentence for a finding the window does not know."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from archiveviewer.ports.notices import ServerNotice
from archiveviewer.ui.messages import MessageBridge
from archiveviewer.ui.server.notices import ServerNotices
from tests.gui.conftest import dialog
from tests.gui.test_i18n import speaking

__all__ = ["speaking"]  # fixture used here

ENGLISH = "This server accepts notes but does not keep them: notes you add are not stored."


@pytest.fixture
def told(qtbot: QtBot) -> tuple[ServerNotices, list[str]]:
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    bridge = MessageBridge()
    shown: list[str] = []
    bridge.infoShown.connect(shown.append)
    return ServerNotices(window, bridge), shown


def test_a_finding_is_told_in_german_in_a_window_that_waits_for_nothing(
    qtbot: QtBot, speaking, told: tuple[ServerNotices, list[str]]  # type: ignore[no-untyped-def]
) -> None:
    speaking(QLocale("de_DE"))
    notices, status = told
    notices.show_notice(ServerNotice("verona.example", "drops_notes", ENGLISH))
    box = dialog(qtbot, "serverNotice")
    assert isinstance(box, QMessageBox)
    assert box.windowModality() is Qt.WindowModality.NonModal
    assert box.windowTitle() == "Über Ihren Server"
    assert box.text().startswith("Dieser Server nimmt Notizen an, behält sie aber nicht")
    assert "für verona.example; dieser Hinweis erscheint nicht noch einmal" in box.text()
    assert status == [box.text().split("\n\n")[0]]
    box.accept()


def test_a_finding_the_window_does_not_know_is_told_in_the_services_words(
    qtbot: QtBot, told: tuple[ServerNotices, list[str]]
) -> None:
    notices, status = told
    notices.show_notice(ServerNotice("verona.example", "forgets_subjects", "Subjects vanish."))
    box = dialog(qtbot, "serverNotice")
    assert isinstance(box, QMessageBox)
    assert box.text().startswith("Subjects vanish.\n\n")
    assert status == ["Subjects vanish."]
    box.accept()
