"""The user's RSA keys: named by fingerprint, stored passphrase-encrypted.

A key's name is the SHA-256 of its SubjectPublicKeyInfo (DER), in hex groups;
that name is the ``KeyName`` of every ``EncryptedKey`` wrapped for it. The
store keeps, per key, ``<hex>.key.pem`` (encrypted PKCS#8) and ``<hex>.pub.pem``
(the public key, so that keys can be listed and used for encryption without
a passphrase). Files are mode 0600, the folder 0700.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from archiveviewer.errors import CryptoError

GENERATED_KEY_BITS = 3072
_MIN_KEY_BITS = 2048


@dataclass(frozen=True)
class PublicKey:
    """One of the user's public keys and its name (the KeyName)."""

    name: str
    key: rsa.RSAPublicKey = field(repr=False, compare=False)

    def pem(self) -> bytes:
        """The public key as PEM (SubjectPublicKeyInfo)."""
        return self.key.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )


@dataclass(frozen=True)
class PrivateKey:
    """An unlocked private key, held in memory only."""

    name: str
    key: rsa.RSAPrivateKey = field(repr=False, compare=False)

    @property
    def public(self) -> PublicKey:
        return PublicKey(self.name, self.key.public_key())


def fingerprint(public_key: rsa.RSAPublicKey) -> str:
    """The key's name: SHA-256 of its SubjectPublicKeyInfo DER as 16 groups of hex."""
    der = public_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    digest = hashlib.sha256(der).hexdigest()
    return ":".join(digest[i : i + 4] for i in range(0, len(digest), 4))


def public_key_from_pem(pem: bytes) -> PublicKey:
    """Read a PEM public key (SubjectPublicKeyInfo or PKCS#1) and name it."""
    try:
        key = serialization.load_pem_public_key(pem)
    except ValueError:
        raise CryptoError("This is not a PEM public key.") from None
    if not isinstance(key, rsa.RSAPublicKey):
        raise CryptoError("Only RSA public keys can be used for archive encryption.")
    return PublicKey(fingerprint(key), key)


def _file_stem(name: str) -> str:
    return name.replace(":", "")


def _write_private(path: Path, data: bytes) -> None:
    # O_CREAT with 0600 from the start: the file is never readable by others.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.chmod(path, 0o600)


def _passphrase(text: str) -> bytes:
    if not text:
        raise CryptoError("A passphrase is needed to protect the private key.")
    return text.encode("utf-8")


class KeyStore:
    """The folder that holds the user's private keys, each passphrase-encrypted."""

    def __init__(self, directory: Path) -> None:
        """Use ``directory`` (created with mode 0700 when missing)."""
        self.directory = directory
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(directory, 0o700)

    def generate(self, passphrase: str) -> PublicKey:
        """Make a new RSA 3072 key, store it under ``passphrase``, return its public half."""
        key = rsa.generate_private_key(public_exponent=65537, key_size=GENERATED_KEY_BITS)
        return self._save(key, passphrase)

    def import_private_key(
        self, pem: bytes, passphrase: str, *, pem_passphrase: str | None = None
    ) -> PublicKey:
        """Import a PEM private key (PKCS#1 or PKCS#8, encrypted or not).

        ``pem_passphrase`` opens the file if it is encrypted; ``passphrase``
        protects the stored copy.
        """
        secret = pem_passphrase.encode("utf-8") if pem_passphrase else None
        try:
            key = serialization.load_pem_private_key(pem, password=secret)
        except TypeError:
            raise CryptoError(
                "This private key file is protected: enter its passphrase to import it."
                if secret is None
                else "This private key file is not protected, but a passphrase was given."
            ) from None
        except ValueError:
            raise CryptoError(
                "The private key could not be read: the file is not a PEM private key "
                "or its passphrase is wrong."
            ) from None
        if not isinstance(key, rsa.RSAPrivateKey):
            raise CryptoError("Only RSA private keys can be used for archive encryption.")
        if key.key_size < _MIN_KEY_BITS:
            raise CryptoError(
                f"This RSA key has only {key.key_size} bits; use one of {_MIN_KEY_BITS} or more."
            )
        return self._save(key, passphrase)

    def _save(self, key: rsa.RSAPrivateKey, passphrase: str) -> PublicKey:
        encrypted = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(_passphrase(passphrase)),
        )
        public = PublicKey(fingerprint(key.public_key()), key.public_key())
        stem = _file_stem(public.name)
        _write_private(self.directory / f"{stem}.key.pem", encrypted)
        _write_private(self.directory / f"{stem}.pub.pem", public.pem())
        return public

    def names(self) -> list[str]:
        """The names of the keys in the store, sorted."""
        found = []
        for path in self.directory.glob("*.pub.pem"):
            if (self.directory / path.name.replace(".pub.pem", ".key.pem")).exists():
                found.append(_name_of(path))
        return sorted(found)

    def public_key(self, name: str) -> PublicKey:
        """The public key called ``name``; a CryptoError if the store has none."""
        path = self.directory / f"{_file_stem(name)}.pub.pem"
        try:
            return public_key_from_pem(path.read_bytes())
        except FileNotFoundError:
            raise CryptoError(f"There is no key “{name}” in the key store.") from None

    def export_public_key(self, name: str) -> bytes:
        """The public key called ``name`` as PEM, to publish or give to another client."""
        return self.public_key(name).pem()

    def unlock(self, name: str, passphrase: str) -> PrivateKey:
        """Open the private key ``name`` with ``passphrase``.

        A wrong passphrase gives a CryptoError that says so.
        """
        path = self.directory / f"{_file_stem(name)}.key.pem"
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise CryptoError(f"There is no private key “{name}” in the key store.") from None
        try:
            key = serialization.load_pem_private_key(data, password=_passphrase(passphrase))
        except ValueError:
            raise CryptoError(f"The passphrase for the private key “{name}” is wrong.") from None
        if not isinstance(key, rsa.RSAPrivateKey):
            raise CryptoError(f"The stored key “{name}” is not an RSA key.")
        return PrivateKey(fingerprint(key.public_key()), key)

    def delete(self, name: str) -> None:
        """Remove the key ``name`` from the store (both files)."""
        stem = _file_stem(name)
        for suffix in (".key.pem", ".pub.pem"):
            (self.directory / f"{stem}{suffix}").unlink(missing_ok=True)


def _name_of(path: Path) -> str:
    stem = path.name.removesuffix(".pub.pem")
    return ":".join(stem[i : i + 4] for i in range(0, len(stem), 4))
