"""The preference rules of both dialects, one table of cases each way."""

from __future__ import annotations

from decimal import Decimal

import pytest

from archiveviewer.domain import AutoArchiving, Dialect, MethodUse, OtrMode, SaveMode, SaveRule
from archiveviewer.protocol import pref_rules as rules
from archiveviewer.protocol.pref_rules import ExpiryUnit

SEED, URN = Dialect.SEED, Dialect.URN
ROMEO = "romeo@montague.net"

# (dialect, rule, the fields refused)
RULES = [
    (SEED, SaveRule(SaveMode.BODY, OtrMode.ALLOW, expire=31536000), set()),
    (URN, SaveRule(SaveMode.BODY, OtrMode.CONCEDE, expire=31536000), set()),
    (SEED, SaveRule(SaveMode.FALSE, OtrMode.REQUIRE, jid=ROMEO), set()),
    (URN, SaveRule(SaveMode.FALSE, OtrMode.REQUIRE, jid=ROMEO), set()),
    (SEED, SaveRule(SaveMode.BODY, OtrMode.REQUIRE), {"save"}),
    (URN, SaveRule(SaveMode.MESSAGE, OtrMode.REQUIRE), {"save"}),
    (SEED, SaveRule(SaveMode.MESSAGE, OtrMode.ALLOW), {"save"}),
    (SEED, SaveRule(SaveMode.STREAM, OtrMode.ALLOW), {"save"}),
    (URN, SaveRule(SaveMode.ALL, OtrMode.CONCEDE), {"save"}),
    (SEED, SaveRule(SaveMode.BODY, OtrMode.CONCEDE), {"otr"}),
    (URN, SaveRule(SaveMode.BODY, OtrMode.TRY), {"otr"}),
    (URN, SaveRule(SaveMode.BODY, OtrMode.DENY), {"otr"}),
    (SEED, SaveRule(SaveMode.BODY, OtrMode.ALLOW, expire=-1), {"expire"}),
    (SEED, SaveRule(SaveMode.BODY, OtrMode.ALLOW, jid="romeo@@montague"), {"jid"}),
    (URN, SaveRule(SaveMode.BODY, OtrMode.CONCEDE, jid=" "), {"jid"}),
    (URN, SaveRule(SaveMode.BODY, OtrMode.CONCEDE, jid="montague.net", exactmatch=True), set()),
    (
        SEED,
        SaveRule(SaveMode.BODY, OtrMode.ALLOW, jid="montague.net", exactmatch=True),
        {"exactmatch"},
    ),
    (URN, SaveRule(SaveMode.BODY, OtrMode.CONCEDE, exactmatch=True), {"exactmatch"}),
    (SEED, SaveRule(SaveMode.ALL, OtrMode.TRY, jid=ROMEO), set()),
]


@pytest.mark.parametrize(("dialect", "rule", "refused"), RULES)
def test_a_rule_is_refused_exactly_on_the_fields_the_dialect_forbids(
    dialect: Dialect, rule: SaveRule, refused: set[str]
) -> None:
    problems = rules.check_rule(rule, dialect)
    assert {p.field for p in problems} == refused
    assert all(p.reason.endswith(".") for p in problems)


def test_the_reason_for_a_value_outside_the_dialect_lists_the_dialects_values() -> None:
    [problem] = rules.check_rule(SaveRule(SaveMode.MESSAGE, OtrMode.ALLOW), SEED)
    assert "“message”" in problem.reason
    assert "false, body, all" in problem.reason


def test_otr_require_with_saving_says_to_choose_false() -> None:
    [problem] = rules.check_rule(SaveRule(SaveMode.BODY, OtrMode.REQUIRE), URN)
    assert "“false”" in problem.reason


ADVICE = [
    (URN, SaveRule(SaveMode.MESSAGE, OtrMode.CONCEDE), {"save"}),
    (URN, SaveRule(SaveMode.STREAM, OtrMode.CONCEDE), {"save"}),
    (SEED, SaveRule(SaveMode.ALL, OtrMode.ALLOW), {"save"}),
    (SEED, SaveRule(SaveMode.BODY, OtrMode.ALLOW), set()),
    (SEED, SaveRule(SaveMode.FALSE, OtrMode.ALLOW, expire=60), {"expire"}),
    (URN, SaveRule(SaveMode.BODY, OtrMode.CONCEDE, jid=ROMEO + "/orchard"), {"jid"}),
]


@pytest.mark.parametrize(("dialect", "rule", "advised"), ADVICE)
def test_advice_is_given_where_the_specification_warns(
    dialect: Dialect, rule: SaveRule, advised: set[str]
) -> None:
    assert {a.field for a in rules.advice_for(rule, dialect)} == advised
    assert rules.check_rule(rule, dialect) == ()  # advice never refuses


def test_message_and_stream_advice_differ() -> None:
    [message] = rules.advice_for(SaveRule(SaveMode.MESSAGE, OtrMode.CONCEDE), URN)
    [stream] = rules.advice_for(SaveRule(SaveMode.STREAM, OtrMode.CONCEDE), URN)
    assert "bandwidth" in message.text
    assert "beyond" in stream.text


METHODS = [
    (SEED, "auto", MethodUse.NEVER, set()),
    (SEED, "local", MethodUse.FORBID, {"use"}),
    (URN, "manual", MethodUse.CONCEDE, set()),
    (URN, "manual", MethodUse.ALLOW, {"use"}),
    (URN, "cloud", MethodUse.PREFER, {"type"}),
]


@pytest.mark.parametrize(("dialect", "kind", "use", "refused"), METHODS)
def test_methods(dialect: Dialect, kind: str, use: MethodUse, refused: set[str]) -> None:
    assert {p.field for p in rules.check_method(kind, use, dialect)} == refused


AUTO = [
    (SEED, AutoArchiving(True), False, set()),
    (SEED, AutoArchiving(True, encrypt=True), True, set()),
    (SEED, AutoArchiving(True, encrypt=True), False, {"encrypt"}),
    (SEED, AutoArchiving(False, encrypt=True), True, {"encrypt"}),
    (SEED, AutoArchiving(True, scope="global"), False, {"scope"}),
    (URN, AutoArchiving(True, scope="global"), False, set()),
    (URN, AutoArchiving(True, scope="forever"), False, {"scope"}),
    (URN, AutoArchiving(True, encrypt=True), True, {"encrypt"}),
]


@pytest.mark.parametrize(("dialect", "auto", "can_encrypt", "refused"), AUTO)
def test_automatic_archiving(
    dialect: Dialect, auto: AutoArchiving, can_encrypt: bool, refused: set[str]
) -> None:
    problems = rules.check_auto(auto, dialect, can_encrypt=can_encrypt)
    assert {p.field for p in problems} == refused


def test_every_value_of_each_dialect_is_explained_in_one_line() -> None:
    for dialect in Dialect:
        for table in (rules.SAVE_MEANINGS, rules.OTR_MEANINGS, rules.USE_MEANINGS):
            for _, text in table[dialect]:
                assert text.endswith(".")
                assert "\n" not in text
    assert len(rules.otr_modes(URN)) == 6
    assert len(rules.otr_modes(SEED)) == 4
    assert rules.save_modes(URN) == (
        SaveMode.FALSE,
        SaveMode.BODY,
        SaveMode.MESSAGE,
        SaveMode.STREAM,
    )


# (amount, unit, seconds or None when refused)
EXPIRY = [
    ("1", ExpiryUnit.YEARS, 31536000),
    ("20", ExpiryUnit.YEARS, 630720000),
    ("7", ExpiryUnit.DAYS, 604800),
    ("1.5", ExpiryUnit.DAYS, 129600),
    ("0", ExpiryUnit.SECONDS, 0),
    ("0.5", ExpiryUnit.SECONDS, None),
    ("0.00001", ExpiryUnit.DAYS, None),
    ("-1", ExpiryUnit.DAYS, None),
    ("soon", ExpiryUnit.DAYS, None),
    ("nan", ExpiryUnit.DAYS, None),
]


@pytest.mark.parametrize(("amount", "unit", "seconds"), EXPIRY)
def test_expiry_is_a_whole_number_of_seconds(
    amount: str, unit: ExpiryUnit, seconds: int | None
) -> None:
    problem = rules.expiry_problem(amount, unit)
    if seconds is None:
        assert problem is not None
        assert problem.field == "expire"
        with pytest.raises(ValueError, match=r"\."):
            rules.expiry_seconds(amount, unit)
    else:
        assert problem is None
        assert rules.expiry_seconds(Decimal(amount), unit) == seconds


def test_half_a_second_says_why() -> None:
    problem = rules.expiry_problem("0.5", ExpiryUnit.SECONDS)
    assert problem is not None
    assert "whole number of seconds" in problem.reason


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (None, "never"),
        (31536000, "1 year"),
        (630720000, "20 years"),
        (2592000, "1 month"),
        (604800, "7 days"),
        (90, "90 seconds"),
        (0, "0 seconds"),
    ],
)
def test_expiry_in_words_and_back(seconds: int | None, words: str) -> None:
    assert rules.describe_expiry(seconds) == words
    if seconds is not None:
        count, unit = rules.expiry_in_units(seconds)
        assert count * unit.value == seconds


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("never", None),
        ("3600", 3600),
        ("30d", 2592000),
        ("6m", 15552000),
        ("1y", 31536000),
        ("90s", 90),
        ("1.5d", 129600),
    ],
)
def test_command_line_expiry(text: str, seconds: int | None) -> None:
    assert rules.parse_expiry(text) == seconds


@pytest.mark.parametrize("text", ["", "soon", "0.5", "1.5s", "-3d", "d"])
def test_command_line_expiry_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"\."):
        rules.parse_expiry(text)


def test_exactmatch_is_written_and_read_in_urn_and_refused_in_the_seed() -> None:
    from archiveviewer.domain import Prefs
    from archiveviewer.errors import KnownError
    from archiveviewer.protocol.prefs import pref_element, prefs_from_element

    item = SaveRule(SaveMode.BODY, OtrMode.CONCEDE, jid="montague.net", exactmatch=True)
    element = pref_element(Prefs(items=(item,)), URN)
    assert element[0].get("exactmatch") == "true"
    assert prefs_from_element(element, URN).items == (item,)
    seed_item = SaveRule(SaveMode.BODY, OtrMode.ALLOW, jid="montague.net", exactmatch=True)
    with pytest.raises(KnownError, match="Exact matching"):
        pref_element(Prefs(items=(seed_item,)), SEED)
