"""Business days skip weekends and the seeker's public holidays."""

from datetime import date

import pytest

from coffeechat.lib.business_days import (
    add_business_days,
    business_days_between,
    is_business_day,
)


@pytest.mark.parametrize(
    ("start", "days", "country", "expected"),
    [
        (date(2026, 11, 16), 3, "US", date(2026, 11, 19)),  # Monday → Thursday
        (date(2026, 11, 20), 3, "US", date(2026, 11, 25)),  # Friday → next Wednesday
        (date(2026, 11, 24), 3, "US", date(2026, 11, 30)),  # over Thanksgiving (Thu 26)
        (date(2026, 12, 23), 3, "DE", date(2026, 12, 29)),  # Wed; Christmas Fri 25 in Germany
        (date(2026, 12, 31), 1, "GB", date(2027, 1, 4)),  # New Year's Day, then a weekend
        (date(2026, 11, 20), 7, "US", date(2026, 12, 2)),  # Friday + 7, Thanksgiving inside
        (date(2026, 11, 21), 0, "US", date(2026, 11, 21)),
        (date(2026, 11, 26), 1, "", date(2026, 11, 27)),  # no country: weekends only
    ],
)
def test_add_business_days(start, days, country, expected):
    assert add_business_days(start, days, country) == expected


def test_days_between_counts_only_business_days():
    assert business_days_between(date(2026, 11, 20), date(2026, 11, 25), "US") == 3
    assert business_days_between(date(2026, 11, 25), date(2026, 11, 20), "US") == 0


def test_holiday_and_weekend_are_not_business_days():
    assert not is_business_day(date(2026, 11, 26), "US")  # Thanksgiving
    assert is_business_day(date(2026, 11, 26), "DE")
    assert not is_business_day(date(2026, 11, 21), "US")  # Saturday


def test_unknown_country_counts_weekends_only():
    assert add_business_days(date(2026, 11, 20), 1, "XX") == date(2026, 11, 23)


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        add_business_days(date(2026, 11, 20), -1, "US")


def test_holidays_are_kept_in_the_cache_folder_and_read_back(tmp_path, monkeypatch):
    """A short command reads a country's holidays from the data folder instead of loading the
    holidays package (which imports every country) each time it starts."""
    from coffeechat.lib import business_days

    thanksgiving = date(2026, 11, 26)
    monkeypatch.setattr(business_days, "CACHE_DIR", tmp_path)
    business_days._holidays.cache_clear()
    try:
        assert not business_days.is_business_day(thanksgiving, "us")
        (cached,) = tmp_path.glob("holidays-US-2026-*.json")
        assert "2026-11-26" in cached.read_text()

        # What the file says is what the next process uses.
        cached.write_text('["2026-12-25"]')
        business_days._holidays.cache_clear()
        assert business_days.is_business_day(thanksgiving, "US")

        # A damaged file is recomputed, not trusted.
        cached.write_text("{not json")
        business_days._holidays.cache_clear()
        assert not business_days.is_business_day(thanksgiving, "US")
    finally:
        business_days._holidays.cache_clear()
