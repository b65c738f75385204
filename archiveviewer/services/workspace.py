"""Where one user's files are: replicas, keys, rosters, what servers do (data), pins (config).

The window and the command line use the same folders, so a ``sync`` on the
command line fills the replica the window reads.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from archiveviewer.domain import Contact, bare_jid


def default_data_dir() -> Path:
    """The platform's user data folder for archiveviewer."""
    import platformdirs

    return Path(platformdirs.user_data_dir("archiveviewer"))


def default_config_dir() -> Path:
    """The platform's user config folder for archiveviewer."""
    import platformdirs

    return Path(platformdirs.user_config_dir("archiveviewer"))


def replica_file_name(jid: str) -> str:
    """A safe file name for an account's replica: its bare JID, lower-cased, %-escaped."""
    return quote(bare_jid(jid).lower(), safe="@.-_") + ".sqlite3"


@dataclass
class Workspace:
    """The folders of one user: replicas and keys (data), pinned certificates (config).

    ``ca_certs`` replaces the system trust store (tests point it at their
    server's certificate; the program leaves it None).
    """

    data_dir: Path = field(default_factory=default_data_dir)
    config_dir: Path = field(default_factory=default_config_dir)
    ca_certs: Path | None = None

    @property
    def keys_dir(self) -> Path:
        """The user's private keys (passphrase-encrypted PKCS#8)."""
        return self.data_dir / "keys"

    @property
    def pins_file(self) -> Path:
        """Certificates the user chose to trust: host -> SHA-256 fingerprint."""
        return self.config_dir / "pinned-certificates.json"

    def replica_path(self, jid: str) -> Path:
        """The account's replica (the window and the command line's ``sync`` share it)."""
        return self.data_dir / replica_file_name(jid)

    def roster_path(self, jid: str) -> Path:
        """The account's last known roster, so that names show offline too."""
        return self.replica_path(jid).with_suffix(".roster.json")

    def server_path(self, domain: str) -> Path:
        """What was seen of a server (``services.server_memory``), one file per domain."""
        return self.data_dir / "servers" / (quote(domain.lower(), safe=".-_") + ".json")

    def load_server_text(self, domain: str) -> str | None:
        """The saved text about ``domain``'s server, None when there is none or it is unreadable."""
        try:
            return self.server_path(domain).read_text(encoding="utf-8")
        except (OSError, ValueError):
            return None

    def save_server_text(self, domain: str, text: str) -> None:
        """Keep the text about ``domain``'s server (readable by the user only)."""
        path = self.server_path(domain)
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_private_text(path, text)

    def pins(self) -> dict[str, str]:
        """The pinned fingerprints by host (empty when there are none or the file is bad)."""
        try:
            data = json.loads(self.pins_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        return {str(k): str(v) for k, v in data.items()}

    def pin(self, host: str, fingerprint: str) -> None:
        """Trust exactly this certificate for ``host`` from now on (replaces an older pin)."""
        pins = self.pins()
        pins[host.lower()] = fingerprint
        self.config_dir.mkdir(parents=True, exist_ok=True)
        _write_private_text(self.pins_file, json.dumps(pins, indent=2, sort_keys=True))

    def load_roster(self, jid: str) -> tuple[Contact, ...]:
        """The roster saved at the last connection (empty if none or unreadable)."""
        try:
            rows = json.loads(self.roster_path(jid).read_text(encoding="utf-8"))
            return tuple(Contact(r["jid"], r.get("name"), tuple(r.get("groups", ()))) for r in rows)
        except (OSError, ValueError, KeyError, TypeError):
            return ()

    def save_roster(self, jid: str, roster: Iterable[Contact]) -> None:
        """Keep the roster for offline use (names and groups only)."""
        rows = [{"jid": c.jid, "name": c.name, "groups": list(c.groups)} for c in roster]
        self.data_dir.mkdir(parents=True, exist_ok=True)
        _write_private_text(self.roster_path(jid), json.dumps(rows))


def _write_private_text(path: Path, text: str) -> None:
    """Write ``path`` readable by its owner only, replacing it atomically."""
    partial = path.with_suffix(path.suffix + ".part")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(text)
    partial.replace(path)
