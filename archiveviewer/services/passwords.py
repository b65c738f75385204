"""Account passwords: the one module that talks to the system keyring.

The window remembers and forgets them (:class:`KeyringPasswords`, its
``PasswordKeeper``); the command line reads them (:func:`read_password`), from
the ARCHIVEVIEWER_PASSWORD environment variable first. Both use service
``archiveviewer`` with the JID as the user name.
"""

from __future__ import annotations

import os

from archiveviewer.domain import bare_jid
from archiveviewer.errors import KnownError

PASSWORD_VARIABLE = "ARCHIVEVIEWER_PASSWORD"  # noqa: S105  (a variable name, not a password)
KEYRING_SERVICE = "archiveviewer"


class NoPassword(KnownError):
    """No password was found in the environment or the keyring."""


class KeyringPasswords:
    """``PasswordKeeper`` over the OS keyring (the ``keyring`` package)."""

    SERVICE = KEYRING_SERVICE

    def remember(self, jid: str, password: str) -> None:
        """Store the password in the keyring."""
        import keyring
        from keyring.errors import KeyringError

        try:
            keyring.set_password(self.SERVICE, jid, password)
        except KeyringError as error:
            raise KnownError(
                "Your password could not be saved in the system keyring, so you will be "
                f"asked for it next time. ({error})"
            ) from error

    def forget(self, jid: str) -> None:
        """Remove the stored password, if any."""
        import keyring
        from keyring.errors import KeyringError

        try:
            keyring.delete_password(self.SERVICE, jid)
        except KeyringError:
            return

    def recall(self, jid: str) -> str | None:
        """The stored password, or None when there is none or the keyring cannot be read."""
        import keyring
        from keyring.errors import KeyringError

        try:
            return keyring.get_password(self.SERVICE, jid)
        except KeyringError:
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
    import keyring.errors

    # The window saves it under the JID as typed; a resource given here is not part of it.
    names = dict.fromkeys([jid, bare_jid(jid)])
    try:
        stored = next(filter(None, (keyring.get_password(KEYRING_SERVICE, n) for n in names)), None)
    except keyring.errors.KeyringError as exc:
        raise NoPassword(
            f"No password for {jid}: {PASSWORD_VARIABLE} is not set and the system keyring "
            f"cannot be read ({exc})."
        ) from exc
    if not stored:
        raise NoPassword(
            f"No password for {jid}: set {PASSWORD_VARIABLE} or store it in the system "
            f"keyring (service “{KEYRING_SERVICE}”, user name “{jid}”)."
        )
    return stored
