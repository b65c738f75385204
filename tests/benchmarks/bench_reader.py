"""Opening a 10,000-message conversation in the reader (run on demand).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_reader.py [--messages N]

Opens the real window over an archive in memory and opens one conversation of
N (10,000) messages, a group chat with notes and long links among them. Timed:
how long from choosing it until the first screenful is painted (target: at most
200 ms), and, while the rest is laid out, the largest gap between two beats of
a 5 ms QTimer heartbeat: the longest time the window could not answer (target:
at most 50 ms).

The baseline, measured in the same run, is the same for a 100-message
conversation, and the heartbeat of the idle window; the ratios say what the
size of the conversation adds.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from archiveviewer.domain import Collection, CollectionId, Direction, Item, Message, Note
from archiveviewer.formats.text import export_text
from archiveviewer.services.memory import MemoryArchive
from archiveviewer.ui.messages import MessageBridge
from archiveviewer.ui.settings import Settings
from archiveviewer.ui.window import MainWindow

START = datetime(2024, 1, 1, tzinfo=UTC)
HEARTBEAT_MS = 5
OPEN_TARGET_MS = 200.0
STALL_TARGET_MS = 50.0
NICKS = ("Benvolio", "Tybalt", "Mercutio", "Nurse", "Paris")


def conversation(count: int, jid: str) -> Collection:
    """``count`` messages a minute apart: nicks, the user, every 50th a note, long links."""
    items: list[Item] = []
    for n in range(count):
        at = START + timedelta(minutes=n)
        if n % 50 == 49:
            items.append(Note(f"note {n}: remember the orchard wall", at))
        body = f"line {n}: wherefore art thou, and what of https://verona.example/{'x' * 80}/{n}"
        if n % 3 == 0:
            items.append(Message(Direction.TO, at, body))
        else:
            items.append(Message(Direction.FROM, at, body, nick=NICKS[n % len(NICKS)]))
    return Collection(CollectionId(START, jid), subject=f"{count} lines", items=tuple(items))


class Heartbeat:
    """A 5 ms timer that remembers the largest gap between two of its beats."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(self._beat)
        self.last = time.perf_counter()
        self.largest = 0.0
        self.gaps: list[float] = []

    def _beat(self) -> None:
        now = time.perf_counter()
        self.largest = max(self.largest, now - self.last)
        self.gaps.append(now - self.last)
        self.last = now

    def restart(self) -> None:
        self.last = time.perf_counter()
        self.largest = 0.0
        self.gaps = []
        self.timer.start()

    def over(self, ms: float) -> int:
        """How many gaps were longer than ``ms``."""
        return sum(1 for g in self.gaps if g * 1000 > ms)


def run_until(app: QApplication, done: object, seconds: float) -> None:
    deadline = time.perf_counter() + seconds
    while not done() and time.perf_counter() < deadline:  # type: ignore[operator]
        app.processEvents()
        time.sleep(0.001)


def measure(
    app: QApplication, window: MainWindow, c: Collection, beat: Heartbeat
) -> tuple[float, float]:
    """(ms until the first screenful is painted, largest heartbeat gap in ms until laid out)."""
    window.open_collection(c.id)  # warm: the first open also builds fonts and caches
    run_until(app, lambda: window.pane.is_showing(c.id) and window.pane.view.settled, 120)
    began = time.perf_counter()
    window.open_collection(c.id)
    run_until(app, lambda: window.pane.is_showing(c.id), 120)  # read in the background
    window.pane.view.viewport().repaint()
    opened = time.perf_counter() - began
    beat.restart()
    run_until(app, lambda: window.pane.view.settled, 120)
    beat.timer.stop()
    return opened * 1000, beat.largest * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=10_000)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    big = conversation(args.messages, "square@rooms.verona.example")
    small = conversation(100, "juliet@capulet.example")
    with tempfile.TemporaryDirectory() as folder:
        store = Settings(QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat))
        window = MainWindow(
            MemoryArchive([big, small]),
            None,
            MessageBridge(),
            store,
            sample=True,
            conversation_text=export_text,
            owner="romeo@montague.example",
        )
        window.resize(1200, 800)
        window.show()
        run_until(app, lambda: not window.loading, 30)
        beat = Heartbeat()
        beat.restart()
        run_until(app, lambda: False, 0.5)
        idle = beat.largest * 1000
        beat.timer.stop()
        small_open, small_stall = measure(app, window, small, beat)
        big_open, big_stall = measure(app, window, big, beat)
        beats, over = len(beat.gaps), beat.over(STALL_TARGET_MS)
        window.close()
    print(f"reader, {args.messages} messages against 100 (same run, this machine)")
    print(f"  idle heartbeat gap:        {idle:7.1f} ms")
    print(f"  open, 100 messages:        {small_open:7.1f} ms   stall {small_stall:6.1f} ms")
    print(f"  open, {args.messages} messages:  {big_open:7.1f} ms   stall {big_stall:6.1f} ms")
    print(f"  beats while laying out:    {beats:7d}   over 50 ms: {over}")
    print(f"  ratio open big/small:      {big_open / small_open:7.2f}")
    print(f"  ratio stall big/idle:      {big_stall / max(idle, 0.001):7.2f}")
    open_ok = big_open <= OPEN_TARGET_MS
    stall_ok = big_stall <= STALL_TARGET_MS
    print(f"  target open <= {OPEN_TARGET_MS:.0f} ms: {'met' if open_ok else 'MISSED'}")
    print(f"  target stall <= {STALL_TARGET_MS:.0f} ms: {'met' if stall_ok else 'MISSED'}")
    return 0 if open_ok and stall_ok else 1


if __name__ == "__main__":
    sys.exit(main())
