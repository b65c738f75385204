"""``upload``: a file's conversations stored on the server by manual archiving, never twice."""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from archiveviewer import cli
from archiveviewer.domain import Collection, CollectionId, Direction, Message, Note
from archiveviewer.formats.xep0136_file import write_archive
from archiveviewer.services.passwords import PASSWORD_VARIABLE
from tests.helpers import login_args
from tests.integration.xmpp_helpers import connected, new_account
from tests.server.prosody import ProsodyServer

pytestmark = pytest.mark.prosody

T = datetime(2024, 3, 1, 20, 0, tzinfo=UTC)
FILE_COLLECTIONS = [
    Collection(CollectionId(T, "juliet@capulet.example/balcony"), subject="Balcony", items=(
        Message(Direction.FROM, T, "Art thou not Romeo?"),
        Message(Direction.TO, T + timedelta(seconds=11), "Neither, fair saint."),
        Note("She speaks!", T + timedelta(seconds=20)),
    )),
    Collection(CollectionId(T + timedelta(days=1), "nurse@capulet.example"), items=(
        Message(Direction.FROM, T + timedelta(days=1), "Madam!"),
    )),
]  # fmt: skip


def upload(server: ProsodyServer, jid: str, path: Path) -> int:
    return cli.main(["upload", *login_args(server, jid), str(path)])


async def on_server(server: ProsodyServer, jid: str, password: str) -> list[Collection]:
    """Every conversation the server holds for the account, retrieved whole, oldest first."""
    settings = dataclasses.replace(new_account(server), jid=jid, password=password)
    async with connected(settings) as session:
        listed = [c async for page in session.archive.list_pages() for c in page.collections]
        return [await session.archive.retrieve(c.id) for c in sorted(listed, key=lambda c: c.id)]


def test_uploading_twice_stores_each_conversation_once(
    prosody: ProsodyServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    jid, password = prosody.new_user("upload")
    monkeypatch.setenv(PASSWORD_VARIABLE, password)
    path = tmp_path / "archive.xml"
    write_archive(FILE_COLLECTIONS, path)
    assert upload(prosody, jid, path) == cli.EXIT_OK
    assert "2 conversations stored, 0 already on the server" in capsys.readouterr().err
    assert upload(prosody, jid, path) == cli.EXIT_OK
    assert "0 conversations stored, 2 already on the server" in capsys.readouterr().err
    stored = asyncio.run(on_server(prosody, jid, password))
    assert sorted(stored, key=lambda c: c.id) == FILE_COLLECTIONS
