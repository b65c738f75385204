"""What a user types, and the FTS5 query it becomes."""

from __future__ import annotations

import pytest

from archiveviewer.errors import SearchTooLong
from archiveviewer.store import query
from archiveviewer.store.query import MAX_QUERY_CHARS, MAX_QUERY_TERMS, fts_query

CASES = [
    # plain words: each quoted, all must match
    ("romeo", '"romeo"'),
    ("romeo juliet", '"romeo" "juliet"'),
    # phrases, closed or not
    ('"fair juliet"', '"fair juliet"'),
    ('"fair   juliet', '"fair juliet"'),
    ('say "good night" twice', '"say" "good night" "twice"'),
    # prefixes
    ("wher*", '"wher" *'),
    ('"thou ar"*', '"thou ar" *'),
    # operators in capitals pass through; in lower case they are words
    ("romeo OR juliet", '"romeo" OR "juliet"'),
    ("romeo AND juliet", '"romeo" AND "juliet"'),
    ("romeo NOT juliet", '"romeo" NOT "juliet"'),
    ("romeo or juliet", '"romeo" "or" "juliet"'),
    # -word excludes, after everything else
    ("romeo -juliet", '("romeo") NOT "juliet"'),
    ("-juliet romeo OR tybalt", '("romeo" OR "tybalt") NOT "juliet"'),
    ("-juliet", '"juliet"'),
    # operators out of place are dropped, or read as words when alone
    ("AND", '"AND"'),
    ("OR romeo AND", '"romeo"'),
    ("romeo OR NOT juliet", '"romeo" NOT "juliet"'),
    # FTS5 syntax is quoted away
    ("NEAR(romeo juliet)", '"NEAR" "romeo" "juliet"'),
    ("text:romeo", '"text:romeo"'),
    ("^romeo", '"^romeo"'),
    ('a"b', '"a" "b"'),
    ("it's", '"it\'s"'),
    # nothing searchable: an empty query
    ("", ""),
    ("*", ""),
    ("-", ""),
    ('""', ""),
    ("( )", ""),
    ("\x00", ""),
]


@pytest.mark.parametrize(("typed", "query"), CASES)
def test_translation(typed: str, query: str) -> None:
    assert fts_query(typed) == query


def test_quotes_inside_a_term_are_doubled() -> None:
    # A quote cannot reach a term through the grammar, but the quoting must hold anyway.
    from archiveviewer.store.query import _Term

    assert _Term('say "hi"', prefix=False, negated=False).fts() == '"say ""hi"""'


# --- bounds: a pasted page is refused at once, and cost grows with the terms, no faster


def test_an_eleven_thousand_term_or_is_refused_before_any_of_it_is_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    read: list[str] = []
    monkeypatch.setattr(query, "_tokens", lambda text: read.append(text) or [])
    huge = " OR ".join(f"word{n}" for n in range(11_000))
    with pytest.raises(SearchTooLong) as refused:
        fts_query(huge)
    assert str(refused.value) == (
        f"The search is longer than {MAX_QUERY_CHARS:,} characters; search for less at a time."
    )
    assert read == []


def test_too_many_words_in_few_characters_are_refused() -> None:
    with pytest.raises(SearchTooLong, match=f"more than {MAX_QUERY_TERMS} words"):
        fts_query(" ".join("a" * (MAX_QUERY_TERMS + 1)))


@pytest.mark.parametrize("joiner", [" OR ", " ", " -", " AND "])
def test_the_query_grows_linearly_with_the_terms(joiner: str) -> None:
    # The work counted: the tokens the parser makes and the length of the
    # FTS5 expression SQLite parses. What each added term costs stays the
    # same from 4 terms to the most allowed: linear, never quadratic.
    def work(count: int) -> tuple[int, int]:
        typed = "kept" + "".join(f"{joiner}w{n:02}" for n in range(count - 1))
        return len(query._tokens(typed)), len(fts_query(typed))

    most = MAX_QUERY_TERMS // 2
    small = [b - a for a, b in zip(work(4), work(8), strict=True)]
    large = [b - a for a, b in zip(work(most - 4), work(most), strict=True)]
    assert large == small
    assert all(cost > 0 for cost in large)


def test_the_most_terms_allowed_still_make_a_query() -> None:
    typed = " OR ".join(f"w{n}" for n in range(MAX_QUERY_TERMS // 2))
    assert len(typed.split()) == MAX_QUERY_TERMS - 1
    assert fts_query(typed).count(" OR ") == MAX_QUERY_TERMS // 2 - 1
