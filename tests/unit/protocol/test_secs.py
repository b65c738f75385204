"""``secs`` as both dialects define it: whole seconds after the message before, never negative.

XEP-0136 (the seed and 1.x alike) gives ``secs`` the schema type
``xs:nonNegativeInteger`` and says a message earlier than the one before it
gives its time as ``utc`` instead. A negative ``secs`` is therefore a value
that cannot be read: the collection is refused with a sentence naming the
field (the sync skips it, records it and tries it again), never read with a
clock that runs backwards and reorders the conversation.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archiveviewer.domain import Dialect
from archiveviewer.errors import MalformedInput
from archiveviewer.protocol.codec import collection_from_element
from archiveviewer.protocol.names import names_of
from archiveviewer.protocol.paging import secs_in
from archiveviewer.protocol.safexml import parse_xml

START = datetime(2024, 5, 1, 20, 0, tzinfo=UTC)
NAMESPACES = {Dialect.SEED: "http://jabber.org/protocol/archive", Dialect.URN: "urn:xmpp:archive"}


def store(dialect: Dialect, *secs: str) -> str:
    tag = names_of(dialect).collection
    kinds = ("from", "to")
    items = "".join(
        f"<{kinds[n % 2]} secs='{s}'><body>line {n}</body></{kinds[n % 2]}>"
        for n, s in enumerate(secs)
    )
    return (
        f"<{tag} xmlns='{NAMESPACES[dialect]}' with='juliet@capulet.lit' "
        f"start='2024-05-01T20:00:00Z'>{items}</{tag}>"
    )


@pytest.mark.parametrize("dialect", list(Dialect))
@pytest.mark.parametrize("value", ["-1", "-86400", "-0000000000001", "-99999999999999"])
def test_a_negative_secs_is_refused_naming_the_field(dialect: Dialect, value: str) -> None:
    with pytest.raises(MalformedInput, match=r"“secs”.*cannot be negative"):
        collection_from_element(parse_xml(store(dialect, "0", "11", value, "5")), dialect)


@pytest.mark.parametrize("dialect", list(Dialect))
@pytest.mark.parametrize("value", ["99999999999999", "1" + "0" * 40, "soon", "1.5"])
def test_an_absurd_secs_is_refused_not_a_crash(dialect: Dialect, value: str) -> None:
    with pytest.raises(MalformedInput, match="“secs”"):
        collection_from_element(parse_xml(store(dialect, "0", value)), dialect)


@pytest.mark.parametrize("dialect", list(Dialect))
def test_zero_and_plus_signed_secs_are_read(dialect: Dialect) -> None:
    collection = collection_from_element(parse_xml(store(dialect, "0", "+11", "0")), dialect)
    assert [m.time for m in collection.messages] == [
        START, START + timedelta(seconds=11), START + timedelta(seconds=11)
    ]  # fmt: skip


@pytest.mark.parametrize("dialect", list(Dialect))
def test_a_later_page_of_a_retrieve_refuses_a_negative_secs_too(dialect: Dialect) -> None:
    # The running clock of a paged retrieve adds the page's secs up.
    with pytest.raises(MalformedInput, match="cannot be negative"):
        secs_in(parse_xml(store(dialect, "3", "-2")), dialect)
    assert secs_in(parse_xml(store(dialect, "3", "2")), dialect) == 5


@given(
    st.sampled_from(list(Dialect)),
    st.lists(st.integers(min_value=-(10**6), max_value=10**6), min_size=1, max_size=12),
)
def test_times_read_never_run_backwards(dialect: Dialect, steps: list[int]) -> None:
    """Any list of secs: read in order and never earlier than the message before, or refused."""
    xml = parse_xml(store(dialect, *(str(s) for s in steps)))
    if any(s < 0 for s in steps):
        with pytest.raises(MalformedInput, match="“secs”"):
            collection_from_element(xml, dialect)
        return
    collection = collection_from_element(xml, dialect)
    times = [m.time for m in collection.messages]
    assert times == sorted(times)
    assert times[-1] == START + timedelta(seconds=sum(steps))
