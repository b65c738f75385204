"""Benchmark: XEP-0136 requests in flight together against one at a time.

Run on demand: ``.venv/bin/python tests/benchmarks/bench_archive_pipelining.py``.
Starts the test Prosody (with mod_archive), stores and retrieves the same
collections once sequentially and once with a bounded window of concurrent
requests (what the sync engine does), and prints the times and their ratio
measured in the same run.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from archiveviewer.domain import Collection, CollectionId, Dialect, Direction, Message
from archiveviewer.xmpp.session import AccountSession, AccountSettings
from archiveviewer.xmpp.xep_0136 import XEP_0136
from tests.server.prosody import ProsodyServer

COLLECTIONS = 400
MESSAGES = 20
WINDOW = 32


def _collections(offset: int) -> list[Collection]:
    start = datetime(2024, 1, 1, tzinfo=UTC) + timedelta(days=offset)
    return [
        Collection(
            CollectionId(start + timedelta(hours=c), f"friend{c % 40}@verona.lit"),
            items=tuple(
                Message(Direction.TO, start + timedelta(hours=c, seconds=7 * i), f"line {i}")
                for i in range(MESSAGES)
            ),
        )
        for c in range(COLLECTIONS)
    ]


async def _window(jobs: list[Callable[[], Awaitable[object]]], size: int) -> None:
    slots = asyncio.Semaphore(size)

    async def run(job: Callable[[], Awaitable[object]]) -> None:
        async with slots:
            await job()

    await asyncio.gather(*(run(job) for job in jobs))


async def _timed(label: str, jobs: list[Callable[[], Awaitable[object]]], size: int) -> float:
    began = time.perf_counter()
    await _window(jobs, size)
    took = time.perf_counter() - began
    print(f"  {label:<34} {took:7.3f} s")
    return took


async def _measure(archive: XEP_0136) -> None:
    for kind in ("store", "retrieve"):
        times = []
        for offset, size in ((0, 1), (1000, WINDOW)):
            cols = _collections(offset)
            if kind == "store":
                jobs = [lambda c=c: archive.store(c) for c in cols]
            else:
                jobs = [lambda c=c: archive.retrieve(c.id) for c in cols]
            times.append(await _timed(f"{COLLECTIONS} {kind}s, window {size}", jobs, size))
        print(f"  {kind}: one at a time / window of {WINDOW} = {times[0] / times[1]:.1f}x")


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder, ProsodyServer(Path(folder)) as server:
        jid, password = server.new_user("bench")
        settings = AccountSettings(jid, password, host=server.host, port=server.port,
                                   ca_certs=server.ca_cert)  # fmt: skip
        for dialect in Dialect:
            session = AccountSession(replace(settings))
            await session.connect()
            try:
                await session.archive.discover(prefer=dialect)
                print(dialect.name)
                await _measure(session.archive)
                await session.archive.remove_range()
            finally:
                await session.disconnect()


if __name__ == "__main__":
    asyncio.run(main())
