"""Fixtures shared by every test: the real Prosody test server and an in-memory keyring."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from hypothesis import HealthCheck, settings

from tests.helpers import MemoryKeyring
from tests.server.prosody import ProsodyServer

# Property tests check behaviour, never speed: a per-example deadline only makes them fail on a
# busy machine (CI has two cores). Speed is measured in tests/benchmarks/.
settings.register_profile(
    "archiveviewer", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("archiveviewer")


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Every test gets an empty keyring of its own (CI has no keyring daemon)."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(scope="session")
def prosody(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProsodyServer]:
    """One Prosody for the whole session: make your own users with ``new_user()``."""
    server = ProsodyServer(tmp_path_factory.mktemp("prosody"))
    server.start()
    yield server
    server.stop()


SERVERS_OF_TEST = pytest.StashKey[list[ProsodyServer]]()


@pytest.fixture
def make_prosody(
    tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Callable[..., ProsodyServer]]:
    """Start a Prosody with a fresh data dir and given ``archive`` options; stopped after."""
    servers: list[ProsodyServer] = []
    request.node.stash[SERVERS_OF_TEST] = servers

    def make(**archive: object) -> ProsodyServer:
        server = ProsodyServer(tmp_path / f"prosody{len(servers)}", archive=archive)
        servers.append(server)
        server.start()
        return server

    yield make
    for server in servers:
        server.stop()


@pytest.fixture(autouse=True)
def prosody_log_stays_clean(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test that uses a Prosody fails if the server logged an error meanwhile.

    Our module logs any Lua failure at level error, so this catches tracebacks that a
    client would only see as internal-server-error.
    """
    servers: list[ProsodyServer] = []
    if "prosody" in request.fixturenames:
        servers.append(request.getfixturevalue("prosody"))
    counts = {id(server): len(server.log_errors()) for server in servers}
    yield
    servers += request.node.stash.get(SERVERS_OF_TEST, [])
    errors = [e for s in servers for e in s.log_errors()[counts.get(id(s), 0) :]]
    assert errors == [], "Prosody logged errors:\n" + "\n".join(errors)


@pytest.fixture
def fresh_prosody(make_prosody: Callable[..., ProsodyServer]) -> ProsodyServer:
    """A Prosody of this test alone, with an empty data dir and default options."""
    return make_prosody()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[Any]) -> Iterator[None]:
    """Attach the end of the Prosody log to the report of a failing test that used one."""
    outcome = yield
    report = outcome.get_result()
    if not report.failed:
        return
    funcargs = getattr(item, "funcargs", {})
    servers = [value for value in funcargs.values() if isinstance(value, ProsodyServer)]
    servers += item.stash.get(SERVERS_OF_TEST, [])
    for server in dict.fromkeys(servers):
        tail = "\n".join(server.log_text().splitlines()[-200:])
        report.sections.append((f"Prosody log ({server.workdir})", tail))


def pytest_report_header() -> str:
    """Name the independent XML Encryption library that the interop tests run against."""
    import xmlsec

    library = ".".join(map(str, xmlsec.get_libxmlsec_version()))
    return f"xml encryption interop: python-xmlsec {xmlsec.__version__}, libxmlsec1 {library}"
