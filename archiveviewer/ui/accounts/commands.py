"""Adding, connecting and reconnecting an account, and trusting a certificate.

Each command is an ``async`` qasync slot (:func:`archiveviewer.ui.threads.command`);
what an opened account shows is handed to ``show_session``.

A login that fails opens the account dialog again, filled in and saying
why, so the user fixes what was wrong instead of typing everything again; an
account is saved only once it logged in (or when the user asks to save it
without connecting). Passwords go to the keyring when the user wants and one
works; otherwise they are held for this run, and the user is told once.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from archiveviewer.errors import HostUnreachable, KnownError, Timeout, UntrustedCertificate
from archiveviewer.ports.accounts import (
    Account,
    AccountOpener,
    ConnectionStatus,
    Link,
    PasswordKeeper,
    Session,
)
from archiveviewer.ports.archive import ArchiveReader
from archiveviewer.ui import settings
from archiveviewer.ui.accounts.dialogs import (
    AccountDialog,
    CertificateDialog,
    choose_removal,
    tell,
)
from archiveviewer.ui.accounts.manager import AccountList, Choice
from archiveviewer.ui.accounts.saved import (
    drop_account,
    make_current,
    save_account,
    saved_accounts,
)
from archiveviewer.ui.dialogs.asking import ask
from archiveviewer.ui.messages import MessageBridge
from archiveviewer.ui.settings import Settings
from archiveviewer.ui.threads import command
from archiveviewer.ui.upgrade import upgrade_before_opening


@dataclass(frozen=True)
class Entry:
    """What the user entered in the account dialog."""

    account: Account
    password: str
    remember: bool


class AccountConnector(QObject):
    """Opens accounts through ``opener``; dialogs open over ``window``.

    The window sets ``show_session`` (show an opened account's archive),
    ``show_sample``, ``connected`` (runs after an account opened: the sync on
    connect) and ``show_connection`` (how the connection stands).
    """

    def __init__(
        self,
        bridge: MessageBridge,
        store: Settings,
        passwords: PasswordKeeper | None,
        opener: AccountOpener | None,
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.bridge = bridge
        self._settings = store
        self._passwords = passwords
        self._opener = opener
        self._window = window
        # What the window does with an opened account, set by the window.
        self.show_session: Callable[[Account, Session], None] = lambda _a, _s: None
        self.show_sample: Callable[[ArchiveReader], None] = lambda _r: None
        self.connected: Callable[[], None] = lambda: None
        self.show_connection: Callable[[ConnectionStatus], None] = lambda _s: None
        #: The account shown (None: the sample, or nothing chosen yet).
        self.account: Account | None = None

    @command
    async def add_account(self) -> None:
        """Ask for an account and open it; save it once it logged in."""
        await self._ask_until_open(None, None)

    @command
    async def connect_account(self, account: Account, password: str | None) -> None:
        """Connect the account whose local copy is already shown (at start-up).

        Without a password (none is stored) the account dialog asks for it,
        filled in. A server that cannot be reached only shows in the status
        bar: the local copy stays readable. A refused login asks again.
        """
        self.account = account
        if password is None:
            await self._ask_until_open(account, None)
            return
        await self._try(account, password)

    @command
    async def reconnect(self) -> None:
        """Connect (or reconnect now) the account shown; add one if there is none."""
        if self.account is None:
            await self._ask_until_open(None, None)
            return
        password = self._passwords.recall(self.account.jid) if self._passwords else None
        if password is None:
            await self._ask_until_open(self.account, None)
            return
        await self._try(self.account, password)

    @command
    async def manage(self) -> None:
        """The account list: open, edit or remove a saved account, add one, or the sample."""
        shown = self.account
        dialog = AccountList(saved_accounts(self._settings), shown, self._window)
        chosen = dialog.chosen
        result = await ask(dialog)
        account = chosen()
        if result == Choice.ADD:
            await self._ask_until_open(None, None)
        elif result == Choice.SAMPLE:
            await self.open_sample()
        elif account is None:
            return
        elif result == Choice.OPEN:
            await self._switch(account)
        elif result == Choice.EDIT:
            await self._ask_until_open(account, None)
        elif result == Choice.REMOVE:
            await self._remove(account)

    async def open_sample(self) -> None:
        """Show the sample archive again (and at the next start); the account is closed."""
        if self._opener is None:
            return
        previous, self.account = self.account, None
        self.show_sample(self._opener.sample())
        make_current(self._settings, None)
        self.show_connection(
            ConnectionStatus(Link.OFFLINE, self.tr("Browsing the sample archive."))
        )
        if previous is not None:
            await self._opener.close_account(previous)

    async def _switch(self, account: Account) -> None:
        previous = self.account
        if previous is not None and previous.jid.lower() == account.jid.lower():
            await self.reconnect()
            return
        password = self._passwords.recall(account.jid) if self._passwords else None
        if password is None:
            await self._ask_until_open(account, None)
        else:
            await self._try(account, password)
        if previous is not None and self.account is not previous and self._opener is not None:
            make_current(self._settings, self.account)
            await self._opener.close_account(previous)

    async def _remove(self, account: Account) -> None:
        keep = await choose_removal(self._window, account.jid)
        if keep is None:
            return
        shown = self.account is not None and self.account.jid.lower() == account.jid.lower()
        if shown:
            await self.open_sample()
        drop_account(self._settings, account.jid)
        if self._passwords is not None:
            self._passwords.forget(account.jid)
        if self._opener is not None:
            if not shown:  # the shown one was closed when the sample took its place
                await self._opener.close_account(account)
            if not keep:
                self._opener.delete_local_copy(account)
        self.bridge.info(
            (
                self.tr("Removed %1; its local copy is kept.")
                if keep
                else self.tr("Removed %1 and its local copy.")
            ).replace("%1", account.jid)
        )

    async def _try(self, account: Account, password: str) -> None:
        try:
            await self._open(account, password)
        except (HostUnreachable, Timeout) as error:
            self._show_offline(error)
        except UntrustedCertificate:
            raise
        except KnownError as error:
            await self._ask_until_open(account, error.user_message)

    def _show_offline(self, error: KnownError) -> None:
        sentence = self.tr("Offline: %1 Use Connect to try again.").replace(
            "%1", error.user_message
        )
        self.show_connection(ConnectionStatus(Link.OFFLINE, sentence))

    async def _ask_until_open(self, account: Account | None, problem: str | None) -> None:
        """Ask for the account (filled in with ``account``) until it opens or the user stops."""
        while True:
            entry, saved = await self._ask(account, problem)
            if entry is None:
                return
            if saved:
                self._keep(entry)
                self.bridge.info(self.tr("Account saved. Use Connect to log in."))
                return
            try:
                if await self._open(entry.account, entry.password):
                    self._keep(entry)
                return
            except KnownError as error:
                account, problem = entry.account, error.user_message

    async def _ask(self, account: Account | None, problem: str | None) -> tuple[Entry | None, bool]:
        remember = bool(self._settings.get(settings.REMEMBER_PASSWORDS))
        dialog = AccountDialog(self._window, account, problem, remember)
        entered, password, keep = dialog.account, dialog.password.text, dialog.remember.isChecked
        result = await ask(dialog)
        if result not in (AccountDialog.DialogCode.Accepted, AccountDialog.SAVED):
            return None, False
        return Entry(entered(), password(), keep()), result == AccountDialog.SAVED

    def _keep(self, entry: Entry) -> None:
        """Save the account and its password as the user chose."""
        save_account(self._settings, entry.account)
        self.account = entry.account
        if self._passwords is None:
            return
        if not entry.remember:
            self._passwords.hold(entry.account.jid, entry.password)
            return
        if not self._passwords.remember(entry.account.jid, entry.password) and (
            not self._settings.get(settings.TOLD_NO_KEYRING)
        ):
            self._settings.set(settings.TOLD_NO_KEYRING, 1)
            title = self.tr("Password kept until you quit")
            text = self.tr(
                "This computer has no password store that archiveviewer can use, so your "
                "password is kept only until you quit. The next time you start archiveviewer "
                "it will ask for it again."
            )
            tell(self._window, "noKeyring", title, text)

    async def _open(self, account: Account, password: str) -> bool:
        """Log in and show the account; False when the user refused its certificate."""
        if self._opener is None:
            raise KnownError(self.tr("Opening an account is not available in this build."))
        if not await self._upgraded(account):
            return False
        try:
            session = await self._opener.open(account, password)
        except UntrustedCertificate as problem:
            if problem.fingerprint is None:
                raise  # nothing to pin: the sentence says what happened
            if not await self._trust(problem, problem.fingerprint):
                return False
            self._opener.trust_certificate(problem.host, problem.fingerprint)
            session = await self._opener.open(account, password)
        self.account = account
        self.show_session(account, session)
        self.bridge.info(self.tr("Connected as %1.").replace("%1", account.jid))
        self.connected()
        return True

    async def _upgraded(self, account: Account) -> bool:
        """Give a copy that needs a long upgrade its progress dialog; False if stopped."""
        assert self._opener is not None
        opener = self._opener
        if not await opener.upgrade_pending(account):
            return True
        work = functools.partial(opener.upgrade, account)
        if await upgrade_before_opening(work, account.jid, self._window):
            return True
        self.bridge.info(
            self.tr(
                "The local copy of %1 was not opened: its upgrade goes on from where it "
                "stopped the next time you open it."
            ).replace("%1", account.jid)
        )
        return False

    async def _trust(self, problem: UntrustedCertificate, fingerprint: str) -> bool:
        dialog = CertificateDialog(problem.host, fingerprint, problem.reason, self._window)
        return await ask(dialog) == CertificateDialog.DialogCode.Accepted
