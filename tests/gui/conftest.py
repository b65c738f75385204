"""Fixtures for the window's tests: a qasync loop, temporary settings, the sample data."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable, Iterator
from datetime import timedelta, timezone
from pathlib import Path

import pytest
import qasync
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from archiveviewer.formats.text import export_text
from archiveviewer.ports.keys import KeyRing
from archiveviewer.services.memory import MemoryArchive
from archiveviewer.ui.i18n import install_translators
from archiveviewer.ui.messages import MessageBridge
from archiveviewer.ui.settings import Settings
from archiveviewer.ui.threads import UiThreadCollector
from archiveviewer.ui.window import MainWindow
from tests.gui.fakes import FakeCommands, FakeOpener, FakePasswords, FakeSession
from tests.gui.sample_data import ROSTER, sample_collections

#: Tests show times in UTC+2 so that "local time" differs from the stored UTC.
TZ = timezone(timedelta(hours=2))


@pytest.fixture(scope="session", autouse=True)
def translators(qapp: QApplication) -> None:
    """The translators the program installs at start (English here: tests read English)."""
    install_translators(qapp, QLocale(QLocale.Language.English))


@pytest.fixture(scope="package", autouse=True)
def ui_thread_collector(qapp: QApplication) -> Iterator[UiThreadCollector]:
    """Garbage is collected on the UI thread only, as in the program (see ui/threads.py).

    Package-scoped: the tests outside tests/gui run with Python's own collector again.
    """
    collector = UiThreadCollector(qapp)
    yield collector
    collector.stop()


@pytest.fixture
def event_loop_qt(qapp: QApplication) -> Iterator[qasync.QEventLoop]:
    """qasync's loop over the running QApplication (never stopped: that would quit Qt)."""
    loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(loop)
    yield loop
    pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
    for task in pending:
        task.cancel()
    for _ in range(100):
        if all(t.done() for t in pending):
            break
        qapp.processEvents()
    for widget in qapp.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.reject()
    qapp.processEvents()
    gc.collect()  # this test's Qt objects die here, on the UI thread, not in a later worker
    _close_without_stopping(qapp, loop)


def _close_without_stopping(qapp: QApplication, loop: qasync.QEventLoop) -> None:
    """Close the loop but never call ``loop.stop()``: that calls ``QApplication.exit()``.

    qasync refuses to close a loop it believes is running, and an
    ``already_running`` loop believes so until stopped; so do what ``stop``
    does except quitting Qt.
    """
    qapp.aboutToQuit.disconnect(loop._after_run_forever)
    loop._after_run_forever()
    loop._QEventLoop__is_running = False  # type: ignore[attr-defined]
    asyncio.events._set_running_loop(None)
    asyncio.set_event_loop(None)
    loop.close()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def archive() -> MemoryArchive:
    return MemoryArchive(sample_collections(), ROSTER)


@pytest.fixture
def commands(archive: MemoryArchive) -> FakeCommands:
    return FakeCommands(archive)


MakeWindow = Callable[..., MainWindow]


@pytest.fixture
def make_window(
    qtbot: QtBot, event_loop_qt: qasync.QEventLoop, settings: Settings, archive: MemoryArchive
) -> MakeWindow:
    """Builds a shown window; ``commands=None`` gives the read-only sample."""

    def make(
        commands: FakeCommands | None = None,
        sample: bool = False,
        opener: FakeOpener | None = None,
        passwords: FakePasswords | None = None,
        keys: KeyRing | None = None,
        owner: str | None = None,
    ) -> MainWindow:
        window = MainWindow(
            archive,
            commands,
            MessageBridge(),
            settings,
            sample=sample,
            tz=TZ,
            passwords=passwords,
            opener=opener,
            conversation_text=export_text,
            keys=keys,
            owner=owner,
        )
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: not window.loading)  # contacts and dates read in the background
        return window

    return make


@pytest.fixture
def window(make_window: MakeWindow, commands: FakeCommands) -> MainWindow:
    """A window connected to fake commands."""
    return make_window(commands)


@pytest.fixture
def session(commands: FakeCommands, archive: MemoryArchive) -> FakeSession:
    return FakeSession(archive, commands)


def dialog(qtbot: QtBot, name: str) -> QDialog:
    """Wait for the visible dialog named ``name`` and return it."""
    found: list[QDialog] = []

    def shown() -> bool:
        found[:] = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QDialog) and w.objectName() == name and w.isVisible()
        ]
        return bool(found)

    qtbot.waitUntil(shown, timeout=3000)
    return found[0]


def no_dialog(name: str) -> bool:
    return not any(
        isinstance(w, QWidget) and w.objectName() == name and w.isVisible()
        for w in QApplication.topLevelWidgets()
    )
