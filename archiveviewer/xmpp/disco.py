"""Service discovery (XEP-0030 ``disco#info``), asked once per JID and connection.

Everything in this layer that needs to know what a server or an account
offers (the session, the archive plugin, bookmarks) asks :func:`info`,
which keeps the answers for the connection that gave them: a new stream
may reach a server that was upgraded meanwhile, so the cache is dropped
when the stream ends.
"""

from __future__ import annotations

import asyncio
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any

from slixmpp import ClientXMPP

from archiveviewer.xmpp import iq

NS_DISCO_INFO = "http://jabber.org/protocol/disco#info"
_Q = "{" + NS_DISCO_INFO + "}"
ACTION = "ask the server what it supports"


@dataclass(frozen=True)
class DiscoInfo:
    """What one JID's ``disco#info`` says: its (category, type) identities and features."""

    identities: frozenset[tuple[str, str]]
    features: frozenset[str]


def info_from_element(query: ET.Element | None) -> DiscoInfo:
    """Read a ``<query xmlns='…disco#info'/>`` result; None reads as an empty one."""
    if query is None:
        return DiscoInfo(frozenset(), frozenset())
    identities = frozenset(
        (i.get("category") or "", i.get("type") or "") for i in query.findall(_Q + "identity")
    )
    features = frozenset(f.get("var") or "" for f in query.findall(_Q + "feature")) - {""}
    return DiscoInfo(identities, features)


class _Cache:
    """The answers of one client's current connection, by JID."""

    def __init__(self, client: ClientXMPP) -> None:
        self.answers: dict[str, DiscoInfo] = {}
        self.asking: dict[str, asyncio.Lock] = {}
        client.add_event_handler("disconnected", self._forget)
        client.add_event_handler("session_end", self._forget)

    def _forget(self, _event: Any) -> None:
        self.answers.clear()


def _cache_of(client: ClientXMPP) -> _Cache:
    cache: _Cache | None = getattr(client, "_archiveviewer_disco", None)
    if cache is None:
        cache = _Cache(client)
        client._archiveviewer_disco = cache  # type: ignore[attr-defined]
    return cache


async def info(client: ClientXMPP, jid: str, *, timeout: float) -> DiscoInfo:
    """The ``disco#info`` of ``jid``, asked at most once per connection.

    Requests for one JID at the same time send one iq. An error reply is
    raised as ServerError and not remembered.
    """
    cache = _cache_of(client)
    known = cache.answers.get(jid)
    if known is not None:
        return known
    lock = cache.asking.setdefault(jid, asyncio.Lock())
    async with lock:
        known = cache.answers.get(jid)
        if known is not None:
            return known
        reply = await iq.send(
            client, "get", ET.Element(_Q + "query"), timeout=timeout, action=ACTION, to=jid
        )
        answer = info_from_element(reply.find(_Q + "query"))
        cache.answers[jid] = answer
        return answer


def forget(client: ClientXMPP) -> None:
    """Drop what the client's connection said (the next ask goes to the server)."""
    _cache_of(client).answers.clear()
