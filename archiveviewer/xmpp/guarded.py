"""A slixmpp client whose incoming stream passes the untrusted-XML policy first.

Every chunk the server sends is read by a
:class:`~archiveviewer.protocol.streamguard.StreamGuard` before slixmpp's own
parser sees it. When the guard refuses (a DTD, an entity, a stanza or value
over its limit, bytes that are not XML or not UTF-8) the connection is
closed at once and :attr:`GuardedClient.stream_refusal` keeps the reason, so
the login or the request that was waiting says "the server sent data that
is not valid XML" rather than "no connection".
"""

from __future__ import annotations

import logging

import slixmpp

from archiveviewer.protocol.streamguard import StreamGuard, StreamRefused

log = logging.getLogger(__name__)


class GuardedClient(slixmpp.ClientXMPP):
    """:class:`slixmpp.ClientXMPP` with a :class:`StreamGuard` on its input."""

    def __init__(self, jid: str, password: str) -> None:
        super().__init__(jid, password)
        #: Why the server's stream was refused and closed; None while it was not.
        self.stream_refusal: StreamRefused | None = None
        self._guard: StreamGuard | None = None

    def forget_refusal(self) -> None:
        """Start a new connection attempt with no refusal on record."""
        self.stream_refusal = None

    def init_parser(self) -> None:
        """A new stream (or a restarted one) gets a new guard with its parser."""
        super().init_parser()
        self._guard = StreamGuard()

    def data_received(self, data: bytes | str) -> None:
        """Let the guard read ``data`` first; close the connection when it refuses."""
        guard = self._guard
        if guard is None:
            super().data_received(data)
            return
        refusal = guard.check(data.encode("utf-8") if isinstance(data, str) else data)
        if refusal is None:
            super().data_received(data)
            return
        if self.stream_refusal is None:
            log.warning("closing the connection: %s", refusal.user_message)
            self.stream_refusal = refusal
        self._guard = None  # nothing more is read from this connection
        self.parser = None
        self.abort()


def stream_refusal(stream: object) -> StreamRefused | None:
    """The refusal recorded on ``stream`` (a slixmpp stream), if it is guarded and refused."""
    refusal = getattr(stream, "stream_refusal", None)
    return refusal if isinstance(refusal, StreamRefused) else None
