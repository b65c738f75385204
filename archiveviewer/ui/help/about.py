"""Help → About: the version, the licence, where to read more, and the libraries in use.

The composition root gathers the facts (:class:`ProgramFacts`); the window
only shows them, so ``ui/`` needs no package metadata of its own.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget


@dataclass(frozen=True)
class ProgramFacts:
    """What About shows: version, licence, links (title, address) and library versions."""

    version: str
    licence: str = "GPL-3.0-or-later"
    links: tuple[tuple[str, str], ...] = ()
    libraries: tuple[tuple[str, str], ...] = field(default_factory=lambda: (("Qt", qVersion()),))


class AboutDialog(QDialog):
    """A short page about the program, its licence and what it is built on."""

    def __init__(self, facts: ProgramFacts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about")
        self.setWindowTitle(self.tr("About archiveviewer"))
        self.text = QLabel(self._page(facts))
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setOpenExternalLinks(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)

    def _page(self, facts: ProgramFacts) -> str:
        e = html.escape
        links = "".join(f'<li><a href="{e(url)}">{e(title)}</a></li>' for title, url in facts.links)
        libraries = "".join(
            f"<tr><td>{e(name)}</td><td>&nbsp;{e(version)}</td></tr>"
            for name, version in facts.libraries
        )
        intro = self.tr("Read, search and look after your XMPP chat history.")
        licence = self.tr("Free software under the licence %1.").replace("%1", e(facts.licence))
        built = self.tr("Built on")
        return (
            f"<h3>archiveviewer {e(facts.version)}</h3><p>{e(intro)}</p><p>{licence}</p>"
            + (f"<ul>{links}</ul>" if links else "")
            + f"<p><b>{e(built)}</b></p><table>{libraries}</table>"
        )
