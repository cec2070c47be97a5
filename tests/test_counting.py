"""Counts in words, as the product's messages write them."""

from __future__ import annotations

import pytest

from coffeechat.lib.counting import counted


@pytest.mark.parametrize(
    ("number", "noun", "plural", "words"),
    [
        (0, "document file", "", "0 document files"),
        (1, "document file", "", "1 document file"),
        (2, "row", "", "2 rows"),
        (1, "person", "people", "1 person"),
        (30000, "person", "people", "30000 people"),
    ],
)
def test_one_is_singular_and_every_other_number_plural(number, noun, plural, words):
    assert counted(number, noun, plural) == words
