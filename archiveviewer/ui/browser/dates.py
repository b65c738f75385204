"""The date navigator: a year > month > day tree with collection counts."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from archiveviewer.ports.archive import DayCount
from archiveviewer.ui.roles import RangeRole, ValueRole
from archiveviewer.ui.timefmt import local_midnight

Index = QModelIndex | QPersistentModelIndex


@dataclass(eq=False)
class DateNode:
    """A year, month or day of the tree; ``first`` and ``after`` bound it in local days."""

    label: str
    first: date
    after: date
    count: int = 0
    parent: DateNode | None = None
    children: list[DateNode] = field(default_factory=list)
    row: int = 0

    @property
    def kind(self) -> str:
        """``year``, ``month`` or ``day``."""
        depth = 0
        node = self.parent
        while node is not None:
            depth += 1
            node = node.parent
        return ("year", "month", "day")[depth]

    def add(self, child: DateNode) -> DateNode:
        child.parent = self
        child.row = len(self.children)
        self.children.append(child)
        return child


def _month_after(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def build_tree(counts: Sequence[DayCount]) -> list[DateNode]:
    """Years newest first, each with its months and days (newest first too)."""
    years: list[DateNode] = []
    for entry in sorted(counts, key=lambda e: e.day, reverse=True):
        day = entry.day
        if not years or years[-1].first.year != day.year:
            first = date(day.year, 1, 1)
            years.append(DateNode(str(day.year), first, date(day.year + 1, 1, 1), row=len(years)))
        year = years[-1]
        if not year.children or year.children[-1].first.month != day.month:
            first = day.replace(day=1)
            year.add(DateNode(calendar.month_name[day.month], first, _month_after(first)))
        month = year.children[-1]
        month.add(DateNode(f"{day:%a} {day.day}", day, day + timedelta(days=1), entry.collections))
        month.count += entry.collections
        year.count += entry.collections
    return years


class DateTreeModel(QAbstractItemModel):
    """Years, months and days that have collections, each with its count."""

    def __init__(self, tz: tzinfo | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tz = tz
        self._years: list[DateNode] = []

    def set_tz(self, tz: tzinfo | None) -> None:
        """Read days in ``tz`` from now on (the caller sets the tree read in it)."""
        self._tz = tz

    def set_counts(self, counts: Sequence[DayCount]) -> None:
        """Show the days of ``counts``."""
        self.set_tree(build_tree(counts))

    def set_tree(self, years: list[DateNode]) -> None:
        """Show a tree :func:`build_tree` made (perhaps in a worker thread)."""
        self.beginResetModel()
        self._years = years
        self.endResetModel()

    def node(self, index: Index) -> DateNode | None:
        """The node behind ``index`` (None for the invisible root)."""
        if not index.isValid():
            return None
        node = index.internalPointer()
        return node if isinstance(node, DateNode) else None

    def utc_range(self, node: DateNode) -> tuple[datetime, datetime]:
        """The node's local days as an aware UTC ``[start, end)``."""
        return local_midnight(node.first, self._tz), local_midnight(node.after, self._tz)

    def days(self) -> dict[date, int]:
        """Every day shown, with its number of conversations."""
        return {d.first: d.count for y in self._years for m in y.children for d in m.children}

    def index_of_day(self, day: date) -> QModelIndex:
        """The tree's row for ``day`` (invalid if that day has no conversation)."""
        for year in self._years:
            for month in year.children if year.first.year == day.year else ():
                for node in month.children if month.first.month == day.month else ():
                    if node.first == day:
                        return self.createIndex(node.row, 0, node)
        return QModelIndex()

    def _children(self, parent: Index) -> list[DateNode]:
        node = self.node(parent)
        return self._years if node is None else node.children

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        children = self._children(parent)
        if column != 0 or not 0 <= row < len(children):
            return QModelIndex()
        return self.createIndex(row, 0, children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        node = self.node(index)
        if node is None or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.parent.row, 0, node.parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children(parent))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        node = self.node(index)
        if node is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{node.label} ({node.count})"
        if role == Qt.ItemDataRole.ToolTipRole:
            n = node.count
            return f"{n} conversation{'s' if n != 1 else ''}"
        if role == ValueRole:
            return node
        if role == RangeRole:
            return self.utc_range(node)
        return None
