"""Re-keying the account the window shows, resumable across Cancel, a crash or a kill.

The work itself is :func:`archiveviewer.crypto.rekey`: per conversation it
stores the new EncryptedKeys before deleting the old ones, and a run again
skips what is done and never wraps a data key twice. What this module adds
is memory of a run that did not finish: :class:`RekeyJournal` writes
``keys/rekeys.json`` (mode 0600) before the first conversation is touched
and clears it only when every conversation moved, so the Keys window can
offer to continue the next time it opens, even after the program was killed.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from archiveviewer.crypto import KeyArchive, rekey
from archiveviewer.domain import CollectionId
from archiveviewer.errors import KeyLocked
from archiveviewer.ports.accounts import Account
from archiveviewer.ports.keys import RekeyControl, RekeySummary, UnfinishedRekey
from archiveviewer.services.accounts import NetworkOpener
from archiveviewer.services.session_keys import SessionKeys
from archiveviewer.services.worker import Worker


@dataclass(frozen=True)
class KeyAccount:
    """The account the window shows, as the Keys window needs it.

    ``key_names`` reads, per encrypted conversation of its local copy, the
    names of the keys it is wrapped for; ``archive`` is its connected
    session's archive (``NotConnected`` with a sentence when offline);
    ``refresh`` fetches one conversation from the server into the local copy.
    """

    jid: str
    key_names: Callable[[], Mapping[CollectionId, frozenset[str]]]
    archive: Callable[[], KeyArchive]
    refresh: Callable[[CollectionId], Awaitable[None]]


class RekeyJournal:
    """The re-key runs that have not finished, one per account (by fingerprints)."""

    def __init__(self, directory: Path) -> None:
        self._path = directory / "rekeys.json"
        self._lock = threading.Lock()

    def started(self, account: str, old: str, new: str) -> None:
        """Note, before anything changes, that ``account`` moves from ``old`` to ``new``."""
        with self._lock:
            runs = self._read()
            runs[account.lower()] = {"old": old, "new": new}
            self._write(runs)

    def finished(self, account: str) -> None:
        """Forget the run of ``account``: every conversation moved."""
        with self._lock:
            runs = self._read()
            if runs.pop(account.lower(), None) is not None:
                self._write(runs)

    def unfinished(self, account: str) -> tuple[str, str] | None:
        """(old, new) fingerprints of the run of ``account`` that did not finish."""
        with self._lock:
            run = self._read().get(account.lower())
        if not isinstance(run, dict) or not {"old", "new"} <= run.keys():
            return None
        return str(run["old"]), str(run["new"])

    def _read(self) -> dict[str, dict[str, str]]:
        try:
            runs = json.loads(self._path.read_text("utf-8"))
        except (FileNotFoundError, ValueError):
            return {}
        return runs if isinstance(runs, dict) else {}

    def _write(self, runs: dict[str, dict[str, str]]) -> None:
        partial = self._path.with_name(self._path.name + ".part")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(runs, out)
        os.replace(partial, self._path)


async def rekey_account(
    account: KeyAccount,
    session: SessionKeys,
    worker: Worker,
    names: tuple[str, str],
    control: RekeyControl,
) -> RekeySummary:
    """Move ``account``'s conversations from key ``names[0]`` to ``names[1]`` on its server."""
    old_name, new_name = names
    store = session.store
    old = await worker.run(session.unlocked, old_name)
    if old is None:
        record = await worker.run(store.find, old_name)
        raise KeyLocked(
            f"The key “{record.name}” is locked: enter its passphrase to re-key.",
            key_name=record.name,
        )
    new = await worker.run(store.public_key, new_name)
    archive = account.archive()
    journal = RekeyJournal(store.directory)
    await worker.run(journal.started, account.jid, old.fingerprint, new.fingerprint)
    result = await rekey(
        archive, old, new, progress=control.on_step, should_stop=control.stop.is_set
    )
    if not result.stopped and not result.failed:
        await worker.run(journal.finished, account.jid)
    # The local copy gets the new EncryptedKeys too: it opens with the new key offline,
    # and the Keys window counts what each key opens now.
    for collection in result.moved:
        await account.refresh(collection)
    return RekeySummary(
        conversations=result.collections,
        done=result.done,
        moved=result.wrapped,
        already=result.already_present,
        failed=tuple(reason for _, reason in result.failed),
        stopped=result.stopped,
    )


def unfinished_of(account: KeyAccount, session: SessionKeys) -> UnfinishedRekey | None:
    """The run of ``account`` that did not finish, by the keys' names now (blocking)."""
    run = RekeyJournal(session.store.directory).unfinished(account.jid)
    if run is None:
        return None
    names = []
    for fingerprint in run:
        if not session.store_names_of(fingerprint):
            return None  # a key was deleted since: there is nothing to continue
        names.append(session.store.find(fingerprint).name)
    return UnfinishedRekey(account.jid, names[0], names[1])


def key_account_of(
    opener: NetworkOpener, shown_jid: Callable[[], str | None]
) -> Callable[[], KeyAccount | None]:
    """The account the window shows (``shown_jid``), for the Keys window; None without one."""

    def shown() -> KeyAccount | None:
        jid = shown_jid()
        if not jid:
            return None
        opened = opener.offline(Account(jid))
        return KeyAccount(
            jid,
            opened.replica.encrypted_key_names,
            lambda: opened.connection.require("re-key the archive").archive,
            opened.commands.retrieve,
        )

    return shown
