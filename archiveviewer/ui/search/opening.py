"""Opening a search hit keeps the browser in step: its contact and its conversation chosen.

Until the browser offers "show conversation X" itself, this chooses the hit's
contact (clearing a contact filter that hides it) and selects the
conversation's row, reading further pages of the list until it is there;
selecting the row opens the conversation, as a click would.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex

from archiveviewer.domain import CollectionId, bare_jid
from archiveviewer.ui.browser.panes import ArchiveBrowser

Browser = ArchiveBrowser
#: Most pages of the conversation list read to find the hit's row (then it opens unlisted).
MAX_PAGES = 200


def reveal(browser: Browser, collection_id: CollectionId) -> bool:
    """Choose the conversation's contact and select its row; False if it is not listed."""
    contact = bare_jid(collection_id.with_jid).lower()
    if not browser._select_contact(contact):  # until the browser offers it
        browser.contact_filter.clear()
        if not browser._select_contact(contact):
            return False
    row = _row_of(browser, collection_id)
    if row is None:
        return False
    index = browser.collection_model.index(row, 0)
    view = browser.collections
    if view.currentIndex().row() == row:
        browser.collectionChosen.emit(collection_id, None)  # already current: open it again
    else:
        view.setCurrentIndex(index)  # the browser opens what becomes current
    view.scrollTo(index)
    return True


def _row_of(browser: Browser, collection_id: CollectionId) -> int | None:
    model = browser.collection_model
    if model.from_server:
        return None  # the server's list is paged asynchronously
    root = QModelIndex()
    seen = 0
    for _ in range(MAX_PAGES):
        for row in range(seen, model.rowCount()):
            if model.header(row).collection.id == collection_id:
                return row
        seen = model.rowCount()
        if not model.canFetchMore(root):
            return None
        model.fetchMore(root)
    return None
