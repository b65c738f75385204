"""What a server does that its disco does not say, found out by watching it work.

Some servers accept a request and do something else: notes stored and
never returned, ``open='true'`` ignored on a remove, ``start`` without
``end`` read as "from then on". The plugin notices each (by checking the
result), remembers it in :class:`ServerBehaviour`, and fires the slixmpp
event ``archive_behaviour`` with a :class:`Noticed` once per finding. The
program keeps it per server: it sets the plugin's ``behaviour`` from what an
earlier run found, and its :class:`BehaviourKeeper` is awaited with every
change (``encode``/``decode`` are the text it keeps).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from typing import Protocol


@dataclass(frozen=True)
class ServerBehaviour:
    """Each field: True (seen), False (seen not to), None (not known yet)."""

    #: Notes (``<note/>``) are accepted and not kept.
    drops_notes: bool | None = None
    #: ``<remove open='true'/>`` removes what matches, recorded now or not.
    ignores_open: bool | None = None
    #: A remove of one collection (``with`` + ``start``) removed more than it.
    removes_more: bool | None = None

    def encode(self) -> str:
        """A text to keep with the account's settings."""
        return json.dumps(asdict(self), sort_keys=True)

    @staticmethod
    def decode(text: str | None) -> ServerBehaviour:
        """Read :meth:`encode`'s text; anything unreadable is "nothing known"."""
        try:
            data = json.loads(text or "{}")
        except ValueError:
            return ServerBehaviour()
        if not isinstance(data, dict):
            return ServerBehaviour()
        known = {f.name for f in fields(ServerBehaviour)}
        return ServerBehaviour(
            **{k: v for k, v in data.items() if k in known and isinstance(v, bool)}
        )

    @property
    def known(self) -> bool:
        """True when anything at all has been found out."""
        return any(getattr(self, f.name) is not None for f in fields(self))

    def with_(self, name: str, value: bool) -> ServerBehaviour:
        """This behaviour with one field set."""
        return replace(self, **{name: value})


#: What the user is told, once, when a finding is True.
SENTENCES = {
    "drops_notes": (
        "This server accepts notes but does not keep them: notes you add are not stored "
        "on the server."
    ),
    "ignores_open": (
        "This server ignores “only the conversations being recorded” when removing: "
        "archiveviewer will not ask it to remove those, as it would remove everything."
    ),
    "removes_more": (
        "This server removes more than the one conversation asked for: archiveviewer "
        "checks every removal and tells you what else went."
    ),
}


@dataclass(frozen=True)
class Noticed:
    """A finding, with the sentence for the user."""

    name: str
    sentence: str


class BehaviourKeeper(Protocol):
    """Where the program keeps what was found (per server) and tells the user."""

    async def keep(self, behaviour: ServerBehaviour, noticed: Noticed | None) -> None:
        """Called with the whole behaviour after each change; ``noticed`` when a finding is True.

        Must not raise for its own failures: the request that found it out
        goes on either way.
        """
