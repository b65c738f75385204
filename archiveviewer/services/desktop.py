"""Put the program into the user's desktop menu: desktop entry, icons and metainfo.

``archiveviewer --install-desktop-entry`` copies the shipped files into the user's
XDG data folder (``$XDG_DATA_HOME``, usually ``~/.local/share``), where desktops
look for menu entries (``applications/``), icons (``icons/hicolor/``) and AppStream
metainfo (``metainfo/``). The entry starts the very installation that wrote it, so a
program installed in a virtual environment starts from the menu too.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from archiveviewer.appinfo import (
    APP_ID,
    ICON_SIZES,
    desktop_file,
    metainfo_file,
    scalable_icon,
    sized_icon,
)
from archiveviewer.errors import KnownError


def user_data_home() -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share`` when it is unset or not absolute."""
    value = os.environ.get("XDG_DATA_HOME", "")
    if value and Path(value).is_absolute():
        return Path(value)
    return Path.home() / ".local" / "share"


def launcher_command() -> str:
    """The ``Exec`` command that starts this installation of archiveviewer."""
    beside = Path(sys.executable).with_name("archiveviewer")
    if beside.is_file() and os.access(beside, os.X_OK):
        return _quoted(str(beside))
    found = shutil.which("archiveviewer")
    if found:
        return _quoted(found)
    return f"{_quoted(sys.executable)} -m archiveviewer"


def _quoted(argument: str) -> str:
    """An ``Exec`` argument, quoted as the desktop entry specification asks when needed."""
    if not any(c in argument for c in " \t\n\"'\\><~|&;$*?#()`"):
        return argument
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in argument)
    return f'"{escaped}"'


def installed_files(data_home: Path) -> list[Path]:
    """Where the entry, the metainfo and each icon go under ``data_home``."""
    icons = data_home / "icons" / "hicolor"
    return [
        data_home / "applications" / f"{APP_ID}.desktop",
        data_home / "metainfo" / f"{APP_ID}.metainfo.xml",
        icons / "scalable" / "apps" / f"{APP_ID}.svg",
        *(icons / f"{size}x{size}" / "apps" / f"{APP_ID}.png" for size in ICON_SIZES),
    ]


def install_desktop_entry(data_home: Path, launcher: str) -> list[Path]:
    """Copy the entry (its ``Exec`` set to ``launcher``), metainfo and icons; return the paths."""
    entry, metainfo, svg, *pngs = installed_files(data_home)
    sources = [metainfo_file(), scalable_icon(), *(sized_icon(size) for size in ICON_SIZES)]
    try:
        _write(entry, _with_launcher(desktop_file().read_text(encoding="utf-8"), launcher))
        for source, target in zip(sources, [metainfo, svg, *pngs], strict=True):
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    except OSError as error:
        raise KnownError(
            f"The menu entry could not be written to {data_home}: {error.strerror or error}."
        ) from error
    return [entry, metainfo, svg, *pngs]


def uninstall_desktop_entry(data_home: Path) -> list[Path]:
    """Remove what :func:`install_desktop_entry` wrote; return the paths that were there."""
    removed = []
    for path in installed_files(data_home):
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as error:
            raise KnownError(f"{path} could not be removed: {error.strerror or error}.") from error
        removed.append(path)
    return removed


def _with_launcher(entry: str, launcher: str) -> str:
    lines = entry.splitlines()
    return "\n".join(f"Exec={launcher}" if x.startswith("Exec=") else x for x in lines) + "\n"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(path.suffix + ".part")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)
