"""Save PNGs of the main views into docs/screenshots/, from the real program under Xvfb.

    .venv/bin/python tools/screenshots.py

Without a display it runs itself again under ``xvfb-run -a``. Settings go to
a temporary folder, so your own window layout is neither used nor changed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
SCREEN = "1280x860x24"


def _rerun_under_xvfb() -> int:
    if shutil.which("xvfb-run") is None:
        print("xvfb-run is missing: apt-get install xvfb xauth", file=sys.stderr)
        return 1
    command = ["xvfb-run", "-a", "-s", f"-screen 0 {SCREEN}", sys.executable, __file__]
    return subprocess.call(command, env={**os.environ, "SCREENSHOTS_UNDER_XVFB": "1"})


def main() -> int:
    """Build the window as app.py does and save one PNG per view."""
    if not os.environ.get("DISPLAY") and not os.environ.get("SCREENSHOTS_UNDER_XVFB"):
        return _rerun_under_xvfb()
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as settings_dir:
        # Qt's native settings and platformdirs both follow XDG on Linux: keep them in here.
        os.environ["XDG_CONFIG_HOME"] = str(Path(settings_dir) / "config")
        os.environ["XDG_DATA_HOME"] = str(Path(settings_dir) / "data")
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)
        _shoot(app)
        if shutil.which("prosody"):
            _shoot_live(app, Path(settings_dir))
        else:
            print("prosody is missing: no screenshots of a connected account", file=sys.stderr)
    return 0


def _shoot_live(app: object, work: Path) -> None:
    """The program with a saved account on a real (throw-away) Prosody: synced, then offline."""
    import asyncio

    import keyring
    import qasync
    from PySide6.QtWidgets import QApplication

    from tests.helpers import MemoryKeyring
    from tests.server.prosody import ProsodyServer

    assert isinstance(app, QApplication)
    keyring.set_keyring(MemoryKeyring())  # never the user's own keyring
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with ProsodyServer(work / "prosody") as server, loop:
        loop.run_until_complete(_live(server, work))


async def _live(server: object, work: Path) -> None:
    import asyncio

    from archiveviewer.app import build_program
    from archiveviewer.formats.sample import SAMPLE_ROSTER, read_sample_archive
    from archiveviewer.services.passwords import KeyringPasswords
    from archiveviewer.services.workspace import Workspace
    from archiveviewer.ui import settings as keys
    from archiveviewer.ui.settings import Settings
    from archiveviewer.xmpp.session import AccountSession, AccountSettings
    from tests.server.prosody import ProsodyServer

    assert isinstance(server, ProsodyServer)
    jid, password = server.new_user("romeo")
    seeding = AccountSession(
        AccountSettings(jid, password, "127.0.0.1", server.port, server.ca_cert)
    )
    await seeding.connect()
    for contact in SAMPLE_ROSTER:
        await seeding.client.update_roster(
            contact.jid, name=contact.name, groups=list(contact.groups)
        )
    for collection in read_sample_archive():
        await seeding.archive.store(collection)
    await seeding.disconnect()

    from PySide6.QtCore import QSettings

    store = Settings(QSettings(str(work / "live.ini"), QSettings.Format.IniFormat))
    store.set(keys.ACCOUNT_JID, jid)
    store.set(keys.ACCOUNT_HOST, "127.0.0.1")
    store.set(keys.ACCOUNT_PORT, server.port)
    KeyringPasswords().remember(jid, password)
    workspace = Workspace(work / "data", work / "config", ca_certs=server.ca_cert)
    program = build_program(workspace, store)
    window = program.window
    window.resize(1200, 780)
    window.show()
    program.start()
    for _ in range(1000):
        await asyncio.sleep(0.02)
        if window.connection.text().startswith("Connected as") and window.sync_task is None:
            break
    await asyncio.sleep(0.3)
    window.collections.setCurrentIndex(window.collection_model.index(0, 0))
    await asyncio.sleep(0.2)
    _save(window, "connected.png")
    server.stop()
    for _ in range(500):
        await asyncio.sleep(0.02)
        if "Retrying" in window.connection.text():
            break
    window.focus_search()
    window.search.field.setText("lark")
    window.search.run()
    await asyncio.sleep(0.3)
    _save(window, "offline.png")
    await program.close()
    window.close()
    window.deleteLater()


def _settle(app: object, rounds: int = 20) -> None:
    from PySide6.QtCore import QThread
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    for _ in range(rounds):
        app.processEvents()
        QThread.msleep(10)


def _save(widget: object, name: str) -> None:
    from PySide6.QtWidgets import QWidget

    assert isinstance(widget, QWidget)
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / name
    widget.grab().save(str(path))
    print(f"wrote {path.relative_to(ROOT)}")


def _choose_contact(window: object, jid: str) -> None:
    from PySide6.QtCore import Qt

    from archiveviewer.ui.window import MainWindow

    assert isinstance(window, MainWindow)
    for row in range(window.contact_filter_model.rowCount()):
        index = window.contact_filter_model.index(row, 0)
        if index.data(Qt.ItemDataRole.ToolTipRole) == jid:
            window.contacts.setCurrentIndex(index)


def _shoot(app: object) -> None:
    from archiveviewer.app import build_window
    from archiveviewer.ui.accounts.dialogs import AccountDialog, CertificateDialog

    window = build_window()
    window.resize(1200, 780)
    window.show()
    _settle(app)
    window.collections.setCurrentIndex(window.collection_model.index(0, 0))
    _settle(app)
    _save(window, "main-window.png")

    _choose_contact(window, "juliet@capulet.example")
    year_2023 = window.date_model.index(1, 0)
    window.dates.expand(year_2023)
    window.dates.expand(window.date_model.index(0, 0, year_2023))
    window.dates.setCurrentIndex(
        window.date_model.index(0, 0, window.date_model.index(0, 0, year_2023))
    )
    _settle(app)
    window.collections.setCurrentIndex(window.collection_model.index(0, 0))
    _settle(app)
    _save(window, "conversation.png")

    _choose_contact(window, "friar@church.example")
    window.collections.setCurrentIndex(window.collection_model.index(0, 0))
    _settle(app)
    _save(window, "encrypted.png")

    window.all_contacts.click()
    window.focus_search()
    window.search.field.setText("wherefore thou")
    window.search.run()
    _settle(app)
    window.search.results.setCurrentIndex(window.search.model.index(0, 0))
    window.search.results.activated.emit(window.search.model.index(0, 0))
    _settle(app)
    _save(window, "search.png")

    account = AccountDialog(window)
    account.jid.setText("romeo@montague.example")
    account.password.setText("secret")
    account.remember.setChecked(True)
    account.show()
    _settle(app)
    _save(account, "account-dialog.png")
    account.close()

    certificate = CertificateDialog(
        "montague.example",
        ":".join(f"{n:02X}" for n in range(0, 256, 8)),
        "self-signed certificate",
        window,
    )
    certificate.show()
    _settle(app)
    _save(certificate, "certificate-dialog.png")
    certificate.close()
    _shoot_files(app, window)
    window.close()


def _shoot_files(app: object, window: object) -> None:
    """The Export dialog, then a portable (XEP-0227) export of the sample opened to browse."""
    import asyncio
    from pathlib import Path

    from archiveviewer.formats.conversations import archived_messages
    from archiveviewer.formats.sample import SAMPLE_OWNER, SAMPLE_ROSTER, read_sample_archive
    from archiveviewer.formats.xep0227 import PortableAccount, RosterItem, write_account
    from archiveviewer.ui.files.dialog import ExportDialog
    from archiveviewer.ui.window import MainWindow

    assert isinstance(window, MainWindow)
    assert window.files is not None
    export = ExportDialog(
        window,
        selected=(),
        contact=("juliet@capulet.example", "Juliet"),
        folder=Path("/home/romeo/Documents"),
        name_for=lambda fmt, contact: f"romeo@montague.example-{contact}-2026-12-01.html",
    )
    export.show()
    _settle(app)
    _save(export, "export-dialog.png")
    export.close()
    owner = SAMPLE_OWNER
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{owner}.xml"
        roster = tuple(RosterItem(c.jid, c.name, c.groups, "both") for c in SAMPLE_ROSTER)
        portable = PortableAccount(
            owner, roster, archive=tuple(archived_messages(read_sample_archive(), owner))
        )
        write_account(portable, path)
        asyncio.run(window.files.open_path(path))
        _settle(app, 60)
        window.tabs.setCurrentIndex(0)
        _choose_contact(window, "juliet@capulet.lit")
        _settle(app)
        window.collections.setCurrentIndex(window.collection_model.index(0, 0))
        _settle(app)
        _save(window, "opened-xep0227.png")


if __name__ == "__main__":
    raise SystemExit(main())
