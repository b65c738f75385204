"""Settings → the dialog, and what the settings change while the program runs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QDialog, QWidget

from archiveviewer.ui import settings
from archiveviewer.ui.settings import Settings
from archiveviewer.ui.settings.dialog import SettingsDialog


class SettingsCommands(QObject):
    """Opens the Settings dialog; runs ``periodic_sync`` as often as the settings say.

    ``applied`` is emitted after the settings changed (the composition root regroups
    message archives when their idle gap changed).
    """

    applied = Signal()

    def __init__(
        self,
        store: Settings,
        default_folder: str,
        periodic_sync: Callable[[], None],
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self._settings = store
        self._default_folder = default_folder
        self._window = window
        self.timer = QTimer(self)
        self.timer.timeout.connect(periodic_sync)
        self.apply()

    def show(self) -> QDialog:
        """The Settings dialog (window-modal); its changes apply when OK closes it."""
        dialog = SettingsDialog(self._settings, self._default_folder, self._window)
        dialog.accepted.connect(self.apply)
        dialog.open()
        return dialog

    def apply(self) -> None:
        """Start or stop the periodic sync as the settings now say."""
        minutes = self._settings.get(settings.SYNC_INTERVAL_MINUTES)
        if minutes > 0:
            self.timer.start(minutes * 60_000)
        else:
            self.timer.stop()
        self.applied.emit()
