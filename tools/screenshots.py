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
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)
        _shoot(app)
    return 0


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
    from archiveviewer.ui.account import AccountDialog, CertificateDialog

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
    window.close()


if __name__ == "__main__":
    raise SystemExit(main())
