"""Collections between XML and :mod:`archiveviewer.domain`, in either dialect.

Reading turns ``<store/>`` (seed) or ``<chat/>`` (``urn:xmpp:archive``) into
a :class:`~archiveviewer.domain.Collection`; message times become absolute
here, once (see :mod:`archiveviewer.protocol.timing`). Writing does the
inverse and is strict: ``secs`` chosen to track absolute time, ``utc`` only
where needed, ``<body/>`` only unless the save mode asks for whole messages,
and never ``<thread/>``, delayed-delivery, message-event or chat-state
elements (the seed forbids them).

The functions take and return plain ElementTree elements: pass
``iq['archive_seed_store'].xml`` from slixmpp, or an element read from a file.
"""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime

from slixmpp.jid import JID, InvalidJID

from archiveviewer.domain import (
    Collection,
    CollectionId,
    Dialect,
    Direction,
    EncryptedItem,
    EncryptedKind,
    Item,
    Message,
    Note,
    SaveMode,
)
from archiveviewer.errors import MalformedInput
from archiveviewer.protocol.names import (
    CLIENT_NS,
    FORBIDDEN_PAYLOAD_NS,
    XMLDSIG_NS,
    XMLENC_NS,
    DialectNames,
    local_name,
    names_of,
    namespace_of,
)
from archiveviewer.protocol.safexml import parse_xml
from archiveviewer.protocol.timing import Clock, wire_times
from archiveviewer.protocol.xep0082 import format_datetime
from archiveviewer.protocol.xmlutil import (
    bool_attr,
    element_text,
    int_attr,
    required_time,
    secs_attr,
    set_attr,
    time_attr,
)

#: Save modes under which whole messages (not just bodies) are uploaded.
WHOLE_MESSAGE_MODES = frozenset({SaveMode.ALL, SaveMode.MESSAGE, SaveMode.STREAM})

_ENCRYPTED_KINDS = {kind.value: kind for kind in EncryptedKind}
#: The most text an EncryptedData/EncryptedKey may hold (its CipherValue, mostly).
MAX_ENCRYPTED_CHARS = 64 * 1024 * 1024
_SPLICED_CHARS = 64 * 1024
_STAND_IN = "\x00"


@dataclass(frozen=True)
class _ItemTags:
    """The ElementTree tags a collection's items may have in one dialect, for quick lookups.

    Reading is on the sync's hot path (every message of every collection), so
    each child is classified by one dictionary lookup of its whole tag.
    """

    directions: dict[str, Direction]  # <to/>, <from/>
    note: str
    encrypted: frozenset[str]  # xenc:EncryptedData, xenc:EncryptedKey
    bodies: frozenset[str]  # <body/> in the dialect's namespace, jabber:client or none


def _item_tags(names: DialectNames) -> _ItemTags:
    return _ItemTags(
        directions={names.tag(d.value): d for d in Direction},
        note=names.tag("note"),
        encrypted=frozenset(f"{{{XMLENC_NS}}}{kind}" for kind in _ENCRYPTED_KINDS),
        bodies=frozenset({names.tag("body"), f"{{{CLIENT_NS}}}body", "body"}),
    )


_ITEM_TAGS = {dialect: _item_tags(names_of(dialect)) for dialect in Dialect}

# --- Reading -------------------------------------------------------------------------


def collection_from_element(
    element: ET.Element, dialect: Dialect, *, default_with: str | None = None
) -> Collection:
    """Read one ``<store/>`` or ``<chat/>`` element into a Collection.

    ``default_with`` is used when the element has no ``with`` (a ``<store/>``
    inside a file's ``<archive with='…'>``). Items keep their document order;
    RSM ``<set/>`` and unknown children are skipped. Raises
    :class:`MalformedInput` for missing or unreadable keys and times.
    """
    names = names_of(dialect)
    with_jid = element.get("with") or default_with
    if not with_jid:
        raise MalformedInput(f"A <{names.collection}/> element does not say whom it is with.")
    _check_jid(with_jid, names.collection)
    try:
        start = required_time(element, "start")
    except MalformedInput as exc:
        raise MalformedInput(
            f"The conversation with {with_jid} cannot be read: its start is wrong. "
            f"{exc.user_message}"
        ) from None
    try:
        return _collection(element, with_jid, start, _ITEM_TAGS[dialect])
    except MalformedInput as exc:
        raise MalformedInput(
            f"The conversation with {with_jid} that starts at {format_datetime(start)} "
            f"cannot be read. {exc.user_message}"
        ) from None


def _collection(element: ET.Element, with_jid: str, start: datetime, tags: _ItemTags) -> Collection:
    clock = Clock(start)
    items = tuple(
        item for child in element if (item := _item_from_element(child, tags, clock)) is not None
    )
    return Collection(
        id=CollectionId(start=start, with_jid=with_jid),
        subject=element.get("subject"),
        crypt=bool(bool_attr(element, "crypt")),
        thread=element.get("thread"),
        version=_version(element),
        items=items,
    )


def _version(element: ET.Element) -> int | None:
    version = int_attr(element, "version")
    if version is not None and version < 0:
        raise MalformedInput(f"Its “version” is {version}, not a version number.")
    return version


def _check_jid(with_jid: str, collection: str) -> None:
    try:
        JID(with_jid)
    except InvalidJID:
        raise MalformedInput(
            f"A <{collection}/> element is with “{with_jid[:64]}”, which is not an XMPP address."
        ) from None


def collections_in(element: ET.Element, dialect: Dialect) -> list[Collection]:
    """Every collection directly inside ``element``, in order.

    Works for a ``<list/>`` result (headers only), a ``<save/>`` result (the
    new version), a ``<keys/>`` result (EncryptedKeys per collection) and a
    file's ``<archive/>`` (whose ``with`` is the default for its stores).
    """
    names = names_of(dialect)
    tag = names.tag(names.collection)
    default_with = element.get("with")
    return [
        collection_from_element(child, dialect, default_with=default_with)
        for child in element
        if child.tag == tag
    ]


def collection_in(element: ET.Element, dialect: Dialect) -> Collection:
    """The one collection directly inside ``element``.

    For a ``retrieve`` result pass the ``<iq/>`` (the ``<store/>``/``<chat/>``
    is its child); for an upload result pass the ``<save/>`` (urn) or the
    ``<iq/>``. Raises :class:`MalformedInput` when there is none.
    """
    found = collections_in(element, dialect)
    if not found:
        collection = names_of(dialect).collection
        raise MalformedInput(f"The server's answer holds no <{collection}/> collection.")
    return found[0]


def _item_from_element(child: ET.Element, tags: _ItemTags, clock: Clock) -> Item | None:
    tag = child.tag
    direction = tags.directions.get(tag)
    if direction is not None:
        return _message_from_element(child, direction, tags, clock)
    if tag == tags.note:
        return Note(text=child.text or "", time=time_attr(child, "utc"))
    if tag in tags.encrypted:
        return encrypted_item_from_element(child)
    return None


def _is_body(child: ET.Element, names: DialectNames) -> bool:
    return local_name(child.tag) == "body" and namespace_of(child.tag) in (names.ns, CLIENT_NS, "")


def _message_from_element(
    element: ET.Element, direction: Direction, tags: _ItemTags, clock: Clock
) -> Message:
    utc = element.get("utc")
    time = clock.read(secs_attr(element), time_attr(element, "utc") if utc is not None else None)
    body: str | None = None
    payload: list[str] = []
    for child in element:
        if body is None and child.tag in tags.bodies:
            body = child.text or ""
        else:
            payload.append(element_text(child))
    return Message(
        direction=direction,
        time=time,
        body=body,
        nick=element.get("name") or None,
        payload=tuple(payload),
    )


def encrypted_item_from_element(element: ET.Element) -> EncryptedItem:
    """Keep an ``EncryptedData``/``EncryptedKey`` as XML, with its key names.

    One larger than :data:`MAX_ENCRYPTED_CHARS` is refused before it is copied.
    """
    kind = _ENCRYPTED_KINDS[local_name(element.tag)]
    key_name = element.findtext(f"{{{XMLDSIG_NS}}}KeyInfo/{{{XMLDSIG_NS}}}KeyName")
    carried = element.findtext(f"{{{XMLENC_NS}}}CarriedKeyName")
    return EncryptedItem(
        kind=kind,
        xml=_encrypted_xml(element, kind),
        key_name=key_name.strip() if key_name else None,
        carried_key_name=carried.strip() if carried and kind is EncryptedKind.KEY else None,
    )


def _encrypted_xml(element: ET.Element, kind: EncryptedKind) -> str:
    # slixmpp's writer escapes text a character at a time, which for a CipherValue
    # of many megabytes costs many times its size. Large texts are written as
    # stand-ins and spliced into the result, so the one copy made is the result.
    size = sum(len(node.text or "") + len(node.tail or "") for node in element.iter())
    if size > MAX_ENCRYPTED_CHARS:
        raise MalformedInput(
            f"An {kind.value} element holds {size:,} characters of text, more than the "
            f"{MAX_ENCRYPTED_CHARS:,} this program accepts."
        )
    if not any(len(node.text or "") > _SPLICED_CHARS for node in element.iter()):
        return element_text(element)
    stand_in = copy.deepcopy(element)  # new elements, the same (shared) strings
    texts: list[str] = []
    for node in stand_in.iter():
        if node.text is not None and len(node.text) > _SPLICED_CHARS:
            texts.append(node.text)
            node.text = _STAND_IN  # NUL cannot occur in XML text: it marks the place
    pieces = element_text(stand_in).split(_STAND_IN)
    spliced = [pieces[0]]
    for text, piece in zip(texts, pieces[1:], strict=True):
        spliced += (_escaped(text), piece)
    return "".join(spliced)


def _escaped(text: str) -> str:
    if "&" in text or "<" in text or ">" in text:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text  # base64, the usual case: nothing to escape, nothing copied


# --- Writing -------------------------------------------------------------------------


def collection_element(
    collection: Collection, dialect: Dialect, *, save: SaveMode = SaveMode.BODY
) -> ET.Element:
    """Write a Collection as ``<store/>`` (seed) or ``<chat/>`` (urn).

    ``thread`` and ``version`` are written in ``urn:xmpp:archive`` only.
    ``save`` decides what of each message goes out: ``<body/>`` alone unless
    it asks for whole messages (``all``, ``message``, ``stream``), and even
    then never the elements the seed forbids.
    """
    names = names_of(dialect)
    element = ET.Element(names.tag(names.collection))
    _write_header(element, collection, names)
    messages = [item for item in collection.items if isinstance(item, Message)]
    times = iter(wire_times(collection.start, (m.time for m in messages)))
    for item in collection.items:
        if isinstance(item, Message):
            wire = next(times)
            element.append(_message_element(item, names, wire.secs, wire.utc, save))
        elif isinstance(item, Note):
            element.append(_note_element(item, names))
        else:
            element.append(parse_xml(item.xml))
    return element


def store_element(
    collection: Collection, dialect: Dialect, *, save: SaveMode = SaveMode.BODY
) -> ET.Element:
    """The payload of a manual upload: ``<store/>`` (seed) or ``<save><chat/></save>`` (urn).

    The ``version`` is left out: servers assign it and must ignore ours.
    """
    names = names_of(dialect)
    element = collection_element(collection, dialect, save=save)
    element.attrib.pop("version", None)
    if names.upload is None:
        return element
    wrapper = ET.Element(names.tag(names.upload))
    wrapper.append(element)
    return wrapper


def _write_header(element: ET.Element, collection: Collection, names: DialectNames) -> None:
    set_attr(element, "with", collection.with_jid)
    set_attr(element, "start", collection.start)
    set_attr(element, "subject", collection.subject)
    if collection.crypt:
        set_attr(element, "crypt", True)
    if names.dialect is Dialect.URN:
        set_attr(element, "thread", collection.thread)
        set_attr(element, "version", collection.version)


def _message_element(
    message: Message,
    names: DialectNames,
    secs: int | None,
    utc: datetime | None,
    save: SaveMode,
) -> ET.Element:
    element = ET.Element(names.tag(message.direction.value))
    set_attr(element, "secs", secs)
    set_attr(element, "utc", utc)
    set_attr(element, "name", message.nick)
    if message.body is not None:
        ET.SubElement(element, names.tag("body")).text = message.body
    if save in WHOLE_MESSAGE_MODES:
        element.extend(allowed_payload(message.payload, names.dialect))
    return element


def allowed_payload(payload: tuple[str, ...], dialect: Dialect) -> list[ET.Element]:
    """The payload elements that may be archived: never thread, delay, event, chat states."""
    names = names_of(dialect)
    kept = []
    for text in payload:
        child = parse_xml(text)
        if _is_forbidden(child) or _is_body(child, names):
            continue
        kept.append(child)
    return kept


def _is_forbidden(child: ET.Element) -> bool:
    return local_name(child.tag) == "thread" or namespace_of(child.tag) in FORBIDDEN_PAYLOAD_NS


def _note_element(note: Note, names: DialectNames) -> ET.Element:
    element = ET.Element(names.tag("note"))
    set_attr(element, "utc", note.time)
    element.text = note.text
    return element
