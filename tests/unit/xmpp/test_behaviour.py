"""What a server was seen to do reads back as kept; the removal outcome says what else went."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from archiveviewer.domain import CollectionId
from archiveviewer.xmpp.xep_0136 import RemoveOutcome, ServerBehaviour

T = datetime(1469, 7, 21, 2, 56, 15, tzinfo=UTC)
ONE, TWO, THREE = (CollectionId(T.replace(hour=h), "juliet@capulet.com") for h in (2, 3, 4))


@pytest.mark.parametrize(
    ("behaviour", "text"),
    [
        (ServerBehaviour(), '{"drops_notes": null, "ignores_open": null, "removes_more": null}'),
        (ServerBehaviour(drops_notes=True, ignores_open=False),
         '{"drops_notes": true, "ignores_open": false, "removes_more": null}'),
    ],
)
def test_a_behaviour_is_kept_as_text_and_read_back(behaviour: ServerBehaviour, text: str) -> None:
    assert behaviour.encode() == text
    assert ServerBehaviour.decode(text) == behaviour


@pytest.mark.parametrize("text", [None, "", "not json", "[1]", '{"drops_notes": "yes"}'])
def test_unreadable_text_is_nothing_known(text: str | None) -> None:
    assert ServerBehaviour.decode(text) == ServerBehaviour()


@pytest.mark.parametrize(
    ("outcome", "sentence"),
    [
        (RemoveOutcome((ONE,)), None),
        (RemoveOutcome((ONE, TWO), (TWO,)), "The server removed another conversation as well"),
        (RemoveOutcome((ONE, TWO, THREE), (TWO, THREE)),
         "The server removed 2 other conversations"),
    ],
)
def test_what_else_went_is_said_plainly(outcome: RemoveOutcome, sentence: str | None) -> None:
    if sentence is None:
        assert outcome.sentence is None
    else:
        assert outcome.sentence is not None
        assert outcome.sentence.startswith(sentence)
        assert "local copy still holds them" in outcome.sentence
