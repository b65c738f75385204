"""Each XML Encryption algorithm both ways, checked against raw `cryptography`."""

from __future__ import annotations

import os

import pytest
from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from archiveviewer.crypto import algorithms as A
from archiveviewer.crypto.keystore import PrivateKey
from archiveviewer.errors import CryptoError

PLAINTEXT = b"<from secs='0'><body>Art thou not Romeo?</body></from>" * 3


@pytest.mark.parametrize("uri", sorted(A.BLOCK_CIPHERS))
@pytest.mark.parametrize("size", [0, 1, 15, 16, 17, 1000])
def test_every_block_cipher_round_trips(uri: str, size: int) -> None:
    key = os.urandom(A.BLOCK_CIPHERS[uri].key_size)
    plaintext = os.urandom(size)
    encrypted = A.encrypt_block(uri, key, plaintext)
    assert size < 16 or plaintext not in encrypted
    assert A.decrypt_block(uri, key, encrypted) == plaintext


def _raw_cbc(uri: str, key: bytes, iv: bytes, padded: bytes) -> bytes:
    algorithm = TripleDES(key) if uri == A.TRIPLEDES_CBC else algorithms.AES(key)
    encryptor = Cipher(algorithm, modes.CBC(iv)).encryptor()
    return iv + encryptor.update(padded) + encryptor.finalize()


@pytest.mark.parametrize("uri", [A.AES128_CBC, A.AES192_CBC, A.AES256_CBC, A.TRIPLEDES_CBC])
def test_cbc_padding_only_the_last_byte_counts(uri: str) -> None:
    cipher = A.BLOCK_CIPHERS[uri]
    key, iv = os.urandom(cipher.key_size), os.urandom(cipher.block_size)
    pad = cipher.block_size - len(PLAINTEXT) % cipher.block_size
    # Arbitrary padding bytes that are not PKCS#7: an XML Encryption reader must accept them.
    padded = PLAINTEXT + b"\xee" * (pad - 1) + bytes([pad])
    assert A.decrypt_block(uri, key, _raw_cbc(uri, key, iv, padded)) == PLAINTEXT


@pytest.mark.parametrize("last", [0, 17, 255])
def test_cbc_padding_out_of_range_is_an_error(last: int) -> None:
    key, iv = os.urandom(16), os.urandom(16)
    padded = b"x" * 31 + bytes([last])
    with pytest.raises(CryptoError, match="padding"):
        A.decrypt_block(A.AES128_CBC, key, _raw_cbc(A.AES128_CBC, key, iv, padded))


def test_cbc_with_a_length_cbc_cannot_make_is_an_error() -> None:
    with pytest.raises(CryptoError, match="length"):
        A.decrypt_block(A.AES128_CBC, os.urandom(16), os.urandom(40))


@pytest.mark.parametrize("uri", [A.AES128_GCM, A.AES192_GCM, A.AES256_GCM])
def test_gcm_layout_is_iv_then_ciphertext_then_tag(uri: str) -> None:
    key, iv = os.urandom(A.BLOCK_CIPHERS[uri].key_size), os.urandom(12)
    raw = iv + AESGCM(key).encrypt(iv, PLAINTEXT, None)  # cryptography appends the tag
    assert A.decrypt_block(uri, key, raw) == PLAINTEXT
    ours = A.encrypt_block(uri, key, PLAINTEXT)
    assert AESGCM(key).decrypt(ours[:12], ours[12:], None) == PLAINTEXT
    assert len(ours) == 12 + len(PLAINTEXT) + 16


@pytest.mark.parametrize("position", [0, 20, -1])
def test_gcm_tampering_anywhere_is_detected(position: int) -> None:
    key = os.urandom(32)
    data = bytearray(A.encrypt_block(A.AES256_GCM, key, PLAINTEXT))
    data[position] ^= 0x01
    with pytest.raises(CryptoError, match="altered"):
        A.decrypt_block(A.AES256_GCM, key, bytes(data))


def test_gcm_too_short_is_an_error() -> None:
    with pytest.raises(CryptoError, match="too short"):
        A.decrypt_block(A.AES128_GCM, os.urandom(16), os.urandom(27))


def test_wrong_key_size_is_an_error() -> None:
    with pytest.raises(CryptoError, match="128 bits but aes256-cbc needs 256"):
        A.decrypt_block(A.AES256_CBC, os.urandom(16), os.urandom(48))


def test_unknown_block_algorithm_is_named() -> None:
    with pytest.raises(CryptoError, match="urn:example:rot13"):
        A.decrypt_block("urn:example:rot13", os.urandom(16), os.urandom(48))


def _oaep(
    mgf: type[hashes.HashAlgorithm], digest: type[hashes.HashAlgorithm], label: bytes | None
) -> padding.OAEP:
    # SHA-1 in OAEP and MGF1 is XML Encryption's default, so the tests must use it.
    return padding.OAEP(padding.MGF1(mgf()), digest(), label)


TRANSPORTS = [
    (A.KeyTransport(A.RSA_1_5), padding.PKCS1v15()),
    (
        A.KeyTransport(A.RSA_OAEP_MGF1P),
        _oaep(hashes.SHA1, hashes.SHA1, None),
    ),
    (
        # rsa-oaep-mgf1p: DigestMethod changes the OAEP digest, never the MGF (always SHA-1).
        A.KeyTransport(A.RSA_OAEP_MGF1P, digest=A.SHA256, mgf=A.MGF1_SHA256),
        _oaep(hashes.SHA1, hashes.SHA256, None),
    ),
    (
        A.KeyTransport(A.RSA_OAEP),
        _oaep(hashes.SHA1, hashes.SHA1, None),
    ),
    (
        A.KeyTransport(A.RSA_OAEP, digest=A.SHA256, mgf=A.MGF1_SHA256),
        _oaep(hashes.SHA256, hashes.SHA256, None),
    ),
    (
        A.KeyTransport(A.RSA_OAEP, digest=A.SHA512, mgf=A.MGF1_SHA1),
        _oaep(hashes.SHA1, hashes.SHA512, None),
    ),
    (
        A.KeyTransport(A.RSA_OAEP, digest=A.SHA384, mgf=A.MGF1_SHA384, oaep_params=b"label"),
        _oaep(hashes.SHA384, hashes.SHA384, b"label"),
    ),
]


@pytest.mark.parametrize(("transport", "raw_padding"), TRANSPORTS)
def test_every_key_transport_both_ways(
    romeo_key: PrivateKey, transport: A.KeyTransport, raw_padding: padding.AsymmetricPadding
) -> None:
    data_key = os.urandom(32)
    theirs = romeo_key.key.public_key().encrypt(data_key, raw_padding)
    assert A.unwrap_key(transport, romeo_key.key, theirs) == data_key
    ours = A.wrap_key(transport, romeo_key.key.public_key(), data_key)
    assert romeo_key.key.decrypt(ours, raw_padding) == data_key


@pytest.mark.parametrize(("transport", "_raw"), TRANSPORTS)
def test_unwrapping_with_the_wrong_private_key_fails(
    romeo_key: PrivateKey, stranger_key: PrivateKey, transport: A.KeyTransport, _raw: object
) -> None:
    wrapped = A.wrap_key(transport, romeo_key.key.public_key(), os.urandom(16))
    # With PKCS#1 v1.5 only the expected key size can tell (implicit rejection returns noise).
    with pytest.raises(CryptoError, match="does not open"):
        A.unwrap_key(transport, stranger_key.key, wrapped, expected_size=16)


@pytest.mark.parametrize(
    "transport",
    [
        A.KeyTransport("urn:example:rsa-magic"),
        A.KeyTransport(A.RSA_OAEP, digest="urn:example:md4"),
        A.KeyTransport(A.RSA_OAEP, mgf="urn:example:mgf9"),
    ],
)
def test_unknown_transport_digest_or_mgf_is_named(
    romeo_key: PrivateKey, transport: A.KeyTransport
) -> None:
    with pytest.raises(CryptoError, match="urn:example:"):
        A.unwrap_key(transport, romeo_key.key, b"\0" * 256)
