"""Between conversations (collections) and an archive of single messages (MAM, XEP-0227).

A MAM archive has no collections: its messages are grouped into
conversations by contact (bare JID) and idle gap, the way the window lists
them; a conversation starts at its first message. Going the other way, each
message of a collection becomes one archived message; notes and encrypted
items have no place in a MAM archive and are left out (encrypted ones are
exported once decrypted).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import timedelta

from archiveviewer.domain import Collection, CollectionId, Message, bare_jid
from archiveviewer.formats.xep0227 import ArchivedMessage, message_id

#: Messages further apart than this (with the same contact) are two conversations.
IDLE_GAP = timedelta(minutes=30)


def archived_messages(collections: Iterable[Collection], owner: str) -> Iterator[ArchivedMessage]:
    """Each message of ``collections`` as an archived message with a stable id."""
    for collection in collections:
        groupchat = any(m.nick for m in collection.messages)
        for message in collection.messages:
            other = collection.with_jid
            if message.nick:
                other = f"{bare_jid(other)}/{message.nick}"
            archived = ArchivedMessage(
                id="",
                time=message.time,
                direction=message.direction,
                with_jid=other,
                body=message.body,
                type="groupchat" if groupchat else "chat",
                payload=message.payload,
            )
            yield ArchivedMessage(
                message_id(owner, archived), archived.time, archived.direction,
                archived.with_jid, archived.body, archived.type, archived.payload,
            )  # fmt: skip


def conversations(
    messages: Iterable[ArchivedMessage], *, gap: timedelta = IDLE_GAP
) -> list[Collection]:
    """The messages grouped into conversations by contact and idle gap, oldest first."""
    open_: dict[str, list[ArchivedMessage]] = {}
    done: list[list[ArchivedMessage]] = []
    for message in sorted(messages, key=lambda m: m.time):
        contact = bare_jid(message.with_jid).lower()
        current = open_.get(contact)
        if current is not None and message.time - current[-1].time > gap:
            done.append(current)
            current = None
        if current is None:
            current = open_[contact] = []
        current.append(message)
    done.extend(open_.values())
    return sorted((_collection(group) for group in done), key=lambda c: c.id)


def _collection(group: list[ArchivedMessage]) -> Collection:
    first = group[0]
    groupchat = first.type == "groupchat"
    with_jid = bare_jid(first.with_jid) if groupchat else first.with_jid
    items = tuple(
        Message(
            m.direction,
            m.time,
            m.body,
            nick=m.with_jid.partition("/")[2] or None
            if groupchat and m.direction.value == "from"
            else None,
            payload=m.payload,
        )
        for m in group
    )
    return Collection(CollectionId(first.time, with_jid), items=items)
