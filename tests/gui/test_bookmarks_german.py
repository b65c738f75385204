"""The Bookmarks window, its dialog, the Private XML inspector and their menus in German.

The window runs against a real Prosody (without mod_bookmarks, so that homes can
disagree), with the German translators installed over the session's English ones.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NoReturn

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QMainWindow
from pytestqt.qtbot import QtBot

from archiveviewer.errors import NotConnected
from archiveviewer.services.connection import Connection
from archiveviewer.services.private_xml import PrivateXmlCommands
from archiveviewer.ui.bookmarks.dialog import BookmarkDialog
from archiveviewer.ui.bookmarks.menu import BookmarkMenus
from archiveviewer.ui.bookmarks.model import Column
from archiveviewer.ui.i18n import install_translators
from archiveviewer.ui.messages import MessageBridge
from archiveviewer.ui.private_xml.inspector import PrivateXmlInspector
from archiveviewer.ui.settings import Settings
from tests.gui import test_bookmarks_window as english
from tests.gui.conftest import dialog
from tests.gui.test_bookmarks_window import (
    ROOM,
    Account,
    cell,
    native_item,
    open_window,
    private_storage,
    row_of,
)

pytestmark = pytest.mark.prosody
# the English tests' server (without mod_bookmarks) and fresh accounts on it
independent, account = english.independent, english.account


@pytest.fixture
def german(qapp: QApplication) -> Iterator[None]:
    translators = install_translators(qapp, QLocale("de_DE"))
    yield
    for translator in translators:
        qapp.removeTranslator(translator)


def refuse() -> NoReturn:
    raise NotConnected("Add your account first: bookmarks are kept on your server.")


def test_the_bookmarks_window_speaks_german(
    qtbot: QtBot, account: Account, settings: Settings, german: None
) -> None:
    connection = account.connection("window")
    account.raw(connection, native_item("hamlet"))
    account.raw(connection, private_storage("ophelia"))
    window = open_window(qtbot, connection, settings)
    assert window.windowTitle() == "Lesezeichen"
    assert window.offered.text().startswith("Ihr Server bietet: ")
    assert window.proxy.headerData(Column.ADDRESS, Qt.Orientation.Horizontal) == (
        "Raum oder Adresse"
    )
    row = row_of(window, ROOM)
    assert cell(window, row, Column.AUTOJOIN) == "ja"
    assert cell(window, row, Column.EXTENSIONS) == "erhalten"
    window.table.setCurrentIndex(window.proxy.index(row, 0))
    assert window.divergence.isVisible()
    assert window.align_button.text() == "Speicherorte angleichen"
    homes = [window.align_source.itemText(i) for i in range(window.align_source.count())]
    assert "privater Speicher" in homes
    assert "PEP (XEP-0048) (überall entfernen)" in homes
    window.add()
    add = dialog(qtbot, "bookmarkDialog")
    assert isinstance(add, BookmarkDialog)
    assert add.windowTitle() == "Lesezeichen hinzufügen"
    add.kind.setCurrentIndex(add.kind.findText("Webadresse"))
    assert not add.nick.isEnabled()
    assert add.address.placeholderText() == "https://example.org/"
    add.reject()


def test_the_private_xml_inspector_and_the_menus_speak_german(
    qtbot: QtBot, settings: Settings, german: None
) -> None:
    main = QMainWindow()
    qtbot.addWidget(main)
    menus = BookmarkMenus(main, refuse, refuse, MessageBridge(), settings)
    titles = [action.text() for action in main.menuBar().actions()]
    assert titles == ["&Werkzeuge", "&Erweitert"]
    assert menus.open_bookmarks.text() == "&Lesezeichen …"
    assert menus.open_private.text() == "&Privates XML …"
    assert menus.show_bookmarks() is None  # not connected: said, no window

    inspector = PrivateXmlInspector(PrivateXmlCommands(Connection()), MessageBridge(), settings)
    qtbot.addWidget(inspector)
    assert inspector.windowTitle() == "Privates XML"
    assert inspector.state.text() == "Wählen Sie einen Namensraum."
    assert inspector.save_button.text() == "Speichern"
