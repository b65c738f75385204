"""Save PNGs of the archive-file views into docs/screenshots/ (issue #17), under Xvfb.

    .venv/bin/python tools/screenshots_files.py

The export dialog, an opened XEP-0227 export, the restore preview and the
trash (wide and narrow), built as the program builds them over the sample
archive and a throw-away local copy.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.screenshot_kit import OUT, needs_display, private_settings, rerun_under_xvfb  # noqa: E402


def main() -> int:
    if needs_display():
        return rerun_under_xvfb(__file__, screen="1280x800x24")
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from archiveviewer.ui.i18n import install_translators

    app = QApplication(sys.argv)
    install_translators(app, QLocale(os.environ.get("SCREENSHOT_LOCALE", "en")))
    with tempfile.TemporaryDirectory() as work:
        private_settings(Path(work))
        _shoot(app, Path(work))
    return 0


def _save(widget: object, name: str) -> None:
    from PySide6.QtWidgets import QApplication, QWidget

    locale = os.environ.get("SCREENSHOT_LOCALE", "en")
    if locale != "en":
        name = name.replace(".png", f"-{locale}.png")

    assert isinstance(widget, QWidget)
    for _ in range(20):
        QApplication.processEvents()
    OUT.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(OUT / name))
    print("wrote", OUT / name)


def _shoot(app: object, work: Path) -> None:
    from PySide6.QtCore import QSettings

    from archiveviewer.app import load_sample_archive
    from archiveviewer.domain import Collection, CollectionId, Direction, Message
    from archiveviewer.formats.conversations import archived_messages
    from archiveviewer.formats.sample import SAMPLE_OWNER
    from archiveviewer.formats.text import export_text
    from archiveviewer.formats.xep0227 import PortableAccount, RosterItem, write_account
    from archiveviewer.ports.files import OpenedFile
    from archiveviewer.ports.restore import Change, RestoreItem, RestorePreview
    from archiveviewer.services.connection import Connection
    from archiveviewer.services.files import open_archive_file
    from archiveviewer.services.memory import MemoryArchive
    from archiveviewer.services.replica_reader import ReplicaReader
    from archiveviewer.services.trash import TrashCommands
    from archiveviewer.services.worker import Worker
    from archiveviewer.store import Replica
    from archiveviewer.ui.files.dialog import ExportDialog
    from archiveviewer.ui.files.restore import RestoreDialog
    from archiveviewer.ui.messages import MessageBridge
    from archiveviewer.ui.settings import Settings
    from archiveviewer.ui.trash.dialog import TrashDialog
    from archiveviewer.ui.window import MainWindow

    collections, roster = load_sample_archive()
    store = Settings(QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(
        MemoryArchive(collections, roster), None, MessageBridge(), store,
        sample=True, conversation_text=export_text, owner=SAMPLE_OWNER,
    )  # fmt: skip
    window.resize(1100, 700)
    window.show()

    export = ExportDialog(
        window, selected=(), contact=("juliet@capulet.example", "Juliet"), folder=Path.home(),
        name_for=lambda f, c: f"{SAMPLE_OWNER}-{c or 'all'}-2026-12-01.html",
    )  # fmt: skip
    export.show()
    _save(export, "export-dialog.png")
    export.close()

    export_file = work / "export.xml"
    account = PortableAccount(
        SAMPLE_OWNER,
        roster=tuple(RosterItem(c.jid, c.name, c.groups, "both") for c in roster),
        private=(
            "<storage xmlns='storage:bookmarks'><conference jid='verona@conference.capulet."
            "example' name='Verona'/></storage>",
        ),
        archive=tuple(archived_messages(collections[:6], SAMPLE_OWNER)),
    )
    write_account(account, export_file)
    opened = open_archive_file(export_file, work / "opened.sqlite3")
    replica = Replica(opened.replica_path)
    window.show_file(OpenedFile(ReplicaReader(replica, opened.roster), "export.xml", opened.roster))
    for _ in range(50):
        app.processEvents()  # type: ignore[attr-defined]
    _save(window, "opened-xep0227.png")

    preview = RestorePreview(export_file, SAMPLE_OWNER, (
        RestoreItem("bookmark", "verona@conference.capulet.example", Change.UPDATE, "Verona"),
        RestoreItem("bookmark", "mantua@conference.capulet.example", Change.ADD, "Mantua"),
        RestoreItem("bookmark", "friary@conference.capulet.example", Change.UNCHANGED),
        RestoreItem("private", "exodus:prefs", Change.DIFFERS),
        RestoreItem("private", "urn:example:notes", Change.ADD),
        RestoreItem("private", "jabber:iq:roster", Change.REFUSED, "a reserved namespace"),
    ))  # fmt: skip
    restore = RestoreDialog(window, preview)
    restore.show()
    _save(restore, "restore-preview.png")
    restore.close()

    worker = Worker()
    with Replica(work / "account.sqlite3") as account_copy:
        now = datetime.now(UTC)
        for n, collection in enumerate(collections[:5]):
            account_copy.replace_collection(collection)
            if n == 1:  # another client removed this one: a sync found it gone
                account_copy.apply([], [collection.id], cursor="")
                continue
            account_copy.move_to_trash(collection.id, now - timedelta(days=3 * n, hours=n))
        secret = Collection(CollectionId(now - timedelta(days=40), "nurse@capulet.example"),
                            subject="The friar's plan", items=(
            Message(Direction.FROM, now - timedelta(days=40), "Hie you to church."),
        ))  # fmt: skip
        account_copy.replace_collection(secret)
        account_copy.move_to_trash(secret.id, now - timedelta(days=1))
        view = TrashCommands(account_copy, Connection(), worker).read()
        names = {c.jid: c.name for c in roster if c.name}
        trash = TrashDialog(window, None, lambda jid: names.get(jid.split("/")[0], jid))
        trash.show_view(view)
        trash.show()
        _save(trash, "trash.png")
        trash.resize(480, 420)
        _save(trash, "trash-narrow.png")
        trash.close()
    worker.shutdown()
    replica.close()


if __name__ == "__main__":
    raise SystemExit(main())
