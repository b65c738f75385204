"""Search results: one row per matching message, with its snippet highlighted."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import tzinfo

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QPalette

from archiveviewer.ports.archive import SearchResult
from archiveviewer.ui.roles import HtmlRole, ValueRole
from archiveviewer.ui.timefmt import format_day_time

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
    """The hits of the last search, best first."""

    def __init__(
        self, tz: tzinfo | None, name_of: Callable[[str], str], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._tz = tz
        self._name_of = name_of
        self._hits: list[SearchResult] = []

    def set_hits(self, hits: Sequence[SearchResult]) -> None:
        """Show these hits."""
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hit(self, row: int) -> SearchResult:
        """The hit on ``row``."""
        return self._hits[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{self._heading(hit)}\n{hit.snippet}"
        if role == HtmlRole:
            body = snippet_html(hit, QGuiApplication.palette())
            return f"<b>{html.escape(self._heading(hit))}</b><br>{body}"
        if role == ValueRole:
            return hit
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.with_jid
        return None

    def _heading(self, hit: SearchResult) -> str:
        return f"{self._name_of(hit.with_jid)} — {format_day_time(hit.time, self._tz)}"
