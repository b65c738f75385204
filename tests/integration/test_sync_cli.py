"""The headless sync against a real Prosody: what a user sees when things go wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from archiveviewer import cli
from archiveviewer.services.passwords import PASSWORD_VARIABLE
from tests.helpers import login_args
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
