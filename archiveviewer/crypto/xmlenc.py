"""Reading and writing ``EncryptedData`` and ``EncryptedKey`` elements.

XEP-0136 uses W3C XML Encryption in a fixed shape: an ``EncryptedData``
names its data key in ``KeyInfo/KeyName``; each ``EncryptedKey`` carries that
name in ``CarriedKeyName`` and names the user's public key in its own
``KeyInfo/KeyName``. Reading is liberal (the seed puts ``CarriedKeyName``
first, white space inside ``CipherValue`` is common); writing follows the
W3C schema order so that other implementations such as xmlsec1 accept it.
"""

from __future__ import annotations

import base64
import binascii
import functools
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field, replace
from xml.sax.saxutils import escape, quoteattr

from archiveviewer.crypto.algorithms import (
    RSA_OAEP,
    XMLDSIG,
    XMLENC,
    XMLENC11,
    KeyTransport,
)
from archiveviewer.domain import EncryptedItem, EncryptedKind
from archiveviewer.errors import CryptoError, MalformedInput
from archiveviewer.protocol.codec import MAX_ENCRYPTED_CHARS
from archiveviewer.protocol.names import local_name
from archiveviewer.protocol.safexml import parse_xml

CONTENT_TYPE = XMLENC + "Content"
ENCRYPTED_KEY_TYPE = XMLENC + "EncryptedKey"
#: The largest EncryptedData/EncryptedKey we agree to read, in characters: the text
#: the codec accepts, and room for the markup around it.
MAX_ELEMENT_CHARS = MAX_ENCRYPTED_CHARS + 1024 * 1024
_WHITESPACE = b" \t\r\n"
#: How much base64 text with line breaks is compacted and decoded at a time.
_DECODE_CHARS = 1 << 21
_CLOSING_TAG = re.compile(r"</(?:[A-Za-z_][\w.-]*:)?CipherValue>")


@dataclass(frozen=True)
class EncryptedKeyElement:
    """The parts of an ``EncryptedKey`` element that unwrapping needs.

    ``element_id`` is its ``Id`` attribute, the target of a ``RetrievalMethod``.
    """

    transport: KeyTransport
    key_name: str | None
    carried_key_name: str | None
    cipher_value: bytes
    element_id: str | None = None


@dataclass
class EncryptedDataElement:
    """The parts of an ``EncryptedData`` element that decryption needs.

    Not frozen: the decryptor empties ``cipher_value`` as soon as it is
    done with it, so that a large one is freed while the content is read.

    ``embedded_keys`` are EncryptedKeys inside its ``KeyInfo`` (the W3C
    layout, as xmlsec1 writes it); ``references`` the ``Id``s of sibling
    EncryptedKeys its ``KeyInfo/RetrievalMethod`` points to. XEP-0136 names
    the data key in ``KeyInfo/KeyName`` instead; either may be present.
    """

    algorithm: str
    key_name: str | None
    cipher_value: bytes | bytearray = field(repr=False)
    embedded_keys: tuple[EncryptedKeyElement, ...] = ()
    references: tuple[str, ...] = ()


def _child(parent: ET.Element, ns: str, name: str) -> ET.Element | None:
    return parent.find(f"{{{ns}}}{name}")


def _text(element: ET.Element | None) -> str | None:
    if element is None or element.text is None:
        return None
    return element.text.strip() or None


def decode_base64(text: str | None, start: int = 0, end: int | None = None) -> bytes | bytearray:
    """Decode a CipherValue (``text[start:end]``), tolerating white space and nothing else.

    Plain base64 is decoded in one call (the fastest way, and at most the
    text's size in transient memory). Base64 broken into lines is compacted
    and decoded a piece at a time into one growing buffer.
    """
    if not text:
        raise CryptoError("the CipherValue is empty")
    stop = len(text) if end is None else end
    value = text if start == 0 and stop == len(text) else text[start:stop]
    try:
        decoded = binascii.a2b_base64(value)
    except (binascii.Error, ValueError):
        decoded = None
    # The lenient decoder (faster than strict mode) skips what is not base64;
    # a value of only base64 characters decodes to exactly this many bytes.
    padding = 2 if value.endswith("==") else 1 if value.endswith("=") else 0
    if decoded and not len(value) % 4 and len(decoded) == len(value) // 4 * 3 - padding:
        return decoded
    del decoded, value
    return _decode_compacting(text, start, stop, bytearray())


def _decode_compacting(text: str, at: int, stop: int, out: bytearray) -> bytearray:
    carry = b""
    while at < stop:
        upto = min(at + _DECODE_CHARS, stop)
        compact = carry + text[at:upto].encode("ascii", "replace").translate(None, _WHITESPACE)
        whole = len(compact) if upto == stop else len(compact) - len(compact) % 4
        carry = compact[whole:]
        if whole and upto < stop and compact[whole - 1 : whole] == b"=":
            raise CryptoError("the CipherValue is not valid base64")
        try:
            out += binascii.a2b_base64(compact[:whole], strict_mode=True)
        except (binascii.Error, ValueError):
            raise CryptoError("the CipherValue is not valid base64") from None
        at = upto
    if not out:
        raise CryptoError("the CipherValue is empty")
    return out


def _method(root: ET.Element) -> ET.Element:
    method = _child(root, XMLENC, "EncryptionMethod")
    if method is None or not method.get("Algorithm"):
        raise CryptoError(f"the {local_name(root.tag)} element names no encryption algorithm")
    return method


def _cipher_value(root: ET.Element, lifted: _Lifted | None) -> bytes | bytearray:
    cipher_data = _child(root, XMLENC, "CipherData")
    value = None if cipher_data is None else _child(cipher_data, XMLENC, "CipherValue")
    if value is None:
        if cipher_data is not None and _child(cipher_data, XMLENC, "CipherReference") is not None:
            raise CryptoError(
                f"the {local_name(root.tag)} element refers to its data elsewhere "
                "(CipherReference), which is not fetched"
            )
        raise CryptoError(f"the {local_name(root.tag)} element holds no CipherValue")
    if lifted is not None and _is_last_empty_cipher_value(root, value):
        return decode_base64(lifted.xml, lifted.start, lifted.end)
    return decode_base64(value.text)


def _is_last_empty_cipher_value(root: ET.Element, value: ET.Element) -> bool:
    last = None
    for last in root.iter(f"{{{XMLENC}}}CipherValue"):  # noqa: B007 - we want the last one
        pass
    return last is value and value.text is None and len(value) == 0


@dataclass(frozen=True)
class _Lifted:
    """Where the text of the last CipherValue lies in the item's XML."""

    xml: str
    start: int
    end: int


def _lift_cipher_value(xml: str) -> tuple[str, _Lifted] | None:
    """Cut the text of the last CipherValue out of ``xml``: (the rest, where that text is).

    A large CipherValue is most of an EncryptedData; running it through the
    XML parser doubles the cost of decryption, and copying it out costs its
    size once more. The text is taken out only when it is plain base64 and
    white space (anything else, such as a character reference, falls back to
    the full parse), so the rest parses to the same tree with that one
    element empty, and the text is decoded in place later.
    """
    close = xml.rfind("CipherValue>")
    end = xml.rfind("</", 0, close)
    if close < 0 or end < 0 or not _CLOSING_TAG.fullmatch(xml, end, close + 12):
        return None
    start = xml.rfind(">", 0, end) + 1
    if start >= end:
        return None
    # A "<" in between leaves a CipherValue that is not empty in the rest (seen
    # there); an "&" makes the text fail to decode: both fall back to the full parse.
    return xml[:start] + xml[end:], _Lifted(xml, start, end)


def _key_name(root: ET.Element) -> str | None:
    key_info = _child(root, XMLDSIG, "KeyInfo")
    return None if key_info is None else _text(_child(key_info, XMLDSIG, "KeyName"))


def _checked(item: EncryptedItem, expected: EncryptedKind) -> str:
    if len(item.xml) > MAX_ELEMENT_CHARS:
        raise CryptoError(f"the {expected.value} element is too large ({len(item.xml)} characters)")
    return item.xml


def _parse_root(xml: str, expected: EncryptedKind) -> ET.Element:
    try:
        root = parse_xml(xml, max_bytes=4 * MAX_ELEMENT_CHARS)
    except MalformedInput as exc:
        raise CryptoError(
            f"the {expected.value} element does not parse: {exc.user_message}"
        ) from None
    if root.tag != f"{{{XMLENC}}}{expected.value}":
        raise CryptoError(f"expected an {expected.value} element, found “{local_name(root.tag)}”")
    return root


@dataclass(frozen=True)
class _DataShape:
    """An EncryptedData without its CipherValue; ``lifted`` when that value was cut out."""

    algorithm: str
    key_name: str | None
    embedded_keys: tuple[EncryptedKeyElement, ...]
    references: tuple[str, ...]
    lifted: bool


def read_encrypted_data(item: EncryptedItem) -> EncryptedDataElement:
    """Parse an ``EncryptedData`` item into its algorithm, key names, keys and bytes."""
    lifted = _lift_cipher_value(_checked(item, EncryptedKind.DATA))
    if lifted is not None:
        shape = _lifted_shape(lifted[0])
        if shape.lifted:
            where = lifted[1]
            try:
                value = decode_base64(where.xml, where.start, where.end)
            except CryptoError:
                pass  # perhaps character references: the parser resolves them
            else:
                return _data_element(shape, item, value)
    root = _parse_root(item.xml, EncryptedKind.DATA)
    return _data_element(_shape(root, lifted=False), item, _cipher_value(root, None))


@functools.lru_cache(maxsize=64)
def _lifted_shape(rest: str) -> _DataShape:
    # The markup around the CipherValue is the same for every EncryptedData made
    # with one data key: parsing it once makes decrypting many small ones cheap.
    return _shape(_parse_root(rest, EncryptedKind.DATA), lifted=True)


def _shape(root: ET.Element, *, lifted: bool) -> _DataShape:
    key_info = _child(root, XMLDSIG, "KeyInfo")
    embedded: list[EncryptedKeyElement] = []
    references: list[str] = []
    if key_info is not None:
        for nested in key_info.iterfind(f"{{{XMLENC}}}EncryptedKey"):
            try:
                embedded.append(_key_element(nested))
            except CryptoError as exc:
                raise CryptoError(
                    f"the EncryptedKey inside it cannot be read: {exc.user_message}"
                ) from None
        references = [_reference(m) for m in key_info.iterfind(f"{{{XMLDSIG}}}RetrievalMethod")]
    cipher_data = _child(root, XMLENC, "CipherData")
    own = None if cipher_data is None else _child(cipher_data, XMLENC, "CipherValue")
    return _DataShape(
        algorithm=_method(root).get("Algorithm", ""),
        key_name=_key_name(root),
        embedded_keys=tuple(embedded),
        references=tuple(references),
        lifted=lifted and own is not None and _is_last_empty_cipher_value(root, own),
    )


def _data_element(
    shape: _DataShape, item: EncryptedItem, cipher_value: bytes | bytearray
) -> EncryptedDataElement:
    return EncryptedDataElement(
        algorithm=shape.algorithm,
        key_name=shape.key_name or item.key_name,
        cipher_value=cipher_value,
        embedded_keys=shape.embedded_keys,
        references=shape.references,
    )


def _reference(method: ET.Element) -> str:
    uri = method.get("URI", "")
    kind = method.get("Type")
    if kind not in (None, ENCRYPTED_KEY_TYPE) or not uri.startswith("#") or len(uri) < 2:
        # Only a reference to an element beside it: never a fetch from elsewhere.
        raise CryptoError(
            f"its RetrievalMethod points to “{uri}”, which is not an EncryptedKey beside it"
        )
    return uri[1:]


def _transport(method: ET.Element) -> KeyTransport:
    digest = _child(method, XMLDSIG, "DigestMethod")
    mgf = _child(method, XMLENC11, "MGF")
    params = _text(_child(method, XMLENC, "OAEPparams"))
    return KeyTransport(
        uri=method.get("Algorithm", ""),
        digest=None if digest is None else digest.get("Algorithm"),
        mgf=None if mgf is None else mgf.get("Algorithm"),
        oaep_params=None if params is None else bytes(decode_base64(params)),
    )


def _key_element(root: ET.Element) -> EncryptedKeyElement:
    return EncryptedKeyElement(
        transport=_transport(_method(root)),
        key_name=_key_name(root),
        carried_key_name=_text(_child(root, XMLENC, "CarriedKeyName")),
        cipher_value=bytes(_cipher_value(root, None)),
        element_id=root.get("Id"),
    )


def read_encrypted_key(item: EncryptedItem) -> EncryptedKeyElement:
    """Parse an ``EncryptedKey`` item into its transport, names and bytes."""
    # An EncryptedKey is small: parsed whole, its CipherValue is not worth lifting.
    root = _parse_root(_checked(item, EncryptedKind.KEY), EncryptedKind.KEY)
    element = _key_element(root)
    return replace(
        element,
        key_name=element.key_name or item.key_name,
        carried_key_name=element.carried_key_name or item.carried_key_name,
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _key_info(name: str) -> str:
    return f"<KeyInfo xmlns='{XMLDSIG}'><KeyName>{escape(name)}</KeyName></KeyInfo>"


def write_encrypted_data(algorithm: str, key_name: str, cipher_value: bytes) -> EncryptedItem:
    """Build the ``EncryptedData`` item for encrypted ``to/from/note`` content."""
    xml = (
        f"<EncryptedData xmlns='{XMLENC}' Type='{CONTENT_TYPE}'>"
        f"<EncryptionMethod Algorithm={quoteattr(algorithm)}/>"
        f"{_key_info(key_name)}"
        f"<CipherData><CipherValue>{_b64(cipher_value)}</CipherValue></CipherData>"
        "</EncryptedData>"
    )
    return EncryptedItem(EncryptedKind.DATA, xml, key_name=key_name)


def _method_xml(transport: KeyTransport) -> str:
    inner = ""
    if transport.oaep_params:
        inner += f"<OAEPparams>{_b64(transport.oaep_params)}</OAEPparams>"
    if transport.digest:
        inner += f"<DigestMethod xmlns='{XMLDSIG}' Algorithm={quoteattr(transport.digest)}/>"
    if transport.mgf and transport.uri == RSA_OAEP:
        inner += f"<MGF xmlns='{XMLENC11}' Algorithm={quoteattr(transport.mgf)}/>"
    if not inner:
        return f"<EncryptionMethod Algorithm={quoteattr(transport.uri)}/>"
    return f"<EncryptionMethod Algorithm={quoteattr(transport.uri)}>{inner}</EncryptionMethod>"


def write_encrypted_key(
    transport: KeyTransport, public_key_name: str, carried_key_name: str, cipher_value: bytes
) -> EncryptedItem:
    """Build the ``EncryptedKey`` item that carries one wrapped data key."""
    xml = (
        f"<EncryptedKey xmlns='{XMLENC}'>"
        f"{_method_xml(transport)}"
        f"{_key_info(public_key_name)}"
        f"<CipherData><CipherValue>{_b64(cipher_value)}</CipherValue></CipherData>"
        f"<CarriedKeyName>{escape(carried_key_name)}</CarriedKeyName>"
        "</EncryptedKey>"
    )
    return EncryptedItem(
        EncryptedKind.KEY, xml, key_name=public_key_name, carried_key_name=carried_key_name
    )
