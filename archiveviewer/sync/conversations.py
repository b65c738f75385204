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
        cuts = [n for n in range(1, len(times)) if times[n] - times[n - 1] > self.idle_gap]
        bounds = [0, *cuts, len(times)]
        return [range(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]
