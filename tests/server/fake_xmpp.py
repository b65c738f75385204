"""A scripted XMPP server on loopback, for what a real server would never send.

It speaks just enough of RFC 6120 for slixmpp to log in (STARTTLS, SASL
PLAIN, resource binding) and then answers each request with whatever bytes
the test's :attr:`Script.answer` returns, so a test can send a DTD, an
entity, a ten-thousand-deep stanza or a hundred-megabyte body through the
program's real network path. A :class:`Script` can also break the login
itself: a hostile greeting, no STARTTLS on offer, a certificate for the
wrong name. Everything the client sent is kept in :attr:`FakeServer.received`
(after decryption), so a test can check that no password left the client.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

DOMAIN = "example.test"
JID = f"romeo@{DOMAIN}"

_HEADER = (
    "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
    "xmlns:stream='http://etherx.jabber.org/streams' id='fake{n}' "
    f"from='{DOMAIN}' version='1.0'>"
).format
_STARTTLS = (
    "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/>"
    "</starttls></stream:features>"
)
_MECHANISMS = (
    "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
    "<mechanism>PLAIN</mechanism></mechanisms></stream:features>"
)
_BIND = "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>"
_ID = re.compile(rb"id=['\"]([^'\"]+)['\"]")
_SLICE = 1024 * 1024

#: The bytes sent in answer to one request, given the request's bytes and id.
Answer = Callable[[bytes, str], bytes]


def result(request_id: str, payload: str = "") -> bytes:
    """An ``<iq type='result'/>`` for ``request_id`` holding ``payload``."""
    return f"<iq type='result' id='{request_id}' to='{JID}/r'>{payload}</iq>".encode()


@dataclass
class Script:
    """What the fake server does; the defaults log in over verified TLS and answer nothing."""

    tls: tuple[Path, Path] | None = None  # (cert, key); None: no STARTTLS offered
    greeting: bytes | None = None  # sent instead of the first stream's header and features
    answer: Answer | None = None


class FakeServer:
    """Runs a :class:`Script` for every connection; use ``async with``."""

    def __init__(self, script: Script) -> None:
        self.script = script
        self.received = bytearray()
        self.port = 0
        self._server: asyncio.Server | None = None
        self._streams = 0

    async def __aenter__(self) -> FakeServer:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *_exc: object) -> None:
        assert self._server is not None
        self._server.close()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self._server.wait_closed(), 2)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        conversation = _Conversation(self, reader, writer)
        try:
            await conversation.run()
        except (OSError, ssl.SSLError, asyncio.IncompleteReadError, ConnectionError):
            pass  # the client closed or refused: that is what the tests look at
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()

    def next_header(self) -> bytes:
        self._streams += 1
        return _HEADER(n=self._streams).encode()


class _Conversation:
    def __init__(
        self, server: FakeServer, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        self.server = server
        self.reader = reader
        self.writer = writer
        self.buffer = b""

    async def run(self) -> None:
        script = self.server.script
        await self.read_until(b"<stream:stream", b">")
        if script.greeting is not None:
            await self.send(script.greeting)
            await self.read_until(b"\x00never")
            return
        if script.tls is not None:
            await self.send(self.server.next_header() + _STARTTLS.encode())
            await self.read_until(b"<starttls", b">")
            await self.send(b"<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(*script.tls)
            await self.writer.start_tls(context)
            await self.read_until(b"<stream:stream", b">")
        await self.send(self.server.next_header() + _MECHANISMS.encode())
        await self.read_until(b"</auth>")
        await self.send(b"<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>")
        await self.read_until(b"<stream:stream", b">")
        await self.send(self.server.next_header() + _BIND.encode())
        request = await self.read_until(b"</iq>")
        await self.send(result(_id_of(request), _bound()))
        while True:
            request = await self.read_until(b"</iq>")
            if script.answer is not None:
                await self.send(script.answer(request, _id_of(request)))

    async def read_until(self, *markers: bytes) -> bytes:
        """Read until every marker has appeared in order; return what was read up to there."""
        while True:
            end = _find_all(self.buffer, markers)
            if end is not None:
                taken, self.buffer = self.buffer[:end], self.buffer[end:]
                return taken
            data = await self.reader.read(65536)
            if not data:
                raise asyncio.IncompleteReadError(self.buffer, None)
            self.server.received += data
            self.buffer += data

    async def send(self, data: bytes) -> None:
        # In slices, as a server streams: a write of 200 MB at once would be encrypted
        # whole before its first byte left, and a benchmark would time that instead.
        for start in range(0, max(len(data), 1), _SLICE):
            self.writer.write(data[start : start + _SLICE])
            await self.writer.drain()


def _find_all(buffer: bytes, markers: tuple[bytes, ...]) -> int | None:
    position = 0
    for marker in markers:
        found = buffer.find(marker, position)
        if found < 0:
            return None
        position = found + len(marker)
    return position


def _id_of(request: bytes) -> str:
    match = _ID.search(request)
    return match.group(1).decode() if match else "none"


def _bound() -> str:
    return f"<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>{JID}/r</jid></bind>"
