"""The window's way into the preferences: the "Archiving preferences…" action and a warning.

:class:`PrefsEntry` owns the action. The composition root gives it ``source``,
which returns the current account's :class:`~archiveviewer.ports.prefs.ArchivingPreferences`
(None without an account). Triggered, it reads the preferences first and shows
the dialog only when the server has some; otherwise the reason goes to the
user and the dialog stays hidden. :meth:`PrefsEntry.stream_started` is the
security consideration "automatic archiving defaulting to on": called after
each connection, it tells the user once when the server already archives.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from archiveviewer.ports.mam_prefs import MessageArchivePrefs
from archiveviewer.ports.prefs import ArchivingPreferences, PrefsUnavailable
from archiveviewer.ui import threads
from archiveviewer.ui.dialogs.asking import ask
from archiveviewer.ui.messages import MessageBridge
from archiveviewer.ui.prefs.dialog import PrefsDialog

NO_ACCOUNT = "Add your account first: the sample archive has no server and no preferences."

PrefsSource = Callable[[], ArchivingPreferences | None]


class PrefsEntry(QObject):
    """The "Archiving preferences…" action, and the automatic-archiving warning."""

    def __init__(self, action: QAction, window: QWidget, bridge: MessageBridge) -> None:
        super().__init__(window)
        self._window = window
        self._bridge = bridge
        self.source: PrefsSource = lambda: None
        #: The current account's message-archive preferences (the MAM tab); None without one.
        self.mam_source: Callable[[], MessageArchivePrefs | None] = lambda: None
        self.dialog: PrefsDialog | None = None
        self.tasks: set[asyncio.Future[None]] = set()
        self.action = action
        self._tip = action.toolTip()
        self.action.triggered.connect(self.open)

    def open(self) -> None:
        """Read the preferences and show the dialog (or say why there is none)."""
        self._start(self._open())

    def stream_started(self) -> None:
        """After a connection: warn once if the server archives it automatically already."""
        self._start(self._warn_if_archiving())

    async def _open(self) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            return
        prefs = self.source()
        if prefs is None:
            self._bridge.info(self.tr(NO_ACCOUNT))
            self.action.setToolTip(self.tr(NO_ACCOUNT))
            return
        dialog = PrefsDialog(prefs, self._window, self.mam_source())
        try:
            await dialog.load()
        except PrefsUnavailable as unavailable:
            self.action.setToolTip(unavailable.user_message)
            dialog.deleteLater()
            raise
        self.action.setToolTip(self._tip)
        self.dialog = dialog
        try:
            await ask(dialog)
        finally:
            self.dialog = None

    async def _warn_if_archiving(self) -> None:
        prefs = self.source()
        notice = None if prefs is None else await prefs.auto_archiving_notice()
        if notice is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Automatic archiving is on"),
            notice,
            QMessageBox.StandardButton.Ok,
            self._window,
        )
        box.setObjectName("autoArchivingNotice")
        open_prefs = box.addButton(
            self.tr("Archiving preferences…"), QMessageBox.ButtonRole.ActionRole
        )
        await ask(box)
        if box.clickedButton() is open_prefs:
            self.open()

    def _start(self, work: Coroutine[Any, Any, None]) -> None:
        task = threads.start(work)
        self.tasks.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Future[None]) -> None:
        self.tasks.discard(task)
        if task.cancelled():
            return
        error = task.exception()
        if error is not None:
            self._bridge.error(error)  # a KnownError as its sentence, anything else as a bug
