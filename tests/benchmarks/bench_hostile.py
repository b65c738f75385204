"""Benchmark: hostile sizes on the file and network paths, time and peak memory.

Run on demand: ``.venv/bin/python tests/benchmarks/bench_hostile.py``.

Each case runs in a fresh child process, which reports its own peak RSS;
"above idle" subtracts the peak of a child that does the same set-up and
reads nothing (the baseline measured in the same run). The policy's aim is
peak RSS above idle at most about 3x the largest single item accepted, and
time linear in the input: the per-MB times of one path should be about
equal across sizes. Oversize input must be refused with memory bounded by
the limit, not by what was sent.

The network cases use the scripted loopback server of ``tests/server`` in a
process of its own, so its buffers are not counted.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MB = 1024 * 1024

_CHILD_COMMON = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
def report(seconds, outcome):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({{"seconds": seconds, "peak": peak, "outcome": outcome}}))
"""

_FILE_CHILD = """
import xml.etree.ElementTree as ET
from archiveviewer.errors import KnownError
from archiveviewer.formats.xep0136_file import read_archive
path, how = sys.argv[1], sys.argv[2]
began = time.perf_counter()
try:
    if path == "-":
        outcome = "idle"
    elif how == "etree":  # the unsafe, unchecked baseline
        ET.parse(path)
        outcome = "ElementTree"
    else:
        outcome = "read %d" % len(read_archive(path))
except KnownError as exc:
    outcome = exc.user_message[:90]
report(time.perf_counter() - began, outcome)
"""

_SERVER = """
import asyncio, sys
sys.path.insert(0, {root!r})
from tests.server.certs import make_authority, make_leaf
from tests.server.fake_xmpp import DOMAIN, JID, FakeServer, Script, result
from pathlib import Path
folder = Path(sys.argv[1]); size = int(sys.argv[2])
authority = make_authority(); ca = authority.write(folder / "ca.pem")
leaf = make_leaf(authority, folder, DOMAIN)
SEED = "".join(f"<feature var='http://jabber.org/protocol/archive#{{n}}'/>" for n in ("manage",))
# Built once, before the port is printed: the answer is ready when the client asks.
store = (b"<store xmlns='http://jabber.org/protocol/archive' with='juliet@capulet.test' "
    b"start='2026-11-30T12:00:00Z'><to secs='1'><body>" + b"x" * size + b"</body></to></store>")
def answer(request, request_id):
    if b"disco#info" in request:
        return result(request_id, f"<query xmlns='http://jabber.org/protocol/disco#info'>{{SEED}}</query>")
    head = f"<iq type='result' id='{{request_id}}' to='{{JID}}/r'>".encode()
    return b"".join([head, store, b"</iq>"])
async def main():
    async with FakeServer(Script(tls=leaf, answer=answer)) as server:
        print(server.port, flush=True)
        await asyncio.sleep(3600)
asyncio.run(main())
"""

_NET_CHILD = """
import asyncio
from datetime import UTC, datetime
from pathlib import Path
from archiveviewer.domain import CollectionId
from archiveviewer.errors import KnownError
from archiveviewer.xmpp.session import AccountSession, AccountSettings
port, ca, fetch = int(sys.argv[1]), Path(sys.argv[2]), sys.argv[3] == "fetch"
async def main():
    session = AccountSession(AccountSettings(jid="romeo@example.test", password="p",
        host="127.0.0.1", port=port, ca_certs=ca, timeout=120, reconnect_delays=()))
    await session.connect()
    began = time.perf_counter()
    outcome = "idle"
    try:
        if fetch:
            c = await session.archive.retrieve(CollectionId(
                start=datetime(2026, 11, 30, 12, tzinfo=UTC), with_jid="juliet@capulet.test"))
            outcome = "body of %d characters" % len(c.messages[0].body or "")
    except KnownError as exc:
        outcome = exc.user_message[:90]
    seconds = time.perf_counter() - began
    await session.disconnect()
    return seconds, outcome
report(*asyncio.run(main()))
"""


def _child(code: str, *args: str) -> dict[str, object]:
    source = textwrap.dedent(_CHILD_COMMON.format(root=str(ROOT))) + textwrap.dedent(code)
    done = subprocess.run(
        [sys.executable, "-c", source, *args], capture_output=True, text=True, check=True
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _line(
    label: str,
    size: int,
    run: dict[str, object],
    idle: dict[str, object],
    baseline: dict[str, object] | None = None,
) -> str:
    above = int(run["peak"]) - int(idle["peak"])  # type: ignore[call-overload]
    seconds = float(run["seconds"])  # type: ignore[arg-type]
    per_mb = seconds / (size / MB)
    ratio = ""
    if baseline is not None:
        ratio = f" = {seconds / float(baseline['seconds']):4.1f} x ElementTree.parse"  # type: ignore[arg-type]
    return (
        f"{label:<26} {size / MB:4.0f} MB {seconds:7.3f} s {per_mb:6.3f} s/MB{ratio}  "
        f"peak above idle {above / MB:6.1f} MB = {above / size:4.1f} x  | {run['outcome']}"
    )


def _archive(path: Path, body: int = 0, junk: int = 0) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write("<archive xmlns='http://jabber.org/protocol/archive' with='juliet@capulet.lit'>")
        piece = "<junk a='1'><b>some text nobody reads</b></junk>"
        for _ in range(junk // len(piece)):
            out.write(piece)
        out.write("<store start='1469-07-21T02:56:15Z'><to secs='1'><body>")
        step = "x" * MB
        for _ in range(body // MB):
            out.write(step)
        out.write("</body></to></store></archive>")


def file_cases(folder: Path) -> None:
    idle = _child(_FILE_CHILD, "-", "ours")
    print("file path (idle peak %.1f MB)" % (int(idle["peak"]) / MB))  # type: ignore[call-overload]
    for size in (4 * MB, 8 * MB, 15 * MB, 100 * MB):
        path = folder / "body.xml"
        _archive(path, body=size)
        run, base = _child(_FILE_CHILD, str(path), "ours"), _child(_FILE_CHILD, str(path), "etree")
        print(_line("one body", size, run, idle, base))
    for size in (5 * MB, 20 * MB):
        path = folder / "junk.xml"
        _archive(path, junk=size)
        run, base = _child(_FILE_CHILD, str(path), "ours"), _child(_FILE_CHILD, str(path), "etree")
        print(_line("elements beside the store", size, run, idle, base))


def network_cases(folder: Path) -> None:
    ratios: list[float] = []
    per_mb: list[float] = []
    for size in (4 * MB, 8 * MB, 15 * MB, 200 * MB):
        server = subprocess.Popen(
            [sys.executable, "-c", _SERVER.format(root=str(ROOT)), str(folder), str(size)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # asyncio's noise when the client hangs up on it
            text=True,
        )
        try:
            assert server.stdout is not None
            port = server.stdout.readline().strip()
            ca = str(folder / "ca.pem")
            idle = _child(_NET_CHILD, port, ca, "idle")
            run = _child(_NET_CHILD, port, ca, "fetch")
        finally:
            server.kill()
            server.wait()
        print(_line("retrieve with one body", size, run, idle))
        if str(run["outcome"]).startswith("body of"):
            ratios.append((int(run["peak"]) - int(idle["peak"])) / size)  # type: ignore[call-overload]
            per_mb.append(float(run["seconds"]) / (size / MB))  # type: ignore[arg-type]
    print(
        f"accepted items: peak above idle at most {max(ratios):.1f} x the item (aim: 3 x); "
        f"time per MB from {min(per_mb):.3f} to {max(per_mb):.3f} s "
        f"(spread {max(per_mb) / min(per_mb):.1f} x; linear: about 1 x)"
    )


def guard_overhead() -> None:
    """The stream guard's cost on ordinary traffic, against slixmpp's own pull parser."""
    import time
    import xml.etree.ElementTree as ET

    sys.path.insert(0, str(ROOT))
    from archiveviewer.protocol.streamguard import StreamGuard

    header = (
        b"<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
        b"xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>"
    )
    message = b"<from secs='3'><body>Parting is such sweet sorrow, good night.</body></from>"
    page = (
        b"<iq type='result' id='x'><chat xmlns='urn:xmpp:archive' with='juliet@capulet.lit' "
        b"start='2026-01-01T00:00:00Z'>" + message * 100 + b"</chat></iq>"
    )
    data = header + page * 400
    chunks = [data[i : i + 16384] for i in range(0, len(data), 16384)]
    guard_times, parser_times = [], []
    for _ in range(3):
        guard = StreamGuard()
        began = time.perf_counter()
        for chunk in chunks:
            guard.check(chunk)
        guard_times.append(time.perf_counter() - began)
        parser = ET.XMLPullParser(("start", "end"))
        began = time.perf_counter()
        for chunk in chunks:
            parser.feed(chunk)
            list(parser.read_events())
        parser_times.append(time.perf_counter() - began)
    guard_s, parser_s = min(guard_times), min(parser_times)
    print(
        f"stream guard on {len(data) / MB:.1f} MB of retrieve pages: {guard_s:.3f} s = "
        f"{guard_s / parser_s:.2f} x slixmpp's pull parser ({parser_s:.3f} s)"
    )


def main() -> None:
    guard_overhead()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        file_cases(folder)
        print("network path (each line against an idle logged-in session)")
        network_cases(folder)


if __name__ == "__main__":
    main()
