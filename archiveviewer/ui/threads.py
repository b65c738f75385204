"""The threading rule of the window, and the only ways work leaves the UI thread.

**Widgets are touched only from the UI thread.** Nothing in ``ui/`` starts a
thread, a task or an executor of its own; it uses one of the three doors here:

* :func:`command`: what the user asked for (retrieve, decrypt, remove, sync,
  add an account...) is an ``async`` method run as a qasync slot on the one
  event loop, which *is* the UI thread. It awaits dialogs (``open()``, never
  ``exec()``) and the network, so the window never blocks; any failure goes to
  the owner's ``bridge`` as a sentence, never to the console.
* :func:`start`: a coroutine the UI starts without awaiting it (the next page
  of a server's list, a sync that Cancel may stop). It runs on the same loop;
  whoever starts it keeps the future to cancel it or to ask whether it is done.
* :class:`Background`: a plain, slow *read* (every contact with its counts,
  the days of the date tree) runs in one worker thread, one at a time and in
  order, and its value comes back to a ``then`` on the UI thread through a
  queued signal. A worker never touches a widget: it returns plain values. A
  newer job with the same key makes an older one stale, and a stale value is
  dropped (the user has moved on).

Blocking work below the UI (replica writes, decrypting, unlocking keys) is the
services' business: they run it on the program's one ``services.worker.Worker``
and the window awaits the result in a :func:`command`. The rule is written in
the "Threading" section of ``docs/ARCHITECTURE.md`` too.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
from collections.abc import Callable, Coroutine
from typing import Any, Protocol, TypeVar

import qasync
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

T = TypeVar("T")


class _Reporting(Protocol):
    """An owner of commands: it has a bridge that shows failures to the user."""

    @property
    def bridge(self) -> Any: ...


def command(method: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., Any]:
    """A qasync slot that sends any failure to the owner's bridge instead of the console.

    Called directly it returns the task it started, which tests can await.
    """

    @functools.wraps(method)
    async def wrapper(self: _Reporting, *args: Any) -> None:
        try:
            await method(self, *args)
        except asyncio.CancelledError:
            raise
        except Exception as error:  # the one place async commands report failures
            self.bridge.error(error)

    slot: Callable[..., Any] = qasync.asyncSlot()(wrapper)
    return slot


def start(coroutine: Coroutine[Any, Any, T]) -> asyncio.Future[T]:
    """Run ``coroutine`` on the UI thread's event loop without waiting for it."""
    return asyncio.ensure_future(coroutine)


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
