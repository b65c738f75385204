"""``remove`` offline: what it refuses before connecting, and what ``--dry-run`` says."""

from __future__ import annotations

from pathlib import Path

import pytest

from archiveviewer import cli
from archiveviewer.domain import ArchivedMessage, Collection, CollectionId, Direction, Message
from archiveviewer.protocol.xep0082 import format_datetime
from archiveviewer.services.workspace import Workspace
from archiveviewer.store import Replica
from archiveviewer.store.archive_types import ArchivePage, Edge
from archiveviewer.store.archives import ArchiveStore
from archiveviewer.sync.conversations import ConversationRule
from tests.unit.sync.archive_fakes import ACCOUNT, T0

ROOM_TALK = "bob@example.net"
TALK = Collection(CollectionId(T0, "carol@example.net/home"), items=(
    Message(Direction.FROM, T0, "kept by manual archiving"),
))  # fmt: skip


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = Workspace(tmp_path).replica_path(ACCOUNT)
    path.parent.mkdir(parents=True, exist_ok=True)
    with Replica(path) as replica:
        archived = ArchivedMessage(ACCOUNT, "m1", ROOM_TALK, Message(Direction.FROM, T0, "hi"))
        ArchiveStore(replica, ConversationRule()).store_page(
            ArchivePage(ACCOUNT, Edge.NEWER, [archived], "m1", "m1")
        )
        replica.apply([TALK], [], cursor="c1")
    return tmp_path


def remove(data: Path, *rest: str) -> int:
    return cli.main(["remove", "--jid", ACCOUNT, "--data-dir", str(data), *rest])


def test_a_message_archive_conversation_is_refused_in_one_sentence(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert remove(data, ROOM_TALK, format_datetime(T0)) == cli.EXIT_SERVER
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("archiveviewer: Not available here: MAM archives")
    with Replica(Workspace(data).replica_path(ACCOUNT)) as replica:
        assert len(replica.collections(limit=10)) == 2
        assert replica.trashed() == []


def test_dry_run_says_what_would_go_and_removes_nothing(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # No server, no password: a dry run never connects.
    assert remove(data, "carol@example.net", format_datetime(T0), "--dry-run") == cli.EXIT_OK
    out = capsys.readouterr().out
    assert "would remove the conversation with carol@example.net/home" in out
    assert "(1 message)" in out
    assert "wait in the trash for 30 days" in out
    with Replica(Workspace(data).replica_path(ACCOUNT)) as replica:
        assert replica.collection(TALK.id) == TALK


def test_without_a_local_copy_it_says_sync_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert remove(tmp_path, "carol@example.net", format_datetime(T0)) == cli.EXIT_STORE
    assert "run “sync” first" in capsys.readouterr().err
