"""How domain values are written into columns and read back.

Times are stored as ISO text in UTC with microseconds and a ``Z``
(``2008-07-18T12:00:00.000000Z``), always 27 characters for years 1..9999,
so that text order is time order and ``substr`` gives years, months, days.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from archiveviewer.domain import Direction, EncryptedItem, EncryptedKind, Message, Note


def time_text(value: datetime) -> str:
    """An aware time as sortable UTC text with microseconds."""
    if value.tzinfo is None:
        raise ValueError("the replica stores aware times only")
    # isoformat (in C) writes four-digit years and, with this timespec, always
    # the microseconds: the same text as formatting each field, much faster.
    naive = value.astimezone(UTC).replace(tzinfo=None)
    return naive.isoformat(timespec="microseconds") + "Z"


def parse_time(text: str) -> datetime:
    """Read back a time written by :func:`time_text`."""
    return datetime.fromisoformat(text.removesuffix("Z")).replace(tzinfo=UTC)


def optional_time(text: str | None) -> datetime | None:
    """:func:`parse_time`, or None for a NULL column."""
    return None if text is None else parse_time(text)


def contact_of(with_jid: str) -> str:
    """The bare JID a collection's ``with`` belongs to, lower-cased.

    The local part and domain of a JID compare without case; the resource is
    dropped so that all of a contact's resources group together.
    """
    return with_jid.split("/", 1)[0].lower()


def payload_text(payload: tuple[str, ...]) -> str | None:
    """A message's extra XML children as one column (NULL when there are none)."""
    return json.dumps(list(payload)) if payload else None


def parse_payload(text: str | None) -> tuple[str, ...]:
    """Read back :func:`payload_text`."""
    if text is None:
        return ()
    values = json.loads(text)
    return tuple(str(v) for v in values)


#: The columns of an ``items`` row after ``collection`` and ``decrypted``:
#: ordinal, kind, direction, time, text, nick, payload.
ItemRow = tuple[int, str, str | None, str | None, str | None, str | None, str | None]


def item_row(ordinal: int, item: Message | Note) -> ItemRow:
    """The ``items`` columns of a message or a note."""
    if isinstance(item, Message):
        return (
            ordinal,
            "message",
            item.direction.value,
            time_text(item.time),
            item.body,
            item.nick,
            payload_text(item.payload),
        )
    time = None if item.time is None else time_text(item.time)
    return (ordinal, "note", None, time, item.text, None, None)


def item_from_row(
    kind: str,
    direction: str | None,
    time: str | None,
    text: str | None,
    nick: str | None,
    payload: str | None,
) -> Message | Note:
    """The message or note an ``items`` row holds."""
    if kind == "note":
        return Note(text=text or "", time=optional_time(time))
    if direction is None or time is None:
        raise ValueError(f"a message row lacks its direction or time ({kind})")
    return Message(
        direction=Direction(direction),
        time=parse_time(time),
        body=text,
        nick=nick,
        payload=parse_payload(payload),
    )


def encrypted_row(
    ordinal: int, item: EncryptedItem
) -> tuple[int, str, str, str | None, str | None]:
    """The ``encrypted_items`` columns of an encrypted item (after ``collection``)."""
    return (ordinal, item.kind.value, item.xml, item.key_name, item.carried_key_name)


def encrypted_from_row(
    kind: str, xml: str, key_name: str | None, carried_key_name: str | None
) -> EncryptedItem:
    """The encrypted item an ``encrypted_items`` row holds."""
    return EncryptedItem(
        kind=EncryptedKind(kind), xml=xml, key_name=key_name, carried_key_name=carried_key_name
    )
