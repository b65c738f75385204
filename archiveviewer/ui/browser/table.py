"""The conversation list's view: the open conversation is always one of the selected rows.

Qt's extended selection lets Ctrl+arrows, Ctrl+Home/End and Ctrl+click move
the current row (the conversation on screen) without selecting it, so that
Delete would remove rows the user is not reading. Here a key that moves the
current row selects it, and a Ctrl+click that unselects the open row opens
one of those still selected.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from archiveviewer.ui.browser.cells import Column

Flag = QItemSelectionModel.SelectionFlag

#: Keys that move the current row.
MOVING_KEYS = frozenset(
    {
        Qt.Key.Key_Up,
        Qt.Key.Key_Down,
        Qt.Key.Key_PageUp,
        Qt.Key.Key_PageDown,
        Qt.Key.Key_Home,
        Qt.Key.Key_End,
    }
)


class CollectionTable(QTableView):
    """A table of conversations whose selection follows the open one, by key and by mouse."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)

    def setModel(self, model: object) -> None:
        super().setModel(model)  # type: ignore[arg-type]
        self.selectionModel().selectionChanged.connect(self._keep_open_row_selected)

    def selectionCommand(
        self, index: QModelIndex | QPersistentModelIndex, event: QEvent | None = None
    ) -> QItemSelectionModel.SelectionFlag:
        command = super().selectionCommand(index, event)
        if (
            isinstance(event, QKeyEvent)
            and event.key() in MOVING_KEYS
            and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            # Ctrl+arrow would only move the current row: make it the selection too.
            return Flag.ClearAndSelect | Flag.Rows
        return command

    def _keep_open_row_selected(self, _selected: QItemSelection, _gone: QItemSelection) -> None:
        selection = self.selectionModel()
        current = selection.currentIndex()
        if not current.isValid() or selection.isRowSelected(current.row(), QModelIndex()):
            return
        rows = sorted(i.row() for i in selection.selectedRows())
        if rows:
            # The open row was unselected (Ctrl+click): open a row that still is.
            selection.setCurrentIndex(self.model().index(rows[0], current.column()), Flag.NoUpdate)


def collection_table(model: QAbstractItemModel, line_height: int) -> CollectionTable:
    """The conversation list's view over ``model``: whole rows, extended selection, no grid."""
    # A table, not a tree: QTreeView lays out every row again on each page
    # that arrives (O(rows)), which stalls the UI for tenths of a second
    # once 100,000 conversations are listed; QTableView does not.
    view = CollectionTable()
    view.setObjectName("collections")
    view.setModel(model)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setCornerButtonEnabled(False)
    view.setAlternatingRowColors(True)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    rows = view.verticalHeader()
    rows.hide()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(line_height + 8)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(False)
    header.setSectionResizeMode(Column.SUBJECT, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(Column.LOCK, QHeaderView.ResizeMode.Fixed)
    header.resizeSection(Column.LOCK, 28)
    header.resizeSection(Column.CONTACT, 180)
    header.resizeSection(Column.START, 140)
    return view
