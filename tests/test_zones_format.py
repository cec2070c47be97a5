"""How a day is written out everywhere (lib.zones.format_day): plain rules, no database."""

from __future__ import annotations

import locale
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from coffeechat.lib.zones import format_day


def test_a_day_reads_weekday_day_month_year():
    assert format_day(date(2026, 12, 3)) == "Thu 3 Dec 2026"
    assert format_day(date(2027, 1, 31), with_year=False) == "Sun 31 Jan"
    assert format_day(date(2028, 2, 29)) == "Tue 29 Feb 2028"


@given(st.dates(min_value=date(1000, 1, 1)), st.booleans())
def test_the_same_words_as_the_c_locale_writes(day, with_year):
    assert locale.setlocale(locale.LC_TIME) == "C"  # what strftime below writes in
    expected = f"{day:%a} {day.day} {day:%b}" + (f" {day:%Y}" if with_year else "")
    assert format_day(day, with_year) == expected
