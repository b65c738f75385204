"""Parsing untrusted XML: no DTD, no entities, bounded size and depth.

Everything that reads bytes from a file or from somewhere other than
slixmpp's own stream parser goes through here; the limits and the reasons
for them are the policy of :mod:`archiveviewer.protocol.xmlpolicy`. The
parser is expat driven directly (not ``xml.etree``'s parser), so a DOCTYPE,
an entity declaration or a reference to an external entity stops parsing at
once with :class:`~archiveviewer.errors.MalformedInput` instead of being
expanded or fetched. The tree it builds is made of ordinary
``xml.etree.ElementTree`` elements with ``{namespace}local`` tags, as
slixmpp uses.

:class:`GuardedParser` applies the policy and builds nothing (the XMPP
stream guard uses it); :class:`SafeTreeBuilder` adds the elements.
"""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import IO
from xml.parsers import expat

from archiveviewer.errors import MalformedInput
from archiveviewer.protocol.xmlpolicy import MAX_DEPTH, MAX_DOCUMENT_BYTES, Limits

__all__ = [
    "MAX_DEPTH",
    "MAX_DOCUMENT_BYTES",
    "GuardedParser",
    "SafeTreeBuilder",
    "parse_stream",
    "parse_xml",
]

_CHUNK = 64 * 1024


class _Refused(Exception):
    """Raised inside an expat handler; turned into MalformedInput outside it."""


class GuardedParser:
    """An expat parser that enforces the untrusted-XML policy and builds nothing.

    Feed it bytes with :meth:`feed`, finish with :meth:`close`. Subclasses
    extend :meth:`_start`, :meth:`_end` and :meth:`_text` (calling these
    first). ``encoding`` overrides the document's own declaration (used for
    text that was already decoded).
    """

    def __init__(self, *, limits: Limits, encoding: str | None = None) -> None:
        self.limits = limits
        self._seen = 0
        self._mark = 0  # byte offset up to which expat has reported events
        self._depth = 0
        self._text_bytes = 0
        self._item_start: int | None = None
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

    def _start(self, _name: str, attrs: dict[str, str]) -> None:
        limits = self.limits
        if self._depth >= limits.depth:
            raise _Refused(f"its elements are nested more than {limits.depth} levels deep")
        for value in attrs.values():
            if len(value) > limits.attribute_bytes:
                raise _Refused(
                    f"an attribute value is longer than the {limits.attribute_bytes:,} "
                    "characters accepted"
                )
        self._depth += 1
        self._mark = self._parser.CurrentByteIndex
        self._text_bytes = 0
        if self._depth == limits.item_depth:
            self._item_start = self._mark

    def _end(self, _name: str) -> None:
        self._mark = self._parser.CurrentByteIndex
        self._text_bytes = 0
        if self._depth == self.limits.item_depth:
            self._check_item()
            self._item_start = None
        self._depth -= 1

    def _text(self, data: str) -> None:
        self._mark = self._parser.CurrentByteIndex + len(data)
        self._text_bytes += len(data)
        if self._text_bytes > self.limits.text_bytes:
            raise _Refused(
                f"a text is longer than the {self.limits.text_bytes:,} characters accepted"
            )

    def _check_item(self) -> None:
        if self._item_start is None:
            return
        if self._seen - self._item_start > self.limits.item_bytes:
            raise _Refused(
                f"one element is larger than the {self.limits.item_bytes:,} bytes accepted"
            )

    # --- feeding ----------------------------------------------------------------

    def feed(self, data: bytes) -> None:
        """Parse the next chunk of the document; raise MalformedInput when it is refused."""
        self._seen += len(data)
        if self._seen > self.limits.total_bytes:
            raise MalformedInput(
                f"The XML is larger than the {self.limits.total_bytes:,} bytes this "
                "program accepts."
            )
        self._run(data, final=False)
        self._check_pending()

    def _check_pending(self) -> None:
        try:
            # What expat holds unreported is one unfinished token (a tag, a
            # comment): bound it, or a huge attribute would fill memory first.
            if self._seen - self._mark > self.limits.token_bytes:
                raise _Refused(
                    f"one tag is longer than the {self.limits.token_bytes:,} bytes accepted"
                )
            self._check_item()
        except _Refused as exc:
            raise MalformedInput(f"The XML was refused because {exc}.") from None

    def close(self) -> None:
        """Finish parsing; raise MalformedInput when the document is incomplete."""
        self._run(b"", final=True)

    def _run(self, data: bytes, *, final: bool) -> None:
        try:
            self._parser.Parse(data, final)
        except _Refused as exc:
            raise MalformedInput(f"The XML was refused because {exc}.") from None
        except expat.ExpatError as exc:
            raise MalformedInput(_describe(exc)) from None


class SafeTreeBuilder(GuardedParser):
    """A :class:`GuardedParser` that builds ElementTree elements.

    ``on_end`` is called with each element and its depth (the root is depth
    1) when its end tag is read, so a caller can process and drop big
    children while a large file streams through; ``on_root`` is called with
    the root element (its attributes set, no children yet) as soon as its
    start tag is read. With ``detach_depth``, each element at that depth is
    removed from its parent after ``on_end``, so siblings never pile up.
    """

    def __init__(
        self,
        *,
        max_bytes: int = MAX_DOCUMENT_BYTES,
        on_end: Callable[[ET.Element, int], None] | None = None,
        on_root: Callable[[ET.Element], None] | None = None,
        encoding: str | None = None,
        limits: Limits | None = None,
        detach_depth: int | None = None,
    ) -> None:
        if limits is None:
            limits = Limits(item_bytes=max_bytes, total_bytes=max_bytes)
        super().__init__(limits=limits, encoding=encoding)
        self._on_root = on_root
        self._on_end = on_end
        self._detach_depth = detach_depth
        self._stack: list[ET.Element] = []
        # Text arrives in pieces (one per chunk fed): keep them in a list and
        # join once, so a long text costs linear time, not quadratic.
        self._pieces: list[str] = []
        self.root: ET.Element | None = None

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        super()._start(name, attrs)
        self._flush_text()
        element = ET.Element(_clark(name), {_clark(k): v for k, v in attrs.items()})
        if self._stack:
            self._stack[-1].append(element)
        else:
            self.root = element
            if self._on_root is not None:
                self._on_root(element)
        self._stack.append(element)

    def _end(self, name: str) -> None:
        depth = len(self._stack)
        super()._end(name)
        self._flush_text()
        element = self._stack.pop()
        if self._on_end is not None:
            self._on_end(element, depth)
        if depth == self._detach_depth and self._stack:
            self._stack[-1].remove(element)  # the last child: found at once

    def _text(self, data: str) -> None:
        super()._text(data)
        if self._stack:
            self._pieces.append(data)

    def _flush_text(self) -> None:
        if not self._pieces:
            return
        text = "".join(self._pieces)
        self._pieces.clear()
        parent = self._stack[-1]
        if len(parent):
            parent[-1].tail = text
        else:
            parent.text = text

    def finish(self) -> ET.Element:
        """Finish parsing and return the root element."""
        super().close()
        if self.root is None:  # pragma: no cover - expat reports "no element found" first
            raise MalformedInput("The XML holds no element.")
        return self.root


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
    # expat says "not well-formed (invalid token)": keep only what it adds.
    detail = reason.removeprefix("not well-formed").strip(" ()")
    where = f"line {exc.lineno}, column {exc.offset}"
    return f"The XML is not well-formed ({detail} at {where})." if detail else (
        f"The XML is not well-formed ({where})."
    )


def parse_xml(data: bytes | str, *, max_bytes: int = MAX_DOCUMENT_BYTES) -> ET.Element:
    """Parse one untrusted XML document into an element, safely.

    Refuses a DOCTYPE, entity declarations, external entities, documents
    larger than ``max_bytes`` and absurd nesting, each with a
    :class:`MalformedInput` whose sentence says why.
    """
    text = isinstance(data, str)
    if text and len(data) > max_bytes:  # checked before encoding a copy
        raise MalformedInput(
            f"The XML is larger than the {max_bytes:,} bytes this program accepts."
        )
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    if len(raw) > max_bytes:
        raise MalformedInput(
            f"The XML is larger than the {max_bytes:,} bytes this program accepts."
        )
    # Text is already decoded: its bytes are our UTF-8, whatever it declares.
    limits = Limits(
        item_bytes=max_bytes,
        total_bytes=max_bytes,
        token_bytes=max_bytes,  # the whole document is in memory already
        text_bytes=max_bytes,
    )
    builder = SafeTreeBuilder(limits=limits, encoding="utf-8" if text else None)
    builder.feed(raw)
    return builder.finish()


def parse_stream(
    stream: IO[bytes],
    *,
    max_bytes: int | None = None,
    limits: Limits | None = None,
    on_end: Callable[[ET.Element, int], None] | None = None,
    on_root: Callable[[ET.Element], None] | None = None,
    detach_depth: int | None = None,
) -> ET.Element:
    """Parse an untrusted XML byte stream in chunks; see :class:`SafeTreeBuilder`."""
    if limits is None:
        size = max_bytes if max_bytes is not None else MAX_DOCUMENT_BYTES
        limits = Limits(item_bytes=size, total_bytes=size)
    elif max_bytes is not None:
        limits = dataclasses.replace(limits, total_bytes=max_bytes)
    builder = SafeTreeBuilder(
        limits=limits, on_end=on_end, on_root=on_root, detach_depth=detach_depth
    )
    while chunk := stream.read(_CHUNK):
        builder.feed(chunk)
    return builder.finish()
