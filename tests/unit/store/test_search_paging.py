"""Paging through every hit, newest first, oldest first and by relevance, with filters."""

from __future__ import annotations

from datetime import timedelta

import pytest

from archiveviewer.domain import Collection, CollectionId, Direction, Message, Note
from archiveviewer.store import HitKind, Replica, SearchFilter, SearchOrder, search
from archiveviewer.store.search import SearchCursor

from .conftest import T0, conversation


def _crowded(replica: Replica) -> None:
    """Three contacts talking at the very same instants, so time keys collide."""
    for contact in ("romeo@montague.net", "juliet@capulet.com", "nurse@capulet.com"):
        for day in range(4):
            start = T0 + timedelta(days=day)
            items = tuple(
                Message(
                    Direction.TO if n % 2 else Direction.FROM,
                    start,  # every message of the collection at the same microsecond
                    f"light {'light ' * (n % 3)}number {n} from {contact.split('@')[0]}",
                )
                for n in range(6)
            )
            replica.replace_collection(
                Collection(
                    id=CollectionId(start=start, with_jid=contact),
                    subject=f"light of day {day}",
                    items=(*items, Note("a light note", start + timedelta(seconds=1))),
                )
            )


def _all_pages(
    replica: Replica, order: SearchOrder, search_filter: SearchFilter | None = None
) -> list[tuple[object, ...]]:
    seen: list[tuple[object, ...]] = []
    after: SearchCursor | None = None
    while True:
        page = replica.search_page("light", search_filter, order=order, limit=5, after=after)
        seen += [(h.collection, h.kind, h.ordinal, h.time) for h in page.hits]
        if page.next is None:
            return seen
        after = page.next


@pytest.mark.parametrize("order", list(SearchOrder))
def test_every_hit_comes_exactly_once_in_a_stable_order(
    replica: Replica, order: SearchOrder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "RELEVANCE_BLOCK", 7)  # many blocks on a small replica
    _crowded(replica)
    everything = _all_pages(replica, order)
    # 3 contacts x 4 days x (6 messages + a note + a subject)
    assert len(everything) == len(set(everything)) == 96 == replica.count_hits("light")
    assert _all_pages(replica, order) == everything
    by_offset = [
        (h.collection, h.kind, h.ordinal, h.time)
        for offset in range(0, 100, 10)
        for h in replica.search("light", order=order, limit=10, offset=offset)
    ]
    assert by_offset == everything


def test_relevance_blocks_that_reach_back_a_short_time_still_give_every_hit_once(
    replica: Replica, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Blocks of half a day over four days: some hold a day's hits, some none.
    monkeypatch.setattr(search, "RELEVANCE_MIN_REACH", timedelta(hours=12))
    monkeypatch.setattr(search, "RELEVANCE_REACH", 0.01)
    _crowded(replica)
    everything = _all_pages(replica, SearchOrder.RELEVANCE)
    assert len(everything) == len(set(everything)) == 96
    days = [hit[0].start for hit in everything]  # type: ignore[attr-defined]
    assert days == sorted(days, reverse=True)  # each block is a day, newest first
    by_offset = [
        (h.collection, h.kind, h.ordinal, h.time)
        for offset in range(0, 100, 10)
        for h in replica.search("light", limit=10, offset=offset)
    ]
    assert by_offset == everything


@pytest.mark.parametrize("reach", [timedelta(hours=12), timedelta(days=90)])
def test_relevance_in_a_date_range_gives_the_range_s_hits(
    replica: Replica, monkeypatch: pytest.MonkeyPatch, reach: timedelta
) -> None:
    monkeypatch.setattr(search, "RELEVANCE_MIN_REACH", reach)
    monkeypatch.setattr(search, "RELEVANCE_REACH", 0.01)
    _crowded(replica)
    days = SearchFilter(since=T0 + timedelta(days=1), until=T0 + timedelta(days=3))
    by_relevance = _all_pages(replica, SearchOrder.RELEVANCE, days)
    assert len(by_relevance) == 2 * 3 * 8
    assert set(by_relevance) == set(_all_pages(replica, SearchOrder.NEWEST, days))


def test_newest_and_oldest_first_follow_the_clock(replica: Replica) -> None:
    _crowded(replica)
    newest = _all_pages(replica, SearchOrder.NEWEST)
    times = [hit[3] for hit in newest]
    assert times == sorted(times, reverse=True)  # type: ignore[type-var]
    assert _all_pages(replica, SearchOrder.OLDEST) == list(reversed(newest))
    # Within one collection the items keep their order.
    page = replica.search_page("from romeo", order=SearchOrder.OLDEST, limit=6).hits
    assert [h.ordinal for h in page] == [0, 1, 2, 3, 4, 5]


def test_relevance_puts_the_best_match_of_a_block_first(replica: Replica) -> None:
    replica.replace_collection(
        conversation("romeo@montague.net", T0, "light", "a long line that mentions light once")
    )
    hits = replica.search_page("light", order=SearchOrder.RELEVANCE).hits
    assert [h.highlights()[0] for h in hits] == ["light", "a long line that mentions light once"]
    assert hits[0].score < hits[1].score


def test_filters_narrow_inside_the_index(replica: Replica) -> None:
    _crowded(replica)

    def count(**kwargs: object) -> int:
        return len(_all_pages(replica, SearchOrder.NEWEST, SearchFilter(**kwargs)))  # type: ignore[arg-type]

    assert count(contact="Romeo@Montague.net") == 32
    assert count(contact="romeo@montague.net/elsewhere") == 0
    assert count(direction=Direction.TO) == 3 * 4 * 3
    assert count(kinds=frozenset({HitKind.NOTE})) == 12
    assert count(kinds=frozenset({HitKind.NOTE, HitKind.SUBJECT})) == 24
    assert count(kinds=frozenset()) == 0
    assert count(contact="nurse@capulet.com", kinds=frozenset({HitKind.SUBJECT})) == 4
    # since is inclusive and until exclusive, to the microsecond.
    assert count(since=T0 + timedelta(days=1), until=T0 + timedelta(days=3)) == 2 * 3 * 8
    # A microsecond after day 1 began: its messages and subject are out, its notes in.
    assert count(since=T0 + timedelta(days=2, microseconds=1)) == 3 * 8 + 3
    assert count(until=T0 + timedelta(days=1, microseconds=1)) == 3 * 8 + 3 * 7
    assert replica.count_hits("light", SearchFilter(contact="juliet@capulet.com")) == 32


def test_a_cursor_belongs_to_its_order(replica: Replica) -> None:
    _crowded(replica)
    page = replica.search_page("light", order=SearchOrder.NEWEST, limit=3)
    assert page.next is not None
    with pytest.raises(ValueError, match="order"):
        replica.search_page("light", order=SearchOrder.OLDEST, after=page.next)


def test_counts_follow_writes(replica: Replica) -> None:
    replica.replace_collection(conversation("romeo@montague.net", T0, "light"))
    assert replica.count_hits("light") == 1
    replica.replace_collection(conversation("juliet@capulet.com", T0, "light", "more light"))
    assert replica.count_hits("light") == 3
    replica.remove_collection(CollectionId(start=T0, with_jid="romeo@montague.net"))
    assert replica.count_hits("light") == 2


def test_items_at_the_same_instant_are_all_kept(replica: Replica) -> None:
    _crowded(replica)
    scene = replica.collection(CollectionId(start=T0, with_jid="juliet@capulet.com"))
    assert scene is not None
    assert [m.body for m in scene.messages][:2] == [
        "light number 0 from juliet",
        "light light number 1 from juliet",
    ]
    # Storing a collection again re-keys it without disturbing its neighbours.
    replica.replace_collection(conversation("juliet@capulet.com", T0, "new light"))
    assert replica.count_hits("light") == 96 - 8 + 1
    assert len(replica.search("romeo", SearchFilter(contact="romeo@montague.net"))) == 24


def test_counts_follow_another_windows_writes(replica: Replica) -> None:
    replica.replace_collection(conversation("romeo@montague.net", T0, "light"))
    assert replica.count_hits("light") == 1
    with Replica(replica.path) as other:
        other.replace_collection(conversation("juliet@capulet.com", T0, "light"))
    assert replica.count_hits("light") == 2
