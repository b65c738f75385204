"""Removals made by another client reach the trash through a sync, and Restore undoes them.

Against the real Prosody: the account holds three conversations (one
encrypted); our command-line sync copies them; another client (a second
session) removes two; the next sync says the trash keeps them, ``trash list``
marks them "removed on the server", and ``trash restore --all`` puts them
back, so the server holds exactly what it held before (the very ciphertext).
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from archiveviewer import cli
from archiveviewer.crypto import KeyStore, prepare_encrypted_store
from archiveviewer.domain import Collection, CollectionId, Direction, Message
from archiveviewer.services.connection import Connection
from archiveviewer.services.passwords import PASSWORD_VARIABLE
from archiveviewer.services.sync import PluginArchive
from archiveviewer.services.trash import TrashCommands
from archiveviewer.services.worker import Worker
from archiveviewer.services.workspace import Workspace
from archiveviewer.store import Replica
from archiveviewer.store.trash import TrashEntry
from archiveviewer.sync import Replicator
from tests.integration.test_sync import cli_sync, server_archive, session_of
from tests.server.prosody import ProsodyServer

pytestmark = [pytest.mark.prosody]

T = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)


def _talk(n: int, jid: str) -> Collection:
    start = T + timedelta(days=n)
    items = (
        Message(Direction.FROM, start, f"talk {n} begins"),
        Message(Direction.TO, start + timedelta(seconds=5), f"talk {n} answers"),
    )
    return Collection(CollectionId(start, jid), subject=f"Talk {n}", items=items)


KEPT = _talk(0, "benvolio@montague.example")
TAKEN = _talk(1, "mercutio@verona.example/street")
SECRET = replace(_talk(2, "nurse@capulet.example"), subject=None)


async def _fill(server: ProsodyServer, jid: str, password: str, keys: KeyStore) -> None:
    async with session_of(server, jid, password) as session:
        public = keys.generate("wherefore")
        for collection in (KEPT, TAKEN):
            await session.archive.store(collection)
        await session.archive.store(prepare_encrypted_store(SECRET, [public]))


async def _other_client_removes(
    server: ProsodyServer, jid: str, password: str, ids: list[CollectionId]
) -> dict[CollectionId, Collection]:
    """What the server held, then removed by a second session (another client)."""
    async with session_of(server, jid, password) as other:
        before = await server_archive(other)
        for collection_id in ids:
            await other.archive.remove(collection_id)
        return before


async def _on_server(
    server: ProsodyServer, jid: str, password: str
) -> dict[CollectionId, Collection]:
    async with session_of(server, jid, password) as session:
        return await server_archive(session)


def _trash(server: ProsodyServer, jid: str, data: Path, *action: str) -> int:
    return cli.main([
        "trash", *action[:1], "--jid", jid, "--host", server.host, "--port", str(server.port),
        "--ca-cert", str(server.ca_cert), "--data-dir", str(data), *action[1:],
    ])  # fmt: skip


def test_what_another_client_removed_is_in_the_trash_after_a_sync_and_comes_back(
    prosody: ProsodyServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    jid, password = prosody.new_user("elsewhere")
    monkeypatch.setenv(PASSWORD_VARIABLE, password)
    data = tmp_path / "data"
    workspace = Workspace(data)
    asyncio.run(_fill(prosody, jid, password, KeyStore(workspace.keys_dir)))
    assert cli_sync(prosody, jid, data) == cli.EXIT_OK
    capsys.readouterr()

    before = asyncio.run(_other_client_removes(prosody, jid, password, [TAKEN.id, SECRET.id]))
    assert cli_sync(prosody, jid, data) == cli.EXIT_OK
    told = capsys.readouterr().err
    assert "sync: the trash keeps 2 conversations removed on the server" in told

    with Replica(workspace.replica_path(jid)) as replica:
        assert replica.collection_ids() == {KEPT.id}
        held = {e.id: e for e in replica.trashed()}
    assert set(held) == {TAKEN.id, SECRET.id}
    assert all(e.removed_elsewhere for e in held.values())
    assert _trash(prosody, jid, data, "list") == cli.EXIT_OK
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) == 2
    assert all(" removed on the server 20" in line for line in listed)

    assert _trash(prosody, jid, data, "restore", "--all") == cli.EXIT_OK
    assert "2 conversations restored on the server" in capsys.readouterr().out
    assert asyncio.run(_on_server(prosody, jid, password)) == before  # exactly, ciphertext too
    with Replica(workspace.replica_path(jid)) as replica:
        assert replica.collection_ids() == {KEPT.id, TAKEN.id, SECRET.id}
        assert replica.trashed() == []

    # The restore is one more change on the server: the next sync stores it, trashes nothing.
    assert cli_sync(prosody, jid, data) == cli.EXIT_OK
    assert "trash" not in capsys.readouterr().err
    with Replica(workspace.replica_path(jid)) as replica:
        assert replica.trashed() == []
        assert replica.collection(TAKEN.id) == before[TAKEN.id]


class _WithoutModified:
    """The real archive, as a server without ``<modified/>``: a sync compares the full list."""

    def __init__(self, archive: PluginArchive) -> None:
        self._archive = archive

    async def supports_modified(self) -> bool:
        return False

    def __getattr__(self, name: str) -> Any:
        return getattr(self._archive, name)


async def _compare_and_restore(
    server: ProsodyServer, jid: str, password: str, path: Path, keys: KeyStore
) -> tuple[list[TrashEntry], dict[CollectionId, Collection], dict[CollectionId, Collection]]:
    worker = Worker()
    try:
        async with session_of(server, jid, password) as session:
            source = _WithoutModified(PluginArchive(session.archive))
            with Replica(path) as replica:
                await Replicator(source, replica).run()
                before = await _other_client_removes(server, jid, password, [TAKEN.id])
                result = await Replicator(source, replica).run()
                assert result.compared_list
                assert result.collections_removed == 1
                trashed = replica.trashed()
                connection = Connection()
                connection.network = session
                await TrashCommands(replica, connection, worker).restore([TAKEN.id])
            return trashed, before, await server_archive(session)
    finally:
        worker.shutdown()


def test_a_full_comparison_puts_what_another_client_removed_in_the_trash(
    prosody: ProsodyServer, tmp_path: Path
) -> None:
    jid, password = prosody.new_user("compared")
    keys = KeyStore(tmp_path / "keys")
    asyncio.run(_fill(prosody, jid, password, keys))
    trashed, before, after = asyncio.run(
        _compare_and_restore(prosody, jid, password, tmp_path / "replica.sqlite3", keys)
    )
    assert [(e.id, e.removed_elsewhere) for e in trashed] == [(TAKEN.id, True)]
    assert after == before
