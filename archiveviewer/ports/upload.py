"""What the window asks of manual archiving: upload a file's conversations, encrypted or not.

Plain values only, so the window needs nothing of the services. The keys
offered for encryption are the user's own (keys whose private half is in the
user's key store): the specification allows no EncryptedKey for any other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True)
class UploadChoice:
    """Which file to upload, and for which of the user's keys to encrypt it (none: plain).

    ``subjects_in_clear`` allows subjects, which the server keeps unencrypted.
    """

    path: Path
    encrypt_for: tuple[str, ...] = ()
    subjects_in_clear: bool = False


#: Told (conversations done, conversations in all) as the upload goes on.
UploadStep = Callable[[int, int], None]


#: Asked between conversations: True stops the upload there (the user pressed Cancel).
ShouldStop = Callable[[], bool]


@dataclass(frozen=True)
class UploadSummary:
    """What an upload did: conversations stored, and those the server had already.

    ``done`` of ``total`` conversations were looked at; fewer when it was cancelled.
    """

    stored: int
    skipped: int
    encrypted: bool
    total: int = 0
    done: int = 0

    @property
    def cancelled(self) -> bool:
        """True when the upload stopped before the file's last conversation."""
        return self.done < self.total


class ArchiveUploader(Protocol):
    """Manual archiving of the account the window shows."""

    async def own_keys(self) -> list[str]:
        """The names of the user's own keys, which an upload may be encrypted for."""
        ...

    async def upload(
        self, choice: UploadChoice, on_step: UploadStep, should_stop: ShouldStop
    ) -> UploadSummary:
        """Store the file's conversations the server does not hold yet (never twice).

        ``should_stop`` is asked between conversations: the server holds whole
        conversations only when it stops. Run again after an interruption, it
        stores only what is still missing.
        """
        ...
