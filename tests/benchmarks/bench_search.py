"""Search speed of the replica on a million synthetic messages (run on demand).

    .venv/bin/python tests/benchmarks/bench_search.py [--messages N] [--keep FILE]

Builds a temporary replica (one transaction, executemany, the FTS triggers
doing the indexing as in real writes), then prints for each query the median
latency of ``Replica.search`` against the raw FTS5 MATCH query it stands for
(target: at most 1.5x) and against a ``LIKE '%word%'`` scan, which is what a
client without an index pays. All numbers come from this one run.
"""

from __future__ import annotations

import argparse
import itertools
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

from archiveviewer.domain import Collection, CollectionId, Direction, Message
from archiveviewer.store import Replica, SearchFilter, SearchOrder
from archiveviewer.store.codec import contact_of, time_text
from archiveviewer.store.query import fts_query

PER_COLLECTION = 50
START = datetime(2005, 1, 1, tzinfo=UTC)
SNIPPET = "snippet(items_fts, 0, '\x02', '\x03', '…', 16)"
RAW_RANKED = (
    f"SELECT rowid, {SNIPPET}, bm25(items_fts) FROM items_fts"  # noqa: S608
    " WHERE items_fts MATCH ? ORDER BY rank LIMIT 50"
)
LIKE_SCAN = "SELECT id, text FROM items WHERE text LIKE ? ORDER BY time DESC LIMIT 50"

QUERIES = [
    ("common word", "the"),
    ("mid word", "garden"),
    ("rare word", "zephyr"),
    ("accented", "cafe"),
    ("two words", "garden night"),
    ("phrase", '"good night"'),
    ("prefix", "gard*"),
    ("or", "zephyr OR quixotic"),
]


REAL_WORDS = """
    the and you to of it is that in my for me be not with this good night garden love
    tomorrow morning see will what now come here there when café naïve crème zephyr
    quixotic romeo juliet balcony window
"""


def vocabulary(rng: random.Random) -> tuple[list[str], list[float]]:
    """Some real words (so queries hit) and many made-up ones, Zipf-weighted."""
    real = REAL_WORDS.split()
    letters = "abcdefghijklmnopqrstuvwxyz"
    made_up = ["".join(rng.choices(letters, k=rng.randint(3, 9))) for _ in range(20000)]
    words = real + made_up
    weights = [1.0 / (rank + 1) for rank in range(len(words))]
    return words, list(itertools.accumulate(weights))


def build(path: Path, messages: int, rng: random.Random) -> float:
    """Fill a replica with ``messages`` messages; returns seconds taken."""
    words, cumulative = vocabulary(rng)
    jids = [f"contact{n}@example.org/res{n % 3}" for n in range(300)]
    began = time.perf_counter()
    with Replica(path) as replica:
        db = replica._db  # the benchmark fills the file directly, in one transaction
        db.execute("BEGIN")
        collections = messages // PER_COLLECTION
        db.executemany(
            "INSERT INTO collections (id, with_jid, contact, start, message_count)"
            " VALUES (?, ?, ?, ?, ?)",
            (
                (
                    n + 1,
                    jids[n % len(jids)],
                    contact_of(jids[n % len(jids)]),
                    time_text(START + timedelta(hours=n)),
                    PER_COLLECTION,
                )
                for n in range(collections)
            ),
        )

        def rows():  # type: ignore[no-untyped-def]
            for n in range(collections * PER_COLLECTION):
                collection, ordinal = divmod(n, PER_COLLECTION)
                when = START + timedelta(hours=collection, seconds=ordinal * 7)
                text = " ".join(rng.choices(words, cum_weights=cumulative, k=rng.randint(4, 20)))
                yield (
                    collection + 1,
                    ordinal,
                    "message",
                    ("to", "from")[n % 2],
                    time_text(when),
                    text,
                )

        db.executemany(
            "INSERT INTO items (collection, ordinal, kind, direction, time, text)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            rows(),
        )
        db.execute("COMMIT")
        db.execute("PRAGMA optimize")
    return time.perf_counter() - began


def fetch(db: sqlite3.Connection, sql: str, params: tuple[str, ...]) -> list[Any]:
    """Run a raw query to its last row."""
    return db.execute(sql, params).fetchall()


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


def write_speed(path: Path) -> float:
    """Messages per second through Replica.apply (the sync engine's path)."""
    batch = [
        Collection(
            id=CollectionId(start=START + timedelta(days=40000, minutes=n), with_jid="w@x"),
            items=tuple(
                Message(
                    Direction.TO,
                    START + timedelta(days=40000, minutes=n, seconds=s),
                    f"written message number {s} of batch {n}",
                )
                for s in range(PER_COLLECTION)
            ),
        )
        for n in range(400)
    ]
    with Replica(path) as replica:
        began = time.perf_counter()
        replica.apply(batch, [], "bench")
        took = time.perf_counter() - began
    return len(batch) * PER_COLLECTION / took


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument(
        "--keep", type=Path, help="build (or reuse) this file instead of a temp one"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.keep or Path(folder) / "bench.sqlite"
        if not path.exists():
            took = build(path, args.messages, random.Random(1))
            print(
                f"built {args.messages:,} messages in {took:.1f} s "
                f"({args.messages / took:,.0f} messages/s, {path.stat().st_size / 2**20:.0f} MiB)"
            )
        report(path, args.repeat)
        speed = write_speed(Path(folder) / "writes.sqlite")
        print(f"write path: Replica.apply stores {speed:,.0f} messages/s (into an empty replica)")
    return 0


def report(path: Path, repeat: int) -> None:
    with Replica(path) as replica:
        db = replica._db
        total = db.execute("SELECT count(*) FROM items").fetchone()[0]
        print(f"{total:,} items; median of {repeat} runs, first page of 50 hits\n")
        header = (
            f"{'query':<28}{'hits':>9}{'ours ms':>10}{'raw FTS ms':>12}{'ratio':>7}"
            f"{'LIKE ms':>10}{'LIKE/ours':>11}"
        )
        print(header)
        print("-" * len(header))
        ratios = []
        for label, typed in QUERIES:
            query = fts_query(typed)
            hits = db.execute(
                "SELECT count(*) FROM items_fts WHERE items_fts MATCH ?", (query,)
            ).fetchone()[0]
            ours, raw = median_ms(
                partial(replica.search, typed, limit=50),
                partial(fetch, db, RAW_RANKED, (query,)),
                repeat=repeat,
            )
            like_word = typed.strip('"*').split()[0]
            [like] = median_ms(
                partial(fetch, db, LIKE_SCAN, (f"%{like_word}%",)),
                repeat=max(3, repeat // 3),
            )
            ratios.append(ours / raw)
            print(
                f"{label + ' ' + typed:<28}{hits:>9,}{ours:>10.2f}{raw:>12.2f}"
                f"{ours / raw:>6.2f}x{like:>10.1f}{like / ours:>10.0f}x"
            )
        print(
            f"\nrelevance order: ours/raw median {statistics.median(ratios):.2f}x, "
            f"worst {max(ratios):.2f}x (target <= 1.5x)\n"
        )
        timed_queries(replica, repeat)


def timed_queries(replica: Replica, repeat: int) -> None:
    """Newest-first and filtered searches against their raw SQL equivalents."""
    db = replica._db
    contact = "contact7@example.org"
    cases = [
        ("newest first: garden", "garden", SearchFilter(), SearchOrder.NEWEST, ""),
        ("newest first: the", "the", SearchFilter(), SearchOrder.NEWEST, ""),
        (
            "contact filter: garden",
            "garden",
            SearchFilter(contact=contact),
            SearchOrder.RELEVANCE,
            "c.contact = ?",
        ),
        (
            "sent only: night",
            "night",
            SearchFilter(direction=Direction.TO),
            SearchOrder.RELEVANCE,
            "i.direction = ?",
        ),
    ]
    print(f"{'query':<28}{'ours ms':>10}{'raw SQL ms':>12}{'ratio':>7}")
    for label, typed, search_filter, order, clause in cases:
        query = fts_query(typed)
        if order is SearchOrder.NEWEST:
            sql = (
                f"SELECT items_fts.rowid, {SNIPPET} FROM items_fts JOIN items i"  # noqa: S608
                " ON i.id = items_fts.rowid WHERE items_fts MATCH ?"
                " ORDER BY i.time DESC LIMIT 50"
            )
            params: tuple[str, ...] = (query,)
        else:
            sql = (
                f"SELECT items_fts.rowid, {SNIPPET} FROM items_fts JOIN items i"  # noqa: S608
                " ON i.id = items_fts.rowid JOIN collections c ON c.id = i.collection"
                f" WHERE items_fts MATCH ? AND {clause} ORDER BY rank LIMIT 50"
            )
            params = (query, contact if "contact" in clause else "to")
        ours, raw = median_ms(
            partial(replica.search, typed, search_filter, order=order),
            partial(fetch, db, sql, params),
            repeat=repeat,
        )
        print(f"{label:<28}{ours:>10.2f}{raw:>12.2f}{ours / raw:>6.2f}x")


if __name__ == "__main__":
    sys.exit(main())
