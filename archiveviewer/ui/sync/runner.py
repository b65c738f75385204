"""Sync: bring the replica up to date, with progress and Cancel in the status bar.

The sync runs as a task on the event loop (:func:`archiveviewer.ui.threads.start`)
so that Cancel can stop it; the browser keeps working meanwhile and shows
what the sync has stored so far.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QProgressBar, QPushButton, QStatusBar

from archiveviewer.ports.archive import SyncProgress
from archiveviewer.ui import threads
from archiveviewer.ui.context import CommandContext, SurfaceCommands

#: While a sync runs, the list is read again at most this often (seconds).
SYNC_REFRESH_SECONDS = 1.0


class SyncRunner(SurfaceCommands):
    """Runs one sync at a time; puts its progress bar and Cancel button in ``bar``."""

    #: A sync started or stopped (the Sync action is available again or not).
    runningChanged = Signal()

    def __init__(self, context: CommandContext, bar: QStatusBar) -> None:
        super().__init__(context)
        self._bar = bar
        self.task: asyncio.Future[Any] | None = None
        self._cancelled = False
        self._refreshed = 0.0
        self._shown = 0
        self.progress = QProgressBar()
        self.progress.setObjectName("syncProgress")
        self.progress.setMaximumWidth(220)
        self.progress.setFormat("%v of %m")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setObjectName("cancelSync")
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        self.progress.hide()
        self.cancel_button.hide()

    @property
    def running(self) -> bool:
        """True while a sync runs."""
        return self.task is not None

    @threads.command
    async def sync(self) -> None:
        """Bring the replica up to date, with progress and Cancel in the status bar."""
        if self.task is not None:
            return
        self.task = threads.start(self._archive.server().sync(self._progress))
        self._cancelled = False
        self._started()
        try:
            result = await self.task
        except asyncio.CancelledError:
            if not self._cancelled:
                raise  # the window itself is going away
            result = None
        finally:
            self.task = None
            self._stopped()
        if result is None:
            self.bridge.info("Sync cancelled. What was already fetched is kept.")
            return
        self._browser.reload()
        finished = f"Sync finished: {result.changed} changed, {result.removed} removed."
        # The sentence naming unreadable conversations comes from below the UI, as it is.
        self.bridge.info(f"{finished} {result.unreadable}" if result.unreadable else finished)

    def cancel(self) -> None:
        """Stop the running sync (what it fetched so far stays)."""
        if self.task is not None:
            self._cancelled = True
            self.task.cancel()

    def stop(self) -> None:
        """Stop the running sync because the window closes."""
        if self.task is not None:
            self.task.cancel()

    def _progress(self, progress: SyncProgress) -> None:
        self.progress.setMaximum(progress.total or 0)
        self.progress.setValue(progress.done)
        text = (
            f"Syncing: {progress.done} of {progress.total}"
            if progress.total
            else (f"Syncing: {progress.done}")
        )
        self._bar.showMessage(f"{text} {progress.stage}".strip())
        self._refresh_during_sync(progress.done)

    def _refresh_during_sync(self, done: int) -> None:
        """Show what a running sync has stored: at once while the list is empty, then
        at most once a second, and never while the user is reading a conversation."""
        if done <= self._shown or self._pane.collection is not None:
            return
        now = time.monotonic()
        empty = self._browser.collection_model.rowCount() == 0
        if not empty and now - self._refreshed < SYNC_REFRESH_SECONDS:
            return
        self._refreshed, self._shown = now, done
        self._browser.reload()

    def _started(self) -> None:
        self._refreshed, self._shown = 0.0, 0
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.runningChanged.emit()

    def _stopped(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self._bar.clearMessage()
        self.runningChanged.emit()
