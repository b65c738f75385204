"""One unreadable message in the middle of a real message archive (Prosody's mod_mam).

The archive's rows are what mod_mam itself writes (``seed_archive``); one of
them is then changed in Prosody's own store to a message whose sender is not
an address, which Prosody serves as it is. A sync stores every other message,
names the bad one (its archive, id and what is wrong, in the server's words),
and asks for it again on the next sync in its own place: once the server
serves it readably, the replica holds the archive exactly as the server does.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from archiveviewer import cli
from archiveviewer.crypto import KeyStore
from archiveviewer.domain import ArchivedMessage
from archiveviewer.ports.accounts import HistoryChoice
from archiveviewer.ports.archive import SyncProgress
from archiveviewer.protocol.mam import ArchiveTarget
from archiveviewer.services.archive import AccountCommands
from archiveviewer.services.connection import Connection
from archiveviewer.services.passwords import PASSWORD_VARIABLE
from archiveviewer.services.worker import Worker
from archiveviewer.services.workspace import replica_file_name
from archiveviewer.store import Replica
from archiveviewer.store.archives import ArchiveStore
from archiveviewer.sync.conversations import ConversationRule
from archiveviewer.sync.mam import ArchiveReplicator, ArchiveSyncResult
from archiveviewer.xmpp.mam import MessageArchive
from archiveviewer.xmpp.session import AccountSession
from tests.integration.mam_helpers import (
    mam_prosody,
    online,
    seed_archive,
    server_messages,
    stored_messages,
)
from tests.server.prosody import ProsodyServer

pytestmark = pytest.mark.prosody
__all__ = ["mam_prosody"]  # the fixture, imported for this module

GOOD_SENDER = "ann@localhost/res"
BAD_SENDER = "ann@@localhost"


@pytest.fixture(scope="module")
def plain_prosody(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProsodyServer]:
    """Prosody with mod_mam and without #extended: paging by RSM ids alone."""
    server = ProsodyServer(
        tmp_path_factory.mktemp("prosody-mam-skip"), mam={}, extra_modules=("mam_plain",)
    )
    with server:
        yield server


async def sync(session: AccountSession, path: Path, page_size: int = 40) -> ArchiveSyncResult:
    archive = MessageArchive(session.client)
    with Replica(path) as replica:
        store = ArchiveStore(replica, ConversationRule())
        targets = [ArchiveTarget(archive.account)]
        return await ArchiveReplicator(archive, store, targets, page_size=page_size).run()


def spoil(server: ProsodyServer, owner: str, n: int, *, sender: str = BAD_SENDER) -> str:
    """Make the ``n``-th seeded message (from the oldest) come from ``sender``; its key."""
    user = owner.split("@")[0]
    with sqlite3.connect(server.sql_path, timeout=30) as db:
        key, value = db.execute(
            "SELECT key, value FROM prosodyarchive WHERE user = ? AND store = 'archive'"
            " AND value LIKE ? ORDER BY sort_id",
            (user, f"%<body>message {n} of %"),
        ).fetchone()
        was = GOOD_SENDER if sender == BAD_SENDER else BAD_SENDER
        fixed = value.replace(f"from='{was}'", f"from='{sender}'")
        assert fixed != value
        db.execute("UPDATE prosodyarchive SET value = ? WHERE key = ?", (fixed, key))
    return str(key)


async def an_archive_with_one_bad_message(
    server: ProsodyServer, prefix: str
) -> tuple[str, str, str]:
    """An account with 100 archived messages, the 58th unreadable: (jid, password, its id)."""
    owner, password = server.new_user(prefix)
    async with online(server, owner, password) as session:
        assert await server_messages(session) == []  # Prosody opens its SQL store on first use
    seed_archive(server, owner, ["ann@localhost"], 100)
    # Every third message is the owner's own; 58 is one of ann's, in the middle of a page.
    return owner, password, spoil(server, owner, 58)


def bodies(messages: list[ArchivedMessage]) -> list[str | None]:
    return [m.message.body for m in messages]


@pytest.mark.parametrize("extended", [True, False], ids=["extended", "plain"])
@pytest.mark.asyncio
async def test_one_bad_message_is_skipped_named_and_read_in_its_place_once_it_reads(
    mam_prosody: ProsodyServer, plain_prosody: ProsodyServer, tmp_path: Path, extended: bool
) -> None:
    server = mam_prosody if extended else plain_prosody
    owner, password, bad_id = await an_archive_with_one_bad_message(server, "skipper")
    path = tmp_path / "r.sqlite"
    async with online(server, owner, password) as session:
        first = await sync(session, path)
        # Every readable message is stored, the ones after the bad one too.
        assert first.messages_stored == 99
        assert "message 99 of 100" in bodies(stored_messages(path, owner))
        assert "message 58 of 100" not in bodies(stored_messages(path, owner))
        [unread] = first.unreadable
        assert (unread.archive, unread.archive_id) == (owner, bad_id)
        assert f"The archive of {owner} sent a message (id “{bad_id}”)" in unread.reason
        assert BAD_SENDER in unread.reason  # what is wrong, in the server's words

        # Still unreadable: named again, nothing stored twice, nothing lost.
        again = await sync(session, path)
        assert again.messages_stored == 0
        assert [u.archive_id for u in again.unreadable] == [bad_id]

        spoil(server, owner, 58, sender=GOOD_SENDER)  # the server's copy is mended
        mended = await sync(session, path)
        assert mended.messages_stored == 1
        assert mended.unreadable == ()
        expected = await server_messages(session)
    # The replica holds the archive as the server does, the mended message in its place.
    assert stored_messages(path, owner) == expected
    assert len(expected) == 100


@pytest.mark.asyncio
async def test_a_bad_message_the_archive_no_longer_has_is_no_longer_named(
    mam_prosody: ProsodyServer, tmp_path: Path
) -> None:
    owner, password, bad_id = await an_archive_with_one_bad_message(mam_prosody, "dropper")
    path = tmp_path / "r.sqlite"
    async with online(mam_prosody, owner, password) as session:
        assert [u.archive_id for u in (await sync(session, path)).unreadable] == [bad_id]
        with sqlite3.connect(mam_prosody.sql_path, timeout=30) as db:
            db.execute("DELETE FROM prosodyarchive WHERE key = ?", (bad_id,))
        gone = await sync(session, path)
        expected = await server_messages(session)
    assert gone.unreadable == ()
    assert stored_messages(path, owner) == expected


@pytest.mark.asyncio
async def test_the_windows_sync_names_the_unreadable_message(
    mam_prosody: ProsodyServer, tmp_path: Path
) -> None:
    owner, password, bad_id = await an_archive_with_one_bad_message(mam_prosody, "windowed")
    worker = Worker()
    try:
        async with online(mam_prosody, owner, password) as session:
            connection = Connection()
            connection.network = session
            with Replica(tmp_path / "w.sqlite") as replica:
                commands = AccountCommands(replica, KeyStore(tmp_path / "keys"), connection, worker)
                commands.history = HistoryChoice.MAM  # this server keeps XEP-0136 as well
                seen: list[SyncProgress] = []
                outcome = await commands.sync(seen.append)
    finally:
        worker.shutdown()
    assert outcome.unreadable is not None
    assert outcome.unreadable.startswith(
        "1 archived message could not be read and will be tried again next time: "
        f"The archive of {owner} sent a message (id “{bad_id}”)"
    )
    assert bad_id in outcome.unreadable
    assert seen[-1].done == 99


def test_the_command_line_sync_names_the_unreadable_message(
    mam_prosody: ProsodyServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    owner, password, bad_id = asyncio.run(an_archive_with_one_bad_message(mam_prosody, "cli"))
    monkeypatch.setenv(PASSWORD_VARIABLE, password)
    argv = [
        "sync", "--jid", owner, "--host", mam_prosody.host, "--port", str(mam_prosody.port),
        "--ca-cert", str(mam_prosody.ca_cert), "--data-dir", str(tmp_path), "--source", "mam",
    ]  # fmt: skip
    assert cli.main(argv) == cli.EXIT_OK
    err = capsys.readouterr().err
    assert "99 new messages from the server's message archive" in err
    [line] = [line for line in err.splitlines() if "could not be read" in line]
    assert line.startswith("sync: 1 archived message could not be read")
    assert bad_id in line
    assert BAD_SENDER in line
    assert (tmp_path / replica_file_name(owner)).exists()
