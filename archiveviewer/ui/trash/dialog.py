"""The Trash dialog: what was removed, Restore, Delete for good, Empty, and how long it keeps."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from archiveviewer.domain import CollectionId
from archiveviewer.ports.trash import TrashRow, TrashView


class TrashDialog(QDialog):
    """Lists the trash; its buttons emit what the user asked, the entry runs it."""

    restore_requested = Signal()
    delete_requested = Signal()
    empty_requested = Signal()
    keep_changed = Signal(int)

    def __init__(self, parent: QWidget, tz: tzinfo | None, name_of: Callable[[str], str]) -> None:
        super().__init__(parent)
        self.setObjectName("trashDialog")
        self.setWindowTitle(self.tr("Trash"))
        self._tz = tz
        self._name_of = name_of
        self._rows: tuple[TrashRow, ...] = ()
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("trashTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("With"),
                self.tr("Started"),
                self.tr("Messages"),
                self.tr("Removed"),
                self.tr("Kept until"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.keep = QSpinBox()
        self.keep.setObjectName("trashKeepDays")
        self.keep.setRange(1, 3650)
        self.keep.setSuffix(self.tr(" days"))
        self.restore = QPushButton(self.tr("&Restore on the server"))
        self.restore.setObjectName("trashRestore")
        self.delete = QPushButton(self.tr("&Delete for good"))
        self.empty = QPushButton(self.tr("&Empty trash"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self._lay_out()
        self.restore.clicked.connect(self.restore_requested)
        self.delete.clicked.connect(self.delete_requested)
        self.empty.clicked.connect(self.empty_requested)
        self.keep.editingFinished.connect(lambda: self.keep_changed.emit(self.keep.value()))
        self.buttons.rejected.connect(self.reject)
        self.table.itemSelectionChanged.connect(self._update_buttons)

    def _lay_out(self) -> None:
        keep = QHBoxLayout()
        label = QLabel(self.tr("&Keep removed conversations for"))
        label.setBuddy(self.keep)
        keep.addWidget(label)
        keep.addWidget(self.keep)
        keep.addStretch(1)
        actions = QHBoxLayout()
        for button in (self.restore, self.delete, self.empty):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(keep)
        layout.addLayout(actions)
        self.resize(760, 420)

    def show_view(self, view: TrashView) -> None:
        """Show what the trash holds now."""
        self._rows = view.rows
        self.keep.setValue(view.keep_days)
        self.intro.setText(
            self.tr(
                "Conversations removed from the server, here or by another client, wait here "
                "for %n day(s). "
                "Restore puts them back on the server, encrypted ones as they were.",
                "",
                view.keep_days,
            )
            if view.rows
            else self.tr("The trash is empty.")
        )
        self.table.setRowCount(len(view.rows))
        for number, row in enumerate(view.rows):
            texts = (
                self._who(row), self._when(row.id.start), str(row.messages),
                self._removed(row), self._when(row.expires, time=False),
            )  # fmt: skip
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                elsewhere = (
                    self.tr("A sync found it removed on the server, by another client.")
                    if row.removed_elsewhere
                    else ""
                )
                if column == 0 and (row.preview or elsewhere):
                    item.setToolTip("\n".join(t for t in (row.preview, elsewhere) if t))
                if column == 3 and elsewhere:
                    item.setToolTip(elsewhere)
                if column == 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(number, column, item)
        if view.rows:
            self.table.selectRow(0)
        self._update_buttons()

    def _who(self, row: TrashRow) -> str:
        name = self._name_of(row.id.with_jid)
        about = f" — “{row.subject or row.preview}”" if row.subject or row.preview else ""
        lock = " 🔒" if row.encrypted else ""
        return f"{name}{lock}{about}"

    def _removed(self, row: TrashRow) -> str:
        when = self._when(row.removed_at)
        return self.tr("%1, on the server").replace("%1", when) if row.removed_elsewhere else when

    def _when(self, moment: datetime, *, time: bool = True) -> str:
        local = moment.astimezone(self._tz)
        return local.strftime("%Y-%m-%d %H:%M" if time else "%Y-%m-%d")

    def selected(self) -> list[CollectionId]:
        """The conversations selected in the list."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self._rows[n].id for n in rows if n < len(self._rows)]

    def _update_buttons(self) -> None:
        chosen = bool(self.selected())
        self.restore.setEnabled(chosen)
        self.delete.setEnabled(chosen)
        self.empty.setEnabled(bool(self._rows))

    def busy(self, running: bool) -> None:
        """While a request runs, the buttons wait."""
        for widget in (self.restore, self.delete, self.empty, self.keep):
            widget.setEnabled(not running)
        if not running:
            self._update_buttons()
