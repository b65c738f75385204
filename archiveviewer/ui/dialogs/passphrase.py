"""The question for the passphrase of the user's private keys."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget


class PassphraseDialog(QDialog):
    """Asks for the passphrase of the user's private keys."""

    def __init__(self, parent: QWidget | None = None, key_name: str | None = None) -> None:
        """``key_name``: the locked key the conversation needs, when the archive says."""
        super().__init__(parent)
        self.setObjectName("passphrase")
        self.setWindowTitle(self.tr("Decrypt"))
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        text = self.tr(
            "This conversation is encrypted. Enter the passphrase of your private key "
            "to read it. The key stays unlocked until you quit or lock it in the Keys window."
        )
        if key_name:
            text = self.tr(
                "This conversation is encrypted for your key “%1”, which is locked. Enter "
                "its passphrase to read it. The key stays unlocked until you quit or lock "
                "it in the Keys window."
            ).replace("%1", key_name)
        explain = QLabel(text)
        explain.setWordWrap(True)
        layout.addWidget(explain)
        layout.addWidget(self.passphrase)
        layout.addWidget(buttons)
