"""The window over a big replica: the longest stall of the UI thread (run on demand).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_window.py \
        [--collections N] [--keep FILE]

Builds a replica of N (100,000) collections, opens the real window on it
through the program's ``ReplicaReader``, and scrolls the conversation list to
its very end the way a user dragging the scroll bar down does (the list is as
long as the replica at once), then jumps about it. A 5 ms QTimer
heartbeat runs all the while; the largest gap between two beats is the longest
time the UI thread could not answer. Target: at most 100 ms. Then the search
(``window_search.py``): the window path's first page against the store's, and
typing a search into the window (``--no-scroll``: the search only).

The baseline, measured in the same run, is the largest heartbeat gap of the
idle window (the timer's own jitter on this machine); the ratio says how much
the work adds. Opening the window (before the event loop runs) is timed too.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import window_search  # beside this script (its folder is on sys.path when run)
from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from archiveviewer.domain import Collection, CollectionId, Direction, Message
from archiveviewer.formats.text import export_text
from archiveviewer.services.replica_reader import ReplicaReader
from archiveviewer.store import Replica
from archiveviewer.ui.messages import MessageBridge
from archiveviewer.ui.settings import Settings
from archiveviewer.ui.window import MainWindow

START = datetime(2008, 1, 1, tzinfo=UTC)
CONTACTS = 300
HEARTBEAT_MS = 5
#: Places of the list the user jumps to after dragging to its end.
JUMPS = 50
TARGET_MS = 100.0


def build_replica(path: Path, count: int) -> None:
    """``count`` collections of two messages each, spread over the years, 300 contacts."""
    batch: list[Collection] = []
    with Replica(path) as replica:
        for n in range(count):
            start = START + timedelta(minutes=97 * n)
            jid = f"friend{n % CONTACTS}@example.org/res"
            items = (
                Message(Direction.FROM, start, f"hello number {n}"),
                Message(Direction.TO, start + timedelta(seconds=30), "and hello back"),
            )
            batch.append(Collection(CollectionId(start, jid), subject=f"talk {n}", items=items))
            if len(batch) == 2000:
                replica.apply(batch, [], "cursor")
                batch = []
        if batch:
            replica.apply(batch, [], "cursor")


class Heartbeat:
    """A 5 ms timer that remembers the largest gap between its beats."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(self._beat)
        self.last = 0.0
        self.worst = 0.0

    def start(self) -> None:
        self.last, self.worst = time.perf_counter(), 0.0
        self.timer.start()

    def _beat(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self.last)
        self.last = now

    def stop(self) -> float:
        """Stop and return the largest gap in milliseconds."""
        self._beat()
        self.timer.stop()
        return self.worst * 1000


def timed(target: object, name: str) -> list[float]:
    """Wrap ``target.name`` so that each call's duration (ms) lands in the returned list."""
    durations: list[float] = []
    method = getattr(target, name)

    def wrapper(*args: object) -> object:
        began = time.perf_counter()
        try:
            return method(*args)
        finally:
            durations.append((time.perf_counter() - began) * 1000)

    setattr(target, name, wrapper)
    return durations


def run_until(app: QApplication, done: Callable[[], bool], limit_s: float) -> None:
    """Run Qt's event loop until ``done()``.

    Not a ``processEvents()`` loop: with PySide6 6.12.0 on Python 3.11 each
    ``processEvents()`` call drops a reference to ``None``, and a few thousand
    calls crash the interpreter ("deallocating None").
    """
    deadline = time.monotonic() + limit_s
    loop = QEventLoop()
    check = QTimer()
    check.setInterval(1)

    def poll() -> None:
        if done() or time.monotonic() > deadline:
            loop.quit()

    check.timeout.connect(poll)
    check.start()
    loop.exec()
    check.stop()
    if not done():
        raise SystemExit("gave up: the list did not reach its end in time")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--collections", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="reuse or keep the replica in this file")
    parser.add_argument("--no-scroll", action="store_true", help="measure the search only")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "bench.sqlite3"
        if not path.exists():
            began = time.perf_counter()
            build_replica(path, args.collections)
            print(
                f"built a replica of {args.collections} collections in "
                f"{time.perf_counter() - began:.1f} s"
            )
        with Replica(path) as replica:
            settings = Settings(QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat))
            began = time.perf_counter()
            reader = ReplicaReader(replica)
            window = MainWindow(
                reader,
                None,
                MessageBridge(),
                settings,
                sample=False,
                conversation_text=export_text,
            )
            window.show()
            run_until(app, window.isVisible, 5)
            opened_ms = (time.perf_counter() - began) * 1000
            beat = Heartbeat()
            beat.start()
            run_until(app, lambda: not window.loading, 300)
            loaded_s = time.perf_counter() - began
            loading_ms = beat.stop()
            beat.start()
            idle_until = time.monotonic() + 1.0
            run_until(app, lambda: time.monotonic() > idle_until, 5)
            idle_ms = beat.stop()
            if args.no_scroll:
                window_search.first_pages(replica, reader)
                window_search.typing(app, window, beat, run_until, idle_ms)
                window.close()
                return 0
            model, bar = window.collection_model, window.collections.verticalScrollBar()
            fetches = timed(reader, "collections")  # in the list's worker thread
            beat.start()
            began = time.perf_counter()
            # The list is as long as the replica from the start: one drag reaches the end,
            # then the user jumps about it (each jump reads the one page it shows).
            stops = [bar.maximum() * n // JUMPS for n in range(JUMPS, -1, -1)]

            def scroll() -> None:
                if stops:
                    bar.setValue(stops.pop(0))

            scroller = QTimer()
            scroller.setInterval(10)
            scroller.timeout.connect(scroll)
            scroller.start()
            last = model.rowCount() - 1
            run_until(app, lambda: not stops and model.read_header(last) is not None, 600)
            settled = time.monotonic() + 0.2
            run_until(app, lambda: time.monotonic() > settled, 5)  # the last page painted
            scroller.stop()
            scrolled_s = time.perf_counter() - began
            stall_ms = beat.stop()
            window_search.first_pages(replica, reader)
            window_search.typing(app, window, beat, run_until, idle_ms)
            window.close()
    print(f"open the window (until shown, first page): {opened_ms:.0f} ms")
    print(
        f"contacts and days read in the background, shown after {loaded_s * 1000:.0f} ms; "
        f"longest UI stall meanwhile: {loading_ms:.1f} ms"
    )
    print(f"drag to the end, then {JUMPS} jumps: {model.rowCount()} rows, {scrolled_s:.1f} s")
    print(
        f"pages read (in the worker): {len(fetches)}, slowest {max(fetches):.1f} ms, "
        f"median {sorted(fetches)[len(fetches) // 2]:.1f} ms"
    )
    print(f"idle heartbeat, largest gap (baseline): {idle_ms:.1f} ms")
    print(
        f"longest UI stall while scrolling:       {stall_ms:.1f} ms "
        f"({stall_ms / idle_ms:.1f}x the idle gap; target <= {TARGET_MS:.0f} ms: "
        f"{'met' if stall_ms <= TARGET_MS else 'MISSED'})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
