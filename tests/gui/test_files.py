"""The Export dialog and Open archive file…, on the real file services (offscreen)."""

from __future__ import annotations

import asyncio
import stat
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import qasync
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLineEdit
from pytestqt.qtbot import QtBot

from archiveviewer.domain import Collection, CollectionId, Direction, Message
from archiveviewer.formats.conversations import archived_messages
from archiveviewer.formats.text import export_text
from archiveviewer.formats.xep0227 import PortableAccount, RosterItem, write_account
from archiveviewer.services.file_window import WindowFiles
from archiveviewer.services.memory import MemoryArchive
from archiveviewer.services.worker import Worker
from archiveviewer.ui import settings as keys
from archiveviewer.ui.messages import MessageBridge
from archiveviewer.ui.settings import Settings
from archiveviewer.ui.threads import QtExecutor
from archiveviewer.ui.window import MainWindow
from tests.gui.conftest import TZ, dialog, no_dialog
from tests.gui.sample_data import ROSTER, sample_collections
from tests.gui.test_window import choose_contact, settle

OWNER = "romeo@montague.example"


@pytest.fixture
def files() -> Iterator[WindowFiles]:
    # The window's worker threads are Qt's (as app.py makes them): progress signals are
    # emitted from them, which PySide6 handles dependably only from threads Qt knows.
    worker = Worker(executor=QtExecutor(2))
    service = WindowFiles(worker, OWNER, roster=lambda: ROSTER)
    yield service
    service.close()
    worker.shutdown()


@pytest.fixture
def shown(
    qtbot: QtBot, event_loop_qt: qasync.QEventLoop, settings: Settings, files: WindowFiles,
    tmp_path: Path,
) -> MainWindow:  # fmt: skip
    settings.set(keys.LAST_EXPORT_FOLDER, str(tmp_path))
    window = MainWindow(
        MemoryArchive(sample_collections(), ROSTER), None, MessageBridge(), settings,
        sample=True, tz=TZ, conversation_text=export_text, files=files,
    )  # fmt: skip
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    settle(window)
    return window


def test_export_writes_the_chosen_contacts_conversations_as_a_web_page(
    shown: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    choose_contact(shown, "juliet@capulet.example")
    shown.act["export_archive"].trigger()
    export = dialog(qtbot, "exportArchiveDialog")
    assert export.scope.currentData() == "contact"  # type: ignore[attr-defined]
    suggested = Path(export.path.text())  # type: ignore[attr-defined]
    assert suggested.parent == tmp_path
    assert suggested.name.startswith(f"{OWNER}-juliet@capulet.example-")
    assert suggested.suffix == ".html"
    export.buttons.button(QDialogButtonBox.StandardButton.Ok).click()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: no_dialog("exportArchiveDialog"), timeout=10000)
    page = suggested.read_text(encoding="utf-8")
    assert "Conversation with Juliet (juliet@capulet.example" in page
    assert "Mercutio" not in page
    assert stat.S_IMODE(suggested.stat().st_mode) == 0o600
    assert "Exported" in shown.statusBar().currentMessage()


def test_an_opened_portable_export_is_browsed_with_its_names(
    shown: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    start = datetime(2024, 5, 1, 18, 0, tzinfo=UTC)
    talk = Collection(CollectionId(start, "tybalt@capulet.example/sword"), items=(
        Message(Direction.FROM, start, "Thou wretched boy"),
        Message(Direction.TO, start + timedelta(seconds=30), "This shall determine that"),
    ))  # fmt: skip
    path = tmp_path / "romeo@montague.example.xml"
    write_account(PortableAccount(
        OWNER, roster=(RosterItem("tybalt@capulet.example", "Tybalt", ("Capulets",), "both"),),
        archive=tuple(archived_messages([talk], OWNER)),
    ), path)  # fmt: skip
    assert shown.files is not None
    task = asyncio.ensure_future(shown.files.open_path(path))
    qtbot.waitUntil(task.done, timeout=10000)
    task.result()
    settle(shown)
    labels = [
        shown.contact_filter_model.index(r, 0).data()
        for r in range(shown.contact_filter_model.rowCount())
    ]
    assert any("Tybalt" in str(label) for label in labels)
    assert path.name in shown.windowTitle()
    assert not shown.act["sync"].isEnabled()  # read-only
    shown.focus_search()
    shown.search.field.setText("wretched")
    shown.search.run()
    qtbot.waitUntil(lambda: shown.search.model.rowCount() == 1)


def pick(qtbot: QtBot, picker: QFileDialog, path: Path) -> None:
    """What a user does in the file dialog: types the file's name, then presses Enter."""
    name = picker.findChild(QLineEdit, "fileNameEdit")
    assert name is not None
    qtbot.keyClicks(name, path.name)
    qtbot.keyClick(name, Qt.Key.Key_Return)


def _portable_export(path: Path) -> Path:
    start = datetime(2024, 5, 1, 18, 0, tzinfo=UTC)
    talk = Collection(CollectionId(start, "tybalt@capulet.example"), items=(
        Message(Direction.FROM, start, "Thou wretched boy"),
    ))  # fmt: skip
    write_account(PortableAccount(
        OWNER, roster=(RosterItem("tybalt@capulet.example", "Tybalt", (), "both"),),
        archive=tuple(archived_messages([talk], OWNER)),
    ), path)  # fmt: skip
    return path


def test_open_archive_file_asks_in_the_last_export_folder_and_browses_the_file_picked(
    shown: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    path = _portable_export(tmp_path / "romeo@montague.example.xml")
    shown.act["open_file"].trigger()
    picker = dialog(qtbot, "openArchiveDialog")
    assert isinstance(picker, QFileDialog)
    assert Path(picker.directory().absolutePath()) == tmp_path
    assert picker.windowTitle() == "Open archive file"
    pick(qtbot, picker, path)
    qtbot.waitUntil(lambda: path.name in shown.windowTitle(), timeout=10000)
    settle(shown)
    labels = [
        shown.contact_filter_model.index(r, 0).data()
        for r in range(shown.contact_filter_model.rowCount())
    ]
    assert any("Tybalt" in str(label) for label in labels)


def test_cancelling_open_archive_file_leaves_the_window_as_it_was(
    shown: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    _portable_export(tmp_path / "romeo@montague.example.xml")
    title = shown.windowTitle()
    shown.act["open_file"].trigger()
    dialog(qtbot, "openArchiveDialog").reject()
    qtbot.waitUntil(lambda: no_dialog("openArchiveDialog"))
    qtbot.wait(100)
    assert shown.windowTitle() == title
    assert "Reading" not in shown.statusBar().currentMessage()
