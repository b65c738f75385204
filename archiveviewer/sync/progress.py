"""How far a sync has come, for a progress bar or a line on a terminal."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from archiveviewer.domain import CollectionId, UnreadEntry, UnreadMessage


class SyncMode(enum.Enum):
    """How the replica is brought up to date."""

    #: Pages of ``<modified/>`` after the stored cursor (XEP-0136 §Replication).
    CHANGES = "changes"
    #: A full comparison by ``<list/>``, for servers without ``<modified/>``.
    FULL_LIST = "full-list"
    #: Pages of a message archive (XEP-0313) by its ids, newest first on the first sync.
    ARCHIVE = "archive"


@dataclass(frozen=True)
class Progress:
    """Counts of a running sync.

    Totals grow as the server's pages arrive: ``collections_total`` counts the
    collections known to need work so far (changed, removed or new), and
    ``messages_total`` the messages retrieved so far. ``done`` counts what is
    stored in the replica. ``collections_expected`` is the server's own count
    of the changes to fetch (RSM ``<count/>`` of the first page), None when it
    gave none: only then is a progress bar's end known.
    """

    mode: SyncMode
    collections_done: int = 0
    collections_total: int = 0
    messages_done: int = 0
    messages_total: int = 0
    collections_expected: int | None = None


@dataclass(frozen=True)
class SkippedCollection:
    """A collection the sync could not read, and the sentence that says why."""

    id: CollectionId | UnreadEntry
    reason: str


@dataclass(frozen=True)
class SyncResult:
    """What a finished sync did.

    ``skipped`` are the collections that could not be read: the rest was
    stored, and they are tried again by the next sync (see
    :mod:`archiveviewer.sync.skipped`).
    """

    mode: SyncMode
    collections_stored: int
    collections_removed: int
    messages_stored: int
    requests: int
    #: The server no longer knew the stored position (an id forgotten on a
    #: restart): the changes were asked for again from the time of the last sync.
    restarted: bool = False
    #: A full comparison by ``<list/>`` ran as well (periodically, to catch
    #: removals a server forgot to report), or instead (no ``<modified/>``).
    compared_list: bool = False
    skipped: tuple[SkippedCollection, ...] = ()
    #: Messages of a message archive that could not be read: the rest was stored,
    #: and they are tried again in their place by the next sync (``sync/mam.py``).
    unread_messages: tuple[UnreadMessage, ...] = ()


ProgressCallback = Callable[[Progress], None]


def ignore_progress(_progress: Progress) -> None:
    """A progress callback that does nothing."""
