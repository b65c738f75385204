"""Changing the idle gap between syncs: every message once, conversations as if grouped afresh.

The user changes the setting in the middle of a first sync (some pages
stored, older ones not yet), the stored conversations are regrouped, and the
sync goes on with the new gap; later messages arrive too. At each step the
replica holds each of the archive's messages exactly once, and its
conversations are what grouping all of them at once by the current gap gives.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from pathlib import Path

import pytest

from archiveviewer.domain import ArchivedMessage
from archiveviewer.errors import ServerError
from archiveviewer.services.history import regroup_all
from archiveviewer.store import Replica
from archiveviewer.store.archives import ArchiveStore
from archiveviewer.sync.conversations import ConversationRule
from archiveviewer.sync.mam import ArchiveReplicator
from tests.unit.sync.archive_fakes import FakeArchive, chat_history
from tests.unit.sync.test_archive_sync import ME, conversations

pytestmark = pytest.mark.asyncio
Conversations = set[tuple[str, str, tuple[str | None, ...]]]


def grouped(messages: list[ArchivedMessage], rule: ConversationRule) -> Conversations:
    by_contact: dict[str, list[ArchivedMessage]] = defaultdict(list)
    for m in messages:
        by_contact[m.with_jid].append(m)
    found = set()
    for contact, items in by_contact.items():
        items.sort(key=lambda m: m.message.time)
        for span in rule.split([m.message.time for m in items]):
            first = items[span[0]]
            bodies = tuple(items[n].message.body for n in span)
            found.add((contact, first.message.time.isoformat(), bodies))
    return found


async def sync(archive: FakeArchive, path: Path, rule: ConversationRule) -> None:
    with Replica(path) as replica:
        await ArchiveReplicator(archive, ArchiveStore(replica, rule), [ME], page_size=7).run()


def ids(path: Path) -> list[str]:
    with Replica(path) as replica:
        return [m.archive_id for m in ArchiveStore(replica, ConversationRule()).messages(ME.jid)]


@pytest.mark.parametrize("minutes", [1, 5, 90, 24 * 60])
async def test_a_new_gap_mid_sync_loses_and_doubles_nothing(tmp_path: Path, minutes: int) -> None:
    history = chat_history(150, contacts=4, seed_gap=5)
    archive = FakeArchive(history[:120], fail_at=6)  # the first sync stops after 5 pages
    path = tmp_path / "r.sqlite"
    old, new = ConversationRule(), ConversationRule(timedelta(minutes=minutes))
    with pytest.raises(ServerError):
        await sync(archive, path, old)
    assert 0 < len(ids(path)) < 120
    with Replica(path) as replica:
        regroup_all(replica, new)
    assert conversations(path) == grouped(
        [m for m in history if m.archive_id in set(ids(path))], new
    )
    archive.fail_at = None
    archive.messages = history  # and 30 newer messages meanwhile
    await sync(archive, path, new)
    assert sorted(ids(path)) == sorted(m.archive_id for m in history)
    assert len(set(ids(path))) == len(ids(path)) == 150
    assert conversations(path) == grouped(history, new)
