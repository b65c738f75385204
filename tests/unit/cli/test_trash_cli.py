"""``trash`` offline: list, keep, empty, and the sentences for a wrong command line."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from archiveviewer import cli
from archiveviewer.domain import Collection, CollectionId, Direction, Message
from archiveviewer.services.workspace import Workspace
from archiveviewer.store import Replica

JID = "romeo@montague.example"
T = datetime(2024, 3, 1, 20, 0, tzinfo=UTC)
TALKS = [
    Collection(CollectionId(T + timedelta(days=n), f"c{n}@capulet.example"), items=(
        Message(Direction.FROM, T + timedelta(days=n), f"hello {n}"),
    ))
    for n in range(3)
]  # fmt: skip


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = Workspace(tmp_path).replica_path(JID)
    path.parent.mkdir(parents=True, exist_ok=True)
    with Replica(path) as replica:
        for n, talk in enumerate(TALKS):
            replica.replace_collection(talk)
            replica.move_to_trash(talk.id, datetime.now(UTC) - timedelta(days=n))
    return tmp_path


def trash(data: Path, *action: str) -> int:
    return cli.main(["trash", action[0], "--jid", JID, "--data-dir", str(data), *action[1:]])


def test_list_numbers_the_most_recently_removed_first(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert trash(data, "list") == cli.EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == ["1", "2", "3"]
    assert [line.split()[2] for line in lines] == ["c0@capulet.example", "c1@capulet.example",
                                                    "c2@capulet.example"]  # fmt: skip
    assert "“hello 0”" in lines[0]


def test_a_shorter_period_purges_what_is_older(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert trash(data, "keep", "1") == cli.EXIT_OK
    assert "kept 1 days" in capsys.readouterr().out
    assert trash(data, "list") == cli.EXIT_OK
    assert len(capsys.readouterr().out.splitlines()) == 1  # removed 1 and 2 days ago: purged


def test_empty_some_then_all(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert trash(data, "empty", "1", "3") == cli.EXIT_OK
    assert "2 conversations deleted for good" in capsys.readouterr().out
    assert trash(data, "empty") == cli.EXIT_OK
    assert "1 conversations deleted for good" in capsys.readouterr().out
    assert trash(data, "list") == cli.EXIT_NOTHING_FOUND
    assert "The trash is empty (removed conversations are kept 30 days)" in (
        capsys.readouterr().out
    )


@pytest.mark.parametrize(
    ("action", "said"),
    [
        (("restore",), "say which conversations"),
        (("restore", "4"), "`trash list` shows no number 4"),
        (("empty", "0"), "`trash list` shows no number 0"),
        (("keep", "0"), "kept at least 1 day"),
    ],
)
def test_a_wrong_command_line_is_one_sentence_and_changes_nothing(
    data: Path, capsys: pytest.CaptureFixture[str], action: tuple[str, ...], said: str
) -> None:
    assert trash(data, *action) == cli.EXIT_USAGE
    assert said in capsys.readouterr().err
    with Replica(Workspace(data).replica_path(JID)) as replica:
        assert len(replica.trashed()) == 3
        assert replica.trash_keep_days() == 30


def test_without_a_local_copy_it_says_to_sync_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert trash(tmp_path, "list") == cli.EXIT_STORE
    assert "run “sync” first" in capsys.readouterr().err
