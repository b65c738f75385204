"""Fixtures and sample conversations for the replica's tests."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from archiveviewer.domain import (
    Collection,
    CollectionId,
    Direction,
    EncryptedItem,
    EncryptedKind,
    Message,
    Note,
)
from archiveviewer.store import Replica

T0 = datetime(2008, 7, 18, 21, 0, 0, 123456, tzinfo=UTC)


def conversation(
    with_jid: str,
    start: datetime,
    *bodies: str,
    subject: str | None = None,
    version: int | None = None,
) -> Collection:
    """A plain collection whose messages alternate from/to, a second apart."""
    items = tuple(
        Message(
            direction=Direction.FROM if n % 2 == 0 else Direction.TO,
            time=start + timedelta(seconds=n),
            body=body,
        )
        for n, body in enumerate(bodies)
    )
    return Collection(
        id=CollectionId(start=start, with_jid=with_jid),
        subject=subject,
        version=version,
        items=items,
    )


def balcony() -> Collection:
    """Every kind of item, in a mixed order, with payload and nick."""
    return Collection(
        id=CollectionId(start=T0, with_jid="juliet@capulet.com/chamber"),
        subject="The balcony scene",
        thread="damduoeg08",
        version=3,
        items=(
            Message(Direction.FROM, T0, "Wherefore art thou Roméo?"),
            Note("She speaks of names", T0 + timedelta(seconds=2)),
            Message(
                Direction.TO,
                T0 + timedelta(seconds=5),
                "Shall I hear more, or shall I speak at this?",
                nick="romeo",
                payload=('<x xmlns="jabber:x:oob"><url>http://x</url></x>',),
            ),
            Note("undated thought"),
            Message(Direction.FROM, T0 + timedelta(seconds=9), None),
        ),
    )


def encrypted(start: datetime = T0 + timedelta(days=1)) -> Collection:
    """A collection holding a data key and encrypted messages."""
    return Collection(
        id=CollectionId(start=start, with_jid="nurse@capulet.com"),
        crypt=True,
        items=(
            EncryptedItem(EncryptedKind.KEY, "<EncryptedKey>k</EncryptedKey>", "pub", "data1"),
            EncryptedItem(EncryptedKind.DATA, "<EncryptedData>1</EncryptedData>", "data1"),
            EncryptedItem(EncryptedKind.DATA, "<EncryptedData>2</EncryptedData>", "data1"),
        ),
    )


@pytest.fixture
def replica(tmp_path: Path) -> Iterator[Replica]:
    with Replica(tmp_path / "account" / "replica.sqlite") as opened:
        yield opened
