"""Keys and a sample conversation shared by the crypto tests.

RSA keys are made once per test session: generating them is the slow part.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from archiveviewer.crypto.keystore import PrivateKey, fingerprint
from archiveviewer.domain import Collection, CollectionId, Direction, Message, Note

START = datetime(1469, 7, 23, 19, 22, 31, tzinfo=UTC)
JULIET = "juliet@capulet.com/chamber"


def make_private_key() -> PrivateKey:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return PrivateKey(fingerprint(key.public_key()), key)


@pytest.fixture(scope="session")
def romeo_key() -> PrivateKey:
    return make_private_key()


@pytest.fixture(scope="session")
def second_key() -> PrivateKey:
    return make_private_key()


@pytest.fixture(scope="session")
def stranger_key() -> PrivateKey:
    return make_private_key()


def conversation(subject: str | None = None) -> Collection:
    """The balcony scene: messages both ways, an offline message, a note, a nick."""
    return Collection(
        id=CollectionId(START, JULIET),
        subject=subject,
        items=(
            Message(Direction.FROM, START, "Art thou not Romeo, and a Montague?"),
            Message(Direction.TO, START + timedelta(seconds=11), "Neither, fair saint & <more>"),
            Message(
                Direction.FROM,
                START + timedelta(seconds=25),
                "How cam'st thou hither?",
                nick="juliet",
            ),
            Note("I think she might fancy me.", START + timedelta(minutes=8, seconds=20)),
            Message(Direction.FROM, START - timedelta(hours=2), "Sent while you were away"),
            Message(Direction.TO, START + timedelta(seconds=40), "With love’s light wings 💌"),
        ),
    )
