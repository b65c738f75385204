"""The seed's archive file format: reading, writing, the sample archive, hostile files."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archiveviewer.domain import Collection, CollectionId, Dialect, Direction, Message, Note
from archiveviewer.errors import KnownError, MalformedInput
from archiveviewer.formats.sample import SAMPLE_OWNER, read_sample_archive, sample_archive_path
from archiveviewer.formats.xep0136_file import archive_text, read_archive, write_archive
from tests.unit.protocol.test_properties import collections

DATA = Path(__file__).resolve().parents[2] / "data" / "xep0136"
SEED_FILE = DATA / "seed" / "52-example-file.xml"
START = datetime(1469, 7, 21, 2, 56, 15, tzinfo=UTC)


def test_reads_the_seeds_example_file() -> None:
    (collection,) = read_archive(SEED_FILE)
    assert collection.id == CollectionId(START, "juliet@capulet.com")
    assert collection.subject == "She speaks!"
    assert [(m.direction, m.time - START, m.body) for m in collection.messages] == [
        (Direction.FROM, timedelta(0), "Art thou not Romeo, and a Montague?"),
        (Direction.TO, timedelta(seconds=11), "Neither, fair saint, if either thee dislike."),
        (Direction.FROM, timedelta(seconds=25), "How cam'st thou hither, tell me, and wherefore?"),
    ]


def test_one_contact_is_written_as_the_seed_writes_it(tmp_path: Path) -> None:
    collections_ = read_archive(SEED_FILE)
    text = archive_text(collections_)
    assert "<archive xmlns='http://jabber.org/protocol/archive' with='juliet@capulet.com'>" in text
    assert "<store start=" in text  # with sits on <archive>, not on each store
    target = tmp_path / "juliet.xml"
    write_archive(collections_, target)
    assert read_archive(target) == collections_


def test_several_contacts_put_with_on_each_store(tmp_path: Path) -> None:
    collections_ = [
        Collection(
            CollectionId(START, "juliet@capulet.lit"),
            items=(Message(Direction.TO, START, "Good night"),),
        ),
        Collection(
            CollectionId(START, "nurse@capulet.lit"),
            subject="Errand",
            items=(Note("Send the cords", START),),
        ),
    ]
    target = tmp_path / "two.xml"
    write_archive(collections_, target)
    text = target.read_text(encoding="utf-8")
    assert "<archive xmlns='http://jabber.org/protocol/archive'>" in text
    assert text.count('<store with="') == 2
    assert read_archive(target) == collections_


def test_with_on_a_store_wins_over_the_archive(tmp_path: Path) -> None:
    target = tmp_path / "mixed.xml"
    target.write_text(
        "<archive xmlns='http://jabber.org/protocol/archive' with='juliet@capulet.lit'>"
        "<store start='1469-07-21T02:56:15Z'/>"
        "<store with='friar@verona.lit' start='1469-07-21T02:56:15Z'/></archive>"
    )
    assert [c.with_jid for c in read_archive(target)] == ["juliet@capulet.lit", "friar@verona.lit"]


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# One file holds each contact and start once (a second is refused on reading).
@given(st.lists(collections(Dialect.SEED), max_size=3, unique_by=lambda c: c.id))
def test_written_files_read_back_equal(tmp_path: Path, written: list[Collection]) -> None:
    target = tmp_path / "archive.xml"
    write_archive(written, target)
    assert read_archive(target) == written


# --- the sample archive ------------------------------------------------------------


def test_sample_archive_is_romeos_with_several_contacts_and_a_room() -> None:
    sample = read_sample_archive()
    contacts = {c.with_jid.split("/")[0] for c in sample}
    assert {
        "juliet@capulet.lit",
        "nurse@capulet.lit",
        "friar@verona.lit",
        "benvolio@montague.lit",
        "square@conference.verona.lit",
    } <= contacts
    assert SAMPLE_OWNER == "romeo@montague.lit"
    assert 200 <= sum(len(c.messages) for c in sample) <= 600
    assert sum(len(c.notes) for c in sample) >= 3
    assert all(c.subject for c in sample)
    months = {(c.start.year, c.start.month) for c in sample}
    assert len(months) >= 2


def test_sample_room_has_nicknames_and_a_message_arrived_offline() -> None:
    sample = read_sample_archive()
    (room,) = [c for c in sample if c.with_jid == "square@conference.verona.lit"]
    assert {m.nick for m in room.messages} == {"benvolio", "mercutio", "tybalt", "romeo"}
    assert any(m.time < c.start for c in sample for m in c.messages)


def test_sample_archive_file_is_what_the_tool_makes() -> None:
    from tools.make_sample_archive import sample_collections

    assert archive_text(sample_collections()) == sample_archive_path().read_text("utf-8")
    assert sample_archive_path().stat().st_size < 200 * 1024


# --- hostile and broken files --------------------------------------------------------

BOMB = """<?xml version="1.0"?>
<!DOCTYPE archive [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>
<archive xmlns='http://jabber.org/protocol/archive' with='x@y'>
<store start='1469-07-21T02:56:15Z'><from secs='0'><body>&b;</body></from></store></archive>"""


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (BOMB, "document type declaration"),
        (
            "<archive xmlns='http://jabber.org/protocol/archive' with='x@y'><store start='1469",
            "ends in the middle of a tag",
        ),
        (
            "<archive xmlns='http://jabber.org/protocol/archive' with='x@y'>"
            "<store start='1469-07-21T02:56:15Z'><from secs='0'><body>O",
            "ends before it is complete",
        ),
        ("<html><body>not an archive</body></html>", "not an XEP-0136 <archive/>"),
        ("<archive xmlns='urn:xmpp:archive'/>", "not an XEP-0136 <archive/>"),
        (
            "<archive xmlns='http://jabber.org/protocol/archive'><store start='x'/></archive>",
            "whom it is with",
        ),
        ("\x00\x01binary", "not well-formed"),
    ],
)
def test_hostile_or_broken_files_give_a_sentence(tmp_path: Path, content: str, words: str) -> None:
    target = tmp_path / "evil.xml"
    target.write_text(content, encoding="utf-8")
    with pytest.raises(MalformedInput, match=words) as caught:
        read_archive(target)
    assert caught.value.user_message.startswith("“evil.xml” is not a readable archive file.")


def test_a_truncated_sample_is_refused(tmp_path: Path) -> None:
    whole = sample_archive_path().read_bytes()
    target = tmp_path / "cut.xml"
    target.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(MalformedInput, match="ends"):
        read_archive(target)


def test_a_huge_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "huge.xml"
    shutil.copy(sample_archive_path(), target)
    with pytest.raises(MalformedInput, match="larger than"):
        read_archive(target, max_bytes=10_000)


def test_a_missing_file_is_a_known_error(tmp_path: Path) -> None:
    with pytest.raises(KnownError, match="could not be opened"):
        read_archive(tmp_path / "nowhere.xml")


def test_writing_into_a_missing_folder_is_a_known_error(tmp_path: Path) -> None:
    with pytest.raises(KnownError, match="could not be written"):
        write_archive([], tmp_path / "no" / "such" / "dir.xml")
