"""Replication against the real Prosody and our XEP-0136 module.

The archive is written through the client's manual archiving (``store``),
synced with the headless command or the engine, and compared with what the
server itself returns for every collection.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from archiveviewer import cli
from archiveviewer.domain import Collection, CollectionId, Direction, Message
from archiveviewer.errors import KnownError
from archiveviewer.services.passwords import PASSWORD_VARIABLE
from archiveviewer.services.sync import PluginArchive
from archiveviewer.services.workspace import replica_file_name
from archiveviewer.store import Replica
from archiveviewer.sync import ModifiedPage, Replicator
from archiveviewer.xmpp.session import AccountSession
from tests.helpers import login_args
from tests.integration.xmpp_helpers import online as session_of
from tests.server.prosody import ProsodyServer

pytestmark = [pytest.mark.prosody, pytest.mark.asyncio]

T0 = datetime(2009, 3, 1, 12, 0, tzinfo=UTC)


def conversation(n: int, messages: int = 4, text: str = "hello") -> Collection:
    start = T0 + timedelta(hours=n)
    items = tuple(
        Message(
            Direction.TO if i % 2 else Direction.FROM,
            start + timedelta(seconds=i),
            f"{text} {i} in talk {n}",
        )
        for i in range(messages)
    )
    return Collection(CollectionId(start, f"contact{n % 5}@example.net"), items=items)


async def server_archive(session: AccountSession) -> dict[CollectionId, Collection]:
    """Every collection as the server returns it now."""
    ids: list[CollectionId] = []
    async for page in session.archive.list_pages():
        ids += [c.id for c in page.collections]
    return {cid: await session.archive.retrieve(cid) for cid in ids}


def replica_of(path: Path) -> dict[CollectionId, Collection | None]:
    with Replica(path) as replica:
        return {cid: replica.collection(cid) for cid in replica.collection_ids()}


def cli_sync(server: ProsodyServer, jid: str, data_dir: Path) -> int:
    return cli.main(["sync", *login_args(server, jid, data_dir)])


@pytest.fixture
def account(prosody: ProsodyServer, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    jid, password = prosody.new_user("replica")
    monkeypatch.setenv(PASSWORD_VARIABLE, password)
    return jid, password


async def test_sync_copies_the_archive_and_follows_its_changes(
    prosody: ProsodyServer, account: tuple[str, str], tmp_path: Path
) -> None:
    jid, password = account
    async with session_of(prosody, jid, password) as session:
        await asyncio.gather(*(session.archive.store(conversation(n)) for n in range(12)))
    path = tmp_path / replica_file_name(jid)

    assert await asyncio.to_thread(cli_sync, prosody, jid, tmp_path) == cli.EXIT_OK
    async with session_of(prosody, jid, password) as session:
        assert replica_of(path) == await server_archive(session)
        await session.archive.remove(conversation(3).id)
        await session.archive.store(conversation(5, messages=2, text="more"))  # appended
        await session.archive.store(conversation(40))

    assert await asyncio.to_thread(cli_sync, prosody, jid, tmp_path) == cli.EXIT_OK
    async with session_of(prosody, jid, password) as session:
        expected = await server_archive(session)
    assert replica_of(path) == expected
    assert conversation(3).id not in expected
    assert len(expected[conversation(5).id].messages) == 6
    assert (
        await asyncio.to_thread(
            cli.main, ["search", "more 1", "--jid", jid, "--data-dir", str(tmp_path)]
        )
        == cli.EXIT_OK
    )


class RestartOnPage:
    """Wraps the archive: restarts the server when the n-th <modified/> page is asked."""

    def __init__(self, source: PluginArchive, server: ProsodyServer, page: int) -> None:
        self._source = source
        self._server = server
        self._page = page
        self._pages = 0

    async def supports_modified(self) -> bool:
        return await self._source.supports_modified()

    async def server_time(self) -> datetime | None:
        return await self._source.server_time()

    async def modified_page(
        self, since: datetime, after: str | None, max_items: int
    ) -> ModifiedPage:
        self._pages += 1
        if self._pages == self._page:
            await asyncio.to_thread(self._server.restart)
        return await self._source.modified_page(since, after, max_items)

    async def list_page(self, after: str | None, max_items: int):  # type: ignore[no-untyped-def]
        return await self._source.list_page(after, max_items)

    async def retrieve(self, collection_id: CollectionId) -> Collection:
        return await self._source.retrieve(collection_id)


async def test_a_server_restart_mid_sync_fails_cleanly_and_the_next_sync_resumes(
    fresh_prosody: ProsodyServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    jid, password = fresh_prosody.new_user("restart")
    monkeypatch.setenv(PASSWORD_VARIABLE, password)
    async with session_of(fresh_prosody, jid, password) as session:
        await asyncio.gather(*(session.archive.store(conversation(n, 3)) for n in range(20)))
    path = tmp_path / replica_file_name(jid)

    async with session_of(fresh_prosody, jid, password) as session:
        source = RestartOnPage(PluginArchive(session.archive), fresh_prosody, page=3)
        with Replica(path) as replica:
            with pytest.raises(KnownError):
                await Replicator(source, replica, page_size=5, pages_ahead=1).run()
            stored_before = replica.collection_ids()
            cursor = replica.cursor()
    assert len(stored_before) == 10  # two pages of five
    assert cursor is not None

    assert await asyncio.to_thread(cli_sync, fresh_prosody, jid, tmp_path) == cli.EXIT_OK
    async with session_of(fresh_prosody, jid, password) as session:
        assert replica_of(path) == await server_archive(session)
