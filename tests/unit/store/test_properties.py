"""Property tests: the replica behaves like a plain dict of collections."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archiveviewer.domain import (
    Collection,
    CollectionId,
    Direction,
    EncryptedItem,
    EncryptedKind,
    Item,
    Message,
    Note,
)
from archiveviewer.store import Replica

WORDS = ["rose", "Rosé", "name", "night", "sword", "poison"]
BASE = datetime(2008, 7, 18, tzinfo=UTC)

# Odd strings for the columns that are stored, not searched (hypothesis' text
# strategy costs more time here than the replica does).
SHORT = st.sampled_from(["", "x", "Ünïcode ✓", "<a b='1'>&amp;</a>", "line\nbreak", "\x00nul"])
texts = st.lists(st.sampled_from(WORDS), min_size=0, max_size=4).map(" ".join)
times = st.integers(min_value=0, max_value=10**9).map(lambda us: BASE + timedelta(microseconds=us))
ids = st.builds(
    CollectionId,
    start=st.sampled_from([BASE, BASE + timedelta(microseconds=1), BASE + timedelta(days=3)]),
    with_jid=st.sampled_from(["juliet@capulet.com", "juliet@capulet.com/balcony", "friar@x"]),
)
messages = st.builds(
    Message,
    direction=st.sampled_from(Direction),
    time=times,
    body=st.none() | texts,
    nick=st.none() | SHORT,
    payload=st.lists(SHORT, max_size=2).map(tuple),
)
notes = st.builds(Note, text=texts, time=st.none() | times)
encrypted_items = st.builds(
    EncryptedItem,
    kind=st.sampled_from(EncryptedKind),
    xml=SHORT,
    key_name=st.none() | SHORT,
    carried_key_name=st.none() | SHORT,
)
items: st.SearchStrategy[Item] = st.one_of(messages, notes, encrypted_items)
collections = st.builds(
    Collection,
    id=ids,
    subject=st.none() | texts,
    crypt=st.booleans(),
    thread=st.none() | SHORT,
    version=st.none() | st.integers(min_value=0, max_value=10),
    items=st.lists(items, max_size=6).map(tuple),
)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("replace"), collections),
        st.tuples(st.just("remove"), ids),
        st.tuples(st.just("apply"), st.lists(collections, max_size=3), st.lists(ids, max_size=2)),
    ),
    max_size=8,
)


def _texts_of(collection: Collection) -> list[str]:
    found = [collection.subject] if collection.subject is not None else []
    for item in collection.items:
        if isinstance(item, Message) and item.body is not None:
            found.append(item.body)
        elif isinstance(item, Note):
            found.append(item.text)
    return found


def _expected_hits(model: dict[CollectionId, Collection]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for collection in model.values():
        for text in _texts_of(collection):
            for word in {w.lower().replace("é", "e") for w in text.split()}:
                counts[word] += 1
    return counts


@pytest.fixture(scope="module")
def replica(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Replica]:
    """One file for every example; each example starts by emptying it."""
    with Replica(tmp_path_factory.mktemp("model") / "replica.sqlite") as opened:
        yield opened


@settings(max_examples=30, deadline=None)
@given(steps=operations)
def test_replica_matches_a_dict_model(
    steps: list[tuple],  # type: ignore[type-arg]
    replica: Replica,
) -> None:
    for stale in replica.collection_ids():
        replica.remove_collection(stale)
    model: dict[CollectionId, Collection] = {}
    for number, step in enumerate(steps):
        if step[0] == "replace":
            replica.replace_collection(step[1])
            model[step[1].id] = step[1]
        elif step[0] == "remove":
            assert replica.remove_collection(step[1]) == (step[1] in model)
            model.pop(step[1], None)
        else:
            replica.apply(step[1], step[2], f"cursor {number}")
            model.update((c.id, c) for c in step[1])
            for removed in step[2]:
                model.pop(removed, None)
    assert replica.collection_ids() == set(model)
    for collection_id, collection in model.items():
        assert replica.collection(collection_id) == collection
    expected = _expected_hits(model)
    for word in ("rose", "name", "night", "sword", "poison"):
        assert len(replica.search(word, limit=1000)) == expected[word], word
    assert sum(c.collection_count for c in replica.contacts()) == len(model)
