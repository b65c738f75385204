"""How mod_archive's paging cost grows with the archive: run on demand, prints ratios.

    .venv/bin/python -m tests.benchmarks.bench_server_archive

Fills one user with SMALL and another with LARGE collections, then times list pages (forward
with after, and by index) and modified pages for each, and prints LARGE/SMALL ratios. Paging
that stays flat shows as a ratio near 1; a linear cost as LARGE/SMALL.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path

from tests.helpers import client_session, send_raw
from tests.integration.archive_wire import NS09, SEED, exchange_all, rsm, rsm_set, store_request
from tests.server.prosody import ProsodyServer

SMALL, LARGE, PAGES = 500, 5000, 20


def _store(i: int) -> str:
    start = f"{1469 + i // 86400:04d}-07-21T{i // 3600 % 24:02d}:{i // 60 % 60:02d}:{i % 60:02d}Z"
    return store_request(SEED, f"friend{i % 7}@verona.example/home", start, f"<note>{i}</note>")


async def _time_pages(client, what: str) -> float:
    after = "1970-01-01T00:00:00Z" if what == "modified" else None
    began = time.perf_counter()
    for page in range(PAGES):
        if what == "index":
            body = f"<list xmlns='{NS09}'>{rsm_set(50, index=page * 50)}</list>"
        else:
            body = f"<{what} xmlns='{NS09}'>{rsm_set(50, after=after)}</{what}>"
        answer = await send_raw(client, f"<iq type='get'>{body}</iq>")
        after = rsm(answer.find(f"{{{NS09}}}{'list' if what == 'index' else what}"))["last"]
    return (time.perf_counter() - began) / PAGES


async def main() -> None:
    with tempfile.TemporaryDirectory() as workdir, ProsodyServer(Path(workdir)) as server:
        results: dict[int, dict[str, float]] = {}
        for size in (SMALL, LARGE):
            jid, password = server.new_user(f"bench{size}-")
            async with client_session(server, jid, password) as client:
                began = time.perf_counter()
                await exchange_all(client, (_store(i) for i in range(size)))
                fill = time.perf_counter() - began
                results[size] = {"store": fill / size}
                await asyncio.sleep(1.0)  # let the server write the burst before timing pages
                for what in ("list", "index", "modified"):
                    results[size][what] = await _time_pages(client, what)
        for what in ("store", "list", "index", "modified"):
            small, large = results[SMALL][what], results[LARGE][what]
            print(f"{what:9} {SMALL}: {small * 1000:7.2f} ms  {LARGE}: {large * 1000:7.2f} ms"
                  f"  ratio {large / small:5.2f}")


if __name__ == "__main__":
    asyncio.run(main())
