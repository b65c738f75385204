"""How the connection stands, in the status bar: a plain sentence that counts down retries."""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

from archiveviewer.ports.accounts import ConnectionStatus, Link
from archiveviewer.ui import plural


class ConnectionLabel(QLabel):
    """ "Connecting as …", "Connected as …", "Offline: … Retrying in 8 s." or "Offline: …"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectionStatus")
        self.status: ConnectionStatus | None = None
        self._retry_at = 0.0
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._render)

    @property
    def online(self) -> bool:
        """True unless a status said otherwise (a window over fakes is online)."""
        return self.status is None or self.status.online

    def show_status(self, status: ConnectionStatus) -> None:
        """Show ``status`` until the next one; a retry counts down each second."""
        self.status = status
        if status.link is Link.RETRYING and status.retry_in:
            self._retry_at = time.monotonic() + status.retry_in
            self._tick.start()
        else:
            self._tick.stop()
        self._render()

    def _render(self) -> None:
        status = self.status
        if status is None:
            return
        text = status.sentence
        if status.link is Link.RETRYING:
            left = max(0, math.ceil(self._retry_at - time.monotonic()))
            retry = (
                self.tr("Retrying in %n second(s).", "", left) if left else self.tr("Retrying now…")
            )
            text = f"{text} {plural.english(retry, left)}"
        self.setText(text)
        self.setToolTip(text)
