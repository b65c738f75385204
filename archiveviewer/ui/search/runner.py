"""Runs the window's searches off the UI thread: the first page, the total, the next pages.

Pages and counts go to two :class:`~archiveviewer.ui.threads.Background`
workers, so a slow count (the most common words) never holds up a page. A
new search makes the old one's pending results stale (they are dropped) and
a count that has not started yet is skipped. A failure the user can act on
(``KnownError``: a search too long) comes back as its sentence, not as an
error dialog: the user is typing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from PySide6.QtCore import QObject

from archiveviewer.errors import KnownError
from archiveviewer.ports.archive import (
    ArchiveReader,
    ResultCount,
    ResultOrder,
    ResultPage,
    SearchFilters,
)
from archiveviewer.ui.threads import Background

T = TypeVar("T")

#: Hits per page read (the view asks for the next page when it scrolls to the end).
PAGE_SIZE = 50


@dataclass(frozen=True)
class Search:
    """What the user asked for: text, filters and order."""

    query: str
    filters: SearchFilters
    order: ResultOrder


class SearchRunner(QObject):
    """Reads pages and counts of the current search in the background."""

    def __init__(
        self,
        reader: ArchiveReader,
        on_error: Callable[[BaseException], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.reader = reader
        self._pages = Background(on_error, self)
        self._counts = Background(on_error, self)
        self._generation = 0

    @property
    def busy(self) -> bool:
        """True while a page or a count is being read or not yet delivered."""
        return self._pages.busy or self._counts.busy

    def start(
        self,
        search: Search,
        on_page: Callable[[ResultPage | KnownError], None],
        on_count: Callable[[ResultCount | KnownError], None],
    ) -> None:
        """Read the first page, then the total; older searches' results are dropped."""
        self._generation += 1
        generation = self._generation
        self.more(search, None, on_page)

        def count() -> ResultCount | KnownError | None:
            if generation != self._generation:
                return None  # superseded before it started: not worth a second of reading
            return _attempt(lambda: self.reader.count_results(search.query, search.filters))

        def counted(value: ResultCount | KnownError | None) -> None:
            if value is not None:
                on_count(value)

        self._counts.run("count", count, counted)

    def more(
        self,
        search: Search,
        after: object | None,
        on_page: Callable[[ResultPage | KnownError], None],
    ) -> None:
        """Read the page after ``after`` (None: the first)."""
        reader = self.reader

        def page() -> ResultPage | KnownError:
            return _attempt(
                lambda: reader.search_page(
                    search.query, search.filters, search.order, after, PAGE_SIZE
                )
            )

        self._pages.run("page", page, on_page)

    def cancel(self) -> None:
        """Drop whatever is pending (the field was emptied, or another archive is shown)."""
        self._generation += 1
        self._pages.forget("page")
        self._counts.forget("count")

    def shutdown(self) -> None:
        """Wait for the running reads, drop the queued ones (the window closes)."""
        self._generation += 1
        self._pages.shutdown()
        self._counts.shutdown()


def _attempt(read: Callable[[], T]) -> T | KnownError:
    try:
        return read()
    except KnownError as error:  # shown in the panel as a sentence
        return error
