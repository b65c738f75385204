"""Which protocol an account's history comes from, by what its server offers."""

from __future__ import annotations

from pathlib import Path

import pytest

from archiveviewer.crypto import KeyStore
from archiveviewer.domain import ArchivedMessage, Collection, CollectionId, Direction, Message
from archiveviewer.errors import KnownError, SourceNotOffered
from archiveviewer.ports.accounts import HistoryChoice
from archiveviewer.services.archive import AccountCommands
from archiveviewer.services.connection import Connection
from archiveviewer.services.history import (
    DEFAULT_WHEN_BOTH,
    HistorySource,
    abilities_of,
    choose_source,
)
from archiveviewer.services.worker import Worker
from archiveviewer.store import Replica
from archiveviewer.store.archive_types import ArchivePage, Edge
from archiveviewer.store.archives import ArchiveStore
from archiveviewer.sync.conversations import ConversationRule
from archiveviewer.sync.ports import MESSAGE_ARCHIVE_ABILITIES, ArchiveAction
from tests.unit.sync.archive_fakes import ACCOUNT, T0

XEP_0136 = {"urn:xmpp:archive", "urn:xmpp:archive:manage", "urn:xmpp:archive:manual"}
MAM = {"urn:xmpp:mam:2", "urn:xmpp:mam:2#extended"}
BOB = "bob@example.net"


def test_a_server_with_only_a_message_archive_is_read_with_it() -> None:
    assert choose_source(MAM) is HistorySource.MESSAGE_ARCHIVE


def test_a_server_with_only_collections_is_read_with_them() -> None:
    assert choose_source(XEP_0136) is HistorySource.COLLECTIONS


def test_when_both_are_offered_the_stated_default_holds_unless_the_user_chose() -> None:
    assert DEFAULT_WHEN_BOTH is HistorySource.COLLECTIONS
    assert choose_source(XEP_0136 | MAM) is DEFAULT_WHEN_BOTH
    assert choose_source(XEP_0136 | MAM, HistoryChoice.MAM) is HistorySource.MESSAGE_ARCHIVE
    assert choose_source(XEP_0136 | MAM, HistoryChoice.XEP0136) is HistorySource.COLLECTIONS


@pytest.mark.parametrize(
    ("features", "choice", "named"),
    [(MAM, HistoryChoice.XEP0136, "collections"), (XEP_0136, HistoryChoice.MAM, "message archive")],
)
def test_a_choice_the_server_cannot_honour_is_refused_in_a_sentence(
    features: set[str], choice: HistoryChoice, named: str
) -> None:
    with pytest.raises(SourceNotOffered) as refused:
        choose_source(features, choice)
    assert named in refused.value.user_message
    assert "choose Automatic" in refused.value.user_message


def test_a_server_with_neither_has_no_history_source() -> None:
    assert choose_source({"jabber:iq:roster"}) is None


def test_a_conversation_from_a_message_archive_can_only_be_read(tmp_path: Path) -> None:
    with Replica(tmp_path / "r.sqlite") as replica:
        store = ArchiveStore(replica, ConversationRule())
        message = ArchivedMessage(
            ACCOUNT, "a1", "bob@example.net", Message(Direction.FROM, T0, "hi")
        )
        store.store_page(ArchivePage(ACCOUNT, Edge.NEWEST, [message], "a1", "a1"))
        other = CollectionId(T0, "carol@example.net")
        replica.replace_collection(Collection(other, items=(message.message,)))
        mam = next(s.id for s in replica.collections() if s.id.with_jid == "bob@example.net")
        assert abilities_of(store, mam) == MESSAGE_ARCHIVE_ABILITIES
        assert not abilities_of(store, mam).allows(ArchiveAction.REMOVE)
        assert abilities_of(store, other).allows(ArchiveAction.NOTE)


@pytest.mark.asyncio
async def test_the_commands_refuse_what_a_message_archive_cannot_do(tmp_path: Path) -> None:
    worker = Worker()
    try:
        with Replica(tmp_path / "r.sqlite") as replica:
            message = ArchivedMessage(ACCOUNT, "a1", BOB, Message(Direction.FROM, T0, "hi"))
            ArchiveStore(replica, ConversationRule()).store_page(
                ArchivePage(ACCOUNT, Edge.NEWEST, [message], "a1", "a1")
            )
            [summary] = replica.collections()
            commands = AccountCommands(replica, KeyStore(tmp_path / "k"), Connection(), worker)
            attempts = [
                commands.add_note(summary.id, "remember"),
                commands.set_subject(summary.id, "a subject"),
                commands.remove_collections([summary.id]),
                commands.remove_range(BOB, None, None),
            ]
            said = []
            for attempt in attempts:
                with pytest.raises(KnownError) as refused:
                    await attempt
                said.append(refused.value.user_message)
            assert replica.collection(summary.id) is not None  # nothing was touched
    finally:
        worker.shutdown()
    reasons = MESSAGE_ARCHIVE_ABILITIES.unavailable
    assert said == [
        reasons[ArchiveAction.NOTE],
        reasons[ArchiveAction.SUBJECT],
        reasons[ArchiveAction.REMOVE],
        reasons[ArchiveAction.REMOVE],
    ]
    assert all("MAM archives" in s and "on the server" in s for s in said)
