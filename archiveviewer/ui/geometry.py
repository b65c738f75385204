"""The window's size, toolbar state and splitter positions, kept from one run to the next."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QMainWindow, QSplitter

from archiveviewer.ui import settings
from archiveviewer.ui.settings import Settings

#: (splitter, the setting that keeps its position)
Splitters = Sequence[tuple[QSplitter, settings.Setting[Any]]]


def restore_layout(window: QMainWindow, splitters: Splitters, store: Settings) -> None:
    """Give the window and its splitters the layout of the last run (a default size at first)."""
    geometry = store.get(settings.WINDOW_GEOMETRY)
    if geometry.isEmpty():
        window.resize(1100, 720)
    else:
        window.restoreGeometry(geometry)
    window.restoreState(store.get(settings.WINDOW_STATE))
    for splitter, setting in splitters:
        splitter.restoreState(store.get(setting))


def save_layout(window: QMainWindow, splitters: Splitters, store: Settings) -> None:
    """Remember geometry, toolbar state and splitter positions."""
    store.set(settings.WINDOW_GEOMETRY, window.saveGeometry())
    store.set(settings.WINDOW_STATE, window.saveState())
    for splitter, setting in splitters:
        store.set(setting, splitter.saveState())
    store.sync()
