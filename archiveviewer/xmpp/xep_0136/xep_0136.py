"""XEP-0136 Message Archiving for slixmpp, in both dialects: the plugin ``xep_0136``.

Requests are built and results read by :mod:`archiveviewer.protocol`; the
plugin sends them and pages through the answers. Its parts live by concern:
:mod:`.base` (discovery, sending, list, retrieve), :mod:`.manual` (store,
subject, keys), :mod:`.removal` (checked removes, notes, and what the server
was seen to do: :mod:`.behaviour`), :mod:`.preferences`, :mod:`.replication`.
Every method is a coroutine that builds its own request, so several may be
in flight at once (``asyncio.gather``). Every failure is raised as a typed
error with a sentence: a server error in the middle of paging is raised,
never taken for the end of the list.
"""

from __future__ import annotations

from typing import Any, ClassVar

from archiveviewer.domain import Dialect
from archiveviewer.xmpp.xep_0136.preferences import ArchivePreferences, PrefsListener
from archiveviewer.xmpp.xep_0136.removal import RemovingChecked
from archiveviewer.xmpp.xep_0136.replication import Replication

__all__ = ["XEP_0136", "PrefsListener"]


class XEP_0136(ArchivePreferences, RemovingChecked, Replication):  # slixmpp's naming
    """Message archiving: discover, list, retrieve, store, remove, prefs, replication, keys."""

    name = "xep_0136"
    description = "XEP-0136: Message Archiving (seed 0.9 and urn:xmpp:archive)"
    dependencies: ClassVar[set[str]] = {"xep_0030", "xep_0059"}
    default_config: ClassVar[dict[str, Any]] = {
        # seconds to wait for each answer
        "timeout": 30.0,
        # items per page when the caller does not say
        "page_size": 100,
        # the largest upload we send at first; smaller after a not-acceptable
        "max_store_bytes": 60_000,
        # the dialect to use when the server offers both
        "preferred_dialect": Dialect.SEED,
    }

    def plugin_init(self) -> None:
        self._init_base()
        self._init_manual()
        self._init_removal()
        self._init_preferences()

    def plugin_end(self) -> None:
        self._end_preferences()
        self._end_base()
