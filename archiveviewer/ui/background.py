"""Slow reads off the UI thread: run a plain function in a worker, deliver its value to a slot.

The window's overview (every contact with its counts, the days of the date
tree) takes a few hundred milliseconds over a big replica; read on the UI
thread it freezes the window. :class:`Background` runs such a read in its
own worker thread (one at a time, in order) and calls the given ``then``
with the value on the UI thread, through a queued Qt signal. Workers never
touch widgets: they return plain values.

Each job has a ``key``; a newer job with the same key makes an older one's
result stale, and a stale result is dropped (the user has moved on).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal


class Background(QObject):
    """One worker thread for the window's slow reads; results arrive on the UI thread."""

    #: (key, generation, then, future): emitted by the worker, delivered queued.
    _done = Signal(object)

    def __init__(self, on_error: Callable[[BaseException], None], parent: QObject | None = None):
        super().__init__(parent)
        self._on_error = on_error
        self._pool: ThreadPoolExecutor | None = None
        self._latest: dict[str, int] = {}
        self._pending = 0
        self._done.connect(self._deliver)

    @property
    def busy(self) -> bool:
        """True while a job runs or its result has not been delivered yet."""
        return self._pending > 0

    def run(self, key: str, work: Callable[[], Any], then: Callable[[Any], None]) -> None:
        """Run ``work()`` in the worker; call ``then(value)`` on the UI thread unless stale.

        A failure goes to ``on_error`` instead (on the UI thread too).
        """
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="window-reads")
        generation = self._latest.get(key, 0) + 1
        self._latest[key] = generation
        self._pending += 1
        future = self._pool.submit(work)
        future.add_done_callback(lambda f: self._emit((key, generation, then, f)))

    def _emit(self, done: tuple[str, int, Callable[[Any], None], Future[Any]]) -> None:
        with contextlib.suppress(RuntimeError):  # the window is gone: nobody waits for it
            self._done.emit(done)

    def forget(self, key: str) -> None:
        """Make any running job with ``key`` stale."""
        self._latest[key] = self._latest.get(key, 0) + 1

    def _deliver(self, done: tuple[str, int, Callable[[Any], None], Future[Any]]) -> None:
        key, generation, then, future = done
        self._pending -= 1
        if self._latest.get(key) != generation or future.cancelled():
            return
        error = future.exception()
        if error is not None:
            self._on_error(error)
            return
        then(future.result())

    def shutdown(self) -> None:
        """Drop queued jobs, wait for the running one (at most one read), end the thread."""
        for key in self._latest:
            self.forget(key)
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
