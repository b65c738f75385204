"""Save PNGs of the Archiving preferences dialog into docs/screenshots/, under Xvfb.

    .venv/bin/python tools/screenshots_prefs.py

A throw-away Prosody (our XEP-0136 module, ``urn:xmpp:archive``) holds a few
preferences; the dialog is the real one over the real service. Without a
display it runs itself again under ``xvfb-run -a``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.screenshot_kit import OUT, needs_display, rerun_under_xvfb  # noqa: E402


def main() -> int:
    """Fill the preferences of a new account, then save one PNG per view of the dialog."""
    if needs_display():
        return rerun_under_xvfb(__file__)
    import asyncio

    import qasync
    from PySide6.QtWidgets import QApplication

    from tests.server.prosody import ProsodyServer

    app = QApplication(sys.argv)
    app.setQuitOnLastWindowClosed(False)  # closing the dialog must not stop the loop
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with tempfile.TemporaryDirectory() as work, ProsodyServer(Path(work)) as server, loop:
        loop.run_until_complete(_shoot(app, server))
    return 0


async def _shoot(app: object, server: object) -> None:
    import asyncio

    from archiveviewer.domain import Dialect, MethodUse, OtrMode, SaveMode, SaveRule
    from archiveviewer.services.connection import Connection
    from archiveviewer.services.prefs import PrefsService
    from archiveviewer.ui.prefs import PrefsDialog
    from archiveviewer.xmpp.session import AccountSession, AccountSettings

    jid, password = server.new_user("juliet")  # type: ignore[attr-defined]
    settings = AccountSettings(
        jid=jid,
        password=password,
        host="127.0.0.1",
        port=server.port,  # type: ignore[attr-defined]
        ca_certs=server.ca_cert,  # type: ignore[attr-defined]
        reconnect_delays=(),
    )
    session = AccountSession(settings)
    await session.connect()
    await session.archive.discover(prefer=Dialect.URN)
    connection = Connection()
    connection.network = session
    service = PrefsService(connection)
    await service.save_item(SaveRule(SaveMode.FALSE, OtrMode.REQUIRE, jid="romeo@montague.net"))
    await service.save_item(
        SaveRule(SaveMode.BODY, OtrMode.FORBID, jid="benvolio@montague.net", expire=630720000)
    )
    await service.save_item(
        SaveRule(SaveMode.BODY, OtrMode.PREFER, jid="capulet.com", exactmatch=True)
    )
    await service.save_methods(
        (("auto", MethodUse.CONCEDE), ("local", MethodUse.FORBID), ("manual", MethodUse.PREFER))
    )
    dialog = PrefsDialog(service)
    await dialog.load()
    dialog.show()
    await asyncio.sleep(0.3)

    def save(name: str) -> None:
        for _ in range(20):
            app.processEvents()  # type: ignore[attr-defined]
        OUT.mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(OUT / name))
        print(OUT / name)

    save("prefs-default.png")  # the server's default, never chosen: shown as such
    dialog.tabs.setCurrentWidget(dialog.items)
    dialog.items.select("benvolio@montague.net")
    dialog.policy_jid.setEditText("benvolio@montague.net/verona")
    save("prefs-items.png")
    dialog.tabs.setCurrentWidget(dialog.methods)
    dialog.policy_jid.setEditText("nurse@capulet.com")
    save("prefs-methods.png")
    dialog.tabs.setCurrentWidget(dialog.items)
    dialog.items.select("capulet.com")
    dialog.policy_jid.setEditText("capulet.com")
    save("prefs-effective-policy.png")
    dialog.tabs.setCurrentIndex(0)
    dialog.default.save.choose(SaveMode.MESSAGE)
    dialog.default.otr.choose(OtrMode.REQUIRE)
    dialog.default.expire.unit.setCurrentIndex(dialog.default.expire.unit.findData("seconds"))
    dialog.default.expire.amount.setValue(0.5)
    dialog.policy_jid.setEditText("")
    save("prefs-refused.png")
    dialog.close()
    await session.disconnect()


if __name__ == "__main__":
    raise SystemExit(main())
