"""The one path for messages to the user.

Anything that wants to tell the user something calls :class:`MessageBridge`:
``info`` goes to the status bar, ``error`` to a dialog. A ``KnownError``
shows its ``user_message``; any other exception is a bug and shows "Something
went wrong" with the details one click away, never a traceback in the window.
"""

from __future__ import annotations

import logging
import traceback

from PySide6.QtCore import QObject, Signal

from archiveviewer.errors import KnownError
from archiveviewer.ui.i18n import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

BUG_SENTENCE = QT_TRANSLATE_NOOP(
    "MessageBridge",
    "Something went wrong. This is a bug in archiveviewer; please copy the details and report it.",
)


class MessageBridge(QObject):
    """Turns messages and exceptions into signals the window shows.

    ``infoShown(text)`` is for the status bar; ``errorShown(text, details)``
    is for a dialog, with ``details`` empty for a known error and the
    traceback for a bug.
    """

    infoShown = Signal(str)
    errorShown = Signal(str, str)

    def info(self, text: str) -> None:
        """A passing piece of news, such as "Sync finished"."""
        self.infoShown.emit(text)

    def error(self, error: BaseException) -> None:
        """A failure that needs the user's attention."""
        if isinstance(error, KnownError):
            log.info("known error: %s", error.user_message)
            self.errorShown.emit(error.user_message, "")
            return
        details = "".join(traceback.format_exception(error))
        log.error("unexpected error\n%s", details)
        self.errorShown.emit(self.tr(BUG_SENTENCE), details)
