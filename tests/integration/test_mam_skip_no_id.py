"""An unreadable message that the archive serves without its id (Prosody's mod_mam, for real).

XEP-0313 gives every result the archive's id of its message (``<result id=…>``),
and paging by RSM and asking for a message again both go by those ids. A
message served without one cannot be read and cannot be asked for by its own
id: its neighbours' ids find it. Here a row in Prosody's own store loses its
key, so Prosody serves it with an empty id. However many syncs run, it is
recorded once, named in the summary, and the replica holds every other
message of the archive exactly once, as the server does.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.integration.mam_helpers import (
    mam_prosody,
    online,
    seed_archive,
    server_messages,
    stored_messages,
)
from tests.integration.test_mam_skip import plain_prosody, sync
from tests.server.prosody import ProsodyServer

pytestmark = pytest.mark.prosody
__all__ = ["mam_prosody", "plain_prosody"]  # the fixtures, imported for this module

COUNT = 100
LATER = 10


def drop_id(server: ProsodyServer, owner: str, n: int) -> None:
    """Make Prosody serve the ``n``-th seeded message (from the oldest) with an empty id."""
    with sqlite3.connect(server.sql_path, timeout=30) as db:
        changed = db.execute(
            "UPDATE prosodyarchive SET key = '' WHERE user = ? AND store = 'archive'"
            " AND value LIKE ?",
            (owner.split("@")[0], f"%<body>message {n} of %"),
        ).rowcount
    assert changed == 1


def recorded(path: Path) -> list[tuple[str, str]]:
    """What the replica holds as unreadable: (archive id, reason), in archive order."""
    with sqlite3.connect(path) as db:
        return db.execute(
            "SELECT archive_id, reason FROM unreadable_messages ORDER BY position"
        ).fetchall()


@pytest.mark.parametrize("extended", [True, False], ids=["extended", "plain"])
@pytest.mark.parametrize("which", [57, COUNT - 1, 0], ids=["middle", "newest", "oldest"])
@pytest.mark.asyncio
async def test_a_message_without_its_id_is_recorded_once_however_many_syncs(
    mam_prosody: ProsodyServer,
    plain_prosody: ProsodyServer,
    tmp_path: Path,
    extended: bool,
    which: int,
) -> None:
    server = mam_prosody if extended else plain_prosody
    owner, password = server.new_user(f"noid{which}")
    async with online(server, owner, password) as session:
        assert await server_messages(session) == []  # Prosody opens its SQL store on first use
    seed_archive(server, owner, ["ann@localhost"], COUNT)
    drop_id(server, owner, which)
    path = tmp_path / "r.sqlite"
    async with online(server, owner, password) as session:
        results = [await sync(session, path) for _ in range(2)]
        # Newer messages arrive: stored after it, however it lies at the edge of the span.
        seed_archive(server, owner, ["ann@localhost"], LATER, start=1_800_000_000)
        results += [await sync(session, path) for _ in range(2)]
        on_server = await server_messages(session)
    assert [r.messages_stored for r in results] == [COUNT - 1, 0, LATER, 0]
    for result in results:
        [unread] = result.unreadable  # named in every summary, once
        assert unread.archive_id == ""
        assert f"The archive of {owner} sent a message of 20" in unread.reason
        assert "without its id" in unread.reason
    assert recorded(path) == [("", results[0].unreadable[0].reason)]
    # The replica holds every other message once, in the server's order.
    assert stored_messages(path, owner) == [m for m in on_server if m.archive_id]
    assert [m.message.body for m in stored_messages(path, owner)] == [
        f"message {n} of {COUNT}" for n in range(COUNT) if n != which
    ] + [f"message {n} of {LATER}" for n in range(LATER)]
