"""What a server was seen to do is remembered per server and told once, against real Prosody
personalities (the test module's ``drop_notes`` and ``ignore_open``).

Each run is a new session over the same data folder, as two starts of the program
are: the first finds out (and tells), the second already knows (and neither probes
nor tells again). What the server received is read from its own log
(``log_requests``), not from the client.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from archiveviewer import cli
from archiveviewer.cli.base import build_parser, login_of
from archiveviewer.domain import Note
from archiveviewer.errors import KnownError, ServerError
from archiveviewer.ports.notices import ServerNotice
from archiveviewer.services.login import Login, connect
from archiveviewer.services.server_memory import ServerMemory
from archiveviewer.services.workspace import Workspace
from tests.integration.personalities import PERSONALITIES
from tests.integration.test_sync import conversation
from tests.server.prosody import ProsodyServer

pytestmark = [pytest.mark.prosody, pytest.mark.asyncio]

OPEN = "open='true'"


@pytest.fixture
def start_server(tmp_path: Path) -> Iterator[object]:
    """A personality that logs what it receives and names its software (XEP-0092)."""
    servers: list[ProsodyServer] = []

    def start(name: str) -> ProsodyServer:
        options = {**PERSONALITIES[name], "log_requests": True}
        server = ProsodyServer(tmp_path / name, archive=options, extra_modules=("version",))
        servers.append(server)
        server.start()
        return server

    yield start
    for server in servers:
        server.stop()
        assert server.log_errors() == []


def login(server: ProsodyServer, jid: str, password: str, memory: ServerMemory) -> Login:
    return Login(jid, password, server.host, server.port, server.ca_cert, server_memory=memory)


def since(server: ProsodyServer, seen: int) -> list[str]:
    """The archive requests the server received after the first ``seen``."""
    return server.archive_requests()[seen:]


def kinds(requests: list[str]) -> list[str]:
    """The element of each request: ``save``, ``retrieve``, ``remove``…"""
    return [r[1:].split(" ")[0].rstrip(">") for r in requests]


async def test_dropped_notes_are_found_once_then_known_without_asking(
    start_server, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    server: ProsodyServer = start_server("drop_notes")
    jid, password = server.new_user("romeo")
    workspace = Workspace(tmp_path / "data")
    talk = conversation(0, 3)
    told: list[ServerNotice] = []
    async with connect(login(server, jid, password, ServerMemory(workspace, told.append))) as s:
        await s.archive.store(talk)
        before = len(server.archive_requests())
        with pytest.raises(KnownError, match="does not keep them"):
            await s.archive.add_note(talk.id, Note("remember the balcony"))
    probed = since(server, before)
    assert kinds(probed) == ["save", "retrieve"]  # stored, read back
    assert [(n.server, n.finding) for n in told] == [("localhost", "drops_notes")]
    assert "does not keep them" in told[0].sentence

    # The next run: known from the start, nothing sent for a note, nothing told.
    told_again: list[ServerNotice] = []
    seen = len(server.archive_requests())
    memory = ServerMemory(workspace, told_again.append)
    async with connect(login(server, jid, password, memory)) as s:
        assert s.archive.behaviour.drops_notes is True
        with pytest.raises(KnownError, match="notes you add are not stored on the server"):
            await s.archive.add_note(talk.id, Note("remember the balcony"))
        assert (await s.archive.retrieve(talk.id)).items == talk.items  # the rest still works
    assert kinds(since(server, seen)) == ["retrieve"]  # the one asked for: no note, no read-back
    assert told_again == []
    record = memory.read("localhost")
    assert (record.behaviour.drops_notes, record.software) == (True, "Prosody 0.12.3")


async def test_a_server_that_ignores_open_is_never_sent_open_again(
    start_server, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    server: ProsodyServer = start_server("ignore_open")
    jid, password = server.new_user("romeo")
    workspace = Workspace(tmp_path / "data")
    kept = conversation(1, 2)
    told: list[ServerNotice] = []
    async with connect(login(server, jid, password, ServerMemory(workspace, told.append))) as s:
        await s.archive.store(kept)
        with pytest.raises(KnownError, match="would remove everything"):
            await s.archive.remove_open()
    assert sum(OPEN in r for r in server.archive_requests()) == 1  # the probe, on its own contact
    assert [n.finding for n in told] == ["ignores_open"]

    told_again: list[ServerNotice] = []
    seen = len(server.archive_requests())
    async with connect(
        login(server, jid, password, ServerMemory(workspace, told_again.append))
    ) as s:
        for contact in (None, kept.id.with_jid):
            with pytest.raises(KnownError, match="would remove everything"):
                await s.archive.remove_open(contact)
        assert [c.id for c in (await s.archive.list_page()).collections] == [kept.id]
    assert kinds(since(server, seen)) == ["list"]  # no probe, no open='true'
    assert told_again == []


async def test_a_server_that_honours_open_is_not_probed_twice(
    start_server, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    server: ProsodyServer = start_server("drop_notes")  # honours open; speaks 1.x only
    jid, password = server.new_user("romeo")
    workspace = Workspace(tmp_path / "data")
    told: list[ServerNotice] = []
    for run in range(2):
        seen = len(server.archive_requests())
        async with connect(login(server, jid, password, ServerMemory(workspace, told.append))) as s:
            with pytest.raises(ServerError) as caught:
                await s.archive.remove_open()  # nothing is being recorded
            assert caught.value.condition == "item-not-found"
        # First run: the probe (store, remove open, remove it), then the request; then only it.
        expected = ["save", "remove", "remove", "remove"] if run == 0 else ["remove"]
        assert kinds(since(server, seen)) == expected
        assert OPEN in since(server, seen)[-1]
    assert told == []  # honouring open is nothing to tell


async def test_a_new_server_version_is_checked_again_but_not_told_again(
    start_server, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    server: ProsodyServer = start_server("drop_notes")
    jid, password = server.new_user("romeo")
    workspace = Workspace(tmp_path / "data")
    talk = conversation(0, 2)
    told: list[ServerNotice] = []
    async with connect(login(server, jid, password, ServerMemory(workspace, told.append))) as s:
        await s.archive.store(talk)
        with pytest.raises(KnownError):
            await s.archive.add_note(talk.id, Note("one"))
    path = workspace.server_path("localhost")
    saved = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**saved, "software": "Prosody 0.11.9"}), encoding="utf-8")

    seen = len(server.archive_requests())
    async with connect(login(server, jid, password, ServerMemory(workspace, told.append))) as s:
        assert s.archive.behaviour.drops_notes is None  # an upgrade: found out again
        with pytest.raises(KnownError, match="does not keep them"):
            await s.archive.add_note(talk.id, Note("two"))
    assert kinds(since(server, seen)) == ["save", "retrieve"]
    assert [n.finding for n in told] == ["drops_notes"]  # told the first time only
    assert json.loads(path.read_text(encoding="utf-8"))["software"] == "Prosody 0.12.3"


async def test_the_command_line_says_it_once_on_stderr(
    start_server,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    server: ProsodyServer = start_server("drop_notes")
    jid, password = server.new_user("romeo")
    monkeypatch.setenv("ARCHIVEVIEWER_PASSWORD", password)
    talk = conversation(0, 2)
    argv = ["sync", "--jid", jid, "--host", server.host, "--port", str(server.port),
            "--ca-cert", str(server.ca_cert), "--data-dir", str(tmp_path / "data")]  # fmt: skip
    groups = [importlib.import_module(name) for name in cli.GROUP_MODULES]
    args = build_parser(groups).parse_args(argv)
    for run in range(2):
        async with connect(login_of(args)) as s:  # what every command on the server logs in with
            await s.archive.store(talk)
            with pytest.raises(KnownError):
                await s.archive.add_note(talk.id, Note(f"note {run}"))
        lines = capsys.readouterr().err.splitlines()
        expected = ["archiveviewer: This server accepts notes but does not keep them: notes you "
                    "add are not stored on the server."]  # fmt: skip
        assert lines == (expected if run == 0 else [])

