"""Save PNGs of accounts, the connection's states, Settings and Help into docs/screenshots/.

    .venv/bin/python tools/screenshots_accounts.py

The real program against a throw-away Prosody under Xvfb (it reruns itself
under ``xvfb-run -a`` without a display), with a keyring that keeps nothing
(as on a bare desktop) and settings in a temporary folder.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.screenshot_kit import (  # noqa: E402
    needs_display,
    private_settings,
    rerun_under_xvfb,
    save,
    seeding_session,
    until,
)


def _dialog(name: str) -> object:
    from PySide6.QtWidgets import QApplication, QDialog

    shown = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QDialog) and w.objectName() == name and w.isVisible()
    ]
    return shown[0] if shown else None


async def _shoot(work: Path) -> None:
    import keyring
    from keyring.backends import fail
    from PySide6.QtCore import QSettings

    from archiveviewer.app import build_program
    from archiveviewer.formats.sample import read_sample_archive
    from archiveviewer.services.workspace import Workspace
    from archiveviewer.ui.settings import Settings
    from tests.server.prosody import ProsodyServer

    keyring.set_keyring(fail.Keyring())
    with ProsodyServer(work / "prosody") as server:
        jid, password = server.new_user("romeo")
        async with seeding_session(server, jid, password) as seeding:
            for collection in read_sample_archive()[:12]:
                await seeding.archive.store(collection)

        store = Settings(QSettings(str(work / "shots.ini"), QSettings.Format.IniFormat))
        workspace = Workspace(work / "data", work / "config", ca_certs=server.ca_cert)
        program = build_program(workspace, store)
        program.opener.reconnect_delays = (5.0, 10.0)
        window = program.window
        window.resize(1200, 780)
        window.show()
        await asyncio.sleep(0.3)

        window.act["add_account"].trigger()
        await until(lambda: _dialog("account"))
        box = _dialog("account")
        box.jid.setText(jid)  # type: ignore[attr-defined]
        box.password.setText("not the password")  # type: ignore[attr-defined]
        box.host.setText("127.0.0.1")  # type: ignore[attr-defined]
        box.port.setValue(server.port)  # type: ignore[attr-defined]
        box.ok.click()  # type: ignore[attr-defined]
        await until(lambda: _dialog("account") and _dialog("account").problem.text())  # type: ignore[union-attr]
        await asyncio.sleep(0.2)
        again = _dialog("account")
        save(again, "login-failed.png")
        again.password.setText(password)  # type: ignore[union-attr]
        again.ok.click()  # type: ignore[union-attr]
        await until(lambda: _dialog("noKeyring"))
        await asyncio.sleep(0.2)
        save(_dialog("noKeyring"), "no-keyring.png")
        _dialog("noKeyring").accept()  # type: ignore[union-attr]
        await until(lambda: window.connection.online and window.sync_task is None)
        await asyncio.sleep(0.5)
        window.collections.setCurrentIndex(window.collection_model.index(0, 0))
        await asyncio.sleep(0.3)
        save(window, "connection-connected.png")

        server.stop()
        await until(lambda: "Retrying" in window.connection.text())
        await asyncio.sleep(1.2)
        save(window, "connection-retrying.png")
        window.act["connect"].trigger()
        await until(lambda: "Use Connect" in window.connection.text())
        await asyncio.sleep(0.2)
        save(window, "connection-offline.png")
        server.start()
        window.act["connect"].trigger()
        await until(lambda: window.connection.online)

        window.act["accounts"].trigger()
        await until(lambda: _dialog("accounts"))
        await asyncio.sleep(0.2)
        save(_dialog("accounts"), "account-list.png")
        _dialog("accounts").reject()  # type: ignore[union-attr]
        for name, opened in (
            ("settings.png", window.preferences.show),
            ("about.png", window.help.about),
            ("shortcuts.png", window.help.shortcuts),
        ):
            dialog = opened()
            await asyncio.sleep(0.3)
            save(dialog, name)
            dialog.reject()
        await program.close()
        window.close()


def main() -> int:
    if needs_display():
        return rerun_under_xvfb(__file__)
    import qasync
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as work:
        private_settings(Path(work))
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        with loop:
            loop.run_until_complete(_shoot(Path(work)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
