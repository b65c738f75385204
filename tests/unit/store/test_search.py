"""Searching the replica as a user would: words, accents, phrases, filters, snippets."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archiveviewer.domain import Direction, Note
from archiveviewer.errors import SearchTooLong
from archiveviewer.store import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    HitKind,
    Replica,
    SearchFilter,
    SearchOrder,
)

from .conftest import T0, balcony, conversation


@pytest.fixture
def verona(replica: Replica) -> Replica:
    replica.replace_collection(balcony())
    replica.replace_collection(
        conversation(
            "romeo@montague.net/orchard",
            T0 + timedelta(days=2),
            "But soft, what light through yonder window breaks?",
            "It is the east, and Juliet is the sun.",
            "ROMEO! ROMEO!",
            subject="Orchard",
        )
    )
    replica.replace_collection(
        conversation(
            "friar@laurence.org",
            T0 + timedelta(days=30),
            "These violent delights have violent ends",
            "Wisely and slow; they stumble that run fast.",
        )
    )
    return replica


def _texts(hits: list) -> list[str]:  # type: ignore[type-arg]
    return [h.highlights()[0] for h in hits]


@pytest.mark.parametrize("typed", ["romeo", "ROMEO", "Roméo", "rOmÉo"])
def test_case_and_accents_do_not_matter(verona: Replica, typed: str) -> None:
    hits = verona.search(typed, order=SearchOrder.OLDEST)
    assert _texts(hits) == ["Wherefore art thou Roméo?", "ROMEO! ROMEO!"]


def test_all_words_must_match(verona: Replica) -> None:
    assert _texts(verona.search("juliet sun")) == ["It is the east, and Juliet is the sun."]
    assert verona.search("juliet moon") == []


def test_phrases(verona: Replica) -> None:
    assert _texts(verona.search('"violent ends"')) == ["These violent delights have violent ends"]
    assert verona.search('"ends violent"') == []


def test_prefix(verona: Replica) -> None:
    assert _texts(verona.search("yond*")) == ["But soft, what light through yonder window breaks?"]
    assert verona.search("yond") == []


def test_or_and_not(verona: Replica) -> None:
    either = verona.search("window OR stumble", order=SearchOrder.OLDEST)
    assert len(either) == 2
    assert _texts(verona.search("violent NOT delights")) == []
    assert _texts(verona.search("romeo -wherefore")) == ["ROMEO! ROMEO!"]


def test_subjects_and_notes_are_searched(verona: Replica) -> None:
    [subject] = verona.search("orchard")
    assert (subject.kind, subject.ordinal) == (HitKind.SUBJECT, None)
    assert subject.time == T0 + timedelta(days=2)
    [note] = verona.search("speaks names")
    assert (note.kind, note.ordinal, note.direction) == (HitKind.NOTE, 1, None)


def test_a_hit_says_where_to_open_the_collection(verona: Replica) -> None:
    [hit] = verona.search('"speak at this"')
    assert hit.collection == balcony().id
    assert hit.ordinal == 2
    assert hit.kind is HitKind.MESSAGE
    collection = verona.collection(hit.collection)
    assert collection is not None
    assert collection.items[hit.ordinal] == balcony().items[2]
    said = balcony().messages[1]
    assert (hit.direction, hit.nick, hit.time) == (Direction.TO, "romeo", said.time)


def test_snippets_mark_the_matched_words(verona: Replica) -> None:
    [hit] = verona.search("wisely stumble")
    assert hit.snippet == (
        f"{HIGHLIGHT_START}Wisely{HIGHLIGHT_END} and slow; they "
        f"{HIGHLIGHT_START}stumble{HIGHLIGHT_END} that run fast."
    )
    plain, spans = hit.highlights()
    assert [plain[a:b] for a, b in spans] == ["Wisely", "stumble"]


def test_long_text_is_cut_around_the_hit(replica: Replica) -> None:
    body = " ".join(["filler"] * 200 + ["needle"] + ["filler"] * 200)
    replica.replace_collection(conversation("a@x", T0, body))
    [hit] = replica.search("needle")
    plain, spans = hit.highlights()
    assert len(plain) < 200
    assert plain.startswith("…")
    assert plain.endswith("…")
    assert [plain[a:b] for a, b in spans] == ["needle"]


def test_ordering(verona: Replica) -> None:
    newest = verona.search("romeo", order=SearchOrder.NEWEST)
    assert [h.time for h in newest] == sorted((h.time for h in newest), reverse=True)
    by_rank = verona.search("romeo")
    # bm25 prefers the short message that says "romeo" twice.
    assert _texts(by_rank)[0] == "ROMEO! ROMEO!"
    assert [h.score for h in by_rank] == sorted(h.score for h in by_rank)


def test_paging(replica: Replica) -> None:
    replica.replace_collection(conversation("a@x", T0, *[f"stone number {n}" for n in range(25)]))
    pages = [
        replica.search("stone", order=SearchOrder.OLDEST, limit=10, offset=n) for n in (0, 10, 20)
    ]
    assert [len(p) for p in pages] == [10, 10, 5]
    ordinals = [h.ordinal for p in pages for h in p]
    assert ordinals == list(range(25))


def test_counting_hits(verona: Replica) -> None:
    assert verona.count_hits("romeo") == 2
    assert verona.count_hits("romeo", SearchFilter(contact="romeo@montague.net")) == 1
    assert verona.count_hits("* (") == 0
    assert verona.count_hits("AND") == 2  # read as the word "and"


def test_filters(verona: Replica) -> None:
    mine = SearchFilter(contact="Romeo@Montague.net")
    assert _texts(verona.search("romeo", mine)) == ["ROMEO! ROMEO!"]
    resource = SearchFilter(contact="juliet@capulet.com/chamber")
    assert _texts(verona.search("romeo", resource)) == ["Wherefore art thou Roméo?"]
    assert verona.search("romeo", SearchFilter(contact="juliet@capulet.com/other")) == []
    later = SearchFilter(since=T0 + timedelta(days=1))
    assert _texts(verona.search("romeo", later)) == ["ROMEO! ROMEO!"]
    earlier = SearchFilter(until=T0 + timedelta(days=1))
    assert _texts(verona.search("romeo", earlier)) == ["Wherefore art thou Roméo?"]
    sent = SearchFilter(direction=Direction.TO)
    assert _texts(verona.search("shall OR names OR orchard", sent)) == [
        "Shall I hear more, or shall I speak at this?"
    ]


def test_the_index_follows_replace_and_remove(verona: Replica) -> None:
    newer = balcony().__class__(id=balcony().id, items=(Note("a rose by any other name"),))
    verona.replace_collection(newer)
    assert verona.search("wherefore") == []
    assert verona.search("balcony") == []  # the old subject went too
    assert _texts(verona.search("rose")) == ["a rose by any other name"]
    verona.remove_collection(balcony().id)
    assert verona.search("rose") == []
    integrity = verona._db.execute(
        "INSERT INTO items_fts (items_fts, rank) VALUES ('integrity-check', 1)"
    )
    assert integrity.fetchall() == []


HOSTILE = [
    "AND",
    "OR",
    "NOT",
    "NEAR(",
    "NEAR(a b",
    '"',
    '"unbalanced',
    'a"b',
    "*",
    "-",
    "--",
    "-*",
    "(",
    ")",
    "a AND",
    "OR a",
    "a OR OR b",
    "NOT a",
    "a NOT",
    "^",
    "col:romeo",
    "text:romeo",
    "{text}: a",
    "a + b",
    "\x00",
    "romeo\x00",
    "'",
    "''",
    "\\",
    '""',
    '"*"',
    "* romeo",
    "AND OR NOT",
    "NEAR(romeo juliet, 5)",
    "romeo*juliet",
    "ro*meo",
    "",
    "   ",
    "\ud800",  # a lone surrogate cannot even be encoded
    "romeo\udfff",
]


@pytest.mark.parametrize("typed", HOSTILE)
def test_hostile_text_never_raises(verona: Replica, typed: str) -> None:
    for order in SearchOrder:
        verona.search(typed, order=order)


def test_hostile_text_still_searches_what_makes_sense(verona: Replica) -> None:
    assert len(verona.search('"romeo')) == 2
    assert len(verona.search("romeo AND")) == 2
    assert len(verona.search("(romeo)")) == 2
    assert verona.search("NEAR(romeo") == []  # "near" is read as a word
    assert verona.search("*") == []


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Replica]:
    """One replica for the many examples of the property tests below."""
    with Replica(tmp_path_factory.mktemp("shared") / "replica.sqlite") as replica:
        replica.replace_collection(balcony())
        yield replica


@settings(max_examples=300, deadline=None)
@given(typed=st.text(max_size=40))
def test_any_text_never_raises(typed: str, shared: Replica) -> None:
    shared.search(typed)
    shared.search(typed, order=SearchOrder.NEWEST)
    shared.count_hits(typed)


@settings(max_examples=200, deadline=None)
@given(
    typed=st.lists(
        st.sampled_from(
            [
                '"',
                "*",
                "-",
                "(",
                ")",
                "AND",
                "OR",
                "NOT",
                "NEAR",
                ":",
                "^",
                "romeo",
                "ro",
                " ",
                "+",
                ",",
                "\x00",
                "é",
            ]
        ),
        max_size=12,
    )
)
def test_any_mix_of_fts_syntax_never_raises(typed: list[str], shared: Replica) -> None:
    shared.search("".join(typed))
    shared.search(" ".join(typed))


def test_a_pasted_page_is_refused_with_a_sentence_not_searched(verona: Replica) -> None:
    pasted = " OR ".join(f"romeo{n}" for n in range(11_000))
    for ask in (verona.search, verona.search_page, verona.count_hits):
        with pytest.raises(SearchTooLong, match="longer than 1,000 characters"):
            ask(pasted)
    assert _texts(verona.search_page("romeo OR " * 31 + "juliet").hits)


def test_the_index_written_with_the_rows_agrees_with_them(replica: Replica) -> None:
    # The write path builds the filter tokens in Python; the full check
    # compares the index with what search_content says it should hold.
    replica.replace_collection(balcony())
    replica.replace_collection(
        conversation("jüliet@Capulet.lit/Bä", T0 + timedelta(days=3), "日本語です", subject="Ä")
    )
    assert replica.check() == []
    only = SearchFilter(contact="JÜLIET@capulet.lit")
    assert _texts(replica.search_page("本語", only).hits) == ["日本語です"]
    assert replica.search_page("wherefore", only).hits == ()
