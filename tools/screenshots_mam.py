"""Save PNGs of a message-archive (MAM) account into docs/screenshots/, under Xvfb.

    .venv/bin/python tools/screenshots_mam.py

A throw-away stock Prosody (mod_mam and a group-chat component with
mod_muc_mam, no XEP-0136): Juliet chats with Romeo and the Nurse and in a
bookmarked room, then the real program (as ``app.py`` builds it) syncs her
account. Saved: the conversations with a group chat, a disabled action with
its reason, the MAM tab of Archiving preferences, the account dialog's choice
of archive, and the Settings with the idle gap. Like ``tools/screenshots.py``,
it runs itself again under ``xvfb-run -a`` without a display.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.screenshot_kit import (  # noqa: E402
    OUT,
    choose_contact,
    needs_display,
    private_settings,
    rerun_under_xvfb,
    save,
    start_connected,
)


def main() -> int:
    """Start the server, chat, sync in the real window, save the views."""
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
    translators = install_translators(app, QLocale("en"))  # plural forms, as the program has
    keyring.set_keyring(MemoryKeyring())  # never the user's own keyring
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        private_settings(work)
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        server = ProsodyServer(work / "prosody", mam={})
        server.modules = tuple(m for m in server.modules if m != "archive")
        with server, loop:
            loop.run_until_complete(_live(server, work))
    del translators
    return 0


async def _converse(server: object) -> tuple[str, str, str, str]:
    from archiveviewer.domain import Conference
    from archiveviewer.xmpp.bookmarks import BookmarkService
    from tests.integration.mam_helpers import chat, join, online, say
    from tests.server.prosody import MUC_HOST, ProsodyServer

    assert isinstance(server, ProsodyServer)
    juliet, juliet_pw = server.new_user("juliet")
    romeo, romeo_pw = server.new_user("romeo")
    nurse, nurse_pw = server.new_user("nurse")
    room = f"balcony@{MUC_HOST}"
    async with (
        online(server, juliet, juliet_pw) as j,
        online(server, romeo, romeo_pw) as r,
        online(server, nurse, nurse_pw) as n,
    ):
        await chat(r, juliet, ["But soft, what light through yonder window breaks?"])
        await chat(j, romeo, ["O Romeo, Romeo, wherefore art thou Romeo?"])
        await chat(r, juliet, ["Call me but love, and I'll be new baptized."])
        await chat(n, juliet, ["Madam! Your mother calls."])
        await chat(j, nurse, ["Anon, good nurse!"])
        await join(j, room, "Juliet")
        await join(r, room, "Romeo")
        await join(n, room, "Nurse")
        await say(r, room, ["Lady, by yonder blessed moon I swear"])
        await say(j, room, ["O swear not by the moon, th'inconstant moon"])
        await say(n, room, ["Madam, the day is broke; be wary, look about."])
        await BookmarkService(j.client).save(Conference(room, name="The balcony", nick="Juliet"))
    return juliet, juliet_pw, romeo, room


async def _live(server: object, work: Path) -> None:
    from PySide6.QtWidgets import QToolTip

    from archiveviewer.ui.accounts.dialogs import AccountDialog
    from archiveviewer.ui.settings.dialog import SettingsDialog
    from tests.server.prosody import ProsodyServer

    assert isinstance(server, ProsodyServer)
    juliet, password, romeo, room = await _converse(server)
    program, store = await start_connected(server, juliet, password, work)
    window = program.window
    await asyncio.sleep(0.5)
    choose_contact(window, room)
    await asyncio.sleep(0.5)
    window.collections.setCurrentIndex(window.collection_model.index(0, 0))
    await asyncio.sleep(0.3)
    save(window, "mam-group-chat.png")

    choose_contact(window, romeo)
    await asyncio.sleep(0.5)
    window.collections.setCurrentIndex(window.collection_model.index(0, 0))
    await asyncio.sleep(0.3)
    menu = window.menuBar().actions()[1].menu()  # Conversation
    assert menu is not None
    window.act["add_note"].hover()
    menu.popup(window.mapToGlobal(window.menuBar().geometry().bottomLeft()))
    await asyncio.sleep(0.3)
    menu.setActiveAction(window.act["add_note"])
    where = menu.mapToGlobal(menu.actionGeometry(window.act["add_note"]).center())
    QToolTip.showText(where, window.act["add_note"].toolTip(), menu)
    await asyncio.sleep(0.5)
    _save_screen("mam-disabled-note.png")
    menu.hide()

    window.act["archiving_prefs"].trigger()
    for _ in range(200):
        await asyncio.sleep(0.02)
        dialog = window.prefs_entry.dialog
        if dialog is not None and dialog.mam.default.isEnabled():
            break
    dialog = window.prefs_entry.dialog
    assert dialog is not None
    dialog.mam.jid.setText(romeo)
    await asyncio.sleep(0.3)
    save(dialog, "mam-prefs.png")
    dialog.close()

    account = AccountDialog(window, program.window.accounts.account)
    account.show()
    await asyncio.sleep(0.3)
    save(account, "account-dialog-history.png")
    account.close()
    settings_dialog = SettingsDialog(store, str(work / "data"), window)
    settings_dialog.show()
    await asyncio.sleep(0.3)
    save(settings_dialog, "settings-idle-gap.png")
    settings_dialog.close()
    await program.close()
    window.close()
    window.deleteLater()


def _save_screen(name: str) -> None:
    """The whole screen (menus and tooltips are windows of their own)."""
    from PySide6.QtGui import QGuiApplication

    screen = QGuiApplication.primaryScreen()
    path = OUT / name
    screen.grabWindow(0).copy(0, 0, 1200, 780).save(str(path))
    print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    raise SystemExit(main())
