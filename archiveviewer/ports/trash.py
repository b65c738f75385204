"""What the Trash dialog is given: the removed conversations kept, and Restore, Empty, Keep.

:class:`TrashBin` is implemented by :mod:`archiveviewer.services.trash` over
an account's local copy and connection. Its values are plain and frozen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from archiveviewer.domain import CollectionId


@dataclass(frozen=True)
class TrashRow:
    """One removed conversation: with whom and when, when removed and when it is purged."""

    id: CollectionId
    removed_at: datetime
    expires: datetime
    messages: int
    encrypted: bool
    subject: str | None = None
    preview: str | None = None
    #: Removed on the server (by another client), found so by a sync; not removed here.
    removed_elsewhere: bool = False


@dataclass(frozen=True)
class TrashView:
    """What the trash holds (most recently removed first) and how long it keeps it."""

    rows: tuple[TrashRow, ...]
    keep_days: int


@dataclass(frozen=True)
class RestoreSummary:
    """What Restore did: conversations stored on the server again, and those already there."""

    restored: int
    already_there: int


class TrashBin(Protocol):
    """The account's trash (``async``: the work runs on the worker and the server)."""

    async def view(self) -> TrashView:
        """What the trash holds now (expired entries are purged first)."""
        ...

    async def restore(self, ids: Sequence[CollectionId]) -> RestoreSummary:
        """Put these back on the server (as they were, encrypted or not) and in the local copy."""
        ...

    async def empty(self, ids: Sequence[CollectionId] | None = None) -> int:
        """Delete these (None: everything) from the trash for good; how many went."""
        ...

    async def keep_for(self, days: int) -> TrashView:
        """Keep removed conversations ``days`` days from now on."""
        ...
