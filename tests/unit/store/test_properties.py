"""Property tests: the replica behaves like a plain dict of collections."""

from __future__ import annotations

import tempfile
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

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
    nick=st.none() | st.text(max_size=5),
    payload=st.lists(st.text(max_size=10), max_size=2).map(tuple),
)
notes = st.builds(Note, text=texts, time=st.none() | times)
encrypted_items = st.builds(
    EncryptedItem,
    kind=st.sampled_from(EncryptedKind),
    xml=st.text(max_size=20),
    key_name=st.none() | st.text(max_size=5),
    carried_key_name=st.none() | st.text(max_size=5),
)
items: st.SearchStrategy[Item] = st.one_of(messages, notes, encrypted_items)
collections = st.builds(
    Collection,
    id=ids,
    subject=st.none() | texts,
    crypt=st.booleans(),
    thread=st.none() | st.text(max_size=5),
    version=st.none() | st.integers(min_value=0, max_value=10),
    items=st.lists(items, max_size=6).map(tuple),
)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("replace"), collections),
        st.tuples(st.just("remove"), ids),
        st.tuples(st.just("apply"), st.lists(collections, max_size=3), st.lists(ids, max_size=2)),
    ),
    max_size=12,
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


@settings(max_examples=40, deadline=None)
@given(steps=operations)
def test_replica_matches_a_dict_model(steps: list[tuple]) -> None:  # type: ignore[type-arg]
    model: dict[CollectionId, Collection] = {}
    with tempfile.TemporaryDirectory() as folder, Replica(Path(folder) / "r.sqlite") as replica:
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
