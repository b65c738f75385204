"""Removals go to the trash, and what outlived its period there is purged on the next removal
(the services layer over a fake archive plugin and a real replica)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from archiveviewer.services.worker import Worker
from archiveviewer.store import Replica
from tests.unit.services.test_removal import (
    FIRST,
    OTHER,
    SECOND,
    RangeReadingArchive,
    commands_over,
)

pytestmark = pytest.mark.asyncio


@pytest.fixture
def worker() -> Iterator[Worker]:
    worker = Worker()
    yield worker
    worker.shutdown()


async def test_a_removed_conversation_waits_in_the_trash_and_an_expired_one_goes(
    tmp_path: Path, worker: Worker
) -> None:
    archive = RangeReadingArchive([FIRST, OTHER])
    with Replica(tmp_path / "r.sqlite3") as replica:
        for talk in (FIRST, OTHER, SECOND):
            replica.replace_collection(talk)
        replica.move_to_trash(SECOND.id, datetime.now(UTC) - timedelta(days=31))
        commands = commands_over(archive, replica, tmp_path, worker)

        await commands.remove_collections([OTHER.id])

        assert [e.id for e in replica.trashed()] == [OTHER.id]  # SECOND outlived 30 days
        held = replica.trashed_collection(OTHER.id)
        assert held is not None
        assert held.collection == OTHER


async def test_a_removed_range_goes_to_the_trash_whole(tmp_path: Path, worker: Worker) -> None:
    archive = RangeReadingArchive([])
    archive.remove_range = _accept  # type: ignore[attr-defined]
    with Replica(tmp_path / "r.sqlite3") as replica:
        for talk in (FIRST, SECOND, OTHER):
            replica.replace_collection(talk)
        commands = commands_over(archive, replica, tmp_path, worker)

        await commands.remove_range(None, None, None)

        assert {e.id for e in replica.trashed()} == {FIRST.id, SECOND.id, OTHER.id}
        assert replica.collection(FIRST.id) is None


async def _accept(*_args: object) -> None:
    return None
