"""Small helpers shared by the codecs: attributes in and out, serialising."""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET
from datetime import datetime

from slixmpp.xmlstream import tostring

from archiveviewer.errors import MalformedInput
from archiveviewer.protocol.names import local_name
from archiveviewer.protocol.xep0082 import format_datetime, parse_datetime

_XML_NS = "http://www.w3.org/XML/1998/namespace"


def element_text(element: ET.Element, *, outer_ns: str = "") -> str:
    """Serialise one element (without its tail) with plain ``xmlns`` declarations.

    ``outer_ns`` is the default namespace of where the text will be placed:
    an element in it is written without repeating ``xmlns``. An attribute
    with a namespace of its own (another client's ``c:seen='…'``) cannot be
    written that way, and slixmpp's writer would drop it: such an element
    is written in ElementTree's prefixed form instead, so nothing is lost.
    """
    alone = copy.copy(element)
    alone.tail = None
    try:
        if _has_foreign_attributes(alone):
            return ET.tostring(alone, encoding="unicode")
        return str(tostring(alone, xmlns=outer_ns))
    except RecursionError:
        # Our readers never nest this deep (see xmlpolicy.MAX_DEPTH); a tree
        # built some other way still gets a sentence, not a traceback.
        raise MalformedInput(
            f"A <{local_name(element.tag)}/> element is nested too deeply to be kept."
        ) from None


def _has_foreign_attributes(element: ET.Element) -> bool:
    return any(
        key.startswith("{") and not key.startswith("{" + _XML_NS + "}")
        for node in element.iter()
        for key in node.attrib
    )


def time_attr(element: ET.Element, name: str) -> datetime | None:
    """An XEP-0082 attribute as aware UTC, or None when absent or empty."""
    text = element.get(name)
    if not text:
        return None
    return parse_datetime(text)


def required_time(element: ET.Element, name: str) -> datetime:
    """An XEP-0082 attribute that must be there."""
    value = time_attr(element, name)
    if value is None:
        raise MalformedInput(
            f"A <{local_name(element.tag)}/> element has no “{name}” time, which it needs."
        )
    return value


#: The largest whole number an attribute may hold: what SQLite's INTEGER can keep.
MAX_INT = 2**63 - 1


def int_attr(element: ET.Element, name: str) -> int | None:
    """An integer attribute from ``-MAX_INT`` to ``MAX_INT``, or None when absent or empty."""
    text = element.get(name)
    if text is None or not text.strip():
        return None
    try:
        value = int(text.strip()) if len(text) <= 40 else None
    except ValueError:
        value = None
    if value is None or abs(value) > MAX_INT:
        raise MalformedInput(
            f"The “{name}” of a <{local_name(element.tag)}/> element is “{text[:32]}”, "
            "not a whole number this program can hold."
        )
    return value


def secs_attr(element: ET.Element) -> int | None:
    """A message's ``secs``: whole seconds after the message before it; None when absent.

    Both dialects define it as an ``xs:nonNegativeInteger`` counting on from the message
    before (a message earlier than that gives its time as ``utc`` instead), so a negative
    value is unreadable: MalformedInput, never a clock that runs backwards.
    """
    text = element.get("secs")
    if text is not None and len(text) < 12 and text.isascii() and text.isdigit():
        return int(text)  # the usual case, without the checks of int_attr
    value = int_attr(element, "secs")
    if value is not None and value < 0:
        raise MalformedInput(
            f"The “secs” of a <{local_name(element.tag)}/> element is “{value}”, "
            "but it counts the seconds after the message before, so it cannot be negative."
        )
    return value


def bool_attr(element: ET.Element, name: str) -> bool | None:
    """An XML Schema boolean (``true``/``1``/``false``/``0``), or None when absent."""
    text = element.get(name)
    if text is None or not text.strip():
        return None
    value = text.strip().lower()
    if value in ("true", "1"):
        return True
    if value in ("false", "0"):
        return False
    raise MalformedInput(
        f"The “{name}” of a <{local_name(element.tag)}/> element is “{text[:32]}”, "
        "not true or false."
    )


def set_attr(element: ET.Element, name: str, value: str | int | datetime | bool | None) -> None:
    """Write an attribute in its XML spelling; None writes nothing."""
    if value is None:
        return
    if isinstance(value, bool):
        element.set(name, "true" if value else "false")
    elif isinstance(value, datetime):
        element.set(name, format_datetime(value))
    else:
        element.set(name, str(value))
