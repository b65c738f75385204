"""The conversation view: its title, the Decrypt button and the items, one a row."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import tzinfo

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from archiveviewer.domain import Collection, CollectionId, with_whom
from archiveviewer.ports.archive import ConversationText
from archiveviewer.ui.reader.conversation import ConversationModel
from archiveviewer.ui.timefmt import format_day_time


class ConversationPane(QWidget):
    """Shows one conversation (or none); says when another one is shown."""

    #: Another conversation, or none, is shown now.
    shown = Signal()

    def __init__(
        self,
        tz: tzinfo | None,
        name_of: Callable[[str], str],
        conversation_text: ConversationText,
        model_parent: QWidget,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._tz = tz
        self._name_of = name_of
        self._conversation_text = conversation_text
        self.model = ConversationModel(tz, name_of, model_parent)
        self.title = QLabel(self.tr("Choose a conversation to read it."))
        self.title.setObjectName("conversationTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.decrypt_button = QPushButton(self.tr("Decrypt…"))
        self.decrypt_button.setVisible(False)
        self.view = QListView()
        self.view.setObjectName("conversation")
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setUniformItemSizes(False)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.decrypt_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)

    @property
    def collection(self) -> Collection | None:
        """The conversation shown, if any."""
        return self.model.collection

    def is_showing(self, collection_id: CollectionId) -> bool:
        """True when the conversation shown is the one with this id."""
        shown = self.model.collection
        return shown is not None and shown.id == collection_id

    def show_collection(self, collection: Collection | None) -> None:
        """Show this conversation (None: nothing)."""
        self.model.set_collection(collection)
        self.title.setText(self._title(collection) if collection else "")
        self.decrypt_button.setVisible(bool(collection and collection.crypt))
        self.shown.emit()

    def as_text(self) -> str | None:
        """The conversation shown as plain text (None if nothing is shown)."""
        opened = self.model.collection
        if opened is None:
            return None
        contact = self._name_of(opened.with_jid)
        return self._conversation_text(opened, contact, lambda t: format_day_time(t, self._tz))

    def point_at(self, ordinal: int) -> None:
        """Scroll to the item ``ordinal``, select it and put the focus on the list."""
        index = self.model.index(ordinal, 0)
        if not index.isValid():
            return
        selection = self.view.selectionModel()
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.view.setFocus()

    def _title(self, c: Collection) -> str:
        subject = html.escape(c.subject) if c.subject else "<i>No subject</i>"
        who = html.escape(with_whom(self._name_of(c.with_jid), c.with_jid))
        when = html.escape(format_day_time(c.start, self._tz))
        lock = " · encrypted" if c.crypt else ""
        return f"<h3>{subject}</h3>with {who} · started {when}{lock}"
