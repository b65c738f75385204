"""Save PNGs of the Bookmarks window and the Private XML inspector into docs/screenshots/.

    .venv/bin/python tools/bookmark_screenshots.py
    LANG=de_DE.UTF-8 .venv/bin/python tools/bookmark_screenshots.py   # bookmarks-de.png …

Runs itself under ``xvfb-run -a`` without a display; speaks the locale's language
(outside English the files are named with it: ``bookmarks-de.png``). A throw-away Prosody
without mod_bookmarks (so that homes can disagree) gets a fresh account whose
bookmarks are written by hand into each home, as other clients would.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.screenshot_kit import needs_display, private_settings, rerun_under_xvfb, save  # noqa: E402

NATIVE = """<pubsub xmlns='http://jabber.org/protocol/pubsub'>
  <publish node='urn:xmpp:bookmarks:1'><item id='{jid}'>
    <conference xmlns='urn:xmpp:bookmarks:1' name='{name}' autojoin='true'>
      <nick>{nick}</nick>{extensions}</conference></item></publish>
  <publish-options><x xmlns='jabber:x:data' type='submit'>
    <field var='FORM_TYPE' type='hidden'>
      <value>http://jabber.org/protocol/pubsub#publish-options</value></field>
    <field var='pubsub#persist_items'><value>true</value></field>
    <field var='pubsub#access_model'><value>whitelist</value></field>
    <field var='pubsub#max_items'><value>max</value></field>
    <field var='pubsub#send_last_published_item'><value>never</value></field>
  </x></publish-options></pubsub>"""
PRIVATE = """<query xmlns='jabber:iq:private'><storage xmlns='storage:bookmarks'>
  <conference jid='council@muc.example.org' name='Council' autojoin='true'>
    <nick>ophelia</nick><password>rosemary</password></conference>
  <conference jid='players@muc.example.org' name='The players'><nick>hamlet</nick></conference>
  <url url='https://shakespeare.example/hamlet' name='The play'/>
</storage></query>"""
EXTENSIONS = "<extensions><state xmlns='urn:example:other-client'>pinned</state></extensions>"


def main() -> int:
    """Start the server, seed the bookmarks, and save one PNG per view."""
    if needs_display():
        return rerun_under_xvfb(__file__)
    import qasync
    from PySide6.QtWidgets import QApplication

    from archiveviewer.ui.i18n import install_translators
    from tests.server.prosody import ProsodyServer

    app = QApplication(sys.argv)
    install_translators(app)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with tempfile.TemporaryDirectory() as work:
        private_settings(Path(work))
        server = ProsodyServer(Path(work) / "prosody")
        server.modules = tuple(m for m in server.modules if m != "bookmarks")
        with server, loop:
            loop.run_until_complete(_shoot(app, server, Path(work)))
    return 0


async def _shoot(app: Any, server: Any, work: Path) -> None:
    from PySide6.QtCore import QLocale, QSettings

    from archiveviewer.protocol.untrusted_xml import parse_untrusted
    from archiveviewer.services.bookmarks import BookmarkCommands
    from archiveviewer.services.connection import Connection
    from archiveviewer.services.private_xml import PrivateXmlCommands
    from archiveviewer.ui.bookmarks.dialog import BookmarkDialog
    from archiveviewer.ui.bookmarks.window import BookmarksWindow
    from archiveviewer.ui.messages import MessageBridge
    from archiveviewer.ui.private_xml.inspector import PrivateXmlInspector
    from archiveviewer.ui.settings import Settings
    from archiveviewer.xmpp import iq
    from archiveviewer.xmpp.session import AccountSession, AccountSettings

    jid, password = server.new_user("hamlet")
    session = AccountSession(
        AccountSettings(
            jid=jid, password=password, host="127.0.0.1", port=server.port, ca_certs=server.ca_cert
        )
    )
    await session.connect()
    client = session.client
    for room, name, nick, extensions in (
        ("council@muc.example.org", "Council", "hamlet", EXTENSIONS),
        ("elsinore@muc.example.org", "Elsinore watch", "hamlet", ""),
    ):
        payload = NATIVE.format(jid=room, name=name, nick=nick, extensions=extensions)
        await iq.send(client, "set", parse_untrusted(payload), timeout=10, sentence=str)
    await iq.send(client, "set", parse_untrusted(PRIVATE), timeout=10, sentence=str)
    connection = Connection()
    connection.network = session
    settings = Settings(QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat))
    window = BookmarksWindow(BookmarkCommands(connection), MessageBridge(), settings)
    window.show()
    window.show_view(await window.editor.load())
    language = QLocale().name().partition("_")[0]
    english = language in ("en", "C")
    await _settle(app)
    if english:
        save(window, "bookmarks-list.png")
    window.select("council@muc.example.org")
    await _settle(app)
    save(window, "bookmarks-divergence.png" if english else f"bookmarks-{language}.png")
    suffix = "" if english else f"-{language}"
    row = window.selected()
    assert row is not None
    title = window.tr("Edit bookmark")
    dialog = BookmarkDialog(window.editor.check, row.bookmark, title=title, parent=window)
    dialog.show()
    await _settle(app)
    save(dialog, f"bookmark-edit-dialog{suffix}.png")
    dialog.reject()
    inspector = PrivateXmlInspector(PrivateXmlCommands(connection), MessageBridge(), settings)
    inspector.show()
    inspector.namespaces.setCurrentRow(0)
    for _ in range(50):
        await asyncio.sleep(0.1)
        if inspector.text.toPlainText():
            break
    await _settle(app)
    save(inspector, f"private-xml-inspector{suffix}.png")
    await session.disconnect()


async def _settle(app: Any) -> None:
    for _ in range(5):
        app.processEvents()
        await asyncio.sleep(0.05)


if __name__ == "__main__":
    raise SystemExit(main())
