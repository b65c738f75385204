"""XEP-0082 date-times: the one place where they are parsed and written.

Servers send fractional seconds, offsets and ``Z``; the seed uses the year
1469 and the lower bound ``0000-01-01T00:00:00Z``. Python's ``datetime``
cannot hold year 0, so that value (and any year before 1) is read as
:data:`EARLIEST`, which is written back as ``0000-01-01T00:00:00Z``.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from archiveviewer.errors import MalformedInput

#: The earliest time Python can hold; stands for the seed's year 0 bound.
EARLIEST = datetime.min.replace(tzinfo=UTC)
#: The latest time Python can hold.
LATEST = datetime.max.replace(tzinfo=UTC)

_DATETIME = re.compile(
    r"""
    (?P<year>-?\d{4,9})-(?P<month>\d{2})-(?P<day>\d{2})
    T(?P<hour>\d{2}):(?P<minute>\d{2}):(?P<second>\d{2})
    (?:\.(?P<fraction>\d+))?
    (?P<zone>Z|[+-]\d{2}:\d{2})?
    """,
    re.VERBOSE,
)


def parse_datetime(text: str) -> datetime:
    """Parse an XEP-0082 DateTime into an aware UTC ``datetime``.

    A missing zone is taken as UTC, as XEP-0136 requires UTC everywhere.
    Years before 1 become :data:`EARLIEST`. Raises :class:`MalformedInput`
    for anything that is not a date-time.
    """
    match = _DATETIME.fullmatch(text.strip())
    if match is None:
        raise MalformedInput(f"“{text[:64]}” is not a valid date and time.")
    year = int(match["year"])
    if year < 1:
        return EARLIEST
    fraction = match["fraction"] or "0"
    microsecond = int(fraction[:6].ljust(6, "0"))
    try:
        naive = datetime(
            year,
            int(match["month"]),
            int(match["day"]),
            int(match["hour"]),
            int(match["minute"]),
            min(int(match["second"]), 59),  # a leap second is read as :59
            microsecond,
        )
    except ValueError as exc:
        raise MalformedInput(f"“{text[:64]}” is not a valid date and time.") from exc
    offset = _offset(match["zone"])
    if offset is None:
        raise MalformedInput(f"“{text[:64]}” is not a valid date and time (its zone is wrong).")
    try:
        return (naive - offset).replace(tzinfo=UTC)
    except OverflowError:
        return EARLIEST if offset > timedelta(0) else LATEST


def _offset(zone: str | None) -> timedelta | None:
    """The zone's offset from UTC; None when it cannot be (+24:00, +05:99)."""
    if zone is None or zone == "Z":
        return timedelta(0)
    sign = -1 if zone[0] == "-" else 1
    hours, minutes = int(zone[1:3]), int(zone[4:6])
    if hours > 23 or minutes > 59:
        return None
    return sign * timedelta(hours=hours, minutes=minutes)


def format_datetime(value: datetime) -> str:
    """Write an aware ``datetime`` as XEP-0082 UTC, ``Z`` suffixed.

    Fractions of a second are written only when present, as microseconds.
    :data:`EARLIEST` is written as the seed's ``0000-01-01T00:00:00Z``.
    """
    if value.tzinfo is None:
        raise ValueError("refusing to format a naive datetime as UTC")
    if value == EARLIEST:
        return "0000-01-01T00:00:00Z"
    utc = value.astimezone(UTC)
    text = (
        f"{utc.year:04d}-{utc.month:02d}-{utc.day:02d}"
        f"T{utc.hour:02d}:{utc.minute:02d}:{utc.second:02d}"
    )
    if utc.microsecond:
        text += f".{utc.microsecond:06d}"
    return text + "Z"
