"""A child process for the kill test: the real CLI sync against a fixed fake archive.

Run as ``python -m tests.unit.cli.sync_child DATA_DIR``. The archive is the
same in every run, so a run killed at any point and the runs after it must
together copy it exactly.
"""

from __future__ import annotations

import os
import sys

from archiveviewer import cli
from tests.unit.cli.test_cli import JID, Opener
from tests.unit.sync.fakes import FakeServer, make_collection

COLLECTIONS = 400
#: The environment variable that sets the fake server's seconds per retrieve.
RETRIEVE_DELAY = "ARCHIVEVIEWER_TEST_RETRIEVE_DELAY"
MESSAGES = 25


def archive() -> FakeServer:
    """The fixed archive every run syncs from."""
    # Slow enough that the sync lasts about a second after its first progress
    # line, whatever the speed of storing: the kill test signals it during that time.
    # The Ctrl+C test asks for a slower server (RETRIEVE_DELAY), so that its signal
    # lands mid-sync even when the test itself reads the first line late under load.
    server = FakeServer(retrieve_delay=float(os.environ.get(RETRIEVE_DELAY, "0.03")))
    for n in range(COLLECTIONS):
        server.put(make_collection(n, messages=MESSAGES))
    return server


if __name__ == "__main__":
    argv = ["sync", "--jid", JID, "--data-dir", sys.argv[1]]
    raise SystemExit(cli.main(argv, open_source=Opener(archive())))
