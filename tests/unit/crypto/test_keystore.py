"""The key store: import, generate, export, unlock, and what lands on disk."""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from archiveviewer.crypto import KeyStore, public_key_from_pem
from archiveviewer.crypto.keystore import PrivateKey, fingerprint
from archiveviewer.errors import CryptoError


def _pem(key: PrivateKey, fmt: serialization.PrivateFormat, password: bytes | None) -> bytes:
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(password)
        if password
        else serialization.NoEncryption()
    )
    return key.key.private_bytes(serialization.Encoding.PEM, fmt, encryption)


@pytest.fixture
def store(tmp_path: Path) -> KeyStore:
    return KeyStore(tmp_path / "keys")


FORMATS = {
    "PKCS#1": (serialization.PrivateFormat.TraditionalOpenSSL, b"-----BEGIN RSA PRIVATE KEY"),
    "PKCS#8": (serialization.PrivateFormat.PKCS8, b"-----BEGIN PRIVATE KEY"),
}


@pytest.mark.parametrize("fmt", FORMATS.values(), ids=FORMATS.keys())
def test_import_plain_pem_then_unlock(
    store: KeyStore, romeo_key: PrivateKey, fmt: tuple[serialization.PrivateFormat, bytes]
) -> None:
    pem = _pem(romeo_key, fmt[0], None)
    assert pem.startswith(fmt[1])
    public = store.import_private_key(pem, "correct horse")
    assert public.name == romeo_key.name
    assert store.names() == [romeo_key.name]
    unlocked = store.unlock(romeo_key.name, "correct horse")
    assert unlocked.key.private_numbers() == romeo_key.key.private_numbers()


@pytest.mark.parametrize("fmt", FORMATS.values(), ids=FORMATS.keys())
def test_import_passphrase_protected_pem(
    store: KeyStore, romeo_key: PrivateKey, fmt: tuple[serialization.PrivateFormat, bytes]
) -> None:
    pem = _pem(romeo_key, fmt[0], b"old secret")
    with pytest.raises(CryptoError, match="enter its passphrase"):
        store.import_private_key(pem, "new secret")
    with pytest.raises(CryptoError, match="passphrase is wrong"):
        store.import_private_key(pem, "new secret", pem_passphrase="guess")
    public = store.import_private_key(pem, "new secret", pem_passphrase="old secret")
    assert store.unlock(public.name, "new secret").name == romeo_key.name


def test_stored_key_is_encrypted_pkcs8_with_private_permissions(
    store: KeyStore, romeo_key: PrivateKey
) -> None:
    store.import_private_key(_pem(romeo_key, serialization.PrivateFormat.PKCS8, None), "pw")
    assert stat.S_IMODE(store.directory.stat().st_mode) == 0o700
    files = sorted(store.directory.iterdir())
    assert len(files) == 3  # the private key, the public key, its name and aliases
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    private_file = next(p for p in files if p.name.endswith(".key.pem"))
    assert private_file.read_bytes().startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")


def test_wrong_passphrase_is_a_clear_error(store: KeyStore, romeo_key: PrivateKey) -> None:
    pem = _pem(romeo_key, serialization.PrivateFormat.PKCS8, None)
    public = store.import_private_key(pem, "right one")
    with pytest.raises(CryptoError, match=r"passphrase .* is wrong") as caught:
        store.unlock(public.name, "wrong one")
    assert public.name in caught.value.user_message


def test_an_empty_passphrase_is_refused(store: KeyStore, romeo_key: PrivateKey) -> None:
    pem = _pem(romeo_key, serialization.PrivateFormat.PKCS8, None)
    with pytest.raises(CryptoError, match="passphrase is needed"):
        store.import_private_key(pem, "")
    assert store.names() == []


def test_generate_makes_rsa_3072_and_exports_its_public_key(store: KeyStore) -> None:
    public = store.generate("pw")
    assert public.key.key_size == 3072
    exported = store.export_public_key(public.name)
    assert exported.startswith(b"-----BEGIN PUBLIC KEY-----")
    assert public_key_from_pem(exported).name == public.name


def test_fingerprint_is_sha256_of_the_spki_in_hex_groups(
    tmp_path: Path, romeo_key: PrivateKey
) -> None:
    der = romeo_key.key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    name = fingerprint(romeo_key.key.public_key())
    assert name.replace(":", "") == hashlib.sha256(der).hexdigest()
    assert [len(group) for group in name.split(":")] == [4] * 16
    # Stable across import formats and a fresh store on the same folder.
    first = KeyStore(tmp_path).import_private_key(
        _pem(romeo_key, serialization.PrivateFormat.TraditionalOpenSSL, None), "pw"
    )
    assert KeyStore(tmp_path).names() == [first.name] == [name]
    assert KeyStore(tmp_path).public_key(name).name == name


def test_unknown_key_and_non_rsa_key_are_refused(store: KeyStore) -> None:
    with pytest.raises(CryptoError, match="no key “dead:beef”"):
        store.unlock("dead:beef", "pw")
    ec_key = ec.generate_private_key(ec.SECP256R1())
    pem = ec_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    with pytest.raises(CryptoError, match="Only RSA"):
        store.import_private_key(pem, "pw")
    with pytest.raises(CryptoError, match="not a PEM, DER or PKCS#12 private key"):
        store.import_private_key(b"hello", "pw")


def test_delete_removes_both_files(store: KeyStore, romeo_key: PrivateKey) -> None:
    public = store.import_private_key(
        _pem(romeo_key, serialization.PrivateFormat.PKCS8, None), "pw"
    )
    store.delete(public.name)
    assert store.names() == []
    assert list(store.directory.iterdir()) == []
