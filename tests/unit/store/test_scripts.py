"""Chinese, Japanese, Korean and Thai text found by any part of it, beside word search."""

from __future__ import annotations

from datetime import timedelta

import pytest

from archiveviewer.domain import Direction, Message
from archiveviewer.store import Replica, SearchOrder

from .conftest import T0, conversation


@pytest.fixture
def polyglot(replica: Replica) -> Replica:
    replica.replace_collection(
        conversation(
            "taro@example.jp",
            T0,
            "日本語の勉強をしています",
            "東京タワーに行きました, tokyo was fun",
            "我们明天见",
            "สวัสดีครับ",
            "한국어를 배워요",
        )
    )
    replica.replace_collection(
        conversation("somchai@example.th", T0 + timedelta(days=1), "ขอบคุณครับ", "Café at noon")
    )
    return replica


def _found(replica: Replica, typed: str) -> list[str]:
    hits = replica.search(typed, order=SearchOrder.OLDEST)
    return [h.highlights()[0] for h in hits]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("日本語", ["日本語の勉強をしています"]),
        ("本語の勉", ["日本語の勉強をしています"]),  # any substring, across scripts
        ("東京", ["東京タワーに行きました, tokyo was fun"]),
        ("明天", ["我们明天见"]),
        ("วัสดี", ["สวัสดีครับ"]),
        ("ครับ", ["สวัสดีครับ", "ขอบคุณครับ"]),
        ("한국어", ["한국어를 배워요"]),
        ("語日", []),  # not a substring
        ("東京 tokyo", ["東京タワーに行きました, tokyo was fun"]),
        ("明天 OR cafe", ["我们明天见", "Café at noon"]),
        ("ครับ -ขอบ", ["สวัสดีครับ"]),
        ('"タワーに"', ["東京タワーに行きました, tokyo was fun"]),
        ("タワ*", ["東京タワーに行きました, tokyo was fun"]),
    ],
)
def test_spaceless_scripts_are_found_by_substring(
    polyglot: Replica, typed: str, expected: list[str]
) -> None:
    assert _found(polyglot, typed) == expected


def test_the_snippet_shows_the_text_as_written_with_the_match_marked(polyglot: Replica) -> None:
    [hit] = polyglot.search("本語")
    text, spans = hit.highlights()
    assert text == "日本語の勉強をしています"
    assert [text[a:b] for a, b in spans] == ["本語"]


def test_stored_text_is_unchanged(polyglot: Replica) -> None:
    [hit] = polyglot.search("明天")
    scene = polyglot.collection(hit.collection)
    assert scene is not None
    assert isinstance(scene.items[2], Message)
    assert scene.items[2].body == "我们明天见"
    assert scene.items[2].direction is Direction.FROM
