"""The window's search path against the store's, on the replica bench_window.py builds.

    .venv/bin/python tests/benchmarks/window_search.py FILE   # bench_search.py's cases

Run as a script on a replica ``bench_search.py --keep FILE`` kept, it measures
the first page of every ``bench_search.py`` query class and order the same way.

Two measurements, each in the same run as its baseline:

* the first page (50 hits) through the services layer the window uses
  (``ReplicaReader.search_page``: bound check, its own connection, the
  store's hits turned into the window's results with who wrote them) against
  ``Replica.search_page`` on the same file, median of turns taken in turn;
* typing a search into the real window: from the text to the first page on
  screen and to the total, and the longest stall of the UI thread meanwhile
  (the 5 ms heartbeat of bench_window.py), against the idle window's gap.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from functools import partial

from PySide6.QtWidgets import QApplication

from archiveviewer.ports.archive import ResultKind, ResultOrder, SearchFilters
from archiveviewer.services.replica_reader import ReplicaReader
from archiveviewer.store import Replica, SearchFilter, SearchOrder
from archiveviewer.ui.window import MainWindow

#: (label, query, the window's filters, the store's filter)
CASES = (
    ("every collection: hello", "hello", SearchFilters(), SearchFilter()),
    ("half the items: back", "back", SearchFilters(), SearchFilter()),
    ('phrase: "number 4242"', '"number 4242"', SearchFilters(), SearchFilter()),
    ("subjects: talk", "talk", SearchFilters(), SearchFilter()),
    (
        "contact + hello",
        "hello",
        SearchFilters(contact="friend7@example.org"),
        SearchFilter(contact="friend7@example.org"),
    ),
)
ORDERS = (ResultOrder.NEWEST, ResultOrder.RELEVANCE)
TURNS = 15


def _median_ms(runs: tuple[Callable[[], object], ...]) -> list[float]:
    """Median CPU milliseconds of each run (this thread's: SQLite runs in it), in turns.

    CPU time rather than wall-clock: on a machine shared with other work the
    wall clock mostly measures the neighbours.
    """
    times: list[list[float]] = [[] for _ in runs]
    for _ in range(TURNS):
        for n, run in enumerate(runs):
            began = time.thread_time()
            run()
            times[n].append((time.thread_time() - began) * 1000)
    return [statistics.median(t) for t in times]


def first_pages(
    replica: Replica,
    reader: ReplicaReader,
    cases: tuple[tuple[str, str, SearchFilters, SearchFilter], ...] = CASES,
) -> None:
    """Print the window path's first page against the store's, per query and order."""
    print(f"\nfirst page of 50 hits, median CPU ms of {TURNS} in turns:")
    print(f"{'query':34} {'order':10} {'window path':>12} {'store':>8} {'ratio':>6}")
    for label, query, filters, store_filter in cases:
        for order in ORDERS:
            window_path = partial(reader.search_page, query, filters, order, None, 50)
            store = partial(
                replica.search_page, query, store_filter, order=SearchOrder(order.value), limit=50
            )
            ours, theirs = _median_ms((window_path, store))
            print(f"{label:34} {order.value:10} {ours:12.2f} {theirs:8.2f} {ours / theirs:5.2f}x")


def typing(
    app: QApplication,
    window: MainWindow,
    beat: object,
    run_until: Callable[[QApplication, Callable[[], bool], float], None],
    idle_ms: float,
) -> None:
    """Type each query into the window; print when its page and total show, and the stall."""
    print("\ntyping a search into the window (the 5 ms heartbeat runs all along):")
    panel = window.search
    window.focus_search()
    for _label, query, _filters, _store_filter in CASES[:3]:
        panel.field.clear()
        run_until(app, lambda: not panel.busy, 30)
        beat.start()  # type: ignore[attr-defined]
        began = time.perf_counter()
        panel.field.setText(query)
        panel.run()  # no typing delay: what is measured is the search
        run_until(app, lambda: panel.model.rowCount() > 0, 30)
        page_ms = (time.perf_counter() - began) * 1000
        run_until(app, lambda: not panel.busy, 60)
        total_ms = (time.perf_counter() - began) * 1000
        stall_ms = beat.stop()  # type: ignore[attr-defined]
        print(
            f"  {query!r:16} first page on screen {page_ms:7.1f} ms, total "
            f"({panel.summary.text()}) {total_ms:7.1f} ms; longest UI stall {stall_ms:5.1f} ms "
            f"({stall_ms / idle_ms:.1f}x the idle gap)"
        )


def window_filters(store: SearchFilter) -> SearchFilters:
    """The window's filters for a store filter (the inverse of services.search.store_filter)."""
    kinds = None if store.kinds is None else frozenset(ResultKind(k.value) for k in store.kinds)
    return SearchFilters(store.contact, store.since, store.until, store.direction, kinds)


def main() -> int:
    """The window path against the store on every ``bench_search.py`` case, on a kept replica."""
    from tests.benchmarks.bench_search_cases import CASES as SEARCH_CASES

    cases = tuple(
        (c.label, c.typed, window_filters(c.search_filter), c.search_filter) for c in SEARCH_CASES
    )
    with Replica(sys.argv[1]) as replica:
        first_pages(replica, ReplicaReader(replica), cases)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
