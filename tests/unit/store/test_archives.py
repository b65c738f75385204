"""Message-archive pages in the replica: deduplication, late messages, merging, search."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import timedelta
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from archiveviewer.domain import ArchivedMessage, Direction, Message
from archiveviewer.store import Replica
from archiveviewer.store.archives import ArchivePage, ArchiveStore, Edge
from archiveviewer.sync.conversations import ConversationRule
from tests.unit.sync.archive_fakes import ACCOUNT, T0

RULE = ConversationRule(timedelta(minutes=30))
BOB = "bob@example.net"


def at(minutes: float, n: int, contact: str = BOB) -> ArchivedMessage:
    message = Message(Direction.FROM, T0 + timedelta(minutes=minutes), f"word{n} hello")
    return ArchivedMessage(ACCOUNT, f"id{n}", contact, message)


def page(messages: list[ArchivedMessage], edge: Edge = Edge.NEWER) -> ArchivePage:
    first = messages[0].archive_id if messages else None
    last = messages[-1].archive_id if messages else None
    return ArchivePage(ACCOUNT, edge, messages, first, last)


def bodies_by_conversation(replica: Replica) -> list[list[str | None]]:
    result = []
    for summary in replica.collections(newest_first=False, limit=1000):
        collection = replica.collection(summary.id)
        assert collection is not None
        result.append([m.body for m in collection.messages])
    return result


def test_a_page_stored_twice_stores_each_message_once(tmp_path: Path) -> None:
    with Replica(tmp_path / "r.sqlite") as replica:
        store = ArchiveStore(replica, RULE)
        messages = [at(n, n) for n in range(5)]
        assert store.store_page(page(messages, Edge.NEWEST)) == 5
        assert store.store_page(page([*messages[2:], at(6, 6)])) == 1
        assert bodies_by_conversation(replica) == [[f"word{n} hello" for n in (0, 1, 2, 3, 4, 6)]]
        assert replica.count_hits("hello") == 6


def test_an_older_message_joins_its_conversation_and_moves_its_start(tmp_path: Path) -> None:
    with Replica(tmp_path / "r.sqlite") as replica:
        store = ArchiveStore(replica, RULE)
        store.store_page(page([at(60, 1), at(70, 2)], Edge.NEWEST))
        store.store_page(page([at(40, 0)], Edge.OLDER))
        [summary] = replica.collections()
        assert summary.id.start == T0 + timedelta(minutes=40)
        assert bodies_by_conversation(replica) == [["word0 hello", "word1 hello", "word2 hello"]]


def test_a_message_in_a_silence_merges_the_two_conversations_around_it(tmp_path: Path) -> None:
    with Replica(tmp_path / "r.sqlite") as replica:
        store = ArchiveStore(replica, RULE)
        store.store_page(page([at(0, 0), at(50, 2)], Edge.NEWEST))
        assert len(replica.collections()) == 2
        # Only a server whose archive order is not time order sends one this late.
        store.store_page(page([at(25, 1)], Edge.NEWER))
        [conversation] = bodies_by_conversation(replica)
        assert sorted(conversation) == ["word0 hello", "word1 hello", "word2 hello"]
        assert replica.count_hits("word2") == 1


def test_a_far_away_message_starts_a_conversation_of_its_own(tmp_path: Path) -> None:
    with Replica(tmp_path / "r.sqlite") as replica:
        store = ArchiveStore(replica, RULE)
        store.store_page(page([at(0, 0), at(10, 1)], Edge.NEWEST))
        store.store_page(page([at(200, 2), at(205, 3, "carol@example.net")]))
        assert bodies_by_conversation(replica) == [
            ["word0 hello", "word1 hello"],
            ["word2 hello"],
            ["word3 hello"],
        ]


def test_a_new_idle_gap_regroups_what_is_stored_without_losing_a_message(tmp_path: Path) -> None:
    with Replica(tmp_path / "r.sqlite") as replica:
        store = ArchiveStore(replica, RULE)
        store.store_page(page([at(0, 0), at(20, 1), at(45, 2), at(50, 3)], Edge.NEWEST))
        assert len(replica.collections()) == 1
        narrow = ArchiveStore(replica, ConversationRule(timedelta(minutes=10)))
        assert narrow.regroup(ACCOUNT) == 3
        assert bodies_by_conversation(replica) == [
            ["word0 hello"],
            ["word1 hello"],
            ["word2 hello", "word3 hello"],
        ]
        assert replica.count_hits("hello") == 4
        assert [m.archive_id for m in narrow.messages(ACCOUNT)] == ["id0", "id1", "id2", "id3"]


def test_the_range_remembers_both_edges(tmp_path: Path) -> None:
    with Replica(tmp_path / "r.sqlite") as replica:
        store = ArchiveStore(replica, RULE)
        store.store_page(page([at(10, 1), at(20, 2)], Edge.NEWEST))
        store.store_page(page([at(5, 0)], Edge.OLDER))
        store.store_page(page([at(30, 3)], Edge.NEWER))
        stored = store.range(ACCOUNT)
        assert stored is not None
        assert (stored.oldest_id, stored.newest_id, stored.complete) == ("id0", "id3", False)
        store.store_page(ArchivePage(ACCOUNT, Edge.OLDER, [], None, None, reached_beginning=True))
        assert store.history_reach(BOB) == store.history_reach(BOB.upper())
        reach = store.history_reach(BOB)
        assert reach is not None
        assert reach.complete
        assert reach.back_to == T0 + timedelta(minutes=5)
        assert store.history_reach("nobody@example.net") is None


def test_conversations_remember_the_archive_they_come_from(tmp_path: Path) -> None:
    with Replica(tmp_path / "r.sqlite") as replica:
        store = ArchiveStore(replica, RULE)
        store.store_page(page([at(0, 0)], Edge.NEWEST))
        [summary] = replica.collections()
        assert store.archive_of(summary.id) == ACCOUNT
        # A full comparison with a XEP-0136 list must never take it for a removed collection.
        assert replica.collection_ids() == set()


def expected(messages: list[ArchivedMessage]) -> set[frozenset[str]]:
    by_contact: dict[str, list[ArchivedMessage]] = defaultdict(list)
    for m in messages:
        by_contact[m.with_jid].append(m)
    groups = set()
    for items in by_contact.values():
        items.sort(key=lambda m: m.message.time)
        for span in RULE.split([m.message.time for m in items]):
            groups.add(frozenset(items[n].archive_id for n in span))
    return groups


@given(
    minutes=st.lists(st.integers(0, 400), min_size=1, max_size=40),
    seed=st.integers(0, 10_000),
    pages=st.integers(1, 8),
)
def test_any_arrival_order_gives_the_conversations_of_grouping_all_at_once(
    tmp_path_factory: object, minutes: list[int], seed: int, pages: int
) -> None:
    rng = random.Random(seed)
    messages = [at(m, n, rng.choice([BOB, "carol@example.net"])) for n, m in enumerate(minutes)]
    shuffled = messages[:]
    rng.shuffle(shuffled)
    path = Path(str(tmp_path_factory.mktemp("prop"))) / "r.sqlite"  # type: ignore[attr-defined]
    with Replica(path) as replica:
        store = ArchiveStore(replica, RULE)
        size = max(1, len(shuffled) // pages)
        for start in range(0, len(shuffled), size):
            chunk = shuffled[start : start + size]
            store.store_page(page(chunk + chunk[:1]))  # with an overlap inside the page, too
        found = set()
        for summary in replica.collections(limit=1000):
            collection = replica.collection(summary.id)
            assert collection is not None
            assert summary.id.start == min(m.time for m in collection.messages)
            found.add(frozenset(m.body.split()[0] for m in collection.messages if m.body))
        assert replica.count_hits("hello") == len(messages)
    assert found == {frozenset(i.replace("id", "word") for i in g) for g in expected(messages)}
