"""Before the window opens, a copy that needs a long upgrade shows a dialog with its progress."""

from __future__ import annotations

import functools
import os
import signal
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from archiveviewer.services.upgrade import slow_upgrade_pending, upgrade
from archiveviewer.store import Replica, prefix_index
from archiveviewer.ui.upgrade import upgrade_with_progress
from tests.unit.store.test_prefix_index import _version_8_file
from tests.unit.store.test_reindex import COLLECTIONS, _check_whole

ACCOUNT = "romeo@montague.example"


def _shown() -> QProgressDialog:
    found = [w for w in QApplication.topLevelWidgets() if w.objectName() == "upgrade"]
    assert len(found) == 1
    assert isinstance(found[0], QProgressDialog)
    return found[0]


@pytest.fixture
def old_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[object]]:
    path = tmp_path / "old.sqlite"
    rows = _version_8_file(path)
    monkeypatch.setattr(prefix_index, "BATCH_ROWS", 50)
    return path, list(rows)


def test_the_dialog_counts_the_messages_and_closes_when_done(
    qtbot: QtBot, old_copy: tuple[Path, list[object]]
) -> None:
    path, rows = old_copy
    seen: list[tuple[bool, str, str]] = []
    first_batch = threading.Event()

    def look() -> None:
        if not first_batch.is_set():
            QTimer.singleShot(10, look)
            return
        qtbot.waitUntil(lambda: "indexed" in _shown().labelText())
        dialog = _shown()
        seen.append((dialog.isVisible(), dialog.windowTitle(), dialog.labelText()))
        looked.set()

    looked = threading.Event()

    def work(progress, should_stop):  # type: ignore[no-untyped-def]
        def told(done: int, total: int) -> None:
            progress(done, total)
            if not first_batch.is_set():
                first_batch.set()
                looked.wait(10)  # the dialog is looked at while the upgrade is half way

        return upgrade(path, told, should_stop)

    QTimer.singleShot(0, look)
    assert upgrade_with_progress(work, ACCOUNT)
    visible, title, label = seen[0]
    assert visible
    assert title == "Upgrading the local copy"
    assert f"The local copy of {ACCOUNT} gets a faster search index" in label
    assert f"50 of {len(rows):,} indexed." in label
    assert not [w for w in QApplication.topLevelWidgets() if w.objectName() == "upgrade"
                and w.isVisible()]  # fmt: skip
    assert not slow_upgrade_pending(path)
    with Replica(path) as replica:
        _check_whole(replica, rows)


def test_stop_and_quit_ends_it_after_the_batch_and_loses_nothing(
    qtbot: QtBot, old_copy: tuple[Path, list[object]]
) -> None:
    path, rows = old_copy
    clicked = threading.Event()

    def click_stop() -> None:
        dialog = _shown()
        if not dialog.isVisible() or "indexed" not in dialog.labelText():
            QTimer.singleShot(10, click_stop)
            return
        button = dialog.findChild(QPushButton)
        assert button is not None
        assert button.text() == "Stop and quit"
        button.click()
        clicked.set()

    def work(progress, should_stop):  # type: ignore[no-untyped-def]
        def stop_after_click() -> bool:
            clicked.wait(10)
            return bool(should_stop())

        return upgrade(path, progress, stop_after_click)

    QTimer.singleShot(0, click_stop)
    assert not upgrade_with_progress(work, ACCOUNT)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 10  # 11 half built
    assert slow_upgrade_pending(path)
    assert upgrade_with_progress(functools.partial(upgrade, path), ACCOUNT)  # the next start
    with Replica(path) as replica:
        _check_whole(replica, rows)


def test_ctrl_c_during_the_dialog_is_stop_and_quit(
    qtbot: QtBot, qapp: QApplication, old_copy: tuple[Path, list[object]]
) -> None:
    """Ctrl+C in the terminal: ``quit`` does nothing in the dialog's nested loop, so the
    program's handler stops the upgrade after its batch instead (and then ignores Ctrl+C)."""
    from archiveviewer.app import _quit_on_ctrl_c

    path, _rows = old_copy
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        _quit_on_ctrl_c(qapp)
        pressed = threading.Event()

        def work(progress, should_stop):  # type: ignore[no-untyped-def]
            def ctrl_c_after_the_first_batch(done: int, total: int) -> None:
                progress(done, total)
                if not pressed.is_set():
                    pressed.set()
                    os.kill(os.getpid(), signal.SIGINT)

            def stop_once_handled() -> bool:
                for _ in range(200):
                    if should_stop():
                        return True
                    time.sleep(0.01)
                return False

            return upgrade(path, ctrl_c_after_the_first_batch, stop_once_handled)

        assert not upgrade_with_progress(work, ACCOUNT)
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN  # a second one is ignored
    finally:
        signal.signal(signal.SIGINT, before)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 10  # stopped, not finished
    assert slow_upgrade_pending(path)


def test_the_program_upgrades_an_old_copy_before_its_window_opens(
    qtbot: QtBot, tmp_path: Path, event_loop_qt: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QSettings

    from archiveviewer.app import build_program
    from archiveviewer.services.passwords import KeyringPasswords
    from archiveviewer.services.workspace import Workspace
    from archiveviewer.ui.settings import ACCOUNT_JID, Settings

    workspace = Workspace(tmp_path / "data", tmp_path / "config")
    path = workspace.replica_path(ACCOUNT)
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = _version_8_file(path)
    monkeypatch.setattr(prefix_index, "BATCH_ROWS", 50)
    store = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    store.set(ACCOUNT_JID, ACCOUNT)
    seen: list[str] = []

    def look() -> None:  # while build_program waits for the upgrade
        found = [w for w in QApplication.topLevelWidgets() if w.objectName() == "upgrade"]
        if found and found[0].isVisible():
            seen.append(found[0].windowTitle())
        else:
            QTimer.singleShot(5, look)

    QTimer.singleShot(0, look)
    program = build_program(workspace, store, KeyringPasswords())
    qtbot.addWidget(program.window)
    assert seen == ["Upgrading the local copy"]
    assert not slow_upgrade_pending(path)
    program.window.show()
    model = program.window.contact_model
    qtbot.waitUntil(lambda: model.rowCount() > 0)
    # Every conversation of the upgraded copy is in the window.
    assert sum(model.contact(row).collections for row in range(model.rowCount())) == COLLECTIONS
    assert rows  # (the copy held rows of every kind before the upgrade)
