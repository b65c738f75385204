"""Parse XML text that came from outside (the user, a file, a server) safely.

Expat is driven directly so that a document type declaration, an entity
declaration or an external reference is refused before anything is
expanded: no billion laughs, no external fetches. The tree is built with
``xml.etree.ElementTree.TreeBuilder`` and uses Clark names (``{ns}local``).
"""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET
from typing import NoReturn
from xml.parsers import expat

from slixmpp.xmlstream import tostring

from archiveviewer.errors import Fault, MalformedInput

#: The largest text accepted, in characters; private XML is small by nature.
MAX_CHARS = 1_000_000


def _clark(name: str) -> str:
    """Turn expat's ``uri}local`` into ``{uri}local``."""
    return "{" + name if "}" in name else name


def _refuse_dtd(*_args: object) -> NoReturn:
    raise MalformedInput(
        "The XML contains a document type declaration (DOCTYPE), which is not allowed here.",
        fault=Fault.LOCAL,
    )


def _refuse_external(*_args: object) -> NoReturn:
    raise MalformedInput(
        "The XML refers to an external entity, which is not allowed here.", fault=Fault.LOCAL
    )


def parse_untrusted(text: str, *, fault: Fault = Fault.LOCAL) -> ET.Element:
    """Parse one XML document from ``text`` with no DTD and no entities.

    Raises :class:`MalformedInput` with a plain sentence when the text is
    too large, declares a DOCTYPE or does not parse; ``fault`` says whose
    text it was (the user's by default).
    """
    if len(text) > MAX_CHARS:
        raise MalformedInput(
            f"The XML is too large ({len(text)} characters; at most {MAX_CHARS} are accepted).",
            fault=fault,
        )
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate(namespace_separator="}")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_dtd
    parser.ExternalEntityRefHandler = _refuse_external
    parser.StartElementHandler = lambda name, attrs: builder.start(
        _clark(name), {_clark(k): v for k, v in attrs.items()}
    )
    parser.EndElementHandler = lambda name: builder.end(_clark(name))
    parser.CharacterDataHandler = builder.data
    try:
        parser.Parse(text, True)
    except expat.ExpatError as exc:
        message = expat.ErrorString(exc.code) or "not well-formed"
        raise MalformedInput(
            f"The XML does not parse: {message} (line {exc.lineno}, column {exc.offset + 1}).",
            fault=fault,
        ) from None
    return builder.close()


def namespace_of(element: ET.Element) -> str | None:
    """The namespace of ``element``'s tag, or None when it has none."""
    tag = element.tag
    if isinstance(tag, str) and tag.startswith("{"):
        return tag[1:].partition("}")[0]
    return None


def local_name(element: ET.Element) -> str:
    """The tag of ``element`` without its namespace."""
    return str(element.tag).rpartition("}")[2]


def _has_foreign_attributes(element: ET.Element) -> bool:
    return any(
        key.startswith("{") and not key.startswith("{" + _XML_NS + "}")
        for node in element.iter()
        for key in node.attrib
    )


_XML_NS = "http://www.w3.org/XML/1998/namespace"


def serialize(element: ET.Element) -> str:
    """Write ``element`` (without its tail) as XML text with its namespaces declared.

    The readable ``<name xmlns='…'>`` form is used; ElementTree's prefixed
    form only when an attribute carries its own namespace, which the
    readable form cannot express.
    """
    clean = copy.deepcopy(element)
    clean.tail = None
    if _has_foreign_attributes(clean):
        return ET.tostring(clean, encoding="unicode")
    return str(tostring(clean))
