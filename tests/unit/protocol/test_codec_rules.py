"""What the codecs refuse to send, and what they refuse to read."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from archiveviewer.domain import (
    Collection,
    CollectionId,
    Dialect,
    Direction,
    Message,
    OtrMode,
    Prefs,
    SaveMode,
    SaveRule,
)
from archiveviewer.errors import KnownError, MalformedInput
from archiveviewer.protocol.codec import collection_element, collection_from_element
from archiveviewer.protocol.prefs import pref_element, prefs_from_element
from archiveviewer.protocol.requests import modified_element
from archiveviewer.protocol.safexml import parse_xml

START = datetime(2024, 5, 1, 20, 0, tzinfo=UTC)
FORBIDDEN = (
    '<thread xmlns="jabber:client">e0ffe42b28561960c6b12b944a092794b9683a38</thread>',
    '<x xmlns="jabber:x:delay" stamp="20240501T19:59:00" />',
    '<delay xmlns="urn:xmpp:delay" stamp="2024-05-01T19:59:00Z" />',
    '<x xmlns="jabber:x:event"><composing /></x>',
    '<active xmlns="http://jabber.org/protocol/chatstates" />',
)
ALLOWED = '<x xmlns="jabber:x:oob"><url>http://verona.lit/map</url></x>'


def _collection_with_payload() -> Collection:
    message = Message(Direction.FROM, START, "Wherefore art thou Romeo?",
                      payload=(*FORBIDDEN, ALLOWED))
    return Collection(id=CollectionId(START, "juliet@capulet.lit"), items=(message,))


@pytest.mark.parametrize("dialect", list(Dialect))
def test_only_the_body_is_written_by_default(dialect: Dialect) -> None:
    element = collection_element(_collection_with_payload(), dialect)
    (message,) = list(element)
    assert [child.tag.rsplit("}", 1)[-1] for child in message] == ["body"]


@pytest.mark.parametrize(("dialect", "save"), [(Dialect.SEED, SaveMode.ALL),
                                               (Dialect.URN, SaveMode.MESSAGE)])
def test_whole_messages_never_carry_thread_delay_event_or_chat_states(
    dialect: Dialect, save: SaveMode
) -> None:
    element = collection_element(_collection_with_payload(), dialect, save=save)
    (message,) = list(element)
    assert [child.tag for child in message] == [
        f"{{{dialect.value}}}body", "{jabber:x:oob}x"
    ]


def test_payload_other_than_the_body_is_kept_when_reading() -> None:
    element = parse_xml(
        "<store xmlns='http://jabber.org/protocol/archive' with='juliet@capulet.lit' "
        "start='2024-05-01T20:00:00Z'><from secs='3'><body>Hi</body>"
        "<x xmlns='jabber:x:oob'><url>http://verona.lit/map</url></x></from></store>"
    )
    (message,) = collection_from_element(element, Dialect.SEED).messages
    assert message.time == START + timedelta(seconds=3)
    assert message.payload == (ALLOWED,)


def test_a_body_in_jabber_client_is_still_the_body() -> None:
    element = parse_xml(
        "<chat xmlns='urn:xmpp:archive' with='nurse@capulet.lit' start='2024-05-01T20:00:00Z'>"
        "<to secs='0'><body xmlns='jabber:client'>Anon, good nurse!</body></to></chat>"
    )
    (message,) = collection_from_element(element, Dialect.URN).messages
    assert message.body == "Anon, good nurse!"
    assert message.payload == ()


def test_utc_overrides_the_clock_without_moving_it() -> None:
    element = parse_xml(
        "<store xmlns='http://jabber.org/protocol/archive' with='juliet@capulet.lit' "
        "start='2024-05-01T20:00:00Z'>"
        "<from secs='5'><body>a</body></from>"
        "<from utc='2024-05-01T18:00:00Z'><body>b</body></from>"
        "<to secs='5'><body>c</body></to></store>"
    )
    times = [m.time for m in collection_from_element(element, Dialect.SEED).messages]
    assert times == [START + timedelta(seconds=5), START - timedelta(hours=2),
                     START + timedelta(seconds=10)]


@pytest.mark.parametrize(
    ("xml", "words"),
    [
        ("<store xmlns='http://jabber.org/protocol/archive' start='2024-05-01T20:00:00Z'/>",
         "whom it is with"),
        ("<store xmlns='http://jabber.org/protocol/archive' with='a@b'/>", "start"),
        ("<store xmlns='http://jabber.org/protocol/archive' with='a@b' start='yesterday'/>",
         "not a valid date"),
        ("<store xmlns='http://jabber.org/protocol/archive' with='a@b' "
         "start='2024-05-01T20:00:00Z'><to secs='soon'/></store>", "not a whole number"),
        ("<store xmlns='http://jabber.org/protocol/archive' with='a@b' "
         "start='2024-05-01T20:00:00Z' crypt='maybe'/>", "not true or false"),
    ],
)
def test_bad_collections_are_malformed_input(xml: str, words: str) -> None:
    with pytest.raises(MalformedInput, match=words):
        collection_from_element(parse_xml(xml), Dialect.SEED)


def test_unknown_preference_values_are_malformed_input() -> None:
    element = parse_xml(
        "<pref xmlns='urn:xmpp:archive'><default save='everything' otr='concede'/></pref>"
    )
    with pytest.raises(MalformedInput, match="everything"):
        prefs_from_element(element, Dialect.URN)


@pytest.mark.parametrize(
    ("rule", "dialect"),
    [
        (SaveRule(SaveMode.MESSAGE, OtrMode.ALLOW), Dialect.SEED),
        (SaveRule(SaveMode.BODY, OtrMode.TRY), Dialect.URN),
        (SaveRule(SaveMode.ALL, OtrMode.CONCEDE), Dialect.URN),
    ],
)
def test_a_value_the_dialect_does_not_know_is_not_sent(rule: SaveRule, dialect: Dialect) -> None:
    with pytest.raises(KnownError, match="does not exist"):
        pref_element(Prefs(default=rule), dialect)


def test_replication_cursor_goes_where_each_dialect_wants_it() -> None:
    since = datetime(1970, 1, 1, tzinfo=UTC)
    seed = modified_element(Dialect.SEED, since)
    urn = modified_element(Dialect.URN, since)
    rsm = "{http://jabber.org/protocol/rsm}"
    assert seed.findtext(f"{rsm}set/{rsm}after") == "1970-01-01T00:00:00Z"
    assert urn.get("start") == "1970-01-01T00:00:00Z"
    assert urn.find(f"{rsm}set/{rsm}after") is None


def test_exact_match_is_urn_only() -> None:
    from archiveviewer.protocol.requests import list_element, remove_element

    element = list_element(Dialect.URN, with_jid="capulet.lit", exact_match=True)
    assert element.get("exactmatch") == "true"
    assert remove_element(Dialect.URN, with_jid="capulet.lit", exact_match=True).get(
        "exactmatch"
    ) == "true"
    with pytest.raises(ValueError, match="urn:xmpp:archive only"):
        list_element(Dialect.SEED, with_jid="capulet.lit", exact_match=True)


def test_the_collection_of_a_retrieve_result_is_found_in_the_iq() -> None:
    from archiveviewer.protocol.codec import collection_in

    iq = parse_xml(
        "<iq xmlns='jabber:client' type='result'><chat xmlns='urn:xmpp:archive' "
        "with='nurse@capulet.lit' start='2024-05-01T20:00:00Z' version='2'/></iq>"
    )
    assert collection_in(iq, Dialect.URN).version == 2
    with pytest.raises(MalformedInput, match="holds no <store/>"):
        collection_in(iq, Dialect.SEED)
