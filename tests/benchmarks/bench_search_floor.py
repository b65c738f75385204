"""Where a first page's time goes, for ``bench_search.py``: CPU ms per step, in one run.

For the contact-filtered classes, whose ``LIKE`` baseline is itself a few
milliseconds (it walks the contact's collections), this splits our page into
the statements it is made of, each timed alone in turns with the others
(CPU time of this thread, median): the bare FTS5 match (row ids only), the
same with the 51 snippets, with the hit columns joined, then building the
50 hits in Python, and the whole ``search_page``. The other plan a contact
filter allows, one FTS5 range seek per conversation of the contact
(``collections`` gives their row-id ranges), is timed beside the tag
intersection that is used.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from archiveviewer.store import Replica, SearchOrder
from archiveviewer.store import search as store_search
from archiveviewer.store.codec import contact_of
from tests.benchmarks.bench_search_cases import CASES, Case

_LABELS = ("contact + the", "contact + 6 months + rare")
_TURNS = 31


def _cpu_ms(*runs: Callable[[], object]) -> list[float]:
    for run in runs:
        run()
    times: list[list[float]] = [[] for _ in runs]
    for _ in range(_TURNS):
        for run, spent in zip(runs, times, strict=True):
            began = time.thread_time()
            run()
            spent.append((time.thread_time() - began) * 1000)
    return [statistics.median(t) for t in times]


def floors(replica: Replica) -> None:
    """Print the split of the contact-filtered first pages (newest first)."""
    print(f"\nwhere a contact-filtered first page goes (CPU ms, median of {_TURNS} in turns):")
    print(
        f"{'query':28}"
        + "".join(f"{h:>9}" for h in ("FTS5 ids", "+snippet", "+join", "50 hits", "ours", "LIKE"))
        + f"{'per-conv':>9}"
    )
    for case in CASES:
        if case.label in _LABELS:
            print(f"{case.label:28}" + "".join(f"{ms:>9.3f}" for ms in _split(replica, case)))


def _split(replica: Replica, case: Case) -> list[float]:
    db = replica._db
    plan = store_search.plan_of(case.typed, case.search_filter)
    assert plan is not None
    where, params = plan.where()
    order = " ORDER BY items_fts.rowid LIMIT 51"
    ids = f"SELECT items_fts.rowid FROM items_fts {plan.joins()} WHERE {where}{order}"  # noqa: S608
    snippets = (
        f"SELECT items_fts.rowid, snippet(items_fts, 0, {store_search._SNIPPET_ARGS})"  # noqa: S608
        f" FROM items_fts {plan.joins()} WHERE {where}{order}"
    )
    full = (
        f"SELECT {store_search._COLUMNS}, 0.0 FROM items_fts {store_search._JOIN}"  # noqa: S608
        f" WHERE {where}{order}"
    )
    rows = db.execute(full, params).fetchall()[:50]
    like_sql, like_params = case.like()
    contact = contact_of(case.search_filter.contact or "")
    text_match = f"text : ({plan.text_query})"

    def per_conversation() -> list[tuple[int]]:
        found: list[tuple[int]] = []
        for (collection,) in db.execute(
            "SELECT id FROM collections WHERE contact = ? ORDER BY start DESC", (contact,)
        ).fetchall():
            low, high = db.execute(
                "SELECT min(id), max(id) FROM items WHERE collection = ?", (collection,)
            ).fetchone()
            if high < plan.first or low > plan.last:
                continue  # outside the date range
            found += db.execute(
                "SELECT rowid FROM items_fts WHERE items_fts MATCH ?"
                " AND rowid BETWEEN max(?, ?) AND min(?, ?) ORDER BY rowid LIMIT ?",
                (text_match, low, plan.first, high, plan.last, 51 - len(found)),
            ).fetchall()
            if len(found) > 50:
                break
        return found

    return _cpu_ms(
        lambda: db.execute(ids, params).fetchall(),
        lambda: db.execute(snippets, params).fetchall(),
        lambda: db.execute(full, params).fetchall(),
        lambda: store_search._hits(rows),
        lambda: replica.search_page(case.typed, case.search_filter, order=SearchOrder.NEWEST),
        lambda: db.execute(like_sql, like_params).fetchall(),
        per_conversation,
    )
