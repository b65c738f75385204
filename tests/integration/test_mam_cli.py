"""A stock Prosody account (mod_mam, no XEP-0136): the headless sync, search and show.

The account's server discloses only ``urn:xmpp:mam:2``, so ``sync`` reads the
message archive and groups it into conversations; ``search`` and ``show``
then work on them like on any other.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from archiveviewer import cli
from archiveviewer.crypto import KeyStore
from archiveviewer.domain import Direction
from archiveviewer.ports.archive import SyncOutcome, SyncProgress
from archiveviewer.services.archive import AccountCommands
from archiveviewer.services.connection import Connection
from archiveviewer.services.passwords import PASSWORD_VARIABLE
from archiveviewer.services.worker import Worker
from archiveviewer.services.workspace import replica_file_name
from archiveviewer.store import Replica
from archiveviewer.store.archives import ArchiveStore
from archiveviewer.sync.conversations import ConversationRule
from tests.helpers import login_args
from tests.integration.mam_helpers import chat, mam_prosody, online, seed_archive, server_messages
from tests.server.prosody import ProsodyServer

pytestmark = pytest.mark.prosody
__all__ = ["mam_prosody"]  # the fixture, imported for this module


@pytest.fixture(scope="module")
def stock_prosody(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProsodyServer]:
    """Prosody as Debian ships it for history: mod_mam, and not our XEP-0136 module."""
    server = ProsodyServer(tmp_path_factory.mktemp("stock"), mam={})
    server.modules = tuple(m for m in server.modules if m != "archive")
    with server:
        yield server


def run(server: ProsodyServer, command: str, jid: str, data_dir: Path, *extra: str) -> int:
    return cli.main([command, *login_args(server, jid, data_dir), *extra])


async def converse(server: ProsodyServer, romeo: tuple[str, str], juliet: tuple[str, str]) -> None:
    async with online(server, *romeo) as r, online(server, *juliet) as j:
        await chat(r, juliet[0], ["But soft, what light through yonder window breaks?"])
        await chat(j, romeo[0], ["Wherefore art thou Romeo?"])


def test_a_stock_account_syncs_and_its_history_is_searched_offline(
    stock_prosody: ProsodyServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    romeo, romeo_pw = stock_prosody.new_user("romeo")
    juliet, juliet_pw = stock_prosody.new_user("juliet")
    # The command line runs its own event loop: chat before, not around it.
    asyncio.run(converse(stock_prosody, (romeo, romeo_pw), (juliet, juliet_pw)))
    monkeypatch.setenv(PASSWORD_VARIABLE, juliet_pw)
    assert await_sync(stock_prosody, juliet, tmp_path) == cli.EXIT_OK
    assert "2 new messages from the server's message archive" in capsys.readouterr().err
    assert await_sync(stock_prosody, juliet, tmp_path) == cli.EXIT_OK
    assert "0 new messages" in capsys.readouterr().err

    assert run(stock_prosody, "search", juliet, tmp_path, "yonder") == cli.EXIT_OK
    found = capsys.readouterr().out
    assert romeo in found
    assert "yonder" in found
    with Replica(tmp_path / replica_file_name(juliet)) as replica:
        [summary] = replica.collections()
    start = summary.id.start.isoformat().replace("+00:00", "Z")
    assert run(stock_prosody, "show", juliet, tmp_path, romeo, start) == cli.EXIT_OK
    shown = capsys.readouterr().out
    assert shown.index("yonder window") < shown.index("Wherefore art thou")


def await_sync(server: ProsodyServer, jid: str, data_dir: Path) -> int:
    return run(server, "sync", jid, data_dir)


@pytest.mark.asyncio
async def test_the_windows_sync_of_a_stock_account_reads_its_message_archive(
    stock_prosody: ProsodyServer, tmp_path: Path
) -> None:
    romeo, romeo_pw = stock_prosody.new_user("romeo")
    juliet, juliet_pw = stock_prosody.new_user("juliet")
    await converse(stock_prosody, (romeo, romeo_pw), (juliet, juliet_pw))
    worker = Worker()
    try:
        async with online(stock_prosody, juliet, juliet_pw) as session:
            connection = Connection()
            connection.network = session
            with Replica(tmp_path / "juliet.sqlite") as replica:
                commands = AccountCommands(replica, KeyStore(tmp_path / "keys"), connection, worker)
                seen: list[SyncProgress] = []
                outcome = await commands.sync(seen.append)
                [summary] = replica.collections()
                conversation = replica.collection(summary.id)
    finally:
        worker.shutdown()
    assert outcome == SyncOutcome(1, 0)  # one conversation, new: its two messages
    assert seen[-1].done == 2
    assert conversation is not None
    assert [m.direction for m in conversation.messages] == [Direction.FROM, Direction.TO]


def test_a_chosen_archive_the_server_does_not_keep_is_refused_in_a_sentence(
    stock_prosody: ProsodyServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    juliet, juliet_pw = stock_prosody.new_user("juliet")
    monkeypatch.setenv(PASSWORD_VARIABLE, juliet_pw)
    code = run(stock_prosody, "sync", juliet, tmp_path, "--source", "xep0136")
    assert code == cli.EXIT_SERVER
    said = capsys.readouterr().err.strip().splitlines()
    assert said == [
        "archiveviewer: You chose to read this account's history from the server's collections "
        "(XEP-0136), but this server does not offer them; choose Automatic to read the archive "
        "it keeps."
    ]
    assert run(stock_prosody, "sync", juliet, tmp_path, "--source", "mam") == cli.EXIT_OK


def test_on_a_server_that_keeps_both_the_user_chooses_which_is_read(
    mam_prosody: ProsodyServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    romeo, romeo_pw = mam_prosody.new_user("romeo")
    juliet, juliet_pw = mam_prosody.new_user("juliet")
    asyncio.run(converse(mam_prosody, (romeo, romeo_pw), (juliet, juliet_pw)))
    monkeypatch.setenv(PASSWORD_VARIABLE, juliet_pw)
    assert run(mam_prosody, "sync", juliet, tmp_path / "auto") == cli.EXIT_OK
    assert "conversations stored" in capsys.readouterr().err  # the stated default: XEP-0136
    assert run(mam_prosody, "sync", juliet, tmp_path / "mam", "--source", "mam") == cli.EXIT_OK
    assert "2 new messages from the server's message archive" in capsys.readouterr().err


def test_the_idle_gap_given_to_sync_regroups_what_is_stored(
    stock_prosody: ProsodyServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    juliet, juliet_pw = stock_prosody.new_user("juliet")

    async def open_the_archive() -> None:
        async with online(stock_prosody, juliet, juliet_pw) as session:
            await server_messages(session)  # Prosody opens its SQL archive on first use

    asyncio.run(open_the_archive())
    seed_archive(stock_prosody, juliet, ["romeo@localhost"], 80)  # an hour's silence every 40
    monkeypatch.setenv(PASSWORD_VARIABLE, juliet_pw)
    path = tmp_path / replica_file_name(juliet)

    def conversations() -> tuple[int, int]:
        with Replica(path) as replica:
            stored = ArchiveStore(replica, ConversationRule()).messages(juliet)
            return len(replica.collections(limit=1000)), len({m.archive_id for m in stored})

    assert run(stock_prosody, "sync", juliet, tmp_path) == cli.EXIT_OK
    assert conversations() == (2, 80)
    assert run(stock_prosody, "sync", juliet, tmp_path, "--idle-gap", "120") == cli.EXIT_OK
    assert conversations() == (1, 80)
    assert run(stock_prosody, "sync", juliet, tmp_path, "--idle-gap", "0") == cli.EXIT_USAGE
    assert "the minutes must be from 1" in capsys.readouterr().err
