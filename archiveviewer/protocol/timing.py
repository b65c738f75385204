"""Message times: ``secs``/``utc`` on the wire, absolute times in the program.

Reading: a running clock starts at the collection start; each message's
``secs`` moves it on; a message with ``utc`` takes that time instead (it may
lie before the start) and does not move the clock. Writing is the inverse:
``secs`` is chosen so the *rounded cumulative* offset tracks the absolute time
(the seed's 0.51-second example gives 1, 0, 1, 0, …), and a message that lies
before the clock (or before the start) is written with ``utc``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from archiveviewer.errors import MalformedInput

_SECOND_US = 1_000_000


@dataclass(frozen=True)
class WireTime:
    """How one message's time is written: exactly one of the two is set."""

    secs: int | None = None
    utc: datetime | None = None


class Clock:
    """The running clock of one collection while its messages are read."""

    def __init__(self, start: datetime) -> None:
        self._now = start

    def read(self, secs: int | None, utc: datetime | None) -> datetime:
        """The absolute time of the next message, given its attributes.

        Raises :class:`MalformedInput` when ``secs`` takes the clock outside
        the years 1 to 9999 (a peer's nonsense, never a program error).
        """
        if secs is not None:
            try:
                self._now += timedelta(seconds=secs)
            except OverflowError:
                raise MalformedInput(
                    f"The “secs” of a message ({str(secs)[:24]}) takes its time "
                    "beyond the years a date can have."
                ) from None
        return utc if utc is not None else self._now


def _micro(delta: timedelta) -> int:
    return delta // timedelta(microseconds=1)


def wire_times(start: datetime, times: Iterable[datetime]) -> Iterator[WireTime]:
    """Choose ``secs`` or ``utc`` for each message time, in order.

    The running sum of ``secs`` is the rounded offset of each message from
    ``start``, so it never drifts and every time read back with :class:`Clock`
    is within half a second of the original. A message whose rounded offset
    lies before the running sum (including before the start) gets ``utc``.
    """
    written = 0  # whole seconds from start the reader's clock will show
    for time in times:
        offset_us = _micro(time - start)
        target = (offset_us + _SECOND_US // 2) // _SECOND_US
        if target < written:
            yield WireTime(utc=time)
            continue
        yield WireTime(secs=target - written)
        written = target
