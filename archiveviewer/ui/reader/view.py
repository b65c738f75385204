"""The reading surface: selectable rich text, laid out a chunk at a time.

A long conversation is put into the document in chunks: the first chunk at
once (the user reads at the top), the rest on later turns of the event loop,
so opening 10,000 messages never holds the window still. Whatever needs the
whole text (find, pointing at an item far down) finishes the layout first.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QPoint, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QHelpEvent,
    QTextCursor,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QToolTip, QWidget

from archiveviewer.ui.reader.render import (
    ACTION_SCHEME,
    DECRYPT_LINK,
    DELETE_NOTE,
    EDIT_NOTE,
    Rendering,
)

#: Paragraphs put in at once when a conversation opens (a tall screenful).
FIRST_CHUNK = 60
#: Paragraphs put in at a time on later turns of the event loop.
LATER_CHUNK = 2
#: Paragraphs removed at a time from a document no longer shown.
RETIRE_CHUNK = 40
#: How long one later turn may work (seconds): on a busy machine a fixed number of
#: paragraphs can take several times longer, so each turn stops at a time, not a count,
#: and the window answers within 50 ms even so.
SLICE_SECONDS = 0.006
#: How often the scrollbar is repainted while the text grows (seconds): its slider
#: changes size with every chunk and drawing it again costs more than the chunk.
BAR_PAINT_SECONDS = 0.25
#: The links the desktop may open; anything else in an archive is not followed.
OPENABLE = frozenset({"http", "https", "mailto", "xmpp"})


class ReaderView(QTextBrowser):
    """Shows a :class:`Rendering`; says when the user asks to decrypt in place."""

    #: The user chose Decrypt in the text.
    decryptRequested = Signal()
    #: The user chose "edit" or "delete" after a note (its item's ordinal).
    noteEditRequested = Signal(int)
    noteDeleteRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conversation")
        self.setOpenLinks(False)
        self.setUndoRedoEnabled(False)
        self.setDocument(self._new_document(""))
        self.anchorClicked.connect(self._follow)
        self._rendering = Rendering()
        self._retired: list[QTextDocument] = []
        self._bar_painted = 0.0
        self._pointed: int | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._append_next)

    # -- content ---------------------------------------------------------------------

    def show_rendering(self, rendering: Rendering) -> None:
        """Replace the text; the first chunk now, the others soon after."""
        self._timer.stop()
        self._rendering = rendering
        self._pointed = None
        self.setExtraSelections([])
        # A fresh document: emptying one that holds 10,000 paragraphs costs a third of a second.
        old = self.document()
        self.setDocument(self._new_document(rendering.take(FIRST_CHUNK)))
        self._retired.append(old)
        self._timer.start()

    def _new_document(self, first: str) -> QTextDocument:
        doc = QTextDocument(self)
        doc.setUndoRedoEnabled(False)
        doc.setDefaultFont(self.font())
        option = doc.defaultTextOption()
        # A URL or a word longer than the pane breaks where it must instead of widening it.
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        doc.setDefaultTextOption(option)
        doc.setHtml(first)
        return doc

    def clear_text(self) -> None:
        """Show nothing."""
        self.show_rendering(Rendering())

    @property
    def complete(self) -> bool:
        """True when every chunk is in the document."""
        return self._rendering.done

    @property
    def settled(self) -> bool:
        """True when every chunk is in and every document no longer shown is gone."""
        return self._rendering.done and not self._retired

    def finish(self, ordinal: int | None = None) -> None:
        """Put the rest in now, or as far as item ``ordinal`` (find and pointing need it)."""
        self._timer.stop()
        while not self._rendering.done and (
            ordinal is None or ordinal not in self._rendering.block_of
        ):
            self._append(self._rendering.take(LATER_CHUNK))
        # One more: a cursor at the very end of the text would move on with what goes in next.
        self._append(self._rendering.take(LATER_CHUNK))
        self.verticalScrollBar().setUpdatesEnabled(True)
        self._timer.start()

    def _append_next(self) -> None:
        now = time.perf_counter()
        deadline = now + SLICE_SECONDS
        bar = self.verticalScrollBar()
        bar.setUpdatesEnabled(self._rendering.done or now - self._bar_painted > BAR_PAINT_SECONDS)
        if bar.updatesEnabled():
            self._bar_painted = now
        while time.perf_counter() < deadline:
            if not self._rendering.done:
                self._append(self._rendering.take(LATER_CHUNK))
            elif self._retired:
                self._dismantle(self._retired[0])
            else:
                bar.setUpdatesEnabled(True)
                if self._pointed is not None:
                    self._center(self._pointed)
                    self._pointed = None
                return
        self._timer.start()

    def _dismantle(self, doc: QTextDocument) -> None:
        """Empty a document no longer shown a piece at a time: deleting it whole stalls."""
        if doc.blockCount() <= 1:
            self._retired.pop(0)
            doc.deleteLater()
            return
        cursor = QTextCursor(doc)
        cursor.movePosition(QTextCursor.MoveOperation.End)
        start = doc.findBlockByNumber(max(0, doc.blockCount() - RETIRE_CHUNK)).position()
        cursor.setPosition(start, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()

    def _append(self, chunk: str) -> None:
        if not chunk:
            return
        bar = self.verticalScrollBar()
        kept = bar.value()
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.beginEditBlock()  # one change for the layout to follow, not two
        cursor.insertBlock()
        cursor.insertHtml(chunk)
        cursor.endEditBlock()
        bar.setValue(kept)

    # -- items -----------------------------------------------------------------------

    def item_cursor(self, ordinal: int) -> QTextCursor | None:
        """A cursor selecting the paragraph of item ``ordinal`` (None: not shown)."""
        self.finish(ordinal)
        block_number = self._rendering.block_of.get(ordinal)
        if block_number is None:
            return None
        block = self.document().findBlockByNumber(block_number)
        if not block.isValid():
            return None
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def point_at(self, ordinal: int, words: tuple[str, ...] = ()) -> bool:
        """Select item ``ordinal``, scroll it to the middle, mark ``words`` in it."""
        cursor = self.item_cursor(ordinal)
        if cursor is None:
            return False
        self.setTextCursor(cursor)
        self.setExtraSelections(self._marks(cursor, words))
        self._center(ordinal)
        # The scrollbar's range follows the layout only later: centre it again once the
        # text is all in, or it may sit just below the visible area.
        self._pointed = ordinal
        return True

    def _center(self, ordinal: int) -> None:
        """Scroll so that item ``ordinal``'s paragraph is in the middle of the view."""
        cursor = self.item_cursor(ordinal)
        if cursor is None:
            return
        cursor.setPosition(cursor.selectionStart())
        self.ensureCursorVisible()  # lays the text out as far as the item
        bar = self.verticalScrollBar()
        middle = self.cursorRect(cursor).center().y() - self.viewport().height() // 2
        bar.setValue(bar.value() + middle)

    def _marks(
        self, paragraph: QTextCursor, words: tuple[str, ...]
    ) -> list[QTextEdit.ExtraSelection]:
        marks: list[QTextEdit.ExtraSelection] = []
        doc = self.document()
        for word in (w for w in words if w):
            found = doc.find(word, paragraph.selectionStart())
            while not found.isNull() and found.selectionEnd() <= paragraph.selectionEnd():
                mark = QTextEdit.ExtraSelection()
                mark.cursor = found
                mark.format.setBackground(QColor("#f5d76e"))
                mark.format.setForeground(QColor("#000000"))
                marks.append(mark)
                found = doc.find(word, found.selectionEnd())
        return marks

    def find_text(self, text: str, backward: bool = False) -> bool:
        """Select the next (or previous) place ``text`` occurs, wrapping round the end."""
        if not text:
            return False
        self.finish()
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        if self.find(text, flags):
            return True
        cursor = self.textCursor()
        cursor.movePosition(
            QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start
        )
        self.setTextCursor(cursor)
        return self.find(text, flags)

    # -- links and hover ---------------------------------------------------------------

    def _follow(self, url: QUrl) -> None:
        action, _, ordinal = url.path().partition("/")
        if url.toString() == DECRYPT_LINK:
            self.decryptRequested.emit()
        elif url.scheme() == ACTION_SCHEME and ordinal.isdigit():
            if action == EDIT_NOTE:
                self.noteEditRequested.emit(int(ordinal))
            elif action == DELETE_NOTE:
                self.noteDeleteRequested.emit(int(ordinal))
        elif url.scheme() in OPENABLE and url.scheme() != ACTION_SCHEME:
            QDesktopServices.openUrl(url)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self.tooltip_at(event.pos().x(), event.pos().y())
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def tooltip_at(self, x: int, y: int) -> str:
        """The hover text at a point of the viewport (a time's exact UTC)."""
        cursor = self.cursorForPosition(QPoint(x, y))
        return cursor.charFormat().toolTip()
