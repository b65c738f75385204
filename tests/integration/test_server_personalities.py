"""Replication and every archive command against each server personality of the test module.

Each personality (tests/integration/personalities.py) is a real Prosody with
our module behaving like a deployed server. The archive is written, synced
with the headless command, changed (appends, a new collection, a removal),
synced again, the server restarted, changed and synced once more; after
each sync the replica must equal what the server returns, exactly.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from archiveviewer import cli
from archiveviewer.domain import Collection, CollectionId, Dialect, Note
from archiveviewer.errors import KnownError, ServerError
from archiveviewer.services.passwords import PASSWORD_VARIABLE
from archiveviewer.services.sync import PluginArchive
from archiveviewer.services.workspace import replica_file_name
from archiveviewer.store import Replica
from archiveviewer.sync import Replicator
from archiveviewer.xmpp.session import AccountSession
from tests.integration.personalities import PERSONALITIES, UPLOADING
from tests.integration.test_sync import (
    RestartOnPage,
    cli_sync,
    conversation,
    replica_of,
    server_archive,
    session_of,
)
from tests.server.prosody import ProsodyServer

pytestmark = [pytest.mark.prosody, pytest.mark.asyncio]


async def _talk(session: AccountSession, contacts: list[str], text: str) -> None:
    """Send a chat message to each contact; the server archives them (Openfire's way)."""
    for contact in contacts:
        session.client.send_message(mto=contact, mbody=f"{text} to {contact}", mtype="chat")
    await session.archive.list_page(max=1)  # answered after the messages were handled


async def _write(session: AccountSession, server: ProsodyServer, name: str, step: int) -> None:
    """Step 0: a first archive; later steps: appends, a new collection, a removal."""
    if name == "openfire":
        contacts = [f"friend{n}@{server.host}" for n in range(3 + step)]
        await _talk(session, contacts, f"step {step}")
        return
    archive = session.archive
    if step == 0:
        await asyncio.gather(*(archive.store(conversation(n)) for n in range(8)))
        return
    await archive.store(conversation(0, messages=2, text=f"more {step}"))  # the earliest, appended
    await archive.store(conversation(20 + step))  # a new one
    outcome = await archive.remove(conversation(step).id)
    assert outcome.extra == ()


async def _discover(session: AccountSession) -> None:
    # As the headless command does: the seed when both are offered ("text"), else 1.x.
    await session.archive.discover()


@pytest.mark.parametrize("name", PERSONALITIES)
async def test_every_sync_ends_with_the_replica_equal_to_the_server(
    name: str,
    make_prosody,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server: ProsodyServer = make_prosody(**PERSONALITIES[name])
    jid, password = server.new_user("romeo")
    monkeypatch.setenv(PASSWORD_VARIABLE, password)
    path = tmp_path / replica_file_name(jid)
    for step in range(3):
        if step == 2:
            server.restart()
        async with session_of(server, jid, password) as session:
            await _discover(session)
            await _write(session, server, name, step)
        assert await asyncio.to_thread(cli_sync, server, jid, tmp_path) == cli.EXIT_OK
        async with session_of(server, jid, password) as session:
            await _discover(session)
            expected = await server_archive(session)
        assert replica_of(path) == expected, f"after sync {step + 1}"
        assert expected


@pytest.mark.parametrize("name", ["text", "opaque_ids", "modified_by_start"])
async def test_a_sync_cut_by_a_restart_resumes_or_starts_again(
    name: str,
    make_prosody,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    server: ProsodyServer = make_prosody(**PERSONALITIES[name])
    jid, password = server.new_user("romeo")
    async with session_of(server, jid, password) as session:
        await asyncio.gather(*(session.archive.store(conversation(n, 3)) for n in range(20)))
    path = tmp_path / "replica.sqlite3"
    async with session_of(server, jid, password) as session:
        await _discover(session)
        source = RestartOnPage(PluginArchive(session.archive), server, page=3)
        with Replica(path) as replica, pytest.raises(KnownError):
            await Replicator(source, replica, page_size=5, pages_ahead=1).run()
    async with session_of(server, jid, password) as session:
        await _discover(session)
        with Replica(path) as replica:
            result = await Replicator(PluginArchive(session.archive), replica).run()
        expected = await server_archive(session)
    assert replica_of(path) == expected
    # An id of the last process is unknown to the new one: the sync started again.
    assert result.restarted is (name == "opaque_ids")


# --- every archive command ----------------------------------------------------------------


@pytest.fixture(params=UPLOADING)
def personality(request: pytest.FixtureRequest) -> str:
    return str(request.param)


async def _listed(session: AccountSession) -> list[CollectionId]:
    ids: list[CollectionId] = []
    async for page in session.archive.list_pages(max=3):  # several pages, whatever the ids
        ids += [c.id for c in page.collections]
    return ids


async def test_every_archive_command_does_what_it_says_or_says_why_not(
    personality: str,
    make_prosody,  # type: ignore[no-untyped-def]
) -> None:
    server: ProsodyServer = make_prosody(**PERSONALITIES[personality])
    jid, password = server.new_user("romeo")
    noticed: list[str] = []
    async with session_of(server, jid, password) as session:
        archive = session.archive
        session.client.add_event_handler("archive_behaviour", lambda n: noticed.append(n.name))
        await _discover(session)
        talks = [conversation(n, 5) for n in range(9)]  # 3 and 8: one contact
        await asyncio.gather(*(archive.store(c) for c in talks))
        assert await _listed(session) == sorted(c.id for c in talks)

        # retrieve, page by page under the hood
        archive.page_size = 2
        assert (await archive.retrieve(talks[1].id)).items == talks[1].items

        # subject
        await archive.set_subject(talks[2].id, "Balcony")
        assert (await archive.retrieve(talks[2].id)).subject == "Balcony"

        # remove one: exactly one
        outcome = await archive.remove(talks[3].id)
        assert (outcome.removed, outcome.extra) == ((talks[3].id,), ())
        left = [c.id for c in talks if c is not talks[3]]
        assert await _listed(session) == left

        # a note: kept, or the user is told the server drops notes
        if personality == "drop_notes":
            with pytest.raises(KnownError, match="does not keep them"):
                await archive.add_note(talks[4].id, Note("remember"))
            assert archive.behaviour.drops_notes is True
        else:
            await archive.add_note(talks[4].id, Note("remember"))
            assert "remember" in [n.text for n in (await archive.retrieve(talks[4].id)).notes]
            assert archive.behaviour.drops_notes is False

        # remove what is being recorded: never everything
        if personality == "ignore_open":
            with pytest.raises(KnownError, match="would remove everything"):
                await archive.remove_open()
        else:
            with pytest.raises(ServerError) as caught:
                await archive.remove_open()  # nothing is being recorded
            assert caught.value.condition == "item-not-found"
        assert await _listed(session) == left
    told = {"drop_notes": ["drops_notes"], "ignore_open": ["ignores_open"]}
    assert noticed == told.get(personality, [])


async def test_the_openfire_shape_lists_and_retrieves_and_refuses_the_rest(
    make_prosody,  # type: ignore[no-untyped-def]
) -> None:
    server: ProsodyServer = make_prosody(**PERSONALITIES["openfire"])
    jid, password = server.new_user("romeo")
    async with session_of(server, jid, password) as session:
        await _talk(session, [f"friend{n}@{server.host}" for n in range(3)], "hello")
        support = await session.archive.discover()
        assert (support.dialect, support.manage, support.manual) == (Dialect.URN, True, False)
        archived = await server_archive(session)
        assert len(archived) == 3
        one = next(iter(archived))
        for refused in (
            session.archive.remove(one),
            session.archive.store(Collection(id=one, items=(Note("x"),))),
            session.archive.get_prefs(),
        ):
            with pytest.raises(ServerError) as caught:
                await refused
            assert caught.value.condition == "feature-not-implemented"
