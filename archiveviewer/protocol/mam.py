"""XEP-0313 Message Archive Management without I/O: queries, results, preferences.

A query is an ``<iq type='set'>`` holding :func:`query_element`; the archive
answers with one ``<message/>`` per archived message (read each with
:func:`archived_message`) and then the iq result holding ``<fin/>`` (read it
with :func:`fin_from_element`). Paging is XEP-0059 RSM: the ids in
``<after/>``/``<before/>`` are the archive's own ids of its messages.

Results are untrusted: :func:`archived_message` returns None for a message
that does not answer our query (another ``queryid``, or a sender that is not
the archive we asked), as XEP-0313 §Security requires.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from slixmpp.jid import JID, InvalidJID

from archiveviewer.domain import ArchivedMessage, Direction, Message, UnreadMessage
from archiveviewer.errors import MalformedInput
from archiveviewer.protocol.names import CLIENT_NS, FORBIDDEN_PAYLOAD_NS, namespace_of
from archiveviewer.protocol.requests import (
    PageRequest,
    PageResult,
    page_from_element,
    rsm_element,
)
from archiveviewer.protocol.xep0082 import format_datetime, parse_datetime
from archiveviewer.protocol.xmlutil import element_text

MAM_NS = "urn:xmpp:mam:2"
#: Offered by archives that know ``before-id``/``after-id``/``ids``, flipped pages, metadata.
MAM_EXTENDED = "urn:xmpp:mam:2#extended"
FORWARD_NS = "urn:xmpp:forward:0"
DELAY_NS = "urn:xmpp:delay"
SID_NS = "urn:xmpp:sid:0"
DATA_NS = "jabber:x:data"

_RESULT = f"{{{MAM_NS}}}result"
_FORWARDED = f"{{{FORWARD_NS}}}forwarded"
_DELAY = f"{{{DELAY_NS}}}delay"
_MESSAGE = f"{{{CLIENT_NS}}}message"
_BODY = f"{{{CLIENT_NS}}}body"
_STANZA_ID = f"{{{SID_NS}}}stanza-id"

#: Never kept in a message's payload: the archive's wrapping, not the message.
_NOT_PAYLOAD_NS = FORBIDDEN_PAYLOAD_NS | {SID_NS}


@dataclass(frozen=True)
class ArchiveTarget:
    """An archive to query: its JID (the account's bare JID or a room) and our nick there."""

    jid: str
    nick: str | None = None


@dataclass(frozen=True)
class MamQuery:
    """One page to ask an archive for: by its ids (RSM) or by time.

    ``before=""`` asks for the newest page; ``start``/``end`` bound the
    messages' times, inclusive (XEP-0313 §Filtering by time), for when a
    remembered id is no longer known.
    """

    max_items: int
    after: str | None = None
    before: str | None = None
    start: datetime | None = None
    end: datetime | None = None


@dataclass(frozen=True)
class MamPage:
    """One page of an archive, in archive order (oldest first).

    ``first``/``last`` are the archive's ids of its first and last message;
    ``complete`` says no page follows in the direction asked (after the last
    page forwards, before the first backwards). ``unreadable`` are the results
    of the page that could not be read, each with its place among ``messages``.
    """

    messages: tuple[ArchivedMessage, ...]
    first: str | None
    last: str | None
    complete: bool
    count: int | None = None
    unreadable: tuple[UnreadMessage, ...] = ()


@dataclass(frozen=True)
class Fin:
    """The ``<fin/>`` that ends a query: the page's RSM set and whether it was the last."""

    rsm: PageResult
    complete: bool


def query_element(request: MamQuery, queryid: str) -> ET.Element:
    """``<query xmlns='urn:xmpp:mam:2' queryid='…'>`` with its form and RSM set."""
    element = ET.Element(f"{{{MAM_NS}}}query", {"queryid": queryid})
    fields = [
        ("start", None if request.start is None else format_datetime(request.start)),
        ("end", None if request.end is None else format_datetime(request.end)),
    ]
    if any(value is not None for _, value in fields):
        form = ET.SubElement(element, f"{{{DATA_NS}}}x", {"type": "submit"})
        _field(form, "FORM_TYPE", MAM_NS, hidden=True)
        for name, value in fields:
            if value is not None:
                _field(form, name, value)
    page = PageRequest(max=request.max_items, after=request.after, before=request.before)
    element.append(rsm_element(page))
    return element


def _field(form: ET.Element, var: str, value: str, *, hidden: bool = False) -> None:
    field = ET.SubElement(form, f"{{{DATA_NS}}}field", {"var": var})
    if hidden:
        field.set("type", "hidden")
    ET.SubElement(field, f"{{{DATA_NS}}}value").text = value


def fin_from_element(iq: ET.Element) -> Fin:
    """The ``<fin/>`` of a query's iq result; MalformedInput if it has none."""
    fin = iq.find(f"{{{MAM_NS}}}fin")
    if fin is None:
        raise MalformedInput(
            "The server ended a history request without saying which messages it sent."
        )
    rsm = page_from_element(fin) or PageResult()
    return Fin(rsm=rsm, complete=fin.get("complete") in ("true", "1"))


def read_result(
    stanza: ET.Element, queryid: str, target: ArchiveTarget, account: str
) -> ArchivedMessage | UnreadMessage | None:
    """:func:`archived_message`, with a result of our query that cannot be read kept as an
    :class:`~archiveviewer.domain.UnreadMessage` (its id as sent, and why) instead of raised,
    so that one bad message does not hide the rest of its page."""
    try:
        return archived_message(stanza, queryid, target, account)
    except MalformedInput as exc:
        result = stanza.find(_RESULT)
        archive_id = "" if result is None else (result.get("id") or "")
        return UnreadMessage(target.jid, archive_id, exc.user_message)


def archived_message(
    stanza: ET.Element, queryid: str, target: ArchiveTarget, account: str
) -> ArchivedMessage | None:
    """The archived message a result ``<message/>`` carries, None if it is not ours.

    ``target`` is the archive we queried (the account's own, or a room's),
    ``account`` the account's bare JID.
    A result for another query or from another sender is ignored (None); a
    result of our query that lacks its id, time or message is malformed.
    """
    result = stanza.find(_RESULT)
    if result is None or result.get("queryid") != queryid:
        return None
    archive = target.jid
    if _bare(stanza.get("from") or account) != archive:
        return None  # XEP-0313 §Security: only the archive we asked may answer
    archive_id = result.get("id")
    forwarded = result.find(_FORWARDED)
    if not archive_id:
        delay = None if forwarded is None else forwarded.find(_DELAY)
        stamp = "" if delay is None else (delay.get("stamp") or "")
        sent = f" of {stamp[:40]}" if stamp else ""  # all that says which one it is
        raise MalformedInput(f"The archive of {archive} sent a message{sent} without its id.")
    inner = None if forwarded is None else forwarded.find(_MESSAGE)
    if forwarded is not None and inner is None:
        # XEP-0313 §Business rules: a message the server removed from the middle of the
        # archive keeps its id and time, without the message. Nothing to store or retry.
        return None
    delay = None if forwarded is None else forwarded.find(_DELAY)
    try:
        if inner is None or delay is None or not delay.get("stamp"):
            raise MalformedInput("It has no time (“stamp”) or no message.")
        time = _stamp(delay.get("stamp", ""))
        if archive == account:
            return _personal(inner, archive, archive_id, time)
        return _groupchat(inner, archive, archive_id, time, target.nick)
    except MalformedInput as exc:
        raise MalformedInput(
            f"The archive of {archive} sent a message (id “{archive_id[:64]}”) that cannot be "
            f"read. {exc.user_message}"
        ) from None


def _stamp(text: str) -> datetime:
    try:
        return parse_datetime(text)
    except MalformedInput as exc:
        raise MalformedInput(f"Its time (“stamp”) is wrong: {exc.user_message}") from None


def _personal(inner: ET.Element, archive: str, archive_id: str, time: datetime) -> ArchivedMessage:
    sender = _bare(inner.get("from") or archive)
    if sender == archive:
        direction, other = Direction.TO, _bare(inner.get("to") or archive)
    else:
        direction, other = Direction.FROM, sender
    body, payload = _content(inner)
    message = Message(direction=direction, time=time, body=body, payload=payload)
    return ArchivedMessage(archive, archive_id, other, message)


def _groupchat(
    inner: ET.Element, archive: str, archive_id: str, time: datetime, own_nick: str | None
) -> ArchivedMessage:
    nick = _resource(inner.get("from") or "")
    mine = own_nick is not None and nick == own_nick
    body, payload = _content(inner)
    message = Message(
        direction=Direction.TO if mine else Direction.FROM,
        time=time,
        body=body,
        nick=nick or None,
        payload=payload,
    )
    return ArchivedMessage(archive, archive_id, archive, message)


def _content(inner: ET.Element) -> tuple[str | None, tuple[str, ...]]:
    body: str | None = None
    payload: list[str] = []
    for child in inner:
        if body is None and child.tag == _BODY:
            body = child.text or ""
        elif namespace_of(child.tag) not in _NOT_PAYLOAD_NS:
            payload.append(element_text(child, outer_ns=CLIENT_NS))
    return body, tuple(payload)


@dataclass(frozen=True)
class ArchiveBounds:
    """An archive's first and last message (``<metadata/>`` of ``#extended``); all None if empty."""

    first_id: str | None = None
    first_time: datetime | None = None
    last_id: str | None = None
    last_time: datetime | None = None


def metadata_request() -> ET.Element:
    """The ``<metadata/>`` of an iq get: the archive's first and last message (``#extended``)."""
    return ET.Element(f"{{{MAM_NS}}}metadata")


def bounds_from_element(iq: ET.Element) -> ArchiveBounds:
    """The archive's bounds from a ``<metadata/>`` reply (empty: an empty archive)."""
    element = iq.find(f"{{{MAM_NS}}}metadata")
    if element is None:
        raise MalformedInput("The server did not say where its message archive begins and ends.")
    start, end = (_bound(element.find(f"{{{MAM_NS}}}{name}")) for name in ("start", "end"))
    if (start is None) != (end is None):
        raise MalformedInput("The server sent only one end of its message archive.")
    if start is None or end is None:
        return ArchiveBounds()
    return ArchiveBounds(start[0], start[1], end[0], end[1])


def _bound(found: ET.Element | None) -> tuple[str, datetime] | None:
    if found is None:
        return None
    if not found.get("id") or not found.get("timestamp"):
        raise MalformedInput("The server sent the bounds of its message archive without ids.")
    return found.get("id", ""), parse_datetime(found.get("timestamp", ""))


def stanza_id(message: ET.Element, archive: str) -> str | None:
    """The ``<stanza-id/>`` that ``archive`` gave a live message, None if it gave none.

    Only an id whose ``by`` is the archive counts (XEP-0359 §Security: anyone
    else's can be forged by the sender).
    """
    for element in message.iter(_STANZA_ID):
        if _bare(element.get("by") or "") == archive and element.get("id"):
            return element.get("id")
    return None


def _bare(text: str) -> str:
    try:
        return str(JID(text).bare).lower()
    except InvalidJID:
        raise MalformedInput(
            f"The server sent an address that is not valid: “{text[:64]}”."
        ) from None


def _resource(text: str) -> str:
    try:
        return str(JID(text).resource)
    except InvalidJID:
        raise MalformedInput(
            f"The server sent an address that is not valid: “{text[:64]}”."
        ) from None


# --- Preferences (XEP-0441, formerly part of XEP-0313) ---------------------------------

DefaultRule = Literal["always", "never", "roster"]


@dataclass(frozen=True)
class ArchivePrefs:
    """What the server archives: ``default`` for everyone, and the exceptions.

    ``always`` are JIDs whose messages are kept whatever the default,
    ``never`` those whose messages are never kept.
    """

    default: DefaultRule
    always: tuple[str, ...] = ()
    never: tuple[str, ...] = ()


_DEFAULTS: tuple[DefaultRule, ...] = ("always", "never", "roster")


def prefs_request() -> ET.Element:
    """The empty ``<prefs/>`` of an iq get."""
    return ET.Element(f"{{{MAM_NS}}}prefs")


def prefs_element(prefs: ArchivePrefs) -> ET.Element:
    """``<prefs default='…'><always><jid/>…</always><never>…</never></prefs>``."""
    if prefs.default not in _DEFAULTS:
        raise ValueError(f"unknown archiving default {prefs.default!r}")
    element = ET.Element(f"{{{MAM_NS}}}prefs", {"default": prefs.default})
    for name, jids in (("always", prefs.always), ("never", prefs.never)):
        group = ET.SubElement(element, f"{{{MAM_NS}}}{name}")
        for jid in jids:
            ET.SubElement(group, f"{{{MAM_NS}}}jid").text = jid
    return element


def prefs_from_element(iq: ET.Element) -> ArchivePrefs:
    """The ``<prefs/>`` in a reply; MalformedInput if missing or its default is unknown."""
    element = iq.find(f"{{{MAM_NS}}}prefs")
    default = None if element is None else element.get("default")
    if element is None or default not in _DEFAULTS:
        raise MalformedInput("The server's archiving preferences are missing or not understood.")
    lists = []
    for name in ("always", "never"):
        group = element.find(f"{{{MAM_NS}}}{name}")
        jids = () if group is None else group.findall(f"{{{MAM_NS}}}jid")
        lists.append(tuple((jid.text or "").strip() for jid in jids if (jid.text or "").strip()))
    return ArchivePrefs(default, lists[0], lists[1])
