"""A throw-away Prosody server for the integration tests, with our XEP-0136 module.

Debian's ``prosody`` runs in the foreground from a temp dir with its own config, data dir,
log file and a self-signed TLS certificate for ``localhost``. Nothing here touches the system
Prosody: the server listens on a free loopback port and keeps everything under ``workdir``.

    server = ProsodyServer(tmp_path, archive={"auto_idle_gap": 2})
    server.start()
    jid = server.register("romeo", "secret")
    ...
    server.stop()

The ``archive`` options become ``archive_<name>`` lines of the config, read by
``mod_archive.lua`` (see that file's header for the list).
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import hmac
import re
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import TracebackType

SERVER_DIR = Path(__file__).resolve().parent
"""Where ``mod_archive.lua`` lives: the config's ``plugin_paths``."""

BASE_MODULES = (
    "roster",
    "saslauth",
    "tls",
    "disco",
    "private",
    "pep",
    "bookmarks",
    "ping",
    "register",
    "time",
)
"""Prosody modules the tests rely on, besides our own ``archive``."""

MUC_HOST = "conference.localhost"
"""The group-chat component of a server started with ``mam=…`` (its rooms keep archives)."""

MAM_DEFAULTS: Mapping[str, object] = {
    "archive_expires_after": "never",
    "storage_archive_item_limit": 1_000_000,
    "max_archive_query_results": 100,
    "default_archive_policy": True,
    "muc_log_by_default": True,
    "muc_log_all_rooms": True,
    "muc_log_expires_after": "never",
}
"""Prosody's own ``mod_mam``/``mod_muc_mam`` settings for a server started with ``mam=…``.

Its archive store (``archive``, and ``muc_log`` for rooms) is apart from our XEP-0136
module's (``archive136``), so the two never see each other's messages.
"""

MISSING_PROSODY = (
    "The Prosody XMPP server is not installed, and the integration tests need it. "
    "Install it with: sudo bash tools/system-packages.sh test"
)

ITERATIONS = 1000
"""SCRAM iterations of test accounts: slixmpp computes them in Python at every login."""
READY_TIMEOUT = 15.0
STOP_TIMEOUT = 10.0


class ProsodyError(RuntimeError):
    """Prosody could not be started, stopped or asked to do something."""


def _lua(value: object) -> str:
    """The Lua literal for a Python value of the config."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        return f'"{escaped}"'
    if isinstance(value, Iterable):
        return "{ " + ", ".join(_lua(item) for item in value) + " }"
    raise TypeError(f"no Lua literal for {value!r}")


def _scram_record(password: str) -> str:
    """The account record of mod_auth_internal_hashed (SCRAM-SHA-1) for ``password``."""
    salt = secrets.token_hex(16)
    salted = hashlib.pbkdf2_hmac("sha1", password.encode(), salt.encode(), ITERATIONS)
    client_key = hmac.new(salted, b"Client Key", "sha1").digest()
    stored_key = hashlib.sha1(client_key).hexdigest()  # noqa: S324 (SCRAM-SHA-1 is the protocol)
    server_key = hmac.new(salted, b"Server Key", "sha1").hexdigest()
    return (
        f'return {{ ["iteration_count"] = {ITERATIONS}; ["salt"] = {_lua(salt)}; '
        f'["stored_key"] = {_lua(stored_key)}; ["server_key"] = {_lua(server_key)}; }};\n'
    )


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def make_certificate(directory: Path, host: str) -> tuple[Path, Path]:
    """Write a self-signed EC certificate for ``host`` as ``<host>.crt`` and ``<host>.key``."""
    directory.mkdir(parents=True, exist_ok=True)
    crt, key = directory / f"{host}.crt", directory / f"{host}.key"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "2",
            "-keyout",
            str(key),
            "-out",
            str(crt),
            "-subj",
            f"/CN={host}",
            "-addext",
            f"subjectAltName=DNS:{host}",
        ],
        check=True,
        capture_output=True,
    )
    return crt, key


def _sql_file() -> Path:
    """Where Prosody's SQL archive lives: in memory-backed /dev/shm when there is one.

    Prosody commits every archived message on its own; on a real disk each
    commit waits for an fsync (tens of milliseconds), which would make a test
    that chats a few thousand messages take minutes. The folder is removed
    when the test process ends.
    """
    shm = Path("/dev/shm")
    folder = Path(tempfile.mkdtemp(prefix="prosody-mam-", dir=shm if shm.is_dir() else None))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder / "prosody.sqlite"


class ProsodyServer:
    """One Prosody process with its own config and data under ``workdir``."""

    host = "localhost"

    def __init__(
        self,
        workdir: Path,
        *,
        archive: Mapping[str, object] | None = None,
        extra_modules: Iterable[str] = (),
        mam: Mapping[str, object] | None = None,
    ) -> None:
        self.workdir = Path(workdir).resolve()
        self.archive_options = dict(archive or {})
        self.mam_options = None if mam is None else {**MAM_DEFAULTS, **mam}
        mam_modules = ("mam",) if mam is not None else ()
        self.modules = (*BASE_MODULES, "archive", *mam_modules, *extra_modules)
        self.config_path = self.workdir / "prosody.cfg.lua"
        self.data_path = self.workdir / "data"
        self.log_path = self.workdir / "prosody.log"
        self.cert_dir = self.workdir / "certificates"
        self.sql_path = _sql_file() if mam is not None else self.data_path / "prosody.sqlite"
        self.port = 0
        self._process: subprocess.Popen[bytes] | None = None
        self._users = 0

    # --- life cycle -------------------------------------------------------------------

    def start(self) -> None:
        """Write the config (once), start Prosody and wait until it serves streams."""
        if shutil.which("prosody") is None or shutil.which("prosodyctl") is None:
            raise ProsodyError(MISSING_PROSODY)
        if not self.config_path.exists():
            self._prepare()
        self._process = subprocess.Popen(
            ["prosody", "--config", str(self.config_path), "-F"],
            cwd=self.workdir,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=(self.workdir / "prosody.stderr").open("ab"),
        )
        self._wait_ready()

    def stop(self) -> None:
        """Stop Prosody with SIGTERM (SIGKILL if it does not end in time). Data stays."""
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            raise ProsodyError("Prosody did not stop on SIGTERM; it was killed") from None

    def restart(self) -> None:
        """Stop and start again on the same port, keeping the data."""
        self.stop()
        self.start()

    @property
    def running(self) -> bool:
        """Whether the Prosody process is alive."""
        return self._process is not None and self._process.poll() is None

    def __enter__(self) -> ProsodyServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # --- what tests use ---------------------------------------------------------------

    @property
    def ca_cert(self) -> Path:
        """The server's self-signed certificate: the CA file a client must trust."""
        return self.cert_dir / f"{self.host}.crt"

    def register(self, user: str, password: str) -> str:
        """Create the account ``user@localhost`` and return its bare JID."""
        result = subprocess.run(
            [
                "prosodyctl",
                "--config",
                str(self.config_path),
                "register",
                user,
                self.host,
                password,
            ],
            cwd=self.workdir,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise ProsodyError(
                f"prosodyctl register {user} failed: {result.stdout}{result.stderr}".strip()
            )
        return f"{user}@{self.host}"

    def new_user(self, prefix: str = "user", password: str | None = None) -> tuple[str, str]:
        """Create an account with a name unused on this server; return (bare JID, password).

        Faster than ``register`` (no prosodyctl process): it writes the account record that
        Prosody's internal_hashed authentication reads from its data dir at each login.
        """
        self._users += 1
        user = f"{prefix}{self._users}".lower()  # as nodeprep makes it at login
        password = password or f"pw-{user}"
        accounts = self.data_path / self.host / "accounts"
        accounts.mkdir(parents=True, exist_ok=True)
        # Prosody's file names escape every character but ASCII letters and digits.
        filename = re.sub(r"[^A-Za-z0-9]", lambda m: f"%{ord(m.group()):02x}", user) + ".dat"
        (accounts / filename).write_text(_scram_record(password), encoding="utf-8")
        return f"{user}@{self.host}", password

    def log_text(self) -> str:
        """Everything Prosody has logged so far (level info and above)."""
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def archive_requests(self) -> list[str]:
        """Each archive request received, as ``<remove open='true' with='…'>`` (its element and
        attributes, in order), when started with the archive option ``log_requests=True``."""
        marker = "archive request: "
        return [line.split(marker, 1)[1] for line in self.log_text().splitlines() if marker in line]

    def log_errors(self) -> list[str]:
        """The log lines of level error (a Lua traceback in our module shows up here)."""
        return [line for line in self.log_text().splitlines() if "\terror\t" in line]

    # --- internals --------------------------------------------------------------------

    def _prepare(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.data_path.mkdir(exist_ok=True)
        make_certificate(self.cert_dir, self.host)
        if not self.port:
            self.port = free_port()
        self.config_path.write_text(self._config(), encoding="utf-8")

    def _config(self) -> str:
        lines = [
            "run_as_root = true",
            f"pidfile = {_lua(str(self.workdir / 'prosody.pid'))}",
            f"data_path = {_lua(str(self.data_path))}",
            f"plugin_paths = {_lua([str(SERVER_DIR)])}",
            f"certificates = {_lua(str(self.cert_dir))}",
            f"log = {{ info = {_lua(str(self.log_path))} }}",
            'interfaces = { "127.0.0.1" }',
            f"c2s_ports = {{ {self.port} }}",
            "s2s_ports = { }",
            "http_ports = { }",
            "https_ports = { }",
            "c2s_direct_tls_ports = { }",
            'modules_disabled = { "s2s" }',
            f"modules_enabled = {_lua(list(self.modules))}",
            "c2s_require_encryption = true",
            'authentication = "internal_hashed"',
            f"default_iteration_count = {ITERATIONS}",
            f"storage = {self._storage()}",
            f"sql = {{ driver = {_lua('SQLite3')}, database = {_lua(str(self.sql_path))} }}",
            "allow_registration = false",
        ]
        lines += [f"archive_{name} = {_lua(value)}" for name, value in self.archive_options.items()]
        lines += [f"{name} = {_lua(value)}" for name, value in (self.mam_options or {}).items()]
        lines += [
            f"VirtualHost {_lua(self.host)}",
            f"    ssl = {{ certificate = {_lua(str(self.ca_cert))}, "
            f"key = {_lua(str(self.cert_dir / (self.host + '.key')))} }}",
        ]
        if self.mam_options is not None:
            lines += [
                f"Component {_lua(MUC_HOST)} {_lua('muc')}",
                f"    modules_enabled = {_lua(['muc_mam'])}",
                "    restrict_room_creation = false",
                "    muc_room_locking = false",
                "    muc_room_default_persistent = true",
            ]
        return "\n".join(lines) + "\n"

    def _storage(self) -> str:
        """Files for everything; SQL for mod_mam's archives, whose file store reads the whole
        archive at every query (a few thousand messages take seconds a page)."""
        if self.mam_options is None:
            return '"internal"'
        return '{ archive = "sql", muc_log = "sql" }'

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            assert self._process is not None
            if self._process.poll() is not None:
                raise ProsodyError(
                    f"Prosody exited with code {self._process.returncode} while starting.\n"
                    + self.log_text()[-4000:]
                )
            if self._answers_stream():
                return
            time.sleep(0.05)
        self.stop()
        raise ProsodyError(f"Prosody did not answer within {READY_TIMEOUT} s.\n{self.log_text()}")

    def _answers_stream(self) -> bool:
        """Whether Prosody answers a stream header with its features.

        We read until Prosody closes its side: a half-read stream would make the next
        shutdown wait for a timeout.
        """
        header = (
            f"<?xml version='1.0'?><stream:stream to='{self.host}' version='1.0' "
            "xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>"
        )
        received = b""
        with (
            contextlib.suppress(OSError),
            socket.create_connection(("127.0.0.1", self.port), timeout=2) as sock,
        ):
            sock.sendall(header.encode())
            while b"stream:features>" not in received and b"/stream:features" not in received:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                received += chunk
            if b"stream:features" in received:
                sock.sendall(b"</stream:stream>")
                while sock.recv(65536):
                    pass
        return b"stream:features" in received
