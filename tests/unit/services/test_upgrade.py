"""A copy that needs its search index rebuilt is upgraded with progress, and can be stopped."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from archiveviewer import cli
from archiveviewer.services.upgrade import slow_upgrade_pending, upgrade
from archiveviewer.services.workspace import Workspace
from archiveviewer.store import Replica, prefix_index
from archiveviewer.store.schema import migrate
from tests.unit.store.test_prefix_index import _version_8_file
from tests.unit.store.test_reindex import _check_whole

JID = "romeo@montague.example"


def _version(path: Path) -> int:
    with sqlite3.connect(path) as db:
        return int(db.execute("PRAGMA user_version").fetchone()[0])


def test_only_an_older_copy_waits_for_a_slow_upgrade(tmp_path: Path) -> None:
    assert not slow_upgrade_pending(tmp_path / "none.sqlite")
    (tmp_path / "garbage.sqlite").write_bytes(b"not a database at all" * 100)
    assert not slow_upgrade_pending(tmp_path / "garbage.sqlite")  # opening it will say why
    Replica(tmp_path / "current.sqlite").close()
    assert not slow_upgrade_pending(tmp_path / "current.sqlite")
    _version_8_file(tmp_path / "old.sqlite")
    assert slow_upgrade_pending(tmp_path / "old.sqlite")
    # Stopped between 11 and 12 by this program: its index is current, 12 will do nothing.
    _version_8_file(tmp_path / "eleven.sqlite")
    with sqlite3.connect(tmp_path / "eleven.sqlite", isolation_level=None) as db:
        migrate(db, 11)
    assert not slow_upgrade_pending(tmp_path / "eleven.sqlite")


def test_stopped_after_a_batch_then_finished_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.sqlite"
    before = _version_8_file(path)
    monkeypatch.setattr(prefix_index, "BATCH_ROWS", 50)
    told: list[tuple[int, int]] = []
    assert not upgrade(path, lambda done, total: told.append((done, total)), lambda: True)
    assert told == [(50, len(before))]  # stopped after the first committed batch
    assert _version(path) == 10  # the prefix index (11) half built, the lean one (12) not begun
    assert slow_upgrade_pending(path)

    told.clear()
    assert upgrade(path, lambda done, total: told.append((done, total)), lambda: False)
    assert told[0] == (100, len(before))  # went on from the batch committed before the stop
    assert told[-1] == (len(before), len(before))
    assert not slow_upgrade_pending(path)
    with Replica(path) as replica:
        _check_whole(replica, before)


def test_the_command_line_says_how_far_an_upgrade_got(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = Workspace(tmp_path).replica_path(JID)
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = len(_version_8_file(path))
    assert cli.main(["trash", "list", "--jid", JID, "--data-dir", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert out.startswith("The trash is empty")  # and then the command did its work
    assert (
        f"archiveviewer: upgrading the local copy's search index (once): {rows:,} of {rows:,}"
    ) in err
    assert not slow_upgrade_pending(path)
