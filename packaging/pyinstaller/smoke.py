"""Smoke-start a built bundle: its size, ``--version``, a headless command, and the window.

``python packaging/pyinstaller/smoke.py BUNDLE_DIR`` (build.sh runs it). The window check
starts the bundle on a fresh Xvfb display and waits for its window with xdotool (Debian
packages ``xvfb`` and ``xdotool``); the time from start to a visible window is printed as
the start-up time. Exits 1 naming what failed.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def folder_size(folder: Path) -> int:
    """Bytes in every file below ``folder``."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def timed(command: list[str], env: dict[str, str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    """Run ``command``; its wall time in seconds and its result."""
    began = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60, check=False)
    return time.perf_counter() - began, result


def window_start_seconds(binary: Path, env: dict[str, str]) -> float:
    """Seconds from starting the bundle to its visible window on a fresh Xvfb display."""
    display = ":97"
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
    try:
        time.sleep(1.0)
        shown = {**env, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        began = time.perf_counter()
        program = subprocess.Popen([str(binary)], env=shown)
        try:
            subprocess.run(
                ["xdotool", "search", "--sync", "--onlyvisible", "--class", "archiveviewer"],
                env=shown, capture_output=True, timeout=60, check=True,
            )
            return time.perf_counter() - began
        finally:
            program.terminate()
            program.wait(timeout=20)
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=10)


def main(argv: list[str]) -> int:
    """Check the bundle in ``argv[1]`` and print what was measured."""
    bundle = Path(argv[1]).resolve()
    binary = bundle / "archiveviewer"
    home = Path(tempfile.mkdtemp(prefix="bundle-home-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "PYTHON"))}
    env["HOME"] = str(home)
    failures = []
    try:
        runs = [timed([str(binary), "--version"], env) for _ in range(3)]
        if any(r.returncode != 0 or not r.stdout.startswith("archiveviewer ") for _, r in runs):
            failures.append(f"--version failed: {runs[0][1].stderr.strip()}")
        _, search = timed([str(binary), "search", "--jid", "romeo@montague.lit",
                           "--data-dir", str(home / "data"), "balcony"], env)
        if search.returncode != 5 or "sync" not in search.stderr:
            failures.append(f"a headless command did not run: {search.stderr.strip()}")
        startup = None
        if shutil.which("Xvfb") and shutil.which("xdotool"):
            try:
                startup = window_start_seconds(binary, env)
            except (subprocess.SubprocessError, OSError) as error:
                failures.append(f"the window did not appear: {error}")
        else:
            failures.append("Xvfb and xdotool are needed to start the window")
        print(f"bundle: {bundle}")
        print(f"size: {folder_size(bundle) / 2**20:.0f} MiB")
        print(f"--version: {statistics.median(t for t, _ in runs):.2f} s (median of 3)")
        if startup is not None:
            print(f"window shown after: {startup:.2f} s")
    finally:
        shutil.rmtree(home, ignore_errors=True)
    for failure in failures:
        print(f"FAILED: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
