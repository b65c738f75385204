"""Local-time formatting for the window: every time the user reads is local."""

from __future__ import annotations

from datetime import UTC, date, datetime, timezone, tzinfo


def local(moment: datetime, tz: tzinfo | None) -> datetime:
    """``moment`` in ``tz``, or in the system's local time zone when ``tz`` is None.

    Before a zone had standard time its database offset is the town's local mean
    time (Tokyo: +09:18:59), which turns 10:15:00 into 19:33:59: nobody reads a
    clock like that, so such moments use the zone's offset of today instead.
    """
    shown = moment.astimezone(tz)
    offset = shown.utcoffset()
    if offset is not None and offset.seconds % 60:
        today = datetime.now(UTC).astimezone(tz if tz is not None else None).utcoffset()
        if today is not None:
            shown = moment.astimezone(timezone(today)).replace(tzinfo=timezone(today))
    return shown


def zone_label(moment: datetime, tz: tzinfo | None) -> str:
    """The zone the window shows ``moment`` in: ``UTC``, or ``CET (UTC+01:00)``."""
    shown = local(moment, tz)
    offset = shown.utcoffset()
    if offset is None or not offset:
        name = shown.tzname() or "UTC"
        return "UTC" if name in ("UTC", "UTC+00:00") else f"{name} (UTC)"
    sign = "+" if offset.total_seconds() >= 0 else "-"
    minutes = abs(int(offset.total_seconds())) // 60
    utc = f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    label = shown.tzname()
    return utc if not label or label.startswith("UTC") else f"{label} ({utc})"


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
