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
* :class:`UiThreadCollector`: Python's cyclic garbage collector runs on the
  UI thread only. Left automatic, it runs in whatever thread happens to
  allocate, often a worker, and destroying a Qt object there crashes the
  program.
* :class:`QtExecutor`: the threads of the services' one ``Worker`` in the
  window are Qt's (a ``QThreadPool``), so that the result of blocking work comes
  back to the loop from a thread Qt knows.
* :class:`Background`: every *read* of the replica (every contact with its counts,
  the days of the date tree, the list's length and its pages, the conversation
  opened, the action limits) runs in one worker thread, one at a time and in
  order, and its value comes back to a ``then`` on the UI thread through a
  queued signal (or to a command that awaits :meth:`Background.value`). A worker
  never touches a widget: it returns plain values. A newer job with the same key
  makes an older one stale, and a stale value is dropped (the user has moved on).

Blocking work below the UI (replica writes, decrypting, unlocking keys) is the
services' business: they run it on the program's one ``services.worker.Worker``
and the window awaits the result in a :func:`command`. The rule is written in
the "Threading" section of ``docs/ARCHITECTURE.md`` too.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import functools
import gc
import threading
from collections.abc import Callable, Coroutine
from typing import Any, Protocol, TypeVar

import qasync
from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

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


class UiThreadCollector(QObject):
    """Turns off automatic garbage collection and collects on the UI thread instead.

    Every ``interval_ms`` it collects the generations whose counts passed their
    thresholds, as the automatic collector would have, so memory behaves as before.
    :meth:`stop` gives collection back to Python.
    """

    def __init__(self, parent: QObject | None = None, interval_ms: int = 500) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect_due)
        gc.disable()
        self._timer.start()

    def collect_due(self) -> None:
        """Collect what the automatic collector would have collected by now."""
        thresholds, counts = gc.get_threshold(), gc.get_count()
        due = [g for g in range(3) if counts[g] > thresholds[g]]
        if due:
            gc.collect(max(due))

    def stop(self) -> None:
        """Stop collecting here and turn automatic collection back on."""
        self._timer.stop()
        gc.enable()


class _Call(QRunnable):
    """One call submitted to a :class:`QtExecutor`; its outcome goes into ``future``."""

    def __init__(
        self,
        future: concurrent.futures.Future[Any],
        call: Callable[[], Any],
        done: Callable[[], None],
    ) -> None:
        super().__init__()
        self._future = future
        self._call = call
        self._done = done

    def run(self) -> None:
        try:
            if not self._future.set_running_or_notify_cancel():
                return
            try:
                value = self._call()
            except BaseException as error:  # the awaiting task gets it
                self._future.set_exception(error)
            else:
                self._future.set_result(value)
        finally:
            self._done()


class QtExecutor(concurrent.futures.Executor):
    """A ``concurrent.futures`` executor whose threads are a ``QThreadPool``'s."""

    def __init__(self, threads: int) -> None:
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(threads)
        self._lock = threading.Lock()
        self._calls: set[_Call] = set()  # kept alive until run (Python owns them)
        self._closed = False

    def submit(
        self, fn: Callable[..., T], /, *args: Any, **kwargs: Any
    ) -> concurrent.futures.Future[T]:
        """Run ``fn(*args, **kwargs)`` on a pool thread; its future."""
        future: concurrent.futures.Future[T] = concurrent.futures.Future()
        with self._lock:
            if self._closed:
                raise RuntimeError("the worker has been shut down")
            call = _Call(
                future, functools.partial(fn, *args, **kwargs), lambda: self._finished(call)
            )
            call.setAutoDelete(False)
            self._calls.add(call)
        self._pool.start(call)
        return future

    def _finished(self, call: _Call) -> None:
        with self._lock:
            self._calls.discard(call)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Refuse new calls; optionally cancel those not started; wait for the rest."""
        with self._lock:
            self._closed = True
            waiting = list(self._calls)
        if cancel_futures:
            for call in waiting:
                if self._pool.tryTake(call):
                    call._future.cancel()
                    self._finished(call)
        if wait:
            self._pool.waitForDone()


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
        self._awaited: set[asyncio.Future[Any]] = set()  # values awaited, cancelled at shutdown
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

    async def value(self, work: Callable[[], T]) -> T:
        """``work()`` in the worker, awaited on the loop: for a command that needs a read.

        Its error is raised here; shutting the worker down cancels the wait.
        """
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        key = f"value {id(future)}"  # only a shutdown makes it stale

        def settle(outcome: _Outcome) -> None:
            del self._latest[key]
            if future.done():
                return
            if outcome[0]:
                future.set_result(outcome[1])
            else:
                future.set_exception(outcome[1])

        self._awaited.add(future)
        self.run(key, lambda: _attempt(work), settle)
        try:
            return await future
        finally:
            self._awaited.discard(future)

    def forget(self, key: str) -> None:
        """Make any running job with ``key`` stale."""
        self._latest[key] = self._latest.get(key, 0) + 1

    def forget_all(self) -> None:
        """Make every running read stale (another archive is shown), not awaited values."""
        for key in list(self._latest):
            if not key.startswith("value "):  # a command awaits it; it must settle
                self.forget(key)

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
        for future in list(self._awaited):
            future.cancel()


def _attempt(work: Callable[[], Any]) -> _Outcome:
    """Run ``work``; its outcome as a value, so that the caller gets the error, not on_error."""
    try:
        return (True, work())
    except Exception as error:  # handed to the awaiting command
        return (False, error)


def forget_all(*workers: Background) -> None:
    """:meth:`Background.forget_all` for each of ``workers``."""
    for worker in workers:
        worker.forget_all()
