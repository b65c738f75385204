"""What both XML Encryption interop modules use: one conversation, its keys as PEM, two layouts.

``test_xmlsec_interop`` checks us against the ``xmlsec1`` program, ``test_xmlsec_library_interop``
against the newer libxmlsec1 of the ``xmlsec`` package; both encrypt and decrypt the same
conversation and move the EncryptedKey between xmlsec's layout (inside the EncryptedData's
KeyInfo) and XEP-0136's (a sibling linked by KeyName/CarriedKeyName).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from archiveviewer.crypto import algorithms as A
from archiveviewer.domain import Direction, EncryptedItem, EncryptedKind, Message, Note
from archiveviewer.protocol.safexml import parse_xml

ARCHIVE = "http://jabber.org/protocol/archive"
START = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
#: The conversation as the other side encrypts it, and as we read it back.
PLAINTEXT = (
    "<from secs='0'><body>Art thou not Romeo, and a Montague?</body></from>"
    "<to secs='11'><body>Neither, fair saint — &amp; “quotes”</body></to>"
    "<note utc='2024-05-01T12:05:00Z'>She might fancy me.</note>"
)
EXPECTED = (
    Message(Direction.FROM, START, "Art thou not Romeo, and a Montague?"),
    Message(Direction.TO, START + timedelta(seconds=11), "Neither, fair saint — & “quotes”"),
    Note("She might fancy me.", datetime(2024, 5, 1, 12, 5, tzinfo=UTC)),
)
#: What the other side finds in the ``<store/>`` it decrypted: (tag, text) of each child.
DECRYPTED = [
    (f"{{{ARCHIVE}}}from", "Art thou not Romeo, and a Montague?"),
    (f"{{{ARCHIVE}}}to", "Neither, fair saint — & “quotes”"),
    (f"{{{ARCHIVE}}}note", "She might fancy me."),
]
# (how the other client names its key, the name the user imports it under)
NAMINGS = {
    "imported-under-the-other-clients-name": ("psi-laptop", "psi-laptop"),
    "imported-without-a-name": ("psi-laptop", None),
    "named-nowhere": (None, None),
}
_ENC = f"{{{A.XMLENC}}}"
_DSIG = f"{{{A.XMLDSIG}}}"


def private_pem(key: rsa.RSAPrivateKey) -> bytes:
    """``key`` as an unencrypted PKCS#8 PEM, as another program reads it."""
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def public_pem(key: rsa.RSAPrivateKey) -> bytes:
    """The public half of ``key`` as a SubjectPublicKeyInfo PEM."""
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def to_xep0136_layout(document: str) -> tuple[EncryptedItem, EncryptedItem]:
    """Move xmlsec's nested EncryptedKey out beside the EncryptedData, linked by name.

    No CipherValue is touched.
    """
    data = parse_xml(document)
    key_info = data.find(f"{_DSIG}KeyInfo")
    assert key_info is not None
    key = key_info.find(f"{_ENC}EncryptedKey")
    assert key is not None
    key_info.remove(key)
    ET.SubElement(key_info, f"{_DSIG}KeyName").text = "dataKey1"
    ET.SubElement(key, f"{_ENC}CarriedKeyName").text = "dataKey1"
    public_name = key.findtext(f"{_DSIG}KeyInfo/{_DSIG}KeyName")
    return (
        EncryptedItem(EncryptedKind.DATA, ET.tostring(data, "unicode"), key_name="dataKey1"),
        EncryptedItem(
            EncryptedKind.KEY,
            ET.tostring(key, "unicode"),
            key_name=public_name,
            carried_key_name="dataKey1",
        ),
    )


def nested_store(data: EncryptedItem, key: EncryptedItem, with_jid: str) -> str:
    """Our EncryptedKey put inside the EncryptedData's KeyInfo (where xmlsec looks for it),
    in a ``<store/>``."""
    start = data.xml.index(f"<KeyInfo xmlns='{A.XMLDSIG}'>")
    end = data.xml.index("</KeyInfo>", start)
    nested = data.xml[:start] + f"<KeyInfo xmlns='{A.XMLDSIG}'>{key.xml}" + data.xml[end:]
    return f"<store xmlns='{ARCHIVE}' with='{with_jid}' start='x'>{nested}</store>"


def decrypted_texts(store: Iterable[ET.Element]) -> list[tuple[str, str | None]]:
    """(tag, body or text) of each child of a decrypted ``<store/>``."""
    return [(e.tag, e.findtext(f"{{{ARCHIVE}}}body") or e.text) for e in store]
