"""Save PNGs of the Keys window, re-keying and the encrypted upload into docs/screenshots/.

    .venv/bin/python tools/screenshots_keys.py

The real program against a throw-away Prosody with encrypted conversations,
under ``xvfb-run -a`` when there is no display. Settings and keys go to a
temporary folder.
"""

from __future__ import annotations

import asyncio
import shutil
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.screenshot_kit import (  # noqa: E402
    needs_display,
    private_settings,
    rerun_under_xvfb,
    save,
    seeding_session,
    start_connected,
    until,
)

PASSPHRASE = "a screenshot passphrase"  # noqa: S105 (a throw-away key of the screenshots)


def main() -> int:
    """Run the program under Xvfb and save the screenshots."""
    if needs_display():
        return rerun_under_xvfb(__file__)
    import keyring
    import qasync
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from archiveviewer.ui.i18n import install_translators
    from tests.helpers import MemoryKeyring
    from tests.server.prosody import ProsodyServer

    app = QApplication(sys.argv)
    _translators = install_translators(app, QLocale("en"))  # English plural forms
    keyring.set_keyring(MemoryKeyring())
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        private_settings(work)
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        with ProsodyServer(work / "prosody") as server, loop:
            loop.run_until_complete(_shoot(server, work))
    return 0


async def _shoot(server: object, work: Path) -> None:
    from archiveviewer.crypto import KeyStore, prepare_encrypted_store
    from archiveviewer.domain import Collection, CollectionId, Direction, Message
    from archiveviewer.formats.xep0136_file import write_archive
    from archiveviewer.services.workspace import Workspace
    from archiveviewer.ui.files.upload import UploadDialog
    from archiveviewer.ui.keys.rekey import RekeyDialog
    from archiveviewer.ui.keys.window import KeysWindow
    from tests.server.prosody import ProsodyServer

    assert isinstance(server, ProsodyServer)
    jid, password = server.new_user("romeo")
    workspace = Workspace(work / "data", work / "config", ca_certs=server.ca_cert)
    store = KeyStore(workspace.keys_dir)
    old = store.generate(PASSPHRASE, name="laptop-2019")
    store.generate(PASSPHRASE, name="laptop-2026")
    start = datetime(2019, 5, 1, 20, 0, tzinfo=UTC)

    def talk(day: int) -> Collection:
        when = start + timedelta(days=day * 9)
        text = f"The {day + 1}th letter from Mantua."
        return Collection(CollectionId(when, "friar@church.example"), items=(
            Message(Direction.FROM, when, text),
        ))  # fmt: skip

    async with seeding_session(server, jid, password) as seeding:
        for day in range(24):
            await seeding.archive.store(prepare_encrypted_store(talk(day), [old]))

    program, _ = await start_connected(server, jid, password, work, workspace)
    window = program.window
    await asyncio.sleep(0.5)

    # The list: one key unlocked for this run, one locked; what each opens.
    window.act["keys"].trigger()
    keys_window = window.findChild(KeysWindow, "keysWindow")
    assert keys_window is not None
    await until(lambda: len(keys_window.rows) == 2)
    names = [k.name for k in keys_window.rows]
    keys_window.table.selectRow(names.index("laptop-2019"))
    keys_window.unlock_button.click()
    await until(lambda: _visible("keyPassphrase") is not None)
    ask = _visible("keyPassphrase")
    ask.field.setText(PASSPHRASE)  # type: ignore[union-attr]
    ask.accept()  # type: ignore[union-attr]
    await until(lambda: any(k.unlocked for k in keys_window.rows))
    await asyncio.sleep(0.3)
    save(keys_window, "keys-locked-unlocked.png")
    keys_window.resize(700, 420)
    await asyncio.sleep(0.3)
    save(keys_window, "keys-narrow.png")
    keys_window.resize(1100, 400)

    # Re-key with progress; cancelled part-way, then the offer to continue.
    keys_window.rekey(None)
    await until(lambda: keys_window.rekey_dialog is not None)
    box = keys_window.rekey_dialog
    assert isinstance(box, RekeyDialog)
    box.new.setCurrentText("laptop-2026")
    await asyncio.sleep(0.2)

    def at_step(done: int, _total: int) -> None:
        if done == 9:
            save(box, "keys-rekey-progress.png")
            box.reject()  # Cancel

    box.stepped.connect(at_step)
    box.start_button.click()
    await until(lambda: box.control is None and "Cancelled" in box.status.text())
    await asyncio.sleep(0.2)
    save(box, "keys-rekey-cancelled.png")
    box.reject()
    await until(lambda: keys_window.continue_button.isVisible())
    await asyncio.sleep(0.3)
    save(keys_window, "keys-rekey-unfinished.png")
    keys_window.close()

    # Upload, encrypted with one of the user's own keys.
    path = work / "mantua.xml"
    write_archive([talk(40)], path)
    window.act["upload_archive"].trigger()
    await asyncio.sleep(0.5)
    upload = next(w for w in window.findChildren(UploadDialog) if w.isVisible())
    upload.path.setText(str(path))
    upload.encrypt.setCurrentIndex(1)
    await asyncio.sleep(0.2)
    save(upload, "upload-encrypt-with.png")
    upload.reject()

    await program.close()
    window.close()
    window.deleteLater()


def _visible(name: str) -> object | None:
    from PySide6.QtWidgets import QApplication

    shown = [w for w in QApplication.topLevelWidgets() if w.objectName() == name and w.isVisible()]
    return shown[0] if shown else None


if __name__ == "__main__":
    if shutil.which("prosody") is None:
        sys.exit("prosody is missing: apt-get install prosody")
    sys.exit(main())
