"""Asking the user something, awaited without blocking the event loop.

:func:`ask` opens a dialog window-modally with ``open()`` (never ``exec()``,
which would start a nested loop) and waits for it to finish, so the
qasync loop and every running task keep going meanwhile.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMessageBox,
    QWidget,
)


async def ask(dialog: QDialog) -> int:
    """Open ``dialog`` window-modally and return its result code when it closes."""
    future: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    def done(result: int) -> None:
        if not future.done():
            future.set_result(result)

    dialog.finished.connect(done)
    dialog.open()
    try:
        return await future
    finally:
        dialog.finished.disconnect(done)
        dialog.deleteLater()


async def confirm(parent: QWidget, title: str, text: str, accept_label: str) -> bool:
    """A warning with ``accept_label`` and Cancel (the default); True if accepted."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, parent
    )
    box.setObjectName("confirm")
    yes = box.addButton(accept_label, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    await ask(box)
    return box.clickedButton() is yes


async def inform(parent: QWidget, title: str, text: str) -> None:
    """Tell the user something that needs reading (more than a status-bar line); wait for OK."""
    box = QMessageBox(
        QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent
    )
    box.setObjectName("inform")
    await ask(box)


async def ask_text(
    parent: QWidget, title: str, label: str, text: str, multiline: bool
) -> str | None:
    """A line (or a paragraph) of text from the user; None if cancelled."""
    dialog = QInputDialog(parent)
    dialog.setObjectName("askText")
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    for shown in dialog.findChildren(QLabel):  # a long sentence wraps, inside the screen
        shown.setWordWrap(True)
    dialog.setTextValue(text)
    dialog.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput, multiline)
    value = dialog.textValue
    result = await ask(dialog)
    return value() if result == QDialog.DialogCode.Accepted else None


async def ask_existing_file(
    parent: QWidget, title: str, folder: Path, name_filter: str, object_name: str
) -> Path | None:
    """A file the user picks to read, starting in ``folder``; None if cancelled.

    Qt's own dialog (not the desktop's), so it behaves the same everywhere and in tests.
    """
    dialog = QFileDialog(parent, title, str(folder))
    dialog.setObjectName(object_name)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setNameFilter(name_filter)
    files = dialog.selectedFiles
    if await ask(dialog) != QFileDialog.DialogCode.Accepted or not files():
        return None
    return Path(files()[0])
