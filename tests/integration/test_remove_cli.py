"""``remove WITH START`` against the real Prosody: one conversation leaves, into the trash.

A bare JID with two resources starting at the same second is ambiguous: the
candidates are listed and nothing is removed. ``--dry-run`` removes
nothing. The real removal takes exactly the one conversation from the
server, and ``trash restore`` puts it back as it was.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from archiveviewer import cli
from archiveviewer.domain import Collection, CollectionId, Direction, Message
from archiveviewer.services.passwords import PASSWORD_VARIABLE
from archiveviewer.services.workspace import Workspace
from archiveviewer.store import Replica
from tests.integration.test_sync import cli_sync, server_archive, session_of
from tests.server.prosody import ProsodyServer

pytestmark = [pytest.mark.prosody]

T = datetime(2024, 6, 1, 18, 0, tzinfo=UTC)


def _talk(jid: str, start: datetime, text: str) -> Collection:
    items = (
        Message(Direction.FROM, start, f"{text}, says {jid}"),
        Message(Direction.TO, start + timedelta(seconds=3), f"{text}, answered"),
    )
    return Collection(CollectionId(start, jid), items=items)


GARDEN = _talk("juliet@capulet.example/garden", T, "good night")
BALCONY = _talk("juliet@capulet.example/balcony", T, "good morrow")
LATER = _talk("juliet@capulet.example/balcony", T + timedelta(hours=2), "parting")


async def _fill(server: ProsodyServer, jid: str, password: str) -> None:
    async with session_of(server, jid, password) as session:
        for collection in (GARDEN, BALCONY, LATER):
            await session.archive.store(collection)


async def _on_server(
    server: ProsodyServer, jid: str, password: str
) -> dict[CollectionId, Collection]:
    async with session_of(server, jid, password) as session:
        return await server_archive(session)


def _cli(server: ProsodyServer, jid: str, data: Path, command: str, *rest: str) -> int:
    return cli.main([
        *command.split(), "--jid", jid, "--host", server.host, "--port", str(server.port),
        "--ca-cert", str(server.ca_cert), "--data-dir", str(data), *rest,
    ])  # fmt: skip


def test_remove_takes_one_conversation_into_the_trash_and_restore_puts_it_back(
    prosody: ProsodyServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    jid, password = prosody.new_user("remover")
    monkeypatch.setenv(PASSWORD_VARIABLE, password)
    data = tmp_path / "data"
    asyncio.run(_fill(prosody, jid, password))
    assert cli_sync(prosody, jid, data) == cli.EXIT_OK
    before = asyncio.run(_on_server(prosody, jid, password))
    capsys.readouterr()

    start = "2024-06-01T18:00:00Z"
    bare = "juliet@capulet.example"
    assert _cli(prosody, jid, data, "remove", bare, start) == cli.EXIT_USAGE
    err = capsys.readouterr().err.splitlines()
    assert "several conversations with juliet@capulet.example" in err[0]
    assert err[1:] == [f"  {BALCONY.with_jid} {start}", f"  {GARDEN.with_jid} {start}"]
    assert _cli(prosody, jid, data, "remove", bare, "2024-06-01T19:00:00Z") == (
        cli.EXIT_NOTHING_FOUND
    )
    assert "no conversation with" in capsys.readouterr().err

    assert _cli(prosody, jid, data, "remove", GARDEN.with_jid, start, "--dry-run") == cli.EXIT_OK
    assert "would remove the conversation with juliet@capulet.example/garden" in (
        capsys.readouterr().out
    )
    assert asyncio.run(_on_server(prosody, jid, password)) == before

    assert _cli(prosody, jid, data, "remove", GARDEN.with_jid, start) == cli.EXIT_OK
    assert "was removed from the server; it waits in the trash" in capsys.readouterr().out
    after = asyncio.run(_on_server(prosody, jid, password))
    assert after == {k: v for k, v in before.items() if k != GARDEN.id}  # that one, exactly
    path = Workspace(data).replica_path(jid)
    with Replica(path) as replica:
        assert replica.collection_ids() == {BALCONY.id, LATER.id}
        (entry,) = replica.trashed()
    assert entry.id == GARDEN.id
    assert not entry.removed_elsewhere  # removed here: the next sync does not count it

    assert cli_sync(prosody, jid, data) == cli.EXIT_OK
    assert "trash" not in capsys.readouterr().err
    assert _cli(prosody, jid, data, "trash restore", "1") == cli.EXIT_OK
    assert asyncio.run(_on_server(prosody, jid, password)) == before
