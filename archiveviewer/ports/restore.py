"""Restoring bookmarks and private XML from a XEP-0227 export: what would change, then do it.

:class:`AccountRestore` is implemented by :mod:`archiveviewer.services.portable_restore`.
The preview lists every bookmark and private XML namespace of the file with
what restoring does to it; nothing that is on the server and not in the file
is touched, and private XML that differs on the server is replaced only when
the user asks.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


class Change(enum.Enum):
    """What restoring does to one bookmark or namespace."""

    ADD = "add"  #: not on the server: added
    UPDATE = "update"  #: a bookmark on the server: the file's name, nick… merged in
    UNCHANGED = "unchanged"  #: the server holds the same already
    DIFFERS = "differs"  #: private XML the server holds otherwise: kept unless replacing
    REFUSED = "refused"  #: cannot be stored (a reserved namespace, an invalid bookmark)


@dataclass(frozen=True)
class RestoreItem:
    """One line of the preview: a bookmark (room JID or URL) or a private XML namespace."""

    kind: str  #: "bookmark" or "private"
    name: str
    change: Change
    detail: str = ""


@dataclass(frozen=True)
class RestorePreview:
    """What restoring the file would change, line by line."""

    file: Path
    account: str
    items: tuple[RestoreItem, ...]

    def count(self, change: Change) -> int:
        """How many lines have this change."""
        return sum(item.change is change for item in self.items)


@dataclass(frozen=True)
class RestoreDone:
    """What restoring changed."""

    bookmarks_added: int
    bookmarks_updated: int
    private_stored: int


class AccountRestore(Protocol):
    """Restore bookmarks and private XML from an export into the connected account."""

    async def preview(self, path: Path) -> RestorePreview:
        """Read the file and the server; what restoring would change (nothing is sent)."""
        ...

    async def restore(self, preview: RestorePreview, *, replace_private: bool) -> RestoreDone:
        """Restore what the preview lists; ``replace_private``: also the namespaces that differ."""
        ...
