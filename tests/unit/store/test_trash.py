"""The trash: removed conversations leave the list and the search, and come back as they were."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from archiveviewer.domain import ArchivedMessage, Direction, Message
from archiveviewer.errors import StoreError
from archiveviewer.store import Replica
from archiveviewer.store.archive_types import ArchivePage, Edge
from archiveviewer.store.archives import ArchiveStore
from archiveviewer.sync.conversations import ConversationRule
from tests.unit.store.conftest import T0, balcony, encrypted
from tests.unit.sync.archive_fakes import ACCOUNT

BOB = "bob@example.net"

NOW = T0 + timedelta(days=400)
PLAIN = (Message(Direction.FROM, T0, "the decrypted secret"),)


def test_a_conversation_moved_to_the_trash_leaves_the_list_and_the_search(
    replica: Replica,
) -> None:
    collection = balcony()
    replica.replace_collection(collection)
    word = next(m.body for m in collection.messages if m.body).split()[0]
    assert replica.search(word)
    assert replica.move_to_trash(collection.id, NOW)
    assert replica.collection(collection.id) is None
    assert replica.search(word) == []
    (entry,) = replica.trashed()
    assert (entry.id, entry.removed_at, entry.messages) == (
        collection.id, NOW, len(collection.messages)
    )  # fmt: skip
    assert entry.preview == collection.messages[0].body
    assert not replica.move_to_trash(collection.id, NOW)  # gone from the list already


def test_put_back_it_is_the_same_conversation_searchable_again(replica: Replica) -> None:
    collection = balcony()
    replica.replace_collection(collection)
    replica.move_to_trash(collection.id, NOW)
    held = replica.trashed_collection(collection.id)
    assert held is not None
    assert held.collection == collection
    assert held.plaintext is None
    replica.put_back(collection.id)
    assert replica.collection(collection.id) == collection
    assert replica.trashed() == []
    word = next(m.body for m in collection.messages if m.body).split()[0]
    assert replica.search(word)


def test_an_encrypted_conversation_keeps_its_ciphertext_and_its_plaintext(
    replica: Replica,
) -> None:
    collection = encrypted()
    replica.replace_collection(collection)
    replica.store_decrypted(collection.id, PLAIN)
    replica.move_to_trash(collection.id, NOW)
    (entry,) = replica.trashed()
    assert entry.encrypted
    assert entry.preview == "the decrypted secret"
    held = replica.trashed_collection(collection.id)
    assert held is not None
    assert held.collection.encrypted == collection.encrypted  # the very same ciphertext
    assert held.plaintext == PLAIN
    replica.put_back(collection.id)
    assert replica.collection(collection.id) == collection
    assert replica.decrypted(collection.id) == PLAIN
    assert replica.search("secret")


@pytest.mark.parametrize(
    ("keep_days", "age_days", "kept"),
    [(30, 29, True), (30, 31, False), (7, 8, False), (90, 60, True)],
)
def test_entries_older_than_the_period_kept_are_purged(
    replica: Replica, keep_days: int, age_days: int, kept: bool
) -> None:
    collection = balcony()
    replica.replace_collection(collection)
    replica.set_trash_keep_days(keep_days)
    replica.move_to_trash(collection.id, NOW - timedelta(days=age_days))
    assert replica.purge_trash(NOW) == (0 if kept else 1)
    assert bool(replica.trashed()) is kept


def test_thirty_days_unless_the_user_says_and_never_less_than_one(replica: Replica) -> None:
    assert replica.trash_keep_days() == 30
    with pytest.raises(StoreError):
        replica.set_trash_keep_days(0)


def test_emptying_deletes_for_good(replica: Replica) -> None:
    first, second = balcony(), encrypted()
    for collection in (first, second):
        replica.replace_collection(collection)
        replica.move_to_trash(collection.id, NOW)
    assert replica.empty_trash([first.id]) == 1
    assert [e.id for e in replica.trashed()] == [second.id]
    assert replica.empty_trash() == 1
    assert replica.trashed() == []
    with pytest.raises(StoreError):
        replica.put_back(first.id)


# -- what a sync finds removed on the server ------------------------------------------------


def test_a_removal_a_sync_brings_goes_to_the_trash_marked_removed_on_the_server(
    replica: Replica,
) -> None:
    collection = balcony()
    replica.replace_collection(collection)
    assert replica.apply([], [collection.id], cursor="c1") == 1
    assert replica.collection(collection.id) is None
    (entry,) = replica.trashed()
    assert entry.id == collection.id
    assert entry.removed_elsewhere
    assert entry.messages == len(collection.messages)
    held = replica.trashed_collection(collection.id)
    assert held is not None
    assert held.collection == collection
    assert replica.remove_collection(collection.id) is False  # gone from the list already


def test_a_full_comparison_removal_goes_to_the_trash_too(replica: Replica) -> None:
    replica.replace_collection(balcony())
    assert replica.remove_collection(balcony().id)
    assert [(e.id, e.removed_elsewhere) for e in replica.trashed()] == [(balcony().id, True)]


def test_removed_here_stays_marked_so_when_the_sync_reports_the_removal(
    replica: Replica,
) -> None:
    replica.replace_collection(balcony())
    replica.move_to_trash(balcony().id, NOW)
    assert replica.apply([], [balcony().id], cursor="c1") == 0  # the user's own removal
    (entry,) = replica.trashed()
    assert (entry.removed_at, entry.removed_elsewhere) == (NOW, False)


def test_back_on_the_server_it_leaves_the_trash_unless_removed_here(replica: Replica) -> None:
    other = encrypted()
    replica.apply([balcony(), other], [], cursor="c0")
    replica.apply([], [balcony().id], cursor="c1")  # another client removed it...
    replica.move_to_trash(other.id, NOW)  # ...and the user removed this one here
    replica.apply([balcony(), other], [], cursor="c2")  # both are on the server again
    assert replica.collection(balcony().id) == balcony()
    assert [(e.id, e.removed_elsewhere) for e in replica.trashed()] == [(other.id, False)]


def test_a_message_archive_conversation_is_never_trashed_nor_removed(tmp_path: Path) -> None:
    with Replica(tmp_path / "mam.sqlite") as replica:
        store = ArchiveStore(replica, ConversationRule(timedelta(minutes=30)))
        messages = [
            ArchivedMessage(ACCOUNT, f"m{n}", BOB, Message(Direction.FROM, T0 + gap, f"word{n}"))
            for n, gap in enumerate((timedelta(0), timedelta(minutes=40)))
        ]
        store.store_page(ArchivePage(ACCOUNT, Edge.NEWER, messages, "m0", "m1"))
        first, second = replica.collections(limit=10)
        assert replica.apply([], [first.id], cursor="c1") == 0
        assert replica.remove_collection(second.id) is False
        assert len(replica.collections(limit=10)) == 2
        assert replica.trashed() == []
        # A longer idle gap joins the two conversations: a regrouping, not a removal.
        assert ArchiveStore(replica, ConversationRule(timedelta(hours=1))).regroup(ACCOUNT)
        assert len(replica.collections(limit=10)) == 1
        assert replica.trashed() == []
