"""Counts of hits per search, remembered until the replica changes."""

from __future__ import annotations

import sqlite3

from archiveviewer.store.search import SearchFilter, plan_of


class HitCounts:
    """Counts of hits per search, remembered until the replica changes.

    Counting reads every posting of the query's terms, which on the most
    common words takes longer than a page: the window shows the page first
    and the count when it comes, and asks again for free while paging.
    """

    def __init__(self) -> None:
        self._counts: dict[tuple[str, SearchFilter], int] = {}
        self._version: tuple[int, int] | None = None

    def count(self, db: sqlite3.Connection, text: str, search_filter: SearchFilter) -> int:
        """How many hits a search has in all; see :meth:`Replica.count_hits`."""
        # data_version moves when another connection commits to the file,
        # total_changes when this one writes.
        version = (int(db.execute("PRAGMA data_version").fetchone()[0]), db.total_changes)
        if version != self._version:
            self._counts.clear()
            self._version = version
        key = (text, search_filter)
        if key not in self._counts:
            self._counts[key] = _count(db, text, search_filter)
        return self._counts[key]


def _count(db: sqlite3.Connection, text: str, search_filter: SearchFilter) -> int:
    plan = plan_of(text, search_filter)
    if plan is None:
        return 0
    where, params = plan.where()
    sql = f"SELECT count(*) FROM items_fts {plan.joins()} WHERE {where}"  # noqa: S608
    return int(db.execute(sql, params).fetchone()[0])
