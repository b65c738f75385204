"""A conversation as text: the window's export layout and the command line's ``show`` layout."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from archiveviewer.domain import (
    Collection,
    CollectionId,
    Direction,
    EncryptedItem,
    EncryptedKind,
    Message,
    Note,
)
from archiveviewer.formats.text import TextStyle, conversation_text, export_text
from archiveviewer.protocol.xep0082 import format_datetime

START = datetime(2008, 7, 18, 21, 0, tzinfo=UTC)
JULIET = "juliet@capulet.example/balcony"


def scene() -> Collection:
    return Collection(
        CollectionId(START, JULIET),
        subject="The balcony",
        items=(
            Message(Direction.FROM, START, "Art thou not Romeo?"),
            Message(Direction.TO, START + timedelta(seconds=5), "Neither, fair saint."),
            Note("Say it again.", START + timedelta(minutes=1)),
            Note("No time on this one."),
            EncryptedItem(EncryptedKind.DATA, "<EncryptedData/>"),
        ),
    )


def test_the_window_writes_names_its_times_and_every_item() -> None:
    text = export_text(scene(), "Juliet", lambda t: t.strftime("%H:%M:%S"))
    assert text.splitlines() == [
        "Conversation with Juliet (juliet@capulet.example/balcony)",
        "Started 21:00:00",
        "Subject: The balcony",
        "",
        "21:00:00  Juliet: Art thou not Romeo?",
        "21:00:05  me: Neither, fair saint.",
        "21:01:00  Note: Say it again.",
        "Note: No time on this one.",
        "Encrypted message: choose Decrypt to read it.",
    ]
    assert text.endswith("\n")


def test_the_command_line_writes_times_show_can_read_back() -> None:
    style = TextStyle(format_datetime, JULIET, compact=True)
    assert conversation_text(scene(), style).splitlines() == [
        f"Conversation with {JULIET}, 2008-07-18T21:00:00Z",
        "Subject: The balcony",
        f"2008-07-18T21:00:00Z {JULIET}: Art thou not Romeo?",
        "2008-07-18T21:00:05Z me: Neither, fair saint.",
        "note: Say it again.",
        "note: No time on this one.",
        "(1 encrypted items, not decrypted yet)",
    ]


def test_decrypted_items_replace_the_stored_ones() -> None:
    style = TextStyle(format_datetime, JULIET, compact=True)
    plain = (Message(Direction.FROM, START, "Wherefore?"),)
    assert conversation_text(scene(), style, plain).splitlines()[2:] == [
        f"2008-07-18T21:00:00Z {JULIET}: Wherefore?"
    ]
