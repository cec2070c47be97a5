"""A count in words: "1 document file", "2 document files", "3 people"."""

from __future__ import annotations


def counted(number: int, noun: str, plural: str = "") -> str:
    """number and its noun, singular for exactly one; the plural is noun + "s" unless given."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"
