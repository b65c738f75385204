"""Switching to an account whose local copy needs its search index rebuilt.

The rebuild takes about a minute of CPU per million messages. Opened from the
account list while the window runs, the copy is upgraded on the worker while
a window-modal dialog counts the messages; the window keeps drawing, "Stop"
leaves the account shown before, and the next opening goes on from there.
"""

from __future__ import annotations

import functools
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from archiveviewer.services.upgrade import slow_upgrade_pending, upgrade
from archiveviewer.store import Replica, prefix_index
from archiveviewer.ui.accounts.manager import AccountList
from archiveviewer.ui.settings import Settings
from archiveviewer.ui.window import MainWindow
from tests.gui.conftest import MakeWindow, dialog
from tests.gui.fakes import FakeCommands, FakeOpener, FakePasswords, FakeSession
from tests.gui.test_accounts_list import BENVOLIO, ROMEO, _window_with_two_accounts
from tests.unit.store.test_prefix_index import _version_8_file
from tests.unit.store.test_reindex import _check_whole


class _Gate:
    """An upgrade that waits after its first committed batch until the test lets it go on."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.held = threading.Event()
        self.go_on = threading.Event()

    def __call__(
        self, progress: Callable[[int, int], None], should_stop: Callable[[], bool]
    ) -> bool:
        def told(done: int, total: int) -> None:
            progress(done, total)
            if not self.held.is_set():
                self.held.set()
                self.go_on.wait(10)

        return upgrade(self.path, told, should_stop)


def _upgrade_dialogs() -> list[QWidget]:
    return [
        w for w in QApplication.topLevelWidgets() if w.objectName() == "upgrade" and w.isVisible()
    ]


def _open_benvolio(window: MainWindow, qtbot: QtBot) -> None:
    window.act["accounts"].trigger()
    box = dialog(qtbot, "accounts")
    assert isinstance(box, AccountList)
    box.list.setCurrentRow(0)
    box.open_button.click()


def _switch_to_benvolio(
    window: MainWindow, opener: FakeOpener, qtbot: QtBot, path: Path
) -> tuple[_Gate, QProgressDialog]:
    """Open Benvolio, whose copy at ``path`` is old, from the account list; the dialog."""
    gate = _Gate(path)
    opener.upgrades[BENVOLIO.jid] = gate
    _open_benvolio(window, qtbot)
    shown = dialog(qtbot, "upgrade")
    assert isinstance(shown, QProgressDialog)
    return gate, shown


@pytest.fixture
def two_accounts(
    make_window: MakeWindow, commands: FakeCommands, session: FakeSession, settings: Settings
) -> tuple[MainWindow, FakeOpener]:
    """The window showing Romeo, with Benvolio saved beside (``test_accounts_list``)."""
    return _window_with_two_accounts(make_window, commands, session, settings, FakePasswords())


@pytest.fixture
def old_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, list[tuple[object, ...]]]:
    path = tmp_path / "benvolio.sqlite"
    rows = _version_8_file(path)
    monkeypatch.setattr(prefix_index, "BATCH_ROWS", 50)
    return path, rows


def test_the_copy_is_upgraded_with_its_progress_shown_then_opened(
    qtbot: QtBot,
    two_accounts: tuple[MainWindow, FakeOpener],
    old_copy: tuple[Path, list[tuple[object, ...]]],
) -> None:
    path, rows = old_copy
    window, opener = two_accounts
    gate, shown = _switch_to_benvolio(window, opener, qtbot, path)
    qtbot.waitUntil(lambda: f"50 of {len(rows):,} indexed." in shown.labelText())
    assert BENVOLIO.jid in shown.labelText()
    assert shown.windowModality() == Qt.WindowModality.WindowModal
    assert shown.parent() is window
    # The window is not frozen meanwhile: it answers, and still shows the first account.
    assert window.windowTitle() == f"{ROMEO.jid} — archiveviewer"
    assert opener.opened == []
    gate.go_on.set()
    qtbot.waitUntil(lambda: opener.opened == [(BENVOLIO, "b")])
    assert not _upgrade_dialogs()
    assert window.windowTitle() == f"{BENVOLIO.jid} — archiveviewer"
    assert not slow_upgrade_pending(path)
    with Replica(path) as replica:
        _check_whole(replica, rows)


def test_stop_leaves_the_shown_account_and_the_next_opening_goes_on(
    qtbot: QtBot,
    two_accounts: tuple[MainWindow, FakeOpener],
    old_copy: tuple[Path, list[tuple[object, ...]]],
) -> None:
    path, rows = old_copy
    window, opener = two_accounts
    gate, shown = _switch_to_benvolio(window, opener, qtbot, path)
    qtbot.waitUntil(gate.held.is_set)
    [stop] = [b for b in shown.findChildren(QPushButton) if b.text() == "Stop"]
    stop.click()
    qtbot.waitUntil(lambda: "Stopping when this batch is written" in shown.labelText())
    gate.go_on.set()
    qtbot.waitUntil(lambda: "was not opened" in window.statusBar().currentMessage())
    assert BENVOLIO.jid in window.statusBar().currentMessage()
    assert opener.opened == []
    assert opener.closed == []
    assert window.windowTitle() == f"{ROMEO.jid} — archiveviewer"
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 10  # 11 half built
    assert slow_upgrade_pending(path)

    # The next opening goes on from the batch committed before the stop.
    told: list[int] = []
    opener.upgrades[BENVOLIO.jid] = functools.partial(
        lambda progress, should_stop: upgrade(
            path, lambda done, total: (told.append(done), progress(done, total)), should_stop
        )
    )
    _open_benvolio(window, qtbot)
    qtbot.waitUntil(lambda: opener.opened == [(BENVOLIO, "b")])
    assert told[0] == 100
    assert not _upgrade_dialogs()
    with Replica(path) as replica:
        _check_whole(replica, rows)
