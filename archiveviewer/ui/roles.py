"""Custom item data roles shared by the models and the window."""

from __future__ import annotations

from PySide6.QtCore import Qt

UserRole = Qt.ItemDataRole.UserRole.value

#: The domain value behind a row (ContactRow, Collection header, Item, SearchResult).
ValueRole = UserRole + 1
#: A ``(start, end)`` pair of aware UTC datetimes a date-tree row stands for.
RangeRole = UserRole + 2
#: Rich text (already escaped) to draw instead of the plain display text.
HtmlRole = UserRole + 3
#: Text the contact filter box matches: name, JID and groups.
FilterTextRole = UserRole + 4
