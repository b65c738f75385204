"""A new idle gap reaches every account, not only the one on screen.

The window regroups the shown account at once; every other account (opened
in this run or not) groups by the new gap from then on, and what it holds is
regrouped before its next sync, at its next open (``follow_idle_gap``).
Nothing is fetched again and no message is lost. The command line, given no
``--idle-gap``, keeps the gap the replica is grouped by.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

from archiveviewer.domain import ArchivedMessage, Direction, Message
from archiveviewer.ports.accounts import Account
from archiveviewer.services.accounts import NetworkOpener
from archiveviewer.services.history import follow_idle_gap
from archiveviewer.services.worker import Worker
from archiveviewer.services.workspace import Workspace
from archiveviewer.store import Replica
from archiveviewer.store.archive_types import ArchivePage, Edge
from archiveviewer.store.archives import ArchiveStore
from archiveviewer.store.grouping import grouped_by
from archiveviewer.sync.conversations import ConversationRule
from tests.unit.sync.archive_fakes import T0

HALF_HOUR = ConversationRule(timedelta(minutes=30))
TWO_HOURS = timedelta(minutes=120)


def synced(replica: Replica, jid: str) -> None:
    """Three messages 40 minutes apart, synced with a half-hour gap: three conversations."""
    rule = follow_idle_gap(replica, HALF_HOUR)
    messages = [
        ArchivedMessage(
            jid, f"{jid}-{n}", "juliet@capulet.lit",
            Message(Direction.FROM, T0 + timedelta(minutes=40 * n), f"line {n}"),
        )
        for n in range(3)
    ]  # fmt: skip
    ArchiveStore(replica, rule).store_page(
        ArchivePage(jid, Edge.NEWEST, messages, messages[0].archive_id, messages[-1].archive_id)
    )


def conversations(replica: Replica) -> int:
    return len(replica.collections(limit=100))


def test_every_account_follows_a_new_idle_gap(tmp_path: Path) -> None:
    worker = Worker()
    opener = NetworkOpener(Workspace(tmp_path / "data", tmp_path / "config"), worker)
    opener.idle_gap_minutes = 30
    try:
        shown, other = (opener.offline(Account(j)) for j in ("romeo@a.lit", "benvolio@b.lit"))
        later = Replica(opener.workspace.replica_path("mercutio@c.lit"))
        for opened in (shown, other):
            synced(opened.replica, opened.account.jid)
        synced(later, "mercutio@c.lit")
        later.close()

        # Settings: the window regroups the account on screen and tells the opener.
        assert asyncio.run(shown.commands.regroup(120)) == 1
        opener.idle_gap_minutes = 120

        assert conversations(shown.replica) == 1
        # The other opened account groups by the new gap from now on...
        assert other.commands.rule.idle_gap == TWO_HOURS
        assert conversations(other.replica) == 3  # (nothing was done to it yet)
        # ...and its next open or sync regroups what it holds first.
        follow_idle_gap(other.replica, other.commands.rule)
        assert conversations(other.replica) == 1
        assert grouped_by(other.replica) == TWO_HOURS

        # An account not opened in this run gets the gap when it is.
        third = opener.offline(Account("mercutio@c.lit"))
        assert third.commands.rule.idle_gap == TWO_HOURS
        follow_idle_gap(third.replica, third.commands.rule)
        assert conversations(third.replica) == 1
        assert len(ArchiveStore(third.replica, HALF_HOUR).messages("mercutio@c.lit")) == 3
    finally:
        for opened in list(opener._opened.values()):
            opened.reader.close()
            opened.replica.close()
        worker.shutdown()


def test_without_a_gap_given_the_replicas_own_is_kept(tmp_path: Path) -> None:
    with Replica(tmp_path / "r.sqlite") as replica:
        assert follow_idle_gap(replica) == ConversationRule()  # a new replica: the default
        synced(replica, "romeo@a.lit")
        follow_idle_gap(replica, ConversationRule(TWO_HOURS))
        assert conversations(replica) == 1
        # The command line without --idle-gap: grouped as the window last chose.
        assert follow_idle_gap(replica).idle_gap == TWO_HOURS
        assert conversations(replica) == 1
