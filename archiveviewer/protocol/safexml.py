"""Parsing untrusted XML: no DTD, no entities, bounded size and depth.

Everything that reads bytes from a file or from somewhere other than
slixmpp's own stream parser goes through here. The parser is expat driven
directly (not ``xml.etree``'s parser), so a DOCTYPE, an entity declaration or
a reference to an external entity stops parsing at once with
:class:`~archiveviewer.errors.MalformedInput` instead of being expanded or
fetched. The tree it builds is made of ordinary ``xml.etree.ElementTree``
elements with ``{namespace}local`` tags, as slixmpp uses.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import IO
from xml.parsers import expat

from archiveviewer.errors import MalformedInput

#: Largest document :func:`parse_xml` accepts, in bytes (UTF-8 for text).
MAX_DOCUMENT_BYTES = 16 * 1024 * 1024
#: Deepest element nesting accepted; archive XML is a handful of levels deep.
MAX_DEPTH = 128

_CHUNK = 64 * 1024


class _Refused(Exception):
    """Raised inside an expat handler; turned into MalformedInput outside it."""


class SafeTreeBuilder:
    """An expat parser that builds ElementTree elements and refuses DTDs.

    Feed it bytes with :meth:`feed`, finish with :meth:`close`. ``on_end`` is
    called with each element and its depth (the root is depth 1) when its end
    tag is read, so a caller can process and drop big children while a large
    file streams through; ``on_root`` is called with the root element (its
    attributes set, no children yet) as soon as its start tag is read.
    ``encoding`` overrides the document's own declaration (used for text that
    was already decoded).
    """

    def __init__(
        self,
        *,
        max_bytes: int = MAX_DOCUMENT_BYTES,
        on_end: Callable[[ET.Element, int], None] | None = None,
        on_root: Callable[[ET.Element], None] | None = None,
        encoding: str | None = None,
    ) -> None:
        self._max_bytes = max_bytes
        self._on_root = on_root
        self._seen = 0
        self._on_end = on_end
        self._stack: list[ET.Element] = []
        self.root: ET.Element | None = None
        parser = expat.ParserCreate(encoding=encoding, namespace_separator="}")
        parser.buffer_text = True
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = self._refuse_doctype
        parser.EntityDeclHandler = self._refuse_entity
        parser.UnparsedEntityDeclHandler = self._refuse_entity
        parser.ExternalEntityRefHandler = self._refuse_external
        parser.SkippedEntityHandler = self._refuse_skipped
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._text
        self._parser = parser

    # --- expat handlers ---------------------------------------------------------

    def _refuse_doctype(self, *_args: object) -> None:
        raise _Refused("it contains a document type declaration (DOCTYPE), which is not allowed")

    def _refuse_entity(self, *_args: object) -> None:
        raise _Refused("it declares entities, which are not allowed")

    def _refuse_external(self, *_args: object) -> int:
        raise _Refused("it refers to an external entity, which is not allowed")

    def _refuse_skipped(self, *_args: object) -> None:
        raise _Refused("it uses an undeclared entity")

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        if len(self._stack) >= MAX_DEPTH:
            raise _Refused(f"its elements are nested more than {MAX_DEPTH} levels deep")
        element = ET.Element(_clark(name), {_clark(k): v for k, v in attrs.items()})
        if self._stack:
            self._stack[-1].append(element)
        else:
            self.root = element
            if self._on_root is not None:
                self._on_root(element)
        self._stack.append(element)

    def _end(self, _name: str) -> None:
        depth = len(self._stack)
        element = self._stack.pop()
        if self._on_end is not None:
            self._on_end(element, depth)

    def _text(self, data: str) -> None:
        if not self._stack:
            return
        parent = self._stack[-1]
        if len(parent):
            last = parent[-1]
            last.tail = (last.tail or "") + data
        else:
            parent.text = (parent.text or "") + data

    # --- feeding ----------------------------------------------------------------

    def feed(self, data: bytes) -> None:
        """Parse the next chunk of the document."""
        self._seen += len(data)
        if self._seen > self._max_bytes:
            raise MalformedInput(
                f"The XML is larger than the {self._max_bytes:,} bytes this program accepts."
            )
        self._run(data, final=False)

    def close(self) -> ET.Element:
        """Finish parsing and return the root element."""
        self._run(b"", final=True)
        if self.root is None:  # pragma: no cover - expat reports "no element found" first
            raise MalformedInput("The XML holds no element.")
        return self.root

    def _run(self, data: bytes, *, final: bool) -> None:
        try:
            self._parser.Parse(data, final)
        except _Refused as exc:
            raise MalformedInput(f"The XML was refused because {exc}.") from None
        except expat.ExpatError as exc:
            raise MalformedInput(_describe(exc)) from None


def _clark(name: str) -> str:
    """expat's ``uri}local`` to ElementTree's ``{uri}local``."""
    if "}" in name:
        return "{" + name
    return name


def _describe(exc: expat.ExpatError) -> str:
    reason = expat.ErrorString(exc.code) if exc.code else str(exc)
    if exc.code == expat.errors.codes[expat.errors.XML_ERROR_NO_ELEMENTS]:
        return (
            "The XML ends before it is complete (it may be truncated), "
            f"or holds no element (line {exc.lineno}, column {exc.offset})."
        )
    if exc.code == expat.errors.codes[expat.errors.XML_ERROR_UNCLOSED_TOKEN]:
        return f"The XML ends in the middle of a tag (line {exc.lineno}, column {exc.offset})."
    return f"The XML is not well-formed: {reason} (line {exc.lineno}, column {exc.offset})."


def parse_xml(data: bytes | str, *, max_bytes: int = MAX_DOCUMENT_BYTES) -> ET.Element:
    """Parse one untrusted XML document into an element, safely.

    Refuses a DOCTYPE, entity declarations, external entities, documents
    larger than ``max_bytes`` and absurd nesting, each with a
    :class:`MalformedInput` whose sentence says why.
    """
    text = isinstance(data, str)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if len(raw) > max_bytes:
        raise MalformedInput(
            f"The XML is larger than the {max_bytes:,} bytes this program accepts."
        )
    # Text is already decoded: its bytes are our UTF-8, whatever it declares.
    builder = SafeTreeBuilder(max_bytes=max_bytes, encoding="utf-8" if text else None)
    builder.feed(raw)
    return builder.close()


def parse_stream(
    stream: IO[bytes],
    *,
    max_bytes: int,
    on_end: Callable[[ET.Element, int], None] | None = None,
    on_root: Callable[[ET.Element], None] | None = None,
) -> ET.Element:
    """Parse an untrusted XML byte stream in chunks; see :class:`SafeTreeBuilder`."""
    builder = SafeTreeBuilder(max_bytes=max_bytes, on_end=on_end, on_root=on_root)
    while chunk := stream.read(_CHUNK):
        builder.feed(chunk)
    return builder.close()
