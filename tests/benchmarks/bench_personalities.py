"""Benchmark: round trips of a sync on each server personality of the test module.

Run on demand (not part of the test suite)::

    .venv/bin/python -m tests.benchmarks.bench_personalities --collections 60

For each personality (tests/integration/personalities.py) a throw-away
Prosody gets an archive of ``--collections`` collections; then a first sync,
an incremental sync after appends, new collections and removals, and a sync
after a server restart run against it, and each prints its archive requests
by kind and the ratio to the same step on the server that follows the text
("text", measured in this run). The replica is checked equal to the server
after every step.

The steps follow each other within seconds, so every change falls inside the
safety overlap of the next sync and is listed again: 1.x says each
collection's version and those already stored are not retrieved again; the
seed ("text" speaks the seed, as the command line prefers it) does not, so
they are.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from archiveviewer.domain import Collection, CollectionId, Direction, Message
from archiveviewer.services.login import Login
from archiveviewer.services.sync import connect_to_archive
from archiveviewer.store import Replica
from archiveviewer.sync import Replicator
from tests.benchmarks.bench_sync import Counting
from tests.integration.personalities import PERSONALITIES
from tests.server.prosody import ProsodyServer

T0 = datetime(2010, 1, 1, tzinfo=UTC)
STEPS = ("first sync", "after changes", "after a restart")


def conversation(n: int, messages: int = 10, text: str = "hello") -> Collection:
    start = T0 + timedelta(hours=n)
    items = tuple(
        Message(Direction.TO if i % 2 else Direction.FROM, start + timedelta(seconds=i),
                f"{text} {i} in {n}")
        for i in range(messages)
    )
    return Collection(CollectionId(start, f"contact{n % 9}@example.net"), items=items)


async def change(account: Login, name: str, host: str, count: int, step: int) -> None:
    async with connect_to_archive(account) as source:
        archive = source._archive  # type: ignore[attr-defined]
        if name == "openfire":
            for n in range(3 + step * 2):
                archive.xmpp.send_message(mto=f"friend{n}@{host}", mbody=f"{step}", mtype="chat")
            await archive.list_page(max=1)
            return
        if step == 0:
            await asyncio.gather(*(archive.store(conversation(n)) for n in range(count)))
            return
        await asyncio.gather(
            archive.store(conversation(step, messages=2, text="more")),
            *(archive.store(conversation(count + 10 * step + k)) for k in range(3)),
        )
        await archive.remove(conversation(count // 2 + step).id)


async def sync(account: Login, path: Path) -> tuple[dict[str, int], bool]:
    async with connect_to_archive(account) as source:
        counting = Counting(source)  # type: ignore[arg-type]
        with Replica(path) as replica:
            await Replicator(counting, replica).run()
        archive = source._archive  # type: ignore[attr-defined]
        ids: list[CollectionId] = []
        async for page in archive.list_pages():
            ids += [c.id for c in page.collections]
        server_side = {cid: await archive.retrieve(cid) for cid in ids}
        with Replica(path) as replica:
            local = {cid: replica.collection(cid) for cid in replica.collection_ids()}
        equal = local == server_side
    return counting.counts, equal


def measure(name: str, work: Path, count: int) -> list[tuple[dict[str, int], bool]]:
    server = ProsodyServer(work / name, archive=PERSONALITIES[name])
    results = []
    with server:
        jid, password = server.new_user("bench")
        account = Login(jid, password, server.host, server.port, server.ca_cert)
        path = work / f"{name}.sqlite3"
        for step in range(len(STEPS)):
            if step == 2:
                server.restart()
            asyncio.run(change(account, name, server.host, count, step))
            results.append(asyncio.run(sync(account, path)))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--collections", type=int, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        runs = {name: measure(name, Path(work), args.collections) for name in PERSONALITIES}
    baseline = runs["text"]
    print(f"archive: {args.collections} collections (Openfire's shape: a few chats)")
    for name, results in runs.items():
        print(name)
        for step, ((counts, equal), (base, _)) in enumerate(zip(results, baseline, strict=True)):
            total, base_total = sum(counts.values()), sum(base.values())
            print(f"  {STEPS[step]:<16} {total:>4} requests {counts}  "
                  f"ratio to text {total / base_total:.2f}  replica equal: {equal}")


if __name__ == "__main__":
    main()
