"""A spreadsheet never runs an exported cell as a formula; harmless text stays as typed."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from coffeechat.lib.spreadsheet_safety import FORMULA_TRIGGERS, safe_cell, unguarded


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        (
            '=HYPERLINK("http://evil.example","click")',
            '\'=HYPERLINK("http://evil.example","click")',
        ),
        ("+1 555 0100", "'+1 555 0100"),
        ("-2+3", "'-2+3"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\t=cmd|' /C calc'!A0", "'\t=cmd|' /C calc'!A0"),
        ("\r=1+1", "'\r=1+1"),
        ("=", "'="),
    ],
)
def test_formula_looking_cells_get_an_apostrophe(value, expected):
    assert safe_cell(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "",
        "Ada Lovelace",
        "Zoë Ñúñez 日本語",
        " =not at the start",
        "a=b",
        "'=already quoted",
        "\n=line break first",
        "1+1",
        "ada@example.com",
        "https://www.linkedin.com/in/ada",
    ],
)
def test_other_cells_are_unchanged(value):
    assert safe_cell(value) == value


@given(st.text())
def test_result_never_starts_a_formula_and_keeps_the_text(value):
    result = safe_cell(value)
    assert not result.startswith(FORMULA_TRIGGERS)
    assert result in (value, "'" + value)
    # Only risky cells change.
    assert (result != value) == value.startswith(FORMULA_TRIGGERS)


@given(st.text())
def test_a_guarded_cell_reads_back_as_it_was(value):
    # A cell typed as an apostrophe before a formula sign reads the same as a guarded one.
    assume(not (value[:1] == "'" and value[1:].startswith(FORMULA_TRIGGERS)))
    assert unguarded(safe_cell(value)) == value
