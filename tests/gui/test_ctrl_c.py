"""Ctrl+C in the terminal that started the window: the window closes, as closed by hand.

The real program is started (offscreen) as a terminal starts a foreground job, with SIGINT
at its default, over the sample archive of a fresh user.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.helpers import children_get_sigint

STARTED_WITHIN = 90.0  # seconds; only how long to wait, never asserted as a speed


def wait_for_the_sample(tmp: Path, window: subprocess.Popen[str]) -> Path:
    """The sample's temporary copy, which the program makes before it shows the window."""
    deadline = time.monotonic() + STARTED_WITHIN
    while time.monotonic() < deadline and window.poll() is None:
        copies = list(tmp.glob("archiveviewer-sample-*/sample.sqlite3"))
        if copies:
            return copies[0].parent
        time.sleep(0.1)
    window.kill()
    raise AssertionError(f"the window did not start: {window.communicate()[0]}")


def test_ctrl_c_closes_the_window_as_closing_it_does(tmp_path: Path) -> None:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = {**os.environ, "HOME": str(tmp_path), "TMPDIR": str(tmp), "QT_QPA_PLATFORM": "offscreen"}
    env |= {"XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    with children_get_sigint(signal.default_int_handler):
        window = subprocess.Popen(
            [sys.executable, "-m", "archiveviewer"], env=env, text=True,
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        sample = wait_for_the_sample(tmp, window)
        window.send_signal(signal.SIGINT)
        said, _ = window.communicate(timeout=60)
    finally:
        window.kill()
    assert window.returncode == 0, said
    assert "Traceback" not in said  # it was shown as a bug, and the window stayed open
    assert not sample.exists()  # closed as on a normal close: the sample's copy removed
