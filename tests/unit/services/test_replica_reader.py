"""The replica reader shows what the in-memory archive shows, from a real SQLite replica."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from pathlib import Path

import pytest

from archiveviewer.domain import Collection, CollectionId, Direction, Message
from archiveviewer.errors import StoreError
from archiveviewer.ports.archive import ResultKind, ResultOrder, SearchFilters, SearchResult
from archiveviewer.services.memory import MemoryArchive
from archiveviewer.services.replica_reader import ReplicaReader
from archiveviewer.store import Replica
from tests.gui.sample_data import ROSTER, sample_collections

ZONES = [
    UTC,
    timezone(timedelta(hours=2)),
    timezone(timedelta(hours=-7)),
    timezone(timedelta(hours=5, minutes=30)),  # local midnight cuts UTC hours in two
    timezone(timedelta(hours=-9, minutes=-30)),
]


@pytest.fixture
def replica(tmp_path: Path) -> Iterator[Replica]:
    with Replica(tmp_path / "account.sqlite3") as opened:
        for c in sample_collections():
            opened.replace_collection(c)
        yield opened


@pytest.fixture
def reader(replica: Replica) -> ReplicaReader:
    return ReplicaReader(replica, ROSTER)


@pytest.fixture
def memory() -> MemoryArchive:
    return MemoryArchive(sample_collections(), ROSTER)


def test_contacts_have_roster_names_and_counts(
    reader: ReplicaReader, memory: MemoryArchive
) -> None:
    assert list(reader.contacts()) == list(memory.contacts())
    assert any(c.name for c in reader.contacts())


def test_contact_in_the_roster_without_collections_is_listed(tmp_path: Path) -> None:
    with Replica(tmp_path / "empty.sqlite3") as empty:
        listed = ReplicaReader(empty, ROSTER).contacts()
    assert {c.jid for c in listed} == {c.jid.lower() for c in ROSTER}
    assert all(c.collections == 0 and c.first is None for c in listed)


@pytest.mark.parametrize("tz", ZONES, ids=str)
def test_day_counts_are_local_days(
    reader: ReplicaReader, memory: MemoryArchive, tz: tzinfo
) -> None:
    for contact in [None, *(c.jid for c in memory.contacts())]:
        assert list(reader.day_counts(contact, tz)) == list(memory.day_counts(contact, tz))


def test_day_counts_split_an_hour_that_local_midnight_cuts(tmp_path: Path) -> None:
    india = timezone(timedelta(hours=5, minutes=30))
    # 18:20 and 18:40 UTC are 23:50 on the 1st and 00:10 on the 2nd in India
    starts = [datetime(2020, 3, 1, 18, 20, tzinfo=UTC), datetime(2020, 3, 1, 18, 40, tzinfo=UTC)]
    with Replica(tmp_path / "r.sqlite3") as replica:
        for s in starts:
            replica.replace_collection(_one(s, "x"))
        days = ReplicaReader(replica).day_counts(None, india)
    assert [(d.day.isoformat(), d.collections) for d in days] == [
        ("2020-03-01", 1),
        ("2020-03-02", 1),
    ]


def test_collection_pages_match(reader: ReplicaReader, memory: MemoryArchive) -> None:
    for contact in [None, "juliet@capulet.example"]:
        for offset in range(0, 12, 3):
            got = reader.collections(contact, None, None, offset, 3)
            want = memory.collections(contact, None, None, offset, 3)
            assert [(h.collection.id, h.collection.subject, h.messages) for h in got] == [
                (h.collection.id, h.collection.subject, h.messages) for h in want
            ]


def test_collection_has_its_items_and_a_missing_one_says_so(
    reader: ReplicaReader, memory: MemoryArchive
) -> None:
    some = memory.all_ids()[0]
    assert reader.collection(some).items == memory.collection(some).items
    gone = CollectionId(datetime(1999, 1, 1, tzinfo=UTC), "nobody@example.org")
    with pytest.raises(StoreError, match="no longer in the local copy"):
        reader.collection(gone)


def _all(reader: ReplicaReader, query: str, filters: SearchFilters) -> list[SearchResult]:
    found: list[SearchResult] = []
    after: object | None = None
    while True:
        page = reader.search_page(query, filters, ResultOrder.NEWEST, after, 7)
        found.extend(page.results)
        if (after := page.next) is None:
            return found


def test_search_hit_opens_the_matching_message_with_highlights(reader: ReplicaReader) -> None:
    hits = _all(reader, "wherefore", SearchFilters())
    assert hits
    for hit in hits:
        item = reader.collection(hit.collection_id).items[hit.ordinal]
        assert isinstance(item, Message)
        assert "wherefore" in (item.body or "").casefold()
        assert hit.highlights
        assert all(hit.snippet[a:b].casefold() == "wherefore" for a, b in hit.highlights)


def test_search_filters_by_contact(reader: ReplicaReader) -> None:
    everyone = _all(reader, "the", SearchFilters())
    contacts = {h.with_jid.split("/")[0].lower() for h in everyone}
    assert len(contacts) > 1
    one = sorted(contacts)[0]
    narrowed = _all(reader, "the", SearchFilters(contact=one))
    assert narrowed
    assert {h.with_jid.split("/")[0].lower() for h in narrowed} == {one}


def _one(start: datetime, body: str) -> Collection:
    return Collection(
        id=CollectionId(start, "x@example.org"),
        items=(Message(Direction.TO, start, body),),
    )


def test_paging_to_the_end_returns_every_collection_once_even_with_equal_starts(
    tmp_path: Path,
) -> None:
    t = datetime(2021, 5, 1, tzinfo=UTC)
    starts = [t + timedelta(hours=n // 7) for n in range(40)]  # groups of 7 share a start
    with Replica(tmp_path / "r.sqlite3") as replica:
        for n, s in enumerate(starts):
            replica.replace_collection(
                Collection(CollectionId(s, f"p{n:02d}@example.org"), items=())
            )
        reader = ReplicaReader(replica)
        for size in (3, 7, 10):
            seen = []
            while page := reader.collections(None, None, None, len(seen), size):
                seen.extend(h.collection.id for h in page)
            by_offset = [
                s.id for s in replica.collections(limit=100)
            ]  # what OFFSET paging gives in one go
            assert seen == by_offset
            assert len(set(seen)) == 40


def test_day_counts_in_a_zone_with_daylight_saving(
    reader: ReplicaReader, memory: MemoryArchive
) -> None:
    from zoneinfo import ZoneInfo

    for zone in (ZoneInfo("Europe/Berlin"), ZoneInfo("America/St_Johns"), None):
        assert list(reader.day_counts(None, zone)) == list(memory.day_counts(None, zone))


def test_local_day_counts_take_only_a_time_shift(replica: Replica) -> None:
    with pytest.raises(ValueError, match="not a time shift"):
        replica.local_date_counts("+1 minutes'); DROP TABLE collections; --")


def test_a_subject_hit_says_it_is_the_subject(reader: ReplicaReader) -> None:
    hits = _all(reader, "balcony", SearchFilters())
    subjects = [h for h in hits if h.kind is ResultKind.SUBJECT]
    assert "At the balcony" in {h.snippet for h in subjects}
    assert all(h.speaker("Romeo", "Juliet") is None for h in subjects)
    for hit in hits:
        assert hit.highlights
        assert all(hit.snippet[a:b].casefold() == "balcony" for a, b in hit.highlights)


def test_collection_count_is_the_length_of_the_list_it_pages(
    reader: ReplicaReader, memory: MemoryArchive
) -> None:
    since, until = datetime(2024, 1, 1, tzinfo=UTC), datetime(2024, 4, 1, tzinfo=UTC)
    for contact in [None, *(c.jid for c in memory.contacts())]:
        for start, end in [(None, None), (since, None), (None, until), (since, until)]:
            listed = len(reader.collections(contact, start, end, 0, 1000))
            assert reader.collection_count(contact, start, end) == listed
            assert memory.collection_count(contact, start, end) == listed
    assert reader.collection_count(None, None, None) == len(sample_collections())


def test_a_page_anywhere_in_the_list_is_the_same_as_reading_the_list_through(
    tmp_path: Path,
) -> None:
    # Three conversations start together at each time: the pages must split such ties exactly.
    starts = [datetime(2020, 1, 1, tzinfo=UTC) + timedelta(hours=n // 3) for n in range(30)]
    with Replica(tmp_path / "ties.sqlite3") as replica:
        for n, s in enumerate(starts):
            tied = replace(_one(s, "hi"), id=CollectionId(s, f"c{n % 3}@x.org"))
            replica.replace_collection(tied)
        whole = [c.id for c in replica.collections(limit=100)]
        assert len(whole) == 30
        for newest_first in (True, False):
            listed = whole if newest_first else whole[::-1]
            for offset in range(31):
                page = replica.collections(limit=4, offset=offset, newest_first=newest_first)
                assert [c.id for c in page] == listed[offset : offset + 4]
        contact = whole[0].with_jid
        mine = [i for i in whole if i.with_jid == contact]
        for offset in range(len(mine) + 1):
            page = replica.collections(contact=contact, limit=3, offset=offset)
            assert [c.id for c in page] == mine[offset : offset + 3]


def test_a_closed_reader_opens_no_connection_again_and_says_so(reader: ReplicaReader) -> None:
    assert reader.collection_count(None, None, None) == len(sample_collections())
    reader.close()
    with pytest.raises(StoreError, match="The local copy is closed"):
        reader.contacts()  # a read in a worker that comes too late
    with pytest.raises(StoreError, match="The local copy is closed"):
        reader.collection_count(None, None, None)
