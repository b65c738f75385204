"""Save PNGs of the main views into docs/screenshots/, from the real program under Xvfb.

    .venv/bin/python tools/screenshots.py

Without a display it runs itself again under ``xvfb-run -a``. Settings go to
a temporary folder, so your own window layout is neither used nor changed.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.screenshot_kit import (  # noqa: E402
    choose_contact,
    needs_display,
    private_settings,
    rerun_under_xvfb,
    save,
    seeding_session,
    settle,
    start_connected,
)


def main() -> int:
    """Build the window as app.py does and save one PNG per view."""
    if needs_display():
        return rerun_under_xvfb(__file__)
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from archiveviewer.ui.i18n import install_translators

    app = QApplication(sys.argv)
    _translators = install_translators(app, QLocale("en"))  # plural forms, as the program has
    with tempfile.TemporaryDirectory() as settings_dir:
        private_settings(Path(settings_dir))
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

    from archiveviewer.formats.sample import SAMPLE_ROSTER, read_sample_archive
    from tests.server.prosody import ProsodyServer

    assert isinstance(server, ProsodyServer)
    jid, password = server.new_user("romeo")
    async with seeding_session(server, jid, password) as seeding:
        for contact in SAMPLE_ROSTER:
            await seeding.client.update_roster(
                contact.jid, name=contact.name, groups=list(contact.groups)
            )
        for collection in read_sample_archive():
            await seeding.archive.store(collection)

    program, _ = await start_connected(server, jid, password, work)
    window = program.window
    await asyncio.sleep(0.3)
    window.collections.setCurrentIndex(window.collection_model.index(0, 0))
    await asyncio.sleep(0.2)
    save(window, "connected.png")
    server.stop()
    for _ in range(500):
        await asyncio.sleep(0.02)
        if "Retrying" in window.connection.text():
            break
    window.focus_search()
    window.search.field.setText("lark")
    window.search.run()
    await asyncio.sleep(0.3)
    save(window, "offline.png")
    await program.close()
    window.close()
    window.deleteLater()


def _shoot(app: object) -> None:
    from archiveviewer.app import build_window
    from archiveviewer.ui.accounts.dialogs import AccountDialog, CertificateDialog

    window = build_window()
    window.resize(1200, 780)
    window.show()
    settle(app)
    window.collections.setCurrentIndex(window.collection_model.index(0, 0))
    settle(app)
    save(window, "main-window.png")

    choose_contact(window, "juliet@capulet.example")
    year_2023 = window.date_model.index(1, 0)
    window.dates.expand(year_2023)
    window.dates.expand(window.date_model.index(0, 0, year_2023))
    window.dates.setCurrentIndex(
        window.date_model.index(0, 0, window.date_model.index(0, 0, year_2023))
    )
    settle(app)
    window.collections.setCurrentIndex(window.collection_model.index(0, 0))
    settle(app)
    save(window, "conversation.png")

    choose_contact(window, "friar@church.example")
    window.collections.setCurrentIndex(window.collection_model.index(0, 0))
    settle(app)
    save(window, "encrypted.png")

    window.all_contacts.click()
    window.focus_search()
    window.search.field.setText("wherefore thou")
    window.search.run()
    settle(app)
    window.search.results.setCurrentIndex(window.search.model.index(0, 0))
    window.search.results.activated.emit(window.search.model.index(0, 0))
    settle(app)
    save(window, "search.png")

    account = AccountDialog(window)
    account.jid.setText("romeo@montague.example")
    account.password.setText("secret")
    account.remember.setChecked(True)
    account.show()
    settle(app)
    save(account, "account-dialog.png")
    account.close()

    certificate = CertificateDialog(
        "montague.example",
        ":".join(f"{n:02X}" for n in range(0, 256, 8)),
        "self-signed certificate",
        window,
    )
    certificate.show()
    settle(app)
    save(certificate, "certificate-dialog.png")
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
    settle(app)
    save(export, "export-dialog.png")
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
        settle(app, 60)
        window.tabs.setCurrentIndex(0)
        choose_contact(window, "juliet@capulet.lit")
        settle(app)
        window.collections.setCurrentIndex(window.collection_model.index(0, 0))
        settle(app)
        save(window, "opened-xep0227.png")


if __name__ == "__main__":
    raise SystemExit(main())
