"""Archive → Trash… and Archive → Restore bookmarks and private XML…, offscreen.

The trash runs on the real services and a real local copy; only the server
is a stand-in that records what manual archiving stores (the real server is
in tests/integration/test_trash.py). The restore preview is shown from a
preview value and restores through a stand-in that records the choice.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import qasync
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog
from pytestqt.qtbot import QtBot

from archiveviewer.domain import Collection, CollectionId, Direction, Message, SaveMode
from archiveviewer.formats.text import export_text
from archiveviewer.ports.restore import Change, RestoreDone, RestoreItem, RestorePreview
from archiveviewer.services.connection import Connection
from archiveviewer.services.memory import MemoryArchive
from archiveviewer.services.trash import TrashCommands
from archiveviewer.services.worker import Worker
from archiveviewer.store import Replica
from archiveviewer.ui.files.restore import RestoreEntry
from archiveviewer.ui.messages import MessageBridge
from archiveviewer.ui.settings import Settings
from archiveviewer.ui.threads import QtExecutor
from archiveviewer.ui.trash import TrashEntry
from archiveviewer.ui.window import MainWindow
from tests.gui.conftest import TZ, dialog, no_dialog
from tests.gui.sample_data import ROSTER, sample_collections
from tests.gui.test_files import pick
from tests.gui.test_window import button, settle

T = datetime(2024, 3, 1, 20, 0, tzinfo=UTC)
BALCONY = Collection(CollectionId(T, "juliet@capulet.example/balcony"), items=(
    Message(Direction.FROM, T, "Art thou not Romeo?"),
))  # fmt: skip
NURSE = Collection(CollectionId(T + timedelta(days=1), "nurse@capulet.example"), items=(
    Message(Direction.FROM, T + timedelta(days=1), "Madam!"),
))  # fmt: skip


class _Server:
    """Stands in for the session: connected, its archive records what is stored."""

    connected = True

    def __init__(self) -> None:
        self.archive = self
        self.stored: list[Collection] = []

    async def list_pages(self, with_: str | None = None) -> AsyncIterator[Any]:
        return
        yield

    async def store(
        self, collection: Collection, *, save: SaveMode = SaveMode.BODY, from_item: int = 0
    ) -> None:
        self.stored.append(collection)


@pytest.fixture
def shown(qtbot: QtBot, event_loop_qt: qasync.QEventLoop, settings: Settings) -> MainWindow:
    window = MainWindow(
        MemoryArchive(sample_collections(), ROSTER), None, MessageBridge(), settings,
        sample=True, tz=TZ, conversation_text=export_text,
    )  # fmt: skip
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    settle(window)
    return window


@pytest.fixture
def trash(tmp_path: Path) -> Iterator[tuple[TrashCommands, _Server, Replica]]:
    worker = Worker(executor=QtExecutor(2))
    with Replica(tmp_path / "replica.sqlite3") as replica:
        for collection in (BALCONY, NURSE):
            replica.replace_collection(collection)
            replica.move_to_trash(collection.id, datetime.now(UTC) - timedelta(days=2))
        server, connection = _Server(), Connection()
        connection.network = server  # type: ignore[assignment]
        yield TrashCommands(replica, connection, worker), server, replica
    worker.shutdown()


def test_the_trash_restores_the_chosen_conversation_and_empties_the_rest(
    shown: MainWindow, qtbot: QtBot, trash: tuple[TrashCommands, _Server, Replica]
) -> None:
    commands, server, replica = trash
    entry = TrashEntry(shown.act["trash"], shown, shown.bridge, shown.name_of, TZ)
    entry.source = lambda: commands
    shown.act["trash"].trigger()
    box: Any = dialog(qtbot, "trashDialog")
    qtbot.waitUntil(lambda: box.table.rowCount() == 2)
    assert box.table.item(0, 0).text().startswith("nurse@capulet.example")  # newest removal first
    assert "30 days" in box.intro.text()
    box.table.selectRow(1)
    box.restore.click()
    qtbot.waitUntil(lambda: box.table.rowCount() == 1, timeout=5000)
    assert server.stored == [BALCONY]
    assert replica.collection(BALCONY.id) == BALCONY
    assert "Restored 1 conversation" in shown.statusBar().currentMessage()

    box.empty.click()
    button(dialog(qtbot, "confirm"), "Delete for good").click()  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: box.table.rowCount() == 0, timeout=5000)
    assert box.intro.text() == "The trash is empty."
    assert replica.trashed() == []
    box.buttons.button(QDialogButtonBox.StandardButton.Close).click()
    qtbot.waitUntil(lambda: no_dialog("trashDialog"))


def test_a_conversation_another_client_removed_says_so(
    shown: MainWindow, qtbot: QtBot, trash: tuple[TrashCommands, _Server, Replica]
) -> None:
    commands, _server, replica = trash
    later = Collection(CollectionId(T + timedelta(days=2), "tybalt@capulet.example"), items=(
        Message(Direction.FROM, T + timedelta(days=2), "Boy, this shall not excuse"),
    ))  # fmt: skip
    replica.replace_collection(later)
    replica.apply([], [later.id], cursor="")  # what a sync does when another client removed it
    entry = TrashEntry(shown.act["trash"], shown, shown.bridge, shown.name_of, TZ)
    entry.source = lambda: commands
    shown.act["trash"].trigger()
    box: Any = dialog(qtbot, "trashDialog")
    qtbot.waitUntil(lambda: box.table.rowCount() == 3)
    assert box.table.item(0, 0).text().startswith("tybalt@capulet.example")
    assert box.table.item(0, 3).text().endswith(", on the server")
    assert "removed on the server, by another client" in box.table.item(0, 0).toolTip()
    assert not box.table.item(1, 3).text().endswith("on the server")  # removed here
    box.buttons.button(QDialogButtonBox.StandardButton.Close).click()
    qtbot.waitUntil(lambda: no_dialog("trashDialog"))


class _Restorer:
    def __init__(self, preview: RestorePreview) -> None:
        self._preview = preview
        self.replaced: list[bool] = []
        self.previewed: list[Path] = []

    async def preview(self, path: Path) -> RestorePreview:
        self.previewed.append(path)
        return self._preview

    async def restore(self, preview: RestorePreview, *, replace_private: bool) -> RestoreDone:
        self.replaced.append(replace_private)
        return RestoreDone(1, 1, 2 if replace_private else 1)


PREVIEW = RestorePreview(Path("romeo.xml"), "romeo@montague.example", (
    RestoreItem("bookmark", "verona@conference.example", Change.UPDATE, "Verona"),
    RestoreItem("bookmark", "mantua@conference.example", Change.ADD, "Mantua"),
    RestoreItem("private", "exodus:prefs", Change.DIFFERS),
    RestoreItem("private", "urn:example:notes", Change.ADD),
))  # fmt: skip


def test_the_restore_preview_says_what_changes_and_replaces_only_when_asked(
    shown: MainWindow, qtbot: QtBot
) -> None:
    entry = RestoreEntry(shown.act["restore_portable"], shown, shown.bridge, Path.home)
    restorer = _Restorer(PREVIEW)
    entry.source = lambda: restorer
    task = qasync.asyncio.ensure_future(entry.restore_path(Path("romeo.xml")))
    box: Any = dialog(qtbot, "restorePreview")
    changes = [box.table.item(row, 2).text() for row in range(box.table.rowCount())]
    assert changes == [
        "merged with the server's", "added", "differs on the server: the server's is kept", "added",
    ]  # fmt: skip
    box.replace.setChecked(True)
    assert box.table.item(2, 2).text() == "differs on the server: replaced by the file's"
    box.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(task.done, timeout=5000)
    assert restorer.replaced == [True]
    assert "1 bookmarks added, 1 merged, 2 private XML" in shown.statusBar().currentMessage()


def test_restore_asks_for_an_export_in_the_folder_given_and_previews_the_file_picked(
    shown: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    export = tmp_path / "romeo.xml"
    export.write_text("<not-read-by-the-fake/>", encoding="utf-8")
    entry = RestoreEntry(shown.act["restore_portable"], shown, shown.bridge, lambda: tmp_path)
    restorer = _Restorer(PREVIEW)
    entry.source = lambda: restorer
    task = entry.choose_file()  # what the action does (the sample window disables it)
    picker = dialog(qtbot, "restoreFileDialog")
    assert isinstance(picker, QFileDialog)
    assert Path(picker.directory().absolutePath()) == tmp_path
    pick(qtbot, picker, export)
    box: Any = dialog(qtbot, "restorePreview")
    assert restorer.previewed == [export]
    box.reject()
    qtbot.waitUntil(task.done, timeout=5000)
    assert no_dialog("restorePreview")
    assert restorer.replaced == []
