"""A real Secret Service for keyring tests: a private D-Bus session bus and gnome-keyring.

:func:`running_secret_service` starts ``dbus-daemon --session`` and
``gnome-keyring-daemon`` (secrets only, its login keyring unlocked) with a
temporary HOME, points this process at that bus, and stops both afterwards.
``tools/system-packages.sh test`` installs them (gnome-keyring, dbus).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import keyring
from keyring.backends import SecretService

UNLOCK = b"a keyring password for tests"

#: A session bus that starts no services on demand: otherwise the first request would start
#: a second, locked gnome-keyring that wins the race against ours.
BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={home}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


@contextlib.contextmanager
def running_secret_service(home: Path) -> Iterator[keyring.backend.KeyringBackend]:
    """A Secret Service on a bus of its own; yields its keyring backend, made current."""
    home.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data")}
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    config = home / "bus.conf"
    config.write_text(BUS_CONFIG.format(home=home), encoding="utf-8")
    bus = subprocess.Popen(
        ["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    assert bus.stdout is not None
    address = bus.stdout.readline().decode().strip()
    env["DBUS_SESSION_BUS_ADDRESS"] = address
    daemon = subprocess.Popen(
        ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    assert daemon.stdin is not None
    daemon.stdin.write(UNLOCK)
    daemon.stdin.close()
    previous_address = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    previous_backend = keyring.get_keyring()
    os.environ["DBUS_SESSION_BUS_ADDRESS"] = address
    try:
        backend = SecretService.Keyring()
        _wait_until_it_answers(backend)
        keyring.set_keyring(backend)
        yield backend
    finally:
        keyring.set_keyring(previous_backend)
        if previous_address is None:
            os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)
        else:
            os.environ["DBUS_SESSION_BUS_ADDRESS"] = previous_address
        for process in (daemon, bus):
            process.terminate()
            process.wait(10)


def _wait_until_it_answers(backend: keyring.backend.KeyringBackend) -> None:
    deadline = time.monotonic() + 20
    while True:
        try:
            backend.set_password("archiveviewer-test", "probe", "probe")
            backend.delete_password("archiveviewer-test", "probe")
            return
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
