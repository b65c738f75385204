"""What a server removed beyond the one asked for goes back from the local copy."""

from __future__ import annotations

import pytest

from archiveviewer.domain import Collection
from archiveviewer.sync.restore import restore
from tests.unit.sync.fakes import FakeReplica, make_collection

pytestmark = pytest.mark.asyncio


class Uploader:
    def __init__(self) -> None:
        self.stored: list[Collection] = []

    async def store(self, collection: Collection) -> None:
        self.stored.append(collection)


async def test_each_collection_held_locally_is_stored_back_whole() -> None:
    held = [make_collection(n) for n in range(3)]
    replica = FakeReplica(collections={c.id: c for c in held})
    uploader = Uploader()
    gone = make_collection(9).id  # removed, and never synced: nothing to put back
    restored, missing = await restore(uploader, replica, [held[0].id, gone, held[2].id])
    assert uploader.stored == [held[0], held[2]]
    assert (restored, missing) == ([held[0].id, held[2].id], [gone])
