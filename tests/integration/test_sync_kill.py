"""SIGKILL the headless sync of a real server at random points; the replica survives.

After each kill the replica passes ``PRAGMA integrity_check`` and every
collection in it is whole (equal to the server's); the next complete sync
makes it equal to the server's archive. ``ARCHIVEVIEWER_KILLS`` sets how many
kills (5 by default, to keep CI short).
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from archiveviewer import cli
from archiveviewer.services.passwords import PASSWORD_VARIABLE
from archiveviewer.services.workspace import replica_file_name
from tests.helpers import login_args
from tests.integration.test_sync import conversation, replica_of, server_archive, session_of
from tests.integration.test_sync import pytestmark as sync_marks
from tests.server.prosody import ProsodyServer

pytestmark = sync_marks

ROOT = Path(__file__).resolve().parents[2]
KILLS = int(os.environ.get("ARCHIVEVIEWER_KILLS", "5"))


def start_sync(
    server: ProsodyServer, jid: str, password: str, data_dir: Path
) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "archiveviewer", "sync", *login_args(server, jid, data_dir)]
    env = {**os.environ, PASSWORD_VARIABLE: password}
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


async def test_sync_survives_sigkill_at_random_points(
    fresh_prosody: ProsodyServer, tmp_path: Path
) -> None:
    jid, password = fresh_prosody.new_user("kill")
    async with session_of(fresh_prosody, jid, password) as session:
        slots = asyncio.Semaphore(32)

        async def store(n: int) -> None:
            async with slots:
                await session.archive.store(conversation(n, 2))

        await asyncio.gather(*(store(n) for n in range(240)))
        expected = await server_archive(session)
    path = tmp_path / replica_file_name(jid)
    rng = random.Random(os.environ.get("ARCHIVEVIEWER_KILL_SEED"))

    progress: list[int] = []
    for _ in range(KILLS):
        child = start_sync(fresh_prosody, jid, password, tmp_path)
        assert child.stderr is not None
        await asyncio.to_thread(child.stderr.readline)  # the first progress line: syncing
        await asyncio.sleep(rng.uniform(0.0, 0.8))
        child.send_signal(signal.SIGKILL)
        await asyncio.to_thread(child.wait, 30)
        with sqlite3.connect(path) as db:
            assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        stored = replica_of(path)
        assert all(c == expected[cid] for cid, c in stored.items())  # nothing half-stored
        progress.append(len(stored))

    finished = start_sync(fresh_prosody, jid, password, tmp_path)
    _, err = await asyncio.to_thread(finished.communicate, None, 120)
    assert finished.returncode == cli.EXIT_OK, err.decode()
    assert replica_of(path) == expected
    print("collections stored after each kill:", progress)
    assert progress == sorted(progress)  # what a killed run stored stays stored
