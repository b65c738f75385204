"""Telling the user, once, what their server was seen to do (it drops notes, ignores ``open``…).

The services find it out and keep it per server (so it is told on the first
run only); :class:`ServerNotices` is the window's ``NoticeListener``. It words
each finding in the user's language, puts it in the status bar and opens a small
window that does not stop the user's work (not modal: nothing waits for it).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from archiveviewer.ports.notices import ServerNotice
from archiveviewer.ui.i18n import QT_TRANSLATE_NOOP
from archiveviewer.ui.messages import MessageBridge

#: The window's words for each finding (``ServerNotice.finding``).
SENTENCES = {
    "drops_notes": QT_TRANSLATE_NOOP(
        "ServerNotices",
        "This server accepts notes but does not keep them: notes you add are not stored "
        "on the server.",
    ),
    "ignores_open": QT_TRANSLATE_NOOP(
        "ServerNotices",
        "This server ignores “only the conversations being recorded” when removing: "
        "archiveviewer will not ask it to remove those, as it would remove everything.",
    ),
    "removes_more": QT_TRANSLATE_NOOP(
        "ServerNotices",
        "This server removes more than the one conversation asked for: archiveviewer "
        "checks every removal and tells you what else went.",
    ),
}


class ServerNotices(QObject):
    """Shows each :class:`ServerNotice` in the status bar and in a small window."""

    def __init__(self, window: QWidget, bridge: MessageBridge) -> None:
        super().__init__(window)
        self._window = window
        self._bridge = bridge

    def show_notice(self, notice: ServerNotice) -> None:
        """Tell the user what the server does; the services call this once per finding."""
        known = SENTENCES.get(notice.finding)
        sentence = self.tr(known) if known else notice.sentence
        self._bridge.info(sentence)
        title = self.tr("About your server")
        remembered = self.tr(
            "archiveviewer remembers this about %1, so this notice is not shown again."
        )
        text = f"{sentence}\n\n{remembered.replace('%1', notice.server)}"
        box = QMessageBox(
            QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, self._window
        )
        box.setObjectName("serverNotice")
        box.setWindowModality(Qt.WindowModality.NonModal)  # news: nothing waits for it
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.show()
