"""Kill the sync process with SIGKILL at random points: the replica survives every time.

After each kill the file passes ``PRAGMA integrity_check`` and holds exactly
the collections its cursor covers (nothing half-stored); the next complete
run makes it equal to the archive. ``ARCHIVEVIEWER_KILLS`` sets how many
kills (5 by default, to keep CI short).

Ctrl+C (SIGINT) stops a sync run from a terminal with exit 130, its replica at its
cursor; a sync that a script started in the background ignores it, as POSIX asks.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

from archiveviewer import cli
from archiveviewer.services.passwords import PASSWORD_VARIABLE
from archiveviewer.services.workspace import replica_file_name
from archiveviewer.store import Replica
from archiveviewer.sync.cursor import SyncCursor
from tests.helpers import children_get_sigint
from tests.unit.cli.sync_child import RETRIEVE_DELAY, archive
from tests.unit.cli.test_cli import JID

ROOT = Path(__file__).resolve().parents[3]
KILLS = int(os.environ.get("ARCHIVEVIEWER_KILLS", "5"))


def start_child(data_dir: Path, more_env: Mapping[str, str] = {}) -> subprocess.Popen[bytes]:
    env = {**os.environ, PASSWORD_VARIABLE: "secret", **more_env}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.unit.cli.sync_child", str(data_dir)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def wait_until_syncing(child: subprocess.Popen[bytes]) -> None:
    """Wait for the child's first progress line (Python's start-up is not interesting)."""
    assert child.stderr is not None
    child.stderr.readline()


def check_consistent(path: Path) -> int:
    """Integrity, and the stored collections are exactly those the cursor covers."""
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    server = archive()
    in_order = list(server.collections)  # put() order is change order
    with Replica(path) as replica:
        cursor = SyncCursor.decode(replica.cursor()).after
        covered = (
            0
            if cursor is None
            else next(tick for tick in range(len(in_order) + 1) if server.time_of(tick) == cursor)
        )
        assert replica.collection_ids() == set(in_order[:covered])
    return covered


def test_sync_survives_sigkill_at_random_points(tmp_path: Path) -> None:
    path = tmp_path / replica_file_name(JID)
    rng = random.Random(os.environ.get("ARCHIVEVIEWER_KILL_SEED"))
    progress: list[int] = []
    for _ in range(KILLS):
        child = start_child(tmp_path)
        wait_until_syncing(child)
        time.sleep(rng.uniform(0.0, 1.0))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        progress.append(check_consistent(path))

    finished = start_child(tmp_path)
    _, err = finished.communicate(timeout=90)
    assert finished.returncode == 0, err.decode()
    server = archive()
    with Replica(path) as replica:
        assert replica.collection_ids() == set(server.collections)
        assert all(replica.collection(cid) == c for cid, c in server.collections.items())
    print("collections covered after each kill:", progress)
    assert progress == sorted(progress)  # a resumed run never loses what was stored


def press_ctrl_c_mid_sync(data_dir: Path) -> tuple[int, str]:
    """SIGINT once the sync syncs, as Ctrl+C on a terminal does; its exit code and stderr."""
    # About 12 s of sync after the first progress line: the signal lands mid-sync even
    # when the line is read late on a loaded machine (at 0.03 s a retrieve it once was
    # read after the whole sync had finished).
    child = start_child(data_dir, {RETRIEVE_DELAY: "0.3"})
    wait_until_syncing(child)
    assert child.poll() is None, "the sync ended before Ctrl+C was pressed"
    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=90)
    return child.returncode, err.decode()


def test_ctrl_c_exits_130_with_the_replica_at_its_cursor(tmp_path: Path) -> None:
    # Run from an interactive shell, the sync is a foreground job: SIGINT at its default.
    with children_get_sigint(signal.default_int_handler):
        code, err = press_ctrl_c_mid_sync(tmp_path)
    assert code == cli.EXIT_INTERRUPTED, err
    assert "interrupted" in err
    assert check_consistent(tmp_path / replica_file_name(JID)) < len(archive().collections)


def test_a_sync_started_in_the_background_by_a_script_ignores_ctrl_c(tmp_path: Path) -> None:
    # ``archiveviewer sync &`` in a script starts it with SIGINT ignored (POSIX), so that
    # Ctrl+C stops the script, not its background jobs: the sync keeps that and finishes.
    with children_get_sigint(signal.SIG_IGN):
        code, err = press_ctrl_c_mid_sync(tmp_path)
    assert code == cli.EXIT_OK, err
    assert check_consistent(tmp_path / replica_file_name(JID)) == len(archive().collections)
