"""The window's "Upgrading the local copy" dialog, before the window or an account opens.

The upgrade runs on a Qt pool thread (``threads.QtExecutor``, so that its
signals reach the dialog dependably) while a progress dialog, with a nested
Qt loop (nothing else runs yet at that point), shows how far it got.
"Stop and quit" ends it after the batch being written; nothing is lost and
the next start goes on from there.
"""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QProgressDialog, QWidget

from archiveviewer.errors import KnownError
from archiveviewer.ui.threads import QtExecutor

#: ``work(progress, should_stop)``: True when done, False when it stopped as asked.
UpgradeWork = Callable[[Callable[[int, int], None], Callable[[], bool]], bool]
#: The same, awaited (it runs on the worker and calls ``progress`` there).
AsyncUpgradeWork = Callable[[Callable[[int, int], None], Callable[[], bool]], Awaitable[bool]]


class _Relay(QObject):
    """Carries the upgrade thread's news to the UI thread (queued signals)."""

    progressed = Signal(int, int)
    finished = Signal()


def _dialog(
    about: str, stop_text: str, parent: QWidget | None
) -> tuple[QProgressDialog, Callable[[int, int], None], threading.Event]:
    """The progress dialog, what shows (done, total) in it, and the event its button sets."""
    dialog = QProgressDialog(parent)
    dialog.setObjectName("upgrade")
    dialog.setWindowTitle(QCoreApplication.translate("Upgrade", "Upgrading the local copy"))
    label = QLabel(dialog)
    label.setWordWrap(True)  # a paragraph, not one line as wide as the screen
    dialog.setLabel(label)
    dialog.setLabelText(about)
    dialog.setMinimumWidth(460)
    dialog.setCancelButtonText(stop_text)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumDuration(0)
    dialog.setRange(0, 0)
    stop = threading.Event()

    def progressed(done: int, total: int) -> None:
        dialog.setRange(0, total)
        dialog.setValue(done)
        if not stop.is_set():
            counted = QCoreApplication.translate("Upgrade", "%1 of %2 indexed.")
            dialog.setLabelText(
                f"{about}\n\n" + counted.replace("%1", f"{done:,}").replace("%2", f"{total:,}")
            )

    def stopping() -> None:
        stop.set()
        dialog.setLabelText(
            QCoreApplication.translate("Upgrade", "Stopping when this batch is written…")
        )

    dialog.canceled.connect(stopping)
    return dialog, progressed, stop


def upgrade_with_progress(work: UpgradeWork, account: str, parent: QWidget | None = None) -> bool:
    """Run ``work`` while a dialog shows its progress; False if the user stopped it.

    A failure of ``work`` is left for the caller's own opening of the copy to
    meet and report, as it would without the dialog.
    """
    about = QCoreApplication.translate(
        "Upgrade",
        "The local copy of %1 gets a faster search index. This happens once; if you stop, "
        "it goes on from where it stopped at the next start.",
    ).replace("%1", account)
    stop_text = QCoreApplication.translate("Upgrade", "Stop and quit")
    dialog, progressed, stop = _dialog(about, stop_text, parent)
    relay = _Relay()
    outcome: list[bool] = []

    def run() -> None:
        try:
            outcome.append(work(relay.progressed.emit, stop.is_set))
        except Exception:  # opening the copy afterwards meets it and says it
            outcome.append(True)
        relay.finished.emit()

    relay.progressed.connect(progressed)
    loop = QEventLoop()
    relay.finished.connect(loop.quit)
    pool = QtExecutor(1)
    dialog.show()
    running = pool.submit(run)
    loop.exec()
    running.result()
    pool.shutdown()
    dialog.close()
    dialog.deleteLater()
    return outcome[0]


async def upgrade_before_opening(work: AsyncUpgradeWork, account: str, parent: QWidget) -> bool:
    """Await ``work`` (on the worker) while a window-modal dialog shows its progress.

    For an account opened while the window runs (a switch of account): False
    if the user stopped it, and the account shown before stays. A failure with
    a sentence is left for the opening of the copy, which meets and says it.
    """
    about = QCoreApplication.translate(
        "Upgrade",
        "The local copy of %1 gets a faster search index before it opens. This happens "
        "once; if you stop, it goes on from where it stopped the next time you open it.",
    ).replace("%1", account)
    dialog, progressed, stop = _dialog(about, QCoreApplication.translate("Upgrade", "Stop"), parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    relay = _Relay()
    relay.progressed.connect(progressed)  # emitted on the worker, shown on this thread
    dialog.show()
    try:
        return await work(relay.progressed.emit, stop.is_set)
    except KnownError:
        return True
    finally:
        dialog.close()
        dialog.deleteLater()
