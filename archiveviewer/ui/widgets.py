"""Small drawing helpers: the lock mark and a delegate that draws rich text.

Colours always come from the palette, so the window follows the system's
light or dark theme.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QIcon,
    QPainter,
    QPalette,
    QPixmap,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from archiveviewer.ui.roles import HtmlRole

Index = QModelIndex | QPersistentModelIndex


def lock_icon(palette: QPalette, size: int = 16) -> QIcon:
    """A padlock drawn in the palette's text colour."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = palette.color(QPalette.ColorRole.WindowText)
    pen = painter.pen()
    pen.setColor(colour)
    pen.setWidthF(size / 9)
    painter.setPen(pen)
    s = size
    painter.drawArc(QRectF(s * 0.28, s * 0.08, s * 0.44, s * 0.5), 0, 180 * 16)
    painter.drawLine(int(s * 0.28), int(s * 0.33), int(s * 0.28), int(s * 0.45))
    painter.drawLine(int(s * 0.72), int(s * 0.33), int(s * 0.72), int(s * 0.45))
    painter.fillRect(QRectF(s * 0.18, s * 0.45, s * 0.64, s * 0.47), colour)
    painter.end()
    return QIcon(pixmap)


def _available_width(option: QStyleOptionViewItem) -> int:
    """The item's width; in a size hint that is unknown, so take the view's."""
    if option.rect.width() > 0:
        return option.rect.width()
    view = option.widget
    if isinstance(view, QAbstractItemView):
        return view.viewport().width()
    return 400


class HtmlDelegate(QStyledItemDelegate):
    """Draws an item's ``HtmlRole`` text (already escaped by the model) with wrapping."""

    def _document(self, option: QStyleOptionViewItem, index: Index) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(str(index.data(HtmlRole) or ""))
        doc.setTextWidth(max(80, _available_width(option) - 8))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._document(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        painter.save()
        painter.translate(opt.rect.topLeft().x() + 4, opt.rect.topLeft().y() + 4)
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._document(opt, index)
        return QSize(int(doc.idealWidth()) + 8, int(doc.size().height()) + 8)
