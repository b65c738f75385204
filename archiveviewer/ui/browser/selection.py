"""The selected conversations, once every selected row of the list has been read.

The list reads its pages in the background (:mod:`archiveviewer.ui.browser.rows`):
Shift+Ctrl+End selects rows that nobody has looked at yet. What acts on the
selection (Remove, Export) waits here for them without blocking the window.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from archiveviewer.domain import Collection
from archiveviewer.ui.browser.collections import CollectionListModel


def when_read(model: CollectionListModel, rows: list[int], then: Callable[[], None]) -> None:
    """Call ``then`` once every one of ``rows`` is read; never if the list is read again first
    or a page cannot be read (the user is told why)."""
    missing = {r for r in rows if model.read_header(r) is None}  # asks for their pages
    if not missing:
        then()
        return

    def read(first: int, last: int) -> None:
        missing.difference_update(range(first, last + 1))
        if not missing:
            stop()
            then()

    def stop() -> None:
        model.rowsRead.disconnect(read)
        model.modelReset.disconnect(stop)
        model.readFailed.disconnect(stop)

    model.rowsRead.connect(read)
    model.modelReset.connect(stop)
    model.readFailed.connect(stop)


async def read_rows(model: CollectionListModel, rows: list[int]) -> list[Collection]:
    """The headers of ``rows``, in order, read in the background where they were not yet.

    Cancelled when the list is read again first (the selection is gone with it), or when
    a page cannot be read (the user was told why: nothing is removed or exported then).
    """
    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def finish() -> None:
        if not done.done():
            done.set_result(None)

    def gone() -> None:
        if not done.done():
            done.cancel()

    when_read(model, rows, finish)
    model.modelReset.connect(gone)
    model.readFailed.connect(gone)
    try:
        await done
    finally:
        model.modelReset.disconnect(gone)
        model.readFailed.disconnect(gone)
    return [model.header(r).collection for r in rows]
