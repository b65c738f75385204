"""Nonsense on the command line: exit 2 and one line that says what is wrong, at once."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from archiveviewer import cli
from archiveviewer.services.login import Login
from archiveviewer.services.passwords import PASSWORD_VARIABLE
from archiveviewer.services.workspace import replica_file_name
from archiveviewer.sync import ArchiveSource
from tests.helpers import MemoryKeyring
from tests.unit.sync.fakes import FakeServer, make_collection


@pytest.fixture(autouse=True)
def clean_environment(memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PASSWORD_VARIABLE, raising=False)
    monkeypatch.delenv("ARCHIVEVIEWER_JID", raising=False)


@contextlib.asynccontextmanager
async def never_connect(_account: Login) -> AsyncIterator[ArchiveSource]:
    raise AssertionError("a command with a wrong argument must not connect")
    yield FakeServer()  # pragma: no cover


def usage(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert cli.main(list(argv), open_source=never_connect) == cli.EXIT_USAGE
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert "Traceback" not in captured.err
    return lines[0]


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["sync", "--jid", "not a jid"], "is not an account address"),
        (["sync", "--jid", "montague.net"], "has no name before the @"),
        (["search", "--jid", "r" * 300 + "@montague.net", "x"], "too long for a local copy"),
        (["sync", "--jid", "romeo@montague.net", "--port", "99999"], "not between 1 and 65535"),
        (["sync", "--jid", "romeo@montague.net", "--port", "http"], "not a port"),
        (["search", "--jid", "romeo@montague.net", "--limit", "1" + "0" * 20, "x"], "the limit"),
        (["search", "--jid", "romeo@montague.net", "--limit", "0", "x"], "the limit"),
        (["search", "--jid", "romeo@montague.net", "--limit", "-5", "x"], "--limit"),
        (["sync", "--jid", "romeo@montague.net", "--ca-cert", "/etc/passwd"], "no certificate"),
        (["sync", "--jid", "romeo@montague.net", "--ca-cert", "/no/such.pem"], "does not exist"),
        (["sync", "--jid", "romeo@montague.net", "--ca-cert", "/etc"], "is not a file"),
        (["sync", "--jid", "romeo@montague.net", "--data-dir", "/etc/passwd"], "not a folder"),
        (["show", "--jid", "romeo@montague.net", "juliet@capulet.lit", "2026-02-30T00:00:00Z"],
         "is not a time like"),
        (["show", "--jid", "romeo@montague.net", "a@b@c", "2026-01-01T00:00:00Z"],
         "is not an XMPP address"),
        (["search", "--jid", "romeo@montague.net", " ".join(["love"] * 65)], "more than 64 words"),
        (["search", "--jid", "romeo@montague.net", "x" * 1001], "longer than 1,000"),
        (["search", "--jid", "romeo@montague.net", "   "], "the search text is empty"),
        (["search", "--jid", "romeo@montague.net", "-montague"], "put -- before the search"),
        (["search", "--jid", "romeo@montague.net", "x", "-montague"], "put -- before the search"),
        (["sync"], "--jid is required"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_nonsense_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], words: str
) -> None:
    assert words in usage(capsys, *argv)


def test_a_jid_from_the_environment_is_checked_too(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARCHIVEVIEWER_JID", "no jid here")
    assert "is not an account address" in usage(capsys, "sync")


def test_a_search_for_minus_word_is_given_after_a_double_dash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    server = FakeServer()
    for n in range(3):
        server.put(make_collection(n))

    @contextlib.asynccontextmanager
    async def fake(_account: Login) -> AsyncIterator[ArchiveSource]:
        yield server

    monkeypatch.setenv(PASSWORD_VARIABLE, "x")
    account = ["--jid", "romeo@montague.net", "--data-dir", str(tmp_path)]
    assert cli.main(["sync", *account], open_source=fake) == cli.EXIT_OK
    capsys.readouterr()
    # "conversation" is in every message; "-1" would be an option without the "--".
    assert cli.main(["search", *account, "--", "-v1 conversation"]) == cli.EXIT_NOTHING_FOUND
    assert cli.main(["search", *account, "--", "conversation -v2"]) == cli.EXIT_OK
    assert "conversation" in capsys.readouterr().out


def test_a_search_before_any_sync_says_to_run_sync_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["search", "--jid", "romeo@montague.net", "--data-dir", str(tmp_path), "love"]
    assert cli.main(argv) == cli.EXIT_STORE
    assert "run “sync” first" in capsys.readouterr().err


def test_a_sync_names_the_conversation_it_could_not_read_and_stores_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from archiveviewer.errors import MalformedInput

    server = FakeServer()
    for n in range(5):
        server.put(make_collection(n))
    victim = sorted(server.collections)[1]
    sentence = f"The conversation with {victim.with_jid} cannot be read. A date is wrong."

    def fail(collection_id: object) -> None:
        if collection_id == victim:
            raise MalformedInput(sentence)

    server.before_retrieve = fail

    @contextlib.asynccontextmanager
    async def fake(_account: Login) -> AsyncIterator[ArchiveSource]:
        yield server

    monkeypatch.setenv(PASSWORD_VARIABLE, "x")
    argv = ["sync", "--jid", "romeo@montague.net", "--data-dir", str(tmp_path)]
    assert cli.main(argv, open_source=fake) == cli.EXIT_OK
    err = capsys.readouterr().err.splitlines()
    assert err[-2].startswith("sync: done: 4 conversations stored")
    assert err[-1] == (
        f"sync: 1 conversation could not be read and will be tried again next time: {sentence}"
    )


def test_a_damaged_copy_stops_the_sync_and_sync_rebuild_starts_afresh(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    server = FakeServer()
    for n in range(150):
        server.put(make_collection(n, messages=8))

    @contextlib.asynccontextmanager
    async def fake(_account: Login) -> AsyncIterator[ArchiveSource]:
        yield server

    monkeypatch.setenv(PASSWORD_VARIABLE, "x")
    argv = ["sync", "--jid", "romeo@montague.net", "--data-dir", str(tmp_path)]
    assert cli.main(argv, open_source=fake) == cli.EXIT_OK
    path = tmp_path / replica_file_name("romeo@montague.net")
    with path.open("r+b") as file:  # a failing disk garbles a few pages
        file.seek(30 * 4096)
        file.write(bytes(range(256)) * 64)
    server.put(make_collection(500))
    capsys.readouterr()

    assert cli.main(argv, open_source=fake) == cli.EXIT_STORE
    err = capsys.readouterr().err
    assert "is damaged" in err
    assert "Run “sync --rebuild” to do so." in err

    assert cli.main([*argv, "--rebuild"], open_source=fake) == cli.EXIT_OK
    err = capsys.readouterr().err
    assert "the damaged local copy was moved to" in err
    assert list(tmp_path.glob("*.damaged-*"))
    argv_search = ["search", "--jid", "romeo@montague.net", "--data-dir", str(tmp_path)]
    assert cli.main([*argv_search, "conversation 500"]) == cli.EXIT_OK
