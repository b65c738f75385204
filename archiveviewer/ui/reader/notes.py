"""Changing and deleting the private notes of the open conversation, from the reader.

Each note in the reader ends with "edit" and "delete" links; the reader view
says which item was chosen and :class:`NoteCommands` asks the user, sends
the change to the server and shows the conversation as the server now keeps it.
"""

from __future__ import annotations

from archiveviewer.domain import Collection, Note
from archiveviewer.errors import KnownError
from archiveviewer.ui.actions import READ_ONLY_REASON, translated
from archiveviewer.ui.context import CommandContext, SurfaceCommands
from archiveviewer.ui.dialogs.asking import ask_text, confirm
from archiveviewer.ui.threads import command
from archiveviewer.ui.timefmt import format_day_time


class NoteCommands(SurfaceCommands):
    """Edit or delete a note of the open conversation (the reader's links call these)."""

    def __init__(self, context: CommandContext) -> None:
        super().__init__(context)
        view = context.pane.view
        view.noteEditRequested.connect(self.edit_note)
        view.noteDeleteRequested.connect(self.delete_note)

    def _note(self, ordinal: int) -> tuple[Collection, Note] | None:
        if self._archive.read_only:
            # As the disabled actions' tooltips say it: a status line, not an error.
            self.bridge.info(translated(READ_ONLY_REASON))
            return None
        opened = self._pane.collection
        if opened is None or not 0 <= ordinal < len(opened.items):
            return None
        note = opened.items[ordinal]
        return (opened, note) if isinstance(note, Note) else None

    @command
    async def edit_note(self, ordinal: int) -> None:
        """Change the text of the note that is item ``ordinal``; if sending fails, it stays."""
        found = self._note(ordinal)
        if found is None:
            return
        opened, note = found
        server = self._archive.server()
        label = self.tr("The note's text (it keeps its time, %1):").replace("%1", self._when(note))
        text, problem = note.text, None
        while True:
            shown = label if problem is None else f"{problem}\n\n{label}"
            typed = await ask_text(self._window, self.tr("Edit note"), shown, text, True)
            if typed is None or typed.strip() == note.text:
                return
            if not typed.strip():
                await self._delete(opened, note)
                return
            text = typed
            try:
                await server.edit_note(opened.id, note, typed.strip())
            except KnownError as error:
                problem = self.tr(
                    "Not sent: %1 Your text is kept below; send it again when you can."
                ).replace("%1", error.user_message)
                continue
            await self._show_change(opened, self.tr("Note changed."))
            return

    @command
    async def delete_note(self, ordinal: int) -> None:
        """Delete the note that is item ``ordinal``, once the user confirms."""
        found = self._note(ordinal)
        if found is not None:
            await self._delete(*found)

    async def _delete(self, opened: Collection, note: Note) -> None:
        question = self.tr("Delete this note from the server?\n\n%1\n\nWritten %2.")
        sure = await confirm(
            self._window,
            self.tr("Delete note"),
            question.replace("%1", note.text).replace("%2", self._when(note)),
            self.tr("Delete note"),
        )
        if not sure:
            return
        await self._archive.server().remove_note(opened.id, note)
        await self._show_change(opened, self.tr("Note deleted."))

    def _when(self, note: Note) -> str:
        if note.time is None:
            return self.tr("at an unknown time")
        return format_day_time(note.time, self._pane.tz)

    async def _show_change(self, opened: Collection, news: str) -> None:
        self._browser.refresh_list()
        reader = self._archive.reader
        changed = await self._browser.reads.value(lambda: reader.collection(opened.id))
        if self._pane.is_showing(opened.id):
            self._pane.show_collection(changed)
        self.bridge.info(news)
