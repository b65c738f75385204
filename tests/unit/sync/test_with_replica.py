"""The engine writing to the real SQLite replica (the network is still a fake)."""

from __future__ import annotations

from pathlib import Path

import pytest

from archiveviewer.errors import ServerError
from archiveviewer.store import Replica
from archiveviewer.sync import Replicator
from archiveviewer.sync.cursor import SyncCursor
from tests.unit.sync.fakes import FakeServer, make_collection, server_error, with_version

pytestmark = pytest.mark.asyncio


def replica_equals_server(replica: Replica, server: FakeServer) -> bool:
    if replica.collection_ids() != set(server.collections):
        return False
    return all(replica.collection(cid) == c for cid, c in server.collections.items())


async def test_sync_into_sqlite_then_search_offline(tmp_path: Path) -> None:
    server = FakeServer()
    for n in range(30):
        server.put(make_collection(n))
    with Replica(tmp_path / "r.sqlite3") as replica:
        await Replicator(server, replica, page_size=8).run()
        assert replica_equals_server(replica, server)
        assert SyncCursor.decode(replica.cursor()).after == server.time_of(30)
        hits = replica.search("conversation 17")
        assert {h.collection for h in hits} >= {make_collection(17).id}


async def test_interrupted_sync_resumes_into_sqlite(tmp_path: Path) -> None:
    server = FakeServer()
    for n in range(30):
        server.put(make_collection(n))
    victim = sorted(server.collections)[20]

    def fail(collection_id: object) -> None:
        if collection_id == victim:
            raise server_error("remote-server-timeout")

    server.before_retrieve = fail
    path = tmp_path / "r.sqlite3"
    with Replica(path) as replica:
        with pytest.raises(ServerError):
            await Replicator(server, replica, page_size=10, pages_ahead=1).run()
        assert SyncCursor.decode(replica.cursor()).after == server.time_of(20)
        assert len(replica.collection_ids()) == 20

    server.before_retrieve = None
    first = sorted(server.collections)[0]
    server.put(with_version(server.collections[first], 2))
    server.delete(sorted(server.collections)[1])
    with Replica(path) as replica:
        await Replicator(server, replica, page_size=10).run()
        assert replica_equals_server(replica, server)
