"""Message Archive Management (XEP-0313) over a live connection.

:class:`MessageArchive` queries the account's archive or a room's, one RSM page
at a time, and reads and writes the archiving preferences. It fits the sync
layer's ``MessageArchiveSource`` port as it is.

slixmpp's own ``xep_0313`` plugin is not used for queries: its result
iteration turns a server error into the end of the results, and it does not
check who sent a result. Here the query's reply is awaited through the
program's one iq path (:mod:`archiveviewer.xmpp.iq`, which raises every error
reply as a ServerError), and each result message is read as it arrives,
accepted only from the queried archive and for our ``queryid``. Results come
before the iq reply on the same ordered stream, so when the reply arrives the
page is whole.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace

from slixmpp import ClientXMPP
from slixmpp.xmlstream import StanzaBase
from slixmpp.xmlstream.handler import Callback
from slixmpp.xmlstream.matcher.base import MatcherBase

from archiveviewer.domain import ArchivedMessage, UnreadMessage
from archiveviewer.errors import ServerError
from archiveviewer.protocol import mam
from archiveviewer.protocol.mam import (
    ArchiveBounds,
    ArchivePrefs,
    ArchiveTarget,
    MamPage,
    MamQuery,
)
from archiveviewer.xmpp import disco, iq
from archiveviewer.xmpp.iq import Refusal

_RESULT = f"{{{mam.MAM_NS}}}result"
#: Refusals of ``<metadata/>`` that mean "not offered here", not "something is wrong".
_NO_METADATA = frozenset(
    {"feature-not-implemented", "service-unavailable", "bad-request", "item-not-found"}
)
_ids = itertools.count(1)


@dataclass(frozen=True)
class ArchiveSupport:
    """What an archive offers: ``urn:xmpp:mam:2``, and ``#extended`` on top."""

    mam: bool
    extended: bool


class _ResultOf(MatcherBase):
    """Matches the result messages of one query (by ``queryid``)."""

    def match(self, xml: StanzaBase) -> bool:
        result = xml.xml.find(_RESULT)
        return result is not None and result.get("queryid") == self._criteria


class MessageArchive:
    """The account's and rooms' message archives on one connected client."""

    def __init__(self, client: ClientXMPP, *, timeout: float = 30.0) -> None:
        self._client = client
        self._timeout = timeout

    @property
    def account(self) -> str:
        """The account's bare JID: the JID of its own archive."""
        return str(self._client.boundjid.bare).lower()

    async def support(self, jid: str | None = None) -> ArchiveSupport:
        """What the archive at ``jid`` (default: the account's own) offers, by disco."""
        found = await disco.info(self._client, jid or self.account, timeout=self._timeout)
        return ArchiveSupport(mam.MAM_NS in found.features, mam.MAM_EXTENDED in found.features)

    async def query(self, target: ArchiveTarget, request: MamQuery) -> MamPage:
        """One page of ``target``'s archive; a server error raises ServerError.

        A result that cannot be read is on the page as an ``UnreadMessage``, not raised.
        """
        queryid = f"av{next(_ids)}"
        account = self.account
        messages: list[ArchivedMessage] = []
        unreadable: list[UnreadMessage] = []

        def on_result(stanza: StanzaBase) -> None:
            found = mam.read_result(stanza.xml, queryid, target, account)
            if isinstance(found, UnreadMessage):
                # Kept with its place on the page: the rest of the page is stored all the same.
                unreadable.append(replace(found, index=len(messages)))
            elif found is not None:
                messages.append(found)

        name = f"archiveviewer mam {queryid}"
        self._client.register_handler(Callback(name, _ResultOf(queryid), on_result))
        try:
            reply = await iq.send(
                self._client,
                "set",
                mam.query_element(request, queryid),
                timeout=self._timeout,
                sentence=_query_sentence(target),
                to=None if target.jid == account else target.jid,
            )
        finally:
            self._client.remove_handler(name)
        fin = mam.fin_from_element(reply)
        return MamPage(
            tuple(messages), fin.rsm.first, fin.rsm.last, fin.complete, fin.rsm.count,
            tuple(unreadable),
        )  # fmt: skip

    async def bounds(self, target: ArchiveTarget) -> ArchiveBounds | None:
        """``target``'s first and last message; None unless its archive offers ``#extended``."""
        if not (await self.support(target.jid)).extended:
            return None
        try:
            reply = await iq.send(
                self._client, "get", mam.metadata_request(), timeout=self._timeout,
                sentence=_query_sentence(target),
                to=None if target.jid == self.account else target.jid,
            )  # fmt: skip
        except ServerError as refused:
            # Be liberal: some archives offer #extended without <metadata/> (Prosody's
            # mod_muc_mam 0.12); the sync then pages as on any archive.
            if refused.condition in _NO_METADATA:
                return None
            raise
        return mam.bounds_from_element(reply)

    async def prefs(self) -> ArchivePrefs:
        """What the server archives for this account (its ``<prefs/>``)."""
        reply = await iq.send(
            self._client, "get", mam.prefs_request(), timeout=self._timeout,
            action="read what the server archives",
        )  # fmt: skip
        return mam.prefs_from_element(reply)

    async def set_prefs(self, prefs: ArchivePrefs) -> ArchivePrefs:
        """Change what the server archives; returns the preferences as the server now holds them."""
        reply = await iq.send(
            self._client, "set", mam.prefs_element(prefs), timeout=self._timeout,
            action="change what the server archives",
        )  # fmt: skip
        return mam.prefs_from_element(reply)


def _query_sentence(target: ArchiveTarget) -> iq.Sentence:
    def sentence(refusal: Refusal) -> str:
        where = f"the archive of {target.jid}"
        if refusal.condition == "forbidden":
            return f"The server does not let this account read {where}."
        if refusal.condition == "item-not-found":
            return f"The server no longer knows the message where reading {where} left off."
        if refusal.condition in ("feature-not-implemented", "service-unavailable"):
            return f"The server does not keep {where}."
        return f"The server refused to send {where} ({refusal.condition})."

    return sentence
