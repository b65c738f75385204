"""The window's manual archiving (:class:`~archiveviewer.ports.upload.ArchiveUploader`).

It reads an archive file on the worker, encrypts for the user's own keys when
asked (:mod:`archiveviewer.services.encrypted_upload`) and stores on the
server of the account the window shows (:func:`archiveviewer.services.upload.upload`).
"""

from __future__ import annotations

from collections.abc import Callable

from archiveviewer.crypto import KeyStore
from archiveviewer.ports.accounts import Account
from archiveviewer.ports.upload import ShouldStop, UploadChoice, UploadStep, UploadSummary
from archiveviewer.services.accounts import NetworkOpener
from archiveviewer.services.encrypted_upload import encrypt_for_upload, for_own_keys
from archiveviewer.services.files import read_archive_file
from archiveviewer.services.upload import ManualArchive, upload
from archiveviewer.services.worker import Worker


class WindowUploader:
    """Uploads archive files to the shown account's server; ``archive`` raises NotConnected."""

    def __init__(self, store: KeyStore, worker: Worker, archive: Callable[[], ManualArchive]):
        self._store = store
        self._worker = worker
        self._archive = archive

    async def own_keys(self) -> list[str]:
        """The names of the keys in the user's own key store."""
        return await self._worker.run(self._store.names)

    async def upload(
        self, choice: UploadChoice, on_step: UploadStep, should_stop: ShouldStop
    ) -> UploadSummary:
        """Store the file's conversations, encrypted for ``choice.encrypt_for`` if any.

        ``should_stop`` is asked between conversations (Cancel), while they are
        encrypted too; ``on_step`` is told how far the encryption, then the upload, got.
        """
        encryption = None
        if choice.encrypt_for:
            encryption = await self._worker.run(
                lambda: for_own_keys(
                    self._store, choice.encrypt_for, subjects_in_clear=choice.subjects_in_clear
                )
            )
        archive = self._archive()
        collections = await self._worker.run(read_archive_file, choice.path)
        if encryption is not None:
            # Encrypted on the worker, not on the window's thread; Cancel stops it too.
            sealed = await encrypt_for_upload(
                encryption, archive, collections, self._worker,
                on_step=on_step, should_stop=should_stop,
            )  # fmt: skip
            if sealed is None:  # cancelled while encrypting: nothing was stored
                return UploadSummary(0, 0, True, len(collections), 0)
            collections = sealed
        outcome = await upload(archive, collections, on_step=on_step, should_stop=should_stop)
        return UploadSummary(
            outcome.stored, outcome.skipped, encryption is not None, outcome.total, outcome.done
        )


def uploader_of(
    opener: NetworkOpener, shown_jid: Callable[[], str | None]
) -> Callable[[], WindowUploader | None]:
    """The uploader of the account the window shows (``shown_jid``); None without one."""

    def uploader() -> WindowUploader | None:
        jid = shown_jid()
        if not jid:
            return None
        connection = opener.offline(Account(jid)).connection
        return WindowUploader(
            opener.session_keys.store,
            opener.worker,
            lambda: connection.require("upload the archive file").archive,
        )

    return uploader
