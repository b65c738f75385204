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
from archiveviewer.ui import settings
from archiveviewer.ui.accounts.dialogs import AccountDialog, CertificateDialog, tell
from archiveviewer.ui.accounts.saved import save_account
from archiveviewer.ui.dialogs.asking import ask
from archiveviewer.ui.messages import MessageBridge
from archiveviewer.ui.settings import Settings
from archiveviewer.ui.threads import command


@dataclass(frozen=True)
class Entry:
    """What the user entered in the account dialog."""

    account: Account
    password: str
    remember: bool


class AccountConnector(QObject):
    """Opens accounts through ``opener``; dialogs open over ``window``.

    ``show_session`` shows an opened account's archive; ``connected`` runs
    after that (the sync on connect); ``show_connection`` says in the status
    bar how the connection stands.
    """

    def __init__(
        self,
        bridge: MessageBridge,
        store: Settings,
        passwords: PasswordKeeper | None,
        opener: AccountOpener | None,
        window: QWidget,
        *,
        show_session: Callable[[Account, Session], None],
        connected: Callable[[], None],
        show_connection: Callable[[ConnectionStatus], None],
    ) -> None:
        super().__init__(window)
        self.bridge = bridge
        self._settings = store
        self._passwords = passwords
        self._opener = opener
        self._window = window
        self._show_session = show_session
        self._connected = connected
        self._show_connection = show_connection
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
        self._show_connection(ConnectionStatus(Link.OFFLINE, sentence))

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
        self._show_session(account, session)
        self.bridge.info(self.tr("Connected as %1.").replace("%1", account.jid))
        self._connected()
        return True

    async def _trust(self, problem: UntrustedCertificate, fingerprint: str) -> bool:
        dialog = CertificateDialog(problem.host, fingerprint, problem.reason, self._window)
        return await ask(dialog) == CertificateDialog.DialogCode.Accepted
