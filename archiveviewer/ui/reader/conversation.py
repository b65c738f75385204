"""The open conversation: one row per item (message, note or encrypted part).

Rows are the collection's items in order, so a row number is the item's
ordinal, the number search hits carry.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QGuiApplication

from archiveviewer.domain import (
    Collection,
    Direction,
    EncryptedItem,
    Item,
    Message,
    Note,
    speaker,
)
from archiveviewer.ui.roles import ValueRole
from archiveviewer.ui.timefmt import format_day_time, format_time

Index = QModelIndex | QPersistentModelIndex

ENCRYPTED_TEXT = "Encrypted message: choose Decrypt to read it."


def item_text(item: Item, contact_name: str, own_name: str = "me") -> str:
    """The item as one line of plain text, without its time; the user is ``own_name``."""
    if isinstance(item, Message):
        who = own_name if item.direction is Direction.TO else speaker(item, contact_name)
        return f"{who}: {item.body or ''}"
    if isinstance(item, Note):
        return f"Note: {item.text}"
    return ENCRYPTED_TEXT


def _item_time(item: Item) -> datetime | None:
    if isinstance(item, Message | Note):
        return item.time
    return None


class ConversationModel(QAbstractListModel):
    """The items of one collection, in order."""

    def __init__(
        self,
        tz: tzinfo | None,
        name_of: Callable[[str], str],
        parent: QObject | None = None,
        own_name: Callable[[], str] = lambda: "me",
    ) -> None:
        super().__init__(parent)
        self._tz = tz
        self._name_of = name_of
        self._own_name = own_name
        self._collection: Collection | None = None

    @property
    def collection(self) -> Collection | None:
        """The collection shown, if any."""
        return self._collection

    def set_tz(self, tz: tzinfo | None) -> None:
        """Show times in ``tz`` from now on."""
        self.beginResetModel()
        self._tz = tz
        self.endResetModel()

    def set_collection(self, collection: Collection | None) -> None:
        """Show this collection (None: nothing)."""
        self.beginResetModel()
        self._collection = collection
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._collection is None:
            return 0
        return len(self._collection.items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if self._collection is None or not index.isValid():
            return None
        if not 0 <= index.row() < len(self._collection.items):
            return None
        item = self._collection.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._line(item)
        if role == ValueRole:
            return item
        if role == Qt.ItemDataRole.FontRole and not isinstance(item, Message):
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and isinstance(item, Note):
            return QGuiApplication.palette().alternateBase()
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item)
        return None

    def _line(self, item: Item) -> str:
        assert self._collection is not None
        time = _item_time(item)
        stamp = format_time(time, self._tz) if time is not None else "        "
        contact = self._name_of(self._collection.with_jid)
        return f"{stamp}   {item_text(item, contact, self._own_name())}"

    def _tooltip(self, item: Item) -> str | None:
        if isinstance(item, Note):
            return "A private note you added"
        if isinstance(item, EncryptedItem):
            return "Encrypted with key " + (item.key_name or "(unnamed)")
        if isinstance(item, Message):
            return format_day_time(item.time, self._tz)
        return None
