"""From connecting to the first page of conversations shown, against a raw ``<list/>``.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.benchmarks.bench_first_page \
        [--collections N] [--messages M] [--runs R]

A throw-away Prosody with our XEP-0136 module holds N conversations of M
messages. The program starts as ``python -m archiveviewer`` does with a saved
account and an empty local copy (``build_program`` + ``start``), so on connect
it syncs; until the sync has stored a page, the list pages through the
server's ``<list/>`` (the window's ServerListing), so the first page is one list
request away. Measured per run:
the time from the session's "Connected as …" to the first row in the conversation
list. The baseline, on the same connection and in the same run: one raw
``<list/>`` request of 100 headers (what a client that lists without
replicating would wait for before it can show anything — though without items,
subjects' messages or search). Prints the medians and their ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import keyring
import qasync
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from archiveviewer.app import build_program
from archiveviewer.domain import Collection, CollectionId, Direction, Message
from archiveviewer.ports.accounts import ConnectionStatus
from archiveviewer.services.passwords import KeyringPasswords
from archiveviewer.services.workspace import Workspace
from archiveviewer.ui import settings as keys
from archiveviewer.ui.settings import Settings
from archiveviewer.xmpp.session import AccountSession, AccountSettings
from tests.helpers import MemoryKeyring
from tests.server.prosody import ProsodyServer

T0 = datetime(2012, 1, 1, tzinfo=UTC)


def conversation(n: int, messages: int) -> Collection:
    start = T0 + timedelta(minutes=11 * n)
    items = tuple(
        Message(
            Direction.TO if i % 2 else Direction.FROM,
            start + timedelta(seconds=5 * i),
            f"message {i} of conversation {n}, a few ordinary words",
        )
        for i in range(messages)
    )
    return Collection(CollectionId(start, f"friend{n % 41}@example.net"), items=items)


async def fill(server: ProsodyServer, jid: str, password: str, count: int, messages: int) -> None:
    session = AccountSession(
        AccountSettings(jid, password, "127.0.0.1", server.port, server.ca_cert)
    )
    await session.connect()
    slots = asyncio.Semaphore(64)

    async def store(n: int) -> None:
        async with slots:
            await session.archive.store(conversation(n, messages))

    await asyncio.gather(*(store(n) for n in range(count)))
    await session.disconnect()


async def one_run(server: ProsodyServer, jid: str, work: Path) -> tuple[float, float]:
    """(connected -> first row shown, one raw list round trip), in milliseconds."""
    store = Settings(QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat))
    store.set(keys.ACCOUNT_JID, jid)
    store.set(keys.ACCOUNT_HOST, "127.0.0.1")
    store.set(keys.ACCOUNT_PORT, server.port)
    workspace = Workspace(work / "data", work / "config", ca_certs=server.ca_cert)
    program = build_program(workspace, store, KeyringPasswords())
    window = program.window
    window.show()
    connected: list[float] = []
    shown = program.opener.status

    def status(change: ConnectionStatus) -> None:
        if change.online and not connected:
            connected.append(time.perf_counter())
        if shown is not None:
            shown(change)

    program.opener.status = status
    program.start()
    while window.collection_model.rowCount() == 0:
        await asyncio.sleep(0.001)
    first_row = time.perf_counter()
    while window.sync_task is None or not window.sync_task.done():
        await asyncio.sleep(0.01)
        if window.sync_task is None:
            break
    network = program.opener.offline(program.account).connection.network  # type: ignore[arg-type]
    assert network is not None
    trips = []
    for _ in range(5):
        began = time.perf_counter()
        await network.archive.list_page(max=100)
        trips.append(time.perf_counter() - began)
    await program.close()
    window.close()
    window.deleteLater()  # Qt deletes it; a garbage-collected QMainWindow may crash
    return (first_row - connected[0]) * 1000, statistics.median(trips) * 1000


async def bench(args: argparse.Namespace, work: Path) -> None:
    server = ProsodyServer(work / "prosody", archive={"flush_delay": 5})
    with server:
        jid, password = server.new_user("bench")
        keyring.set_password(KeyringPasswords.SERVICE, jid, password)
        began = time.monotonic()
        await fill(server, jid, password, args.collections, args.messages)
        print(
            f"archive: {args.collections} conversations x {args.messages} messages "
            f"(stored in {time.monotonic() - began:.1f} s)"
        )
        firsts, lists = [], []
        for run in range(args.runs):
            first, listed = await one_run(server, jid, work / f"run{run}")
            firsts.append(first)
            lists.append(listed)
            print(
                f"run {run + 1}: first page shown {first:.0f} ms after connect; "
                f"raw list {listed:.1f} ms"
            )
    first, listed = statistics.median(firsts), statistics.median(lists)
    print(
        f"median: connect -> first page shown {first:.0f} ms; raw <list/> round trip "
        f"{listed:.1f} ms; ratio {first / listed:.1f}x"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--collections", type=int, default=1000)
    parser.add_argument("--messages", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    keyring.set_keyring(MemoryKeyring())
    app = QApplication.instance() or QApplication(sys.argv)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with tempfile.TemporaryDirectory() as tmp, loop:
        loop.run_until_complete(bench(args, Path(tmp)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
