"""Undo for removals: a removed conversation waits in the trash, and Restore puts it back.

Against the real Prosody: two conversations, one of them encrypted, are
removed from the server through the window's commands; ``trash list`` shows
both; ``trash restore --all`` stores them on the server again by manual
archiving (the encrypted one with its very ciphertext, which the key still
opens) and in the local copy; the server then holds exactly what it held.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from archiveviewer import cli
from archiveviewer.crypto import CollectionDecryptor, KeyStore, prepare_encrypted_store
from archiveviewer.domain import Collection, CollectionId, Dialect, Direction, Message
from archiveviewer.services.archive import AccountCommands
from archiveviewer.services.connection import Connection
from archiveviewer.services.passwords import PASSWORD_VARIABLE
from archiveviewer.services.sync import PluginArchive
from archiveviewer.services.worker import Worker
from archiveviewer.services.workspace import Workspace
from archiveviewer.store import Replica
from archiveviewer.sync import Replicator
from tests.helpers import login_args
from tests.integration.test_sync import server_archive, session_of
from tests.server.prosody import ProsodyServer

pytestmark = [pytest.mark.prosody]

T = datetime(2024, 3, 1, 20, 0, tzinfo=UTC)
PASSPHRASE = "wherefore"
PLAIN = Collection(CollectionId(T, "juliet@capulet.example/balcony"), subject="Balcony", items=(
    Message(Direction.FROM, T, "Art thou not Romeo?"),
    Message(Direction.TO, T + timedelta(seconds=11), "Neither, fair saint."),
))  # fmt: skip
SECRET = Collection(CollectionId(T + timedelta(days=1), "nurse@capulet.example"), items=(
    Message(Direction.FROM, T + timedelta(days=1), "The friar waits at his cell."),
))  # fmt: skip


def _trash(server: ProsodyServer, jid: str, data: Path, *action: str) -> int:
    return cli.main(["trash", *action[:1], *login_args(server, jid, data), *action[1:]])


async def _fill_and_remove(
    server: ProsodyServer, jid: str, password: str, replica_path: Path, keys: KeyStore
) -> dict[CollectionId, Collection]:
    worker = Worker()
    try:
        async with session_of(server, jid, password) as session:
            public = keys.generate(PASSPHRASE)
            await session.archive.store(PLAIN)
            await session.archive.store(prepare_encrypted_store(SECRET, [public]))
            before = await server_archive(session)
            with Replica(replica_path) as replica:
                await Replicator(PluginArchive(session.archive), replica).run()
                connection = Connection()
                connection.network = session
                commands = AccountCommands(replica, keys, connection, worker)
                await commands.remove_collections([PLAIN.id, SECRET.id])
            assert await server_archive(session) == {}
        return before
    finally:
        worker.shutdown()


async def _on_server(
    server: ProsodyServer, jid: str, password: str
) -> dict[CollectionId, Collection]:
    async with session_of(server, jid, password) as session:
        return await server_archive(session)


def test_removed_conversations_wait_in_the_trash_and_restore_puts_them_back(
    prosody: ProsodyServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    jid, password = prosody.new_user("trash")
    data = tmp_path / "data"
    workspace = Workspace(data)
    path = workspace.replica_path(jid)
    path.parent.mkdir(parents=True, exist_ok=True)
    keys = KeyStore(workspace.keys_dir)
    before = asyncio.run(_fill_and_remove(prosody, jid, password, path, keys))
    monkeypatch.setenv(PASSWORD_VARIABLE, password)

    assert _trash(prosody, jid, data, "list") == cli.EXIT_OK
    listed = capsys.readouterr().out.splitlines()
    assert [line.split()[2] for line in listed] == [SECRET.with_jid, PLAIN.with_jid]
    assert "encrypted" in listed[0]
    assert "“Balcony”" in listed[1]
    assert "kept until 20" in listed[0]

    assert _trash(prosody, jid, data, "restore", "--all") == cli.EXIT_OK
    assert "2 conversations restored on the server" in capsys.readouterr().out
    after = asyncio.run(_on_server(prosody, jid, password))
    assert after == before  # the same conversations, the same ciphertext
    decryptor = CollectionDecryptor()
    decryptor.add_private_key(keys.unlock(keys.names()[0], PASSPHRASE))
    opened = decryptor.decrypt_collection(after[SECRET.id], Dialect.SEED)
    assert [m.body for m in opened.messages] == ["The friar waits at his cell."]
    with Replica(path) as replica:
        assert replica.collection(PLAIN.id) == before[PLAIN.id]
        assert replica.trashed() == []
    assert _trash(prosody, jid, data, "list") == cli.EXIT_NOTHING_FOUND
    assert "The trash is empty" in capsys.readouterr().out


def test_emptying_the_trash_and_how_long_it_keeps(
    prosody: ProsodyServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    jid, password = prosody.new_user("trash")
    data = tmp_path / "data"
    workspace = Workspace(data)
    path = workspace.replica_path(jid)
    path.parent.mkdir(parents=True, exist_ok=True)
    asyncio.run(_fill_and_remove(prosody, jid, password, path, KeyStore(workspace.keys_dir)))
    assert _trash(prosody, jid, data, "keep", "7") == cli.EXIT_OK
    assert _trash(prosody, jid, data, "empty", "2") == cli.EXIT_OK
    assert "1 conversations deleted for good" in capsys.readouterr().out
    assert _trash(prosody, jid, data, "list") == cli.EXIT_OK
    (line,) = capsys.readouterr().out.splitlines()
    assert SECRET.with_jid in line
    with Replica(path) as replica:
        assert replica.trash_keep_days() == 7
