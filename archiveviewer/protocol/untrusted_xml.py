"""Untrusted XML text for private data and bookmark extensions: parse, name, write.

Parsing goes through the project's one safe parser,
:func:`archiveviewer.protocol.safexml.parse_xml` (no DTD, no entities,
bounded size and depth); this module only adds whose fault bad text is
and the helpers the bookmark codecs share.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from archiveviewer.errors import Fault, MalformedInput
from archiveviewer.protocol.safexml import parse_xml
from archiveviewer.protocol.xmlutil import element_text

#: The largest text accepted, in bytes; private XML is small by nature.
MAX_BYTES = 1_000_000


def parse_untrusted(text: str, *, fault: Fault = Fault.LOCAL) -> ET.Element:
    """Parse one XML document from ``text`` with no DTD and no entities.

    Raises :class:`MalformedInput` with a plain sentence when the text is
    too large, declares a DOCTYPE or does not parse; ``fault`` says whose
    text it was (the user's by default).
    """
    try:
        return parse_xml(text, max_bytes=MAX_BYTES)
    except MalformedInput as exc:
        raise MalformedInput(exc.user_message, fault=fault) from None


def namespace_of(element: ET.Element) -> str | None:
    """The namespace of ``element``'s tag, or None when it has none."""
    tag = element.tag
    if isinstance(tag, str) and tag.startswith("{"):
        return tag[1:].partition("}")[0]
    return None


def serialize(element: ET.Element) -> str:
    """Write ``element`` (without its tail) as XML text with its namespaces declared.

    The readable ``<name xmlns='…'>`` form is used; ElementTree's prefixed
    form only when an attribute carries its own namespace, which the
    readable form cannot express.
    """
    return element_text(element)
