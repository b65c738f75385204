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
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Job(QRunnable):
    """Runs ``work`` in a pool thread and hands its outcome to ``deliver``."""

    def __init__(self, work: Callable[[], Any], deliver: Callable[[_Outcome], None]) -> None:
        super().__init__()
        self._work = work
        self._deliver = deliver

    def run(self) -> None:
        try:
            outcome: _Outcome = (True, self._work())
        except Exception as error:  # handed to the UI thread, which reports it
            outcome = (False, error)
        self._deliver(outcome)


#: (succeeded, value or error)
_Outcome = tuple[bool, Any]


class Background(QObject):
    """One worker thread for the window's slow reads; results arrive on the UI thread."""

    #: (key, generation, then, outcome, job): emitted by the worker, delivered queued.
    _done = Signal(object)

    def __init__(self, on_error: Callable[[BaseException], None], parent: QObject | None = None):
        super().__init__(parent)
        self._on_error = on_error
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one read at a time, in order
        self._latest: dict[str, int] = {}
        self._jobs: set[_Job] = set()  # kept alive until delivered (Python owns them)
        self._done.connect(self._deliver)

    @property
    def busy(self) -> bool:
        """True while a job runs or its result has not been delivered yet."""
        return bool(self._jobs)

    def run(self, key: str, work: Callable[[], Any], then: Callable[[Any], None]) -> None:
        """Run ``work()`` in the worker; call ``then(value)`` on the UI thread unless stale.

        A failure goes to ``on_error`` instead (on the UI thread too).
        """
        generation = self._latest.get(key, 0) + 1
        self._latest[key] = generation
        done = self._done

        def deliver(outcome: _Outcome) -> None:
            with contextlib.suppress(RuntimeError):  # the window is gone: nobody waits for it
                done.emit((key, generation, then, outcome, job))

        job = _Job(work, deliver)
        job.setAutoDelete(False)
        self._jobs.add(job)
        self._pool.start(job)

    def forget(self, key: str) -> None:
        """Make any running job with ``key`` stale."""
        self._latest[key] = self._latest.get(key, 0) + 1

    def _deliver(self, done: tuple[str, int, Callable[[Any], None], _Outcome, _Job]) -> None:
        key, generation, then, (succeeded, value), job = done
        self._jobs.discard(job)
        if self._latest.get(key) != generation:
            return
        if not succeeded:
            self._on_error(value)
            return
        then(value)

    def shutdown(self) -> None:
        """Drop queued jobs, wait for the running one (at most one read)."""
        for key in self._latest:
            self.forget(key)
        self._pool.clear()
        self._pool.waitForDone()
        self._jobs.clear()
