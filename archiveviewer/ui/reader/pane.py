"""The conversation pane: its title, the Decrypt button, the text and a find bar."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import tzinfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from archiveviewer.domain import Collection, CollectionId, with_whom
from archiveviewer.ports.archive import ConversationText
from archiveviewer.ui.reader.conversation import ConversationModel
from archiveviewer.ui.reader.find import FindBar
from archiveviewer.ui.reader.render import ConversationRenderer, Names, has_encrypted_payload
from archiveviewer.ui.reader.view import ReaderView
from archiveviewer.ui.timefmt import format_day_time, zone_label


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
        own_name: Callable[[], str] = lambda: "me",
    ) -> None:
        super().__init__(parent)
        self._tz = tz
        self._name_of = name_of
        self._own_name = own_name
        self._conversation_text = conversation_text
        self._renderer = ConversationRenderer(tz)
        self.pointed: int | None = None
        # The conversation being read to be shown (None: none is).
        self.loading: CollectionId | None = None
        #: True when decrypted text is kept in the local copy (the commands know the setting).
        self.decrypted_kept: Callable[[], bool] = lambda: False
        self.model = ConversationModel(tz, name_of, model_parent, own_name)
        self.title = QLabel(self.tr("Choose a conversation to read it."))
        self.title.setObjectName("conversationTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.decrypt_button = QPushButton(self.tr("Decrypt…"))
        self.decrypt_button.setVisible(False)
        self.view = ReaderView()
        self.find_bar = FindBar(self.view)
        self.find_bar.setVisible(False)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.decrypt_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.find_bar)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.find_bar)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.close_find)

    @property
    def tz(self) -> tzinfo | None:
        """The zone times are shown in (None: the system's)."""
        return self._tz

    def set_tz(self, tz: tzinfo | None) -> None:
        """Show times in ``tz`` from now on; the conversation shown is shown again in it."""
        self._tz = tz
        self._renderer.tz = tz
        self.model.set_tz(tz)
        self.show_collection(self.collection)

    @property
    def collection(self) -> Collection | None:
        """The conversation shown, if any."""
        return self.model.collection

    @property
    def can_decrypt(self) -> bool:
        """True when the conversation shown still holds encrypted items."""
        return has_encrypted_payload(self.model.collection)

    def is_showing(self, collection_id: CollectionId) -> bool:
        """True when the conversation shown is the one with this id."""
        shown = self.model.collection
        return shown is not None and shown.id == collection_id

    @property
    def chosen(self) -> CollectionId | None:
        """The conversation shown, or the one being read to be shown."""
        shown = self.model.collection
        return self.loading if shown is None else shown.id

    def show_loading(self, collection_id: CollectionId) -> None:
        """Show nothing but a title that says this conversation is being read."""
        self.show_collection(None)
        self.loading = collection_id
        who = html.escape(self._name_of(collection_id.with_jid))
        self.title.setText(self.tr("Loading the conversation with %1…").replace("%1", who))

    def show_collection(self, collection: Collection | None) -> None:
        """Show this conversation (None: nothing)."""
        self.loading = None
        self.model.set_collection(collection)
        self.pointed = None
        self.title.setText(self._title(collection) if collection else "")
        self.decrypt_button.setVisible(self.can_decrypt)
        if collection is None:
            self.view.clear_text()
        else:
            names = Names(self._own_name(), self._name_of(collection.with_jid))
            self.view.show_rendering(self._renderer.render(collection, names))
        self.shown.emit()

    def as_text(self) -> str | None:
        """The conversation shown as plain text (None if nothing is shown)."""
        opened = self.model.collection
        if opened is None:
            return None
        contact = self._name_of(opened.with_jid)
        return self._conversation_text(opened, contact, lambda t: format_day_time(t, self._tz))

    def point_at(self, ordinal: int, words: tuple[str, ...] = ()) -> None:
        """Scroll to the item ``ordinal``, select it, mark ``words`` and focus the text."""
        if self.view.point_at(ordinal, words):
            self.pointed = ordinal
        self.view.setFocus()

    def selected_text(self) -> str:
        """The text the user has selected, as the clipboard would get it."""
        return self.view.textCursor().selection().toPlainText()

    def open_find(self) -> None:
        """Show the find bar with the cursor in its field."""
        self.find_bar.setVisible(True)
        self.find_bar.field.setFocus()
        self.find_bar.field.selectAll()

    def close_find(self) -> None:
        """Hide the find bar and give the focus back to the text."""
        self.find_bar.setVisible(False)
        self.view.setFocus()

    def _title(self, c: Collection) -> str:
        no_subject = self.tr("No subject")
        subject = html.escape(c.subject) if c.subject else f"<i>{no_subject}</i>"
        who = html.escape(with_whom(self._name_of(c.with_jid), c.with_jid))
        when = html.escape(f"{format_day_time(c.start, self._tz)} {zone_label(c.start, self._tz)}")
        lock = self.tr(" · encrypted") if c.crypt else ""
        if c.crypt and not has_encrypted_payload(c):
            lock = (
                self.tr(" · decrypted: kept in the local copy, so search finds it")
                if self.decrypted_kept()
                else self.tr(" · decrypted in memory only: search does not find it")
            )
        started = self.tr("with %1 · started %2").replace("%1", who).replace("%2", when)
        return f"<h3>{subject}</h3>{started}{lock}"
