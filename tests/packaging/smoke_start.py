"""Start the installed program offscreen, check what a user would see first, then quit.

Run with the Python of the installation under test (``tests/packaging/test_wheel.py`` runs it
from a fresh virtual environment). Each further argument is a menu title the window must show
(``tests/packaging/test_translations.py`` passes German ones and sets ``LANG``). Prints
``smoke: ok`` and exits 0, or names what is wrong.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QMainWindow

from archiveviewer import app as program
from archiveviewer.appinfo import APP_ID

problems: list[str] = []


def check() -> None:
    """The window is up, over the sample, with the icon and the desktop entry's id."""
    qt = QApplication.instance()
    assert isinstance(qt, QApplication)
    windows = [w for w in qt.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()]
    if not windows:
        problems.append("no main window is shown")
    banners = [b for w in windows for b in w.findChildren(QFrame, "banner") if b.isVisible()]
    texts = [label.text() for b in banners for label in b.findChildren(QLabel)]
    if not any(texts):  # in whatever language the locale asks for
        problems.append("the sample archive's banner is not shown")
    if qt.windowIcon().isNull():
        problems.append("the application has no icon")
    menus = [action.text() for w in windows for action in w.menuBar().actions()]
    for title in sys.argv[1:]:
        if title not in menus:
            problems.append(f"no menu {title!r} among {menus}")
    if qt.desktopFileName() != APP_ID:
        problems.append(f"the desktop file name is {qt.desktopFileName()!r}, not {APP_ID!r}")
    qt.quit()


def main() -> int:
    """Run the real program until :func:`check` has looked at it."""
    QApplication(sys.argv[:1])
    QTimer.singleShot(1500, check)
    status = program.main([])
    if problems:
        print("smoke: " + "; ".join(problems))
        return 1
    print(f"smoke: ok, from {program.__file__}")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
