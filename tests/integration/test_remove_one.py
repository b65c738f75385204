"""Removing one conversation leaves every other on the server and in the local copy, also
on a server that reads a remove with ``start`` and no ``end`` as a range (the client sends
the least ambiguous form). What happens when a server takes more all the same is in
tests/unit/services/test_removal.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from archiveviewer.crypto import KeyStore
from archiveviewer.services.archive import AccountCommands
from archiveviewer.services.connection import Connection
from archiveviewer.services.sync import PluginArchive
from archiveviewer.services.worker import Worker
from archiveviewer.store import Replica
from archiveviewer.sync import Replicator
from tests.integration.personalities import PERSONALITIES
from tests.integration.test_sync import conversation, replica_of, server_archive, session_of
from tests.server.prosody import ProsodyServer

pytestmark = [pytest.mark.prosody, pytest.mark.asyncio]

#: contact0 has three conversations (0, 5, 10); contact1 one.
TALKS = [conversation(n) for n in (0, 5, 10, 1)]


@pytest.mark.parametrize("name", ["text", "start_is_range"])
async def test_removing_one_conversation_removes_that_one_only(
    name: str, make_prosody: Any, tmp_path: Path
) -> None:
    server: ProsodyServer = make_prosody(**PERSONALITIES[name])
    jid, password = server.new_user("romeo")
    worker = Worker()
    path = tmp_path / "replica.sqlite3"
    try:
        async with session_of(server, jid, password) as session:
            for talk in TALKS:
                await session.archive.store(talk)
            with Replica(path) as replica:
                await Replicator(PluginArchive(session.archive), replica).run()
                connection = Connection()
                connection.network = session
                commands = AccountCommands(replica, KeyStore(tmp_path / "keys"), connection, worker)

                told = await commands.remove_collections([TALKS[0].id])

            on_server = await server_archive(session)
    finally:
        worker.shutdown()

    kept = {talk.id for talk in TALKS[1:]}
    assert set(on_server) == kept
    assert set(replica_of(path)) == kept
    assert told is None  # nothing to put back, nothing to tell
