"""Any namespace of the account's private XML (XEP-0049): the ``PrivateXmlEditor`` port.

The user's text is checked before anything is sent (well-formed, one root
element, a namespace of its own, not a reserved ``jabber:…`` one, valid
bookmarks in ``storage:bookmarks``); the server's refusals arrive as the
sentences of :func:`archiveviewer.protocol.private_xml.error_sentence`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from archiveviewer.protocol import private_xml
from archiveviewer.protocol.untrusted_xml import namespace_of, parse_untrusted, serialize
from archiveviewer.services.connection import Connection
from archiveviewer.xmpp.private_xml import PrivateXmlStore

#: The element name asked for when the user gives only a namespace. XEP-0049 says
#: data is stored by namespace, but servers (Prosody among them) key it by the
#: element's name too, so the name matters: these are the ones clients use.
ELEMENT_OF = {"storage:bookmarks": "storage", "storage:rosternotes": "storage"}
DEFAULT_ELEMENT = "query"


def element_name(namespace: str) -> str:
    """The element name to ask for in ``namespace`` (``storage`` for bookmarks)."""
    return ELEMENT_OF.get(namespace, DEFAULT_ELEMENT)


def pretty(text: str) -> str:
    """XML text indented two spaces a level (for showing; what is stored is unchanged)."""
    if not text.strip():
        return ""
    element = parse_untrusted(text)
    ET.indent(element, space="  ")
    return serialize(element)


class PrivateXmlCommands:
    """``PrivateXmlEditor`` of one account, over its connection."""

    def __init__(self, connection: Connection, *, timeout: float = 10.0) -> None:
        self._connection = connection
        self._timeout = timeout

    def _store(self, action: str) -> PrivateXmlStore:
        network = self._connection.require(action)
        return PrivateXmlStore(network.client, timeout=self._timeout)

    def check(self, text: str) -> None:
        """Refuse XML that must not be stored, with a sentence (nothing is sent)."""
        private_xml.parse_private_xml(text)

    def check_namespace(self, namespace: str) -> None:
        """Refuse an empty or reserved namespace, with a sentence."""
        private_xml.check_namespace(namespace.strip())

    async def read(self, namespace: str, element: str | None = None) -> str:
        """The stored ``<element xmlns=namespace/>``, pretty-printed; empty when none is stored.

        ``element`` defaults to the name clients use for ``namespace``
        (:data:`ELEMENT_OF`), else ``query``.
        """
        namespace = namespace.strip()
        private_xml.check_namespace(namespace)
        store = self._store("read the private XML data")
        name = (element or "").strip() or element_name(namespace)
        return pretty(await store.show(name, namespace))

    async def save(self, text: str) -> str:
        """Check and store the XML (replacing its namespace); the stored XML, pretty-printed."""
        element = private_xml.parse_private_xml(text)
        store = self._store("store the private XML data")
        await store.store(element)
        namespace = namespace_of(element) or ""
        return pretty(await store.show(element.tag.rpartition("}")[2], namespace))
