"""Prosody's own XEP-0227 tool (``prosody-migrator`` with ``mod_storage_xep0227``) for the tests."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from tests.server.prosody import ProsodyServer

#: The stores a user's data lives in (Prosody 0.12's names).
STORES = ("accounts", "roster", "private", "pep", "archive")


def _migrator(folder: Path) -> Path:
    """A copy of ``prosody-migrator`` whose data folder is ``folder``.

    Prosody 0.12's XEP-0227 driver ignores the ``path`` of the migrator's
    config and reads and writes ``user@host.xml`` in the migrator's built-in
    data folder (``/var/lib/prosody``); a test must not touch that folder.
    ``--root`` keeps it from switching to the ``prosody`` user.
    """
    original = Path(shutil.which("prosody-migrator") or "/usr/bin/prosody-migrator")
    text = original.read_text(encoding="utf-8")
    built_in = re.search(r"^CFG_DATADIR='[^']*';$", text, re.MULTILINE)
    if built_in is None:
        raise RuntimeError("prosody-migrator does not set CFG_DATADIR as expected")
    copy = folder.parent / f"prosody-migrator-{folder.name}"
    copy.write_text(text.replace(built_in.group(0), f"CFG_DATADIR='{folder}';"), encoding="utf-8")
    return copy


def migrate(server: ProsodyServer, folder: Path, *, to_xep0227: bool) -> Path:
    """Convert the stopped server's data to XEP-0227 files in ``folder`` (or back); the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    internal = f'type = "internal"; path = "{server.data_path}";'
    portable = f'type = "xep0227"; path = "{folder}";'
    source, target = (internal, portable) if to_xep0227 else (portable, internal)
    config = folder.parent / f"migrator-{folder.name}.cfg.lua"
    hosts = (
        f'hosts = {{ ["{server.host}"] = {{ "accounts", "roster", "private", '
        '"pep-pubsub", "archive-archive" } };'
    )
    config.write_text(f"input {{ {source} {hosts} }}\noutput {{ {target} }}\n", encoding="utf-8")
    result = subprocess.run(
        [
            "lua5.4", str(_migrator(folder)), "--root",
            # Reading XEP-0227, Prosody 0.12 fails on the host-wide (no user) pass of the
            # archive store ("no 227 user element found"); --keep-going logs it and goes on.
            *(() if to_xep0227 else ("--keep-going",)),
            f"--config={config}", "input", "output",
        ],
        capture_output=True, text=True, check=False, timeout=120, cwd=folder.parent,
    )  # fmt: skip
    if result.returncode != 0:
        raise RuntimeError(f"prosody-migrator failed: {result.stdout}{result.stderr}")
    return folder
