"""Removing conversations from the server: the selected ones, a day or month, a contact.

Each removal first says exactly what goes (:mod:`archiveviewer.ui.browser.removal`)
and waits for the user to agree; it is an ``async`` qasync slot
(:func:`archiveviewer.ui.threads.command`), so a failure reaches the user
through the bridge as a sentence.
"""

from __future__ import annotations

from datetime import tzinfo

from archiveviewer.errors import KnownError
from archiveviewer.ui.browser import removal
from archiveviewer.ui.browser.selection import read_rows
from archiveviewer.ui.context import CommandContext, SurfaceCommands
from archiveviewer.ui.dialogs.asking import confirm, inform
from archiveviewer.ui.threads import command


class RemovalCommands(SurfaceCommands):
    """The three removals; times in the sentences are in the zone the browser shows."""

    def __init__(self, context: CommandContext, tz: tzinfo | None) -> None:
        super().__init__(context)
        self._tz = tz

    async def _agreed(self, text: str) -> bool:
        title, accept = self.tr("Remove conversations"), self.tr("Remove from server")
        return await confirm(self._window, title, text, accept)

    @command
    async def delete_selected(self) -> None:
        """Remove the selected conversations after saying exactly which."""
        chosen = await read_rows(self._browser.collection_model, self._browser.selected_rows())
        if not chosen:
            return
        question = removal.selection_text(chosen, self._browser.name_of, self._browser.tz)
        if not await self._agreed(question):
            return
        unasked = await self._archive.server().remove_collections([c.id for c in chosen])
        await self._after_removal(removal.removed_news(len(chosen)))
        if unasked:
            await inform(self._window, self.tr("The server removed more"), unasked)

    @command
    async def delete_dates(self) -> None:
        """Remove every conversation of the chosen day or month (for the chosen contact)."""
        node = self._browser.date
        if node is None:
            return
        if not await self._agreed(removal.period_text(node, self._browser.contact)):
            return
        start, end = self._browser.date_model.utc_range(node)
        contact = self._browser.contact
        await self._archive.server().remove_range(contact.jid if contact else None, start, end)
        await self._after_removal(
            self.tr("Removed the conversations %1.").replace("%1", removal.period_label(node))
        )

    @command
    async def delete_contact(self) -> None:
        """Remove every conversation with the chosen contact."""
        contact = self._browser.contact
        if contact is None:
            return
        if not await self._agreed(removal.contact_text(contact, self._browser.tz)):
            return
        await self._archive.server().remove_range(contact.jid, None, None)
        await self._after_removal(
            self.tr("Removed all conversations with %1.").replace("%1", contact.label)
        )

    async def _after_removal(self, news: str) -> None:
        opened, reader = self._pane.collection, self._archive.reader
        self._browser.reload()
        if opened is not None:
            try:
                still = await self._browser.reads.value(lambda: reader.collection(opened.id))
            except KnownError:
                still = None
            if self._pane.is_showing(opened.id):
                self._pane.show_collection(still)
        self.bridge.info(news)
