"""Help → Keyboard shortcuts: every shortcut of the window, read from its actions."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from archiveviewer.ui.i18n import QT_TRANSLATE_NOOP

#: Keys of the lists that are no menu entry, as (what they do, the keys).
LIST_KEYS = (
    (
        QT_TRANSLATE_NOOP("ShortcutsDialog", "Next or previous conversation (and select it)"),
        "Up / Down, Ctrl+Up / Ctrl+Down",
    ),
    (
        QT_TRANSLATE_NOOP("ShortcutsDialog", "First or last conversation"),
        "Home / End, Ctrl+Home / Ctrl+End",
    ),
    (
        QT_TRANSLATE_NOOP("ShortcutsDialog", "Select a range of conversations"),
        "Shift+Up / Shift+Down, Shift+click",
    ),
    (
        QT_TRANSLATE_NOOP("ShortcutsDialog", "Add or remove one conversation from the selection"),
        "Ctrl+click, Ctrl+Space",
    ),
    (
        QT_TRANSLATE_NOOP(
            "ShortcutsDialog", "Move between contacts, dates, conversations and search"
        ),
        "Tab / Shift+Tab",
    ),
)


class ShortcutsDialog(QDialog):
    """A two-column table: what it does, and its keys."""

    def __init__(self, rows: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcuts")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        every = [*rows, *((self.tr(what), keys) for what, keys in LIST_KEYS)]
        self.table = QTableWidget(len(every), 2)
        self.table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Keys")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for row, (what, keys) in enumerate(every):
            self.table.setItem(row, 0, QTableWidgetItem(what))
            self.table.setItem(row, 1, QTableWidgetItem(keys))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(620, 480)
