"""Where replication stands: the server's last ``<last/>`` id and the time of the last sync.

XEP-0136 1.x asks for changes "after a time" (``<modified start='…'/>``) and
pages with ids the server issued (RSM ``<after/>``); the seed uses the time
of the last change as the RSM ``<after/>``. Servers differ: some order
``<modified/>`` by collection start rather than by change, some forget their
ids on restart. So the replica keeps both:

- ``since``: the server-side time from which the next sync asks for changes
  (the start of the last completed sync, less a safety overlap);
- ``after``: the ``<last/>`` of the last page stored, to resume an interrupted
  sync where it stopped;
- ``complete``: whether the last sync reached the end of the changes;
- ``started``: the server's clock when the sync in progress began (so that
  a sync resumed later still moves ``since`` only that far).

It is kept in the replica as one text (the store treats it as opaque).
A cursor written before this form (a bare ``<last/>``) reads as an
interrupted sync from the beginning at that id.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from archiveviewer.errors import MalformedInput
from archiveviewer.protocol.xep0082 import format_datetime, parse_datetime

#: Where the first sync starts: changes happen on the server's clock, so nothing before this.
BEGINNING = datetime(1970, 1, 1, tzinfo=UTC)

#: How far before the start of the last sync the next one asks from: changes stamped with a
#: time a little before they became visible (a transaction committed late, a clock that
#: moved) are asked for again rather than missed. Asking twice costs a retrieve (none in 1.x
#: when the version is already stored); missing loses data.
OVERLAP = timedelta(minutes=2)


@dataclass(frozen=True)
class SyncCursor:
    """See the module docstring."""

    since: datetime = BEGINNING
    after: str | None = None
    complete: bool = False
    started: datetime | None = None

    def encode(self) -> str:
        """The text stored in the replica."""
        started = None if self.started is None else format_datetime(self.started)
        return json.dumps(
            {
                "since": format_datetime(self.since),
                "after": self.after,
                "complete": self.complete,
                "started": started,
            },
            sort_keys=True,
        )

    @staticmethod
    def decode(text: str | None) -> SyncCursor:
        """Read a stored cursor; None (never synced) is a fresh one."""
        if text is None:
            return SyncCursor()
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        if not isinstance(data, dict):
            return SyncCursor(after=text)  # the cursor of an older version: a bare <last/>
        since = _time_or_none(data.get("since"))
        after = data.get("after")
        return SyncCursor(
            since=since or BEGINNING,
            after=after if isinstance(after, str) else None,
            complete=data.get("complete") is True,
            started=_time_or_none(data.get("started")),
        )


def next_since(started: datetime | None, last: str | None, previous: datetime) -> datetime:
    """Where the sync after a completed one asks from.

    ``started`` is the server's clock when this sync began (XEP-0202), the
    best there is. Without it, a ``<last/>`` that is a time (the seed's rule)
    is the server's time of the last change. Without either, the previous
    point stays: asking again from there is slower, never wrong. The overlap
    is taken off the first two; it never goes back before ``previous``.
    """
    candidate = started if started is not None else _time_or_none(last)
    if candidate is None:
        return previous
    return max(previous, candidate - OVERLAP)


def _time_or_none(text: object) -> datetime | None:
    if not isinstance(text, str):
        return None
    try:
        return parse_datetime(text)
    except MalformedInput:
        return None
