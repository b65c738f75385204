"""The window's layout: its panes in splitters, and their sizes kept from one run to the next."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMainWindow, QSplitter, QTabWidget, QVBoxLayout, QWidget

from archiveviewer.ui import settings
from archiveviewer.ui.accounts.banner import SampleBanner
from archiveviewer.ui.settings import Settings

#: (splitter, the setting that keeps its position)
Splitters = Sequence[tuple[QSplitter, settings.Setting[Any]]]


class MainLayout:
    """The sample banner over contacts and dates (left) beside the list or search above the
    conversation (right); ``central`` holds it all."""

    def __init__(self, browser: Any, search: QWidget, pane: QWidget) -> None:
        self.banner = SampleBanner()
        self.left = _splitter(Qt.Orientation.Vertical, "leftSplitter")
        self.left.addWidget(browser.contacts_panel)
        self.left.addWidget(browser.dates_panel)
        self.left.setStretchFactor(0, 3)
        self.left.setStretchFactor(1, 2)
        self.tabs = QTabWidget()
        # The tabs keep the window's translation context.
        self.tabs.addTab(
            browser.collections, QCoreApplication.translate("MainWindow", "&Conversations")
        )
        self.tabs.addTab(search, QCoreApplication.translate("MainWindow", "Searc&h"))
        self.right = _splitter(Qt.Orientation.Vertical, "rightSplitter")
        self.right.addWidget(self.tabs)
        self.right.addWidget(pane)
        self.right.setSizes([300, 400])
        self.splitter = _splitter(Qt.Orientation.Horizontal, "mainSplitter")
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([280, 720])
        self.central = QWidget()
        layout = QVBoxLayout(self.central)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)


def _splitter(orientation: Qt.Orientation, name: str) -> QSplitter:
    splitter = QSplitter(orientation)
    splitter.setObjectName(name)
    return splitter


def chain_tab_order(widgets: Sequence[QWidget]) -> None:
    """Tab moves through ``widgets`` in this order."""
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)


def splitters_of(main: QSplitter, left: QSplitter, right: QSplitter) -> Splitters:
    """The window's splitters with the settings that keep their positions."""
    return [
        (main, settings.MAIN_SPLITTER),
        (left, settings.LEFT_SPLITTER),
        (right, settings.RIGHT_SPLITTER),
    ]


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
