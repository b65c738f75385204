"""What the user does with a conversation: open, fetch, decrypt, annotate, copy, export.

Each command is an ``async`` qasync slot (:func:`archiveviewer.ui.threads.command`):
it awaits its dialogs and the server, and any failure reaches the user
through the bridge as a sentence.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog

from archiveviewer.domain import Collection, CollectionId
from archiveviewer.errors import KeyLocked, KnownError
from archiveviewer.ui import settings
from archiveviewer.ui.context import CommandContext, SurfaceCommands
from archiveviewer.ui.dialogs.asking import ask, ask_text, confirm
from archiveviewer.ui.dialogs.passphrase import PassphraseDialog
from archiveviewer.ui.reader.notes import NoteCommands
from archiveviewer.ui.reader.render import has_encrypted_payload
from archiveviewer.ui.settings import Settings
from archiveviewer.ui.threads import command

T = TypeVar("T")

SUBJECT_WARNING = (
    "The subject is not encrypted. The messages of this conversation are encrypted, but "
    "the server's archive keeps the subject as plain text: anyone who can read your archive "
    "on the server can read it.\n\nSave this subject unencrypted?"
)


class ConversationCommands(SurfaceCommands):
    """The commands on the open conversation."""

    def __init__(self, context: CommandContext, store: Settings | None = None) -> None:
        super().__init__(context)
        self.notes = NoteCommands(context)
        self._store = store
        self._pane.decrypted_kept = self.keeps_decrypted
        # The zone the window was given, for when the user turns UTC off again.
        in_utc = store is not None and store.get(settings.TIMES_IN_UTC)
        self._local_tz = None if in_utc else context.pane.tz
        if store is not None:
            store.watch(settings.KEEP_DECRYPTED, self._keeping_changed)
            store.watch(settings.TIMES_IN_UTC, self._zone_changed)
            QTimer.singleShot(0, self._forget_unless_kept)  # what an earlier run left

    def keeps_decrypted(self) -> bool:
        """True when decrypted text goes into the local copy (the user's setting)."""
        return self._store is not None and bool(self._store.get(settings.KEEP_DECRYPTED))

    def _zone_changed(self) -> None:
        """Local time or UTC, at once: the list, the dates and the open conversation."""
        assert self._store is not None
        tz = UTC if self._store.get(settings.TIMES_IN_UTC) else self._local_tz
        self._browser.set_tz(tz)
        self._pane.set_tz(tz)

    def _keeping_changed(self) -> None:
        self._forget_unless_kept()
        opened = self._pane.collection
        if opened is not None and opened.crypt and not self._pane.can_decrypt:
            self._pane.show_collection(opened)  # its title says where the text is now

    def _forget_unless_kept(self) -> None:
        if not self.keeps_decrypted() and self._archive.commands is not None:
            self._forget()

    @command
    async def _forget(self) -> None:
        """Remove decrypted text from the local copy: the user keeps it in memory only."""
        n = await self._archive.server().forget_decrypted()
        if n:
            self.bridge.info(
                self.tr("Decrypted text of %n conversation(s) removed from the local copy.", "", n)
            )

    def open_collection(
        self, collection_id: CollectionId, listed: Collection | None = None
    ) -> None:
        """Show the conversation once read (in the background); fetch it if its items are missing.

        ``listed`` is its header as the server listed it, for a conversation
        the replica may not hold yet. Until it is read the pane says so; a
        conversation chosen meanwhile takes its place (this one is dropped).
        """
        reader = self._archive.reader
        self._pane.show_loading(collection_id)
        self._browser.reads.run(
            "open",
            lambda: _attempt(lambda: reader.collection(collection_id)),
            lambda read: self._opened(collection_id, listed, read),
        )

    def _opened(
        self, collection_id: CollectionId, listed: Collection | None, read: Collection | KnownError
    ) -> None:
        if self._pane.loading != collection_id:
            return  # another conversation was shown meanwhile (a search hit, an archive)
        if isinstance(read, KnownError):
            if listed is None or self._archive.commands is None:
                self._pane.show_collection(None)
                self.bridge.error(read)
                return
            read = listed
        self._pane.show_collection(read)
        if not read.items and self._archive.commands is not None:
            self.retrieve(collection_id)

    async def read_collection(self, collection_id: CollectionId) -> Collection:
        """The conversation as the local copy holds it, read in the background."""
        reader = self._archive.reader
        return await self._browser.reads.value(lambda: reader.collection(collection_id))

    @command
    async def retrieve(self, collection_id: CollectionId) -> None:
        """Fetch a collection's items from the server and show them."""
        self.bridge.info("Fetching the conversation from the server…")
        await self._archive.server().retrieve(collection_id)
        fetched = await self.read_collection(collection_id)
        if self._pane.is_showing(collection_id):
            self._pane.show_collection(fetched)
        self.bridge.info("Conversation fetched.")

    @command
    async def decrypt(self) -> None:
        """Decrypt the open conversation; the passphrase is asked while its key is locked."""
        opened = self._pane.collection
        if opened is None or not has_encrypted_payload(opened):
            return
        commands = self._archive.server()
        try:
            decrypted = await commands.decrypt(opened.id)
        except KeyLocked as locked:
            dialog = PassphraseDialog(self._window, locked.key_name)
            passphrase = dialog.passphrase.text
            if await ask(dialog) != PassphraseDialog.DialogCode.Accepted:
                return
            await commands.unlock(passphrase())
            decrypted = await commands.decrypt(opened.id)
        if self.keeps_decrypted():
            await commands.keep_decrypted(decrypted)
            news = self.tr("Conversation decrypted and kept in the local copy: search finds it.")
        else:
            news = self.tr(
                "Conversation decrypted, in memory only: search does not find it (see Settings)."
            )
        if self._pane.is_showing(opened.id):
            self._pane.show_collection(decrypted)
        self.bridge.info(news)

    @command
    async def add_note(self) -> None:
        """Add a private note to the open conversation; if sending fails, the text stays."""
        opened = self._pane.collection
        if opened is None:
            return
        label = self.tr("A private note, kept with this conversation:")
        text, problem = "", None
        while True:
            shown = label if problem is None else f"{problem}\n\n{label}"
            text = await ask_text(self._window, self.tr("Add note"), shown, text, True) or ""
            if not text.strip():
                return
            try:
                await self._archive.server().add_note(opened.id, text.strip())
            except KnownError as error:
                problem = self._not_sent(error)
                continue
            await self._after_change(opened, self.tr("Note added."))
            return

    @command
    async def edit_subject(self) -> None:
        """Change the subject; on an encrypted conversation, warn that it stays plain text.

        If sending fails, the dialog opens again with the subject typed.
        """
        opened = self._pane.collection
        if opened is None:
            return
        subject, problem = opened.subject or "", None
        while True:
            label = (
                self.tr("Subject:") if problem is None else f"{problem}\n\n{self.tr('Subject:')}"
            )
            typed = await ask_text(self._window, self.tr("Edit subject"), label, subject, False)
            if typed is None or typed.strip() == (opened.subject or ""):
                return
            subject = typed
            if opened.crypt and not await confirm(
                self._window,
                self.tr("Subject not encrypted"),
                self.tr(SUBJECT_WARNING),
                self.tr("Save unencrypted subject"),
            ):
                return
            try:
                await self._archive.server().set_subject(opened.id, subject.strip())
            except KnownError as error:
                problem = self._not_sent(error)
                continue
            await self._after_change(opened, self.tr("Subject saved."))
            return

    def _not_sent(self, error: KnownError) -> str:
        return self.tr("Not sent: %1 Your text is kept below; send it again when you can.").replace(
            "%1", error.user_message
        )

    async def _after_change(self, opened: Collection, news: str) -> None:
        """Show the change; a conversation the user decrypted stays decrypted."""
        self._browser.refresh_list()
        changed = await self.read_collection(opened.id)
        if has_encrypted_payload(changed) and not has_encrypted_payload(opened):
            changed = await self._archive.server().decrypt(opened.id)
        if self._pane.is_showing(opened.id):
            self._pane.show_collection(changed)
        self.bridge.info(news)

    def copy_conversation(self) -> None:
        """Put the open conversation on the clipboard as text."""
        text = self._pane.as_text()
        if text is None:
            return
        QGuiApplication.clipboard().setText(text)
        self.bridge.info("Conversation copied.")

    @command
    async def export_conversation(self) -> None:
        """Save the open conversation as a text file the user picks."""
        text = self._pane.as_text()
        if text is None:
            return
        dialog = QFileDialog(self._window, "Export conversation")
        dialog.setObjectName("exportDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setNameFilter("Text files (*.txt)")
        dialog.setDefaultSuffix("txt")
        files = dialog.selectedFiles
        if await ask(dialog) != QFileDialog.DialogCode.Accepted or not files():
            return
        path = Path(files()[0])
        _write_text(path, text)
        self.bridge.info(f"Saved {path.name}.")


def _write_text(path: Path, text: str) -> None:
    """Write the file; a conversation is small enough to write on the UI thread."""
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise KnownError(f"Could not save {path}: {error.strerror or error}.") from error


def _attempt(read: Callable[[], T]) -> T | KnownError:
    try:
        return read()
    except KnownError as error:  # said to the user by the one who asked
        return error
