"""No keyring to read the password from: one sentence and exit 3, never a traceback.

Each case is the real program with the real ``keyring`` package, in a situation a user
meets: a keyring configured in ``keyringrc.cfg`` that cannot be reached from this session
(a cron job or an SSH login has no D-Bus session; tmux outlives the one it had), a backend
named that is not installed, or no keyring at all.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from archiveviewer import cli

SECRET_SERVICE = "keyring.backends.SecretService.Keyring"


def closed_port() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return str(probe.getsockname()[1])  # closed again when the probe is


@pytest.mark.parametrize(
    ("configured", "environment"),
    [
        pytest.param(SECRET_SERVICE, {}, id="no D-Bus session"),
        pytest.param(
            SECRET_SERVICE,
            {"DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent/bus"},
            id="a D-Bus session that has ended",
        ),
        pytest.param(
            None,
            {"PYTHON_KEYRING_BACKEND": "keyrings.kwallet6.Keyring"},
            id="a backend that is not installed",
        ),
        pytest.param(None, {}, id="no keyring at all"),
    ],
)
def test_a_sync_without_a_usable_keyring_says_so_in_one_sentence(
    tmp_path: Path, configured: str | None, environment: dict[str, str]
) -> None:
    if configured is not None:
        config = tmp_path / ".config" / "python_keyring"
        config.mkdir(parents=True)
        (config / "keyringrc.cfg").write_text(f"[backend]\ndefault-keyring = {configured}\n")
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path),
           "LANG": "C.UTF-8", **environment}  # fmt: skip
    argv = ["sync", "--jid", "romeo@montague.lit", "--host", "127.0.0.1",
            "--port", closed_port(), "--data-dir", str(tmp_path / "data")]  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "archiveviewer", *argv],
        env=env, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert done.returncode == cli.EXIT_CONNECTION, done.stderr
    (line,) = done.stderr.splitlines()
    assert line.startswith("archiveviewer: No password for romeo@montague.lit: ")
    assert "ARCHIVEVIEWER_PASSWORD" in line
    assert "install" not in line  # the keyring's own advice names packages to install
