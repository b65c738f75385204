"""Archive → Trash…: the action, the dialog it opens, and the commands its buttons run.

The composition root gives :class:`TrashEntry` a ``source`` returning the
shown account's :class:`~archiveviewer.ports.trash.TrashBin` (None for the
sample or an opened file) and ``restored``, called after conversations went
back to the list so the window reads it again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import tzinfo

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from archiveviewer.domain import CollectionId
from archiveviewer.ports.trash import TrashBin
from archiveviewer.ui import threads
from archiveviewer.ui.dialogs.asking import ask, confirm
from archiveviewer.ui.i18n import QT_TRANSLATE_NOOP
from archiveviewer.ui.messages import MessageBridge
from archiveviewer.ui.trash.dialog import TrashDialog

NO_ACCOUNT = QT_TRANSLATE_NOOP(
    "TrashEntry", "Add your account first: the trash holds what you remove from your server."
)


class TrashEntry(QObject):
    """The "Trash…" action and its dialog (one at a time)."""

    def __init__(
        self,
        action: QAction,
        window: QWidget,
        bridge: MessageBridge,
        name_of: Callable[[str], str],
        tz: tzinfo | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self.bridge = bridge
        self._name_of = name_of
        self._tz = tz
        self.source: Callable[[], TrashBin | None] = lambda: None
        self.restored: Callable[[], None] = lambda: None
        self.dialog: TrashDialog | None = None
        self._trash: TrashBin | None = None
        action.triggered.connect(self.open)

    @threads.command
    async def open(self) -> None:
        """Show the trash (or say why there is none)."""
        if self.dialog is not None:
            self.dialog.raise_()
            return
        trash = self.source()
        if trash is None:
            self.bridge.info(self.tr(NO_ACCOUNT))
            return
        self._trash = trash
        dialog = TrashDialog(self._window, self._tz, self._name_of)
        dialog.show_view(await trash.view())
        dialog.restore_requested.connect(self.restore_selected)
        dialog.delete_requested.connect(self.delete_selected)
        dialog.empty_requested.connect(self.empty_all)
        dialog.keep_changed.connect(self.keep_for)
        self.dialog = dialog
        try:
            await ask(dialog)
        finally:
            self.dialog = None

    @threads.command
    async def restore_selected(self) -> None:
        """Put the selected conversations back on the server and in the list."""
        dialog, trash = self.dialog, self._trash
        if dialog is None or trash is None or not (chosen := dialog.selected()):
            return
        dialog.busy(True)
        try:
            summary = await trash.restore(chosen)
        finally:
            dialog.busy(False)
        dialog.show_view(await trash.view())
        self.restored()
        self.bridge.info(
            self.tr("Restored %n conversation(s) on the server.", "", len(chosen))
            if not summary.already_there
            else self.tr(
                "%n conversation(s) were on the server already.", "", summary.already_there
            )
        )

    @threads.command
    async def delete_selected(self) -> None:
        """Delete the selected conversations from the trash for good, after asking."""
        if self.dialog is not None:
            await self._delete(self.dialog.selected())

    @threads.command
    async def empty_all(self) -> None:
        """Empty the whole trash, after asking."""
        await self._delete(None)

    async def _delete(self, chosen: Sequence[CollectionId] | None) -> None:
        dialog, trash = self.dialog, self._trash
        if dialog is None or trash is None or chosen == []:
            return
        text = (
            self.tr("Empty the trash? Its conversations can then not be restored.")
            if chosen is None
            else self.tr(
                "Delete %n conversation(s) for good? They can then not be restored.",
                "",
                len(chosen),
            )
        )
        if not await confirm(dialog, self.tr("Trash"), text, self.tr("Delete for good")):
            return
        gone = await trash.empty(None if chosen is None else list(chosen))
        dialog.show_view(await trash.view())
        self.bridge.info(self.tr("%n conversation(s) deleted for good.", "", gone))

    @threads.command
    async def keep_for(self, days: int) -> None:
        """Keep removed conversations ``days`` days from now on."""
        if self.dialog is not None and self._trash is not None:
            self.dialog.show_view(await self._trash.keep_for(days))
