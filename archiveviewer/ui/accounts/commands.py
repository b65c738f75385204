"""Adding and connecting an account, and trusting a certificate the user has checked.

Each command is an ``async`` qasync slot (:func:`archiveviewer.ui.threads.command`);
what an opened account shows is handed to ``show_session``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from archiveviewer.errors import HostUnreachable, KnownError, Timeout, UntrustedCertificate
from archiveviewer.ports.accounts import Account, AccountOpener, PasswordKeeper, Session
from archiveviewer.ui import settings
from archiveviewer.ui.accounts.dialogs import AccountDialog, CertificateDialog
from archiveviewer.ui.dialogs.asking import ask
from archiveviewer.ui.messages import MessageBridge
from archiveviewer.ui.settings import Settings
from archiveviewer.ui.threads import command


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
        show_session: Callable[[Session], None],
        connected: Callable[[], None],
        show_connection: Callable[[str], None],
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

    @command
    async def add_account(self) -> None:
        """Ask for an account, remember its password if asked, and open it."""
        dialog = AccountDialog(self._window)
        account, password, remember = (
            dialog.account,
            dialog.password.text,
            dialog.remember.isChecked,
        )
        if await ask(dialog) != AccountDialog.DialogCode.Accepted:
            return
        entered, secret = account(), password()
        if remember() and self._passwords is not None:
            self._passwords.remember(entered.jid, secret)
        self._remember_account(entered)
        await self._open_account(entered, secret)

    @command
    async def connect_account(self, account: Account, password: str) -> None:
        """Connect the account whose replica is already shown (at start-up).

        A server that cannot be reached only shows in the status bar: the
        local copy stays readable. Anything else (wrong password, a
        certificate to decide about) asks the user.
        """
        try:
            await self._open_account(account, password)
        except (HostUnreachable, Timeout) as error:
            self._show_connection(f"Offline: {error.user_message}")

    def _remember_account(self, account: Account) -> None:
        self._settings.set(settings.ACCOUNT_JID, account.jid)
        self._settings.set(settings.ACCOUNT_HOST, account.host or "")
        self._settings.set(settings.ACCOUNT_PORT, account.port or 0)

    async def _open_account(self, account: Account, password: str) -> None:
        if self._opener is None:
            raise KnownError("Opening an account is not available in this build.")
        try:
            session = await self._opener.open(account, password)
        except UntrustedCertificate as problem:
            if problem.fingerprint is None:
                raise  # nothing to pin: the sentence says what happened
            if not await self._trust(problem, problem.fingerprint):
                return
            self._opener.trust_certificate(problem.host, problem.fingerprint)
            session = await self._opener.open(account, password)
        self._show_session(session)
        self.bridge.info(f"Connected as {account.jid}.")
        self._connected()

    async def _trust(self, problem: UntrustedCertificate, fingerprint: str) -> bool:
        dialog = CertificateDialog(problem.host, fingerprint, problem.reason, self._window)
        return await ask(dialog) == CertificateDialog.DialogCode.Accepted
