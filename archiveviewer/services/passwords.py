"""Account passwords: the one module that talks to the system keyring.

The window remembers and forgets them (:class:`KeyringPasswords`, its
``PasswordKeeper``); the command line reads them (:func:`read_password`), from
the ARCHIVEVIEWER_PASSWORD environment variable first. Both use service
``archiveviewer`` with the JID as the user name.
"""

from __future__ import annotations

import logging
import os

from archiveviewer.domain import bare_jid
from archiveviewer.errors import KnownError

PASSWORD_VARIABLE = "ARCHIVEVIEWER_PASSWORD"  # noqa: S105  (a variable name, not a password)
KEYRING_SERVICE = "archiveviewer"

log = logging.getLogger(__name__)


class NoPassword(KnownError):
    """No password was found in the environment or the keyring."""


def _unusable() -> tuple[type[Exception], ...]:
    """What the keyring raises when there is none to use, not only its own errors.

    It loads the backend configured (``keyringrc.cfg``, ``PYTHON_KEYRING_BACKEND``) when
    first asked, and that backend's failure comes through as it is: a RuntimeError or an
    OSError when there is no D-Bus session (cron, SSH) or it has ended, an ImportError when
    it is not installed.
    """
    from keyring.errors import KeyringError

    return (KeyringError, RuntimeError, OSError, ImportError)


class KeyringPasswords:
    """``PasswordKeeper`` over the OS keyring (the ``keyring`` package), with memory behind it.

    Where no keyring works (a bare desktop without a Secret Service) the
    password stays in memory for this run only; :meth:`remember` says so by
    returning False and the window tells the user in plain words.
    """

    SERVICE = KEYRING_SERVICE

    def __init__(self) -> None:
        self._held: dict[str, str] = {}

    def remember(self, jid: str, password: str) -> bool:
        """Store the password in the keyring (and in memory); False when no keyring works."""
        import keyring

        self.hold(jid, password)
        try:
            keyring.set_password(self.SERVICE, jid, password)
        except _unusable() as error:
            log.info("no keyring to store the password in: %s", error)
            return False
        return True

    def hold(self, jid: str, password: str) -> None:
        """Keep the password in memory until the program ends."""
        self._held[jid.lower()] = password

    def forget(self, jid: str) -> None:
        """Remove the password from memory and from the keyring, if it is there."""
        import keyring

        self._held.pop(jid.lower(), None)
        try:
            keyring.delete_password(self.SERVICE, jid)
        except _unusable():
            return

    def recall(self, jid: str) -> str | None:
        """The password held this run, else the keyring's; None when there is none."""
        import keyring

        held = self._held.get(jid.lower())
        if held is not None:
            return held
        try:
            return keyring.get_password(self.SERVICE, jid)
        except _unusable() as error:
            log.info("the keyring cannot be read: %s", error)
            return None


def read_password(jid: str) -> str:
    """The account's password: the environment variable first, then the keyring.

    The keyring entry is service ``archiveviewer``, user name ``jid`` (or its
    bare JID when ``jid`` has a resource).
    """
    from_env = os.environ.get(PASSWORD_VARIABLE)
    if from_env:
        return from_env
    import keyring

    # The window saves it under the JID as typed; a resource given here is not part of it.
    names = dict.fromkeys([jid, bare_jid(jid)])
    try:
        stored = next(filter(None, (keyring.get_password(KEYRING_SERVICE, n) for n in names)), None)
    except _unusable() as error:
        # The keyring's own words name packages to install: logged, not shown.
        log.info("the keyring cannot be read: %s", error)
        raise NoPassword(
            f"No password for {jid}: {PASSWORD_VARIABLE} is not set and the system keyring "
            "cannot be reached from here."
        ) from None
    if not stored:
        raise NoPassword(
            f"No password for {jid}: set {PASSWORD_VARIABLE} or store it in the system "
            f"keyring (service “{KEYRING_SERVICE}”, user name “{jid}”)."
        )
    return stored
