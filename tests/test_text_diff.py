"""The word diff a seeker reads a coach's suggestion through."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from coffeechat.lib.text_diff import ADDED, REMOVED, SAME, Piece, changed_words, side, word_diff


def test_a_changed_word_is_shown_taken_out_and_put_in():
    pieces = word_diff("I would love to chat.", "I would value 20 minutes to chat.")
    assert pieces == [
        Piece(SAME, "I would "),
        Piece(REMOVED, "love "),
        Piece(ADDED, "value 20 minutes "),
        Piece(SAME, "to chat."),
    ]
    assert changed_words(pieces) == (1, 3)


def test_same_text_is_one_unchanged_piece():
    assert word_diff("Hello there\n", "Hello there\n") == [Piece(SAME, "Hello there\n")]


def test_empty_sides():
    assert word_diff("", "") == []
    assert word_diff("", "New text") == [Piece(ADDED, "New text")]
    assert word_diff("Old text", "") == [Piece(REMOVED, "Old text")]


def test_line_breaks_are_kept():
    pieces = word_diff("Dear Ana,\n\nThanks.", "Dear Ana,\n\nThank you.")
    assert side(pieces, "after") == "Dear Ana,\n\nThank you."
    assert any(piece.kind == REMOVED and piece.text == "Thanks." for piece in pieces)


texts = st.text(alphabet=st.sampled_from("ab cé\n\t漢字 ,."), max_size=60)


@given(texts, texts)
def test_either_side_comes_back_whole(before, after):
    pieces = word_diff(before, after)
    assert side(pieces, "before") == before
    assert side(pieces, "after") == after
    kinds = [piece.kind for piece in pieces]
    assert all(a != b for a, b in zip(kinds, kinds[1:], strict=False))  # neighbours merged
    assert all(piece.text for piece in pieces)
