"""Putting back on the server what it removed without being asked, from the local copy.

A server that reads a remove of one conversation as a range removes more
(the xmpp layer reports those as ``RemoveOutcome.extra``). The replica still
holds them until the next sync; :func:`restore` stores each back with manual
archiving, so nothing the user did not ask to remove is lost.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from archiveviewer.domain import Collection, CollectionId


class ArchiveUploader(Protocol):
    """Manual archiving: the xep_0136 plugin's ``store``."""

    async def store(self, collection: Collection) -> None:
        """Create the collection on the server (or append its items to it)."""
        ...


class CopyHolder(Protocol):
    """The part of the replica that reads one stored collection."""

    def collection(self, collection_id: CollectionId) -> Collection | None:
        """The stored collection with its items, None if absent."""
        ...


async def restore(
    uploader: ArchiveUploader, replica: CopyHolder, ids: Iterable[CollectionId]
) -> tuple[list[CollectionId], list[CollectionId]]:
    """Store each of ``ids`` back from the replica; return (restored, not held locally).

    A server error is raised as it comes (what was restored before it stays).
    """
    restored: list[CollectionId] = []
    missing: list[CollectionId] = []
    for collection_id in ids:
        copy = replica.collection(collection_id)
        if copy is None:
            missing.append(collection_id)
            continue
        await uploader.store(copy)
        restored.append(collection_id)
    return restored, missing
