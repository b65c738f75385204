"""The banner over the sample archive that invites the user to add their own account."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from archiveviewer.ui.i18n import QT_TRANSLATE_NOOP

SAMPLE_BANNER = QT_TRANSLATE_NOOP(
    "SampleBanner", "This is a sample archive. Add your account to see your own history."
)


class SampleBanner(QFrame):
    """A sentence and an "Add account…" button, on the palette's alternate background."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(self.palette().ColorRole.AlternateBase)
        self.label = QLabel(self.tr(SAMPLE_BANNER))
        self.label.setWordWrap(True)
        self.button = QPushButton(self.tr("Add account…"))
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
