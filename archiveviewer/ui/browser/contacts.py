"""The contact list: roster names and groups, and every JID that has collections."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from archiveviewer.ports.archive import ContactRow
from archiveviewer.ui.roles import FilterTextRole, HtmlRole, ValueRole
from archiveviewer.ui.timefmt import format_day

Index = QModelIndex | QPersistentModelIndex


class ContactTexts(QObject):
    """The contact list's sentences (a QObject, so that lupdate finds their plural forms)."""

    def conversations(self, count: int) -> str:
        """ "1 conversation", "2 conversations", in the user's language."""
        return self.tr("%n conversation(s)", "", count)

    def synced_back(self, contact: ContactRow) -> str | None:
        """How far back a message archive's history is synced; None for other contacts."""
        if contact.synced_whole:
            return self.tr("whole history synced")
        if contact.synced_back_to is None:
            return None
        day = format_day(contact.synced_back_to.astimezone().date())
        return self.tr("history synced back to %1").replace("%1", day)


_TEXTS = ContactTexts()


def details(contact: ContactRow) -> str:
    """The JID (if a name hides it), the groups and the number of conversations."""
    parts = [contact.jid] if contact.name else []
    parts += list(contact.groups)
    parts.append(_TEXTS.conversations(contact.collections))
    if (reach := _TEXTS.synced_back(contact)) is not None:
        parts.append(reach)
    return " · ".join(parts)


def describe(contact: ContactRow) -> str:
    """Two lines: the label, then its details."""
    return f"{contact.label}\n{details(contact)}"


def describe_html(contact: ContactRow) -> str:
    """The two lines as rich text: the label in bold, the details smaller."""
    return f"<b>{html.escape(contact.label)}</b><br><small>{html.escape(details(contact))}</small>"


class ContactListModel(QAbstractListModel):
    """One row per contact, in the order the reader gives."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._contacts: list[ContactRow] = []

    def set_contacts(self, contacts: Sequence[ContactRow]) -> None:
        """Show these contacts instead of the current ones."""
        self.beginResetModel()
        self._contacts = list(contacts)
        self.endResetModel()

    def contact(self, row: int) -> ContactRow:
        """The contact on ``row``."""
        return self._contacts[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._contacts)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._contacts):
            return None
        contact = self._contacts[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return describe(contact)
        if role == Qt.ItemDataRole.ToolTipRole:
            return contact.jid
        if role == ValueRole:
            return contact
        if role == HtmlRole:
            return describe_html(contact)
        if role == FilterTextRole:
            return " ".join([contact.label, contact.jid, *contact.groups])
        return None


class ContactFilterModel(QSortFilterProxyModel):
    """Keeps the contacts whose name, JID or group contains the filter text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setFilterRole(FilterTextRole)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
