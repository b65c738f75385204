"""Asking for a key's passphrase: an existing one, or a new one typed twice."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from archiveviewer.errors import KnownError
from archiveviewer.ui.dialogs.asking import ask, ask_text


def _secret_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    return field


class NewPassphraseDialog(QDialog):
    """A new passphrase, typed twice; OK only once both are the same and not empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newPassphrase")
        self.setWindowTitle(self.tr("New passphrase"))
        self.first = _secret_field(self.tr("Passphrase"))
        self.second = _secret_field(self.tr("The same passphrase again"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        explain = QLabel(
            self.tr("The private key is stored on this computer protected by this passphrase.")
        )
        explain.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Passphrase:"), self.first)
        form.addRow(self.tr("Again:"), self.second)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.first.textChanged.connect(self._check)
        self.second.textChanged.connect(self._check)
        self._check()

    def value(self) -> str:
        """The passphrase entered."""
        return self.first.text()

    def _check(self) -> None:
        same = bool(self.first.text()) and self.first.text() == self.second.text()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(same)


class KeyPassphraseDialog(QDialog):
    """An existing passphrase of a key or a key file; ``text`` says which."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyPassphrase")
        self.setWindowTitle(self.tr("Passphrase"))
        self.field = _secret_field(self.tr("Passphrase"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        label = QLabel(text)
        label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.field)
        layout.addWidget(buttons)


async def ask_passphrase(parent: QWidget, text: str) -> str | None:
    """An existing passphrase; None if cancelled."""
    dialog = KeyPassphraseDialog(text, parent)
    value = dialog.field.text
    if await ask(dialog) != QDialog.DialogCode.Accepted:
        return None
    return value()


def _tr(text: str) -> str:
    # The Keys window's context: these questions are its own.
    return QCoreApplication.translate("KeysWindow", text)


async def ask_key_name(parent: QWidget, title: str, current: str) -> str | None:
    """A key's name (empty: its fingerprint); None if cancelled."""
    label = _tr("Name (what the encrypted conversations call this key; empty: its fingerprint):")
    text = await ask_text(parent, title, label, current, False)
    return None if text is None else text.strip()


async def ask_new_passphrase(parent: QWidget) -> str | None:
    """A new passphrase, typed twice; None if cancelled."""
    dialog = NewPassphraseDialog(parent)
    value = dialog.value
    if await ask(dialog) != QDialog.DialogCode.Accepted:
        return None
    passphrase = value()
    if not passphrase:
        raise KnownError(_tr("A passphrase is needed to protect the private key."))
    return passphrase
