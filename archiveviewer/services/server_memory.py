"""What a server was seen to do, kept per server across runs, and told to the user once.

The XEP-0136 plugin finds out by watching a server work that it drops notes,
ignores ``open`` or removes more than asked (:mod:`archiveviewer.xmpp.xep_0136.behaviour`).
:class:`ServerMemory` keeps that per server domain in the data folder
(``servers/DOMAIN.json``, one :class:`ServerRecord`), gives it to every new
session (so nothing is probed twice), saves each change, and tells the user a
finding the first time only: the window in its status bar and a small window,
the command line on stderr.

A finding is trusted while the server names the same software and version
(XEP-0092) as when it was made, and for :data:`RECHECK_AFTER` at most: an
upgrade is what changes a server's behaviour, and a month bounds how long a
server that does not name its version can be wrong about. After that the plugin
starts knowing nothing and checks again as it works; what the user was told
stays told unless the server is then seen not to do it any more.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from archiveviewer.errors import KnownError
from archiveviewer.ports.notices import NoticeListener, ServerNotice
from archiveviewer.services.connection import Connection
from archiveviewer.services.workspace import Workspace
from archiveviewer.xmpp.session import AccountSession
from archiveviewer.xmpp.software import server_software
from archiveviewer.xmpp.xep_0136 import Noticed, ServerBehaviour
from archiveviewer.xmpp.xep_0136.behaviour import SENTENCES

log = logging.getLogger(__name__)

#: How long a finding is trusted when the server's software and version stay the same.
RECHECK_AFTER = timedelta(days=30)

#: Runs a blocking call off the event loop (the window's ``Worker.run``).
Runner = Callable[..., Awaitable[Any]]


async def _inline(function: Callable[..., Any], *args: Any) -> Any:
    return function(*args)


@dataclass(frozen=True)
class ServerRecord:
    """What is kept about one server: the findings, since when, on which software, what was told."""

    behaviour: ServerBehaviour = field(default_factory=ServerBehaviour)
    #: The server's "name version" when the findings were made (None: it did not say).
    software: str | None = None
    #: When the oldest finding kept was made.
    since: datetime | None = None
    #: The findings the user was told of.
    told: frozenset[str] = frozenset()

    def encode(self) -> str:
        """The text kept in the data folder."""
        return json.dumps(
            {
                "behaviour": json.loads(self.behaviour.encode()),
                "software": self.software,
                "since": self.since.isoformat() if self.since else None,
                "told": sorted(self.told),
            },
            indent=2,
            sort_keys=True,
        )

    @staticmethod
    def decode(text: str | None) -> ServerRecord:
        """Read :meth:`encode`'s text; anything unreadable is "nothing known, nothing told"."""
        try:
            data = json.loads(text or "{}")
            behaviour = ServerBehaviour.decode(json.dumps(data.get("behaviour")))
            software = data.get("software")
            since = datetime.fromisoformat(data["since"]) if data.get("since") else None
            told = frozenset(str(name) for name in data.get("told") or ())
        except (ValueError, TypeError, AttributeError):
            return ServerRecord()
        if since is not None and since.tzinfo is None:
            since = None
        return ServerRecord(
            behaviour,
            software if isinstance(software, str) else None,
            since if behaviour.known else None,
            told,
        )

    def trusted(self, software: str | None, now: datetime) -> bool:
        """True while the findings may stand: same software (when both are known), young enough."""
        if self.since is None or not now - RECHECK_AFTER < self.since <= now:
            return False
        return software is None or self.software is None or software == self.software

    def rechecked(self) -> ServerRecord:
        """Nothing known any more (to be found out again); what was told stays told."""
        return ServerRecord(told=self.told)

    def found(
        self, behaviour: ServerBehaviour, software: str | None, now: datetime
    ) -> ServerRecord:
        """This record after a change of ``behaviour``; a finding seen untrue is untold."""
        untrue = {name for name in self.told if getattr(behaviour, name, None) is False}
        return replace(
            self,
            behaviour=behaviour,
            software=self.software or software,
            since=self.since or now,
            told=self.told - untrue,
        )


class ServerMemory:
    """Keeps what servers were seen to do in ``workspace``; tells ``tell`` of each finding once.

    ``run`` performs the file reads and writes (the window passes its
    worker's ``run``; the command line reads and writes in place).
    """

    def __init__(
        self,
        workspace: Workspace,
        tell: NoticeListener | None = None,
        *,
        run: Runner = _inline,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.workspace = workspace
        self.tell = tell
        self.run = run
        self.now = clock

    async def attach(self, session: AccountSession) -> None:
        """Give the session's archive what earlier runs found, and keep what it finds from now on.

        Call it once the session is connected. The server is asked its
        software version only when there is a finding to check it against.
        """
        domain = session.jid.domain.lower()
        record = ServerRecord.decode(await self.run(self.workspace.load_server_text, domain))
        keeper = _Keeper(self, session, domain, record)
        if record.behaviour.known:
            software = await keeper.software()
            if not record.trusted(software, self.now()):
                log.info("checking %s again (now %s, found on %s)", domain, software,
                         record.software)  # fmt: skip
                keeper.record = record.rechecked()
        session.archive.behaviour = keeper.record.behaviour
        session.archive.keeper = keeper

    def read(self, domain: str) -> ServerRecord:
        """What is kept about ``domain``'s server (nothing, when there is no readable record)."""
        return ServerRecord.decode(self.workspace.load_server_text(domain.lower()))


def known_limits(connection: Connection) -> dict[str, str]:
    """What the connected server was seen not to do, as ``ActionLimits`` reasons by ability
    (``note``: it drops notes; this run's finding or an earlier run's, from :meth:`attach`)."""
    network = connection.network
    if network is None or not network.archive.behaviour.drops_notes:
        return {}
    return {"note": SENTENCES["drops_notes"]}


class _Keeper:
    """One session's :class:`~archiveviewer.xmpp.xep_0136.BehaviourKeeper`."""

    def __init__(
        self, memory: ServerMemory, session: AccountSession, domain: str, record: ServerRecord
    ) -> None:
        self.memory, self.session, self.domain, self.record = memory, session, domain, record
        self._software: tuple[str | None] | None = None

    async def software(self) -> str | None:
        """The server's software and version, asked once per session."""
        if self._software is None:
            try:
                named = await server_software(
                    self.session.client, timeout=self.session.settings.timeout
                )
            except KnownError as error:
                log.info("no software version from %s: %s", self.domain, error.user_message)
                named = None
            self._software = (named,)
        return self._software[0]

    async def keep(self, behaviour: ServerBehaviour, noticed: Noticed | None) -> None:
        """Save the change; tell the user of a finding they were not told of yet."""
        memory, tell = self.memory, self.memory.tell
        record = self.record.found(behaviour, await self.software(), memory.now())
        news = None
        if noticed is not None and tell is not None and noticed.name not in record.told:
            news = ServerNotice(self.domain, noticed.name, noticed.sentence)
            record = replace(record, told=record.told | {noticed.name})
        self.record = record
        try:
            await memory.run(memory.workspace.save_server_text, self.domain, record.encode())
        except OSError as error:
            log.warning("what %s does could not be kept: %s", self.domain, error)
        if news is not None and tell is not None:
            tell(news)
