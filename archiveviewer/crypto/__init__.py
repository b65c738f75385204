"""crypto layer of archiveviewer (see ARCHITECTURE.md): W3C XML Encryption and the key store.

The interface other layers use:

- :class:`KeyStore`, :class:`PublicKey`, :class:`PrivateKey`, :class:`StoredKey`: the
  user's RSA keys, called by the names the archives give them.
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
from archiveviewer.crypto.keyfiles import key_file_needs_passphrase
from archiveviewer.crypto.keystore import (
    KeyStore,
    PrivateKey,
    PublicKey,
    StoredKey,
    check_name,
    public_key_from_pem,
)
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
    "StoredKey",
    "check_name",
    "key_file_needs_passphrase",
    "prepare_encrypted_store",
    "public_key_from_pem",
    "rekey",
]
