"""Opening an account for the window: its replica at once, then its connection.

:class:`NetworkOpener` is the window's ``AccountOpener``: it opens the replica
(browse and search work offline), connects with TLS verification on (an
unverified certificate becomes :class:`~archiveviewer.errors.UntrustedCertificate`,
which the window offers to pin), keeps the roster for offline use and reports
every change of the connection in a sentence.

The collection list is always read from the replica; on connect the window
runs an incremental sync (a setting, on by default) and refreshes the list as
pages are stored. Sync-first rather than paging ``<list/>`` lazily: a listed
collection has no items until it is retrieved anyway, search and offline
reading need the replica, and one source for the list keeps counts, dates and
search in agreement. Before the first sync the window browses the server's
list (:class:`~archiveviewer.services.listing.ServerLister`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta

from archiveviewer.crypto import KeyStore
from archiveviewer.errors import KnownError
from archiveviewer.ports.accounts import Account, ConnectionStatus, Link
from archiveviewer.ports.notices import NoticeListener, ServerNotice
from archiveviewer.services.archive import AccountCommands
from archiveviewer.services.connection import Connection
from archiveviewer.services.history import follow_idle_gap
from archiveviewer.services.listing import ServerLister
from archiveviewer.services.login import Login
from archiveviewer.services.replica_reader import ReplicaReader
from archiveviewer.services.sample import SampleArchive
from archiveviewer.services.server_memory import ServerMemory, known_limits
from archiveviewer.services.session_keys import SessionKeys
from archiveviewer.services.upgrade import slow_upgrade_pending, upgrade
from archiveviewer.services.worker import Worker
from archiveviewer.services.workspace import Workspace
from archiveviewer.store import Replica
from archiveviewer.sync.conversations import DEFAULT_IDLE_GAP, ConversationRule
from archiveviewer.xmpp.session import AccountSession, SessionState, StateChange

log = logging.getLogger(__name__)

#: Shows how the connection stands (the window's status bar).
StatusListener = Callable[[ConnectionStatus], None]


@dataclass
class OpenedAccount:
    """What the window gets: the replica's reader and the account's commands."""

    account: Account
    replica: Replica
    reader: ReplicaReader
    commands: AccountCommands
    connection: Connection
    listing: ServerLister


class NetworkOpener:
    """``AccountOpener``: opens the replica, then logs in with certificate verification on.

    ``status`` (set by the composition root) receives a sentence at every
    change of the connection: lost, reconnecting, back; ``reconnected`` is
    called when a lost connection is back.
    """

    def __init__(
        self, workspace: Workspace, worker: Worker, status: StatusListener | None = None
    ) -> None:
        self.workspace = workspace
        self.worker = worker
        self.status = status
        #: Called when a lost connection is back (the program syncs then).
        self.reconnected: Callable[[], None] | None = None
        #: The waits between reconnection attempts (None: the session's own; tests shorten them).
        self.reconnect_delays: tuple[float, ...] | None = None
        self._idle_gap_minutes = DEFAULT_IDLE_GAP // timedelta(minutes=1)
        self._opened: dict[str, OpenedAccount] = {}
        #: The private keys unlocked in this run, shared by every account and the Keys window.
        self.session_keys = SessionKeys(KeyStore(workspace.keys_dir))
        #: Shows what a server was seen to do, once (set by the composition root).
        self.noticed: NoticeListener | None = None
        self.server_memory = ServerMemory(workspace, self._notice, run=worker.run)
        self._sample: SampleArchive | None = None
        self._connected_as = ""
        self._last_state: SessionState | None = None

    @property
    def idle_gap_minutes(self) -> int:
        """Minutes of silence that end a message archive's conversation (a window setting)."""
        return self._idle_gap_minutes

    @idle_gap_minutes.setter
    def idle_gap_minutes(self, minutes: int) -> None:
        """A new idle gap for every account: each opened one groups its next sync by it (and
        regroups what it holds first, see ``history.follow_idle_gap``), as do the others when
        they are opened. Only the account on screen is regrouped at once (``regroup``)."""
        self._idle_gap_minutes = minutes
        for opened in self._opened.values():
            opened.commands.rule = self._rule()

    def _rule(self) -> ConversationRule:
        return ConversationRule(timedelta(minutes=self._idle_gap_minutes))

    def offline(self, account: Account) -> OpenedAccount:
        """The account's replica, without connecting (browse and search offline)."""
        key = account.jid.lower()
        if key not in self._opened:
            path = self.workspace.replica_path(account.jid)
            path.parent.mkdir(parents=True, exist_ok=True)
            replica = Replica(path)
            connection = Connection()
            roster = self.workspace.load_roster(account.jid)
            reader = ReplicaReader(replica, roster, lambda: known_limits(connection))
            keys = self.session_keys.store
            commands = AccountCommands(replica, keys, connection, self.worker, self.session_keys)
            commands.rule = self._rule()
            listing = ServerLister(replica, connection)
            self._opened[key] = OpenedAccount(
                account, replica, reader, commands, connection, listing
            )
        return self._opened[key]

    async def upgrade_pending(self, account: Account) -> bool:
        """True when the account's copy is not open yet and opening it would rebuild its index."""
        if account.jid.lower() in self._opened:
            return False
        return await self.worker.run(slow_upgrade_pending, self.workspace.replica_path(account.jid))

    async def upgrade(
        self,
        account: Account,
        progress: Callable[[int, int], None],
        should_stop: Callable[[], bool],
    ) -> bool:
        """Upgrade the account's copy on the worker (see ``services.upgrade.upgrade``)."""
        path = self.workspace.replica_path(account.jid)
        return await self.worker.run(upgrade, path, progress, should_stop)

    async def open(self, account: Account, password: str) -> OpenedAccount:
        """Open the replica and log in; ``UntrustedCertificate`` offers a pin to the user."""
        opened = self.offline(account)
        opened.account = account
        opened.commands.history = account.history
        if opened.connection.network is not None:
            await opened.connection.network.disconnect()
            opened.connection.network = None
        self._connected_as = account.jid
        login = Login(account.jid, password, account.host, account.port, self.workspace.ca_certs)
        pin = self.workspace.pins().get(login.server)
        settings = login.settings(pinned_fingerprint=pin)
        if self.reconnect_delays is not None:
            settings = replace(settings, reconnect_delays=self.reconnect_delays)
        network = AccountSession(settings)
        network.add_state_listener(self._on_state)
        await network.connect()
        opened.connection.network = network  # before any await: the window says "Connected"
        await self.server_memory.attach(network)
        # Grouped by another idle gap while another account was shown: regrouped now.
        await self.worker.run(follow_idle_gap, opened.replica, opened.commands.rule)
        await self._refresh_roster(opened, network)
        return opened

    def _notice(self, notice: ServerNotice) -> None:
        if self.noticed is not None:
            self.noticed(notice)

    def trust_certificate(self, host: str, fingerprint: str) -> None:
        """Accept exactly this certificate for ``host`` from now on."""
        self.workspace.pin(host, fingerprint)

    async def close_account(self, account: Account) -> None:
        """Disconnect the account and close its replica (the window shows another now)."""
        opened = self._opened.pop(account.jid.lower(), None)
        if opened is None:
            return
        if opened.connection.network is not None:
            await opened.connection.network.disconnect()
            opened.connection.network = None
        opened.reader.close()
        opened.replica.close()

    def delete_local_copy(self, account: Account) -> None:
        """Delete the account's replica and saved roster from this computer."""
        replica = self.workspace.replica_path(account.jid)
        for path in (
            replica,
            replica.with_name(replica.name + "-wal"),
            replica.with_name(replica.name + "-shm"),
            self.workspace.roster_path(account.jid),
        ):
            path.unlink(missing_ok=True)

    def sample(self) -> ReplicaReader:
        """The sample archive in a throw-away replica (made once, deleted by :meth:`close`)."""
        if self._sample is None:
            self._sample = SampleArchive()
        return self._sample.reader

    async def close(self) -> None:
        """Disconnect every account and close its replica (the window hears no more)."""
        self.status = self.reconnected = None
        for opened in self._opened.values():
            if opened.connection.network is not None:
                await opened.connection.network.disconnect()
            opened.reader.close()
            opened.replica.close()
        self._opened.clear()
        if self._sample is not None:
            self._sample.close()
            self._sample = None

    async def _refresh_roster(self, opened: OpenedAccount, network: AccountSession) -> None:
        try:
            roster = await network.roster()
        except KnownError as error:
            log.info("no roster: %s", error.user_message)
            return
        opened.reader.set_roster(roster)
        self.workspace.save_roster(opened.account.jid, roster)

    def _on_state(self, change: StateChange) -> None:
        came_back = self._last_state is SessionState.RECONNECTING
        self._last_state = change.state
        if came_back and change.state is SessionState.CONNECTED and self.reconnected:
            self.reconnected()
        if self.status is not None:
            self.status(status_of(change, self._connected_as))


def status_of(change: StateChange, jid: str) -> ConnectionStatus:
    """The window's view of a session's state change, in a plain sentence."""
    state = change.state
    if state is SessionState.CONNECTING:
        return ConnectionStatus(Link.CONNECTING, f"Connecting as {jid}…")
    if state is SessionState.CONNECTED:
        return ConnectionStatus(Link.ONLINE, f"Connected as {jid}.")
    if state is SessionState.RECONNECTING:
        wait = change.retry_in or 0
        reason = change.sentence or "The connection to the server was lost."
        # The window adds the countdown ("Retrying in 8 seconds.").
        return ConnectionStatus(Link.RETRYING, f"Offline: {reason}", retry_in=wait)
    if state is SessionState.FAILED:
        reason = change.sentence or "The connection failed."
        return ConnectionStatus(Link.OFFLINE, f"Offline: {reason} Use Connect to try again.")
    return ConnectionStatus(Link.OFFLINE, "Offline: reading the local copy.")
