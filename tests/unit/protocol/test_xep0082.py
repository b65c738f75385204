"""XEP-0082 date-times: what servers send, what the seed uses, and what we write."""

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archiveviewer.errors import MalformedInput
from archiveviewer.protocol.xep0082 import EARLIEST, format_datetime, parse_datetime

CASES = [
    # (wire text, the time it means, how we write it back)
    ("1469-07-21T02:56:15Z", datetime(1469, 7, 21, 2, 56, 15, tzinfo=UTC), "1469-07-21T02:56:15Z"),
    (
        "2024-03-01T10:00:00.5Z",
        datetime(2024, 3, 1, 10, 0, 0, 500000, tzinfo=UTC),
        "2024-03-01T10:00:00.500000Z",
    ),
    (
        "2024-03-01T10:00:00.123456789Z",
        datetime(2024, 3, 1, 10, 0, 0, 123456, tzinfo=UTC),
        "2024-03-01T10:00:00.123456Z",
    ),
    (
        "2024-03-01T12:30:00+02:30",
        datetime(2024, 3, 1, 10, 0, 0, tzinfo=UTC),
        "2024-03-01T10:00:00Z",
    ),
    (
        "2024-03-01T05:00:00-05:00",
        datetime(2024, 3, 1, 10, 0, 0, tzinfo=UTC),
        "2024-03-01T10:00:00Z",
    ),
    ("2024-03-01T10:00:00", datetime(2024, 3, 1, 10, 0, 0, tzinfo=UTC), "2024-03-01T10:00:00Z"),
    ("0000-01-01T00:00:00Z", EARLIEST, "0000-01-01T00:00:00Z"),
    ("1970-01-01T00:00:00Z", datetime(1970, 1, 1, tzinfo=UTC), "1970-01-01T00:00:00Z"),
]


@pytest.mark.parametrize(("text", "expected", "written"), CASES)
def test_reads_what_servers_and_the_seed_send(text: str, expected: datetime, written: str) -> None:
    parsed = parse_datetime(text)
    assert parsed == expected
    assert parsed.tzinfo is not None
    assert format_datetime(parsed) == written


def test_year_zero_lower_bound_sorts_before_everything() -> None:
    assert parse_datetime("0000-01-01T00:00:00Z") < parse_datetime("0001-01-01T00:00:01Z")


@pytest.mark.parametrize(
    "text",
    ["", "yesterday", "2024-13-01T00:00:00Z", "2024-02-30T00:00:00Z", "2024-01-01 00:00:00Z"],
)
def test_rejects_what_is_not_a_datetime(text: str) -> None:
    with pytest.raises(MalformedInput) as excinfo:
        parse_datetime(text)
    assert "not a valid date and time" in excinfo.value.user_message


def test_refuses_to_write_a_naive_time() -> None:
    with pytest.raises(ValueError, match="naive"):
        format_datetime(datetime(2024, 1, 1))


@given(st.datetimes(min_value=datetime(1, 1, 2), timezones=st.just(UTC)))
def test_round_trip(value: datetime) -> None:
    assert parse_datetime(format_datetime(value)) == value
