"""An account's live connection, shared by every service that needs the server."""

from __future__ import annotations

from archiveviewer.errors import NotConnected
from archiveviewer.xmpp.session import AccountSession


class Connection:
    """The account's network session while there is one; ``None`` while offline."""

    def __init__(self) -> None:
        self.network: AccountSession | None = None

    @property
    def connected(self) -> bool:
        """True while a session is logged in."""
        return self.network is not None and self.network.connected

    def require(self, action: str) -> AccountSession:
        """The connected session, or ``NotConnected`` with a sentence naming ``action``.

        ``action`` completes "Could not …", e.g. ``"add the note"``.
        """
        if self.network is None or not self.network.connected:
            raise NotConnected(
                f"Could not {action}: there is no connection to the server. "
                "You can keep reading and searching the local copy."
            )
        return self.network
