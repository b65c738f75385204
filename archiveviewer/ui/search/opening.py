"""Opening a search hit keeps the browser in step: its contact and its conversation chosen.

The browser does it (:meth:`ArchiveBrowser.show_conversation`): it chooses the
hit's contact unless everyone is listed (clearing a contact filter that hides
it), leaves a day or month that does not hold the conversation, and selects
its row, which opens it as a click would (once the list is counted).
"""

from __future__ import annotations

from collections.abc import Callable

from archiveviewer.domain import CollectionId
from archiveviewer.ui.browser.panes import ArchiveBrowser

Browser = ArchiveBrowser


def reveal(browser: Browser, collection_id: CollectionId, then: Callable[[], None]) -> None:
    """Choose the conversation's contact and select its row (or open it); then ``then``."""
    browser.show_conversation(collection_id, then)
