"""Manual archiving: conversations from a file (or the local copy) stored on the user's server.

A conversation is identified by its contact and start (``with`` + ``start``),
as XEP-0136 identifies collections. Before storing, the server's list is read
once; a conversation already there is skipped, so running an upload twice
stores nothing twice, and an interrupted upload run again goes on with the
conversations that are not there yet.

A large conversation goes up in several requests, appended in order, so an
upload cut off half-way leaves its first items on the server. For a
conversation on the list the server is asked how many items it holds (the
RSM count of a one-item page); when that is fewer than the file's, the rest
is appended (the seed appends to a collection named by ``with`` + ``start``),
so the conversation ends whole and nothing in it twice. Encrypted
conversations are skipped as before: a server counts their keys apart.

An encrypted upload is encrypted before it is given here, on the worker
(:func:`archiveviewer.services.encrypted_upload.encrypt_for_upload`), so the
RSA and AES work never holds up the event loop.

Given ``should_stop``, the upload asks it before each conversation and stops
there when it says so: the conversation on its way goes up whole, so the
server holds whole conversations only, and the next run goes on from there.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from archiveviewer.domain import Collection, CollectionId, SaveMode
from archiveviewer.protocol.features import ArchiveSupport
from archiveviewer.xmpp.xep_0136.pages import CollectionPage, RetrievePage


class ManualArchive(Protocol):
    """The part of the XEP-0136 plugin an upload uses (tests pass a fake)."""

    def list_pages(self, with_: str | None = None) -> AsyncIterator[CollectionPage]:
        """Every page of the server's list."""
        ...

    async def store(
        self, collection: Collection, *, save: SaveMode = SaveMode.BODY, from_item: int = 0
    ) -> None:
        """Create the collection on the server (or append its items from ``from_item`` on)."""
        ...

    async def retrieve_page(self, id: CollectionId, *, max: int | None = None) -> RetrievePage:
        """One page of a collection's items, with the RSM count of all of them."""
        ...

    async def discover(self) -> ArchiveSupport:
        """What the server speaks (encrypted content is written in its dialect)."""
        ...


@dataclass(frozen=True)
class UploadOutcome:
    """What an upload did."""

    stored: int
    skipped: int
    #: Conversations found cut off on the server and completed.
    completed: int = 0
    #: Conversations in the file, and how many were done when it stopped (all: not stopped).
    total: int = 0
    done: int = 0

    @property
    def stopped(self) -> bool:
        """True when the upload was asked to stop before the last conversation."""
        return self.done < self.total


def _key(collection_id: CollectionId) -> tuple[str, datetime]:
    # Servers keep whole seconds and may change the case of a JID.
    return collection_id.with_jid.lower(), collection_id.start.replace(microsecond=0)


async def upload(
    archive: ManualArchive,
    collections: Iterable[Collection],
    *,
    on_step: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> UploadOutcome:
    """Store every conversation (or the part of it) the server does not hold yet, oldest first.

    ``should_stop`` is asked between conversations (see the module's docstring).
    """
    on_server: dict[tuple[str, datetime], CollectionId] = {}
    async for page in archive.list_pages():
        on_server.update((_key(c.id), c.id) for c in page.collections)
    wanted = sorted(collections, key=lambda c: c.id)
    stored = skipped = completed = 0
    for done, collection in enumerate(wanted, 1):
        if should_stop():
            return UploadOutcome(stored, skipped, completed, len(wanted), done - 1)
        held = on_server.get(_key(collection.id))
        if held is None:
            await archive.store(collection, save=SaveMode.BODY)
            on_server[_key(collection.id)] = collection.id
            stored += 1
        elif (count := await _items_held(archive, held, collection)) < len(collection.items):
            await archive.store(collection, save=SaveMode.BODY, from_item=count)
            completed += 1
        else:
            skipped += 1
        if on_step is not None:
            on_step(done, len(wanted))
    return UploadOutcome(stored, skipped, completed, len(wanted), len(wanted))


async def _items_held(archive: ManualArchive, held: CollectionId, collection: Collection) -> int:
    """How many of the collection's items the server holds (all of them: nothing to resume)."""
    if collection.encrypted:
        return len(collection.items)
    page = await archive.retrieve_page(held, max=1)
    return len(collection.items) if page.count is None else page.count
