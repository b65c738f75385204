"""Any private XML (XEP-0049) of the account: read a namespace, show it, replace it.

The user's text is checked by
:func:`archiveviewer.protocol.private_xml.parse_private_xml` before anything
is sent; error replies become :class:`~archiveviewer.errors.ServerError` with
the sentences of :func:`archiveviewer.protocol.private_xml.error_sentence`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from slixmpp import ClientXMPP

from archiveviewer.protocol import private_xml
from archiveviewer.protocol.untrusted_xml import namespace_of
from archiveviewer.xmpp import iq, redact

_QUERY = "{" + private_xml.NS_PRIVATE + "}query"


class PrivateXmlStore:
    """Private XML storage of the account a connected client is logged in to."""

    def __init__(self, client: ClientXMPP, *, timeout: float = 10.0) -> None:
        self._client = client
        self._timeout = timeout
        redact.install()

    async def read(self, name: str, namespace: str) -> ET.Element | None:
        """The element ``{namespace}name`` the server holds, or None when it holds nothing.

        A reserved namespace is refused before sending
        (:class:`~archiveviewer.protocol.private_xml.InvalidPrivateXml`).
        """
        request = private_xml.build_get(name, namespace)
        reply = await iq.send(
            self._client,
            "get",
            request,
            timeout=self._timeout,
            action="read the private XML data",
            sentence=_sentence(namespace),
        )
        return private_xml.parse_result(reply.find(_QUERY), namespace)

    async def show(self, name: str, namespace: str) -> str:
        """The stored element as XML text, or an empty string when nothing is stored."""
        return private_xml.show(await self.read(name, namespace))

    async def replace(self, text: str) -> ET.Element:
        """Check the user's XML ``text`` and store it, replacing its namespace's data.

        Returns the element stored. Nothing is sent when the text does not
        parse safely, has no namespace, uses a reserved one, or holds an
        invalid bookmark.
        """
        element = private_xml.parse_private_xml(text)
        await self.store(element)
        return element

    async def store(self, element: ET.Element) -> None:
        """Store ``element`` (already checked) in its namespace."""
        namespace = namespace_of(element) or ""
        request = private_xml.build_set(element)
        await iq.send(
            self._client,
            "set",
            request,
            timeout=self._timeout,
            action="store the private XML data",
            sentence=_sentence(namespace),
        )

    async def clear(self, name: str, namespace: str) -> None:
        """Store an empty ``{namespace}name``, which is how XEP-0049 forgets data."""
        private_xml.check_namespace(namespace)
        await self.store(ET.Element("{" + namespace + "}" + name))


def _sentence(namespace: str) -> iq.Sentence:
    def sentence(refusal: iq.Refusal) -> str:
        return private_xml.error_sentence(refusal.condition, namespace, refusal.text)

    return sentence
