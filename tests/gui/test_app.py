"""The composition root builds the window over the sample archive."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from archiveviewer import __version__
from archiveviewer.app import build_window
from archiveviewer.ui.accounts.banner import SAMPLE_BANNER


def test_version_needs_no_display() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run(
        [sys.executable, "-m", "archiveviewer", "--version"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout.strip() == f"archiveviewer {__version__}"


@pytest.fixture
def user_settings_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the user's QSettings and data folders at a temporary folder for the test."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    yield tmp_path
    QSettings.setDefaultFormat(QSettings.Format.NativeFormat)


def test_first_start_shows_the_sample_read_only(
    qtbot: QtBot, user_settings_in: Path, event_loop_qt: object
) -> None:
    window = build_window()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.loading)
    assert window.banner.isVisible()
    assert window.banner_label.text() == SAMPLE_BANNER
    assert window.read_only
    assert window.collection_model.rowCount() > 0
    model = window.contact_model
    labels = [model.contact(row).label for row in range(model.rowCount())]
    # Roster names where Romeo has given one, bare JIDs for strangers, and the groupchat room.
    assert {"Juliet", "Nurse", "Friar Laurence"} <= set(labels)
    assert "balthasar@montague.lit" in labels
    assert "square@conference.verona.lit" in labels


def test_the_sample_is_the_shipped_archive_file(
    qtbot: QtBot, user_settings_in: Path, event_loop_qt: object
) -> None:
    """What the window opens is resources/sample-archive.xml itself, every collection of it."""
    from archiveviewer.formats.xep0136_file import read_archive

    shipped = read_archive(Path(__file__).parents[2] / "resources" / "sample-archive.xml")
    window = build_window()
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: not window.loading)
    window.open_collection(shipped[0].id)
    qtbot.waitUntil(lambda: not window.loading)  # read in the background
    opened = window.pane.collection
    assert opened is not None
    assert opened.items == shipped[0].items
    model = window.contact_model
    assert sum(model.contact(row).collections for row in range(model.rowCount())) == len(shipped)


def test_without_an_account_the_bookmark_menus_say_to_add_one(
    qtbot: QtBot, user_settings_in: Path, event_loop_qt: object
) -> None:
    from archiveviewer.app import build_program

    program = build_program()
    window = program.window
    qtbot.addWidget(window)
    titles = [a.text() for a in window.menuBar().actions()]
    assert "&Tools" in titles
    assert "A&dvanced" in titles
    shown: list[str] = []
    window.bridge.errorShown.connect(lambda text, _details: shown.append(text))
    assert program.menus is not None
    program.menus.open_bookmarks.trigger()
    program.menus.open_private.trigger()
    assert shown == ["Add your account first: bookmarks are kept on your server."] * 2
