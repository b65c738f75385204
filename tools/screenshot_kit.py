"""What the screenshot tools share: a display, private settings, a connected program, PNGs.

Each ``tools/*screenshots*.py`` starts with::

    if needs_display():
        return rerun_under_xvfb(__file__)

and saves into ``docs/screenshots/`` with :func:`save`. The ones that show a connected account
seed it through :func:`seeding_session` and start the real program with
:func:`start_connected`.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
SCREEN = "1280x860x24"
UNDER_XVFB = "SCREENSHOTS_UNDER_XVFB"


def needs_display() -> bool:
    """True when there is no display to draw on (and this is not already the run under Xvfb)."""
    return not os.environ.get("DISPLAY") and not os.environ.get(UNDER_XVFB)


def rerun_under_xvfb(script: str, *args: str, screen: str = SCREEN) -> int:
    """Run ``script`` (with ``args``) again under ``xvfb-run -a``; its exit code."""
    if shutil.which("xvfb-run") is None:
        print("xvfb-run is missing: apt-get install xvfb xauth", file=sys.stderr)
        return 1
    command = ["xvfb-run", "-a", "-s", f"-screen 0 {screen}", sys.executable, script, *args]
    return subprocess.call(command, env={**os.environ, UNDER_XVFB: "1"})


def private_settings(folder: Path) -> None:
    """Qt's settings and the program's folders go into ``folder``: the user's own stay as they are.

    (Qt's native settings and platformdirs both follow XDG on Linux.)
    """
    from PySide6.QtCore import QSettings

    os.environ["XDG_CONFIG_HOME"] = str(folder / "config")
    os.environ["XDG_DATA_HOME"] = str(folder / "data")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))


def save(widget: object, name: str) -> None:
    """``widget`` as it is drawn now, into ``docs/screenshots/NAME``."""
    from PySide6.QtWidgets import QWidget

    assert isinstance(widget, QWidget)
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / name
    widget.grab().save(str(path))
    print(f"wrote {path.relative_to(ROOT)}")


def settle(app: object, rounds: int = 20) -> None:
    """Let the window draw what it was just told (without an event loop of asyncio's)."""
    from PySide6.QtCore import QThread
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    for _ in range(rounds):
        app.processEvents()
        QThread.msleep(10)


async def until(check: Callable[[], object], rounds: int = 1000) -> None:
    """Wait (at most ``rounds`` × 20 ms) until ``check()`` is true."""
    for _ in range(rounds):
        if check():
            return
        await asyncio.sleep(0.02)


def choose_contact(window: object, jid: str) -> None:
    """Select ``jid`` in the window's contact list."""
    from PySide6.QtCore import Qt

    from archiveviewer.ui.window import MainWindow

    assert isinstance(window, MainWindow)
    for row in range(window.contact_filter_model.rowCount()):
        index = window.contact_filter_model.index(row, 0)
        if index.data(Qt.ItemDataRole.ToolTipRole) == jid:
            window.contacts.setCurrentIndex(index)


@contextlib.asynccontextmanager
async def seeding_session(server: Any, jid: str, password: str) -> AsyncIterator[Any]:
    """A session of ``jid`` on ``server`` (a ProsodyServer) to put data there before the shots."""
    from archiveviewer.xmpp.session import AccountSession, AccountSettings

    session = AccountSession(
        AccountSettings(jid, password, "127.0.0.1", server.port, server.ca_cert)
    )
    await session.connect()
    try:
        yield session
    finally:
        await session.disconnect()


async def start_connected(
    server: Any, jid: str, password: str, work: Path, workspace: Any = None
) -> tuple[Any, Any]:
    """The real program (as ``app.py`` builds it) with ``jid`` saved, connected and synced.

    The password is in the keyring (set a throw-away one first); the settings file and, unless
    ``workspace`` is given, the local copy are in ``work``. Returns the program and its settings.
    """
    from PySide6.QtCore import QSettings

    from archiveviewer.app import build_program
    from archiveviewer.services.passwords import KeyringPasswords
    from archiveviewer.services.workspace import Workspace
    from archiveviewer.ui import settings as keys
    from archiveviewer.ui.settings import Settings

    settings = Settings(QSettings(str(work / "shots.ini"), QSettings.Format.IniFormat))
    settings.set(keys.ACCOUNT_JID, jid)
    settings.set(keys.ACCOUNT_HOST, "127.0.0.1")
    settings.set(keys.ACCOUNT_PORT, server.port)
    KeyringPasswords().remember(jid, password)
    if workspace is None:
        workspace = Workspace(work / "data", work / "config", ca_certs=server.ca_cert)
    program = build_program(workspace, settings)
    window = program.window
    window.resize(1200, 780)
    window.show()
    program.start()
    await until(lambda: window.connection.text().startswith("Connected as"))
    await until(lambda: window.sync_task is not None, rounds=100)  # the sync on connecting
    await until(lambda: window.sync_task is None)
    return program, settings
