"""The merged bookmark list as a Qt table: one row per bookmark, where it lives, whether in step.

A password is never a cell: the list shows only that a room has one.
"""

from __future__ import annotations

import enum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from archiveviewer.domain import Conference
from archiveviewer.ports.bookmarks import BookmarkRow
from archiveviewer.ui.i18n import QT_TRANSLATE_NOOP

Index = QModelIndex | QPersistentModelIndex
#: The row's :class:`BookmarkRow`, for any column.
RowRole = Qt.ItemDataRole.UserRole + 1


class Column(enum.IntEnum):
    """The list's columns, in order."""

    NAME = 0
    ADDRESS = 1
    AUTOJOIN = 2
    NICK = 3
    HOMES = 4
    EXTENSIONS = 5
    STATE = 6


#: Column titles, marked for the translators and translated when shown.
HEADERS = {
    Column.NAME: QT_TRANSLATE_NOOP("BookmarkTableModel", "Name"),
    Column.ADDRESS: QT_TRANSLATE_NOOP("BookmarkTableModel", "Room or address"),
    Column.AUTOJOIN: QT_TRANSLATE_NOOP("BookmarkTableModel", "Autojoin"),
    Column.NICK: QT_TRANSLATE_NOOP("BookmarkTableModel", "Nick"),
    Column.HOMES: QT_TRANSLATE_NOOP("BookmarkTableModel", "Stored in"),
    Column.EXTENSIONS: QT_TRANSLATE_NOOP("BookmarkTableModel", "Other clients' data"),
    Column.STATE: QT_TRANSLATE_NOOP("BookmarkTableModel", "State"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("BookmarkTableModel", text)


def state_text(row: BookmarkRow) -> str:
    """“in step”, or the phrases that say where the homes disagree."""
    in_step = QCoreApplication.translate("BookmarkTableModel", "in step")
    return "; ".join(row.differences) if row.differences else in_step


def cell(row: BookmarkRow, column: Column) -> str:
    """The text of one cell."""
    bookmark = row.bookmark
    if column is Column.NAME:
        return bookmark.name or ""
    if column is Column.ADDRESS:
        return row.key
    if column is Column.AUTOJOIN:
        autojoin = isinstance(bookmark, Conference) and bookmark.autojoin
        return QCoreApplication.translate("BookmarkTableModel", "yes") if autojoin else ""
    if column is Column.NICK:
        return (bookmark.nick or "") if isinstance(bookmark, Conference) else ""
    if column is Column.HOMES:
        return row.homes
    if column is Column.EXTENSIONS:
        return QCoreApplication.translate("BookmarkTableModel", "kept") if row.extensions else ""
    return state_text(row)


class BookmarkTableModel(QAbstractTableModel):
    """The rows of a :class:`~archiveviewer.ports.bookmarks.BookmarkView`."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: tuple[BookmarkRow, ...] = ()

    def set_rows(self, rows: tuple[BookmarkRow, ...]) -> None:
        """Show these rows instead."""
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_at(self, row: int) -> BookmarkRow:
        """The bookmark shown in source row ``row``."""
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's API)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's API)
        return 0 if parent.isValid() else len(Column)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == RowRole:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return cell(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and column is Column.STATE and row.differences:
            return Qt.GlobalColor.darkRed
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(HEADERS[Column(section)])
        return None


class BookmarkFilterModel(QSortFilterProxyModel):
    """Sorts by any column and keeps the rows whose name, address or nick contain the filter."""

    def __init__(self, source: BookmarkTableModel) -> None:
        super().__init__()
        self.setSourceModel(source)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)  # every column
