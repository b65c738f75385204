"""Hostile archive files: each gives one sentence naming the file, in bounded memory."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from archiveviewer.errors import MalformedInput
from archiveviewer.formats.xep0136_file import read_archive

HEAD = "<archive xmlns='http://jabber.org/protocol/archive' with='juliet@capulet.lit'>"
STORE = "<store start='{start}'>{items}</store>"
START = "1469-07-21T02:56:15Z"


def write(tmp_path: Path, *parts: str) -> Path:
    path = tmp_path / "evil.xml"
    with path.open("w", encoding="utf-8") as out:
        out.write(HEAD)
        for part in parts:
            out.write(part)
        out.write("</archive>")
    return path


def refused(path: Path) -> str:
    with pytest.raises(MalformedInput) as caught:
        read_archive(path)
    sentence = caught.value.user_message
    assert sentence.startswith("“evil.xml” is not a readable archive file.")
    return sentence


def test_two_stores_with_the_same_contact_and_start_are_reported(tmp_path: Path) -> None:
    one = STORE.format(start=START, items="<to secs='0'><body>first</body></to>")
    two = STORE.format(start=START, items="<to secs='0'><body>second</body></to>")
    sentence = refused(write(tmp_path, one, two))
    assert "two conversations with juliet@capulet.lit that start at 1469-07-21T02:56:15Z" in (
        sentence
    )


@pytest.mark.parametrize(
    ("start", "items", "words"),
    [
        (START, "<to secs='99999999999999'><body>a</body></to>", "“secs” of a message"),
        ("9999-12-31T23:59:00Z", "<to secs='3600'><body>a</body></to>", "“secs” of a message"),
        (START, "<to utc='1469-02-30T00:00:00Z'><body>a</body></to>", "not a valid date"),
        (START, "<note utc='1469-07-21T25:00:00Z'>n</note>", "not a valid date"),
        (START, "<to secs='" + "7" * 5000 + "'/>", "not a whole number"),
    ],
    ids=["secs-overflow", "past-9999", "february-30", "hour-25", "huge-number"],
)
def test_an_impossible_value_names_the_conversation_and_the_field(
    tmp_path: Path, start: str, items: str, words: str
) -> None:
    sentence = refused(write(tmp_path, STORE.format(start=start, items=items)))
    assert f"The conversation with juliet@capulet.lit that starts at {start}" in sentence
    assert words in sentence


@pytest.mark.parametrize(
    ("part", "words"),
    [
        (STORE.format(start=START, items="<to><body>" + "y" * (17 * 1024 * 1024)), "a text is"),
        ("<store start='" + START + "' subject='" + "s" * 2_000_000 + "'/>", "one tag is longer"),
        ("<store start='" + START + "' subject='" + "s" * 70_000 + "'/>", "an attribute value"),
        (STORE.format(start=START, items="<x>" * 200), "nested more than 128"),
        (STORE.format(start="never", items=""), "its start is wrong"),
        ("<store start='" + START + "' with='a@b@c'/>", "not an XMPP address"),
    ],
    ids=["huge-text", "huge-tag", "long-attribute", "deep", "bad-start", "bad-with"],
)
def test_oversize_or_broken_parts_are_refused_with_a_sentence(
    tmp_path: Path, part: str, words: str
) -> None:
    assert words in refused(write(tmp_path, part))


def test_elements_beside_the_stores_do_not_pile_up_in_memory(tmp_path: Path) -> None:
    junk = "<junk a='1'><b>some text nobody reads</b></junk>" * 100_000  # 5 MB of siblings
    path = write(tmp_path, junk, STORE.format(start=START, items="<to><body>hi</body></to>"))
    tracemalloc.start()
    try:
        collections = read_archive(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [m.body for c in collections for m in c.messages] == ["hi"]
    # Kept, they would take tens of megabytes (an Element and its dict each).
    assert peak < 2 * 1024 * 1024
