"""The program's one worker: results, errors, and what a cancellation does to a call."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator

import pytest

from archiveviewer.errors import StoreError
from archiveviewer.services.worker import Worker

pytestmark = pytest.mark.asyncio


@pytest.fixture
def worker() -> Iterator[Worker]:
    worker = Worker(threads=1)
    yield worker
    worker.shutdown()


def fail() -> None:
    raise StoreError("The local copy could not be written.")


async def test_a_call_returns_its_value_and_raises_its_error(worker: Worker) -> None:
    assert await worker.run(divmod, 7, 2) == (3, 1)
    with pytest.raises(StoreError):
        await worker.run(fail)


async def test_a_cancelled_write_that_started_has_finished_when_the_caller_hears(
    worker: Worker,
) -> None:
    started, release = threading.Event(), threading.Event()
    written: list[str] = []

    def write() -> None:
        started.set()
        release.wait()
        written.append("page")

    task = asyncio.ensure_future(worker.store(write))
    await asyncio.get_running_loop().run_in_executor(None, started.wait)
    task.cancel()
    await asyncio.sleep(0)  # the cancellation is under way, the write still blocked
    assert not task.done()
    release.set()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert written == ["page"]


async def test_a_call_cancelled_before_it_starts_never_runs(worker: Worker) -> None:
    started, release = threading.Event(), threading.Event()
    ran: list[str] = []

    def block() -> None:
        started.set()
        release.wait()

    blocking = asyncio.ensure_future(worker.run(block))  # the only thread is busy
    await asyncio.get_running_loop().run_in_executor(None, started.wait)
    queued = asyncio.ensure_future(worker.run(ran.append, "queued"))
    await asyncio.sleep(0)
    queued.cancel()
    with pytest.raises(asyncio.CancelledError):
        await queued
    release.set()
    await blocking
    await worker.run(ran.append, "after")
    assert ran == ["after"]
