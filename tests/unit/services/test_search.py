"""The paged search the window and the command line share, over a real replica."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from archiveviewer.domain import Direction
from archiveviewer.errors import SearchTooLong
from archiveviewer.ports.archive import ResultKind, ResultOrder, SearchFilters, SearchResult
from archiveviewer.services.replica_reader import ReplicaReader
from archiveviewer.services.sample import SampleArchive
from archiveviewer.store import Replica
from tests.gui.sample_data import ROSTER, sample_collections

EVERYTHING = SearchFilters()


@pytest.fixture
def reader(tmp_path: Path) -> Iterator[ReplicaReader]:
    with Replica(tmp_path / "account.sqlite3") as replica:
        for c in sample_collections():
            replica.replace_collection(c)
        opened = ReplicaReader(replica, ROSTER)
        yield opened
        opened.close()


def every_page(
    reader: ReplicaReader, query: str, filters: SearchFilters, order: ResultOrder, size: int
) -> list[SearchResult]:
    found: list[SearchResult] = []
    after: object | None = None
    while True:
        page = reader.search_page(query, filters, order, after, size)
        assert len(page.results) <= size
        found.extend(page.results)
        if (after := page.next) is None:
            return found


@pytest.mark.parametrize("order", list(ResultOrder))
def test_every_hit_is_reachable_page_by_page_and_the_total_agrees(
    reader: ReplicaReader, order: ResultOrder
) -> None:
    found = every_page(reader, "the", EVERYTHING, order, 4)
    keys = [(h.collection_id, h.ordinal, h.kind) for h in found]
    assert len(keys) > 40  # far more than one page
    assert len(set(keys)) == len(keys)  # none twice
    assert reader.count_results("the", EVERYTHING).total == len(found)
    assert set(keys) == {(h.collection_id, h.ordinal, h.kind) for h in every_page(
        reader, "the", EVERYTHING, ResultOrder.NEWEST, 50
    )}  # fmt: skip


def test_newest_first_is_the_order_a_chat_user_expects(reader: ReplicaReader) -> None:
    newest = [h.time for h in every_page(reader, "the", EVERYTHING, ResultOrder.NEWEST, 9)]
    oldest = [h.time for h in every_page(reader, "the", EVERYTHING, ResultOrder.OLDEST, 9)]
    assert newest == sorted(newest, reverse=True)
    assert oldest == sorted(oldest)


def test_a_hit_says_who_wrote_it(reader: ReplicaReader) -> None:
    [own] = every_page(reader, '"under the balcony"', EVERYTHING, ResultOrder.NEWEST, 50)[:1]
    assert own.direction is Direction.TO
    assert own.speaker("Romeo", "Juliet") == "Romeo"  # not "Juliet —" as before
    [room] = every_page(reader, "plague", EVERYTHING, ResultOrder.NEWEST, 50)
    assert room.speaker("Romeo", "square@rooms.verona.example") == "Mercutio"
    [received] = every_page(reader, "daylight", EVERYTHING, ResultOrder.NEWEST, 50)
    assert received.speaker("Romeo", "Mercutio") == "Mercutio"
    assert received.nick is None


def test_filters_for_sent_received_notes_and_subjects(reader: ReplicaReader) -> None:
    def kinds_and_directions(filters: SearchFilters) -> set[tuple[ResultKind, Direction | None]]:
        hits = every_page(reader, "the OR balcony OR orchard", filters, ResultOrder.NEWEST, 50)
        assert hits
        return {(h.kind, h.direction) for h in hits}

    sent = SearchFilters(direction=Direction.TO)
    received = SearchFilters(direction=Direction.FROM)
    notes = SearchFilters(kinds=frozenset({ResultKind.NOTE}))
    subjects = SearchFilters(kinds=frozenset({ResultKind.SUBJECT}))
    assert kinds_and_directions(sent) == {(ResultKind.MESSAGE, Direction.TO)}
    assert kinds_and_directions(received) == {(ResultKind.MESSAGE, Direction.FROM)}
    assert kinds_and_directions(notes) == {(ResultKind.NOTE, None)}
    assert kinds_and_directions(subjects) == {(ResultKind.SUBJECT, None)}


def test_a_date_range_and_a_contact_narrow_the_hits(reader: ReplicaReader) -> None:
    start, end = datetime(2024, 2, 1, tzinfo=UTC), datetime(2024, 3, 1, tzinfo=UTC)
    filters = SearchFilters(contact="juliet@capulet.example", start=start, end=end)
    hits = every_page(reader, "the", filters, ResultOrder.NEWEST, 3)
    assert hits
    assert all(start <= h.time < end for h in hits)
    assert {h.with_jid for h in hits} == {"juliet@capulet.example/balcony"}


def test_a_huge_query_is_refused_with_a_sentence_at_once(reader: ReplicaReader) -> None:
    huge = " OR ".join(f"word{n}" for n in range(11_000))  # hung the window before
    with pytest.raises(SearchTooLong, match="search for less at a time"):
        reader.search_page(huge, EVERYTHING, ResultOrder.NEWEST, None, 50)
    with pytest.raises(SearchTooLong, match="search for less at a time"):
        reader.count_results(huge, EVERYTHING)
    many = " ".join(["romeo"] * 65)
    with pytest.raises(SearchTooLong, match="more than 64 words"):
        reader.search_page(many, EVERYTHING, ResultOrder.RELEVANCE, None, 50)


def test_the_count_says_how_many_encrypted_conversations_were_not_searched(
    reader: ReplicaReader,
) -> None:
    assert reader.count_results("the", EVERYTHING).encrypted_unsearched == 1  # the Friar's
    friar = SearchFilters(contact="friar@church.example")
    assert reader.count_results("the", friar).encrypted_unsearched == 1
    juliet = SearchFilters(contact="juliet@capulet.example")
    assert reader.count_results("the", juliet).encrypted_unsearched == 0
    notes = SearchFilters(kinds=frozenset({ResultKind.NOTE}))
    assert reader.count_results("the", notes).encrypted_unsearched == 0


def test_the_sample_searches_as_a_real_account_does() -> None:
    sample = SampleArchive()
    try:
        page = sample.reader.search_page(
            '"good night"', EVERYTHING, ResultOrder.NEWEST, None, 50
        )  # the README's example, which found nothing in the old in-memory sample
        assert page.results
        assert all("good night" in h.snippet.casefold() for h in page.results)
        assert {c.name for c in sample.reader.contacts()} >= {"Juliet", "Nurse"}
        folder = sample.reader.replica.path.parent
        assert folder.exists()
    finally:
        sample.close()
    assert not folder.exists()  # the throw-away replica is gone with the program
