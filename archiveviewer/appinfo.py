"""Who the program is to the desktop: its application id, names, and shipped resources.

The reverse-DNS id names the desktop entry, the AppStream metainfo, the icon and
``QGuiApplication.desktopFileName`` alike, so that a desktop can tie the running
window to its menu entry and icon. Standard library only: the window, the command
line and the packaging tests all read it.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

#: The reverse-DNS application id (freedesktop.org and AppStream).
APP_ID = "org.archiveviewer.ArchiveViewer"

#: The name a user sees in menus and the window title.
APP_NAME = "Archive Viewer"

#: Square sizes of the rendered icons in the hicolor theme (the SVG serves every other size).
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def resource_dir() -> Path:
    """The ``resources`` folder inside the installed package."""
    return Path(str(resources.files("archiveviewer") / "resources"))


def icon_theme_dir() -> Path:
    """The shipped ``hicolor`` icon theme folder (``scalable/apps`` and ``NxN/apps``)."""
    return resource_dir() / "icons" / "hicolor"


def scalable_icon() -> Path:
    """The application icon as SVG."""
    return icon_theme_dir() / "scalable" / "apps" / f"{APP_ID}.svg"


def sized_icon(size: int) -> Path:
    """The application icon rendered at ``size`` × ``size`` pixels (PNG)."""
    return icon_theme_dir() / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def desktop_file() -> Path:
    """The freedesktop.org desktop entry shipped with the package."""
    return resource_dir() / "desktop" / f"{APP_ID}.desktop"


def metainfo_file() -> Path:
    """The AppStream metainfo shipped with the package."""
    return resource_dir() / "desktop" / f"{APP_ID}.metainfo.xml"
