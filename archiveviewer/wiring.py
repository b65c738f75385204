"""The window's ports over the real layers: replica, network session, sync, crypto.

Only :mod:`archiveviewer.app` (and tests) import this module. It builds:

* :class:`Workspace`: where an account's files live (the replica per account
  and the ``keys/`` folder under the user data folder, pinned certificates in
  the user config folder), and which replicas are open;
* :class:`NetworkOpener`: the window's ``AccountOpener`` — opens the replica,
  connects with TLS verification on, and maps an unverified certificate to
  :class:`~archiveviewer.errors.UntrustedCertificate`;
* :class:`AccountCommands`: the window's ``ArchiveCommands`` over the xep_0136
  plugin, the replication engine and the crypto layer. Every change goes to
  the server first and then into the replica, so the window reads its effect.

The collection list is always read from the replica; on connect the window
runs an incremental sync (a setting, on by default) and refreshes the list as
pages are stored. Sync-first rather than paging ``<list/>`` lazily: a listed
collection has no items until it is retrieved anyway, search and offline
reading need the replica, and one source for the list keeps counts, dates and
search in agreement.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from archiveviewer.cli import PluginArchive, default_data_dir, replica_path
from archiveviewer.crypto import CollectionDecryptor, KeyStore, PrivateKey
from archiveviewer.domain import Collection, CollectionId, Contact, Dialect, Note
from archiveviewer.errors import (
    CryptoError,
    KnownError,
)
from archiveviewer.services.connection import Connection
from archiveviewer.store import Replica
from archiveviewer.sync import Progress, Replicator
from archiveviewer.ui.ports import Account, ServerPage, SyncProgress, SyncResult
from archiveviewer.ui.replica_reader import ReplicaReader
from archiveviewer.xmpp.session import AccountSession, AccountSettings, SessionState, StateChange

log = logging.getLogger(__name__)

#: Collections per ``<modified/>`` page in the window's sync. Smaller than the
#: command line's 100 because the window shows each page once it is stored:
#: the first page (25 retrieves) appears about four times sooner, for a few
#: more cheap ``<modified/>`` requests (bench_first_page.py measures it).
SYNC_PAGE_SIZE = 25

#: Shows a sentence about the connection (the window's status bar).
StatusListener = Callable[[str], None]


def default_config_dir() -> Path:
    """The platform's user config folder for archiveviewer."""
    import platformdirs

    return Path(platformdirs.user_config_dir("archiveviewer"))


# --- where things are ----------------------------------------------------------------


@dataclass
class Workspace:
    """The folders of one user: replicas and keys (data), pinned certificates (config).

    ``ca_certs`` replaces the system trust store (tests point it at their
    server's certificate; the program leaves it None).
    """

    data_dir: Path = field(default_factory=default_data_dir)
    config_dir: Path = field(default_factory=default_config_dir)
    ca_certs: Path | None = None

    @property
    def keys_dir(self) -> Path:
        """The user's private keys (passphrase-encrypted PKCS#8)."""
        return self.data_dir / "keys"

    @property
    def pins_file(self) -> Path:
        """Certificates the user chose to trust: host -> SHA-256 fingerprint."""
        return self.config_dir / "pinned-certificates.json"

    def replica_path(self, jid: str) -> Path:
        """The account's replica (the same file the command line's ``sync`` uses)."""
        return replica_path(self.data_dir, jid)

    def roster_path(self, jid: str) -> Path:
        """The account's last known roster, so that names show offline too."""
        return self.replica_path(jid).with_suffix(".roster.json")

    def pins(self) -> dict[str, str]:
        """The pinned fingerprints by host (empty when there are none or the file is bad)."""
        try:
            data = json.loads(self.pins_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        return {str(k): str(v) for k, v in data.items()}

    def pin(self, host: str, fingerprint: str) -> None:
        """Trust exactly this certificate for ``host`` from now on (replaces an older pin)."""
        pins = self.pins()
        pins[host.lower()] = fingerprint
        self.config_dir.mkdir(parents=True, exist_ok=True)
        _write_private_text(self.pins_file, json.dumps(pins, indent=2, sort_keys=True))

    def load_roster(self, jid: str) -> tuple[Contact, ...]:
        """The roster saved at the last connection (empty if none or unreadable)."""
        try:
            rows = json.loads(self.roster_path(jid).read_text(encoding="utf-8"))
            return tuple(Contact(r["jid"], r.get("name"), tuple(r.get("groups", ()))) for r in rows)
        except (OSError, ValueError, KeyError, TypeError):
            return ()

    def save_roster(self, jid: str, roster: Iterable[Contact]) -> None:
        """Keep the roster for offline use (names and groups only)."""
        rows = [{"jid": c.jid, "name": c.name, "groups": list(c.groups)} for c in roster]
        self.data_dir.mkdir(parents=True, exist_ok=True)
        _write_private_text(self.roster_path(jid), json.dumps(rows))


def _write_private_text(path: Path, text: str) -> None:
    """Write ``path`` readable by its owner only, replacing it atomically."""
    partial = path.with_suffix(path.suffix + ".part")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(text)
    partial.replace(path)


# --- an opened account -----------------------------------------------------------------------


class ServerLister:
    """``ServerListing`` of one account: the server's ``<list/>``, newest page first.

    Needed while connected and the replica was never synced (no sync
    cursor and no full-list comparison yet): the window then browses the server directly. Pages go
    backwards from the newest (RSM ``<before/>``), so that the list reads
    newest first, as the replica's does.
    """

    def __init__(self, replica: Replica, connection: Connection) -> None:
        self._replica = replica
        self._connection = connection

    def needed(self) -> bool:
        """True when connected and the replica has not been synced yet."""
        network = self._connection.network
        if network is None or not network.connected:
            return False
        # A sync by change log moves the cursor; one by full list (servers
        # without <modified/>) records when it compared the whole list.
        return self._replica.cursor() is None and self._replica.last_full_list() is None

    async def page(
        self,
        contact: str | None,
        start: datetime | None,
        end: datetime | None,
        older: str | None,
        limit: int,
    ) -> ServerPage:
        """One ``<list/>`` request: up to ``limit`` headers before ``older``, newest first."""
        archive = self._connection.require("list the conversations").archive
        # XEP-0136 ranges include their end; the window's end is exclusive.
        last = None if end is None else end - timedelta(microseconds=1)
        page = await archive.list_page(
            contact, start, last, max=limit, before="" if older is None else older
        )
        headers = sorted(page.collections, key=lambda c: c.id, reverse=True)
        at_oldest = page.first_index == 0 or len(page.collections) < limit
        return ServerPage(headers, None if at_oldest or not page.first else page.first)


class AccountCommands:
    """``ArchiveCommands`` of one account: server first, then the replica."""

    def __init__(self, replica: Replica, keys: KeyStore, connection: Connection) -> None:
        self._replica = replica
        self._keys = keys
        self._connection = connection
        self._decryptor = CollectionDecryptor()
        self._unlocked = False

    async def retrieve(self, collection_id: CollectionId) -> None:
        """Fetch the collection's items from the server into the replica."""
        archive = self._connection.require("fetch the conversation").archive
        collection = await archive.retrieve(collection_id)
        await asyncio.to_thread(self._replica.replace_collection, collection)

    async def remove_collections(self, ids: Sequence[CollectionId]) -> None:
        """Remove exactly these collections from the server, then from the replica."""
        archive = self._connection.require("remove conversations").archive
        for collection_id in ids:
            await archive.remove(collection_id)
            await asyncio.to_thread(self._replica.remove_collection, collection_id)

    async def remove_range(
        self, contact: str | None, start: datetime | None, end: datetime | None
    ) -> None:
        """Remove every collection with ``contact`` in ``[start, end)``, server then replica."""
        archive = self._connection.require("remove conversations").archive
        # XEP-0136 ranges include their end; the window's end is exclusive.
        last = None if end is None else end - timedelta(microseconds=1)
        await archive.remove_range(contact, start, last)
        await asyncio.to_thread(self._forget_range, contact, start, end)

    def _forget_range(
        self, contact: str | None, start: datetime | None, end: datetime | None
    ) -> None:
        while page := self._replica.collections(contact=contact, since=start, until=end, limit=500):
            for summary in page:
                self._replica.remove_collection(summary.id)

    async def add_note(self, collection_id: CollectionId, text: str) -> None:
        """Add a note on the server, then refresh the collection in the replica."""
        archive = self._connection.require("add the note").archive
        await archive.add_note(collection_id, Note(text=text))
        await self.retrieve(collection_id)

    async def set_subject(self, collection_id: CollectionId, subject: str) -> None:
        """Set the subject on the server (plain text), then refresh the replica."""
        archive = self._connection.require("change the subject").archive
        await archive.set_subject(collection_id, subject)
        await self.retrieve(collection_id)

    async def sync(self, progress: Callable[[SyncProgress], None]) -> SyncResult:
        """Replicate the server's changes into the replica (incremental after the first run)."""
        archive = self._connection.require("sync").archive

        def report(p: Progress) -> None:
            progress(SyncProgress(p.collections_done, p.collections_total or None, "conversations"))

        replicator = Replicator(
            PluginArchive(archive), self._replica, on_progress=report, page_size=SYNC_PAGE_SIZE
        )
        result = await replicator.run()
        return SyncResult(result.collections_stored, result.collections_removed)

    async def unlock(self, passphrase: str) -> None:
        """Open every private key in the keys folder that this passphrase opens."""
        opened = await asyncio.to_thread(self._unlock_all, passphrase)
        if not opened:
            raise CryptoError(self._no_key_sentence())
        for key in opened:
            self._decryptor.add_private_key(key)
        self._unlocked = True

    def _unlock_all(self, passphrase: str) -> list[PrivateKey]:
        opened = []
        for name in self._keys.names():
            try:
                opened.append(self._keys.unlock(name, passphrase))
            except CryptoError:
                continue
        return opened

    def _no_key_sentence(self) -> str:
        folder = self._keys.directory
        if not self._keys.names():
            return (
                f"There are no private keys in {folder}. Import the key the conversation "
                "was encrypted for, then try again."
            )
        return f"The passphrase opens none of the private keys in {folder}."

    async def decrypt(self, collection_id: CollectionId) -> Collection:
        """The collection with its encrypted items decrypted, in memory only."""
        if not self._unlocked:
            raise CryptoError("Enter your passphrase first: no private key is unlocked.")
        stored = await asyncio.to_thread(self._replica.collection, collection_id)
        if stored is None:
            raise KnownError("This conversation is no longer in the local copy.")
        if not stored.encrypted:
            return stored
        return await asyncio.to_thread(self._decryptor.decrypt_collection, stored, self._dialect())

    def _dialect(self) -> Dialect:
        """The namespace the server speaks (decrypted content is read in it)."""
        network = self._connection.network
        support = network.archive.support if network is not None else None
        return Dialect.SEED if support is None else support.dialect


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

    def __init__(self, workspace: Workspace, status: StatusListener | None = None) -> None:
        self.workspace = workspace
        self.status = status
        #: Called when a lost connection is back (the program syncs then).
        self.reconnected: Callable[[], None] | None = None
        self._opened: dict[str, OpenedAccount] = {}
        self._connected_as = ""
        self._last_state: SessionState | None = None

    def offline(self, account: Account) -> OpenedAccount:
        """The account's replica, without connecting (browse and search offline)."""
        key = account.jid.lower()
        if key not in self._opened:
            path = self.workspace.replica_path(account.jid)
            path.parent.mkdir(parents=True, exist_ok=True)
            replica = Replica(path)
            reader = ReplicaReader(replica, self.workspace.load_roster(account.jid))
            connection = Connection()
            commands = AccountCommands(replica, KeyStore(self.workspace.keys_dir), connection)
            listing = ServerLister(replica, connection)
            self._opened[key] = OpenedAccount(
                account, replica, reader, commands, connection, listing
            )
        return self._opened[key]

    async def open(self, account: Account, password: str) -> OpenedAccount:
        """Open the replica and log in; ``UntrustedCertificate`` offers a pin to the user."""
        opened = self.offline(account)
        if opened.connection.network is not None:
            await opened.connection.network.disconnect()
            opened.connection.network = None
        self._connected_as = account.jid
        network = AccountSession(self._settings(account, password))
        network.add_state_listener(self._on_state)
        await network.connect()
        opened.connection.network = network
        await self._refresh_roster(opened, network)
        return opened

    def trust_certificate(self, host: str, fingerprint: str) -> None:
        """Accept exactly this certificate for ``host`` from now on."""
        self.workspace.pin(host, fingerprint)

    async def close(self) -> None:
        """Disconnect every account and close its replica (the window hears no more)."""
        self.status = self.reconnected = None
        for opened in self._opened.values():
            if opened.connection.network is not None:
                await opened.connection.network.disconnect()
            opened.reader.close()
            opened.replica.close()
        self._opened.clear()

    def _settings(self, account: Account, password: str) -> AccountSettings:
        return AccountSettings(
            jid=account.jid,
            password=password,
            host=account.host,
            port=account.port,
            ca_certs=self.workspace.ca_certs,
            pinned_fingerprint=self.workspace.pins().get(self._host(account)),
        )

    @staticmethod
    def _host(account: Account) -> str:
        return (account.host or account.jid.split("@", 1)[-1].split("/", 1)[0]).lower()

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
        if self.status is None:
            return
        sentence = {
            SessionState.CONNECTING: "Connecting…",
            SessionState.CONNECTED: f"Connected as {self._connected_as}.",
            SessionState.DISCONNECTED: "Offline: reading the local copy.",
        }.get(change.state)
        self.status(change.sentence or sentence or "")
