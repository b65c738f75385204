"""Errors of archiveviewer.

There is one base, :class:`ArchiveViewerError`. A :class:`KnownError` is one
the program expects to happen (a wrong password, a server that refuses, a file
that does not parse): it carries a sentence written for the user, and says
whose fault it is. Anything else that escapes is a bug, and the UI reports it
as one.
"""

from __future__ import annotations

import enum


class Fault(enum.Enum):
    """Whose fault an error is, in the h11 sense."""

    LOCAL = "local"  # ours or the user's: bad input, missing key, our bug
    REMOTE = "remote"  # the server's or a peer's: an error reply, bad data sent to us


class ArchiveViewerError(Exception):
    """Base of every error this program raises on purpose."""


class KnownError(ArchiveViewerError):
    """An expected failure, with a plain sentence for the user.

    ``user_message`` is shown as it is, so it must read well on its own:
    say what happened and, where one exists, what to do next.
    """

    fault: Fault = Fault.LOCAL

    def __init__(self, user_message: str, *, fault: Fault | None = None) -> None:
        super().__init__(user_message)
        self.user_message = user_message
        if fault is not None:
            self.fault = fault


class MalformedInput(KnownError):
    """Data from the network or a file that does not follow the format."""

    fault = Fault.REMOTE


class SearchTooLong(KnownError):
    """A search with more text or terms than can be searched quickly; the sentence says so."""


class ServerError(KnownError):
    """The server answered with an error stanza.

    ``condition`` is the RFC 6120 defined condition (``item-not-found``,
    ``feature-not-implemented``, ...), ``error_type`` the error's type
    (``cancel``, ``modify``, ...), ``text`` the server's own text if any.
    """

    fault = Fault.REMOTE

    def __init__(
        self,
        user_message: str,
        *,
        condition: str,
        error_type: str = "cancel",
        text: str | None = None,
    ) -> None:
        super().__init__(user_message)
        self.condition = condition
        self.error_type = error_type
        self.text = text


class NotConnected(KnownError):
    """The action needs the server and there is no live connection."""

    fault = Fault.REMOTE


class Timeout(KnownError):
    """The server did not answer in time."""

    fault = Fault.REMOTE


class AuthenticationFailed(KnownError):
    """The server refused the account's name or password."""


class InsecureConnection(KnownError):
    """The server offered no encryption, so the login was not attempted."""

    fault = Fault.REMOTE


class HostUnreachable(KnownError):
    """No connection to the server could be opened (DNS, refused, network down)."""

    fault = Fault.REMOTE


class CryptoError(KnownError):
    """Decryption or key handling failed; the sentence names the keys involved."""


class KeyNotHeld(CryptoError):
    """Data is encrypted for keys that none of the unlocked private keys opens.

    ``key_names`` are the names the archive gives those keys (empty when it
    names none), so that the window or the command line can offer to import
    a key under one of them.
    """

    def __init__(self, user_message: str, *, key_names: tuple[str, ...]) -> None:
        super().__init__(user_message)
        self.key_names = key_names


class KeyLocked(CryptoError):
    """Data is encrypted for a key of the user's key store that is locked this session.

    ``key_name`` names that key as the Keys window lists it (None when the
    archive does not say which of the locked keys it needs), so that the
    window can ask for that key's passphrase and try again.
    """

    def __init__(self, user_message: str, *, key_name: str | None) -> None:
        super().__init__(user_message)
        self.key_name = key_name


class SourceNotOffered(KnownError):
    """The user chose an archive for the account's history that its server does not keep."""


class StoreError(KnownError):
    """The local replica could not be read or written."""


class UntrustedCertificate(KnownError):
    """The server's TLS certificate failed verification, or did not match the pin.

    ``host`` is the server's name; ``fingerprint`` the SHA-256 of the DER
    certificate the server presented, as colon-separated upper-case hex, or
    None when it could not be read; ``reason`` what the TLS library said, in
    its words, when known. With a fingerprint the UI can offer to trust
    exactly this certificate (pin it); verification itself stays on.
    """

    fault = Fault.REMOTE

    def __init__(
        self,
        user_message: str,
        *,
        host: str,
        fingerprint: str | None,
        reason: str | None = None,
    ) -> None:
        super().__init__(user_message)
        self.host = host
        self.fingerprint = fingerprint
        self.reason = reason
