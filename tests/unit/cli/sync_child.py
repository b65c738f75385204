"""A child process for the kill test: the real CLI sync against a fixed fake archive.

Run as ``python -m tests.unit.cli.sync_child DATA_DIR``. The archive is the
same in every run, so a run killed at any point and the runs after it must
together copy it exactly.
"""

from __future__ import annotations

import sys

from archiveviewer import cli
from tests.unit.cli.test_cli import JID, Opener
from tests.unit.sync.fakes import FakeServer, make_collection

COLLECTIONS = 400
MESSAGES = 25


def archive() -> FakeServer:
    """The fixed archive every run syncs from."""
    server = FakeServer(retrieve_delay=0.002)
    for n in range(COLLECTIONS):
        server.put(make_collection(n, messages=MESSAGES))
    return server


if __name__ == "__main__":
    argv = ["sync", "--jid", JID, "--data-dir", sys.argv[1]]
    raise SystemExit(cli.main(argv, open_source=Opener(archive())))
