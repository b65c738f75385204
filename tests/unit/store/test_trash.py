"""The trash: removed conversations leave the list and the search, and come back as they were."""

from __future__ import annotations

from datetime import timedelta

import pytest

from archiveviewer.domain import Direction, Message
from archiveviewer.errors import StoreError
from archiveviewer.store import Replica
from tests.unit.store.conftest import T0, balcony, encrypted

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
