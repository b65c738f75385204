"""The desktop entry, the AppStream metainfo and the icon: valid, consistent, installable."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from archiveviewer.appinfo import (
    APP_ID,
    ICON_SIZES,
    desktop_file,
    metainfo_file,
    scalable_icon,
    sized_icon,
)
from archiveviewer.protocol.safexml import parse_xml
from archiveviewer.services import desktop

ROOT = Path(__file__).resolve().parents[2]


def run(*command: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(c) for c in command], capture_output=True, text=True, check=False)


def test_the_desktop_entry_passes_desktop_file_validate() -> None:
    result = run("desktop-file-validate", desktop_file())
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ""  # not even a hint


def test_the_metainfo_passes_appstreamcli_validate() -> None:
    result = run("appstreamcli", "validate", "--no-net", metainfo_file())
    assert result.returncode == 0, result.stdout + result.stderr


def test_packaging_holds_the_same_files_that_the_package_ships() -> None:
    for shipped in (desktop_file(), metainfo_file()):
        in_packaging = ROOT / "packaging" / shipped.name
        assert in_packaging.read_bytes() == shipped.read_bytes()


def test_one_application_id_names_the_entry_the_metainfo_and_the_icon() -> None:
    entry = dict(
        line.split("=", 1) for line in desktop_file().read_text().splitlines() if "=" in line
    )
    assert entry["Icon"] == APP_ID
    assert desktop_file().name == f"{APP_ID}.desktop"
    component = parse_xml(metainfo_file().read_bytes())
    assert component.findtext("id") == APP_ID
    assert component.findtext("launchable") == desktop_file().name
    assert scalable_icon().name == f"{APP_ID}.svg"


def test_every_screenshot_the_metainfo_shows_is_one_the_project_keeps() -> None:
    component = parse_xml(metainfo_file().read_bytes())
    images = [image.text or "" for image in component.iter("image")]
    assert images
    for url in images:
        assert url.startswith("https://")
        assert (ROOT / "docs" / "screenshots" / url.rsplit("/", 1)[-1]).is_file(), url


@pytest.mark.parametrize("size", ICON_SIZES)
def test_each_rendered_icon_is_a_png_of_its_size(size: int) -> None:
    header = sized_icon(size).read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (size, size)


def test_install_desktop_entry_puts_a_valid_entry_that_starts_this_installation(
    tmp_path: Path,
) -> None:
    home = tmp_path / "data home"  # a space, as in real user names
    env = {**os.environ, "XDG_DATA_HOME": str(home)}
    installed = subprocess.run(
        [sys.executable, "-m", "archiveviewer", "--install-desktop-entry"],
        capture_output=True, text=True, env=env, check=False,
    )
    assert installed.returncode == 0, installed.stderr
    entry = home / "applications" / f"{APP_ID}.desktop"
    assert str(entry) in installed.stdout
    assert run("desktop-file-validate", entry).returncode == 0
    exec_line = next(x for x in entry.read_text().splitlines() if x.startswith("Exec="))
    assert "archiveviewer" in exec_line
    for path in desktop.installed_files(home):
        assert path.is_file(), path
    assert (home / "icons/hicolor/48x48/apps" / f"{APP_ID}.png").read_bytes() == (
        sized_icon(48).read_bytes()
    )

    removed = subprocess.run(
        [sys.executable, "-m", "archiveviewer", "--uninstall-desktop-entry"],
        capture_output=True, text=True, env=env, check=False,
    )
    assert removed.returncode == 0, removed.stderr
    assert not any(path.exists() for path in desktop.installed_files(home))


def test_an_exec_path_with_spaces_is_quoted_as_the_specification_asks(tmp_path: Path) -> None:
    launcher = desktop._quoted("/opt/My Programs/bin/archiveviewer")
    assert launcher == '"/opt/My Programs/bin/archiveviewer"'
    [entry, *_] = desktop.install_desktop_entry(tmp_path, launcher)
    assert run("desktop-file-validate", entry).returncode == 0


def test_an_unwritable_data_folder_is_a_sentence_not_a_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "file, not a folder"
    blocker.write_text("")
    env = {**os.environ, "XDG_DATA_HOME": str(blocker)}
    result = subprocess.run(
        [sys.executable, "-m", "archiveviewer", "--install-desktop-entry"],
        capture_output=True, text=True, env=env, check=False,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("archiveviewer: The menu entry could not be written")
    assert "Traceback" not in result.stderr
