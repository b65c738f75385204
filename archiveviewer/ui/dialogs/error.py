"""How an error reaches the user: a sentence, and for a bug the details one click away."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget


class ErrorDialog(QMessageBox):
    """Shows a sentence; for a bug, "Copy details" puts the traceback on the clipboard."""

    def __init__(self, text: str, details: str, parent: QWidget | None = None) -> None:
        super().__init__(
            QMessageBox.Icon.Warning, "archiveviewer", text, QMessageBox.StandardButton.Ok, parent
        )
        self.setObjectName("error")
        self.details = details
        self.copy_button: QPushButton | None = None
        if details:
            self.copy_button = QPushButton(self.tr("Copy details"))
            self.addButton(self.copy_button, QMessageBox.ButtonRole.ActionRole)
            self.copy_button.clicked.connect(self.copy_details)

    def copy_details(self) -> None:
        """Put the technical details on the clipboard."""
        QApplication.clipboard().setText(self.details)
