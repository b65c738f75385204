"""A closed local copy is never read: the window lets go of it first, and counts off the UI thread.

CI saw "Cannot operate on a closed database" at the end of a live test: a
contact chosen (a queued signal) after the program had closed the account's
replica made the conversation list count it on the UI thread. These tests
build the program as ``python -m archiveviewer`` does, over a real replica.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
import qasync
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from archiveviewer.app import Program, build_program
from archiveviewer.formats.text import export_text
from archiveviewer.ports.archive import SearchResult
from archiveviewer.services.memory import MemoryArchive
from archiveviewer.services.passwords import KeyringPasswords
from archiveviewer.services.workspace import Workspace
from archiveviewer.store import Replica
from archiveviewer.ui.dialogs.error import ErrorDialog
from archiveviewer.ui.messages import MessageBridge
from archiveviewer.ui.settings import ACCOUNT_JID, Settings
from archiveviewer.ui.window import MainWindow
from tests.gui.conftest import TZ
from tests.gui.sample_data import ROSTER, sample_collections
from tests.gui.test_live import wait_for
from tests.gui.test_window import choose_contact, open_row, settle

ROMEO = "romeo@montague.example"
JULIET = "juliet@capulet.example"
MERCUTIO = "mercutio@verona.example"


@pytest.fixture
def program(
    qtbot: QtBot, tmp_path: Path, event_loop_qt: qasync.QEventLoop
) -> Iterator[Program]:
    """The program over Romeo's saved account, offline, its replica holding the sample."""
    workspace = Workspace(tmp_path / "data", tmp_path / "config")
    with Replica(workspace.replica_path(ROMEO)) as replica:
        for c in sample_collections():
            replica.replace_collection(c)
    store = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    store.set(ACCOUNT_JID, ROMEO)
    program = build_program(workspace, store, KeyringPasswords())
    program.window.show()
    qtbot.waitExposed(program.window)
    settle(program.window)
    yield program
    program.window.close()
    program.window.deleteLater()


def contact_index(window: MainWindow, jid: str):  # type: ignore[no-untyped-def]
    model = window.contact_filter_model
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if index.data(Qt.ItemDataRole.ToolTipRole) == jid:
            return index
    raise AssertionError(f"{jid} is not in the contact list")


def error_dialogs(window: MainWindow) -> list[ErrorDialog]:
    return [d for d in window.findChildren(ErrorDialog) if d.isVisible()]


def test_a_contact_chosen_after_the_program_closed_reads_nothing(
    qtbot: QtBot, program: Program
) -> None:
    window = program.window
    juliet = contact_index(window, JULIET)
    assert window.collection_model.rowCount() > 0
    wait_for(qtbot, program.close())  # the replicas are closed now
    # What a signal queued before the close delivers afterwards: a contact chosen.
    window.contacts.setCurrentIndex(juliet)
    window.reload()
    qtbot.waitUntil(lambda: not window.loading)
    assert window.collection_model.rowCount() == 0  # nothing shown from a closed copy
    assert error_dialogs(window) == []


def test_a_connection_that_finishes_after_the_close_shows_nothing(
    qtbot: QtBot, program: Program
) -> None:
    window = program.window
    replica_reader = window.archive.reader
    wait_for(qtbot, program.close())  # the replicas are closed now
    # A Connect still in flight at the close ends by showing its session's archive
    # (CI: the action limits then read the closed copy on the UI thread).
    window.set_archive(replica_reader, None, sample=False)
    window.browser.choiceChanged.emit()  # any change of choice asks for the action limits
    settle(window)
    assert window.archive.reader is not replica_reader
    assert error_dialogs(window) == []


def test_another_archive_shown_before_the_old_copy_closes_is_the_only_one_read(
    qtbot: QtBot, program: Program
) -> None:
    window = program.window
    old = window.archive.reader
    juliet = contact_index(window, JULIET)
    window.contacts.setCurrentIndex(juliet)  # its list is being counted…
    shown = MemoryArchive(sample_collections()[:1], ROSTER)
    window.set_archive(shown, None, sample=True)  # …when another archive takes its place
    old.close()  # type: ignore[attr-defined]
    program.opener._opened.clear()  # as close_account leaves it
    settle(window)
    assert window.collection_model.rowCount() == 1
    assert error_dialogs(window) == []


class _SlowCount(MemoryArchive):
    """Counting the list takes until the test says so (as on a replica of millions)."""

    def __init__(self) -> None:
        super().__init__(sample_collections(), ROSTER)
        self.gate = threading.Event()
        self.counted_on: set[bool] = set()  # True: counted on the UI thread

    def collection_count(
        self, contact: str | None, start: datetime | None, end: datetime | None
    ) -> int:
        self.counted_on.add(threading.current_thread() is threading.main_thread())
        self.gate.wait(10)
        return super().collection_count(contact, start, end)


def test_the_list_is_counted_while_the_window_keeps_answering(
    qtbot: QtBot, settings: Settings, event_loop_qt: qasync.QEventLoop
) -> None:
    slow = _SlowCount()
    window = MainWindow(
        slow, None, MessageBridge(), settings, sample=False, tz=TZ, conversation_text=export_text
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.contact_model.rowCount() > 0)
    window.contact_filter.setText("juliet")  # the user types while the list is counted
    assert window.contact_filter_model.rowCount() == 1
    assert window.loading  # still counting: nothing waited for it
    slow.gate.set()
    settle(window)
    assert window.collection_model.rowCount() == len(sample_collections())
    open_row(window, 40)
    opened = window.pane.collection
    assert opened is not None
    choose_contact(window, JULIET)  # the list is counted again: the open one stays selected
    assert window.pane.collection == opened
    current = window.collections.currentIndex().row()
    assert window.collection_model.header(current).collection.id == opened.id
    assert slow.counted_on == {False}  # the open conversation's row was counted with the list
    window.close()


def test_a_hit_whose_list_is_still_counted_gives_way_to_the_users_next_choice(
    qtbot: QtBot, settings: Settings, event_loop_qt: qasync.QEventLoop
) -> None:
    slow = _SlowCount()
    slow.gate.set()
    window = MainWindow(
        slow, None, MessageBridge(), settings, sample=False, tz=TZ, conversation_text=export_text
    )
    qtbot.addWidget(window)
    window.show()
    settle(window)
    queen_mab = next(c.id for c in sample_collections() if c.subject == "Queen Mab")
    slow.gate.clear()
    window.open_hit(SearchResult(queen_mab, 0, queen_mab.start, MERCUTIO, "Queen Mab"))
    assert window.pane.collection is None  # Mercutio's list is being counted
    window.all_contacts.click()  # the user moves on before it is
    slow.gate.set()
    settle(window)
    assert window.pane.collection is None  # the hit does not open over the user's choice
    assert window.browser.contact is None
    assert window.collection_model.rowCount() == len(sample_collections())
    window.close()
