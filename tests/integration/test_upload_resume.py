"""An upload cut off in the middle of a large conversation resumes inside it, without duplicates.

The conversation goes up in many requests (a small request limit); the
connection drops after a few of them, so the server holds its first items
only. Run again, the upload appends the rest, and the server then holds
each message exactly once, at its time.
"""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from archiveviewer.domain import Collection, CollectionId, Direction, Message
from archiveviewer.errors import KnownError
from archiveviewer.services.upload import UploadOutcome, upload
from tests.integration.test_upload_cli import on_server
from tests.integration.xmpp_helpers import connected, new_account
from tests.server.prosody import ProsodyServer

pytestmark = pytest.mark.prosody

T = datetime(2024, 3, 1, 20, 0, tzinfo=UTC)
LARGE = Collection(CollectionId(T, "juliet@capulet.example/balcony"), subject="Night", items=tuple(
    Message(Direction.FROM if n % 2 else Direction.TO, T + timedelta(seconds=7 * n), f"line {n}")
    for n in range(80)
))  # fmt: skip
SMALL = Collection(CollectionId(T + timedelta(days=1), "nurse@capulet.example"), items=(
    Message(Direction.FROM, T + timedelta(days=1), "Madam!"),
))  # fmt: skip


async def _interrupted(server: ProsodyServer, jid: str, password: str) -> int:
    """Upload with small requests and drop the connection after the third; requests sent."""
    settings = dataclasses.replace(new_account(server), jid=jid, password=password)
    async with connected(settings) as session:
        archive: Any = session.archive
        archive._store_limit = 400  # a few messages a request
        sent = 0
        original = archive._store_chunk

        async def cut_off(*args: Any) -> None:
            nonlocal sent
            if sent == 3:
                await session.disconnect()
            await original(*args)
            sent += 1

        archive._store_chunk = cut_off
        with pytest.raises(KnownError):
            await upload(archive, [LARGE, SMALL])
        return sent


async def _again(server: ProsodyServer, jid: str, password: str) -> UploadOutcome:
    settings = dataclasses.replace(new_account(server), jid=jid, password=password)
    async with connected(settings) as session:
        return await upload(session.archive, [LARGE, SMALL])


def test_an_interrupted_upload_of_a_large_conversation_resumes_without_duplicates(
    prosody: ProsodyServer,
) -> None:
    jid, password = prosody.new_user("resume")
    assert asyncio.run(_interrupted(prosody, jid, password)) == 3
    (partial,) = asyncio.run(on_server(prosody, jid, password))
    assert 0 < len(partial.items) < len(LARGE.items)  # cut off inside the conversation

    outcome = asyncio.run(_again(prosody, jid, password))
    assert (outcome.stored, outcome.completed, outcome.skipped) == (1, 1, 0)
    assert asyncio.run(on_server(prosody, jid, password)) == [LARGE, SMALL]

    again = asyncio.run(_again(prosody, jid, password))
    assert (again.stored, again.completed, again.skipped) == (0, 0, 2)
    assert asyncio.run(on_server(prosody, jid, password)) == [LARGE, SMALL]
