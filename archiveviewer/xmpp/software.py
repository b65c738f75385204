"""The server's software and version (XEP-0092), which says when an earlier finding may be stale.

What a server was seen to do (:mod:`.xep_0136.behaviour`) is a property of the
software it runs: an upgrade can change it, so a finding is kept together with
the name and version the server gave when it was made.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from slixmpp import ClientXMPP

from archiveviewer.errors import ServerError
from archiveviewer.xmpp import iq

NS_VERSION = "jabber:iq:version"


async def server_software(client: ClientXMPP, *, timeout: float) -> str | None:
    """The server's "name version" (e.g. ``Prosody 0.12.3``), None when it does not tell.

    A server without XEP-0092 (an error reply) or with an empty answer gives
    None; a lost connection or a timeout is raised as usual.
    """
    try:
        reply = await iq.send(
            client,
            "get",
            ET.Element(f"{{{NS_VERSION}}}query"),
            timeout=timeout,
            action="ask the server which software it runs",
            to=client.boundjid.domain,
        )
    except ServerError:
        return None
    name = (reply.findtext(f"{{{NS_VERSION}}}query/{{{NS_VERSION}}}name") or "").strip()
    version = (reply.findtext(f"{{{NS_VERSION}}}query/{{{NS_VERSION}}}version") or "").strip()
    software = f"{name} {version}".strip()
    return software[:200] or None
