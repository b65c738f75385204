"""The account list: switch to another saved account, edit or remove one, or open the sample."""

from __future__ import annotations

import enum
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from archiveviewer.ports.accounts import Account


class Choice(enum.IntEnum):
    """What the user chose in the list (the dialog's result code)."""

    CANCEL = 0
    OPEN = 10
    EDIT = 11
    REMOVE = 12
    ADD = 13
    SAMPLE = 14


class AccountList(QDialog):
    """The saved accounts, the one shown marked; buttons act on the chosen row."""

    def __init__(
        self, accounts: Sequence[Account], shown: Account | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("accounts")
        self.setWindowTitle(self.tr("Accounts"))
        self._accounts = list(accounts)
        self.list = QListWidget()
        for account in self._accounts:
            here = shown is not None and shown.jid.lower() == account.jid.lower()
            where = f" ({account.host}:{account.port or 5222})" if account.host else ""
            text = account.jid + where + ("  — " + self.tr("shown now") if here else "")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, account)
            self.list.addItem(item)
            if here:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self._accounts:
            self.list.setCurrentRow(0)
        empty = QLabel(self.tr("No account is saved yet. Add yours to see your own history."))
        empty.setWordWrap(True)
        empty.setVisible(not self._accounts)
        self.open_button = self._button(self.tr("&Open"), Choice.OPEN, True)
        self.edit_button = self._button(self.tr("&Edit…"), Choice.EDIT, True)
        self.remove_button = self._button(self.tr("&Remove…"), Choice.REMOVE, True)
        self.add_button = self._button(self.tr("&Add account…"), Choice.ADD, False)
        self.sample_button = self._button(self.tr("Open the &sample archive"), Choice.SAMPLE, False)
        self.list.itemActivated.connect(lambda _item: self.done(Choice.OPEN))
        row = QHBoxLayout()
        for button in (self.open_button, self.edit_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        other = QHBoxLayout()
        other.addWidget(self.add_button)
        other.addWidget(self.sample_button)
        other.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(empty)
        layout.addLayout(row)
        layout.addLayout(other)
        layout.addWidget(close)
        self.setMinimumWidth(460)

    def _button(self, text: str, choice: Choice, needs_row: bool) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda: self.done(choice))
        button.setEnabled(not needs_row or bool(self._accounts))
        return button

    def chosen(self) -> Account | None:
        """The account of the chosen row."""
        item = self.list.currentItem()
        if item is None:
            return None
        account: Account = item.data(Qt.ItemDataRole.UserRole)
        return account
