"""Render the application icon's SVG to the PNG sizes of the hicolor theme.

Run after changing ``archiveviewer/resources/icons/hicolor/scalable/apps/*.svg``:
``QT_QPA_PLATFORM=offscreen .venv/bin/python tools/render_icons.py``. The PNGs are
committed, so that desktops without an SVG loader still show the icon.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from archiveviewer.appinfo import ICON_SIZES, scalable_icon, sized_icon


def render(size: int) -> None:
    """Draw the SVG into a transparent ``size`` × ``size`` PNG."""
    renderer = QSvgRenderer(str(scalable_icon()))
    if not renderer.isValid():
        raise SystemExit(f"{scalable_icon()} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    target = sized_icon(size)
    target.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(target), "PNG"):
        raise SystemExit(f"could not write {target}")
    print(target)


def main() -> int:
    """Render every size."""
    app = QGuiApplication(sys.argv)  # noqa: F841  (QImage text and SVG need an application)
    for size in ICON_SIZES:
        render(size)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
