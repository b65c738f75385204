"""Benchmark: reading and writing the seed's archive file format.

Run on demand: ``.venv/bin/python tests/benchmarks/bench_archive_file.py``.
Prints ratios against baselines measured in the same run on the same file:
reading against ``xml.etree.ElementTree.parse`` (which builds the tree but
does no safety checks and no conversion), writing against
``ElementTree.write`` of the same tree.
"""

from __future__ import annotations

import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from archiveviewer.domain import Collection, CollectionId, Direction, Message
from archiveviewer.formats.xep0136_file import read_archive, write_archive


def _collections(count: int, per: int) -> list[Collection]:
    start = datetime(2024, 1, 1, tzinfo=UTC)
    result = []
    for c in range(count):
        first = start + timedelta(hours=c)
        items = tuple(
            Message(
                Direction.TO if i % 2 else Direction.FROM,
                first + timedelta(seconds=7 * i),
                f"Message {i} of conversation {c}: parting is such sweet sorrow.",
            )
            for i in range(per)
        )
        result.append(Collection(CollectionId(first, f"friend{c % 40}@verona.lit"), items=items))
    return result


def _best(run: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        run()
        times.append(time.perf_counter() - began)
    return min(times)


def main() -> None:
    collections = _collections(1000, 50)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "archive.xml"
        write_archive(collections, path)
        size = path.stat().st_size
        tree = ET.parse(path)  # noqa: S314 - our own file, the unsafe baseline on purpose
        read = _best(lambda: read_archive(path))
        parse = _best(lambda: ET.parse(path))  # noqa: S314 - same
        write = _best(lambda: write_archive(collections, path))
        baseline_write = _best(lambda: tree.write(Path(folder) / "plain.xml"))
    messages = sum(len(c.items) for c in collections)
    print(f"file: {size / 1e6:.1f} MB, {len(collections)} collections, {messages} messages")
    print(f"read_archive  {read:.3f} s = {read / parse:.1f} x ElementTree.parse ({parse:.3f} s)")
    print(
        f"write_archive {write:.3f} s = {write / baseline_write:.1f} x ElementTree.write "
        f"({baseline_write:.3f} s)"
    )


if __name__ == "__main__":
    main()
