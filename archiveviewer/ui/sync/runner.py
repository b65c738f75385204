"""Sync: bring the replica up to date, with progress and Cancel in the status bar.

The sync runs as a task on the event loop (:func:`archiveviewer.ui.threads.start`)
so that Cancel can stop it; the browser keeps working meanwhile and shows
what the sync has stored so far.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QProgressBar, QPushButton, QStatusBar

from archiveviewer.ports.archive import SyncProgress
from archiveviewer.ui import plural, threads
from archiveviewer.ui.context import CommandContext, SurfaceCommands
from archiveviewer.ui.i18n import QT_TRANSLATE_NOOP

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
        self._started_at = 0.0
        self.progress = QProgressBar()
        self.progress.setObjectName("syncProgress")
        self.progress.setMaximumWidth(220)
        self.progress.setFormat("%v / %m")
        self.cancel_button = QPushButton(self.tr("Cancel"))
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
            self.bridge.info(self.tr("Sync cancelled. What was already fetched is kept."))
            return
        self._browser.reload()
        finished = summary(result.changed, result.removed)
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
        elapsed = time.monotonic() - self._started_at
        total, done = progress.total, progress.done
        if total:  # the server said how many: a bar with an end, and the time left
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
            text = _tr(
                QT_TRANSLATE_NOOP("SyncRunner", "Syncing: %1 of %n conversation(s)"), total
            ).replace("%1", str(done))
            if 0 < done < total:
                left = elapsed * (total - done) / done
                text += " — " + _tr(QT_TRANSLATE_NOOP("SyncRunner", "about %1 left")).replace(
                    "%1", duration(left)
                )
        else:  # no count from the server: a busy bar and what is done so far
            self.progress.setRange(0, 0)
            text = _tr(QT_TRANSLATE_NOOP("SyncRunner", "Syncing: %n conversation(s) fetched"), done)
        text += " — " + _tr(QT_TRANSLATE_NOOP("SyncRunner", "%1 so far")).replace(
            "%1", duration(elapsed)
        )
        self._bar.showMessage(text)
        self._refresh_during_sync(done)

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
        self._started_at = time.monotonic()
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.runningChanged.emit()

    def _stopped(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self._bar.clearMessage()
        self.runningChanged.emit()


def _tr(text: str, n: int = -1) -> str:
    # The texts are marked with QT_TRANSLATE_NOOP where they are written, for lupdate.
    return plural.english(QCoreApplication.translate("SyncRunner", text, None, n), n)


def summary(changed: int, removed: int) -> str:
    """What the sync brought from the server: "Sync finished: 3 conversations new or changed
    on the server. The trash keeps 1 conversation removed on the server." """
    if not changed and not removed:
        return _tr(QT_TRANSLATE_NOOP("SyncRunner", "Sync finished: nothing changed on the server."))
    parts = [
        _tr(QT_TRANSLATE_NOOP("SyncRunner", "Sync finished: %1 on the server.")).replace(
            "%1", _tr(QT_TRANSLATE_NOOP("SyncRunner", "%n conversation(s) new or changed"), changed)
        )
        if changed
        else _tr(QT_TRANSLATE_NOOP("SyncRunner", "Sync finished."))
    ]
    if removed:
        # Removals by other clients go to the trash, so the user can look and put them back.
        parts.append(
            _tr(
                QT_TRANSLATE_NOOP(
                    "SyncRunner", "The trash keeps %n conversation(s) removed on the server."
                ),
                removed,
            )
        )
    return " ".join(parts)


def duration(seconds: float) -> str:
    """ "40 s", "3 min 5 s", "2 h 10 min" (rounded to what matters)."""
    s = round(seconds)
    if s < 60:
        return _tr(QT_TRANSLATE_NOOP("SyncRunner", "%1 s")).replace("%1", str(s))
    if s < 3600:
        return (
            _tr(QT_TRANSLATE_NOOP("SyncRunner", "%1 min %2 s"))
            .replace("%1", str(s // 60))
            .replace("%2", str(s % 60))
        )
    return (
        _tr(QT_TRANSLATE_NOOP("SyncRunner", "%1 h %2 min"))
        .replace("%1", str(s // 3600))
        .replace("%2", str(s % 3600 // 60))
    )
