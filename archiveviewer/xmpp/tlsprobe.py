"""Reading the fingerprint of a certificate the normal handshake refused.

When verification fails, the TLS handshake ends before Python hands over the
certificate. To tell the user *which* certificate the server presents (so
they can compare it and, if they choose, pin it) we open a second
connection that completes the handshake without trusting it, read the
certificate, and close it before anything else is sent.
"""

from __future__ import annotations

import asyncio
import hashlib
import ssl

_STREAM_HEADER = (
    "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
    "xmlns:stream='http://etherx.jabber.org/streams' to='{domain}' version='1.0'>"
)
_STARTTLS = b"<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"
#: The most we read of the server's plaintext greeting before giving up.
_GREETING_LIMIT = 64 * 1024


def format_fingerprint(hex_digest: str) -> str:
    """A SHA-256 fingerprint in the usual form ``AB:CD:…``, from hex with or without colons."""
    digits = hex_digest.replace(":", "").replace(" ", "").upper()
    if len(digits) != 64 or any(c not in "0123456789ABCDEF" for c in digits):
        raise ValueError(f"not a SHA-256 fingerprint: {hex_digest!r}")
    return ":".join(digits[i : i + 2] for i in range(0, 64, 2))


def fingerprint_of(der: bytes) -> str:
    """The SHA-256 fingerprint of a DER-encoded certificate."""
    return format_fingerprint(hashlib.sha256(der).hexdigest())


async def probe_fingerprint(
    host: str, port: int, domain: str, *, direct_tls: bool, timeout: float
) -> str:
    """Complete TLS with *host*:*port* without trusting it; return the certificate fingerprint."""
    async with asyncio.timeout(timeout):  # keeps a cancellation, unlike 3.11's wait_for
        return await _probe(host, port, domain, direct_tls)


def _untrusting_context() -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # we only read the certificate, and send nothing
    return context


async def _probe(host: str, port: int, domain: str, direct_tls: bool) -> str:
    context = _untrusting_context()
    if direct_tls:
        reader, writer = await asyncio.open_connection(
            host, port, ssl=context, server_hostname=domain
        )
    else:
        reader, writer = await asyncio.open_connection(host, port)
    try:
        if not direct_tls:
            writer.write(_STREAM_HEADER.format(domain=domain).encode())
            await _read_until(reader, b"</stream:features>")
            writer.write(_STARTTLS)
            await _read_until(reader, b"<proceed")
            await writer.start_tls(context, server_hostname=domain)
        ssl_object = writer.get_extra_info("ssl_object")
        return fingerprint_of(ssl_object.getpeercert(binary_form=True))
    finally:
        # abort, not close: a TLS close waits for the peer's goodbye, and the
        # socket would outlive the probe.
        writer.transport.abort()


async def _read_until(reader: asyncio.StreamReader, marker: bytes) -> None:
    seen = b""
    while marker not in seen:
        chunk = await reader.read(4096)
        if not chunk:
            raise ValueError("the server closed the connection before TLS")
        seen += chunk
        if len(seen) > _GREETING_LIMIT:
            raise ValueError("the server's greeting is too long")
