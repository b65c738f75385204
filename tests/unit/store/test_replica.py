"""Writing and reading the replica: replace, remove, replication pages, decrypted text, lists."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from archiveviewer.domain import Collection, CollectionId, Direction, Message, Note
from archiveviewer.errors import StoreError
from archiveviewer.store import DatePeriod, Replica
from archiveviewer.store import rows as rows_module

from .conftest import T0, balcony, conversation, encrypted


def test_a_collection_comes_back_exactly_as_stored(replica: Replica) -> None:
    replica.replace_collection(balcony())
    replica.replace_collection(encrypted())
    assert replica.collection(balcony().id) == balcony()
    assert replica.collection(encrypted().id) == encrypted()


def test_a_start_in_another_zone_finds_the_same_collection(replica: Replica) -> None:
    replica.replace_collection(balcony())
    elsewhere = balcony().start.astimezone(timezone(timedelta(hours=2)))
    same = CollectionId(start=elsewhere, with_jid=balcony().with_jid)
    assert replica.collection(same) == balcony()


def test_starts_a_microsecond_apart_are_different_collections(replica: Replica) -> None:
    first = conversation("a@x", T0, "one")
    second = conversation("a@x", T0 + timedelta(microseconds=1), "two")
    replica.replace_collection(first)
    replica.replace_collection(second)
    assert replica.collection_ids() == {first.id, second.id}


def test_replacing_swaps_header_and_items(replica: Replica) -> None:
    replica.replace_collection(balcony())
    newer = replace(balcony(), subject="Renamed", version=4, items=(Note("only a note"),))
    replica.replace_collection(newer)
    assert replica.collection(balcony().id) == newer
    summary = replica.summary(balcony().id)
    assert summary is not None
    assert (summary.version, summary.message_count, summary.first_time) == (4, 0, None)


def test_an_error_while_replacing_keeps_the_old_collection_and_cursor(
    replica: Replica, monkeypatch: pytest.MonkeyPatch
) -> None:
    replica.apply([balcony()], [], "cursor-1")
    real_item_row = rows_module.item_row

    def failing(ordinal: int, item: Message | Note):  # type: ignore[no-untyped-def]
        if ordinal == 2:
            raise RuntimeError("crash in the middle")
        return real_item_row(ordinal, item)

    monkeypatch.setattr(rows_module, "item_row", failing)
    newer = replace(balcony(), subject="Newer", version=9)
    with pytest.raises(RuntimeError):
        replica.apply([newer], [], "cursor-2")
    with pytest.raises(RuntimeError):
        replica.replace_collection(newer)
    monkeypatch.undo()
    assert replica.collection(balcony().id) == balcony()
    assert replica.cursor() == "cursor-1"
    assert [h.kind.value for h in replica.search("balcony")] == ["subject"]
    assert replica.search("newer") == []


def test_a_page_stores_changes_removes_and_moves_the_cursor_together(replica: Replica) -> None:
    assert replica.cursor() is None
    old = conversation("romeo@montague.net", T0, "parting is such sweet sorrow")
    replica.apply([old], [], "2008-07-18T21:00:00Z")
    fresh = conversation("nurse@capulet.com", T0, "Anon, good nurse!")
    missing = CollectionId(start=T0, with_jid="nobody@nowhere")
    replica.apply([fresh], [old.id, missing], "2008-07-19T08:00:00Z")
    assert replica.collection_ids() == {fresh.id}
    assert replica.cursor() == "2008-07-19T08:00:00Z"
    assert [r.id for r in replica.removals()] == [old.id]
    assert replica.search("sorrow") == []


def test_a_failing_page_stores_nothing(replica: Replica) -> None:
    replica.apply([balcony()], [], "cursor-1")
    broken = Collection(
        id=CollectionId(start=T0, with_jid="x@y"),
        items=(Message(Direction.TO, datetime(2008, 1, 1), "naive time"),),  # a bug upstream
    )
    with pytest.raises(ValueError, match="aware"):
        replica.apply([conversation("a@b", T0, "first"), broken], [balcony().id], "cursor-2")
    assert replica.collection_ids() == {balcony().id}
    assert replica.cursor() == "cursor-1"


def test_removing(replica: Replica) -> None:
    replica.replace_collection(balcony())
    assert replica.remove_collection(balcony().id) is True
    assert replica.remove_collection(balcony().id) is False
    assert replica.collection(balcony().id) is None
    assert replica.search("romeo") == []
    assert replica._db.execute("SELECT count(*) FROM items").fetchone()[0] == 0


def test_decrypted_text_is_stored_beside_the_ciphertext(replica: Replica) -> None:
    replica.replace_collection(encrypted())
    assert replica.pending_encrypted() == [encrypted().id]
    assert replica.decrypted(encrypted().id) is None
    plain = (
        Message(Direction.FROM, encrypted().start, "The county Paris"),
        Message(Direction.TO, encrypted().start + timedelta(seconds=3), "What of him?"),
    )
    replica.store_decrypted(encrypted().id, plain)
    assert replica.decrypted(encrypted().id) == plain
    assert replica.collection(encrypted().id) == encrypted()  # ciphertext kept
    assert replica.pending_encrypted() == []
    [hit] = replica.search("paris")
    assert (hit.collection, hit.ordinal, hit.decrypted) == (encrypted().id, 0, True)
    summary = replica.summary(encrypted().id)
    assert summary is not None
    assert (summary.encrypted, summary.decrypted, summary.message_count) == (True, True, 2)
    # A new version with a note added keeps the plaintext: same ciphertext.
    annotated = replace(encrypted(), version=2, items=(*encrypted().items, Note("ask the friar")))
    replica.replace_collection(annotated)
    assert replica.decrypted(encrypted().id) == plain
    assert replica.pending_encrypted() == []
    assert len(replica.search("paris")) == 1
    # A new version with other ciphertext drops the old plaintext and asks again.
    rekeyed = replace(encrypted(), version=3, items=encrypted().items[:2])
    replica.replace_collection(rekeyed)
    assert replica.decrypted(encrypted().id) is None
    assert replica.pending_encrypted() == [encrypted().id]
    assert replica.search("paris") == []


def test_decrypted_text_stored_again_replaces_what_is_searched(replica: Replica) -> None:
    replica.replace_collection(encrypted())
    replica.store_decrypted(encrypted().id, (Message(Direction.FROM, T0, "The county Paris"),))
    replica.store_decrypted(encrypted().id, (Message(Direction.FROM, T0, "Good friar"),))
    assert replica.search("paris") == []
    assert len(replica.search("friar")) == 1
    replica.remove_collection(encrypted().id)
    assert replica.search("friar") == []
    check = "INSERT INTO items_fts (items_fts, rank) VALUES ('integrity-check', 1)"
    assert replica._db.execute(check).fetchall() == []


def test_decrypted_text_with_no_messages_still_counts_as_decrypted(replica: Replica) -> None:
    replica.replace_collection(encrypted())
    replica.store_decrypted(encrypted().id, ())
    assert replica.pending_encrypted() == []
    assert replica.decrypted(encrypted().id) == ()


def test_decrypted_text_for_a_removed_collection_is_refused(replica: Replica) -> None:
    with pytest.raises(StoreError, match="no longer in the local copy"):
        replica.store_decrypted(encrypted().id, ())


def test_sync_state(replica: Replica) -> None:
    assert replica.last_full_list() is None
    when = datetime(2024, 5, 1, 12, 0, 0, 5, tzinfo=UTC)
    replica.set_last_full_list(when)
    assert replica.last_full_list() == when


# --- lists for the window --------------------------------------------------------------


def _archive(replica: Replica) -> None:
    day = timedelta(days=1)
    replica.replace_collection(conversation("Juliet@Capulet.com/balcony", T0, "a", "b", "c"))
    replica.replace_collection(conversation("juliet@capulet.com/chamber", T0 + 40 * day, "d"))
    replica.replace_collection(conversation("romeo@montague.net", T0 + 400 * day, "e", "f"))
    replica.replace_collection(conversation("juliet@capulet.com", T0 + 41 * day))


def test_contacts_group_resources_and_case(replica: Replica) -> None:
    _archive(replica)
    contacts = replica.contacts()
    assert [(c.contact, c.collection_count, c.message_count) for c in contacts] == [
        ("romeo@montague.net", 1, 2),
        ("juliet@capulet.com", 3, 4),
    ]
    assert contacts[1].last_time == T0 + timedelta(days=41)


def test_collections_by_contact_range_and_page(replica: Replica) -> None:
    _archive(replica)
    juliet = replica.collections(contact="JULIET@capulet.com")
    assert [c.message_count for c in juliet] == [0, 1, 3]  # newest first
    oldest_first = replica.collections(contact="juliet@capulet.com", newest_first=False)
    assert [c.id for c in oldest_first] == [c.id for c in reversed(juliet)]
    chamber = replica.collections(contact="JULIET@capulet.com/chamber")
    assert [c.id.with_jid for c in chamber] == ["juliet@capulet.com/chamber"]
    assert replica.collections(contact="juliet@capulet.com/CHAMBER") == []  # resources keep case
    window = replica.collections(since=T0 + timedelta(days=1), until=T0 + timedelta(days=41))
    assert [c.id.with_jid for c in window] == ["juliet@capulet.com/chamber"]
    pages = [replica.collections(limit=3, offset=n) for n in (0, 3)]
    assert [len(p) for p in pages] == [3, 1]
    assert {c.id for p in pages for c in p} == replica.collection_ids()


def test_date_counts(replica: Replica) -> None:
    _archive(replica)
    assert [
        (d.period, d.collection_count, d.message_count)
        for d in replica.date_counts(DatePeriod.YEAR)
    ] == [("2008", 3, 4), ("2009", 1, 2)]
    assert [d.period for d in replica.date_counts(DatePeriod.MONTH)] == [
        "2008-07",
        "2008-08",
        "2009-08",
    ]
    days = replica.date_counts(
        DatePeriod.DAY, contact="juliet@capulet.com", since=T0 + timedelta(days=1)
    )
    assert [(d.period, d.collection_count) for d in days] == [("2008-08-27", 1), ("2008-08-28", 1)]


def test_summary_of_a_missing_collection(replica: Replica) -> None:
    assert replica.summary(balcony().id) is None
    assert replica.collection(balcony().id) is None
    assert replica.decrypted(balcony().id) is None


# --- more than one user of the file ------------------------------------------------------


def test_a_second_replica_on_the_same_file_sees_committed_pages(tmp_path: Path) -> None:
    path = tmp_path / "replica.sqlite"
    with Replica(path) as writer, Replica(path) as reader:
        writer.apply([balcony()], [], "cursor-1")
        assert reader.collection(balcony().id) == balcony()
        assert reader.cursor() == "cursor-1"
        assert len(reader.search("romeo")) == 1


def test_writes_from_a_worker_thread_are_seen_by_the_caller(replica: Replica) -> None:
    # The sync engine writes from an executor while the window reads.
    with ThreadPoolExecutor(max_workers=2) as pool:
        pages = [
            pool.submit(replica.apply, [conversation(f"c{n}@x", T0, f"word{n}")], [], f"c{n}")
            for n in range(20)
        ]
        for page in pages:
            page.result()
    assert len(replica.collection_ids()) == 20
    assert replica.cursor() in {f"c{n}" for n in range(20)}
    assert all(len(replica.search(f"word{n}")) == 1 for n in range(20))
