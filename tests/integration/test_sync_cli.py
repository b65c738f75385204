"""The headless sync against a real Prosody: what a user sees when things go wrong."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest

from archiveviewer import cli
from archiveviewer.services.passwords import PASSWORD_VARIABLE
from tests.helpers import login_args
from tests.integration.test_sync import conversation
from tests.integration.xmpp_helpers import online
from tests.server.prosody import ProsodyServer, free_port

pytestmark = pytest.mark.prosody


def sync(server: ProsodyServer, jid: str, data_dir: Path, *, port: int | None = None) -> int:
    return cli.main(["sync", *login_args(server, jid, data_dir, port=port)])


def test_a_wrong_password_exits_3(
    prosody: ProsodyServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    jid, _ = prosody.new_user("sync")
    monkeypatch.setenv(PASSWORD_VARIABLE, "not the password")
    assert sync(prosody, jid, tmp_path) == cli.EXIT_CONNECTION
    assert capsys.readouterr().err.strip()


def test_no_server_listening_exits_3(
    prosody: ProsodyServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    jid, password = prosody.new_user("sync")
    monkeypatch.setenv(PASSWORD_VARIABLE, password)
    assert sync(prosody, jid, tmp_path, port=free_port()) == cli.EXIT_CONNECTION


def test_a_server_without_message_archiving_exits_4(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    server = ProsodyServer(tmp_path / "plain")
    server.modules = tuple(m for m in server.modules if m != "archive")
    with server:
        jid, password = server.new_user("sync")
        monkeypatch.setenv(PASSWORD_VARIABLE, password)
        assert sync(server, jid, tmp_path / "data") == cli.EXIT_SERVER
    assert "archiv" in capsys.readouterr().err


def test_a_server_that_goes_away_mid_sync_is_one_sentence_and_exit_3(
    fresh_prosody: ProsodyServer, tmp_path: Path
) -> None:
    jid, password = fresh_prosody.new_user("gone")

    async def fill() -> None:
        async with online(fresh_prosody, jid, password) as session:
            slots = asyncio.Semaphore(32)

            async def store(n: int) -> None:
                async with slots:
                    await session.archive.store(conversation(n, 2))

            await asyncio.gather(*(store(n) for n in range(240)))

    asyncio.run(fill())
    command = [sys.executable, "-m", "archiveviewer", "sync"]
    command += login_args(fresh_prosody, jid, tmp_path)
    child = subprocess.Popen(
        command, env={**os.environ, PASSWORD_VARIABLE: password},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert child.stderr is not None
    child.stderr.readline()  # the first progress line: syncing
    fresh_prosody.stop()  # shut down (an upgrade, a crash): the connection drops
    _, err = child.communicate(timeout=120)
    assert child.returncode == cli.EXIT_CONNECTION, err
    *progress, said = err.splitlines()
    assert said.startswith("archiveviewer: "), err
    assert "connection" in said
    assert all(line.startswith("sync: ") for line in progress), err  # nothing but progress
