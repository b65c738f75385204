"""The untrusted-XML policy applied to an XMPP stream, before any other parser sees it.

slixmpp parses the stream with ``xml.etree``'s pull parser, which accepts a
DTD, expands internal entities and has no size limits. :class:`StreamGuard`
reads the same bytes first with the policy's guarded parser
(:mod:`archiveviewer.protocol.xmlpolicy`): bytes in, a verdict out, no I/O.
The network layer feeds it each chunk before slixmpp does and closes the
connection when it refuses, so refused data never reaches our codecs.

A stream restarts (after STARTTLS and after login) with a new header; the
guard is replaced then, as slixmpp replaces its parser.
"""

from __future__ import annotations

from archiveviewer.errors import MalformedInput
from archiveviewer.protocol.safexml import GuardedParser
from archiveviewer.protocol.xmlpolicy import STREAM_LIMITS, Limits


class StreamRefused(MalformedInput):
    """The server sent data that breaks the untrusted-XML policy; the stream was closed."""


class StreamGuard:
    """Checks one XML stream chunk by chunk; see the module docstring."""

    def __init__(self, limits: Limits = STREAM_LIMITS) -> None:
        self._parser = GuardedParser(limits=limits)
        self.refusal: StreamRefused | None = None

    def check(self, data: bytes) -> StreamRefused | None:
        """Read the next chunk; the refusal when the stream must be closed, else None.

        Once refused, every later chunk is refused with the same error.
        """
        if self.refusal is not None:
            return self.refusal
        try:
            self._parser.feed(data)
        except MalformedInput as exc:
            self.refusal = StreamRefused(
                "The server sent data that is not valid XML, so the connection was "
                f"closed. {_reason(exc.user_message)}"
            )
        return self.refusal


def _reason(sentence: str) -> str:
    """The parser's sentence, said of what the server sent."""
    return sentence.replace("The XML", "What it sent", 1)
