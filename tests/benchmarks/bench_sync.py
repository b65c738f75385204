"""Benchmark: the first sync of a large archive, a sync with no changes, peak memory.

Run on demand (not part of the test suite)::

    .venv/bin/python -m tests.benchmarks.bench_sync --scale 0.05

``--scale 1`` is the target size: 10,000 collections of 50 messages (500,000
messages). The archive is written into a throw-away Prosody with our XEP-0136
module by pipelined ``<store/>`` requests. Then, each in its own process:

* the baseline: ``raw_fetch`` asks the same pages with bare slixmpp and the
  same window, storing nothing (run before and after the sync; the mean counts);
* ``python -m archiveviewer sync`` into an empty data dir (wall time, peak RSS).

Then a sync with no changes runs in this process and counts its requests.
Every number printed was measured in this run.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from archiveviewer.domain import Collection, CollectionId, Direction, Message
from archiveviewer.services.login import Login
from archiveviewer.services.passwords import PASSWORD_VARIABLE
from archiveviewer.services.sync import PluginArchive, connect_to_archive
from archiveviewer.services.workspace import replica_file_name
from archiveviewer.store import Replica
from archiveviewer.sync import ListPage, ModifiedPage, Replicator
from tests.helpers import login_args
from tests.server.prosody import ProsodyServer

ROOT = Path(__file__).resolve().parents[2]
WINDOW = 12  # Replicator's default
T0 = datetime(2010, 1, 1, tzinfo=UTC)


def conversation(n: int, messages: int) -> Collection:
    start = T0 + timedelta(minutes=7 * n)
    items = tuple(
        Message(
            Direction.TO if i % 2 else Direction.FROM,
            start + timedelta(seconds=3 * i),
            f"message number {i} of conversation {n}, with some ordinary words in it",
        )
        for i in range(messages)
    )
    return Collection(CollectionId(start, f"contact{n % 97}@example.net"), items=items)


async def fill(server: ProsodyServer, jid: str, password: str, count: int, messages: int) -> None:
    account = Login(jid, password, server.host, server.port, server.ca_cert)
    async with connect_to_archive(account) as source:
        archive = source._archive  # type: ignore[attr-defined]
        slots = asyncio.Semaphore(64)

        async def store(n: int) -> None:
            async with slots:
                await archive.store(conversation(n, messages))

        await asyncio.gather(*(store(n) for n in range(count)))


@dataclass(frozen=True)
class Run:
    """What one child process cost."""

    wall: float  # seconds
    cpu: float  # user + system seconds
    peak_mb: int
    code: int


def timed_child(command: list[str], env: dict[str, str]) -> Run:
    """Run a child process and measure it (wall and CPU time, peak RSS, exit code)."""
    began = time.monotonic()
    child = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.monotonic() - began
    if child.stderr is not None:
        sys.stderr.write(child.stderr.read().decode()[-400:])
    cpu = usage.ru_utime + usage.ru_stime
    return Run(elapsed, cpu, usage.ru_maxrss // 1024, os.waitstatus_to_exitcode(status))


class Counting:
    """Counts the archive requests a sync makes."""

    def __init__(self, source: PluginArchive) -> None:
        self.source = source
        self.counts = {"time": 0, "modified": 0, "list": 0, "retrieve": 0}

    async def supports_modified(self) -> bool:
        return await self.source.supports_modified()

    async def server_time(self) -> datetime | None:
        self.counts["time"] += 1
        return await self.source.server_time()

    async def modified_page(
        self, since: datetime, after: str | None, max_items: int
    ) -> ModifiedPage:
        self.counts["modified"] += 1
        return await self.source.modified_page(since, after, max_items)

    async def list_page(self, after: str | None, max_items: int) -> ListPage:
        self.counts["list"] += 1
        return await self.source.list_page(after, max_items)

    async def retrieve(self, collection_id: CollectionId) -> Collection:
        self.counts["retrieve"] += 1
        return await self.source.retrieve(collection_id)


async def no_change_sync(account: Login, path: Path) -> tuple[dict[str, int], float]:
    async with connect_to_archive(account) as source:
        counting = Counting(source)  # type: ignore[arg-type]
        with Replica(path) as replica:
            began = time.monotonic()
            await Replicator(counting, replica).run()
            return counting.counts, time.monotonic() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=0.05, help="1 = 10,000 collections")
    parser.add_argument("--messages", type=int, default=50, help="messages per collection")
    args = parser.parse_args()
    count = max(1, round(10_000 * args.scale))
    with tempfile.TemporaryDirectory() as work:
        server = ProsodyServer(Path(work) / "prosody", archive={"flush_delay": 5})
        with server:
            run(server, Path(work), count, args.messages)


def run(server: ProsodyServer, work: Path, count: int, messages: int) -> None:
    jid, password = server.new_user("bench")
    print(f"archive: {count} collections x {messages} messages = {count * messages} messages")
    began = time.monotonic()
    asyncio.run(fill(server, jid, password, count, messages))
    print(f"generated in {time.monotonic() - began:.1f} s (pipelined <store/>, 64 in flight)")

    env = {**os.environ, PASSWORD_VARIABLE: password}
    raw = [
        sys.executable,
        "-m",
        "tests.benchmarks.raw_fetch",
        jid,
        password,
        str(server.port),
        str(server.ca_cert),
        str(WINDOW),
    ]
    sync = [sys.executable, "-m", "archiveviewer", "sync", *login_args(server, jid, work / "data")]
    raw_before = timed_child(raw, env)
    assert raw_before.code == 0, "the baseline failed"
    ours = timed_child(sync, env)
    assert ours.code == 0, "the sync failed"
    raw_after = timed_child(raw, env)
    # The faster baseline counts: the machine may be shared, and a slow run flatters us.
    baseline = min(raw_before, raw_after, key=lambda r: r.wall)
    baseline_cpu = min(raw_before.cpu, raw_after.cpu)

    path = work / "data" / replica_file_name(jid)
    with Replica(path) as replica:
        stored = len(replica.collection_ids())
    account = Login(jid, password, server.host, server.port, server.ca_cert)
    counts, idle = asyncio.run(no_change_sync(account, path))

    print(
        f"baseline (bare slixmpp, window {WINDOW}, stores nothing): wall "
        f"{raw_before.wall:.2f} s before, {raw_after.wall:.2f} s after; CPU "
        f"{raw_before.cpu:.2f} s / {raw_after.cpu:.2f} s; peak RSS {baseline.peak_mb} MB"
    )
    print(
        f"initial sync (python -m archiveviewer sync): wall {ours.wall:.2f} s, "
        f"CPU {ours.cpu:.2f} s, {stored} collections stored"
    )
    print(f"  ratio sync / faster baseline, wall: {ours.wall / baseline.wall:.2f}  (target <= 1.3)")
    print(f"  ratio sync / baseline, client CPU: {ours.cpu / baseline_cpu:.2f}")
    print(f"  peak RSS of the syncing process: {ours.peak_mb} MB  (target <= 300)")
    total = sum(counts.values())
    print(
        f"sync with no changes: {total} archive request(s) {counts} in {idle * 1000:.0f} ms"
        "  (target 2: the server's clock and one <modified/>; plus 2 disco requests per "
        "connection)"
    )


if __name__ == "__main__":
    main()
