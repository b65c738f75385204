"""XEP-0049 Private XML Storage (``jabber:iq:private``): queries, checks and error sentences.

Sans-I/O. The user may read any namespace and replace it with XML text they
typed; :func:`parse_private_xml` checks that text before anything is sent:
it parses safely (no DTD, no entities), wants exactly one root element with
a namespace, refuses the namespaces XEP-0049 calls reserved (``jabber:…``,
``http://jabber.org/…``, ``vcard-temp``) and, for ``storage:bookmarks``,
checks every bookmark the way the bookmark editor does.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from archiveviewer.errors import Fault, KnownError
from archiveviewer.protocol import bookmarks
from archiveviewer.protocol.untrusted_xml import namespace_of, parse_untrusted, serialize

NS_PRIVATE = "jabber:iq:private"
_QUERY = "{" + NS_PRIVATE + "}query"
#: XEP-0049 section 3: reserved namespaces, refused here before sending.
RESERVED_PREFIXES = ("jabber:", "http://jabber.org/")
RESERVED_NAMESPACES = frozenset({"vcard-temp"})


class InvalidPrivateXml(KnownError):
    """The XML the user wants to store is not acceptable as private data."""

    fault = Fault.LOCAL


def is_reserved(namespace: str) -> bool:
    """True for the namespaces XEP-0049 reserves (servers may refuse them)."""
    return namespace in RESERVED_NAMESPACES or namespace.startswith(RESERVED_PREFIXES)


def check_namespace(namespace: str) -> None:
    """Refuse an empty or reserved namespace with a sentence for the user."""
    if not namespace.strip():
        raise InvalidPrivateXml("Private data needs a namespace (the xmlns of its element).")
    if is_reserved(namespace):
        raise InvalidPrivateXml(
            f"The namespace “{namespace}” is reserved for the XMPP protocol itself "
            "and cannot hold private data; choose a namespace of your own."
        )


def parse_private_xml(text: str) -> ET.Element:
    """Parse and check the user's XML text for storing as private data.

    Returns the root element. Raises :class:`~archiveviewer.errors.MalformedInput`
    for text that does not parse safely and :class:`InvalidPrivateXml` or
    :class:`~archiveviewer.protocol.bookmarks.InvalidBookmark` for XML that
    must not be stored.
    """
    root = parse_untrusted(text.strip())
    namespace = namespace_of(root)
    if namespace is None:
        raise InvalidPrivateXml(
            "The root element has no namespace; private data must be in a namespace "
            "of its own, for example <settings xmlns='urn:example:settings'/>."
        )
    check_namespace(namespace)
    if namespace == bookmarks.NS_LEGACY:
        for bookmark in bookmarks.parse_storage(root).bookmarks:
            bookmarks.validate(bookmark)
    return root


def build_get(name: str, namespace: str) -> ET.Element:
    """The ``<query/>`` asking for the element ``{namespace}name``."""
    check_namespace(namespace)
    query = ET.Element(_QUERY)
    ET.SubElement(query, "{" + namespace + "}" + name)
    return query


def build_set(element: ET.Element) -> ET.Element:
    """The ``<query/>`` storing ``element`` (replacing what its namespace held)."""
    namespace = namespace_of(element)
    check_namespace(namespace or "")
    query = ET.Element(_QUERY)
    query.append(element)
    return query


def parse_result(query: ET.Element | None, namespace: str) -> ET.Element | None:
    """The stored element of ``namespace`` in a result ``<query/>``.

    Returns None when the server holds nothing there, that is when the
    element comes back empty (XEP-0049 answers with the empty element).
    """
    if query is None:
        return None
    for child in query:
        if namespace_of(child) == namespace:
            return child if (len(child) or (child.text or "").strip() or child.attrib) else None
    return None


def show(element: ET.Element | None) -> str:
    """The stored element as XML text for the user, or an empty string."""
    return "" if element is None else serialize(element)


_SENTENCES = {
    "not-acceptable": "The server refuses private data in the namespace “{ns}”: "
    "it treats it as reserved.",
    "bad-format": "The server says the private data request for “{ns}” was badly formed.",
    "forbidden": "The server refused access to the private data “{ns}”: "
    "private data can only be read and written by its own account.",
    "service-unavailable": "The server does not offer private XML storage "
    "(or refused access to “{ns}”).",
    "feature-not-implemented": "The server does not offer private XML storage.",
    "item-not-found": "The server has no private data stored in “{ns}”.",
}


def error_sentence(condition: str, namespace: str, text: str | None = None) -> str:
    """A plain sentence for a XEP-0049 error reply, with the server's text if any."""
    template = _SENTENCES.get(
        condition, "The server refused the private data request for “{ns}” ({condition})."
    )
    sentence = template.format(ns=namespace, condition=condition)
    return f"{sentence} The server said: {text}" if text else sentence
