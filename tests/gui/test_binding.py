"""The Qt binding keeps Python's reference counts right (a broken one crashes the program)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QLabel


def test_methods_returning_nothing_do_not_drop_references_to_none(qapp: QApplication) -> None:
    # PySide6 6.12.0 on Python 3.11 (where None is not immortal) loses one
    # reference to None per call; qasync's loop makes such calls every turn,
    # and the interpreter aborts with "deallocating None" within minutes.
    label, timer = QLabel(), QTimer()
    before = sys.getrefcount(None)
    for _ in range(1000):
        label.setText("x")
        timer.start(1000)
        QCoreApplication.sendPostedEvents()
    timer.stop()
    assert sys.getrefcount(None) - before > -100
