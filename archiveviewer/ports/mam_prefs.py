"""What the window needs to read and change the message archive's preferences (XEP-0441).

A server that keeps a message archive (XEP-0313) may let the account say what
it keeps: a default for everyone (``always``, ``never``, or ``roster``: only
contacts in the roster) and two lists of JIDs that override it. The window's
MAM tab works through :class:`MessageArchivePrefs`; the command line's
``prefs mam`` uses the same service.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

#: The defaults a server may hold, in the order the window offers them.
MAM_DEFAULTS: tuple[str, ...] = ("always", "roster", "never")

#: Which list a JID goes on.
MamList = Literal["always", "never"]


@dataclass(frozen=True)
class MamRules:
    """What the message archive keeps: ``default``, and the JIDs it always or never keeps."""

    default: str
    always: tuple[str, ...] = ()
    never: tuple[str, ...] = ()


class MessageArchivePrefs(Protocol):
    """One account's message-archive preferences on its server."""

    async def load(self) -> MamRules:
        """The preferences as the server holds them.

        Raises ``PrefsUnavailable`` (a sentence) when the server keeps no
        message archive or lets no client change what it keeps.
        """
        ...

    async def save(self, rules: MamRules) -> MamRules:
        """Send ``rules``; returns what the server holds now (it may have changed them)."""
        ...

    def meaning(self, default: str) -> str:
        """One sentence on what ``default`` makes the server keep."""
        ...

    def kept_for(self, rules: MamRules, jid: str) -> str:
        """What the server keeps of conversations with ``jid`` under ``rules``, and why."""
        ...
