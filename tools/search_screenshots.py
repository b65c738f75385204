"""Save PNGs of search results into docs/screenshots/search-*.png, under Xvfb.

    .venv/bin/python tools/search_screenshots.py [LARGE_REPLICA]

The sample as on first start (a throw-away replica) with the README's
``"good night"``, the same narrow, the notes filter, and, given a replica file
(e.g. the one ``tests/benchmarks/bench_window.py --keep FILE`` builds), a large
archive whose total arrives after the first page.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.screenshot_kit import needs_display, private_settings, rerun_under_xvfb, save  # noqa: E402


def main() -> int:
    if needs_display():
        return rerun_under_xvfb(__file__, *sys.argv[1:])
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from archiveviewer.ui.i18n import install_translators

    app = QApplication(sys.argv)
    install_translators(app, QLocale(QLocale.Language.English))
    with tempfile.TemporaryDirectory() as folder:
        private_settings(Path(folder))
        _sample(app)
        if len(sys.argv) > 1:
            _large(app, Path(sys.argv[1]), Path(folder))
    return 0


def _settle(app: object, until: object = None, rounds: int = 300) -> None:
    from PySide6.QtCore import QThread

    for _ in range(rounds):
        app.processEvents()  # type: ignore[attr-defined]
        QThread.msleep(10)
        if until is not None and until():  # type: ignore[operator]
            for _ in range(10):
                app.processEvents()  # type: ignore[attr-defined]
            return


def _search(app: object, window: object, text: str) -> None:
    panel = window.search  # type: ignore[attr-defined]
    window.focus_search()  # type: ignore[attr-defined]
    panel.field.setText(text)
    panel.run()
    _settle(app, lambda: not panel.busy)


def _open_first(app: object, window: object) -> None:
    panel = window.search  # type: ignore[attr-defined]
    first = panel.model.index(0, 0)
    panel.results.setCurrentIndex(first)
    panel.results.activated.emit(first)
    _settle(app, rounds=20)
    panel.results.setFocus()


def _sample(app: object) -> None:
    from archiveviewer.app import build_program

    program = build_program()
    window = program.window
    window.resize(1200, 780)
    window.show()
    _settle(app, lambda: not window.loading)
    _search(app, window, '"good night"')
    _open_first(app, window)
    _settle(app, rounds=50)
    save(window, "search-sample.png")
    window.resize(720, 640)
    _settle(app, rounds=20)
    save(window, "search-narrow.png")
    window.resize(1200, 780)
    window.search.scope.setCurrentIndex(window.search.scope.findText("Notes"))
    _search(app, window, "Juliet OR friar")
    save(window, "search-notes.png")
    window.close()


def _large(app: object, path: Path, folder: Path) -> None:
    from PySide6.QtCore import QSettings

    from archiveviewer.formats.text import export_text
    from archiveviewer.services.replica_reader import ReplicaReader
    from archiveviewer.store import Replica
    from archiveviewer.ui.messages import MessageBridge
    from archiveviewer.ui.settings import Settings
    from archiveviewer.ui.window import MainWindow

    with Replica(path) as replica:
        reader = ReplicaReader(replica)
        store = Settings(QSettings(str(folder / "large.ini"), QSettings.Format.IniFormat))
        window = MainWindow(
            reader, None, MessageBridge(), store, sample=False, conversation_text=export_text
        )
        window.resize(1200, 780)
        window.show()
        _settle(app, lambda: not window.loading)
        _search(app, window, "hello")
        window.search.results.scrollToBottom()  # the next pages load as the list scrolls
        _settle(app, lambda: not window.search.busy)
        _open_first(app, window)
        save(window, "search-large.png")
        window.close()
        reader.close()


if __name__ == "__main__":
    raise SystemExit(main())
