"""The headless commands: exit codes, the password, offline search and show."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from archiveviewer import cli
from archiveviewer.protocol.xep0082 import format_datetime
from archiveviewer.services.login import Login
from archiveviewer.services.passwords import PASSWORD_VARIABLE
from archiveviewer.services.workspace import replica_file_name
from archiveviewer.sync import ArchiveSource
from tests.helpers import MemoryKeyring
from tests.unit.sync.fakes import FakeServer, make_collection, server_error

JID = "Romeo@Montague.net/orchard"


@pytest.fixture(autouse=True)
def no_real_keyring(
    memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> MemoryKeyring:
    """No password in the environment; an empty keyring of the test's own."""
    monkeypatch.delenv(PASSWORD_VARIABLE, raising=False)
    monkeypatch.delenv("ARCHIVEVIEWER_JID", raising=False)
    return memory_keyring


@pytest.fixture
def server() -> FakeServer:
    server = FakeServer()
    for n in range(12):
        server.put(make_collection(n))
    return server


class Opener:
    """Hands the fake server to the sync command and remembers the account it got."""

    def __init__(self, source: ArchiveSource) -> None:
        self.source = source
        self.accounts: list[Login] = []

    @contextlib.asynccontextmanager
    async def __call__(self, account: Login) -> AsyncIterator[ArchiveSource]:
        self.accounts.append(account)
        yield self.source


def run(tmp_path: Path, *args: str, opener: Opener | None = None) -> int:
    argv = [args[0], "--jid", JID, "--data-dir", str(tmp_path), *args[1:]]
    return cli.main(argv, open_source=opener)


@pytest.fixture
def synced(tmp_path: Path, server: FakeServer, monkeypatch: pytest.MonkeyPatch) -> FakeServer:
    monkeypatch.setenv(PASSWORD_VARIABLE, "secret")
    assert run(tmp_path, "sync", opener=Opener(server)) == cli.EXIT_OK
    return server


def test_sync_stores_one_file_per_account_and_reports(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, synced: FakeServer
) -> None:
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".sqlite3"] == [
        "romeo@montague.net.sqlite3"
    ]
    assert "12 conversations stored" in capsys.readouterr().err


def test_password_from_the_environment(
    tmp_path: Path, server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSWORD_VARIABLE, "from-env")
    opener = Opener(server)
    assert run(tmp_path, "sync", "--host", "localhost", "--port", "5299", opener=opener) == 0
    account = opener.accounts[0]
    assert (account.password, account.host, account.port) == ("from-env", "localhost", 5299)


def test_password_from_the_keyring(
    tmp_path: Path, server: FakeServer, no_real_keyring: MemoryKeyring
) -> None:
    no_real_keyring.set_password("archiveviewer", JID, "from-keyring")
    opener = Opener(server)
    assert run(tmp_path, "sync", opener=opener) == cli.EXIT_OK
    assert opener.accounts[0].password == "from-keyring"


def test_password_saved_under_the_bare_jid(
    tmp_path: Path, server: FakeServer, no_real_keyring: MemoryKeyring
) -> None:
    no_real_keyring.set_password("archiveviewer", JID.split("/")[0], "bare")
    opener = Opener(server)
    assert run(tmp_path, "sync", opener=opener) == cli.EXIT_OK
    assert opener.accounts[0].password == "bare"


def test_no_password_is_an_auth_failure(
    tmp_path: Path, server: FakeServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path, "sync", opener=Opener(server)) == cli.EXIT_CONNECTION
    assert PASSWORD_VARIABLE in capsys.readouterr().err


def test_a_server_error_exits_4_and_a_store_error_5(
    tmp_path: Path, server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSWORD_VARIABLE, "secret")

    def fail(_after: str) -> None:
        raise server_error("internal-server-error")

    server.before_modified = fail
    assert run(tmp_path, "sync", opener=Opener(server)) == cli.EXIT_SERVER
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    argv = ["sync", "--jid", JID, "--data-dir", str(blocker / "sub")]
    assert cli.main(argv, open_source=Opener(server)) == cli.EXIT_STORE


def test_interrupt_exits_130(
    tmp_path: Path, server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSWORD_VARIABLE, "secret")

    def interrupt(_after: str) -> None:
        raise KeyboardInterrupt

    server.before_modified = interrupt
    assert run(tmp_path, "sync", opener=Opener(server)) == cli.EXIT_INTERRUPTED


def test_search_prints_hits_that_show_can_open(
    tmp_path: Path, synced: FakeServer, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert run(tmp_path, "search", "conversation 7") == cli.EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    wanted = make_collection(7)
    first = lines[0].split()
    assert first[:2] == [wanted.with_jid, format_datetime(wanted.start)]
    assert "conversation 7" in lines[0]

    assert run(tmp_path, "show", first[0], first[1]) == cli.EXIT_OK
    shown = capsys.readouterr().out.splitlines()
    assert shown[0].startswith(f"Conversation with {wanted.with_jid}")
    assert [line.split(": ", 1)[1] for line in shown[1:]] == [m.body for m in wanted.messages]


def test_search_with_no_hits_exits_1(tmp_path: Path, synced: FakeServer) -> None:
    assert run(tmp_path, "search", "zanzibar") == cli.EXIT_NOTHING_FOUND


def test_show_of_an_unknown_conversation_exits_1_and_a_bad_time_2(
    tmp_path: Path, synced: FakeServer
) -> None:
    assert run(tmp_path, "show", "nobody@example.org", "2001-01-01T00:00:00Z") == 1
    assert run(tmp_path, "show", "nobody@example.org", "yesterday") == cli.EXIT_USAGE


def test_search_before_any_sync_is_a_store_error(tmp_path: Path) -> None:
    assert run(tmp_path, "search", "anything") == cli.EXIT_STORE
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("argv", [[], ["sync"], ["search"], ["frobnicate"], ["show", "x"]])
def test_usage_errors_exit_2(argv: list[str]) -> None:
    assert cli.main(argv) == cli.EXIT_USAGE


def test_help_documents_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["sync", "--help"]) == cli.EXIT_OK
    out = capsys.readouterr().out
    for code in ("0", "1", "2", "3", "4", "5", "130"):
        assert f"\n  {code} " in out


@pytest.mark.parametrize(
    ("jid", "name"),
    [
        ("Juliet@Capulet.com/balcony", "juliet@capulet.com.sqlite3"),
        ("a b@c.d", "a%20b@c.d.sqlite3"),
        ("..@x", "..@x.sqlite3"),
    ],
)
def test_replica_file_names_are_safe(jid: str, name: str) -> None:
    assert replica_file_name(jid) == name


def test_python_m_dispatches_headless_commands(tmp_path: Path, synced: FakeServer) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ARCHIVEVIEWER")}
    command = [
        sys.executable,
        "-m",
        "archiveviewer",
        "search",
        "conversation 3",
        "--jid",
        JID,
        "--data-dir",
        str(tmp_path),
    ]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "conversation 3" in done.stdout
    nothing = subprocess.run(
        [*command[:4], "zanzibar", *command[5:]],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert nothing.returncode == cli.EXIT_NOTHING_FOUND
