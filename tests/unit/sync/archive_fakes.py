"""An in-memory message archive (XEP-0313 paging rules) for the archive sync's unit tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from archiveviewer.domain import ArchivedMessage, Direction, Message
from archiveviewer.errors import ServerError
from archiveviewer.protocol.mam import ArchiveBounds, ArchiveTarget, MamPage, MamQuery

T0 = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
ACCOUNT = "me@example.org"


def message(n: int, contact: str, when: datetime, archive: str = ACCOUNT) -> ArchivedMessage:
    direction = Direction.TO if n % 3 == 0 else Direction.FROM
    return ArchivedMessage(archive, f"id-{n:06d}", contact, Message(direction, when, f"text {n}"))


def not_found() -> ServerError:
    return ServerError("gone", condition="item-not-found", error_type="modify")


@dataclass
class FakeArchive:
    """Answers queries like a MAM server: pages by id, by time, newest page with ``before=""``.

    ``fail_at`` raises a ServerError at that query number (counted from 1);
    ``forget`` lists ids the archive no longer knows (item-not-found);
    ``extended`` offers ``#extended``'s metadata (``bounds``), asked ``metadata_asked`` times.
    """

    messages: list[ArchivedMessage] = field(default_factory=list)
    max_page: int = 1000
    fail_at: int | None = None
    queries: list[MamQuery] = field(default_factory=list)
    forgotten: set[str] = field(default_factory=set)
    extended: bool = False
    metadata_asked: int = 0

    async def bounds(self, target: ArchiveTarget) -> ArchiveBounds | None:
        if not self.extended:
            return None
        self.metadata_asked += 1
        mine = [m for m in self.messages if m.archive == target.jid]
        if not mine:
            return ArchiveBounds()
        first, last = mine[0], mine[-1]
        return ArchiveBounds(
            first.archive_id, first.message.time, last.archive_id, last.message.time
        )

    async def query(self, target: ArchiveTarget, request: MamQuery) -> MamPage:
        self.queries.append(request)
        if self.fail_at == len(self.queries):
            raise ServerError("busy", condition="internal-server-error")
        found = [
            m
            for m in self.messages
            if m.archive == target.jid
            and (request.start is None or m.message.time >= request.start)
            and (request.end is None or m.message.time <= request.end)
        ]
        ids = [m.archive_id for m in found]
        limit = min(request.max_items, self.max_page)
        if request.after is not None:
            if request.after in self.forgotten or request.after not in ids:
                raise not_found()
            rest = found[ids.index(request.after) + 1 :]
            page, complete = rest[:limit], len(rest) <= limit
        elif request.before is not None:
            if request.before:
                if request.before in self.forgotten or request.before not in ids:
                    raise not_found()
                rest = found[: ids.index(request.before)]
            else:
                rest = found
            page, complete = rest[-limit:] if limit else [], len(rest) <= limit
        else:
            page, complete = found[:limit], len(found) <= limit
        first = page[0].archive_id if page else None
        last = page[-1].archive_id if page else None
        return MamPage(tuple(page), first, last, complete, len(found))


def chat_history(count: int, contacts: int = 3, *, seed_gap: int = 7) -> list[ArchivedMessage]:
    """``count`` messages among ``contacts`` contacts with bursts and long silences."""
    history = []
    when = T0
    for n in range(count):
        # Every seed_gap-th message follows a silence of hours; others a minute or less.
        when += timedelta(hours=3) if n % seed_gap == 0 else timedelta(seconds=(n * 13) % 61)
        history.append(message(n, f"friend{(n // 5) % contacts}@example.net", when))
    return history
