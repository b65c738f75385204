"""Which preference applies to a JID, and why: one table, both dialects."""

from __future__ import annotations

import pytest

from archiveviewer.domain import Dialect, OtrMode, Prefs, SaveMode, SaveRule
from archiveviewer.protocol.pref_policy import Source, describe_rule, effective_rule

DEFAULT = SaveRule(SaveMode.BODY, OtrMode.CONCEDE, expire=31536000)
FULL = SaveRule(SaveMode.FALSE, OtrMode.REQUIRE, jid="romeo@montague.net/orchard")
BARE = SaveRule(SaveMode.MESSAGE, OtrMode.FORBID, jid="romeo@montague.net")
DOMAIN = SaveRule(SaveMode.FALSE, OtrMode.CONCEDE, jid="capulet.com")
EXACT_DOMAIN = SaveRule(SaveMode.BODY, OtrMode.PREFER, jid="montague.net", exactmatch=True)
EXACT_BARE = SaveRule(SaveMode.FALSE, OtrMode.OPPOSE, jid="nurse@capulet.com", exactmatch=True)
PREFS = Prefs(default=DEFAULT, items=(FULL, BARE, DOMAIN, EXACT_DOMAIN, EXACT_BARE))

# (jid asked about, the rule that applies, where it comes from)
CASES = [
    ("romeo@montague.net/orchard", FULL, Source.FULL_JID),
    ("Romeo@Montague.NET/orchard", FULL, Source.FULL_JID),
    ("romeo@montague.net/balcony", BARE, Source.BARE_JID),
    ("romeo@montague.net", BARE, Source.BARE_JID),
    ("juliet@capulet.com/chamber", DOMAIN, Source.DOMAIN),
    ("capulet.com", DOMAIN, Source.DOMAIN),
    ("benvolio@montague.net", DEFAULT, Source.DEFAULT),  # the domain item is exact
    ("montague.net", EXACT_DOMAIN, Source.DOMAIN),
    ("nurse@capulet.com", EXACT_BARE, Source.BARE_JID),
    ("nurse@capulet.com/kitchen", DOMAIN, Source.DOMAIN),  # exact bare skipped, domain next
    ("friar@church.example", DEFAULT, Source.DEFAULT),
]


@pytest.mark.parametrize(("jid", "rule", "source"), CASES)
def test_the_most_specific_matching_item_applies(jid: str, rule: SaveRule, source: Source) -> None:
    found = effective_rule(PREFS, jid, Dialect.URN)
    assert (found.rule, found.source) == (rule, source)
    assert found.reason.endswith(".")


def test_the_seed_has_no_exactmatch_so_such_an_item_matches_broadly() -> None:
    found = effective_rule(PREFS, "benvolio@montague.net", Dialect.SEED)
    assert (found.rule, found.source) == (EXACT_DOMAIN, Source.DOMAIN)


@pytest.mark.parametrize("dialect", list(Dialect))
def test_a_domain_item_applies_to_everyone_there_in_both_dialects(dialect: Dialect) -> None:
    found = effective_rule(PREFS, "tybalt@capulet.com/sword", dialect)
    assert found.source is Source.DOMAIN
    assert "everyone at capulet.com" in found.reason


def test_a_skipped_exact_item_is_named_in_the_reason() -> None:
    found = effective_rule(PREFS, "benvolio@montague.net", Dialect.URN)
    assert "montague.net matches that address exactly" in found.reason


def test_an_unset_default_is_the_servers_not_the_users() -> None:
    prefs = Prefs(default=SaveRule(SaveMode.FALSE, OtrMode.ALLOW, unset=True))
    found = effective_rule(prefs, "romeo@montague.net", Dialect.SEED)
    assert found.source is Source.SERVER_DEFAULT
    assert "never chose" in found.reason


def test_no_default_reported() -> None:
    found = effective_rule(Prefs(), "romeo@montague.net", Dialect.SEED)
    assert found.rule is None
    assert found.source is Source.SERVER_DEFAULT
    assert "did not say" in found.summary


def test_a_bad_jid_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="not a valid JID"):
        effective_rule(PREFS, "romeo@@montague", Dialect.URN)


def test_rules_in_words() -> None:
    assert describe_rule(DEFAULT) == "message text saved, kept 1 year; OTR “concede”"
    assert describe_rule(FULL) == "nothing saved; always off the record"
