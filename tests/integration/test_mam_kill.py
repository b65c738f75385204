"""SIGKILL a history sync (XEP-0313) at random points; every resumed sync continues without gaps.

After each kill the replica passes ``PRAGMA integrity_check`` and holds one
unbroken newest-first span of the server's archive, each message once; the
next complete sync makes it equal to the server's archive.
``ARCHIVEVIEWER_KILLS`` sets how many kills (5 by default, to keep CI short).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.integration.mam_helpers import (
    mam_prosody,
    online,
    seed_archive,
    server_messages,
    stored_messages,
)
from tests.server.prosody import ProsodyServer

pytestmark = [pytest.mark.prosody, pytest.mark.asyncio]
__all__ = ["mam_prosody"]  # the fixture, imported for this module

ROOT = Path(__file__).resolve().parents[2]
KILLS = int(os.environ.get("ARCHIVEVIEWER_KILLS", "5"))


def start_sync(
    server: ProsodyServer, jid: str, password: str, path: Path
) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-m",
        "tests.integration.mam_sync_child",
        jid,
        server.host,
        str(server.port),
        str(server.ca_cert),
        str(path),
    ]
    env = {**os.environ, "ARCHIVEVIEWER_TEST_PASSWORD": password}
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def stored_count(path: Path) -> int:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as db:
            return int(db.execute("SELECT count(*) FROM items").fetchone()[0])
    except sqlite3.OperationalError:  # not created yet, or still migrating
        return 0


def wait_for_stored(path: Path, count: int, child: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while stored_count(path) < count and child.poll() is None:
        assert time.monotonic() < deadline, "the sync stored nothing for two minutes"
        time.sleep(0.01)


async def test_a_killed_history_sync_resumes_equal_to_the_server(
    mam_prosody: ProsodyServer, tmp_path: Path
) -> None:
    jid, password = mam_prosody.new_user("killed")
    async with online(mam_prosody, jid, password) as session:
        assert await server_messages(session) == []  # Prosody opens its SQL store on first use
        seed_archive(mam_prosody, jid, ["ann@localhost", "ben@localhost", "cy@localhost"], 3000)
        expected = await server_messages(session)
    assert len(expected) == 3000
    path = tmp_path / "replica.sqlite"
    rng = random.Random(os.environ.get("ARCHIVEVIEWER_KILL_SEED"))
    sizes = []
    for kill in range(KILLS):
        child = start_sync(mam_prosody, jid, password, path)
        # Kill once a random number of further messages is stored, wherever the child is then.
        wait_for_stored(path, (kill + 1) * 3000 // (KILLS + 2) + rng.randint(-200, 200), child)
        time.sleep(rng.uniform(0, 0.05))
        child.send_signal(signal.SIGKILL)
        child.wait()
        with sqlite3.connect(path) as db:
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        stored = stored_messages(path, jid)
        # An unbroken span at the newest end, each message once.
        assert stored == expected[len(expected) - len(stored) :]
        sizes.append(len(stored))
    assert sizes == sorted(sizes)
    assert any(0 < n < len(expected) for n in sizes)  # killed in the middle, not before or after
    child = start_sync(mam_prosody, jid, password, path)
    _, errors = child.communicate(timeout=300)
    assert child.returncode == 0, errors.decode()
    assert stored_messages(path, jid) == expected
