"""Archive → Restore bookmarks and private XML…: pick an export, see what would change, restore.

:class:`RestoreEntry` owns the action. Its ``source`` (given by the
composition root) returns the connected account's
:class:`~archiveviewer.ports.restore.AccountRestore`, or None without one.
The preview lists every bookmark and private XML namespace of the file with
what restoring does to it; nothing is sent until the user presses Restore.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from archiveviewer.ports.restore import AccountRestore, Change, RestorePreview
from archiveviewer.ui import threads
from archiveviewer.ui.dialogs.asking import ask, ask_existing_file
from archiveviewer.ui.i18n import QT_TRANSLATE_NOOP
from archiveviewer.ui.messages import MessageBridge

NO_ACCOUNT = QT_TRANSLATE_NOOP(
    "RestoreEntry",
    "Connect your account first: bookmarks and private XML are restored on your server.",
)


class RestoreDialog(QDialog):
    """The preview: one line per bookmark and namespace, and whether to replace what differs."""

    def __init__(self, parent: QWidget, preview: RestorePreview) -> None:
        super().__init__(parent)
        self.setObjectName("restorePreview")
        self.setWindowTitle(self.tr("Restore from %1").replace("%1", preview.file.name))
        self._preview = preview
        self.intro = QLabel(
            self.tr(
                "Restoring adds what your server lacks and merges bookmarks it has. Nothing "
                "else on the server is touched. Exported by %1."
            ).replace("%1", preview.account)
        )
        self.intro.setWordWrap(True)
        self.table = QTableWidget(len(preview.items), 3)
        self.table.setObjectName("restoreTable")
        self.table.setHorizontalHeaderLabels([self.tr("Kind"), self.tr("Name"), self.tr("Change")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.replace = QCheckBox(self.tr("Also &replace private XML that differs on the server"))
        self.replace.setObjectName("restoreReplace")
        self.replace.setEnabled(preview.count(Change.DIFFERS) > 0)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Restore"))
        layout = QVBoxLayout(self)
        for widget in (self.intro, self.table, self.replace, self.buttons):
            layout.addWidget(widget)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.replace.toggled.connect(self._fill)
        self._fill()
        self.resize(720, 380)

    def _fill(self) -> None:
        kinds = {"bookmark": self.tr("Bookmark"), "private": self.tr("Private XML")}
        for row, item in enumerate(self._preview.items):
            cells = (kinds.get(item.kind, item.kind), item.name, self._change(item.change))
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if item.detail:
                    cell.setToolTip(item.detail)
                self.table.setItem(row, column, cell)

    def _change(self, change: Change) -> str:
        if change is Change.DIFFERS and self.replace.isChecked():
            return self.tr("differs on the server: replaced by the file's")
        return {
            Change.ADD: self.tr("added"),
            Change.UPDATE: self.tr("merged with the server's"),
            Change.UNCHANGED: self.tr("already on the server"),
            Change.DIFFERS: self.tr("differs on the server: the server's is kept"),
            Change.REFUSED: self.tr("cannot be restored"),
        }[change]


class RestoreEntry(QObject):
    """The action, the file chooser, the preview and the restore."""

    def __init__(
        self, action: QAction, window: QWidget, bridge: MessageBridge, folder: Callable[[], Path]
    ) -> None:
        super().__init__(window)
        self._window = window
        self.bridge = bridge
        self._folder = folder
        self.source: Callable[[], AccountRestore | None] = lambda: None
        self.dialog: RestoreDialog | None = None
        action.triggered.connect(self.choose_file)

    @threads.command
    async def choose_file(self) -> None:
        """Pick an export, then preview and restore it."""
        if self.source() is None:
            self.bridge.info(self.tr(NO_ACCOUNT))
            return
        path = await ask_existing_file(
            self._window,
            self.tr("Restore from export"),
            self._folder(),
            self.tr("Portable exports (*.xml);;All files (*)"),
            "restoreFileDialog",
        )
        if path is not None:
            await self.restore_path(path)

    async def restore_path(self, path: Path) -> None:
        """Show what restoring ``path`` would change; restore it if the user agrees."""
        restorer = self.source()
        if restorer is None:
            self.bridge.info(self.tr(NO_ACCOUNT))
            return
        self.bridge.info(self.tr("Comparing %1 with the server…").replace("%1", path.name))
        preview = await restorer.preview(path)
        dialog = RestoreDialog(self._window, preview)
        self.dialog = dialog
        try:
            accepted = await ask(dialog) == QDialog.DialogCode.Accepted
        finally:
            self.dialog = None
        if not accepted:
            return
        done = await restorer.restore(preview, replace_private=dialog.replace.isChecked())
        self.bridge.info(
            self.tr("Restored: %1 bookmarks added, %2 merged, %3 private XML namespaces stored.")
            .replace("%1", str(done.bookmarks_added))
            .replace("%2", str(done.bookmarks_updated))
            .replace("%3", str(done.private_stored))
        )
