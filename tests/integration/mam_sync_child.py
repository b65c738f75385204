"""Run one history sync in its own process, for the test that kills it at random points.

    python -m tests.integration.mam_sync_child JID HOST PORT CA_CERT REPLICA [PAGE_SIZE]
with the password in ``ARCHIVEVIEWER_TEST_PASSWORD`` (the MAM benchmark runs it too).
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from archiveviewer.services.history import sync_history
from archiveviewer.store import Replica
from archiveviewer.xmpp.session import AccountSession, AccountSettings


async def main(
    jid: str, host: str, port: str, ca_cert: str, replica_path: str, page_size: str = "25"
) -> None:
    settings = AccountSettings(
        jid=jid,
        password=os.environ["ARCHIVEVIEWER_TEST_PASSWORD"],
        host=host,
        port=int(port),
        ca_certs=Path(ca_cert),
        reconnect_delays=(),
        timeout=30.0,
    )
    session = AccountSession(settings)
    await session.connect()
    try:
        with Replica(replica_path) as replica:
            await sync_history(session, replica, rooms=[], page_size=int(page_size))
    finally:
        await session.disconnect()


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:7]))
