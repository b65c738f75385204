"""The window tells once what the server was seen to do, against the test module's
``drop_notes`` personality (a server that accepts notes and never keeps them).

The first start finds it out when the user adds a note: the note dialog says why the
note was not kept, the status bar and a small window tell it, and "Add note" is
disabled from then on, its tooltip saying why. The next start over the same folders
knows it already: "Add note" is disabled with the same reason, and nothing is told again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from archiveviewer.app import Program
from archiveviewer.services.passwords import KeyringPasswords
from archiveviewer.services.workspace import Workspace
from archiveviewer.ui import settings as keys
from archiveviewer.ui.settings import Settings
from archiveviewer.ui.window import MainWindow
from tests.gui.conftest import dialog, no_dialog
from tests.gui.test_live import (
    NURSE,
    SEED,
    Programs,
    contact_jids,
    on_server,
    programs,
    store,
    synced,
    wait_for,
)
from tests.gui.test_window import choose_contact, open_row
from tests.integration.personalities import PERSONALITIES
from tests.server.prosody import ProsodyServer

pytestmark = pytest.mark.prosody
__all__ = ["programs", "store"]  # fixtures used here

DROPS = "This server accepts notes but does not keep them"


def add_note(qtbot: QtBot, window: MainWindow, text: str) -> QInputDialog:
    """Add a note to the open conversation; the note dialog shown again (the note not kept)."""
    window.act["add_note"].trigger()
    ask = dialog(qtbot, "askText")
    assert isinstance(ask, QInputDialog)
    ask.setTextValue(text)
    ask.accept()

    def asked_again() -> QInputDialog | None:
        for widget in QApplication.topLevelWidgets():
            if widget.objectName() == "askText" and widget.isVisible():
                assert isinstance(widget, QInputDialog)
                return widget
        return None

    qtbot.waitUntil(lambda: asked_again() is not None, timeout=20000)
    again = asked_again()
    assert again is not None
    assert DROPS in again.labelText()  # the reason, above the text typed
    assert again.textValue() == text
    return again


def start(qtbot: QtBot, programs: Programs, workspace: Workspace, store: Settings) -> Program:
    """Start the program over the folders, connected and synced, the nurse's talk open."""
    program = programs(workspace, store)
    program.start()
    window = program.window
    qtbot.waitUntil(lambda: window.connection.text().startswith("Connected"), timeout=20000)
    qtbot.waitUntil(synced(window), timeout=20000)
    qtbot.waitUntil(lambda: NURSE in contact_jids(window), timeout=20000)
    choose_contact(window, NURSE)
    open_row(window, 0)
    qtbot.waitUntil(lambda: window.pane.collection is not None)
    return program


def test_a_server_that_drops_notes_is_told_once_and_remembered(
    qtbot: QtBot,
    make_prosody: Any,
    tmp_path: Path,
    store: Settings,
    programs: Programs,
    memory_keyring: object,
) -> None:
    server: ProsodyServer = make_prosody(**PERSONALITIES["drop_notes"])
    jid, password = server.new_user("romeo")
    wait_for(qtbot, on_server(server, jid, password, lambda s: s.archive.store(SEED[0])))
    workspace = Workspace(tmp_path / "data", tmp_path / "config", ca_certs=server.ca_cert)
    store.set(keys.ACCOUNT_JID, jid)
    store.set(keys.ACCOUNT_HOST, "127.0.0.1")
    store.set(keys.ACCOUNT_PORT, server.port)
    KeyringPasswords().remember(jid, password)

    program = start(qtbot, programs, workspace, store)
    window = program.window
    ask = add_note(qtbot, window, "She knows more than she says.")
    notice = dialog(qtbot, "serverNotice")
    assert isinstance(notice, QMessageBox)
    assert not notice.isModal()  # the user keeps working: the note dialog is still there
    assert DROPS in notice.text()
    assert "this notice is not shown again" in notice.text()
    assert DROPS in window.statusBar().currentMessage()
    ask.reject()
    notice.accept()
    qtbot.waitUntil(lambda: no_dialog("serverNotice"))
    # Known now: "Add note" is disabled, saying why, and nothing is told again.
    qtbot.waitUntil(lambda: not window.act["add_note"].isEnabled())
    assert DROPS in window.act["add_note"].toolTip()
    assert no_dialog("serverNotice")

    # The next start over the same folders: known from the first note, and not told.
    wait_for(qtbot, program.close())
    window.hide()
    window = start(qtbot, programs, workspace, store).window
    qtbot.waitUntil(lambda: not window.act["add_note"].isEnabled())
    assert DROPS in window.act["add_note"].toolTip()
    assert window.act["edit_subject"].isEnabled()  # subjects are kept
    assert no_dialog("serverNotice")
    assert DROPS not in window.statusBar().currentMessage()

