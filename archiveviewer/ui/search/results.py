"""Search results: one row per hit (who wrote it, where, when, the marked snippet), paged lazily.

The model holds the pages read so far. When the view scrolls to its end,
Qt asks :meth:`SearchResultsModel.fetchMore`, which emits ``moreWanted`` with
the cursor of the next page; the panel reads that page off the UI thread and
hands it back to :meth:`SearchResultsModel.add_page`.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import tzinfo

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QAbstractItemView, QStyleOptionViewItem, QWidget

from archiveviewer.domain import bare_jid
from archiveviewer.ports.archive import ResultKind, ResultPage, SearchResult
from archiveviewer.ui.roles import HtmlRole, ValueRole
from archiveviewer.ui.timefmt import format_day_time
from archiveviewer.ui.widgets import HtmlDelegate

Index = QModelIndex | QPersistentModelIndex


def snippet_html(hit: SearchResult, palette: QPalette) -> str:
    """The snippet as escaped HTML with its matches marked in the palette's highlight."""
    background = palette.color(QPalette.ColorRole.Highlight).name()
    foreground = palette.color(QPalette.ColorRole.HighlightedText).name()
    # bold too, so a match still stands out in a selected row (highlight on highlight)
    style = f"background-color:{background};color:{foreground};font-weight:bold"
    parts = []
    at = 0
    for start, end in _merged(hit.highlights, len(hit.snippet)):
        parts.append(html.escape(hit.snippet[at:start]))
        marked = html.escape(hit.snippet[start:end])
        parts.append(f'<span style="{style}">{marked}</span>')
        at = end
    parts.append(html.escape(hit.snippet[at:]))
    return "".join(parts)


def _merged(spans: Sequence[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """Spans sorted, clipped to the text and without overlaps."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        start, end = max(0, start), min(length, end)
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


class SearchResultsModel(QAbstractListModel):
    """The hits of the search shown, in its order, as many pages as have been read."""

    #: The cursor of the next page (the view scrolled to the end of what is read).
    moreWanted = Signal(object)

    def __init__(
        self,
        tz: tzinfo | None,
        name_of: Callable[[str], str],
        parent: QObject | None = None,
        own_name: Callable[[], str] = lambda: "me",
    ) -> None:
        super().__init__(parent)
        self._tz = tz
        self._name_of = name_of
        self._own_name = own_name
        self._hits: list[SearchResult] = []
        self._html: dict[int, str] = {}  # by row: a row's HTML is asked for on every paint
        self._next: object | None = None
        self._waiting = False

    def set_tz(self, tz: tzinfo | None) -> None:
        """Show the hits' times in ``tz`` from now on (None: the system's zone), at once."""
        self._tz = tz
        self._html.clear()
        if self._hits:
            self.dataChanged.emit(self.index(0), self.index(len(self._hits) - 1))

    def set_hits(self, hits: Sequence[SearchResult]) -> None:
        """Show these hits only, with no more to read."""
        self.beginResetModel()
        self._hits, self._next, self._waiting = list(hits), None, False
        self._html.clear()
        self.endResetModel()

    def add_page(self, page: ResultPage) -> None:
        """Append the page that was asked for; it says whether there is a next one."""
        self._waiting = False
        self._next = page.next
        if page.results:
            first = len(self._hits)
            self.beginInsertRows(QModelIndex(), first, first + len(page.results) - 1)
            self._hits.extend(page.results)
            self.endInsertRows()

    def stop_waiting(self) -> None:
        """The page asked for will not come (it failed): let the view ask again."""
        self._waiting = False

    @property
    def complete(self) -> bool:
        """True when every hit has been read."""
        return self._next is None

    def hit(self, row: int) -> SearchResult:
        """The hit on ``row``."""
        return self._hits[row]

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._next is not None and not self._waiting

    def fetchMore(self, parent: Index) -> None:
        if self.canFetchMore(parent):
            self._waiting = True
            self.moreWanted.emit(self._next)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{self.heading(hit)}\n{hit.snippet}"
        if role == HtmlRole:
            row = index.row()
            if row not in self._html:
                body = snippet_html(hit, QGuiApplication.palette())
                self._html[row] = f"{self._heading_html(hit)}<br>{body}"
            return self._html[row]
        if role == ValueRole:
            return hit
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.with_jid
        return None

    def heading(self, hit: SearchResult) -> str:
        """Who wrote it, in which conversation, when: "Romeo · with Juliet · 1469-07-21 02:56"."""
        return " · ".join(self._heading_parts(hit))

    def _heading_html(self, hit: SearchResult) -> str:
        who, *rest = self._heading_parts(hit)
        return " · ".join([f"<b>{html.escape(who)}</b>", *map(html.escape, rest)])

    def _heading_parts(self, hit: SearchResult) -> list[str]:
        contact = self._name_of(hit.with_jid)
        who = hit.speaker(self._own_name(), contact)
        when = format_day_time(hit.time, self._tz)
        if who is None:
            label = self.tr("Note") if hit.kind is ResultKind.NOTE else self.tr("Subject")
            return [label, self.tr("with %1").replace("%1", contact), when]
        if hit.nick:  # a group chat: name the room
            return [who, self.tr("in %1").replace("%1", contact or bare_jid(hit.with_jid)), when]
        if who == contact:
            return [who, when]
        return [who, self.tr("with %1").replace("%1", contact), when]


class ResultDelegate(HtmlDelegate):
    """Draws results as rich text and remembers each row's height at each width.

    Laying out a row's rich text costs about a millisecond; a list view asks
    for every row's size again on each layout, so a page of hits would hold
    the UI thread for tenths of a second without this.
    """

    def __init__(self, model: SearchResultsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sizes: dict[tuple[int, int], QSize] = {}
        model.modelReset.connect(self._sizes.clear)
        model.dataChanged.connect(lambda *_: self._sizes.clear())

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        width = option.rect.width() or _view_width(option)
        key = (index.row(), width)
        if key not in self._sizes:
            opt = QStyleOptionViewItem(option)
            self.initStyleOption(opt, index)
            # The row takes the view's width: only the height of the wrapped text is needed
            # (the document's ideal width would cost as much again).
            height = self._document(opt, index).size().height()
            self._sizes[key] = QSize(width, int(height) + 8)
        return self._sizes[key]


def _view_width(option: QStyleOptionViewItem) -> int:
    view = option.widget
    return view.viewport().width() if isinstance(view, QAbstractItemView) else 400
