"""Conversations out of an archive's stream of messages (XEP-0313 has no collections).

A conversation is the messages with one contact (its bare JID; the room for a
group chat) with no silence longer than the idle gap between two of them.

Grouping is a pure function of the *set* of a contact's messages: the same
messages always give the same conversations, whatever order or pages they
arrived in. That is what keeps conversations stable across syncs: a message
that arrives late (an older page, a gap filled) simply joins the conversation
it falls into, or joins two that it bridges; nothing is stored twice and
nothing is lost, because regrouping only moves messages between
conversations.

A conversation's identity is the collection key ``(contact, time of its
earliest message)``. It changes only when a message older than that (and
within the idle gap of it) arrives, or when two conversations merge; the
replica then replaces the old conversation by the new one in the same
transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

#: The silence after which a new conversation starts, unless the user sets another.
DEFAULT_IDLE_GAP = timedelta(minutes=30)


@dataclass(frozen=True)
class ConversationRule:
    """How a contact's messages are cut into conversations: by ``idle_gap`` of silence."""

    idle_gap: timedelta = DEFAULT_IDLE_GAP

    def __post_init__(self) -> None:
        if self.idle_gap <= timedelta(0):
            raise ValueError("the idle gap between conversations must be positive")

    def split(self, times: Sequence[datetime]) -> list[range]:
        """The conversations of one contact's messages, as ranges of indices.

        ``times`` must be in time order. A new conversation starts after a
        silence longer than the idle gap; equal to it still continues.
        """
        return self.groups([(t, t) for t in times])

    def groups(self, spans: Sequence[tuple[datetime, datetime]]) -> list[range]:
        """The conversations that spans of messages make together, as ranges of indices.

        Each span is (first, last) time of messages already known to belong
        together (a stored conversation, or one message: first = last), in
        order of their first time. Spans join when the silence between them
        is not longer than the idle gap; a span is never cut, because adding
        messages only shortens silences. With one-message spans this is
        :meth:`split`, so grouping page by page gives what grouping all
        messages at once would.
        """
        result: list[range] = []
        start = 0
        reach: datetime | None = None
        for n, (first, last) in enumerate(spans):
            if reach is not None and first - reach > self.idle_gap:
                result.append(range(start, n))
                start = n
            reach = last if reach is None or last > reach else reach
        if spans:
            result.append(range(start, len(spans)))
        return result
