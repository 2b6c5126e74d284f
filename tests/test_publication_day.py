"""Publication dates are parsed, not compared as strings (the day the reader sorts by)."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from tui.core.dates import parse_day as parse_date


def test_the_formats_scrapes_and_metadata_use() -> None:
    assert parse_date("2025-03-02") == date(2025, 3, 2)
    assert parse_date("2025-03-02T10:15:00Z") == date(2025, 3, 2)
    assert parse_date("March 2, 2025") == date(2025, 3, 2)
    assert parse_date("Published Mar 2, 2025 at 10am") == date(2025, 3, 2)
    assert parse_date("2 March 2025") == date(2025, 3, 2)
    assert parse_date("yesterday") is None
    assert parse_date("2025-13-45") is None
    assert parse_date(None) is None


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_order_follows_time_not_spelling(day: date) -> None:
    # "March 10" sorts after "March 9" in time, though not as a string.
    spelled = f"{day:%B} {day.day}, {day.year}"
    assert parse_date(spelled) == day == parse_date(day.isoformat())
