"""archiveviewer-cli search as the window searches: orders, every hit (past 200), who spoke."""

from __future__ import annotations

from pathlib import Path

import pytest

from archiveviewer import cli
from archiveviewer.services.passwords import PASSWORD_VARIABLE
from tests.unit.cli.test_cli import Opener, run
from tests.unit.sync.fakes import FakeServer, make_collection

CONVERSATIONS = 90  # 270 messages: more than the old 200-hit wall


@pytest.fixture
def synced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeServer:
    server = FakeServer()
    for n in range(CONVERSATIONS):
        server.put(make_collection(n))
    monkeypatch.setenv(PASSWORD_VARIABLE, "secret")
    assert run(tmp_path, "sync", opener=Opener(server)) == cli.EXIT_OK
    return server


def _times(lines: list[str]) -> list[str]:
    return [line.split("  at ", 1)[1].split()[0] for line in lines]


def test_every_hit_is_printed_past_200_newest_first_by_default(
    tmp_path: Path, synced: FakeServer, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert run(tmp_path, "search", "message", "--limit", "1000") == cli.EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 * CONVERSATIONS
    assert len(set(lines)) == len(lines)
    assert _times(lines) == sorted(_times(lines), reverse=True)


def test_oldest_first_and_relevance_on_request(
    tmp_path: Path, synced: FakeServer, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert run(tmp_path, "search", "message", "--order", "oldest", "--limit", "250") == 0
    oldest = capsys.readouterr().out.splitlines()
    assert len(oldest) == 250
    assert _times(oldest) == sorted(_times(oldest))
    assert run(tmp_path, "search", "conversation 7", "--order", "relevance") == cli.EXIT_OK
    best = capsys.readouterr().out.splitlines()
    assert "conversation 7 " in best[0]


def test_the_users_own_messages_say_me(
    tmp_path: Path, synced: FakeServer, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert run(tmp_path, "search", '"message 1 of conversation 5 v1"') == cli.EXIT_OK
    [line] = capsys.readouterr().out.splitlines()
    assert " me: message 1 of conversation 5 v1" in line  # Direction.TO: the user wrote it


def test_an_unknown_order_is_a_usage_error(
    tmp_path: Path, synced: FakeServer, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert run(tmp_path, "search", "message", "--order", "best") == cli.EXIT_USAGE
    assert "invalid choice: 'best'" in capsys.readouterr().err
