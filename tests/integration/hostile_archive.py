"""A scripted XEP-0136 server for hostile-sync tests: five conversations, one of them bad.

The server answers disco, ``<modified/>``, ``<list/>``, the server's clock
and ``<retrieve/>`` the way the seed's text does, but one entry (of the
change list, of the list, or of a retrieved collection) carries whatever
value the test chooses. Each request is kept, so a test can see what the
client asked again on its next sync. :func:`sync_once` runs one sync against it through a
real session, over TLS with a certificate of :func:`trusted_certificates`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from archiveviewer.domain import CollectionId, UnreadEntry
from archiveviewer.protocol.xep0082 import format_datetime, parse_datetime
from archiveviewer.services.sync import PluginArchive, replicate
from archiveviewer.services.worker import Worker
from archiveviewer.store import Replica
from archiveviewer.sync.progress import SyncResult
from archiveviewer.xmpp.session import AccountSession, AccountSettings
from tests.server.certs import make_authority, make_leaf
from tests.server.fake_xmpp import DOMAIN, JID, FakeServer, Script, result

PASSWORD = "s3cret-Passw0rd"
SEED = "http://jabber.org/protocol/archive"
RSM = "http://jabber.org/protocol/rsm"
FEATURES = "".join(
    f"<feature var='{SEED}#{name}'/>" for name in ("auto", "manage", "manual", "pref")
)
CHANGED_LAST = "2026-11-30T18:00:00Z"
STARTS = [f"2026-11-30T1{n}:00:00Z" for n in range(5)]
WITH = "juliet@capulet.test"
_AFTER = re.compile(rb"<after>([^<]*)</after>")
_START = re.compile(rb"start=['\"]([^'\"]*)['\"]")


def settings(server: FakeServer, ca: Path | None = None) -> AccountSettings:
    """How the program logs in to ``server``, trusting ``ca``."""
    return AccountSettings(
        jid=JID,
        password=PASSWORD,
        host="127.0.0.1",
        port=server.port,
        ca_certs=ca,
        timeout=10.0,
        reconnect_delays=(),
    )


def trusted_certificates(folder: Path) -> tuple[Path, tuple[Path, Path]]:
    """A trusted authority's certificate file and a leaf it signed for the domain."""
    authority = make_authority()
    return authority.write(folder / "ca.pem"), make_leaf(authority, folder, DOMAIN)


@dataclass
class HostileArchive:
    """Five good conversations, and ``entry`` in place of one entry of each result.

    ``changed``/``listed`` are the ``<changed/>``/``<store/>`` entries of the
    change list and the list (a test replaces one); ``retrieved`` maps a start
    as sent to the items of its ``<store/>`` (default: one message, one second in);
    ``gone`` are starts the server answers ``item-not-found`` for, ``refused``
    those it answers ``bad-request`` for.
    """

    changed: list[str] = field(
        default_factory=lambda: [f"<changed with='{WITH}' start='{s}'/>" for s in STARTS]
    )
    listed: list[str] = field(
        default_factory=lambda: [f"<store with='{WITH}' start='{s}'/>" for s in STARTS]
    )
    retrieved: dict[str, str] = field(default_factory=dict)
    features: str = FEATURES
    gone: set[str] = field(default_factory=set)
    refused: set[str] = field(default_factory=set)
    retrieves: list[str] = field(default_factory=list)

    def script(self) -> Script:
        """The fake server's script; set its ``tls`` before use."""
        return Script(answer=self.answer)

    def answer(self, request: bytes, request_id: str) -> bytes:
        if b"disco#info" in request:
            return result(
                request_id,
                f"<query xmlns='http://jabber.org/protocol/disco#info'>{self.features}</query>",
            )
        if b"<modified" in request:
            after = _AFTER.search(request)
            if after and parse_datetime(after.group(1).decode()) >= parse_datetime(CHANGED_LAST):
                return result(request_id, f"<modified xmlns='{SEED}'/>")  # nothing changed since
            rsm = f"<set xmlns='{RSM}'><last>{CHANGED_LAST}</last></set>"
            return result(
                request_id, f"<modified xmlns='{SEED}'>{''.join(self.changed)}{rsm}</modified>"
            )
        if b"<list" in request:
            rsm = f"<set xmlns='{RSM}'><count>{len(self.listed)}</count></set>"
            return result(request_id, f"<list xmlns='{SEED}'>{''.join(self.listed)}{rsm}</list>")
        if b"urn:xmpp:time" in request:
            return result(
                request_id,
                "<time xmlns='urn:xmpp:time'><tzo>Z</tzo><utc>2026-11-30T20:00:00Z</utc></time>",
            )
        start = _START.search(request)
        assert start is not None, request
        when = start.group(1).decode()
        self.retrieves.append(when)
        if when in self.gone or when in self.refused:
            condition = "item-not-found" if when in self.gone else "bad-request"
            return (
                f"<iq type='error' id='{request_id}' to='{JID}/r'><error type='cancel'>"
                f"<{condition} xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"
            ).encode()
        items = self.retrieved.get(when, "<to secs='1'><body>wherefore art thou</body></to>")
        store = (
            f"<store xmlns='{SEED}' with='{WITH}' start='{when}'>{items}"
            f"<set xmlns='{RSM}'><count>1</count></set></store>"
        )
        return result(request_id, store)


async def sync_once(
    archive: HostileArchive, trusted: tuple[Path, tuple[Path, Path]], replica_file: Path
) -> tuple[SyncResult, list[str], dict[CollectionId | UnreadEntry, str]]:
    """One sync through a real session; what it did, what is stored, what is recorded."""
    ca, leaf = trusted
    script = archive.script()
    script.tls = leaf
    worker = Worker()
    try:
        async with FakeServer(script) as server:
            session = AccountSession(settings(server, ca))
            await session.connect()
            try:
                with Replica(replica_file) as replica:
                    outcome = await replicate(
                        PluginArchive(session.archive), replica, worker, on_progress=lambda _p: None
                    )
                    stored = sorted(format_datetime(c.start) for c in replica.collection_ids())
                    recorded = replica.unreadable()
            finally:
                await session.disconnect()
    finally:
        worker.shutdown()
    return outcome, stored, recorded
