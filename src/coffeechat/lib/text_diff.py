"""What a suggested edit changes, word by word: the seeker sees a coach's suggestion as the
words taken out and the words put in, in the order they read.

Words keep the spaces and line breaks after them, so joining the pieces of either side gives
that side back exactly.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

SAME = "same"
REMOVED = "removed"
ADDED = "added"

_WORDS = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True)
class Piece:
    kind: str  # SAME, REMOVED or ADDED
    text: str


def words(text: str) -> list[str]:
    """The text in words, each with the whitespace after it (leading whitespace alone)."""
    return _WORDS.findall(text)


def word_diff(before: str, after: str) -> list[Piece]:
    """The pieces that turn `before` into `after`; neighbours of one kind are merged."""
    old, new = words(before), words(after)
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    pieces: list[Piece] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _add(pieces, SAME, "".join(old[i1:i2]))
            continue
        if tag in ("delete", "replace"):
            _add(pieces, REMOVED, "".join(old[i1:i2]))
        if tag in ("insert", "replace"):
            _add(pieces, ADDED, "".join(new[j1:j2]))
    return pieces


def _add(pieces: list[Piece], kind: str, text: str) -> None:
    if not text:
        return
    if pieces and pieces[-1].kind == kind:
        pieces[-1] = Piece(kind, pieces[-1].text + text)
    else:
        pieces.append(Piece(kind, text))


def side(pieces: list[Piece], which: str) -> str:
    """One side back from the pieces: "before" or "after"."""
    skip = ADDED if which == "before" else REMOVED
    return "".join(piece.text for piece in pieces if piece.kind != skip)


def changed_words(pieces: list[Piece]) -> tuple[int, int]:
    """How many words were taken out and put in."""
    removed = sum(len(piece.text.split()) for piece in pieces if piece.kind == REMOVED)
    added = sum(len(piece.text.split()) for piece in pieces if piece.kind == ADDED)
    return removed, added
