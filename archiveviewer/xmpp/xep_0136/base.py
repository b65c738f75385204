"""The core of the ``xep_0136`` plugin: discovery, sending, listing and retrieving.

The other parts of the plugin (:mod:`.manual`, :mod:`.preferences`,
:mod:`.replication`) build on this class; :mod:`.xep_0136` puts them
together. Requests are built and results read by
:mod:`archiveviewer.protocol`; every decision that needs no stream lives
there too (:mod:`archiveviewer.protocol.paging`).
"""

from __future__ import annotations

import asyncio
import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator, Iterable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from slixmpp import ClientXMPP
from slixmpp.plugins import BasePlugin

from archiveviewer.domain import Collection, CollectionId, Dialect, UnreadEntry
from archiveviewer.errors import MalformedInput, ServerError
from archiveviewer.protocol import codec, requests
from archiveviewer.protocol.entries import read_headers
from archiveviewer.protocol.features import ArchiveSupport, choose_support
from archiveviewer.protocol.names import names_of
from archiveviewer.protocol.paging import add_index, last_page, merge_page, secs_in
from archiveviewer.protocol.requests import PageRequest, PageResult
from archiveviewer.protocol.xep0082 import format_datetime
from archiveviewer.xmpp import disco, iq
from archiveviewer.xmpp.xep_0136.pages import CollectionPage, RetrievePage


class ArchiveBase(BasePlugin):
    """Discovery, the one way to send a request, list and retrieve."""

    # Set from the plugin's default_config by slixmpp.
    timeout: float
    page_size: int
    preferred_dialect: Dialect

    def _init_base(self) -> None:
        self.support: ArchiveSupport | None = None
        self._discovering = asyncio.Lock()
        self.xmpp.add_event_handler("session_end", self._forget_support)

    def _end_base(self) -> None:
        self.xmpp.del_event_handler("session_end", self._forget_support)

    @property
    def _client(self) -> ClientXMPP:
        client: ClientXMPP = self.xmpp  # type: ignore[assignment]  # never a component
        return client

    def _forget_support(self, _event: Any) -> None:
        # The next connection may reach a server that was upgraded meanwhile.
        self.support = None

    # --- discovery -----------------------------------------------------------------

    async def discover(self, prefer: Dialect | None = None) -> ArchiveSupport:
        """Find out which dialect and features the server offers (server and account disco).

        When both dialects are offered, *prefer* wins; it is remembered as
        the plugin's ``preferred_dialect`` (the seed unless set) for later
        discoveries, such as after a reconnection. A server that answers only
        list and retrieve is supported with what it has. Raises ServerError
        (``feature-not-implemented``) when the server offers no archiving.
        """
        if prefer is not None:
            self.preferred_dialect = prefer
        async with self._discovering:
            return await self._discover_now()

    async def _discover_now(self) -> ArchiveSupport:
        boundjid = self.xmpp.boundjid
        features = (await disco.info(self._client, boundjid.domain, timeout=self.timeout)).features
        try:
            account = await disco.info(self._client, boundjid.bare, timeout=self.timeout)
            features |= account.features
        except ServerError:
            pass  # an account without its own disco adds nothing
        self.support = choose_support(features, self.preferred_dialect)
        return self.support

    async def _dialect(self) -> Dialect:
        if self.support is None:
            async with self._discovering:  # requests gathered at once discover once
                if self.support is None:
                    await self._discover_now()
        assert self.support is not None
        return self.support.dialect

    async def _query(self, kind: str, payload: ET.Element, action: str) -> ET.Element:
        """Send ``payload`` in an iq of ``kind``; *action* completes "Could not …"."""
        return await iq.send(self._client, kind, payload, timeout=self.timeout, action=action)

    # --- listing -------------------------------------------------------------------

    async def list_page(
        self,
        with_: str | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
        *,
        max: int | None = None,
        after: str | None = None,
        before: str | None = None,
        index: int | None = None,
    ) -> CollectionPage:
        """One page of the collections with *with_* (full JID, bare JID or domain) in [start, end].

        ``after``/``before`` are RSM ids from an earlier page (``before=''``
        gives the last page); ``index`` jumps to a position.
        """
        dialect = await self._dialect()
        page = PageRequest(max=max or self.page_size, after=after, before=before)
        request = requests.list_element(dialect, with_jid=with_, start=start, end=end, page=page)
        add_index(request, index)
        result = await self._query("get", request, "list the archived conversations")
        answer = result.find(names_of(dialect).tag("list"))
        if answer is None:
            raise MalformedInput("The server answered a list request without a <list/>.")
        info = requests.page_from_element(answer) or PageResult()
        found = read_headers(answer, dialect)
        return CollectionPage(
            tuple(found.read), info.first, info.last, info.count, info.first_index, found.unreadable
        )

    async def list_pages(
        self,
        with_: str | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
        *,
        max: int | None = None,
    ) -> AsyncIterator[CollectionPage]:
        """Every page of the list, in order; a server error mid-way is raised, not the end."""
        after: str | None = None
        seen = 0
        while True:
            page = await self.list_page(with_, start, end, max=max, after=after)
            yield page
            entries = [*page.collections, *page.unreadable]
            seen += len(entries)
            if last_page(entries, page.last, page.count, seen, after):
                return
            after = page.last

    # --- retrieving ----------------------------------------------------------------

    async def retrieve_page(
        self,
        id: CollectionId,
        *,
        max: int | None = None,
        after: str | None = None,
        before: str | None = None,
        index: int | None = None,
        key_names: Iterable[str] = (),
        clock: datetime | None = None,
    ) -> RetrievePage:
        """One page of the items of a collection.

        *key_names* limits the EncryptedKey elements to those for these
        public keys. *clock* is the running time before this page (the
        previous page's ``clock``; the collection start for the first page).
        """
        dialect = await self._dialect()
        page = PageRequest(max=max or self.page_size, after=after, before=before)
        answer, info = await self._retrieve_raw(dialect, id, page, tuple(key_names), index)
        running = clock or id.start
        # Times of a later page run on from the previous page's clock: read
        # the page as if the collection started there, then restore its key.
        answer.set("start", format_datetime(running))
        collection = replace(codec.collection_from_element(answer, dialect), id=id)
        end_clock = running + timedelta(seconds=secs_in(answer, dialect))
        return RetrievePage(collection, info.first, info.last, info.count, end_clock)

    async def retrieve(
        self, id: CollectionId | UnreadEntry, key_names: Iterable[str] = ()
    ) -> Collection:
        """A whole collection: every page merged, each EncryptedKey element once.

        An :class:`UnreadEntry` is asked for in the server's own words (to
        try again one whose start could not be read).
        """
        dialect = await self._dialect()
        names = tuple(key_names)
        merged: ET.Element | None = None
        keys_seen: set[bytes] = set()
        after: str | None = None
        seen = 0
        while True:
            page = PageRequest(max=self.page_size, after=after)
            answer, info = await self._retrieve_raw(dialect, id, page, names, None)
            merged = merged if merged is not None else ET.Element(answer.tag, answer.attrib)
            added = merge_page(merged, answer, keys_seen)
            seen += added
            if last_page(range(added), info.last, info.count, seen, after):
                break
            after = info.last
        return codec.collection_from_element(merged, dialect)

    async def _retrieve_raw(
        self,
        dialect: Dialect,
        cid: CollectionId | UnreadEntry,
        page: PageRequest,
        key_names: tuple[str, ...],
        index: int | None,
    ) -> tuple[ET.Element, PageResult]:
        request = requests.retrieve_element(dialect, cid, page=page, key_names=key_names)
        add_index(request, index)
        result = await self._query("get", request, "read the conversation")
        names = names_of(dialect)
        answer = result.find(names.tag(names.collection))
        if answer is None:
            raise MalformedInput("The server answered a retrieve request without a collection.")
        return answer, requests.page_from_element(answer) or PageResult()
