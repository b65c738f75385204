"""Replication (XEP-0136 §Replication): what changed in the archive since a point."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

from archiveviewer.errors import MalformedInput
from archiveviewer.protocol import requests
from archiveviewer.protocol.names import names_of
from archiveviewer.protocol.paging import last_page
from archiveviewer.protocol.requests import PageRequest, PageResult
from archiveviewer.xmpp.xep_0136.base import ArchiveBase
from archiveviewer.xmpp.xep_0136.pages import ChangePage

#: Where replication starts when there is no cursor yet: changes happen on
#: the server's clock, so nothing changed before this.
_BEGINNING = datetime(1970, 1, 1, tzinfo=UTC)


class Replication(ArchiveBase):
    """``<modified/>``, page by page."""

    async def modified(
        self, after: str | None = None, *, max: int | None = None
    ) -> AsyncIterator[ChangePage]:
        """Pages of collections changed or removed since the cursor *after*.

        Each page's ``cursor`` is the value to pass as *after* next time
        (store it with the data it covers). No cursor means from the
        beginning. A server error mid-way is raised, never taken for the end.
        """
        dialect = await self._dialect()
        cursor = after
        while True:
            page = PageRequest(max=max or self.page_size, after=cursor)
            request = requests.modified_element(dialect, _BEGINNING, page=page)
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
