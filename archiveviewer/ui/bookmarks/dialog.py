"""The dialog that adds, edits or duplicates one bookmark: a chat room or a web address.

The bookmark is built from the fields on top of the one being edited, so
whatever another client put into it (``extra``, ``extra_attrs``) is carried
unchanged; the dialog says so when there is any. The password is hidden
until the user asks to see it. "Save" checks the input through the editor's
``check`` (nothing is sent) and shows a refusal under the fields.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from archiveviewer.domain import Bookmark, Conference, UrlBookmark
from archiveviewer.errors import KnownError

#: The two kinds of bookmark, as the data of the "Kind" choice.
ROOM, URL = "room", "url"


class BookmarkDialog(QDialog):
    """Edit the fields of one bookmark; :attr:`bookmark` is the result after "Save"."""

    def __init__(
        self,
        check: Callable[[Bookmark], Bookmark],
        bookmark: Bookmark | None = None,
        *,
        title: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("bookmarkDialog")
        self.setWindowTitle(title or self.tr("Add bookmark"))
        self._check = check
        self._original = bookmark
        self.bookmark: Bookmark | None = None
        self._build()
        self._fill(bookmark)
        self._kind_changed()

    def _build(self) -> None:
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Chat room"), ROOM)
        self.kind.addItem(self.tr("Web address"), URL)
        self.name = QLineEdit()
        self.address = QLineEdit()
        self.address.setPlaceholderText("room@conference.example.org")
        self.autojoin = QCheckBox(self.tr("Join when I log in"))
        self.nick = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.reveal = QCheckBox(self.tr("Show password"))
        self.reveal.toggled.connect(self._reveal)
        form = QFormLayout()
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Address"), self.address)
        form.addRow("", self.autojoin)
        form.addRow(self.tr("Nick"), self.nick)
        form.addRow(self.tr("Password"), self.password)
        form.addRow("", self.reveal)
        self.extensions = QLabel(
            self.tr(
                "This bookmark carries data from another client that this editor does not show; it is kept unchanged when you save."  # noqa: E501  (one message for the translators)
            )
        )
        self.extensions.setWordWrap(True)
        self.refusal = QLabel()
        self.refusal.setObjectName("refusal")
        self.refusal.setWordWrap(True)
        self.refusal.setStyleSheet("color: darkred")
        self.refusal.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.extensions)
        layout.addWidget(self.refusal)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.setMinimumWidth(420)

    def _fill(self, bookmark: Bookmark | None) -> None:
        self.extensions.setVisible(bool(bookmark and (bookmark.extra or bookmark.extra_attrs)))
        if bookmark is None:
            return
        self.name.setText(bookmark.name or "")
        if isinstance(bookmark, UrlBookmark):
            self.kind.setCurrentIndex(self.kind.findData(URL))
            self.address.setText(bookmark.url)
            return
        self.address.setText(bookmark.jid)
        self.autojoin.setChecked(bookmark.autojoin)
        self.nick.setText(bookmark.nick or "")
        self.password.setText(bookmark.password or "")
        self.kind.setEnabled(False)  # a room stays a room: its extensions belong to rooms

    def _kind_changed(self) -> None:
        room = self.kind.currentData() == ROOM
        for widget in (self.autojoin, self.nick, self.password, self.reveal):
            widget.setEnabled(room)
        self.address.setPlaceholderText(
            "room@conference.example.org" if room else "https://example.org/"
        )

    def _reveal(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.password.setEchoMode(mode)

    def entered(self) -> Bookmark:
        """The bookmark as the fields say, on top of the one being edited."""
        name = self.name.text() or None
        address = self.address.text()
        if self.kind.currentData() == URL:
            base = self._original if isinstance(self._original, UrlBookmark) else None
            return replace(base or UrlBookmark(url=""), url=address, name=name)
        room = self._original if isinstance(self._original, Conference) else None
        return replace(
            room or Conference(jid=""),
            jid=address,
            name=name,
            autojoin=self.autojoin.isChecked(),
            nick=self.nick.text() or None,
            password=self.password.text() or None,
        )

    def accept(self) -> None:
        """Keep the dialog open with the refusal shown unless the input is acceptable."""
        try:
            self.bookmark = self._check(self.entered())
        except KnownError as refused:
            self.refusal.setText(refused.user_message)
            self.refusal.show()
            return
        super().accept()
