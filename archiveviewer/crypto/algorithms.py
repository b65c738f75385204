"""The W3C XML Encryption algorithms XEP-0136 collections use, on ``cryptography``.

Block encryption (``EncryptedData``): AES-CBC with the XML Encryption padding
rule (only the last byte counts), AES-GCM as XML Encryption 1.1 lays it out
(IV || ciphertext || tag), and Triple DES CBC for reading old archives.
Key transport (``EncryptedKey``): RSA PKCS#1 v1.5, RSA-OAEP with MGF1-SHA1
(``rsa-oaep-mgf1p``) and XML Encryption 1.1 RSA-OAEP with a chosen MGF.

Every failure raises :class:`~archiveviewer.errors.CryptoError` with a short
reason; the caller adds which collection and which keys were involved.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag

# Triple DES lives among the "decrepit" algorithms since cryptography 43: read-only use here.
from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from archiveviewer.errors import CryptoError

XMLENC = "http://www.w3.org/2001/04/xmlenc#"
XMLENC11 = "http://www.w3.org/2009/xmlenc11#"
XMLDSIG = "http://www.w3.org/2000/09/xmldsig#"

AES128_CBC = XMLENC + "aes128-cbc"
AES192_CBC = XMLENC + "aes192-cbc"
AES256_CBC = XMLENC + "aes256-cbc"
TRIPLEDES_CBC = XMLENC + "tripledes-cbc"
AES128_GCM = XMLENC11 + "aes128-gcm"
AES192_GCM = XMLENC11 + "aes192-gcm"
AES256_GCM = XMLENC11 + "aes256-gcm"

RSA_1_5 = XMLENC + "rsa-1_5"
RSA_OAEP_MGF1P = XMLENC + "rsa-oaep-mgf1p"
RSA_OAEP = XMLENC11 + "rsa-oaep"

SHA1 = XMLDSIG + "sha1"
SHA224 = "http://www.w3.org/2001/04/xmldsig-more#sha224"
SHA256 = XMLENC + "sha256"
SHA384 = "http://www.w3.org/2001/04/xmldsig-more#sha384"
SHA512 = XMLENC + "sha512"

MGF1_SHA1 = XMLENC11 + "mgf1sha1"
MGF1_SHA224 = XMLENC11 + "mgf1sha224"
MGF1_SHA256 = XMLENC11 + "mgf1sha256"
MGF1_SHA384 = XMLENC11 + "mgf1sha384"
MGF1_SHA512 = XMLENC11 + "mgf1sha512"

_DIGESTS: dict[str, type[hashes.HashAlgorithm]] = {
    SHA1: hashes.SHA1,
    SHA224: hashes.SHA224,
    SHA256: hashes.SHA256,
    SHA384: hashes.SHA384,
    SHA512: hashes.SHA512,
}
_MGF_DIGESTS: dict[str, type[hashes.HashAlgorithm]] = {
    MGF1_SHA1: hashes.SHA1,
    MGF1_SHA224: hashes.SHA224,
    MGF1_SHA256: hashes.SHA256,
    MGF1_SHA384: hashes.SHA384,
    MGF1_SHA512: hashes.SHA512,
}


@dataclass(frozen=True)
class BlockCipher:
    """One block encryption algorithm: its URI, key size and mode."""

    uri: str
    key_size: int
    gcm: bool
    block_size: int = 16


BLOCK_CIPHERS: dict[str, BlockCipher] = {
    AES128_CBC: BlockCipher(AES128_CBC, 16, gcm=False),
    AES192_CBC: BlockCipher(AES192_CBC, 24, gcm=False),
    AES256_CBC: BlockCipher(AES256_CBC, 32, gcm=False),
    TRIPLEDES_CBC: BlockCipher(TRIPLEDES_CBC, 24, gcm=False, block_size=8),
    AES128_GCM: BlockCipher(AES128_GCM, 16, gcm=True),
    AES192_GCM: BlockCipher(AES192_GCM, 24, gcm=True),
    AES256_GCM: BlockCipher(AES256_GCM, 32, gcm=True),
}
KEY_TRANSPORTS = frozenset({RSA_1_5, RSA_OAEP_MGF1P, RSA_OAEP})

GCM_IV_BYTES = 12
GCM_TAG_BYTES = 16


def block_cipher(uri: str) -> BlockCipher:
    """The block cipher named by ``uri``, or a CryptoError for an unknown one."""
    try:
        return BLOCK_CIPHERS[uri]
    except KeyError:
        raise CryptoError(f"the encryption algorithm “{uri}” is not supported") from None


def _cbc_algorithm(cipher: BlockCipher, key: bytes) -> algorithms.AES | TripleDES:
    if cipher.uri == TRIPLEDES_CBC:
        return TripleDES(key)
    return algorithms.AES(key)


def decrypt_block(uri: str, key: bytes, data: bytes | bytearray) -> bytes | bytearray:
    """Decrypt a CipherValue (IV first) with the block algorithm ``uri``.

    The result may be a bytearray: CBC decrypts into one buffer and drops
    the padding in place, so a large payload is never copied once more.
    """
    cipher = block_cipher(uri)
    if len(key) != cipher.key_size:
        raise CryptoError(
            f"the data key has {len(key) * 8} bits but {uri.rpartition('#')[2]} "
            f"needs {cipher.key_size * 8}"
        )
    if cipher.gcm:
        return _decrypt_gcm(key, data)
    return _decrypt_cbc(cipher, key, data)


def _decrypt_gcm(key: bytes, data: bytes | bytearray) -> bytes:
    if len(data) < GCM_IV_BYTES + GCM_TAG_BYTES:
        raise CryptoError("the encrypted data is too short for AES-GCM")
    try:
        # Slicing a memoryview avoids copying a large payload once more.
        with memoryview(data) as view:
            return AESGCM(key).decrypt(view[:GCM_IV_BYTES], view[GCM_IV_BYTES:], None)
    except InvalidTag:
        raise CryptoError(
            "the encrypted data has been altered or the data key is wrong "
            "(the AES-GCM authentication tag does not match)"
        ) from None


def _decrypt_cbc(cipher: BlockCipher, key: bytes, data: bytes | bytearray) -> bytearray:
    size = cipher.block_size
    if len(data) < 2 * size or len(data) % size:
        raise CryptoError("the encrypted data has a length that CBC mode cannot produce")
    plain = bytearray(len(data) - size + size - 1)
    with memoryview(data) as view:
        decryptor = Cipher(_cbc_algorithm(cipher, key), modes.CBC(view[:size])).decryptor()
        written = decryptor.update_into(view[size:], plain)
    decryptor.finalize()  # no padding mode, so nothing is held back
    del plain[written:]
    # XML Encryption padding: the last byte says how many bytes to drop; the
    # others are arbitrary, so only this byte can be checked.
    pad = plain[-1]
    if not 1 <= pad <= size:
        raise CryptoError("the padding of the decrypted data is wrong (wrong key or damaged data)")
    del plain[-pad:]
    return plain


def encrypt_block(uri: str, key: bytes, plaintext: bytes) -> bytes:
    """Encrypt ``plaintext`` for a CipherValue: a fresh IV, then the ciphertext."""
    cipher = block_cipher(uri)
    if len(key) != cipher.key_size:
        raise CryptoError(f"a data key for {uri} must have {cipher.key_size * 8} bits")
    if cipher.gcm:
        iv = os.urandom(GCM_IV_BYTES)
        return iv + AESGCM(key).encrypt(iv, plaintext, None)
    size = cipher.block_size
    pad = size - len(plaintext) % size
    padded = plaintext + os.urandom(pad - 1) + bytes([pad])
    iv = os.urandom(size)
    encryptor = Cipher(_cbc_algorithm(cipher, key), modes.CBC(iv)).encryptor()
    return iv + encryptor.update(padded) + encryptor.finalize()


@dataclass(frozen=True)
class KeyTransport:
    """How a data key is wrapped: the algorithm URI and, for OAEP, its parameters.

    ``digest`` is the DigestMethod (SHA-1 when absent), ``mgf`` the XML
    Encryption 1.1 MGF (MGF1-SHA1 when absent; ``rsa-oaep-mgf1p`` always uses
    MGF1-SHA1), ``oaep_params`` the OAEP label.
    """

    uri: str
    digest: str | None = None
    mgf: str | None = None
    oaep_params: bytes | None = None


def _rsa_padding(transport: KeyTransport) -> padding.AsymmetricPadding:
    if transport.uri == RSA_1_5:
        return padding.PKCS1v15()
    if transport.uri not in KEY_TRANSPORTS:
        raise CryptoError(f"the key transport algorithm “{transport.uri}” is not supported")
    digest = _lookup(_DIGESTS, transport.digest or SHA1, "digest")
    mgf_digest: type[hashes.HashAlgorithm] = hashes.SHA1
    if transport.uri == RSA_OAEP and transport.mgf is not None:
        mgf_digest = _lookup(_MGF_DIGESTS, transport.mgf, "mask generation function")
    return padding.OAEP(
        mgf=padding.MGF1(mgf_digest()), algorithm=digest(), label=transport.oaep_params or None
    )


def _lookup(
    table: dict[str, type[hashes.HashAlgorithm]], uri: str, what: str
) -> type[hashes.HashAlgorithm]:
    try:
        return table[uri]
    except KeyError:
        raise CryptoError(f"the {what} “{uri}” is not supported") from None


def unwrap_key(
    transport: KeyTransport,
    private_key: rsa.RSAPrivateKey,
    wrapped: bytes,
    expected_size: int | None = None,
) -> bytes:
    """Decrypt a wrapped data key with the user's private key.

    With RSA PKCS#1 v1.5, OpenSSL's implicit rejection returns random bytes
    instead of failing, so pass ``expected_size`` (the block cipher's key size)
    whenever it is known: a key of another size is reported as not opened.
    """
    scheme = _rsa_padding(transport)
    try:
        key = private_key.decrypt(wrapped, scheme)
    except ValueError:
        key = b""
    if not key or (expected_size is not None and len(key) != expected_size):
        raise CryptoError("the private key does not open this data key (wrong key or damaged data)")
    return key


def wrap_key(transport: KeyTransport, public_key: rsa.RSAPublicKey, data_key: bytes) -> bytes:
    """Encrypt a data key for one of the user's public keys."""
    try:
        return public_key.encrypt(data_key, _rsa_padding(transport))
    except ValueError as exc:
        raise CryptoError(f"the data key cannot be wrapped for this public key ({exc})") from None
