"""The services' worker on Qt's threads: results, errors and cancellation come back to the
qasync loop as they do from Python's own pool."""

from __future__ import annotations

import asyncio
import threading

import pytest
import qasync
from pytestqt.qtbot import QtBot

from archiveviewer.services.worker import Worker
from archiveviewer.ui.threads import QtExecutor
from tests.gui.test_live import wait_for


@pytest.fixture
def worker(event_loop_qt: qasync.QEventLoop) -> Worker:
    worker = Worker(executor=QtExecutor(2))
    yield worker
    worker.shutdown()


def test_a_call_runs_on_a_thread_qt_started_and_its_value_comes_back(
    qtbot: QtBot, worker: Worker
) -> None:
    def where() -> str:
        return threading.current_thread().name

    name = wait_for(qtbot, worker.run(where))
    assert name != threading.current_thread().name
    assert wait_for(qtbot, worker.run(sum, [1, 2, 3])) == 6


def test_an_error_reaches_the_awaiting_task(qtbot: QtBot, worker: Worker) -> None:
    async def failing() -> str:
        try:
            await worker.run(int, "not a number")
        except ValueError as error:
            return str(error)
        return "no error"

    assert "invalid literal" in wait_for(qtbot, failing())


def test_many_calls_at_once_all_arrive(qtbot: QtBot, worker: Worker) -> None:
    async def many() -> list[int]:
        return list(await asyncio.gather(*(worker.run(pow, n, 2) for n in range(200))))

    assert wait_for(qtbot, many()) == [n * n for n in range(200)]


def test_after_shutdown_no_call_is_taken() -> None:
    executor = QtExecutor(1)
    executor.shutdown()
    with pytest.raises(RuntimeError):
        executor.submit(print)


def test_shutdown_cancels_what_has_not_started() -> None:
    executor = QtExecutor(1)
    started, gate = threading.Event(), threading.Event()

    def hold() -> bool:
        started.set()
        return gate.wait(10)

    running = executor.submit(hold)
    assert started.wait(10)  # the one thread is busy: the rest wait in the queue
    queued = [executor.submit(pow, 2, n) for n in range(5)]
    executor.shutdown(wait=False, cancel_futures=True)
    assert all(f.cancelled() for f in queued)
    gate.set()
    assert running.result(timeout=10) is True
    executor.shutdown(wait=True)


def test_garbage_is_collected_on_the_ui_thread_only(qtbot: QtBot, worker: Worker) -> None:
    import gc

    from archiveviewer.ui.threads import UiThreadCollector

    assert not gc.isenabled()  # the package's collector took over, as the program's does
    collector = UiThreadCollector(interval_ms=10)
    try:
        collected_in: list[str] = []

        def note(phase: str, info: dict[str, int]) -> None:
            if phase == "stop":
                collected_in.append(threading.current_thread().name)

        gc.callbacks.append(note)
        try:
            def make_cycles() -> int:
                for _ in range(50_000):
                    pair: list[object] = []
                    pair.append(pair)
                return 0

            wait_for(qtbot, worker.run(make_cycles))
            qtbot.waitUntil(lambda: bool(collected_in), timeout=5000)
        finally:
            gc.callbacks.remove(note)
        assert set(collected_in) == {threading.current_thread().name}
    finally:
        collector._timer.stop()
