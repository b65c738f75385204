"""What the window is told, once, about the account's server: what it was seen to do.

A server may accept a request and not do it (notes never come back, ``open``
ignored on a remove). The program notices, keeps it per server, and hands the
window one :class:`ServerNotice` per finding, the first time only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ServerNotice:
    """One finding about a server, to tell the user once.

    ``finding`` names it (``drops_notes``, ``ignores_open``, ``removes_more``:
    the window words each in the user's language); ``sentence`` is the
    English wording, for a finding the window does not know.
    """

    server: str
    finding: str
    sentence: str


#: Shows a notice to the user (the window: the status bar and a small window).
NoticeListener = Callable[[ServerNotice], None]
