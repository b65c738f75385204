"""Reading a private key file as users have them: PEM, DER or PKCS#12, protected or not."""

from __future__ import annotations

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12

from archiveviewer.errors import CryptoError

_PROTECTED = "This private key file is protected: enter its passphrase to import it."
_NOT_PROTECTED = "This private key file is not protected, but a passphrase was given."
_UNREADABLE = (
    "The private key could not be read: the file is not a PEM, DER or PKCS#12 private key "
    "or its passphrase is wrong."
)


def load_private_key(data: bytes, passphrase: str | None) -> rsa.RSAPrivateKey:
    """The RSA private key in ``data``, opened with ``passphrase`` if the file needs one."""
    secret = passphrase.encode("utf-8") if passphrase else None
    if data.lstrip().startswith(b"-----BEGIN"):
        key = _pem(data, secret)
    else:
        key = _der(data, secret)
        if key is None:
            key = _pkcs12(data, secret)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise CryptoError("Only RSA private keys can be used for archive encryption.")
    return key


def _pem(data: bytes, secret: bytes | None) -> object:
    try:
        return serialization.load_pem_private_key(data, password=secret)
    except TypeError:
        raise CryptoError(_PROTECTED if secret is None else _NOT_PROTECTED) from None
    except ValueError:
        raise CryptoError(_UNREADABLE) from None


def _der(data: bytes, secret: bytes | None) -> object | None:
    try:
        return serialization.load_der_private_key(data, password=secret)
    except TypeError:
        raise CryptoError(_PROTECTED if secret is None else _NOT_PROTECTED) from None
    except ValueError:
        return None  # not DER: perhaps PKCS#12


def _pkcs12(data: bytes, secret: bytes | None) -> object:
    # A PKCS#12 file "without a passphrase" is often protected by the empty one.
    for attempt in (secret,) if secret is not None else (None, b""):
        try:
            key, _certificate, _others = pkcs12.load_key_and_certificates(data, attempt)
        except ValueError:
            continue
        if key is None:
            raise CryptoError("This PKCS#12 file holds no private key.")
        return key
    if secret is None and _is_pkcs12(data):
        raise CryptoError(_PROTECTED)
    raise CryptoError(_UNREADABLE)


def _is_pkcs12(data: bytes) -> bool:
    # DER SEQUENCE then INTEGER 3 (the PFX version) is how every PKCS#12 file begins.
    return len(data) > 8 and data[0] == 0x30 and b"\x02\x01\x03" in data[:8]


def key_file_needs_passphrase(data: bytes) -> bool:
    """True when the key file is protected by a passphrase of its own."""
    try:
        load_private_key(data, None)
    except CryptoError as exc:
        return exc.user_message == _PROTECTED
    return False
