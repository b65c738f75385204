"""What a user types, and the FTS5 query it becomes."""

from __future__ import annotations

import pytest

from archiveviewer.store.query import fts_query

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
