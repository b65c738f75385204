"""Regrouping message archives when the user changes their idle gap (Settings).

MAM archives keep messages, not conversations: the program cuts them after a
silence (``settings.CONVERSATION_GAP_MINUTES``). When that setting changes,
the shown account's stored conversations are regrouped by its commands (on the
worker, one transaction per archive) and the lists are read again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject

from archiveviewer.ports.archive import ArchiveCommands, ConversationGrouping
from archiveviewer.ui import settings, threads
from archiveviewer.ui.messages import MessageBridge
from archiveviewer.ui.settings import Settings

if TYPE_CHECKING:
    from archiveviewer.ui.window import MainWindow

if TYPE_CHECKING:
    pass


class Regrouper(QObject):
    """Regroups the shown archive's message archives by a new idle gap (``threads.command``)."""

    def __init__(
        self,
        parent: QObject,
        bridge: MessageBridge,
        commands: Callable[[], ArchiveCommands | None],
        reload: Callable[[], None],
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self._commands = commands
        self._reload = reload

    @threads.command
    async def regroup(self, idle_gap_minutes: int) -> None:
        """Regroup by ``idle_gap_minutes``, then read the lists again and say what changed."""
        commands = self._commands()
        if not isinstance(commands, ConversationGrouping):
            return  # the sample, or an archive that is not grouped here
        count = await commands.regroup(idle_gap_minutes)
        if not count:
            return
        self._reload()
        self.bridge.info(
            self.tr("Message archive conversations regrouped: %n conversation(s).", "", count)
        )


class GapHolder(Protocol):
    """Who holds the idle gap new accounts' commands get (the services' account opener)."""

    idle_gap_minutes: int


def follow_the_idle_gap(window: MainWindow, store: Settings, holder: GapHolder) -> Regrouper:
    """After Settings, a changed idle gap regroups the shown archive (the composition root's)."""
    regrouper = Regrouper(
        window, window.bridge, lambda: window.archive.commands, window.browser.reload
    )

    def applied() -> None:
        minutes = store.get(settings.CONVERSATION_GAP_MINUTES)
        if minutes != holder.idle_gap_minutes:
            holder.idle_gap_minutes = minutes
            regrouper.regroup(minutes)

    window.preferences.applied.connect(applied)
    return regrouper
