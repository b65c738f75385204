"""The composition root: builds the application and starts it.

``python -m archiveviewer`` builds the QApplication, the qasync event loop and
the main window over the sample archive. This is the only module that builds
everything; the window gets what it needs through ``archiveviewer.ui.ports``.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import TYPE_CHECKING

from archiveviewer import __version__
from archiveviewer.domain import Collection, Contact
from archiveviewer.errors import KnownError

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import TracebackType

    from archiveviewer.ui.messages import MessageBridge
    from archiveviewer.ui.ports import Account, Session
    from archiveviewer.ui.window import MainWindow


def load_sample_archive() -> tuple[list[Collection], tuple[Contact, ...]]:
    """The sample archive's collections (``resources/sample-archive.xml``) and roster."""
    from archiveviewer.formats.sample import SAMPLE_ROSTER, read_sample_archive

    return read_sample_archive(), SAMPLE_ROSTER


class KeyringPasswords:
    """``PasswordKeeper`` over the OS keyring (the ``keyring`` package)."""

    SERVICE = "archiveviewer"

    def remember(self, jid: str, password: str) -> None:
        """Store the password in the keyring."""
        import keyring
        from keyring.errors import KeyringError

        try:
            keyring.set_password(self.SERVICE, jid, password)
        except KeyringError as error:
            raise KnownError(
                "Your password could not be saved in the system keyring, so you will be "
                f"asked for it next time. ({error})"
            ) from error

    def forget(self, jid: str) -> None:
        """Remove the stored password, if any."""
        import keyring
        from keyring.errors import KeyringError

        try:
            keyring.delete_password(self.SERVICE, jid)
        except KeyringError:
            return


class NotYetAvailableOpener:
    """``AccountOpener`` until the network client and the replica are merged.

    It says so plainly rather than pretending to connect.
    """

    async def open(self, account: Account, password: str) -> Session:
        """Always refuses, with a sentence for the user."""
        raise KnownError(
            f"Your account {account.jid} is saved, but this version of archiveviewer cannot "
            "connect to a server yet. You can keep browsing the sample archive."
        )

    def trust_certificate(self, host: str, fingerprint: str) -> None:
        """Nothing to pin while there is no connection."""


def build_window() -> MainWindow:
    """The main window over the sample archive, read-only, with everything it needs."""
    from PySide6.QtCore import QSettings

    from archiveviewer.ui.memory import MemoryArchive
    from archiveviewer.ui.messages import MessageBridge
    from archiveviewer.ui.settings import APPLICATION, ORGANISATION, Settings
    from archiveviewer.ui.window import MainWindow

    collections, roster = load_sample_archive()
    return MainWindow(
        MemoryArchive(collections, roster),
        None,
        MessageBridge(),
        Settings(QSettings(ORGANISATION, APPLICATION)),
        sample=True,
        passwords=KeyringPasswords(),
        opener=NotYetAvailableOpener(),
    )


def run_window() -> int:
    """Build the QApplication and the qasync loop, show the window, run until it closes."""
    import qasync
    from PySide6.QtWidgets import QApplication

    from archiveviewer.ui.settings import APPLICATION, ORGANISATION

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    window = build_window()
    sys.excepthook = _report_through(window.bridge)
    window.show()
    closed = asyncio.Event()
    app.aboutToQuit.connect(closed.set)
    with loop:
        loop.run_until_complete(closed.wait())
    return 0


def _report_through(bridge: MessageBridge) -> Callable[..., None]:
    """An excepthook that shows any escaped error in the window, never only on the console."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        bridge.error(error.with_traceback(tb))

    return hook


def main(argv: list[str] | None = None) -> int:
    """Start archiveviewer; ``--version`` prints the version and exits (no display needed)."""
    parser = argparse.ArgumentParser(prog="archiveviewer", description=__doc__)
    parser.add_argument("--version", action="version", version=f"archiveviewer {__version__}")
    parser.parse_args(sys.argv[1:] if argv is None else argv)
    return run_window()
