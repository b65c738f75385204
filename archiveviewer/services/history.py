"""Message history from the server's message archives (XEP-0313): the account's and its rooms'.

:func:`sync_history` is what the account's sync calls for a server that
keeps history with MAM: the account's own archive, then the archive of every
bookmarked room that keeps one (with the nick the bookmark gives, so the
user's own lines read as sent). :func:`choose_source` says which protocol an
account's history comes from, given what the server offers and the user's
choice; :func:`abilities_of` what can be done with a stored conversation.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from archiveviewer.domain import CollectionId, Conference
from archiveviewer.errors import ServerError, SourceNotOffered
from archiveviewer.ports.accounts import HistoryChoice
from archiveviewer.protocol.features import archive_support
from archiveviewer.protocol.mam import MAM_NS, ArchiveTarget
from archiveviewer.store import Replica
from archiveviewer.store.archive_reads import any_archived, contact_archived, stored_archives
from archiveviewer.store.archives import ArchiveStore
from archiveviewer.store.grouping import grouped_by, set_grouped_by
from archiveviewer.sync.conversations import ConversationRule
from archiveviewer.sync.mam import ArchiveReplicator, ArchiveSyncResult, WriteRunner
from archiveviewer.sync.ports import (
    COLLECTION_ABILITIES,
    MESSAGE_ARCHIVE_ABILITIES,
    SourceAbilities,
)
from archiveviewer.sync.progress import ProgressCallback, SyncMode, SyncResult, ignore_progress
from archiveviewer.xmpp.mam import MessageArchive
from archiveviewer.xmpp.session import AccountSession


class HistorySource(enum.Enum):
    """Which protocol an account's history is read with."""

    #: XEP-0136 collections: read, remove, notes, subjects, encryption.
    COLLECTIONS = "xep-0136"
    #: XEP-0313 message archive: read only, grouped into conversations here.
    MESSAGE_ARCHIVE = "mam"


#: When a server offers both, collections are read: they can do everything the
#: program offers (remove, notes, subjects), the message archive can only be read.
DEFAULT_WHEN_BOTH = HistorySource.COLLECTIONS

#: The user's choice (``Account.history``, ``sync --source``) as a source; AUTO is none.
_CHOSEN = {
    HistoryChoice.MAM: HistorySource.MESSAGE_ARCHIVE,
    HistoryChoice.XEP0136: HistorySource.COLLECTIONS,
}
#: Said when the chosen source is not offered (the window and the command line alike).
NOT_OFFERED = {
    HistorySource.MESSAGE_ARCHIVE: (
        "You chose to read this account's history from the server's message archive (MAM), "
        "but this server keeps none; choose Automatic to read the archive it keeps."
    ),
    HistorySource.COLLECTIONS: (
        "You chose to read this account's history from the server's collections "
        "(XEP-0136), but this server does not offer them; choose Automatic to read the "
        "archive it keeps."
    ),
}


def choose_source(
    account_features: Iterable[str], choice: HistoryChoice = HistoryChoice.AUTO
) -> HistorySource | None:
    """The source to sync from, by the account's disco features; None when it has neither.

    ``choice`` is the user's: AUTO takes what the server offers
    (:data:`DEFAULT_WHEN_BOTH` when it offers both); a source the server does
    not offer raises :class:`~archiveviewer.errors.SourceNotOffered`, never a
    silent fallback to the other one.
    """
    features = frozenset(account_features)
    offered = set()
    if archive_support(features):
        offered.add(HistorySource.COLLECTIONS)
    if MAM_NS in features:
        offered.add(HistorySource.MESSAGE_ARCHIVE)
    chosen = _CHOSEN.get(choice)
    if chosen is not None:
        if chosen not in offered:
            raise SourceNotOffered(NOT_OFFERED[chosen])
        return chosen
    if len(offered) == 2:
        return DEFAULT_WHEN_BOTH
    return next(iter(offered), None)


def abilities_of(store: ArchiveStore, collection_id: CollectionId) -> SourceAbilities:
    """What the user can do with a stored conversation, and why not (for disabled actions).

    A conversation grouped from a message archive can only be read; any
    other is a XEP-0136 collection.
    """
    if store.archive_of(collection_id) is None:
        return COLLECTION_ABILITIES
    return MESSAGE_ARCHIVE_ABILITIES


def limits_of(
    replica: Replica,
    ids: Sequence[CollectionId],
    contact: str | None = None,
    whole_range: bool = False,
) -> dict[str, str]:
    """The ``ActionLimits`` answer: what cannot be done with these conversations, and why.

    ``ids`` are the conversations acted on; with ``whole_range``, the range of
    ``contact``'s conversations (None: everyone's) instead. Any of them
    grouped from a message archive makes removal, notes and subjects
    unavailable (:data:`~archiveviewer.sync.ports.MESSAGE_ARCHIVE_ABILITIES`).
    """
    archived = contact_archived(replica, contact) if whole_range else any_archived(replica, ids)
    if not archived:
        return {}
    return {a.value: why for a, why in MESSAGE_ARCHIVE_ABILITIES.unavailable.items()}


def regroup_all(replica: Replica, rule: ConversationRule) -> int:
    """Group every stored message archive again by ``rule``; how many conversations there are.

    One transaction per archive (see :meth:`ArchiveStore.regroup`): regrouping only moves
    messages between conversations, so none is lost or doubled.
    """
    store = ArchiveStore(replica, rule)
    count = sum(store.regroup(archive) for archive in stored_archives(replica))
    set_grouped_by(replica, rule.idle_gap)  # after: a crash before it only regroups again
    return count


def follow_idle_gap(replica: Replica, rule: ConversationRule | None = None) -> ConversationRule:
    """The rule to group new messages by, with what is stored grouped by it (blocking).

    ``rule`` is the user's (the window's setting, ``sync --idle-gap``): a replica
    grouped by another gap, or by one not recorded, is regrouped first. Without
    one, the gap the replica is grouped by is kept (the default for a new one).
    Every account's replica follows the setting so, at its next open or sync.
    """
    if replica.read_only is not None:  # nothing can be regrouped, or synced, there
        return rule or ConversationRule()
    recorded = grouped_by(replica)
    if rule is None:
        return ConversationRule() if recorded is None else ConversationRule(recorded)
    if recorded != rule.idle_gap:
        regroup_all(replica, rule)
    return rule


async def source_of(
    session: AccountSession, choice: HistoryChoice = HistoryChoice.AUTO
) -> HistorySource | None:
    """The source the connected account's history comes from (see :func:`choose_source`)."""
    return choose_source(await session.account_features(), choice)


class MessageHistory:
    """A connected account whose history is synced from its message archives."""

    def __init__(self, session: AccountSession) -> None:
        self.session = session


async def replicate_history(
    history: MessageHistory,
    replica: Replica,
    *,
    run_write: WriteRunner | None = None,
    on_progress: ProgressCallback = ignore_progress,
    page_size: int = 100,
    rule: ConversationRule | None = None,
) -> SyncResult:
    """:func:`sync_history` for the account's sync, reported as every sync is."""
    done = await sync_history(
        history.session, replica, page_size=page_size, on_progress=on_progress,
        run_write=run_write, rule=rule,
    )  # fmt: skip
    return SyncResult(
        SyncMode.ARCHIVE, done.conversations, 0, done.sync.messages_stored, done.sync.requests,
        unread_messages=done.sync.unreadable,
    )  # fmt: skip


@dataclass(frozen=True)
class HistoryResult:
    """What a history sync did, and the rooms it could not read (with why)."""

    sync: ArchiveSyncResult
    rooms: tuple[str, ...]
    skipped: tuple[tuple[str, str], ...] = ()
    #: How many conversations are new or got new messages.
    conversations: int = 0


async def sync_history(
    session: AccountSession,
    replica: Replica,
    *,
    rule: ConversationRule | None = None,
    rooms: Iterable[Conference] | None = None,
    page_size: int = 100,
    on_progress: ProgressCallback = ignore_progress,
    run_write: WriteRunner | None = None,
) -> HistoryResult:
    """Bring the replica up to date with the account's archive and its rooms' archives.

    ``rooms`` default to the account's bookmarked rooms; ``run_write`` is
    where replica writes run (the program's worker; default: a thread of
    the sync's own). A room whose
    archive cannot be read (gone, not archived, not allowed) is skipped and
    reported; any other failure raises its KnownError with every page stored
    before it kept.
    """
    archive = MessageArchive(session.client)
    if rooms is None:
        # Imported here: the bookmarks' modules are a fixed start-up cost that a sync of
        # the account's own archive alone (the command line's, the benchmark's) never needs.
        from archiveviewer.xmpp.bookmarks import BookmarkService

        entries = await BookmarkService(session.client).load()
        rooms = [e.bookmark for e in entries if isinstance(e.bookmark, Conference)]
    targets = [ArchiveTarget(archive.account)]
    skipped: list[tuple[str, str]] = []
    for room in rooms:
        jid = room.jid.lower()
        try:
            support = await archive.support(jid)
        except ServerError as exc:
            skipped.append((jid, exc.user_message))
            continue
        if not support.mam:
            skipped.append((jid, f"The room {jid} keeps no history on the server."))
            continue
        targets.append(ArchiveTarget(jid, room.nick))
    store = ArchiveStore(replica, await _grouping(replica, rule, run_write))
    replicator = ArchiveReplicator(
        archive, store, targets, page_size=page_size, on_progress=on_progress, run_write=run_write
    )
    result = await replicator.run()
    return HistoryResult(
        result, tuple(t.jid for t in targets[1:]), tuple(skipped), len(store.touched)
    )


async def _grouping(
    replica: Replica, rule: ConversationRule | None, run_write: WriteRunner | None
) -> ConversationRule:
    """:func:`follow_idle_gap` where replica writes run (it may regroup)."""
    if run_write is None:
        return follow_idle_gap(replica, rule)
    followed: list[ConversationRule] = []

    def follow() -> int:
        followed.append(follow_idle_gap(replica, rule))
        return 0

    await run_write(follow)
    return followed[0]
