"""Local-time formatting for the window: every time the user reads is local."""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo


def local(moment: datetime, tz: tzinfo | None) -> datetime:
    """``moment`` in ``tz``, or in the system's local time zone when ``tz`` is None."""
    return moment.astimezone(tz)


def local_midnight(day: date, tz: tzinfo | None) -> datetime:
    """The start of ``day`` in ``tz`` (or system local time), as aware UTC."""
    naive = datetime(day.year, day.month, day.day)
    aware = naive.replace(tzinfo=tz) if tz is not None else naive.astimezone()
    return aware.astimezone(UTC)


def format_day_time(moment: datetime, tz: tzinfo | None) -> str:
    """``2024-03-02 13:05`` in local time."""
    return local(moment, tz).strftime("%Y-%m-%d %H:%M")


def format_time(moment: datetime, tz: tzinfo | None) -> str:
    """``13:05:40`` in local time."""
    return local(moment, tz).strftime("%H:%M:%S")


def format_day(day: date) -> str:
    """``Saturday 2 March 2024``."""
    return f"{day:%A} {day.day} {day:%B %Y}"
