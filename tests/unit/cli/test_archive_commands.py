"""search and show as a user meets them: who spoke, which time is which, bare JIDs,
no hits, no sync yet, and a reader that stops reading."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from archiveviewer import cli
from archiveviewer.domain import CollectionId
from archiveviewer.protocol.xep0082 import format_datetime
from archiveviewer.services.passwords import PASSWORD_VARIABLE
from archiveviewer.services.workspace import replica_file_name
from archiveviewer.store import Replica
from tests.unit.cli.test_cli import JID, Opener, run
from tests.unit.sync.fakes import BASE, FakeServer, make_collection

AT = BASE + timedelta(days=3)


def _talk(n: int, with_jid: str, start=AT):  # type: ignore[no-untyped-def]
    return replace(make_collection(n), id=CollectionId(start, with_jid))


@pytest.fixture
def synced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeServer:
    server = FakeServer()
    server.put(_talk(101, "juliet@capulet.com/balcony"))
    server.put(_talk(102, "juliet@capulet.com/chamber"))
    server.put(_talk(103, "juliet@capulet.com/garden", AT + timedelta(hours=5)))
    for n in range(40):
        server.put(make_collection(n))
    monkeypatch.setenv(PASSWORD_VARIABLE, "secret")
    assert run(tmp_path, "sync", opener=Opener(server)) == cli.EXIT_OK
    return server


def test_a_hit_says_when_the_message_was_sent_and_who_wrote_it(
    tmp_path: Path, synced: FakeServer, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert run(tmp_path, "search", '"message 0 of conversation 103 v1"') == cli.EXIT_OK
    [line] = capsys.readouterr().out.splitlines()
    talk = _talk(103, "juliet@capulet.com/garden", AT + timedelta(hours=5))
    first = talk.messages[0]
    assert line.startswith(
        f"juliet@capulet.com/garden {format_datetime(talk.start)}  "
        f"at {format_datetime(first.time)} juliet: "
    )


def test_no_hits_are_said_on_stderr(
    tmp_path: Path, synced: FakeServer, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert run(tmp_path, "search", "zanzibar") == cli.EXIT_NOTHING_FOUND
    seen = capsys.readouterr()
    assert seen.out == ""
    assert seen.err == "archiveviewer: nothing in the local copy matches “zanzibar”\n"


def test_show_finds_a_conversation_by_its_bare_jid(
    tmp_path: Path, synced: FakeServer, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    start = format_datetime(AT + timedelta(hours=5))
    assert run(tmp_path, "show", "juliet@capulet.com", start) == cli.EXIT_OK
    assert capsys.readouterr().out.startswith("Conversation with juliet@capulet.com/garden")


def test_show_lists_the_candidates_when_a_bare_jid_names_several(
    tmp_path: Path, synced: FakeServer, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert run(tmp_path, "show", "juliet@capulet.com", format_datetime(AT)) == cli.EXIT_USAGE
    err = capsys.readouterr().err.splitlines()
    assert err[1:] == [
        f"  juliet@capulet.com/balcony {format_datetime(AT)}",
        f"  juliet@capulet.com/chamber {format_datetime(AT)}",
    ]


def test_a_file_never_synced_into_says_run_sync_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Replica(tmp_path / replica_file_name(JID)):
        pass  # a sync that failed before storing anything leaves an empty replica
    for command in (["search", "anything"], ["show", "a@b.c", "2001-01-01T00:00:00Z"]):
        assert run(tmp_path, *command) == cli.EXIT_STORE
        assert "run “sync” first" in capsys.readouterr().err


def test_piping_into_head_ends_quietly(tmp_path: Path, synced: FakeServer) -> None:
    command = [sys.executable, "-m", "archiveviewer", "search", "message", "--limit", "500",
               "--jid", JID, "--data-dir", str(tmp_path)]
    search = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert search.stdout is not None
    search.stdout.readline()
    search.stdout.close()  # as head does after its lines
    _, err = search.communicate(timeout=60)
    assert search.returncode == cli.EXIT_OK
    assert err == b""
