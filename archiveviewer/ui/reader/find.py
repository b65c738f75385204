"""Find within the open conversation: a field with next and previous."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from archiveviewer.ui.reader.view import ReaderView


class FindBar(QWidget):
    """Looks for the typed text in the reader; Enter goes on, Shift+Enter goes back."""

    def __init__(self, view: ReaderView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self._view = view
        self.field = QLineEdit()
        self.field.setObjectName("findField")
        self.field.setPlaceholderText(self.tr("Find in this conversation"))
        self.field.setClearButtonEnabled(True)
        self.previous = QPushButton(self.tr("&Previous"))
        self.next = QPushButton(self.tr("&Next"))
        self.status = QLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.previous)
        layout.addWidget(self.next)
        layout.addWidget(self.status)
        self.field.returnPressed.connect(self.find_next)
        self.field.textChanged.connect(self._from_start)
        self.next.clicked.connect(self.find_next)
        self.previous.clicked.connect(self.find_previous)
        QShortcut(QKeySequence(QKeySequence.StandardKey.FindNext), self, self.find_next)
        QShortcut(QKeySequence(QKeySequence.StandardKey.FindPrevious), self, self.find_previous)
        QShortcut(QKeySequence("Shift+Return"), self.field, self.find_previous)

    def find_next(self) -> bool:
        """Select the next place the text occurs (after the end, from the top)."""
        return self._say(self._view.find_text(self.field.text()))

    def find_previous(self) -> bool:
        """Select the previous place the text occurs (before the top, from the end)."""
        return self._say(self._view.find_text(self.field.text(), backward=True))

    def _from_start(self, text: str) -> None:
        # Typing looks again from the top, so the first match is the first one in the text.
        cursor = self._view.textCursor()
        cursor.setPosition(0)
        self._view.setTextCursor(cursor)
        if text:
            self.find_next()
        else:
            self.status.clear()

    def _say(self, found: bool) -> bool:
        self.status.setText("" if found else self.tr("Not found"))
        return found
