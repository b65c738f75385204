"""crypto layer of archiveviewer (see ARCHITECTURE.md): W3C XML Encryption and the key store.

The interface other layers use:

- :class:`KeyStore`, :class:`PublicKey`, :class:`PrivateKey`: the user's RSA keys.
- :class:`CollectionDecryptor`: decrypts collections, caching data keys per session.
- :func:`prepare_encrypted_store`: turns plaintext messages into what an encrypted store uploads.
- :func:`rekey` with a :class:`KeyArchive` session: replaces EncryptedKeys of an obsolete key.
"""

from archiveviewer.crypto.decrypt import CollectionDecryptor
from archiveviewer.crypto.encrypt import (
    DEFAULT_PROFILE,
    LEGACY_PROFILE,
    EncryptionProfile,
    prepare_encrypted_store,
)
from archiveviewer.crypto.keystore import KeyStore, PrivateKey, PublicKey, public_key_from_pem
from archiveviewer.crypto.rekey import KeyArchive, RekeyResult, rekey

__all__ = [
    "DEFAULT_PROFILE",
    "LEGACY_PROFILE",
    "CollectionDecryptor",
    "EncryptionProfile",
    "KeyArchive",
    "KeyStore",
    "PrivateKey",
    "PublicKey",
    "RekeyResult",
    "prepare_encrypted_store",
    "public_key_from_pem",
    "rekey",
]
