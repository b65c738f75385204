"""What the user does with archive files: export conversations, open a file to browse it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QDialog

from archiveviewer.domain import bare_jid
from archiveviewer.ports.files import ArchiveFiles, ExportControl, OpenedFile
from archiveviewer.ui import settings
from archiveviewer.ui.browser.selection import read_rows
from archiveviewer.ui.context import CommandContext, SurfaceCommands
from archiveviewer.ui.dialogs.asking import ask, ask_existing_file
from archiveviewer.ui.files.dialog import ExportDialog
from archiveviewer.ui.settings import Settings
from archiveviewer.ui.threads import command


class FileCommands(SurfaceCommands):
    """Export (any selection, any format) and Open archive file…

    ``show_file`` puts an opened file on screen as a read-only archive.
    """

    def __init__(
        self,
        context: CommandContext,
        files: ArchiveFiles,
        store: Settings,
        show_file: Callable[[OpenedFile], None],
    ) -> None:
        super().__init__(context)
        self._files = files
        self._settings = store
        self._show_file = show_file
        self.dialog: ExportDialog | None = None

    def _last_folder(self) -> Path:
        folder = self._settings.get(settings.LAST_EXPORT_FOLDER)
        return Path(folder) if folder and Path(folder).is_dir() else Path.home()

    @command
    async def export_archive(self) -> None:
        """Ask what to export and where; export with progress and Cancel."""
        contact = self._browser.contact
        chosen = None if contact is None else (bare_jid(contact.jid), contact.label)
        rows = self._browser.selected_rows()
        selected = tuple(c.id for c in await read_rows(self._browser.collection_model, rows))
        dialog = ExportDialog(
            self._window,
            selected=selected if len(selected) > 1 else (),
            contact=chosen,
            folder=self._last_folder(),
            name_for=self._files.suggested_name,
        )
        self.dialog = dialog
        dialog.export_requested.connect(lambda: self._run(dialog))
        try:
            await ask(dialog)
        finally:
            self.dialog = None

    @command
    async def _run(self, dialog: ExportDialog) -> None:
        choice = dialog.choice()
        control = ExportControl(on_step=dialog.stepped.emit)
        dialog.running(control)
        try:
            summary = await self._files.export(self._archive.reader, choice, control)
        except Exception:
            dialog.done(QDialog.DialogCode.Rejected)
            if control.stop.is_set():
                self.bridge.info(self.tr("Export cancelled; no file was written."))
                return
            raise
        self._settings.set(settings.LAST_EXPORT_FOLDER, str(summary.path.parent))
        dialog.done(QDialog.DialogCode.Accepted)
        self.bridge.info(
            self.tr("Exported %n conversation(s) to %1.", "", summary.conversations).replace(
                "%1", summary.path.name
            )
        )

    @command
    async def open_archive_file(self) -> None:
        """Pick an archive file and browse it, read-only."""
        path = await ask_existing_file(
            self._window,
            self.tr("Open archive file"),
            self._last_folder(),
            self.tr("Archive files (*.xml);;All files (*)"),
            "openArchiveDialog",
        )
        if path is not None:
            await self.open_path(path)

    async def open_path(self, path: Path) -> None:
        """Browse the archive file at ``path`` (read-only)."""
        self.bridge.info(self.tr("Reading %1…").replace("%1", path.name))
        opened = await self._files.open_file(path)
        self._show_file(opened)
        self.bridge.info(self.tr("Showing %1 (read-only).").replace("%1", opened.title))
