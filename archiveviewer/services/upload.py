"""Manual archiving: conversations from a file (or the local copy) stored on the user's server.

A conversation is identified by its contact and start (``with`` + ``start``),
as XEP-0136 identifies collections. Before storing, the server's list is read
once; a conversation already there is skipped, so running an upload twice
stores nothing twice, and an interrupted upload run again goes on with the
conversations that are not there yet. (A conversation whose upload was cut
off half-way is on the list and is skipped: it is counted as already there.)

With an :class:`~archiveviewer.services.encrypted_upload.UploadEncryption`
each plaintext conversation is encrypted before it leaves (for the user's own
keys only); a conversation that is encrypted already is stored as it is.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from archiveviewer.domain import Collection, CollectionId, SaveMode
from archiveviewer.protocol.features import ArchiveSupport
from archiveviewer.services.encrypted_upload import UploadEncryption
from archiveviewer.xmpp.xep_0136.pages import CollectionPage


class ManualArchive(Protocol):
    """The part of the XEP-0136 plugin an upload uses (tests pass a fake)."""

    def list_pages(self, with_: str | None = None) -> AsyncIterator[CollectionPage]:
        """Every page of the server's list."""
        ...

    async def store(self, collection: Collection, *, save: SaveMode = SaveMode.BODY) -> None:
        """Create the collection on the server (or append to it)."""
        ...

    async def discover(self) -> ArchiveSupport:
        """What the server speaks (encrypted content is written in its dialect)."""
        ...


@dataclass(frozen=True)
class UploadOutcome:
    """What an upload did."""

    stored: int
    skipped: int


def _key(collection_id: CollectionId) -> tuple[str, datetime]:
    # Servers keep whole seconds and may change the case of a JID.
    return collection_id.with_jid.lower(), collection_id.start.replace(microsecond=0)


async def upload(
    archive: ManualArchive,
    collections: Iterable[Collection],
    *,
    on_step: Callable[[int, int], None] | None = None,
    encryption: UploadEncryption | None = None,
) -> UploadOutcome:
    """Store every conversation the server does not hold yet, oldest first.

    With ``encryption``, each is encrypted first (see the module's docstring).
    """
    on_server: set[tuple[str, datetime]] = set()
    async for page in archive.list_pages():
        on_server.update(_key(c.id) for c in page.collections)
    wanted = sorted(collections, key=lambda c: c.id)
    if encryption is not None:
        dialect = (await archive.discover()).dialect
        wanted = [encryption.encrypt(c, dialect) for c in wanted]
    stored = skipped = 0
    for done, collection in enumerate(wanted, 1):
        if _key(collection.id) in on_server:
            skipped += 1
        else:
            await archive.store(collection, save=SaveMode.BODY)
            on_server.add(_key(collection.id))
            stored += 1
        if on_step is not None:
            on_step(done, len(wanted))
    return UploadOutcome(stored, skipped)
