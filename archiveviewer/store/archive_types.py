"""The values of the message archives (XEP-0313) in the replica: ranges, pages, reach.

:mod:`archiveviewer.store.archives` stores them; the sync layer builds the pages
and reads the ranges.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from archiveviewer.domain import ArchivedMessage, UnreadMessage


class ConversationRule(Protocol):
    """Cuts one contact's messages (in time order) into conversations."""

    @property
    def idle_gap(self) -> timedelta:
        """No conversation holds two consecutive messages further apart than this."""
        ...

    def groups(self, spans: Sequence[tuple[datetime, datetime]]) -> list[range]:
        """Which spans (first and last time, by first time) form one conversation each.

        A span is never cut: it is a stored conversation or one message.
        """
        ...


class Edge(enum.Enum):
    """Which end of an archive's stored range a page extends."""

    #: The first page of an archive with nothing stored: the newest messages.
    NEWEST = "newest"
    #: Messages after the newest stored one.
    NEWER = "newer"
    #: Messages before the oldest stored one.
    OLDER = "older"


@dataclass(frozen=True)
class ArchiveRange:
    """The unbroken span of an archive that is stored.

    Ids are the archive's own; ``complete`` is true once the oldest end is the
    archive's very beginning. Ids and times are None for an archive found empty.
    """

    archive: str
    oldest_id: str | None
    oldest_time: datetime | None
    newest_id: str | None
    newest_time: datetime | None
    complete: bool


@dataclass(frozen=True)
class ArchivePage:
    """One page of an archive to store, its messages in archive order.

    ``first_id``/``last_id`` are the page's RSM ``<first/>``/``<last/>``;
    ``reached_beginning`` says the archive has nothing older than this page
    (meaningful for :attr:`Edge.NEWEST` and :attr:`Edge.OLDER`). ``unreadable``
    are the page's messages that could not be read: recorded with the page,
    each in its place.
    """

    archive: str
    edge: Edge
    messages: Sequence[ArchivedMessage]
    first_id: str | None
    last_id: str | None
    reached_beginning: bool = False
    unreadable: Sequence[UnreadMessage] = ()


@dataclass(frozen=True)
class RecordedSkip:
    """A message recorded as unreadable, with where to ask for it again.

    ``after_id``/``before_id`` are the archive's ids of the stored messages
    just before and after it (None when not stored); ``first`` says nothing
    comes before it in the archive (ask for the archive's first message).
    """

    message: UnreadMessage
    position: int
    after_id: str | None = None
    before_id: str | None = None
    first: bool = False


@dataclass(frozen=True)
class HistoryReach:
    """How far back a contact's history is stored: "synced back to …".

    ``back_to`` is the time of the oldest stored message of the archive the
    contact's conversations come from; ``complete`` means everything the
    server keeps is stored.
    """

    archive: str
    back_to: datetime | None
    complete: bool
