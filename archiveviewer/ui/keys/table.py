"""The Keys window's table: one row per key, with whether it is unlocked for this run."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from archiveviewer.ports.keys import KeyRow


class Column:
    """The table's columns, in order."""

    NAME, STATE, FINGERPRINT, SIZE, ADDED, OPENS, ALSO = range(7)


class KeyTable(QTableWidget):
    """Lists keys: name, locked or unlocked, fingerprint, size, added, what they open."""

    def __init__(self) -> None:
        super().__init__(0, 7)
        self.setObjectName("keysTable")
        self.rows: list[KeyRow] = []
        self.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("State"), self.tr("Fingerprint"), self.tr("Size"),
             self.tr("Added"), self.tr("Opens"), self.tr("Also called")]
        )  # fmt: skip
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        # Names and fingerprints are long: elided in the middle, whole in the tooltip.
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((160, 90, 200, 80, 90, 130)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)

    @property
    def chosen(self) -> KeyRow | None:
        """The key selected, if any."""
        row = self.currentRow()
        selected = self.selectionModel().hasSelection()
        return self.rows[row] if selected and 0 <= row < len(self.rows) else None

    def state_of(self, name: str) -> str:
        """The State cell of the key ``name`` as the user reads it ("" if not listed)."""
        for index, key in enumerate(self.rows):
            item = self.item(index, Column.STATE)
            if key.name == name and item is not None:
                return item.text()
        return ""

    def show_rows(self, rows: list[KeyRow], select: str | None = None) -> None:
        """Show ``rows``; select the key called ``select`` (else keep the selected one)."""
        keep = select or (self.chosen.name if self.chosen is not None else None)
        self.rows = rows
        self.clearSelection()
        self.setRowCount(len(rows))
        for index, key in enumerate(rows):
            added = "" if key.created is None else key.created.date().isoformat()
            opens = "" if key.opens is None else self.tr("%n conversation(s)", "", key.opens)
            state = self.tr("Unlocked") if key.unlocked else self.tr("Locked")
            also = ", ".join(key.aliases)
            cells = (key.name, state, key.fingerprint, f"RSA {key.bits}", added, opens, also)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.setItem(index, column, item)
            if key.name == keep:
                self.selectRow(index)
