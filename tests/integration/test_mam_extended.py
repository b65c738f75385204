"""``urn:xmpp:mam:2#extended`` where Prosody offers it, and a plain MAM server where it does not.

Stock Prosody 0.12 offers ``#extended`` (``before-id``/``after-id``, and
``<metadata/>``: the archive's first and last ids). The sync asks for the
metadata to plan: a sync with nothing new then asks for no page at all. The
plain variant (``tests/server/mod_mam_plain.lua``) hides ``#extended``, and
the same sync pages as before. Both end equal to the server.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from archiveviewer.protocol.mam import ArchiveBounds, ArchiveTarget, MamPage, MamQuery
from archiveviewer.store import Replica
from archiveviewer.store.archives import ArchiveStore
from archiveviewer.sync.conversations import ConversationRule
from archiveviewer.sync.mam import ArchiveReplicator
from archiveviewer.xmpp.mam import MessageArchive
from tests.integration.mam_helpers import chat, online, server_messages, stored_messages
from tests.server.prosody import ProsodyServer

pytestmark = [pytest.mark.prosody, pytest.mark.asyncio]


@pytest.fixture(scope="module", params=["extended", "plain"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ProsodyServer]:
    plain = ("mam_plain",) if request.param == "plain" else ()
    prosody = ProsodyServer(tmp_path_factory.mktemp(request.param), mam={}, extra_modules=plain)
    prosody.modules = tuple(m for m in prosody.modules if m != "archive")
    with prosody:
        yield prosody


class Counting:
    """The real archive, counting the pages and the metadata asked of it."""

    def __init__(self, archive: MessageArchive) -> None:
        self.archive = archive
        self.pages = 0
        self.metadata = 0

    async def query(self, target: ArchiveTarget, request: MamQuery) -> MamPage:
        self.pages += 1
        return await self.archive.query(target, request)

    async def bounds(self, target: ArchiveTarget) -> ArchiveBounds | None:
        found = await self.archive.bounds(target)
        self.metadata += found is not None
        return found


async def test_the_sync_plans_with_metadata_where_offered_and_pages_where_not(
    server: ProsodyServer, tmp_path: Path
) -> None:
    alice, alice_pw = server.new_user("alice")
    bob, bob_pw = server.new_user("bob")
    extended = "mam_plain" not in server.modules
    async with online(server, alice, alice_pw) as a, online(server, bob, bob_pw) as b:
        await chat(b, alice, [f"line {n}" for n in range(12)])
        archive = MessageArchive(a.client)
        assert (await archive.support()).extended is extended
        counting = Counting(archive)
        path = tmp_path / "r.sqlite"
        for _ in range(2):
            with Replica(path) as replica:
                store = ArchiveStore(replica, ConversationRule())
                replicator = ArchiveReplicator(
                    counting, store, [ArchiveTarget(archive.account)], page_size=5
                )
                await replicator.run()
            if _ == 0:
                first_pages = counting.pages
        again = counting.pages - first_pages
        on_server = await server_messages(a)
    assert stored_messages(path, alice) == on_server
    assert len(on_server) == 12
    assert counting.metadata == (2 if extended else 0)
    assert again == (0 if extended else 1)  # nothing new: the metadata said so
