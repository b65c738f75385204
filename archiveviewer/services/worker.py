"""The program's one pool of worker threads, for everything that would block the event loop.

Replica reads and writes, decryption and key files run here, never on the event
loop's thread and never in ``asyncio.to_thread`` (the loop's default executor,
which qasync does not serve well). The program (``app.py``, or the command line)
makes one :class:`Worker`, hands it to every service, and shuts it down last.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

#: Threads in the pool: replica writes take the replica's lock one at a time, so
#: more threads only let a decryption or a read overlap a write.
THREADS = 2


class Worker:
    """A pool of worker threads that services await on the event loop.

    ``executor`` is the pool itself; by default Python's own. The window passes one
    whose threads Qt manages (``ui.threads.QtExecutor``): under qasync a result is
    handed to the loop by a Qt signal emitted from the worker thread, and PySide6 is
    only dependable at that when Qt knows the thread.
    """

    def __init__(
        self, threads: int = THREADS, executor: concurrent.futures.Executor | None = None
    ) -> None:
        self._pool = executor or concurrent.futures.ThreadPoolExecutor(
            threads, thread_name_prefix="archiveviewer-worker"
        )

    async def run(self, function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """``function(*args, **kwargs)`` on a worker thread; its result, or its exception.

        When the awaiting task is cancelled, a call that has not started never
        does, and one that has is waited for (without blocking the loop) before
        the cancellation goes on: a write is never left running behind the
        caller's back, which replication's cursor relies on.
        """
        future = self._pool.submit(function, *args, **kwargs)
        outcome = asyncio.wrap_future(future)
        try:
            return await asyncio.shield(outcome)
        except asyncio.CancelledError:
            future.cancel()
            await asyncio.wait([outcome])
            raise

    async def store(self, write: Callable[[], object]) -> None:
        """Run one replica write (the shape :class:`~archiveviewer.sync.Replicator` takes)."""
        await self.run(write)

    def shutdown(self) -> None:
        """Finish the calls already started and stop the threads (the program's last step)."""
        self._pool.shutdown(wait=True, cancel_futures=True)
