"""The Bookmarks window and the Private XML inspector against a real Prosody, driven by hand.

Below the window everything is real: the services, the slixmpp session with
TLS verification, Prosody with mod_private and mod_pep (and, for the
divergence tests, without mod_bookmarks, so that homes can disagree).
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
import qasync
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from archiveviewer.domain import BookmarkHome
from archiveviewer.errors import KnownError
from archiveviewer.services.bookmarks import BookmarkCommands
from archiveviewer.services.connection import Connection
from archiveviewer.services.private_xml import PrivateXmlCommands
from archiveviewer.ui.bookmarks.dialog import BookmarkDialog
from archiveviewer.ui.bookmarks.model import Column
from archiveviewer.ui.bookmarks.window import BookmarksWindow
from archiveviewer.ui.messages import MessageBridge
from archiveviewer.ui.private_xml.inspector import PrivateXmlInspector
from archiveviewer.ui.settings import PRIVATE_XML_NAMESPACES, Settings
from archiveviewer.xmpp import iq
from archiveviewer.xmpp.session import AccountSession
from tests.gui.conftest import dialog
from tests.gui.test_window import button
from tests.helpers import parse_test_xml
from tests.integration.xmpp_helpers import new_account
from tests.server.prosody import ProsodyServer

pytestmark = pytest.mark.prosody

T = TypeVar("T")
ROOM = "council@muc.example.org"
EXTENSION = "<state xmlns='urn:example:other-client'>pinned</state>"


def wait_for(qtbot: QtBot, coroutine: Coroutine[Any, Any, T], timeout: int = 20000) -> T:
    task = asyncio.ensure_future(coroutine)
    qtbot.waitUntil(task.done, timeout=timeout)
    return task.result()


@pytest.fixture(scope="module")
def independent(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProsodyServer]:
    server = ProsodyServer(tmp_path_factory.mktemp("gui-independent"))
    server.modules = tuple(m for m in server.modules if m != "bookmarks")
    with server:
        yield server


class Account:
    """Sessions of one fresh account, closed at the end."""

    def __init__(self, qtbot: QtBot, server: ProsodyServer) -> None:
        self.qtbot = qtbot
        self.settings = new_account(server)
        self.sessions: list[AccountSession] = []

    def connection(self, resource: str) -> Connection:
        from dataclasses import replace

        session = AccountSession(replace(self.settings, jid=f"{self.settings.jid}/{resource}"))
        wait_for(self.qtbot, session.connect())
        self.sessions.append(session)
        connection = Connection()
        connection.network = session
        return connection

    def raw(self, connection: Connection, xml: str) -> None:
        """Send a stanza written by hand (through the iq path that keeps namespaced attributes)."""
        assert connection.network is not None
        request = parse_test_xml(xml)
        payload = next(iter(request))
        client = connection.network.client
        send = iq.send(client, request.get("type", "set"), payload, timeout=10.0, sentence=str)
        wait_for(self.qtbot, send)

    def close(self) -> None:
        for session in self.sessions:
            wait_for(self.qtbot, session.disconnect())


@pytest.fixture
def account(
    qtbot: QtBot, event_loop_qt: qasync.QEventLoop, independent: ProsodyServer
) -> Iterator[Account]:
    opened = Account(qtbot, independent)
    yield opened
    opened.close()


def open_window(qtbot: QtBot, connection: Connection, settings: Settings) -> BookmarksWindow:
    window = BookmarksWindow(BookmarkCommands(connection), MessageBridge(), settings)
    qtbot.addWidget(window)
    window.show()
    window.reload()
    qtbot.waitUntil(lambda: window.view is not None, timeout=10000)
    return window


def cell(window: BookmarksWindow, row: int, column: Column) -> str:
    return str(window.proxy.index(row, column).data())


def row_of(window: BookmarksWindow, key: str) -> int:
    for row in range(window.proxy.rowCount()):
        if cell(window, row, Column.ADDRESS) == key:
            return row
    return -1


def native_item(nick: str) -> str:
    return f"""<iq type='set'><pubsub xmlns='http://jabber.org/protocol/pubsub'>
      <publish node='urn:xmpp:bookmarks:1'><item id='{ROOM}'>
        <conference xmlns='urn:xmpp:bookmarks:1' name='Council' autojoin='true'
            xmlns:o='urn:example:attrs' o:colour='teal'>
          <nick>{nick}</nick><extensions>{EXTENSION}</extensions>
        </conference></item></publish>
      <publish-options><x xmlns='jabber:x:data' type='submit'>
        <field var='FORM_TYPE' type='hidden'>
          <value>http://jabber.org/protocol/pubsub#publish-options</value></field>
        <field var='pubsub#persist_items'><value>true</value></field>
        <field var='pubsub#access_model'><value>whitelist</value></field>
        <field var='pubsub#max_items'><value>max</value></field>
        <field var='pubsub#send_last_published_item'><value>never</value></field>
      </x></publish-options></pubsub></iq>"""


def private_storage(nick: str) -> str:
    return (
        "<iq type='set'><query xmlns='jabber:iq:private'><storage xmlns='storage:bookmarks'>"
        f"<conference jid='{ROOM}' name='Council' autojoin='true'><nick>{nick}</nick>"
        "</conference></storage></query></iq>"
    )


def test_an_edit_in_the_dialog_keeps_another_clients_extensions(
    qtbot: QtBot, account: Account, settings: Settings
) -> None:
    connection = account.connection("window")
    account.raw(connection, native_item("hamlet"))
    window = open_window(qtbot, connection, settings)
    row = row_of(window, ROOM)
    assert cell(window, row, Column.EXTENSIONS) == "kept"
    assert cell(window, row, Column.HOMES) == "PEP (XEP-0402)"
    window.table.setCurrentIndex(window.proxy.index(row, 0))
    window.edit()
    edit = dialog(qtbot, "bookmarkDialog")
    assert isinstance(edit, BookmarkDialog)
    assert edit.extensions.isVisible()
    assert edit.password.echoMode() == edit.password.EchoMode.Password
    edit.nick.setText("horatio")
    edit.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: cell(window, row_of(window, ROOM), Column.NICK) == "horatio")
    # what the server holds now, read by another resource
    other = BookmarkCommands(account.connection("check"))
    view = wait_for(qtbot, other.load())
    (saved,) = [r for r in view.rows if r.key == ROOM]
    assert saved.bookmark.nick == "horatio"
    assert any("pinned" in e for e in saved.bookmark.extra)
    assert ("{urn:example:attrs}colour", "teal") in saved.bookmark.extra_attrs


def test_bad_input_is_refused_in_the_dialog_and_nothing_is_sent(
    qtbot: QtBot, account: Account, settings: Settings
) -> None:
    window = open_window(qtbot, account.connection("window"), settings)
    window.add()
    add = dialog(qtbot, "bookmarkDialog")
    assert isinstance(add, BookmarkDialog)
    add.address.setText("not a room")
    add.password.setText("rosemary")
    add.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    assert add.isVisible()
    assert "not a valid chat room address" in add.refusal.text()
    assert "rosemary" not in add.refusal.text()
    add.reject()
    assert window.proxy.rowCount() == 0


def test_divergence_is_shown_and_brought_in_step(
    qtbot: QtBot, account: Account, settings: Settings
) -> None:
    connection = account.connection("window")
    account.raw(connection, native_item("hamlet"))
    account.raw(connection, private_storage("ophelia"))
    window = open_window(qtbot, connection, settings)
    row = row_of(window, ROOM)
    assert "different nick" in cell(window, row, Column.STATE)
    window.table.setCurrentIndex(window.proxy.index(row, 0))
    assert window.divergence.isVisible()
    assert "but not in PEP (XEP-0048)" in window.divergence_text.text()
    window.align_source.setCurrentIndex(window.align_source.findData(BookmarkHome.NATIVE))
    window.align_button.click()
    qtbot.waitUntil(lambda: cell(window, row_of(window, ROOM), Column.STATE).startswith("in step"))
    assert not window.divergence.isVisible()
    assert cell(window, row_of(window, ROOM), Column.HOMES) == (
        "PEP (XEP-0402), PEP (XEP-0048), private storage"
    )


def test_a_change_by_another_resource_shows_and_a_conflicting_save_asks(
    qtbot: QtBot, account: Account, settings: Settings
) -> None:
    connection = account.connection("window")
    account.raw(connection, native_item("hamlet"))
    window = open_window(qtbot, connection, settings)
    window.table.setCurrentIndex(window.proxy.index(row_of(window, ROOM), 0))
    window.edit()
    edit = dialog(qtbot, "bookmarkDialog")
    assert isinstance(edit, BookmarkDialog)
    edit.nick.setText("horatio")
    account.raw(account.connection("phone"), native_item("ophelia"))  # meanwhile, elsewhere
    qtbot.waitUntil(lambda: cell(window, row_of(window, ROOM), Column.NICK) == "ophelia")
    edit.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    conflict = dialog(qtbot, "bookmarkConflict")
    assert "changed by another client" in conflict.text()
    button(conflict, "Keep my change").click()
    qtbot.waitUntil(lambda: cell(window, row_of(window, ROOM), Column.NICK) == "horatio")


def test_filter_sort_export_and_import(
    qtbot: QtBot, account: Account, settings: Settings, tmp_path: Path
) -> None:
    connection = account.connection("window")
    account.raw(connection, native_item("hamlet"))
    window = open_window(qtbot, connection, settings)
    file = tmp_path / "bookmarks.xml"
    window.export_to(file)
    qtbot.waitUntil(file.exists)
    assert "pinned" in file.read_text()
    file.write_text(
        "<storage xmlns='storage:bookmarks'>"
        "<conference jid='elsinore@muc.example.org' name='Elsinore'/>"
        "<conference jid='ALPHA@muc.example.org' name='Alpha'/></storage>"
    )
    window.import_from(file)
    qtbot.waitUntil(lambda: window.proxy.rowCount() == 3)
    window.table.sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder)
    names = [cell(window, r, Column.NAME) for r in range(3)]
    assert names == ["Alpha", "Council", "Elsinore"]
    window.filter.setText("elsi")
    assert window.proxy.rowCount() == 1
    assert cell(window, 0, Column.ADDRESS) == "elsinore@muc.example.org"


def test_private_xml_inspector_checks_saves_and_shows(
    qtbot: QtBot, account: Account, settings: Settings
) -> None:
    inspector = PrivateXmlInspector(
        PrivateXmlCommands(account.connection("inspector")), MessageBridge(), settings
    )
    qtbot.addWidget(inspector)
    inspector.show()
    inspector.new_element.setText("settings")
    inspector.new_namespace.setText("jabber:iq:roster")
    inspector.add_namespace()
    assert "reserved" in inspector.state.text()
    inspector.new_namespace.setText("urn:example:settings")
    inspector.add_namespace()
    qtbot.waitUntil(lambda: "Nothing is stored" in inspector.state.text(), timeout=10000)
    inspector.text.setPlainText("<settings xmlns='urn:example:settings'><theme>dark")
    assert not inspector.save_button.isEnabled()
    inspector.text.setPlainText("<settings xmlns='jabber:x:data'/>")
    assert "reserved" in inspector.state.text()
    inspector.text.setPlainText(
        "<settings xmlns='urn:example:settings'><theme>dark</theme></settings>"
    )
    assert inspector.save_button.isEnabled()
    inspector.save_button.click()
    qtbot.waitUntil(lambda: inspector.state.text() == "Saved.", timeout=10000)
    assert "  <theme>dark</theme>" in inspector.text.toPlainText()
    assert "settings urn:example:settings" in settings.get(PRIVATE_XML_NAMESPACES)


def test_data_slixmpp_cannot_write_is_refused_and_the_connection_lives(
    qtbot: QtBot, account: Account, settings: Settings
) -> None:
    """An attribute and an element in one namespace would be written as broken XML."""
    connection = account.connection("window")
    broken = native_item("hamlet").replace("urn:example:attrs", "urn:example:other-client")
    with pytest.raises(KnownError, match="Nothing was sent"):
        account.raw(connection, broken)
    assert connection.connected
    window = open_window(qtbot, connection, settings)
    assert window.proxy.rowCount() == 0
