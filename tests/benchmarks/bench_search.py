"""Search speed of the replica on a million synthetic messages (run on demand).

    .venv/bin/python tests/benchmarks/bench_search.py [--messages N] [--keep FILE]

Builds a replica (or reuses the one ``--keep`` names), then prints for each
query class and order the median latency of the first page (50 hits) of
``Replica.search_page`` side by side with, from the same file in the same run:

* raw FTS5: the plain FTS5 statement for that order (``ORDER BY rank`` for
  relevance, the matches joined and sorted by time for newest first), with
  the same filters as row checks, on a plain FTS5 index of the same text
  (FTS5's defaults, built in the same file once: ``raw_fts``);
* FTS5 floor: the bare FTS5 statement on our time-ordered index (no join,
  no hit objects): what our layer costs on top of SQLite;
* LIKE: a ``LIKE '%word%'`` scan sorted by time, what a client without an
  index pays.

Then the index size per million messages and the write path's speed
(``Replica.apply`` into an empty replica) against today's version-4 write
path. ``--messages 10000000 --keep /tmp/bench10m.sqlite`` is the 10M run.
"""

from __future__ import annotations

import argparse
import itertools
import math
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from archiveviewer.errors import SearchTooLong
from archiveviewer.store import Replica, SearchOrder
from archiveviewer.store.codec import contact_of, time_text
from archiveviewer.store.index import row_id, time_key
from archiveviewer.store.scripts import index_text
from tests.benchmarks.bench_search_cases import CASES, RAW_INDEX, Case, raw_sql
from tests.benchmarks.bench_search_floor import floors
from tests.benchmarks.bench_search_writes import write_speeds

PER_COLLECTION = 50
START = datetime(2005, 1, 1, tzinfo=UTC)
REAL_WORDS = """
    the and you to of it is that in my for me be not with this good night garden love
    tomorrow morning see will what now come here there when café naïve crème zephyr
    quixotic romeo juliet balcony window
"""
CJK_LINES = ["日本語の勉強をしています", "東京タワーに行きました", "我们明天见", "สวัสดีครับ"]


def vocabulary(rng: random.Random) -> tuple[list[str], list[float]]:
    """Some real words (so queries hit) and many made-up ones, Zipf-weighted."""
    real = REAL_WORDS.split()
    letters = "abcdefghijklmnopqrstuvwxyz"
    made_up = ["".join(rng.choices(letters, k=rng.randint(3, 9))) for _ in range(20000)]
    words = real + made_up
    weights = [1.0 / (rank + 1) for rank in range(len(words))]
    return words, list(itertools.accumulate(weights))


def build(path: Path, messages: int, rng: random.Random) -> float:
    """Fill a replica with ``messages`` items as the write path lays them out; seconds taken.

    One in 100 items is a note, one in 200 messages has Japanese, Chinese or
    Thai text, one in 10 collections has a subject.
    """
    words, cumulative = vocabulary(rng)
    jids = [f"contact{n}@example.org/res{n % 3}" for n in range(300)]
    began = time.perf_counter()
    with Replica(path) as replica:
        db = replica._db  # the benchmark fills the file directly, in one transaction
        db.execute("BEGIN")
        collections = messages // PER_COLLECTION
        db.executemany(
            "INSERT INTO collections (id, with_jid, contact, start, subject, message_count)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                (
                    n + 1,
                    jids[n % len(jids)],
                    contact_of(jids[n % len(jids)]),
                    time_text(START + timedelta(hours=n)),
                    f"plans for the {words[n % 40]}" if n % 10 == 0 else None,
                    PER_COLLECTION,
                )
                for n in range(collections)
            ),
        )

        def rows():  # type: ignore[no-untyped-def]
            for n in range(collections * PER_COLLECTION):
                collection, ordinal = divmod(n, PER_COLLECTION)
                when = time_text(START + timedelta(hours=collection, seconds=ordinal * 7 + 1))
                text = " ".join(rng.choices(words, cum_weights=cumulative, k=rng.randint(4, 20)))
                if n % 200 == 7:
                    text = f"{text} {CJK_LINES[n // 200 % len(CJK_LINES)]}"
                kind = "note" if n % 100 == 3 else "message"
                direction = None if kind == "note" else ("to", "from")[n % 2]
                yield (row_id(time_key(when)), collection + 1, ordinal, kind, direction, when, text,
                       index_text(text))  # fmt: skip

        db.executemany(
            "INSERT INTO items (id, collection, ordinal, kind, direction, time, text, search_text)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows(),
        )
        subjects = db.execute(
            "SELECT id, start, subject FROM collections WHERE subject IS NOT NULL"
        ).fetchall()
        db.executemany(
            "INSERT INTO items (id, collection, ordinal, kind, time, text)"
            " VALUES (?, ?, -1, 'subject', ?, ?)",
            [(row_id(time_key(start)), n, start, subject) for n, start, subject in subjects],
        )
        db.execute(
            "INSERT INTO items_fts (rowid, text, tags)"
            " SELECT id, text, tags FROM search_content ORDER BY id"
        )
        db.execute("COMMIT")
        db.execute("PRAGMA optimize")
    return time.perf_counter() - began


def median_ms(*runs: Callable[[], object], repeat: int) -> list[float]:
    """Median milliseconds of each run, taking turns so that load hits all alike."""
    for run in runs:
        run()  # warm the page cache
    samples: list[list[float]] = [[] for _ in runs]
    for _ in range(repeat):
        for run, times in zip(runs, samples, strict=True):
            began = time.perf_counter()
            run()
            times.append((time.perf_counter() - began) * 1000)
    return [statistics.median(times) for times in samples]


def cpu_ms(run: Callable[[], object], repeat: int) -> float:
    """Median CPU milliseconds of this thread (SQLite runs in it): what load does not inflate."""
    samples = []
    for _ in range(repeat):
        began = time.thread_time()
        run()
        samples.append((time.thread_time() - began) * 1000)
    return statistics.median(samples)


def fetch(db: sqlite3.Connection, sql: str, params: list[Any]) -> list[Any]:
    """Run a raw query to its last row."""
    return db.execute(sql, params).fetchall()


def index_size(db: sqlite3.Connection) -> float:
    """Bytes of the FTS5 shadow tables, per million items."""
    pages = db.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'items_fts%'").fetchone()[0]
    # (raw_fts, the raw statements' plain index, is not ours and not counted)
    items = db.execute("SELECT count(*) FROM items").fetchone()[0]
    return float(pages) * 1_000_000 / items


def refused_ms(replica: Replica) -> float:
    """Milliseconds to refuse an 11,000-term OR query (issue 21: it took minutes once)."""
    huge = " OR ".join(f"word{n}" for n in range(11_000))

    def ask() -> None:
        try:
            replica.search_page(huge)
        except SearchTooLong:
            return
        raise AssertionError("an 11,000-term query was searched")

    [took] = median_ms(ask, repeat=5)
    return took


def upgrade(path: Path) -> None:
    """Open the replica once, printing the progress of an upgrade a kept older file needs."""
    began = time.perf_counter()
    shown = [-1.0]

    def progress(done: int, total: int) -> None:
        if done == total or done / total - shown[0] >= 0.05:
            shown[0] = done / total
            print(f"upgrading the kept replica: {done:,} of {total:,}"
                  f" ({time.perf_counter() - began:.0f} s)", flush=True)  # fmt: skip

    with Replica(path, progress=progress):
        pass


def raw_index(db: sqlite3.Connection) -> None:
    """Build the plain FTS5 index the raw statements run on, unless the file has it."""
    found = db.execute("SELECT sql FROM sqlite_master WHERE name = 'raw_fts'").fetchone()
    if found and found[0] == RAW_INDEX:
        return
    db.execute("DROP TABLE IF EXISTS raw_fts")
    began = time.perf_counter()
    db.execute(RAW_INDEX)
    db.execute("INSERT INTO raw_fts (raw_fts) VALUES ('rebuild')")
    print(f"built the plain FTS5 index for raw FTS5 in {time.perf_counter() - began:.0f} s")


def report(
    path: Path, repeat: int, raw_repeat: int
) -> list[tuple[Case, SearchOrder, float, float, float, float]]:
    """Print (and return) the side-by-side table of every case."""
    results = []
    upgrade(path)
    with Replica(path) as replica:
        db = replica._db
        if raw_repeat:
            raw_index(db)
        total = db.execute("SELECT count(*) FROM items").fetchone()[0]
        load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
        print(
            f"{total:,} items; median of {repeat} runs, first page of 50 hits;"
            f" load average {load} on {os.cpu_count()} cores\n"
        )
        header = (
            f"{'query':<34}{'order':<10}{'hits':>9}{'ours ms':>9}{'raw FTS5':>10}"
            f"{'ours/raw':>9}{'floor':>8}{'LIKE ms':>9}{'LIKE/ours':>10}{'ours CPU':>10}"
        )
        print(header)
        print("-" * len(header))
        # --raw-repeat 0 (the 10M run) leaves out raw FTS5 and LIKE: minutes a statement.
        slow = partial(median_ms, repeat=raw_repeat) if raw_repeat else lambda _: [math.nan]
        slowest_cpu = (0.0, "")
        for case in CASES:
            hits = replica.count_hits(case.typed, case.search_filter)
            [like] = slow(partial(fetch, db, *case.like()))
            for order in (SearchOrder.NEWEST, SearchOrder.RELEVANCE):
                raw, floor = raw_sql(case, order)
                ours, floor_ms = median_ms(
                    partial(replica.search_page, case.typed, case.search_filter, order=order),
                    partial(fetch, db, *floor),
                    repeat=repeat,
                )
                cpu = cpu_ms(
                    partial(replica.search_page, case.typed, case.search_filter, order=order),
                    repeat,
                )
                slowest_cpu = max(slowest_cpu, (cpu, f"{case.label}, {order.value}"))
                # Raw FTS5 takes seconds on common words: fewer runs.
                [raw_ms] = slow(partial(fetch, db, *raw))
                results.append((case, order, ours, raw_ms, floor_ms, like))
                print(
                    f"{case.label:<34}{order.value:<10}{hits:>9,}{ours:>9.2f}{raw_ms:>10.2f}"
                    f"{ours / raw_ms:>8.2f}x{floor_ms:>8.2f}{like:>9.1f}{like / ours:>9.0f}x"
                    f"{cpu:>10.2f}"
                )
        print(f"\nslowest first page in CPU time: {slowest_cpu[0]:.2f} ms ({slowest_cpu[1]})")
        floors(replica)
        print(f"\nan 11,000-term OR query refused in {refused_ms(replica):.3f} ms")
        whole = path.stat().st_size * 1_000_000 / total
        print(
            f"index size: {index_size(db) / 2**20:.0f} MiB per million items on disk"
            f" (the whole file: {whole / 2**20:.0f} MiB per million)"
        )
        print(f"load average at the end: {', '.join(f'{n:.1f}' for n in os.getloadavg())}")
    return results


def summary(results: list[tuple[Case, SearchOrder, float, float, float, float]]) -> None:
    """The targets, checked against this run."""
    slowest = max(results, key=lambda r: r[2])
    over = [f"{r[0].label} ({r[1].value})" for r in results if r[2] > 30]
    print(
        f"slowest first page: {slowest[2]:.2f} ms ({slowest[0].label}, {slowest[1].value};"
        f" target <= 30 ms); over 30 ms: {', '.join(over) or 'none'}"
    )
    results = [r for r in results if not math.isnan(r[3])]
    if not results:
        return
    worst_raw = max(results, key=lambda r: r[2] / r[3])
    worst_like = min(results, key=lambda r: r[5] / r[2])
    print(
        f"worst ours/raw FTS5: {worst_raw[2] / worst_raw[3]:.2f}x ({worst_raw[0].label},"
        f" {worst_raw[1].value}; target <= 1.2x)\n"
        f"worst LIKE/ours: {worst_like[5] / worst_like[2]:.0f}x ({worst_like[0].label},"
        f" {worst_like[1].value}; target >= 50x)"
    )
    under = [f"{r[0].label} ({r[1].value})" for r in results if r[5] / r[2] < 50]
    print(f"under 50x LIKE: {', '.join(under) or 'none'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument(
        "--raw-repeat", type=int, default=3, help="runs of the slow raw FTS5 and LIKE statements"
    )
    parser.add_argument(
        "--keep", type=Path, help="build (or reuse) this file instead of a temp one"
    )
    parser.add_argument("--no-writes", action="store_true", help="skip the write-path measurement")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.keep or Path(folder) / "bench.sqlite"
        if not path.exists():
            took = build(path, args.messages, random.Random(1))
            print(
                f"built {args.messages:,} messages in {took:.1f} s "
                f"({path.stat().st_size / 2**20:.0f} MiB on disk)"
            )
        summary(report(path, args.repeat, args.raw_repeat))
        if not args.no_writes:
            ours, today = write_speeds(Path(folder))
            print(
                f"write path: Replica.apply stores {ours:,.0f} messages/s into an empty replica;"
                f" today's (version 4) path {today:,.0f}/s: {today / ours:.2f}x slower"
                " (target <= 1.3x)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
