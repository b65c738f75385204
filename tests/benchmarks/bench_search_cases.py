"""The query classes of ``bench_search.py`` and the raw SQL each is compared with."""

# ruff: noqa: S608 -- every statement here is fixed SQL; the values are bound

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from archiveviewer.domain import Direction
from archiveviewer.store import HitKind, SearchFilter, SearchOrder
from archiveviewer.store.codec import time_text
from archiveviewer.store.index import (
    PREFIX_LENGTHS,
    TOKENIZER,
    contact_tag,
    item_tag,
    row_id,
    time_key,
)
from archiveviewer.store.query import fts_query

SNIPPET = "snippet(items_fts, 0, '\x02', '\x03', '…', 16)"
RAW_SNIPPET = "snippet(raw_fts, 0, '\x02', '\x03', '…', 16)"
#: A plain FTS5 index of the same text, which the raw statements run on (ours keeps no
#: per-row sizes for ``bm25()``): FTS5's defaults, the same tokenizer, and the same prefix
#: indexes, so that prefix queries compare like with like.
RAW_INDEX = (
    "CREATE VIRTUAL TABLE raw_fts USING fts5 (text, content = 'search_content',"
    f" content_rowid = 'id', tokenize = '{TOKENIZER}', prefix = '{PREFIX_LENGTHS}')"
)
CONTACT = "contact7@example.org"
SINCE = datetime(2006, 1, 1, tzinfo=UTC)
UNTIL = datetime(2006, 7, 1, tzinfo=UTC)
#: 32 words and 31 operators, just under the bound (query.MAX_QUERY_TERMS); the LIKE
#: scan is given only the first word, so its ratio is a lower bound.
WIDE_OR = " OR ".join(["zephyr"] + [f"zz{n}" for n in range(31)])


@dataclass(frozen=True)
class Case:
    """One query class: what the user types, the filter, and the LIKE pattern it stands for."""

    label: str
    typed: str
    like_word: str
    search_filter: SearchFilter = field(default_factory=SearchFilter)

    def sql_filter(self) -> tuple[str, list[object]]:
        """The filter as row checks, for the raw and LIKE statements."""
        clauses, params = [], []
        f = self.search_filter
        if f.contact is not None:
            clauses.append("c.contact = ?")
            params.append(f.contact)
        if f.direction is not None:
            clauses.append("i.direction = ?")
            params.append(f.direction.value)
        if f.kinds is not None:
            clauses.append(f"i.kind IN ({', '.join('?' * len(f.kinds))})")
            params.extend(k.value for k in f.kinds)
        if f.since is not None:
            clauses.append("i.time >= ?")
            params.append(time_text(f.since))
        if f.until is not None:
            clauses.append("i.time < ?")
            params.append(time_text(f.until))
        return "".join(f" AND {c}" for c in clauses), params

    def like(self) -> tuple[str, list[object]]:
        """A LIKE scan for the same text and filter, newest first."""
        where, params = self.sql_filter()
        sql = (
            "SELECT i.id, i.text FROM items i JOIN collections c ON c.id = i.collection"
            f" WHERE i.text LIKE ? {where} ORDER BY i.time DESC LIMIT 50"
        )
        return sql, [f"%{self.like_word}%", *params]

    def match(self) -> str:
        """The MATCH expression our index answers, filters as tags."""
        f = self.search_filter
        terms = []
        if f.contact is not None:
            terms.append(f'tags : "{contact_tag(f.contact)}"')
        if f.direction is not None:
            terms.append(f'tags : "{item_tag("message", f.direction.value)}"')
        if f.kinds is not None:  # the kinds in the cases: notes or subjects
            tags = [f'"{item_tag(k.value, None)}"' for k in f.kinds]
            terms.append("tags : (" + " OR ".join(tags) + ")")
        return " AND ".join([*terms, f"text : ({fts_query(self.typed)})"])


CASES = [
    Case("common word: the", "the", "the"),
    Case("mid word: garden", "garden", "garden"),
    Case("rare word: zephyr", "zephyr", "zephyr"),
    Case("accented: cafe", "cafe", "caf"),
    Case("two words: garden night", "garden night", "garden"),
    Case('phrase: "good night"', '"good night"', "good night"),
    Case("prefix: gard*", "gard*", "gard"),
    # Added with the prefix index (schema 11): a short prefix merges the most terms.
    Case("short prefix: th*", "th*", "th"),
    Case("or: zephyr OR quixotic", "zephyr OR quixotic", "zephyr"),
    Case("not: garden -night", "garden -night", "garden"),
    Case("CJK substring: 本語", "本語", "本語"),
    Case("Chinese substring: 明天", "明天", "明天"),
    Case("Thai substring: วัส", "วัส", "วัส"),
    Case("contact + the", "the", "the", SearchFilter(contact=CONTACT)),
    Case("6 months + the", "the", "the", SearchFilter(since=SINCE, until=UNTIL)),
    Case("OR of 32 words (63 of 64 allowed)", WIDE_OR, "zephyr"),
    Case("sent only + night", "night", "night", SearchFilter(direction=Direction.TO)),
    Case("notes only + the", "the", "the", SearchFilter(kinds=frozenset({HitKind.NOTE}))),
    Case("subjects + plans", "plans", "plans", SearchFilter(kinds=frozenset({HitKind.SUBJECT}))),
    Case(
        "contact + 6 months + rare",
        "zephyr",
        "zephyr",
        SearchFilter(contact=CONTACT, since=SINCE, until=UNTIL),
    ),
]


def raw_sql(case: Case, order: SearchOrder) -> tuple[tuple[str, list[object]], ...]:
    """(raw FTS5 on ``raw_fts``, FTS5 floor on our index) statements for a case in an order."""
    where, params = case.sql_filter()
    plain = fts_query(case.typed)
    join = "JOIN items i ON i.id = raw_fts.rowid JOIN collections c ON c.id = i.collection"
    if order is SearchOrder.RELEVANCE:
        raw = (
            f"SELECT raw_fts.rowid, {RAW_SNIPPET}, bm25(raw_fts) FROM raw_fts {join}"
            f" WHERE raw_fts MATCH ? {where} ORDER BY rank LIMIT 50"
        )
        floor = (  # the candidate block, with the text our ranking reads
            "SELECT items_fts.rowid, i.text FROM items_fts JOIN items i ON i.id = items_fts.rowid"
            " WHERE items_fts MATCH ? AND items_fts.rowid BETWEEN ? AND ?"
            " ORDER BY items_fts.rowid LIMIT 200"
        )
    else:
        raw = (
            f"SELECT raw_fts.rowid, {RAW_SNIPPET} FROM raw_fts {join}"
            f" WHERE raw_fts MATCH ? {where} ORDER BY i.time DESC LIMIT 50"
        )
        floor = (
            f"SELECT rowid, {SNIPPET} FROM items_fts"
            " WHERE items_fts MATCH ? AND rowid BETWEEN ? AND ? ORDER BY rowid LIMIT 51"
        )
    f = case.search_filter
    first = row_id(time_key(f.until)) if f.until else -(2**63)
    last = row_id(time_key(f.since)) if f.since else 2**63 - 1
    return (raw, [plain, *params]), (floor, [case.match(), first, last])
