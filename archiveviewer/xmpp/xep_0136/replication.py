"""Replication (XEP-0136 §Replication): what changed in the archive since a point."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

from archiveviewer.domain import Dialect
from archiveviewer.errors import MalformedInput
from archiveviewer.protocol import requests
from archiveviewer.protocol.entries import read_changes
from archiveviewer.protocol.names import names_of
from archiveviewer.protocol.paging import last_page
from archiveviewer.protocol.requests import PageRequest, PageResult
from archiveviewer.protocol.xep0082 import parse_datetime
from archiveviewer.xmpp.entity_time import server_time
from archiveviewer.xmpp.xep_0136.base import ArchiveBase
from archiveviewer.xmpp.xep_0136.pages import ChangePage

#: Where replication starts when there is no cursor yet: changes happen on
#: the server's clock, so nothing changed before this.
_BEGINNING = datetime(1970, 1, 1, tzinfo=UTC)


class Replication(ArchiveBase):
    """``<modified/>``, page by page, and the server's clock it counts by."""

    async def modified_page(
        self, since: datetime, after: str | None = None, *, max: int | None = None
    ) -> ChangePage:
        """One page of the collections changed or removed after the server-side time *since*.

        *after* is the ``last`` of the page before (None: the first page).
        1.x sends ``<modified start='since'/>`` with *after* as the RSM id;
        the seed sends *after*, or else *since*, as the RSM ``<after/>``
        time. The page's ``cursor`` is the server's ``<last/>`` (None when
        the page is empty). A stale *after* raises ServerError
        ``item-not-found``.
        """
        dialect = await self._dialect()
        page = PageRequest(max=max or self.page_size, after=after)
        request = requests.modified_element(dialect, since, page=page)
        result = await self._query("get", request, "ask what changed in the archive")
        answer = result.find(names_of(dialect).tag("modified"))
        if answer is None:
            raise MalformedInput("The server answered a modified request without <modified/>.")
        found = read_changes(answer, dialect)
        info = requests.page_from_element(answer) or PageResult()
        entries = found.read or found.unreadable
        return ChangePage(
            tuple(found.read), info.last if entries else None, info.count, found.unreadable
        )

    async def server_time(self) -> datetime | None:
        """The server's clock now (XEP-0202), None when it does not tell it."""
        return await server_time(self._client, timeout=self.timeout)

    async def modified(
        self, after: str | None = None, *, max: int | None = None
    ) -> AsyncIterator[ChangePage]:
        """Pages of collections changed or removed since the cursor *after*.

        Each page's ``cursor`` is the value to pass as *after* next time
        (store it with the data it covers). No cursor means from the
        beginning. A server error mid-way is raised, never taken for the end.
        For 1.x a time given as *after* (the seed's kind of cursor) is read
        as the ``start`` it stands for, never sent as an id.
        """
        dialect = await self._dialect()
        since = _BEGINNING
        cursor = after
        if dialect is Dialect.URN and after is not None and _is_time(after):
            since, cursor = parse_datetime(after), None
        while True:
            page = PageRequest(max=max or self.page_size, after=cursor)
            request = requests.modified_element(dialect, since, page=page)
            result = await self._query("get", request, "ask what changed in the archive")
            answer = result.find(names_of(dialect).tag("modified"))
            if answer is None:
                raise MalformedInput("The server answered a modified request without <modified/>.")
            changes = requests.changes_from_element(answer, dialect)
            info = requests.page_from_element(answer) or PageResult()
            yield ChangePage(tuple(changes), info.last or cursor, info.count)
            # The cursor is the query here, so a count may be what remains
            # or the total: only an empty page (or a stuck cursor) ends it.
            if last_page(changes, info.last, None, 0, cursor):
                return
            cursor = info.last


def _is_time(text: str) -> bool:
    try:
        parse_datetime(text)
    except MalformedInput:
        return False
    return True
