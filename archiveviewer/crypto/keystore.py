"""The user's RSA keys: stored passphrase-encrypted, named as the archives name them.

A key is identified by its fingerprint (SHA-256 of its SubjectPublicKeyInfo
DER, in hex groups) and called by its *name*, the ``KeyName`` that every
``EncryptedKey`` wrapped for it carries. XEP-0136 and XEP-0189 only ask that
a name be unique for the user, so other clients name keys as they like: a key
imported from another client takes that client's name (``name=``), and a key
imported without one is called by its fingerprint. A key also answers to
*aliases*: its earlier names, and names learnt when it opened a data key
wrapped for a name we did not know.

Per key the store keeps ``<hex>.key.pem`` (encrypted PKCS#8), ``<hex>.pub.pem``
(the public key, so that keys can be listed and used for encryption without a
passphrase) and ``<hex>.json`` (name, aliases, when it was added). Files are
mode 0600, the folder 0700. A store written before names existed (no JSON)
still reads: each key is then called by its fingerprint.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from archiveviewer.crypto.keyfiles import load_private_key
from archiveviewer.errors import CryptoError

GENERATED_KEY_BITS = 3072
_MIN_KEY_BITS = 2048
_MAX_NAME_CHARS = 200


@dataclass(frozen=True)
class PublicKey:
    """One of the user's public keys, its name (the KeyName) and other names."""

    name: str
    key: rsa.RSAPublicKey = field(repr=False, compare=False)
    aliases: tuple[str, ...] = ()

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the SubjectPublicKeyInfo, as 16 groups of hex."""
        return fingerprint(self.key)

    def pem(self) -> bytes:
        """The public key as PEM (SubjectPublicKeyInfo)."""
        return self.key.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )


@dataclass(frozen=True)
class PrivateKey:
    """An unlocked private key, held in memory only, with its name and aliases."""

    name: str
    key: rsa.RSAPrivateKey = field(repr=False, compare=False)
    aliases: tuple[str, ...] = ()

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the SubjectPublicKeyInfo, as 16 groups of hex."""
        return fingerprint(self.key.public_key())

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the key answers to: its name, its aliases, its fingerprint."""
        return tuple(dict.fromkeys((self.name, *self.aliases, self.fingerprint)))

    @property
    def public(self) -> PublicKey:
        """The public half, with the same name and aliases."""
        return PublicKey(self.name, self.key.public_key(), self.aliases)


@dataclass(frozen=True)
class StoredKey:
    """What the store knows of one key without its passphrase."""

    name: str
    fingerprint: str
    bits: int
    created: datetime | None
    aliases: tuple[str, ...] = ()


def fingerprint(public_key: rsa.RSAPublicKey) -> str:
    """SHA-256 of the key's SubjectPublicKeyInfo DER as 16 groups of hex."""
    der = public_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    digest = hashlib.sha256(der).hexdigest()
    return ":".join(digest[i : i + 4] for i in range(0, len(digest), 4))


def public_key_from_pem(pem: bytes, name: str | None = None) -> PublicKey:
    """Read a PEM public key (SubjectPublicKeyInfo or PKCS#1); unnamed, it is its fingerprint."""
    try:
        key = serialization.load_pem_public_key(pem)
    except ValueError:
        raise CryptoError("This is not a PEM public key.") from None
    if not isinstance(key, rsa.RSAPublicKey):
        raise CryptoError("Only RSA public keys can be used for archive encryption.")
    return PublicKey(name or fingerprint(key), key)


def check_name(name: str) -> str:
    """``name`` without surrounding white space, or a CryptoError saying what is wrong."""
    cleaned = name.strip()
    if not cleaned:
        raise CryptoError("A key name cannot be empty.")
    if len(cleaned) > _MAX_NAME_CHARS:
        raise CryptoError(f"A key name can have at most {_MAX_NAME_CHARS} characters.")
    if any(ord(c) < 32 or ord(c) == 127 for c in cleaned):
        raise CryptoError("A key name cannot contain control characters such as line breaks.")
    return cleaned


def _stem(key_fingerprint: str) -> str:
    return key_fingerprint.replace(":", "")


def _fingerkey_printof(stem: str) -> str:
    return ":".join(stem[i : i + 4] for i in range(0, len(stem), 4))


def _write_private(path: Path, data: bytes) -> None:
    # Written beside, then renamed over: a crash never leaves half a file.
    # O_CREAT with 0600 from the start: the file is never readable by others.
    partial = path.with_name(path.name + ".part")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.chmod(partial, 0o600)
    os.replace(partial, path)


def _passphrase(text: str) -> bytes:
    if not text:
        raise CryptoError("A passphrase is needed to protect the private key.")
    return text.encode("utf-8")


class KeyStore:
    """The folder that holds the user's private keys, each passphrase-encrypted.

    Every method that takes a key's ``name`` also accepts one of its aliases
    or its fingerprint. Safe to use from several threads.
    """

    def __init__(self, directory: Path) -> None:
        """Use ``directory`` (created with mode 0700 when missing)."""
        self.directory = directory
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(directory, 0o700)
        self._lock = threading.RLock()

    # --- adding keys ----------------------------------------------------------------

    def generate(self, passphrase: str, *, name: str | None = None) -> PublicKey:
        """Make a new RSA 3072 key, store it under ``passphrase``, return its public half."""
        key = rsa.generate_private_key(public_exponent=65537, key_size=GENERATED_KEY_BITS)
        return self._add(key, passphrase, name)

    def import_private_key(
        self,
        data: bytes,
        passphrase: str,
        *,
        pem_passphrase: str | None = None,
        name: str | None = None,
    ) -> PublicKey:
        """Import a private key file: PEM (PKCS#1 or PKCS#8), DER or PKCS#12, protected or not.

        ``pem_passphrase`` opens the file if it is protected; ``passphrase``
        protects the stored copy; ``name`` is what the archives call the key
        (another client's KeyName). Importing a key the store already holds
        stores it again under the new passphrase, and gives it ``name`` if one
        is given (its old name stays an alias).
        """
        key = load_private_key(data, pem_passphrase)
        if key.key_size < _MIN_KEY_BITS:
            raise CryptoError(
                f"This RSA key has only {key.key_size} bits; use one of {_MIN_KEY_BITS} or more."
            )
        return self._add(key, passphrase, name)

    def _add(self, key: rsa.RSAPrivateKey, passphrase: str, name: str | None) -> PublicKey:
        encrypted = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(_passphrase(passphrase)),
        )
        public = key.public_key()
        key_print = fingerprint(public)
        wanted = None if name is None else check_name(name)
        with self._lock:
            existing = self._stored(key_print)
            if wanted is not None:
                self._check_free(wanted, key_print)
            stem = _stem(key_print)
            _write_private(self.directory / f"{stem}.key.pem", encrypted)
            _write_private(
                self.directory / f"{stem}.pub.pem",
                public.public_bytes(
                    serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
                ),
            )
            if existing is None:
                record = StoredKey(wanted or key_print, key_print, key.key_size, datetime.now(UTC))
            else:
                record = existing if wanted is None else _renamed(existing, wanted)
            self._write_record(record)
        return PublicKey(record.name, public, record.aliases)

    # --- names ----------------------------------------------------------------------

    def rename(self, name: str, new_name: str) -> StoredKey:
        """Call the key ``name`` ``new_name`` from now on; the old name stays an alias."""
        wanted = check_name(new_name)
        with self._lock:
            record = self.find(name)
            self._check_free(wanted, record.fingerprint)
            renamed = _renamed(record, wanted)
            self._write_record(renamed)
        return renamed

    def remember_name(self, name: str, key_fingerprint: str) -> None:
        """Record that archives call the key ``key_fingerprint`` also ``name``.

        Called when that key opened a data key wrapped for ``name``; a name
        that already belongs to a key is left alone.
        """
        with self._lock:
            record = self._stored(key_fingerprint)
            if record is None or self._owner(name) is not None:
                return
            self._write_record(replace(record, aliases=(*record.aliases, name)))

    def _check_free(self, name: str, key_fingerprint: str) -> None:
        owner = self._owner(name)
        if owner is not None and owner.fingerprint != key_fingerprint:
            raise CryptoError(
                f"The name “{name}” already belongs to the key “{owner.name}”: choose "
                "another name, or rename that key first."
            )

    def _owner(self, name: str) -> StoredKey | None:
        for record in self.keys():
            if name == record.name or name in record.aliases or name == record.fingerprint:
                return record
        return None

    # --- reading --------------------------------------------------------------------

    def keys(self) -> list[StoredKey]:
        """Every key in the store, sorted by name."""
        found = []
        for path in self.directory.glob("*.pub.pem"):
            stem = path.name.removesuffix(".pub.pem")
            if (self.directory / f"{stem}.key.pem").exists():
                record = self._stored(_fingerkey_printof(stem))
                if record is not None:
                    found.append(record)
        return sorted(found, key=lambda r: r.name)

    def names(self) -> list[str]:
        """The names of the keys in the store, sorted."""
        return [record.name for record in self.keys()]

    def find(self, name: str) -> StoredKey:
        """The key called ``name`` (or with that alias or fingerprint); a CryptoError if none."""
        with self._lock:
            record = self._owner(name)
        if record is None:
            raise CryptoError(
                f"There is no key “{name}” in the key store: import it first "
                "(other clients may call their keys by other names)."
            )
        return record

    def public_key(self, name: str) -> PublicKey:
        """The public key called ``name``; a CryptoError if the store has none."""
        record = self.find(name)
        path = self.directory / f"{_stem(record.fingerprint)}.pub.pem"
        public = public_key_from_pem(path.read_bytes())
        return PublicKey(record.name, public.key, record.aliases)

    def export_public_key(self, name: str) -> bytes:
        """The public key called ``name`` as PEM, to publish or give to another client."""
        return self.public_key(name).pem()

    def unlock(self, name: str, passphrase: str) -> PrivateKey:
        """Open the private key ``name`` with ``passphrase``.

        A wrong passphrase gives a CryptoError that says so.
        """
        record = self.find(name)
        key = self._load(record, passphrase)
        return PrivateKey(record.name, key, record.aliases)

    def change_passphrase(self, name: str, old: str, new: str) -> None:
        """Store the key ``name`` again, protected by ``new`` instead of ``old``."""
        record = self.find(name)
        key = self._load(record, old)
        encrypted = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(_passphrase(new)),
        )
        with self._lock:
            _write_private(self.directory / f"{_stem(record.fingerprint)}.key.pem", encrypted)

    def _load(self, record: StoredKey, passphrase: str) -> rsa.RSAPrivateKey:
        path = self.directory / f"{_stem(record.fingerprint)}.key.pem"
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise CryptoError(
                f"There is no private key “{record.name}” in the key store."
            ) from None
        try:
            key = serialization.load_pem_private_key(data, password=_passphrase(passphrase))
        except ValueError:
            raise CryptoError(
                f"The passphrase for the private key “{record.name}” is wrong."
            ) from None
        if not isinstance(key, rsa.RSAPrivateKey) or fingerprint(key.public_key()) != (
            record.fingerprint
        ):
            raise CryptoError(f"The stored key “{record.name}” is damaged: import it again.")
        return key

    def delete(self, name: str) -> None:
        """Remove the key ``name`` from the store (all its files)."""
        with self._lock:
            stem = _stem(self.find(name).fingerprint)
            for suffix in (".key.pem", ".pub.pem", ".json"):
                (self.directory / f"{stem}{suffix}").unlink(missing_ok=True)

    # --- the record beside each key ---------------------------------------------------

    def _stored(self, key_fingerprint: str) -> StoredKey | None:
        stem = _stem(key_fingerprint)
        public_path = self.directory / f"{stem}.pub.pem"
        try:
            bits = public_key_from_pem(public_path.read_bytes()).key.key_size
        except (FileNotFoundError, CryptoError):
            return None
        try:
            meta = json.loads((self.directory / f"{stem}.json").read_text("utf-8"))
            created = meta.get("created")
            return StoredKey(
                name=str(meta["name"]),
                fingerprint=key_fingerprint,
                bits=bits,
                created=None if created is None else datetime.fromisoformat(created),
                aliases=tuple(str(a) for a in meta.get("aliases", ())),
            )
        except (FileNotFoundError, ValueError, KeyError, TypeError):
            # A store from before names, or a damaged record: the fingerprint is the name.
            return StoredKey(key_fingerprint, key_fingerprint, bits, None)

    def _write_record(self, record: StoredKey) -> None:
        meta = {
            "name": record.name,
            "aliases": list(record.aliases),
            "created": None if record.created is None else record.created.isoformat(),
        }
        path = self.directory / f"{_stem(record.fingerprint)}.json"
        _write_private(path, json.dumps(meta, ensure_ascii=False, indent=1).encode("utf-8"))


def _renamed(record: StoredKey, new_name: str) -> StoredKey:
    if new_name == record.name:
        return record
    aliases = tuple(a for a in (*record.aliases, record.name) if a != new_name)
    # The fingerprint is always a name of the key: no need to keep it as an alias.
    aliases = tuple(a for a in dict.fromkeys(aliases) if a != record.fingerprint)
    return replace(record, name=new_name, aliases=aliases)
