"""The server's clock (XEP-0202 Entity Time), which replication counts changes by."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime

from slixmpp import ClientXMPP

from archiveviewer.errors import MalformedInput, ServerError
from archiveviewer.protocol.xep0082 import parse_datetime
from archiveviewer.xmpp import iq

NS_TIME = "urn:xmpp:time"


async def server_time(client: ClientXMPP, *, timeout: float) -> datetime | None:
    """The UTC time on the account's server now, None when it does not tell it.

    A server without XEP-0202 (an error reply) or with an unreadable answer
    gives None; a lost connection or a timeout is raised as usual.
    """
    try:
        reply = await iq.send(
            client,
            "get",
            ET.Element(f"{{{NS_TIME}}}time"),
            timeout=timeout,
            action="ask the server for its time",
            to=client.boundjid.domain,
        )
    except ServerError:
        return None
    text = reply.findtext(f"{{{NS_TIME}}}time/{{{NS_TIME}}}utc")
    if not text:
        return None
    try:
        return parse_datetime(text)
    except MalformedInput:
        return None
