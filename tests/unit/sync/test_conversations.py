"""The pure grouping rule: conversations by idle gap, the same whatever the spans."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archiveviewer.sync.conversations import DEFAULT_IDLE_GAP, ConversationRule

T0 = datetime(2024, 1, 1, tzinfo=UTC)


def minutes(*values: float) -> list[datetime]:
    return [T0 + timedelta(minutes=v) for v in values]


def test_the_default_gap_is_thirty_minutes() -> None:
    assert ConversationRule().idle_gap == DEFAULT_IDLE_GAP == timedelta(minutes=30)


def test_a_silence_longer_than_the_gap_starts_a_new_conversation() -> None:
    rule = ConversationRule()
    assert rule.split(minutes(0, 10, 40, 70.5, 71)) == [range(0, 3), range(3, 5)]


def test_no_messages_make_no_conversations() -> None:
    assert ConversationRule().split([]) == []


def test_a_gap_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        ConversationRule(timedelta(0))


def test_a_long_stored_conversation_is_never_cut() -> None:
    rule = ConversationRule()
    spans = [(T0, T0 + timedelta(hours=5)), (T0 + timedelta(hours=2), T0 + timedelta(hours=2))]
    assert rule.groups(spans) == [range(0, 2)]


@given(st.lists(st.integers(0, 10_000), max_size=60), st.integers(1, 120))
def test_grouping_stored_conversations_with_new_messages_equals_grouping_all(
    values: list[int], gap: int
) -> None:
    rule = ConversationRule(timedelta(minutes=gap))
    times = sorted(minutes(*values))
    whole = rule.split(times)
    # Group half of the messages first, then add the rest to those conversations.
    old, new = times[::2], times[1::2]
    spans = [(old[r.start], old[r.stop - 1]) for r in rule.split(old)] + [(t, t) for t in new]
    spans.sort()
    regrouped = []
    for group in rule.groups(spans):
        members = [spans[n] for n in group]
        regrouped.append((members[0][0], max(last for _, last in members)))
    assert regrouped == [(times[r.start], times[r.stop - 1]) for r in whole]
