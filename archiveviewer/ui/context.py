"""What the commands of a surface work on, handed to each of them in one piece."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from archiveviewer.ui.archive import ShownArchive
from archiveviewer.ui.browser.panes import ArchiveBrowser
from archiveviewer.ui.messages import MessageBridge
from archiveviewer.ui.reader.pane import ConversationPane


@dataclass(frozen=True)
class CommandContext:
    """The archive shown, the browser, the open conversation, the bridge to the user,
    and the window that dialogs open over."""

    archive: ShownArchive
    browser: ArchiveBrowser
    pane: ConversationPane
    bridge: MessageBridge
    window: QWidget


class SurfaceCommands(QObject):
    """Base of a surface's commands: a child of the window; failures go to ``bridge``."""

    def __init__(self, context: CommandContext) -> None:
        super().__init__(context.window)
        self.bridge = context.bridge
        self._archive = context.archive
        self._browser = context.browser
        self._pane = context.pane
        self._window = context.window
