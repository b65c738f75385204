"""Browsing the list while a sync writes: the longest stall of the UI thread (run on demand).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_list_while_writing.py \
        [--collections N] [--keep FILE] [--write-ms MS]

Over a replica of N (100,000) collections (``bench_window.build_replica``), the
real window jumps about its conversation list 30 times and opens a
conversation at each place (a tenth of a second apart), the way a user clicks
down a long list, while
another thread holds write transactions on the replica's own connection, MS
(300) ms each with 20 ms between, as a sync storing big pages on a slow disk
does. A 5 ms heartbeat runs all the while: its largest gap is the longest time
the window could not answer.

The baseline, measured in the same run, is the same browsing with no writer;
the ratio says how much the writes add. Whatever the window reads on its own
thread waits for each write to commit; what it reads in the background does not.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from bench_window import Heartbeat, build_replica, run_until  # beside this script
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from archiveviewer.formats.text import export_text
from archiveviewer.services.replica_reader import ReplicaReader
from archiveviewer.store import Replica
from archiveviewer.ui.messages import MessageBridge
from archiveviewer.ui.settings import Settings
from archiveviewer.ui.window import MainWindow

JUMPS = 30


class Writer:
    """Holds write transactions on ``replica`` one after another until stopped."""

    def __init__(self, replica: Replica, hold_ms: int) -> None:
        self._replica, self._hold = replica, hold_ms / 1000
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.transactions = 0

    def _run(self) -> None:
        while not self._stop.is_set():
            with self._replica._write():  # the one write transaction a sync takes per page
                time.sleep(self._hold)
            self.transactions += 1
            time.sleep(0.02)

    def __enter__(self) -> Writer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _after(seconds: float) -> Callable[[], bool]:
    """True once ``seconds`` have passed from now."""
    until = time.monotonic() + seconds
    return lambda: time.monotonic() > until


def browse(app: QApplication, window: MainWindow) -> float:
    """Jump about the list, opening a conversation at each place; the longest stall (ms)."""
    view, model = window.collections, window.collection_model
    bar = view.verticalScrollBar()
    beat = Heartbeat()
    beat.start()
    for n in range(JUMPS):
        bar.setValue(bar.maximum() * ((n * 7) % JUMPS) // JUMPS)
        row = view.rowAt(view.viewport().height() // 2)
        view.setCurrentIndex(model.index(row, 0))
        run_until(app, lambda: not window.loading and window.pane.collection is not None, 60)
        run_until(app, _after(0.1), 5)  # the user reads a moment: the writes go on meanwhile
    return beat.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--collections", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="reuse or keep the replica in this file")
    parser.add_argument("--write-ms", type=int, default=300)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "bench.sqlite3"
        if not path.exists():
            build_replica(path, args.collections)
        with Replica(path) as replica:
            settings = Settings(QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat))
            reader = ReplicaReader(replica)
            window = MainWindow(
                reader,
                None,
                MessageBridge(),
                settings,
                sample=False,
                conversation_text=export_text,
            )
            window.resize(1200, 800)
            window.show()
            run_until(app, lambda: not window.loading, 300)
            alone_ms = browse(app, window)
            with Writer(replica, args.write_ms) as writer:
                writing_ms = browse(app, window)
            window.close()
            reader.close()
    assert isinstance(app, QApplication)
    print(f"{JUMPS} jumps about {args.collections} conversations, one opened at each")
    print(f"longest UI stall, nothing written (baseline):  {alone_ms:7.1f} ms")
    print(
        f"longest UI stall, {args.write_ms} ms write transactions ({writer.transactions} held): "
        f"{writing_ms:7.1f} ms ({writing_ms / alone_ms:.1f}x the baseline)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
