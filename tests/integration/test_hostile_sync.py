"""One unreadable entry in a server's answer over the real network path: skipped, named, retried.

A scripted server on loopback (``hostile_archive``) lists five good
conversations and one whose key or value cannot be read. Whatever the page
type, the sync stores the good ones, names the bad one in one sentence,
records it before the cursor moves past it and asks for it again next time.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from archiveviewer.domain import UnreadEntry
from tests.integration.hostile_archive import (
    FEATURES,
    STARTS,
    WITH,
    HostileArchive,
    sync_once,
    trusted_certificates,
)

pytestmark = pytest.mark.asyncio


@pytest.fixture
def trusted(tmp_path: Path) -> tuple[Path, tuple[Path, Path]]:
    return trusted_certificates(tmp_path)


BAD_STARTS = {
    "impossible-date": "2026-02-30T10:00:00Z",
    "year-99999": "99999-01-01T00:00:00Z",
    "not-a-date": "yesterday",
    "hour-25": "2026-11-30T25:00:00Z",
}


@pytest.mark.parametrize("bad", BAD_STARTS.values(), ids=BAD_STARTS.keys())
async def test_a_bogus_start_in_the_change_list_is_skipped_named_and_retried(
    trusted: tuple[Path, tuple[Path, Path]], tmp_path: Path, bad: str
) -> None:
    archive = HostileArchive()
    archive.changed[2] = f"<changed with='{WITH}' start='{bad}'/>"
    replica_file = tmp_path / "r.sqlite3"

    outcome, stored, recorded = await sync_once(archive, trusted, replica_file)

    assert stored == [s for n, s in enumerate(STARTS) if n != 2]
    assert len(outcome.skipped) == 1
    reason = outcome.skipped[0].reason
    assert WITH in reason
    assert bad in reason
    assert "start" in reason
    assert list(recorded) == [UnreadEntry(with_jid=WITH, start=bad)]

    # The next sync asks the server for it again, in the server's own words.
    archive.retrieves.clear()
    again, _, still = await sync_once(archive, trusted, replica_file)
    assert bad in archive.retrieves
    assert len(again.skipped) == 1
    assert bad in again.skipped[0].reason
    assert list(still) == [UnreadEntry(with_jid=WITH, start=bad)]

    # Once the server no longer has it, it is forgotten.
    archive.gone.add(bad)
    last, _, none_left = await sync_once(archive, trusted, replica_file)
    assert last.skipped == ()
    assert none_left == {}


async def test_a_change_entry_without_with_is_named_and_the_rest_syncs(
    trusted: tuple[Path, tuple[Path, Path]], tmp_path: Path
) -> None:
    archive = HostileArchive()
    archive.changed[1] = f"<changed start='{STARTS[1]}'/>"
    outcome, stored, _ = await sync_once(archive, trusted, tmp_path / "r.sqlite3")
    assert stored == [s for n, s in enumerate(STARTS) if n != 1]
    assert "does not say whom it is with" in outcome.skipped[0].reason


async def test_an_unreadable_version_hint_does_not_stop_the_change(
    trusted: tuple[Path, tuple[Path, Path]], tmp_path: Path
) -> None:
    archive = HostileArchive()
    archive.changed[3] = (
        f"<changed with='{WITH}' start='{STARTS[3]}' version='99999999999999999999999'/>"
    )
    outcome, stored, _ = await sync_once(archive, trusted, tmp_path / "r.sqlite3")
    assert stored == STARTS
    assert outcome.skipped == ()


async def test_a_bogus_start_in_the_list_is_named_and_deletes_nothing(
    trusted: tuple[Path, tuple[Path, Path]], tmp_path: Path
) -> None:
    # A server without <modified/>: the sync compares the whole list.
    archive = HostileArchive(features=FEATURES.replace("#manage", "#nothing"))
    replica_file = tmp_path / "r.sqlite3"
    await sync_once(archive, trusted, replica_file)  # all five stored
    archive.listed[4] = f"<store with='{WITH}' start='2026-11-31T14:00:00Z'/>"

    outcome, stored, recorded = await sync_once(archive, trusted, replica_file)

    # The one it cannot read is not taken for gone: nothing stored is deleted for it.
    assert stored == STARTS
    assert len(outcome.skipped) == 1
    assert "2026-11-31T14:00:00Z" in outcome.skipped[0].reason
    assert "list of conversations" in outcome.skipped[0].reason
    assert list(recorded) == [UnreadEntry(with_jid=WITH, start="2026-11-31T14:00:00Z")]


@pytest.mark.parametrize(
    ("items", "words"),
    [
        ("<to secs='99999999999999'><body>a</body></to>", "“secs” of a message"),
        ("<to secs='1' utc='2026-02-30T00:00:00Z'><body>a</body></to>", "not a valid date"),
        ("<to secs='1' utc='2026-11-30T10:00:00+99:99'><body>a</body></to>", "not a valid"),
        ("<note utc='99999-01-01T00:00:00Z'>n</note>", "not a valid date"),
    ],
    ids=["secs-overflow", "impossible-utc", "zone-99-99", "note-year-99999"],
)
async def test_a_bad_value_in_one_retrieved_conversation_skips_that_one_only(
    trusted: tuple[Path, tuple[Path, Path]], tmp_path: Path, items: str, words: str
) -> None:
    archive = HostileArchive(retrieved={STARTS[0]: items})
    outcome, stored, recorded = await sync_once(archive, trusted, tmp_path / "r.sqlite3")
    assert stored == STARTS[1:]
    (skipped,) = outcome.skipped
    assert f"The conversation with {WITH} that starts at {STARTS[0]}" in skipped.reason
    assert words in skipped.reason
    assert len(recorded) == 1


async def test_a_start_near_9999_plus_secs_skips_that_conversation_only(
    trusted: tuple[Path, tuple[Path, Path]], tmp_path: Path
) -> None:
    late = "9999-12-31T23:59:59Z"
    archive = HostileArchive(retrieved={late: "<to secs='5'><body>a</body></to>"})
    archive.changed.append(f"<changed with='{WITH}' start='{late}'/>")
    outcome, stored, _ = await sync_once(archive, trusted, tmp_path / "r.sqlite3")
    assert stored == STARTS
    (skipped,) = outcome.skipped
    assert f"starts at {late}" in skipped.reason
    assert "“secs” of a message" in skipped.reason


async def test_a_server_that_refuses_its_own_words_back_does_not_stop_the_next_sync(
    trusted: tuple[Path, tuple[Path, Path]], tmp_path: Path
) -> None:
    bad = BAD_STARTS["impossible-date"]
    archive = HostileArchive()
    archive.changed[0] = f"<changed with='{WITH}' start='{bad}'/>"
    replica_file = tmp_path / "r.sqlite3"
    first, _, _ = await sync_once(archive, trusted, replica_file)
    archive.refused.add(bad)  # bad-request: it will not look up what it wrote itself
    again, stored, recorded = await sync_once(archive, trusted, replica_file)
    assert stored == STARTS[1:]
    assert [s.reason for s in again.skipped] == [s.reason for s in first.skipped]
    assert list(recorded) == [UnreadEntry(with_jid=WITH, start=bad)]
