"""What the conversation list shows in each cell of a row that has been read."""

from __future__ import annotations

import enum

from PySide6.QtCore import QCoreApplication, Qt

from archiveviewer.ports.archive import CollectionRow
from archiveviewer.ui.i18n import QT_TRANSLATE_NOOP


class Column(enum.IntEnum):
    CONTACT = 0
    START = 1
    SUBJECT = 2
    LOCK = 3
    MESSAGES = 4


HEADERS = {
    Column.CONTACT: QT_TRANSLATE_NOOP("CollectionListModel", "Contact"),
    Column.START: QT_TRANSLATE_NOOP("CollectionListModel", "Started"),
    Column.SUBJECT: QT_TRANSLATE_NOOP("CollectionListModel", "Subject"),
    Column.LOCK: "",
    Column.MESSAGES: QT_TRANSLATE_NOOP("CollectionListModel", "Messages"),
}


def text(header: CollectionRow, column: Column) -> str | None:
    """The subject or the message count (the model writes names and times itself)."""
    c = header.collection
    if column == Column.SUBJECT:
        return c.subject or ""
    if column == Column.MESSAGES:
        if c.crypt and header.messages == 0:
            # Encrypted messages can only be counted once decrypted: say so, not "?".
            return QCoreApplication.translate("CollectionListModel", "encrypted")
        return str(header.messages)
    return None


def cell(header: CollectionRow, column: Column, role: int) -> object:
    """Tooltips, the lock's accessible text and the count's alignment."""
    c = header.collection
    if role == Qt.ItemDataRole.ToolTipRole:
        if column == Column.LOCK:
            return _encrypted() if c.crypt else None
        if column == Column.MESSAGES and c.crypt and header.messages == 0:
            return QCoreApplication.translate(
                "CollectionListModel", "Encrypted: the messages can be counted once decrypted"
            )
        return c.with_jid if column == Column.CONTACT else None
    if role == Qt.ItemDataRole.AccessibleTextRole and column == Column.LOCK:
        if c.crypt:
            return QCoreApplication.translate("CollectionListModel", "encrypted")
        return QCoreApplication.translate("CollectionListModel", "not encrypted")
    if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.MESSAGES:
        return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return None


def heading(section: int, role: int) -> object:
    """The column's heading, and the lock column's tooltip."""
    if not 0 <= section < len(Column):
        return None
    if role == Qt.ItemDataRole.DisplayRole:
        title = HEADERS[Column(section)]
        return QCoreApplication.translate("CollectionListModel", title) if title else title
    if role == Qt.ItemDataRole.ToolTipRole and section == Column.LOCK:
        return _encrypted()
    return None


def _encrypted() -> str:
    return QCoreApplication.translate("CollectionListModel", "Encrypted")
