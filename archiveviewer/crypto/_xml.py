"""Parsing untrusted XML for the crypto layer: no DTD, no entities, a size limit.

Expat is driven directly so that a document type declaration or an entity
declaration stops the parse at once; ElementTree's own parser would expand
internal entities. The result is an ordinary ``xml.etree`` tree.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from xml.parsers import expat

from archiveviewer.errors import CryptoError

#: The largest document we agree to parse (a generous page of encrypted messages).
MAX_XML_BYTES = 64 * 1024 * 1024


class _Refused(Exception):
    """Raised inside expat handlers; turned into a CryptoError by the caller."""


def _qname(name: str) -> str:
    uri, sep, local = name.rpartition(" ")
    return f"{{{uri}}}{local}" if sep else local


def _refuse(*_args: object) -> None:
    raise _Refused("declarations are not allowed")


def parse_untrusted(data: bytes, what: str) -> ET.Element:
    """Parse ``data`` as one XML element, refusing DTDs and entity declarations.

    ``what`` names the document in the error sentence ("the decrypted messages
    of …"). Raises :class:`CryptoError` for anything that does not parse.
    """
    if len(data) > MAX_XML_BYTES:
        raise CryptoError(f"{what} is too large to read ({len(data)} bytes).")
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.buffer_size = 1 << 20  # fewer handler calls for long text
    parser.StartElementHandler = lambda name, attrs: builder.start(
        _qname(name), {_qname(k): v for k, v in attrs.items()}
    )
    parser.EndElementHandler = lambda name: builder.end(_qname(name))
    parser.CharacterDataHandler = builder.data
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.UnparsedEntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse  # type: ignore[assignment]
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(data, True)
        return builder.close()
    except (expat.ExpatError, _Refused, AssertionError) as exc:
        raise CryptoError(f"{what} is not well-formed XML ({exc}).") from None


def local_name(tag: str) -> str:
    """The part of an ElementTree tag after its ``{namespace}``."""
    return tag.rpartition("}")[2]


def namespace(tag: str) -> str:
    """The namespace of an ElementTree tag, or the empty string."""
    return tag[1:].partition("}")[0] if tag.startswith("{") else ""
