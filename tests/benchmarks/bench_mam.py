"""Benchmark: the first history sync of a large message archive (XEP-0313), and peak memory.

Run on demand (not part of the test suite)::

    .venv/bin/python -m tests.benchmarks.bench_mam --messages 100000

A throw-away Prosody with its own ``mod_mam`` (SQL storage) gets the messages
straight into its archive (the rows mod_mam writes), among 60 contacts with
an hour's silence every 40 messages. Then, each in its own process:

* the baseline: ``raw_mam_fetch`` asks the same pages newest first with bare
  slixmpp (its ``xep_0313`` stanzas and collector) and stores nothing (run
  before and after the sync; the faster counts);
* the history sync (``sync_history``: paging, grouping into conversations,
  storing and indexing) into an empty replica: wall time, CPU, peak RSS.

Every number printed was measured in this run.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

from archiveviewer.store import Replica
from archiveviewer.store.archives import ArchiveStore
from archiveviewer.sync.conversations import ConversationRule
from tests.benchmarks.bench_sync import timed_child
from tests.integration.mam_helpers import online, seed_archive, server_messages
from tests.server.prosody import ProsodyServer

PAGE = 250


async def prepare(server: ProsodyServer, jid: str, password: str, count: int) -> None:
    async with online(server, jid, password) as session:
        await server_messages(session)  # Prosody opens its SQL archive on first use
    contacts = [f"contact{n}@example.net" for n in range(60)]
    seed_archive(server, jid, contacts, count)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--messages", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        server = ProsodyServer(Path(work) / "prosody", mam={"max_archive_query_results": PAGE})
        with server:
            run(server, Path(work), args.messages)


def run(server: ProsodyServer, work: Path, count: int) -> None:
    jid, password = server.new_user("bench")
    began = time.monotonic()
    asyncio.run(prepare(server, jid, password, count))
    print(f"archive: {count} messages, written in {time.monotonic() - began:.1f} s; page {PAGE}")
    env = {**os.environ, "ARCHIVEVIEWER_TEST_PASSWORD": password}
    raw = [sys.executable, "-m", "tests.benchmarks.raw_mam_fetch", jid, password,
           str(server.port), str(server.ca_cert), str(PAGE)]
    path = work / "replica.sqlite"
    sync = [sys.executable, "-m", "tests.integration.mam_sync_child", jid, server.host,
            str(server.port), str(server.ca_cert), str(path), str(PAGE)]
    raw_before = timed_child(raw, env)
    assert raw_before.code == 0, "the baseline failed"
    ours = timed_child(sync, env)
    assert ours.code == 0, "the sync failed"
    raw_after = timed_child(raw, env)
    baseline = min(raw_before, raw_after, key=lambda r: r.wall)
    with Replica(path) as replica:
        stored = len(ArchiveStore(replica, ConversationRule()).messages(jid))
        conversations = len(replica.collections(limit=10**9))
    assert stored == count, f"the sync stored {stored} of {count} messages"
    print(f"baseline (bare slixmpp xep_0313, stores nothing): wall {raw_before.wall:.2f} s "
          f"before, {raw_after.wall:.2f} s after; CPU {raw_before.cpu:.2f} s / "
          f"{raw_after.cpu:.2f} s; peak RSS {baseline.peak_mb} MB")
    print(f"history sync (grouped, stored, indexed): wall {ours.wall:.2f} s, CPU {ours.cpu:.2f} s, "
          f"{stored} messages in {conversations} conversations")
    print(f"  ratio sync / faster baseline, wall: {ours.wall / baseline.wall:.2f}  (target <= 1.1)")
    print(f"  peak RSS of the syncing process: {ours.peak_mb} MB")


if __name__ == "__main__":
    main()
