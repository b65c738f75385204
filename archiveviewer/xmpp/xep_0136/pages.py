"""What the XEP-0136 plugin returns: pages of results, and the error of a partial store."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from archiveviewer.domain import Change, Collection, CollectionId, UnreadEntry
from archiveviewer.errors import ServerError


@dataclass(frozen=True)
class CollectionPage:
    """One page of a ``list`` result: collection headers without items.

    ``unreadable`` are the headers whose key could not be read, with why.
    """

    collections: tuple[Collection, ...]
    first: str | None
    last: str | None
    count: int | None
    first_index: int | None = None
    unreadable: Mapping[UnreadEntry, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RetrievePage:
    """One page of a collection.

    ``collection`` holds this page's items only. Message times in a page
    after the first depend on the messages before it, so ``clock`` is the
    running time after this page: pass it as ``clock`` when asking for the
    next page.
    """

    collection: Collection
    first: str | None
    last: str | None
    count: int | None
    clock: datetime


@dataclass(frozen=True)
class ChangePage:
    """One page of a ``modified`` result and the cursor to resume after it.

    ``unreadable`` are the entries whose key could not be read, with why.
    """

    changes: tuple[Change, ...]
    cursor: str | None
    count: int | None
    unreadable: Mapping[UnreadEntry, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RemoveOutcome:
    """What a remove of one collection took off the server, as its list shows.

    ``removed`` holds the collection asked for first, then ``extra``: other
    collections the server removed too (a server that reads ``start``
    without ``end`` as a range does). When ``extra`` is not empty, tell the
    user (:attr:`sentence`); their local copies can be stored back.
    """

    removed: tuple[CollectionId, ...]
    extra: tuple[CollectionId, ...] = ()

    @property
    def sentence(self) -> str | None:
        """What to tell the user, None when exactly one went."""
        if not self.extra:
            return None
        n = len(self.extra)
        what = "another conversation" if n == 1 else f"{n} other conversations"
        return (
            f"The server removed {what} as well as the one you asked for. "
            "The local copy still holds them: you can store them on the server again."
        )


class StoreIncomplete(ServerError):
    """The server refused part of an upload; ``stored`` items went in before it did.

    Uploads are appended in order, so the first ``stored`` items of the
    collection are on the server and the rest are not.
    """

    def __init__(self, cause: ServerError, stored: int, total: int) -> None:
        super().__init__(
            f"{cause.user_message} {stored} of {total} items were stored.",
            condition=cause.condition,
            error_type=cause.error_type,
            text=cause.text,
        )
        self.stored = stored
        self.total = total


def unsupported(sentence: str) -> ServerError:
    """What the server cannot do (or was seen not to do), as the server's failure.

    A ServerError (``feature-not-implemented``), so that callers and exit codes
    tell it from a lost connection.
    """
    return ServerError(sentence, condition="feature-not-implemented", error_type="cancel")
